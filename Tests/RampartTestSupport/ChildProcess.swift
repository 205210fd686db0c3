package import AsyncHTTPClient
package import Foundation

/// Errors of the test helpers that run other programs.
package struct HelperError: Error, CustomStringConvertible {
    package let description: String
    package init(description: String) { self.description = description }
}

/// A program the tests started and must stop: a server (moto, the metadata stand-in).
package final class ChildProcess: @unchecked Sendable {
    package let process: Process
    package let name: String

    package init(process: Process, name: String) {
        self.process = process
        self.name = name
    }

    /// Starts `arguments[0]` (looked up on PATH) with the rest as arguments.
    package static func start(_ arguments: [String], environment: [String: String]? = nil, stdout: Pipe? = nil) throws -> ChildProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return ChildProcess(process: process, name: arguments.first ?? "process")
    }

    /// Kills the process and waits for it. SIGKILL, because a child of a Swift program
    /// inherits the blocked signals of the thread that started it, SIGTERM among them.
    package func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Reads the first line the process prints (blocking, off the cooperative pool).
    package static func firstLine(of pipe: Pipe, timeout: TimeInterval = 20) async throws -> String {
        let handle = pipe.fileHandleForReading
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                let deadline = Date().addingTimeInterval(timeout)
                while Date() < deadline {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes.append(contentsOf: chunk)
                    if bytes.contains(UInt8(ascii: "\n")) { break }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                if let line = text.split(separator: "\n").first {
                    continuation.resume(returning: String(line))
                } else {
                    continuation.resume(throwing: HelperError(description: "the process printed no line"))
                }
            }
        }
    }
}

/// Runs a command to completion and returns its standard output; throws on a non-zero exit.
package func runCommand(_ arguments: [String], environment: [String: String]) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            do {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = arguments
                process.environment = environment
                process.standardInput = FileHandle.nullDevice
                let out = Pipe()
                let err = Pipe()
                process.standardOutput = out
                process.standardError = err
                try process.run()
                final class Box: @unchecked Sendable { var data = Data() }
                let errorBox = Box()
                let errorRead = DispatchSemaphore(value: 0)
                DispatchQueue.global().async {
                    errorBox.data = err.fileHandleForReading.readDataToEndOfFile()
                    errorRead.signal()
                }
                let output = out.fileHandleForReading.readDataToEndOfFile()
                errorRead.wait()
                let errorData = errorBox.data
                process.waitUntilExit()
                guard process.terminationStatus == 0 else {
                    let message = String(decoding: errorData, as: UTF8.self)
                    continuation.resume(throwing: HelperError(description: "\(arguments.prefix(4).joined(separator: " ")) exited \(process.terminationStatus): \(message)"))
                    return
                }
                continuation.resume(returning: String(decoding: output, as: UTF8.self))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}

/// A port nobody listens on right now: bind 127.0.0.1:0, read the port, close.
package func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw HelperError(description: "socket() failed") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0 else { throw HelperError(description: "bind() failed") }
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard named == 0 else { throw HelperError(description: "getsockname() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Runs `body` with an HTTP client that is shut down afterwards, whatever happens.
package func withHTTPClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// A temporary directory for one test, removed when the last reference goes (or by `remove()`).
package final class TemporaryDirectory: Sendable {
    package let path: String

    package init() throws {
        path = NSTemporaryDirectory() + "rampart-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    package var url: URL { URL(fileURLWithPath: path) }

    /// Writes `text` to `name` (a relative path) inside the directory and returns the full path.
    @discardableResult
    package func write(_ name: String, _ text: String, permissions: Int? = nil) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        if let permissions { try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: file) }
        return file
    }

    package func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs `body` with a fresh temporary directory, removed afterwards.
@discardableResult
package func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) async throws -> T) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try await body(directory)
}

/// The environment of this test process less every AWS variable, so that a developer's own
/// settings never leak into a child process of a test.
package func cleanProcessEnvironment() -> [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
}
