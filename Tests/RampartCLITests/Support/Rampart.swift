import Foundation
import Testing

/// Runs the built `rampart` executable as a user would, capturing what it prints.
struct Rampart {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `rampart` sits beside the test bundle in the build folder.
    static var executable: URL {
        let buildDir = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        for candidate in [buildDir, Bundle.main.executableURL?.deletingLastPathComponent()].compactMap({ $0 }) {
            let url = candidate.appendingPathComponent("rampart")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/rampart")
    }

    /// Where the scans of this test process are saved unless a test names a store (`RAMPART_STORE`
    /// in `environment`; an empty value means "the default location"): never the real home directory.
    static let testStore = NSTemporaryDirectory() + "rampart-cli-tests-\(getpid())/rampart.sqlite"

    /// The environment every test launch of the binary gets: this one, without colour, saving to
    /// ``testStore``, then `extra` on top.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["RAMPART_STORE"] = testStore
        for (key, value) in extra { env[key] = value }
        return env
    }

    static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = Self.environment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
