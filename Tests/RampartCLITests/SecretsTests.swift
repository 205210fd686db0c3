import Foundation
import RampartTestSupport
import Testing

/// Secrets stay secret: with `--debug` and failing requests (moto refusing the signature, a
/// proxy quoting the signed request back in its error), no secret access key, session token or
/// `Authorization` value reaches stdout, stderr, a report or a snapshot; and what Rampart
/// writes is readable by its owner only.
@Suite(.motoServer, .serialized) struct SecretsTests {
    static let fakeKeyId = "AKIARAMPARTFAKE00001"
    static let fakeSecret = "RampartFakeSecret/DoNotPrint+0123456789abcdef"
    static let fakeToken = "RampartFakeSessionToken//DoNotPrint+zyxwvutsrqponmlkjihgfedcba9876543210"

    func environment(keyId: String, secret: String, token: String) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": keyId, "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": token, "AWS_PROFILE": "",
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_DEFAULT_REGION": "us-east-1",
        ]
    }

    /// Every file under `directory`, with its contents and mode.
    static func files(under directory: String) -> [(path: String, contents: String, mode: Int, isDirectory: Bool)] {
        var found: [(String, String, Int, Bool)] = []
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        while let item = walker.nextObject() as? String {
            let path = directory + "/" + item
            let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
            let mode = (attributes[.posixPermissions] as? Int) ?? -1
            let isDirectory = (attributes[.type] as? FileAttributeType) == .typeDirectory
            let contents = isDirectory ? "" : String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            found.append((path, contents, mode, isDirectory))
        }
        return found
    }

    /// The secrets of `requests` as the proxy saw them, and the configured ones.
    static func secrets(_ requests: [FaultProxy.Request], configured: [String]) -> [String] {
        var secrets = configured.filter { !$0.isEmpty }
        for request in requests {
            if !request.authorization.isEmpty {
                secrets.append(request.authorization)
                if let signature = request.authorization.components(separatedBy: "Signature=").last { secrets.append(signature) }
            }
            if !request.token.isEmpty { secrets.append(request.token) }
        }
        return Array(Set(secrets))
    }

    /// Expects none of `secrets` in any of `texts` (named for the message).
    func expectNoSecret(_ secrets: [String], in texts: [(String, String)], _ label: String) {
        for (name, text) in texts {
            for secret in secrets where text.contains(secret) {
                Issue.record("\(label): a secret (\(secret.prefix(6))…) appears in \(name)")
            }
        }
    }

    /// moto refusing the unknown key, then the proxy refusing with the signed request quoted back
    /// (as AWS's signature errors quote the canonical request, session token included).
    @Test(arguments: ["moto refuses the signature", "the refusal quotes the request"])
    func aRefusedSignatureWithDebugLeaksNoSecret(refusal: String) async throws {
        let moto = try #require(MotoServer.current)
        let rules = refusal.hasPrefix("moto") ? [] : [FaultProxy.Rule("echo", rate: 1)]
        let proxy = try await FaultProxy.start(upstream: moto.endpoint, rules: rules)
        defer { proxy.stop() }
        let work = try TemporaryDirectory()
        let env = environment(keyId: Self.fakeKeyId, secret: Self.fakeSecret, token: Self.fakeToken)
        let scan = try Rampart.run(
            ["scan", "--debug", "--endpoint-url", proxy.endpoint, "--region", "us-east-1", "--format", "json", "--output-dir", work.path + "/out"],
            environment: env)
        let collect = try Rampart.run(
            ["collect", "--endpoint-url", proxy.endpoint, "--region", "us-east-1", "--output", work.path + "/snapshot"], environment: env)
        #expect(scan.status == 2 && collect.status == 2, "\(refusal): \(scan.stderr)")
        #expect(scan.stderr.hasPrefix("rampart: cannot identify the account"), "\(scan.stderr)")
        if !rules.isEmpty { #expect(scan.stderr.contains("[redacted]"), "the quoted request is shown redacted: \(scan.stderr)") }
        let requests = try await proxy.log().requests
        #expect(requests.contains { !$0.authorization.isEmpty && !$0.token.isEmpty }, "the requests were signed and carried the token")
        let secrets = Self.secrets(requests, configured: [Self.fakeSecret, Self.fakeToken])
        let written = Self.files(under: work.path).map { ($0.path, $0.contents) }
        #expect(written.isEmpty, "nothing is written when the account cannot be read: \(written.map(\.0))")
        expectNoSecret(secrets, in: [("scan stdout", scan.stdout), ("scan stderr", scan.stderr), ("collect stdout", collect.stdout),
                                     ("collect stderr", collect.stderr)] + written, refusal)
    }

    @Test func errorsQuotingTheSignedRequestAreRedactedEverywhere() async throws {
        let moto = try #require(MotoServer.current)
        // The account lookup passes; half of the other calls are refused with an error that quotes
        // the request's headers (Authorization and X-Amz-Security-Token included) back.
        let proxy = try await FaultProxy.start(
            upstream: moto.endpoint, rules: [FaultProxy.Rule("echo", rate: 0, service: "sts"), FaultProxy.Rule("echo", rate: 0.5)])
        defer { proxy.stop() }
        let work = try TemporaryDirectory()
        // moto takes a session token with a user's keys as a bad temporary credential, so this run has none.
        let env = environment(keyId: moto.admin.accessKeyId, secret: moto.admin.secretAccessKey, token: "")
        let live = ["--endpoint-url", proxy.endpoint, "--region", "us-east-1", "--max-rate", "50"]
        let scan = try Rampart.run(
            ["scan", "--debug", "--format", "json", "--format", "table", "--output-dir", work.path + "/reports"] + live, environment: env)
        let collect = try Rampart.run(["collect", "--output", work.path + "/snapshot"] + live, environment: env)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(collect.status == 0, "\(collect.stderr)")
        let log = try await proxy.log()
        #expect((log.injected["echo"] ?? 0) > 20, "errors quoting the request were sent: \(log.injected)")
        let secrets = Self.secrets(log.requests, configured: [moto.admin.secretAccessKey])
        let written = Self.files(under: work.path)
        let manifest = written.first { $0.path.hasSuffix("/snapshot/manifest.json") }?.contents ?? ""
        #expect(manifest.contains("[redacted]"), "the manifest records the refusals, redacted")
        #expect(written.contains { $0.path.hasSuffix("rampart-summary.txt") && $0.contents.contains("Could not read") })
        expectNoSecret(secrets, in: [("scan stdout", scan.stdout), ("scan stderr", scan.stderr), ("collect stderr", collect.stderr)]
            + written.map { ($0.path, $0.contents) }, "quoted request")

        // Owner-only: every directory Rampart made is 0700, every file 0600.
        let made = written.filter { $0.path.hasPrefix(work.path + "/reports") || $0.path.hasPrefix(work.path + "/snapshot") }
        #expect(made.count > 10)
        for entry in made {
            #expect(entry.mode == (entry.isDirectory ? 0o700 : 0o600), "\(entry.path) has mode \(String(entry.mode, radix: 8))")
        }
        for top in ["/reports", "/snapshot"] {
            let mode = (try FileManager.default.attributesOfItem(atPath: work.path + top)[.posixPermissions] as? Int) ?? -1
            #expect(mode == 0o700, "\(top) has mode \(String(mode, radix: 8))")
        }
        print("secrets: \(log.requests.count) signed requests, \(log.injected["echo"] ?? 0) errors quoting them, "
            + "\(secrets.count) secret strings searched in \(written.count + 3) outputs: 0 found")
    }
}
