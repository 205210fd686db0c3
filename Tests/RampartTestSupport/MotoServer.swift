package import AsyncHTTPClient
package import Foundation
package import RampartSigning
package import Testing

/// moto's server (`moto_server -H 127.0.0.1 -p <free port>`) for tests that talk to AWS APIs.
/// On start it creates an administrator user and then switches request authentication on
/// (`POST /moto-api/reset-auth` with `0`), so from then on moto checks every signature and
/// policy: a signing regression fails the tests. `aws(...)` runs the AWS CLI as that
/// administrator to set up what a test needs.
///
/// ```swift
/// @Suite(.motoServer) struct STSTests {
///     @Test func something() async throws {
///         let moto = try #require(MotoServer.current)
///         _ = try await moto.aws(["iam", "create-role", ...])
///     }
/// }
/// ```
package final class MotoServer: Sendable {
    package static let accountId = "123456789012"

    package let port: Int
    package let child: ChildProcess
    /// Keys of an IAM user allowed everything, created before authentication was switched on.
    package let admin: AWSCredentials

    package var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The server of the enclosing `.motoServer` suite.
    @TaskLocal package static var current: MotoServer?

    private init(port: Int, child: ChildProcess, admin: AWSCredentials) {
        self.port = port
        self.child = child
        self.admin = admin
    }

    /// The repository's root, for the demo generator's seed script and AMI list.
    package static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Starts a server; with `seedDemo`, it holds the demo company (`Examples/demo-generator/seed.py`,
    /// AWS-managed policies loaded) before authentication is switched on. Without `authenticate`,
    /// moto checks no signature or policy (roles assumed in other accounts need no permissions).
    /// Starts go one at a time (`TestServers.starts`), so a loaded machine is not asked to
    /// boot several Python servers at once.
    package static func start(seedDemo: Bool = false, authenticate: Bool = true) async throws -> MotoServer {
        try await TestServers.starts.withSlot { try await launch(seedDemo: seedDemo, authenticate: authenticate) }
    }

    private static func launch(seedDemo: Bool, authenticate: Bool) async throws -> MotoServer {
        let port = try freePort()
        var environment = cleanProcessEnvironment()
        // moto's request recorder writes beside the server, not into the checkout.
        environment["MOTO_RECORDER_FILEPATH"] = NSTemporaryDirectory() + "rampart-moto-recording-\(port)"
        // moto issues a requested ACM certificate 60 s after the request by default, so two scans a
        // minute apart would see different certificates; issue them at once.
        environment["MOTO_ACM_VALIDATION_WAIT"] = "0"
        if seedDemo {
            environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
            environment["MOTO_AMIS_PATH"] = repositoryRoot.appendingPathComponent("Examples/demo-generator/amis.json").path
        }
        let child = try ChildProcess.start(["moto_server", "-H", "127.0.0.1", "-p", String(port)], environment: environment)
        do {
            let endpoint = "http://127.0.0.1:\(port)"
            try await waitUntilAnswering(endpoint, child: child)
            if seedDemo {
                var seedEnvironment = cleanProcessEnvironment()
                seedEnvironment["AWS_ACCESS_KEY_ID"] = "testing"
                seedEnvironment["AWS_SECRET_ACCESS_KEY"] = "testing"
                seedEnvironment["AWS_DEFAULT_REGION"] = "us-east-1"
                seedEnvironment["AWS_CONFIG_FILE"] = "/dev/null"
                seedEnvironment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
                _ = try await runCommand(
                    ["python3", repositoryRoot.appendingPathComponent("Examples/demo-generator/seed.py").path, endpoint],
                    environment: seedEnvironment)
            }
            let unauthenticated = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")
            _ = try await runAWS(["iam", "create-user", "--user-name", "rampart-test-admin"], endpoint: endpoint, credentials: unauthenticated)
            _ = try await runAWS(
                ["iam", "put-user-policy", "--user-name", "rampart-test-admin", "--policy-name", "everything",
                 "--policy-document", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#],
                endpoint: endpoint, credentials: unauthenticated)
            let keyJSON = try await runAWS(["iam", "create-access-key", "--user-name", "rampart-test-admin"], endpoint: endpoint, credentials: unauthenticated)
            let admin = try accessKey(fromCreateAccessKeyOutput: keyJSON)
            if authenticate { try await resetAuth(endpoint) }
            return MotoServer(port: port, child: child, admin: admin)
        } catch {
            child.stop()
            throw error
        }
    }

    package func stop() { child.stop() }

    /// POSTs to one of moto's own endpoints (`/moto-api/...`).
    package func post(_ path: String) async throws {
        try await withHTTPClient { client in
            var request = HTTPClientRequest(url: endpoint + path)
            request.method = .POST
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
        }
    }

    /// GETs one of moto's own endpoints and returns the body as text.
    package func get(_ path: String) async throws -> String {
        try await withHTTPClient { client in
            let response = try await client.execute(HTTPClientRequest(url: endpoint + path), timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 1 << 28)
            return String(buffer: body)
        }
    }

    /// Runs the AWS CLI against this server as the administrator; returns its JSON output.
    package func aws(_ arguments: [String]) async throws -> String {
        try await Self.runAWS(arguments, endpoint: endpoint, credentials: admin)
    }

    /// Creates an IAM user with an inline policy and returns its access key.
    package func createUser(_ name: String, policy: String) async throws -> (arn: String, credentials: AWSCredentials) {
        _ = try await aws(["iam", "create-user", "--user-name", name])
        _ = try await aws(["iam", "put-user-policy", "--user-name", name, "--policy-name", "inline", "--policy-document", policy])
        let credentials = try Self.accessKey(fromCreateAccessKeyOutput: try await aws(["iam", "create-access-key", "--user-name", name]))
        return ("arn:aws:iam::\(Self.accountId):user/\(name)", credentials)
    }

    /// Creates a role trusted by `trust` (a full trust policy document) and returns its ARN.
    package func createRole(_ name: String, trust: String, policy: String? = nil) async throws -> String {
        _ = try await aws(["iam", "create-role", "--role-name", name, "--assume-role-policy-document", trust])
        if let policy {
            _ = try await aws(["iam", "put-role-policy", "--role-name", name, "--policy-name", "inline", "--policy-document", policy])
        }
        return "arn:aws:iam::\(Self.accountId):role/\(name)"
    }

    package static func runAWS(_ arguments: [String], endpoint: String, credentials: AWSCredentials) async throws -> String {
        var environment = cleanProcessEnvironment()
        environment["AWS_ACCESS_KEY_ID"] = credentials.accessKeyId
        environment["AWS_SECRET_ACCESS_KEY"] = credentials.secretAccessKey
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_PAGER"] = ""
        return try await runCommand(
            ["aws", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"] + arguments, environment: environment)
    }

    private static func accessKey(fromCreateAccessKeyOutput json: String) throws -> AWSCredentials {
        struct Output: Decodable {
            struct Key: Decodable {
                let AccessKeyId: String
                let SecretAccessKey: String
            }
            let AccessKey: Key
        }
        let key = try JSONDecoder().decode(Output.self, from: Data(json.utf8)).AccessKey
        return AWSCredentials(accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey)
    }

    private static func waitUntilAnswering(_ endpoint: String, child: ChildProcess) async throws {
        try await withHTTPClient { client in
            try await TestServers.waitUntilReady(
                "moto_server at \(endpoint)", isRunning: { child.process.isRunning },
                isAnswering: {
                    guard let response = try? await client.execute(HTTPClientRequest(url: "\(endpoint)/moto-api/"), timeout: .seconds(5))
                    else { return false }
                    _ = try? await response.body.collect(upTo: 1 << 22)
                    return true
                })
        }
    }

    /// From now on moto authenticates every request.
    private static func resetAuth(_ endpoint: String) async throws {
        try await withHTTPClient { client in
            var request = HTTPClientRequest(url: "\(endpoint)/moto-api/reset-auth")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "text/plain")
            request.body = .bytes(Array("0".utf8))
            let response = try await client.execute(request, timeout: .seconds(60))
            _ = try await response.body.collect(upTo: 1 << 16)
            guard response.status.code == 200 else {
                throw HelperError(description: "moto refused reset-auth: HTTP \(response.status.code)")
            }
        }
    }
}

/// Starts one moto server around a whole suite and stops it afterwards.
package struct MotoServerScope: SuiteTrait, TestScoping {
    let seedDemo: Bool
    var authenticate = true
    package var isRecursive: Bool { false }

    package func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // The suite holds one of the running slots for its whole run (see TestServers).
        try await TestServers.running.withSlot {
            let server = try await MotoServer.start(seedDemo: seedDemo, authenticate: authenticate)
            defer { server.stop() }
            try await MotoServer.$current.withValue(server) { try await function() }
        }
    }
}

extension Trait where Self == MotoServerScope {
    /// Runs the suite against a moto server of its own (`MotoServer.current`).
    package static var motoServer: Self { MotoServerScope(seedDemo: false) }
    /// Runs the suite against a moto server holding the demo company.
    package static var demoMotoServer: Self { MotoServerScope(seedDemo: true) }
    /// The demo company on a server that checks no signature: moto rejects every correctly signed
    /// rest-json request (Lambda, EFS, EKS ...; the AWS CLI's too) with SignatureDoesNotMatch once
    /// authentication is on, so suites that read those services use this one.
    package static var unauthenticatedDemoMotoServer: Self { MotoServerScope(seedDemo: true, authenticate: false) }
}
