import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import RampartFindings
import RampartInventory
import RampartJSON
import RampartOutputs
import RampartServe
import RampartStore
import Testing

/// `rampart serve` over a real SQLite store, through Hummingbird's in-process test client: the JSON
/// API, the OpenAPI document, the bearer token, and pages that show hostile names as text.
@Suite struct DashboardTests {
    static let token = "t0ken-for-tests"
    static let hostile = "\"><img src=x onerror=alert(1)>"
    static let script = "</script><script>alert(1)</script>"

    func finding(_ name: String, _ status: Status, message: String = "m") -> Finding {
        Finding(
            checkId: "s3.bucket.tls-required", title: "Buckets require TLS", status: status, severity: .high,
            resource: ResourceRef(arn: "arn:aws:s3:::\(name)", type: "AWS::S3::Bucket", account: "123456789012", region: "us-east-1", name: name),
            responsibility: Responsibility(owner: .customer, serviceModel: .infrastructure), frameworks: ["cis-aws-3.0": ["2.1.1"]], aliases: [:],
            message: message, risk: "r", evidence: JSONObject(), remediation: "aws s3api put-bucket-policy", service: "s3")
    }

    func report(_ findings: [Finding]) -> ScanReport {
        ScanReport(
            findings: findings, collectedAt: Date(timeIntervalSince1970: 1_795_000_000), accounts: ["123456789012"], regions: ["us-east-1"],
            resourceCounts: [:], problems: [], source: "snapshot ./snap", checksRun: 1)
    }

    /// Two scans: `logs` fixed, the hostile-named bucket newly failing.
    func withTwoScans(_ body: (SQLFindingStore) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "rampart-serve-tests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await SQLFindingStore.open(.sqlite(path: directory + "/rampart.sqlite"), create: true)
        _ = try await store.save(report([finding("logs", .fail)]), scannedAt: Date(timeIntervalSince1970: 1_795_000_100), rampartVersion: "1")
        _ = try await store.save(
            report([finding("logs", .pass), finding(Self.hostile, .fail, message: Self.script)]), scannedAt: Date(timeIntervalSince1970: 1_795_000_200),
            rampartVersion: "1")
        try await body(store)
        try await store.close()
    }

    func app(_ store: SQLFindingStore, token: String? = token) -> some ApplicationProtocol {
        Application(router: Dashboard.router(store: store, storeName: "test store", token: token))
    }

    var authorized: HTTPFields { [.authorization: "Bearer \(Self.token)"] }

