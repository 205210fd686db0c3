import RampartTestSupport
import AsyncHTTPClient
import Foundation
import Testing

/// The local stand-in for the container credentials endpoint and instance metadata
/// (`MetadataServerScript`), on 127.0.0.1 at a port it picks itself.
struct MetadataServer: Sendable {
    let port: Int
    let child: ChildProcess
    let directory: TemporaryDirectory

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// One request the server saw.
    struct Request: Decodable, Equatable {
        let method: String
        let path: String
        let authorization: Bool
        let imdsToken: Bool
    }

    /// Starts the server with `arguments` (`ecs --path ... --token ...`, `imds --role ...`, `silent`).
    static func start(_ arguments: [String]) async throws -> MetadataServer {
        let directory = try TemporaryDirectory()
        let script = try directory.write("metadata_server.py", MetadataServerScript.source)
        let pipe = Pipe()
        let child = try ChildProcess.start(["python3", "-u", script] + arguments, environment: cleanProcessEnvironment(), stdout: pipe)
        do {
            let line = try await ChildProcess.firstLine(of: pipe)
            guard let port = Int(line.trimmingCharacters(in: .whitespaces)) else {
                throw HelperError(description: "metadata server printed \(line) instead of a port")
            }
            return MetadataServer(port: port, child: child, directory: directory)
        } catch {
            child.stop()
            directory.remove()
            throw error
        }
    }

    func stop() {
        child.stop()
        directory.remove()
    }

    /// The requests seen so far, in order.
    func requests(using client: HTTPClient) async throws -> [Request] {
        let response = try await client.execute(HTTPClientRequest(url: "\(endpoint)/_log"), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONDecoder().decode([Request].self, from: Data(body.readableBytesView))
    }
}

/// Runs `body` with a metadata server started with `arguments`, stopped afterwards.
func withMetadataServer<T>(_ arguments: [String], _ body: (MetadataServer) async throws -> T) async throws -> T {
    let server = try await MetadataServer.start(arguments)
    defer { server.stop() }
    return try await body(server)
}
