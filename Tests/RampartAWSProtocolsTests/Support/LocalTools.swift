import Foundation
import RampartAWSProtocols
import RampartJSON
import enum RampartTestSupport.TestServers

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The repository root, found from this file's place in it.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Whether `name` is an executable on PATH.
func toolExists(_ name: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}

/// What a finished process wrote and returned.
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
}

/// The environment the AWS tools run in: fake credentials, nothing from the user's AWS
/// configuration, no proxies (as Examples/demo-generator/dump.py sets it up).
func isolatedEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { key, _ in
        !key.hasPrefix("AWS_") && !["http_proxy", "https_proxy", "all_proxy", "no_proxy"].contains(key.lowercased())
    }
    env["AWS_ACCESS_KEY_ID"] = "testing"
    env["AWS_SECRET_ACCESS_KEY"] = "testing"
    env["AWS_CONFIG_FILE"] = "/dev/null"
    env["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env["AWS_PAGER"] = ""
    env["AWS_RETRY_MODE"] = "standard"
    env["AWS_MAX_ATTEMPTS"] = "2"
    for (k, v) in extra { env[k] = v }
    return env
}

/// Runs a program found on PATH and collects its output.
func runProcess(_ arguments: [String], environment: [String: String]) async throws -> ProcessOutput {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.environment = environment
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            let group = DispatchGroup()
            nonisolated(unsafe) var stdout = Data()
            nonisolated(unsafe) var stderr = Data()
            group.enter()
            DispatchQueue.global().async {
                stdout = out.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
            group.enter()
            DispatchQueue.global().async {
                stderr = err.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
            group.wait()
            process.waitUntilExit()
            continuation.resume(
                returning: ProcessOutput(
                    status: process.terminationStatus, stdout: Array(stdout), stderr: String(decoding: stderr, as: UTF8.self)))
        }
    }
}

/// Sends a codec-built request to an endpoint with a placeholder SigV4 header (moto checks no
/// signature; it reads the service and region from the credential scope).
func send(_ request: HTTPRequestParts, endpoint: AWSEndpoint, session: URLSession) async throws -> HTTPResponseParts {
    var url = endpoint.url + request.path
    if !request.query.isEmpty {
        url += "?" + request.query.map { $0.1.isEmpty ? PercentEncoding.encode($0.0) : PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }
            .joined(separator: "&")
    }
    guard let target = URL(string: url) else { throw URLError(.badURL) }
    var urlRequest = URLRequest(url: target)
    urlRequest.httpMethod = request.method
    for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
    let now = Date()
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let amzDate = formatter.string(from: now)
    let day = String(amzDate.prefix(8))
    urlRequest.setValue(amzDate, forHTTPHeaderField: "X-Amz-Date")
    urlRequest.setValue(
        "AWS4-HMAC-SHA256 Credential=testing/\(day)/\(endpoint.signingRegion)/\(endpoint.signingName)/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0",
        forHTTPHeaderField: "Authorization")
    if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
    let (data, response) = try await session.data(for: urlRequest)
    guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
    var headers: [String: String] = [:]
    for (key, value) in http.allHeaderFields {
        if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
    }
    return HTTPResponseParts(status: http.statusCode, headers: headers, body: Array(data))
}

/// A `moto_server` on a free local port, seeded with the demo estate; stopped with `stop()`.
final class MotoServer: @unchecked Sendable {
    let port: Int
    private let process: Process
    var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// One start at a time across the test process (`TestServers`).
    static func start() async throws -> MotoServer {
        try await TestServers.starts.withSlot { try await launch() }
    }

    private static func launch() async throws -> MotoServer {
        let portOutput = try await runProcess(
            ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"],
            environment: ProcessInfo.processInfo.environment)
        guard let port = Int(String(decoding: portOutput.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw MotoError("no free port: \(portOutput.stderr)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        process.environment = isolatedEnvironment([
            "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
            "MOTO_AMIS_PATH": repositoryRoot.appendingPathComponent("Examples/demo-generator/amis.json").path,
        ])
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("rampart-protocols-moto-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let server = MotoServer(port: port, process: process)
        do {
            try await TestServers.waitUntilReady(
                "moto_server at \(server.endpoint) (log: \(log.path))", isRunning: { server.process.isRunning },
                isAnswering: {
                    guard let url = URL(string: "\(server.endpoint)/moto-api/data.json"),
                        let (_, response) = try? await URLSession(configuration: .ephemeral).data(from: url)
                    else { return false }
                    return (response as? HTTPURLResponse)?.statusCode == 200
                })
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// Fixes moto's random seed (stable ids) and creates the demo estate with seed.py.
    func seed() async throws {
        var request = URLRequest(url: URL(string: "\(endpoint)/moto-api/seed?a=20261129")!)
        request.httpMethod = "POST"
        _ = try await URLSession(configuration: .ephemeral).data(for: request)
        let seedScript = repositoryRoot.appendingPathComponent("Examples/demo-generator/seed.py").path
        let result = try await runProcess(["python3", seedScript, endpoint], environment: isolatedEnvironment())
        guard result.status == 0 else { throw MotoError("seed.py failed: \(result.stderr.suffix(2000))") }
    }

    /// Kills the server. SIGKILL, because the test process's blocked signal mask is inherited
    /// by its children, so moto never sees a SIGTERM.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

struct MotoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// botocore's `xform_name(name, '-')` for the parameter names Rampart uses.
func cliOptionName(_ apiName: String) -> String {
    var out = ""
    let chars = Array(apiName)
    for (i, c) in chars.enumerated() {
        if c.isUppercase, i > 0 {
            let previous = chars[i - 1]
            let next = i + 1 < chars.count ? chars[i + 1] : nil
            if previous.isLowercase || previous.isNumber || (previous.isUppercase && (next?.isLowercase ?? false)) {
                out += "-"
            }
        }
        out += c.lowercased()
    }
    return out
}