    @Test func theAPIListsScansFindingsAndTheDiff() async throws {
        try await withTwoScans { store in
            try await app(store).test(.router) { client in
                try await client.execute(uri: "/api/scans", method: .get, headers: authorized) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    let scans = try JSONParser.parse(String(buffer: response.body)).arrayValue ?? []
                    #expect(scans.map { $0["id"] } == [.number(2), .number(1)])
                }
                try await client.execute(uri: "/api/scans/2/findings", method: .get, headers: authorized) { response in
                    let findings = try JSONParser.parse(String(buffer: response.body)).arrayValue ?? []
                    #expect(findings.compactMap { $0["resource"]?["name"]?.stringValue } == [Self.hostile, "logs"])
                    #expect(findings.first?["message"]?.stringValue == Self.script)
                }
                try await client.execute(uri: "/api/diff", method: .get, headers: authorized) { response in
                    let diff = try JSONParser.parse(String(buffer: response.body))
                    #expect(diff["summary"]?["new"] == .number(1))
                    #expect(diff["fixed"]?.arrayValue?.first?["resource"]?["name"]?.stringValue == "logs")
                }
                try await client.execute(uri: "/api/diff?old=1&new=2", method: .get, headers: authorized) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }

    /// Two shards of the run `nightly` (two accounts) beside a scan of its own.
    @Test func aShardedRunIsOneEntryWithItsAccounts() async throws {
        let directory = NSTemporaryDirectory() + "rampart-serve-tests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await SQLFindingStore.open(.sqlite(path: directory + "/rampart.sqlite"), create: true)
        _ = try await store.save(report([finding("alone", .fail)]), scannedAt: Date(timeIntervalSince1970: 1_795_000_100), rampartVersion: "1")
        for (account, status) in [("111111111111", Status.fail), ("222222222222", .pass)] {
            var shard = finding("b-\(account)", status)
            shard.resource.account = account
            var scan = report([shard])
            scan.accounts = [account]
            _ = try await store.save(scan, scannedAt: Date(timeIntervalSince1970: 1_795_000_200), rampartVersion: "1", run: RunTag(id: "nightly"))
        }
        try await app(store).test(.router) { client in
            try await client.execute(uri: "/api/scans", method: .get, headers: authorized) { response in
                let scans = try JSONParser.parse(String(buffer: response.body)).arrayValue ?? []
                #expect(scans.count == 2)
                #expect(scans.first?["runId"]?.stringValue == "nightly")
                #expect(scans.first?["shards"] == .number(2))
                #expect(scans.first?["accounts"]?.arrayValue?.compactMap(\.stringValue) == ["111111111111", "222222222222"])
                #expect(scans.last?["runId"] == nil)
            }
            try await client.execute(uri: "/api/runs/nightly/findings", method: .get, headers: authorized) { response in
                #expect(response.status == .ok)
                let findings = try JSONParser.parse(String(buffer: response.body)).arrayValue ?? []
                #expect(findings.compactMap { $0["resource"]?["account"]?.stringValue } == ["111111111111", "222222222222"])
            }
            try await client.execute(uri: "/runs/nightly", method: .get, headers: authorized) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("\"run\":\"nightly\""))
                // The page carries both accounts' findings inline; its script draws the per-account table.
                #expect(page.contains("\"account\":\"111111111111\"") && page.contains("\"account\":\"222222222222\""))
            }
            try await client.execute(uri: "/api/runs/unknown/findings", method: .get, headers: authorized) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/runs/a%20b/findings", method: .get, headers: authorized) { #expect($0.status == .badRequest) }
        }
        try await store.close()
    }

    @Test func unknownScansAre404AndBadIdsAre400() async throws {
        try await withTwoScans { store in
            try await app(store).test(.router) { client in
                try await client.execute(uri: "/api/scans/99/findings", method: .get, headers: authorized) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/scans/abc/findings", method: .get, headers: authorized) { #expect($0.status == .badRequest) }
                try await client.execute(uri: "/api/diff?old=1&new=x", method: .get, headers: authorized) { #expect($0.status == .badRequest) }
                try await client.execute(uri: "/api/diff?old=1&new=42", method: .get, headers: authorized) { #expect($0.status == .notFound) }
            }
        }
    }

    @Test(arguments: ["/", "/scans/1", "/diff", "/api/scans", "/api/scans/1/findings", "/api/diff", "/openapi.json"])
    func everyRouteNeedsTheTokenWhenOneIsSet(path: String) async throws {
        try await withTwoScans { store in
            try await app(store).test(.router) { client in
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"rampart\"")
                    #expect(!String(buffer: response.body).contains("logs"))
                }
                try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(Self.token)x"]) {
                    #expect($0.status == .unauthorized)
                }
                try await client.execute(uri: path, method: .get, headers: authorized) { #expect($0.status == .ok) }
            }
        }
    }

    @Test func withoutATokenOnlyLoopbackIsAllowed() async throws {
        try await withTwoScans { store in
            #expect(throws: Dashboard.ConfigurationError.self) {
                _ = try Dashboard.application(store: store, storeName: "s", host: "0.0.0.0", port: 8080, token: nil)
            }
            _ = try Dashboard.application(store: store, storeName: "s", host: "127.0.0.1", port: 8080, token: nil)
            _ = try Dashboard.application(store: store, storeName: "s", host: "0.0.0.0", port: 8080, token: "t", insecureHTTP: true)
            try await app(store, token: nil).test(.router) { client in
                try await client.execute(uri: "/api/scans", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    @Test func writesAreNotRoutes() async throws {
        try await withTwoScans { store in
            try await app(store).test(.router) { client in
                for method in [HTTPRequest.Method.post, .put, .delete] {
                    try await client.execute(uri: "/api/scans", method: method, headers: authorized) { #expect($0.status != .ok) }
                }
            }
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryAPIRoute() async throws {
        try await withTwoScans { store in
            try await app(store).test(.router) { client in
                try await client.execute(uri: "/openapi.json", method: .get, headers: authorized) { response in
                    let document = try JSONParser.parse(String(buffer: response.body))
                    #expect(document["openapi"]?.stringValue == "3.1.0")
                    #expect(document["paths"]?.objectValue?.keys.sorted() == ["/api/diff", "/api/runs/{id}/findings", "/api/scans", "/api/scans/{id}/findings"])
                    #expect(document["components"]?["securitySchemes"]?["bearer"]?["scheme"]?.stringValue == "bearer")
                }
            }
        }
    }

    /// Hostile names and messages reach the page only as JSON data, never as markup or script.
    @Test(arguments: ["/", "/scans/2", "/diff"])
    func pagesCarryHostileTextAsDataOnly(path: String) async throws {
        try await withTwoScans { store in
            try await app(store).test(.router) { client in
                try await client.execute(uri: path, method: .get, headers: authorized) { response in
                    #expect(response.status == .ok)
                    let page = String(buffer: response.body)
                    #expect(!page.contains("<img"))
                    #expect(!page.contains("<script>alert"))
                    #expect(page.components(separatedBy: "</script>").count == 3)  // the data and the page's own script
                    #expect(!page.contains("innerHTML"))
                    #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
                    if path != "/" { #expect(page.contains("\\u003cimg src=x onerror=alert(1)\\u003e")) }
                }
            }
        }
    }

    /// Beyond loopback the token would cross the network: plain HTTP only when asked for.
    @Test func beyondLoopbackPlainHTTPIsRefusedUnlessAskedFor() throws {
        #expect(throws: Dashboard.ConfigurationError.self) {
            try Dashboard.checkListener(host: "0.0.0.0", token: "t", tls: nil, insecureHTTP: false)
        }
        do {
            try Dashboard.checkListener(host: "192.0.2.10", token: "t", tls: nil, insecureHTTP: false)
        } catch {
            #expect("\(error)".hasPrefix("serving on 192.0.2.10 over plain HTTP would send the bearer token in clear text"))
        }
        try Dashboard.checkListener(host: "0.0.0.0", token: "t", tls: nil, insecureHTTP: true)
        try Dashboard.checkListener(host: "127.0.0.1", token: nil, tls: nil, insecureHTTP: false)
        // --insecure-http never lifts the token requirement.
        #expect(throws: Dashboard.ConfigurationError.self) {
            try Dashboard.checkListener(host: "0.0.0.0", token: nil, tls: nil, insecureHTTP: true)
        }
    }

    @Test func unreadableTLSFilesAreNamed() throws {
        let missing = NSTemporaryDirectory() + "rampart-no-such-\(UUID().uuidString).pem"
        #expect {
            try Dashboard.checkListener(host: "0.0.0.0", token: "t", tls: .init(certificate: missing, key: missing), insecureHTTP: false)
        } throws: { error in
            "\(error)".hasPrefix("--tls-certificate \(missing): not a readable PEM certificate")
        }
    }

    static func sha256(_ text: String) -> String { Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString() }

    /// As in the HTML report, the policy names the page's own script and style by SHA-256, and
    /// nothing else may run or apply: no 'unsafe-inline'.
    @Test(arguments: ["/", "/scans/2", "/diff"])
    func pagesRunOnlyTheirOwnScriptAndStyleNamedByHash(path: String) async throws {
        try await withTwoScans { store in
            try await app(store).test(.router) { client in
                try await client.execute(uri: path, method: .get, headers: authorized) { response in
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(!policy.contains("unsafe-inline"))
                    let page = String(buffer: response.body)
                    let script = try #require(page.firstMatch(of: /<script>(.*?)<\/script>/.dotMatchesNewlines()))
                    let style = try #require(page.firstMatch(of: /<style>(.*?)<\/style>/.dotMatchesNewlines()))
                    #expect(policy.contains("script-src 'sha256-\(Self.sha256(String(script.1)))'"))
                    #expect(policy.contains("style-src 'sha256-\(Self.sha256(String(style.1)))'"))
                    #expect(policy.contains("form-action 'self'"), "the scan comparison form submits to the dashboard")
                }
            }
        }
    }

    /// The dashboard wears the HTML report's stylesheet (status badges, severities, sections).
    @Test func pagesWearTheHTMLReportsStylesheet() async throws {
        let reportPage = HTMLReportFormat(productVersion: "1").render(report([finding("logs", .fail)]))
        let reportStyle = try #require(reportPage.firstMatch(of: /<style>(.*?)<\/style>/.dotMatchesNewlines())).1
        #expect(reportStyle.contains(".st-FAIL{"))
        try await withTwoScans { store in
            try await app(store).test(.router) { client in
                try await client.execute(uri: "/", method: .get, headers: authorized) { response in
                    let page = String(buffer: response.body)
                    let style = try #require(page.firstMatch(of: /<style>(.*?)<\/style>/.dotMatchesNewlines())).1
                    #expect(style.hasPrefix(reportStyle))
                    #expect(page.contains("<header><h1>Rampart dashboard</h1>"))
                    #expect(page.contains("\"st st-\" + s"), "statuses are drawn as the report's badges")
                }
            }
        }
    }
}
