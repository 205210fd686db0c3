import AsyncHTTPClient
import Foundation
import RampartAWSClient
import RampartAWSProtocols
import RampartChecks
import RampartCollector
import RampartCredentials
import RampartFindings
import RampartInventory
import RampartJSON
import RampartSigning
import RampartSnapshot
import RampartTestSupport
import Testing

/// Collects the demo company from moto's server (which checks every signature and policy),
/// as `rampart collect` and a live `rampart scan` do.
@Suite(.demoMotoServer, .serialized) struct LiveCollectionTests {
    func collect(_ moto: MotoServer, regions: [String] = ["us-east-1", "eu-west-1"], allowList: ReadOnlyAllowList? = nil) async throws
        -> CollectionResult
    {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let client = AWSClient(
                http: http, credentials: StaticCredentialProvider(moto.admin), endpointOverride: URL(string: moto.endpoint),
                options: ClientOptions(maxRequestsPerSecond: nil), allowList: allowList ?? ReadOnlyAllowList(CollectionPlan.allowedOperations),
                models: .shared)
            let result = try await Collector(client: client, regions: regions, homeRegion: "us-east-1", maxConcurrency: 8).collect()
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    @Test func aLiveScanFindsWhatAScanOfTheCollectedSnapshotFinds() async throws {
        let moto = try #require(MotoServer.current)
        let result = try await collect(moto)
        #expect(result.account == "123456789012")
        #expect(result.answers.count > 150)
        let directory = NSTemporaryDirectory() + "rampart-collect-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SnapshotWriter.write(answers: result.answers, manifest: result.manifest, to: directory)

        let live = Scanner.run(CheckCatalog.all, on: InventoryBuilder.build(from: result.callResults))
        let offline = Scanner.run(CheckCatalog.all, on: InventoryBuilder.build(from: try SnapshotDirectory(path: directory)))
        let key = { (f: Finding) in "\(f.checkId) \(f.resource.arn) \(f.status.rawValue) \(f.message)" }
        #expect(live.count == offline.count)
        #expect(live.map(key) == offline.map(key))
        #expect(live.contains { $0.checkId == "ec2.security-group.ingress-open-all-traffic" && $0.status == .fail && $0.resource.name == "acme-legacy-allow-all" })
        #expect(!live.contains { $0.status == .unknown && $0.checkId.hasPrefix("ec2.") }, "every EC2 call was read")
    }

    @Test
    func theCollectedFilesAreTheOnesTheAWSCLIDumpWrites() async throws {
        let moto = try #require(MotoServer.current)
        let result = try await collect(moto)
        let demo = MotoServer.repositoryRoot.appendingPathComponent("Examples/demo-snapshot").path
        let expected = try SnapshotDirectory(path: demo)
        // The demo's calls, made by the AWS CLI against the same seed; moto gives eu-west-1's EMR
        // cluster to whichever region the Host header names, so EMR per-cluster files are compared by count.
        let collected = Set(result.answers.keys.map(SnapshotLayout.relativePath(of:)))
        var expectedFiles = Set<String>()
        let walker = FileManager.default.enumerator(atPath: demo)
        while let item = walker?.nextObject() as? String {
            if item.hasSuffix(".json") && item != "manifest.json" { expectedFiles.insert(item) }
        }
        // moto answers Route 53 with an empty error once authentication is on, to the AWS CLI too
        // (checked below), so Route 53 is compared in the protocol tests, which run without it.
        // Resource ids (KMS keys, target groups) are random per moto run, so per-resource files are
        // compared as counts per operation.
        // moto also refuses every rest-json service (GuardDuty, Security Hub, Backup) with
        // SignatureDoesNotMatch once authentication is on, to the AWS CLI too (checked below).
        // moto has no IAM Access Analyzer at all (it answers 500), so that call is left out too.
        let restJSON = AWSServiceModels.shared.services.values.filter { $0.wireProtocol == .restJSON }.map(\.cliName)
        // CloudFront, like Route 53 (both global rest-xml services), is answered with an empty error
        // once authentication is on.
        let refusedByMoto = Set(restJSON).union(["route53", "cloudfront", "accessanalyzer"])
        let stable = { (path: String) in
            !path.contains("/emr/describe-cluster/") && !refusedByMoto.contains { path.contains("/\($0)/") }
        }
        func shape(_ files: Set<String>) -> [String: Int] {
            var counts: [String: Int] = [:]
            for file in files where stable(file) {
                let parts = file.split(separator: "/")
                counts[parts.prefix(4).joined(separator: "/"), default: 0] += 1
            }
            return counts
        }
        #expect(shape(collected) == shape(expectedFiles))
        // Resource ids moto draws at random (WAFv2 web ACL ids) differ between the two runs.
        let randomId = try NSRegularExpression(pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        let errors = { (list: [Manifest.CallError]) in
            Set(list.filter { !refusedByMoto.contains($0.call.service) }.map { error in
                let text = "\(error.call) \(error.code)"
                return randomId.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<id>")
            })
        }
        #expect(errors(result.errors) == errors(expected.manifest.errors))
        await #expect(throws: (any Error).self, "moto refuses Route 53 to the AWS CLI as well") {
            _ = try await moto.aws(["route53", "list-hosted-zones"])
        }
        await #expect(throws: (any Error).self, "moto refuses GuardDuty to the AWS CLI as well") {
            _ = try await moto.aws(["guardduty", "list-detectors", "--region", "us-east-1"])
        }
    }

    @Test func everyRequestMotoReceivedWasARead() async throws {
        let moto = try #require(MotoServer.current)
        try await moto.post("/moto-api/recorder/reset-recording")
        try await moto.post("/moto-api/recorder/start-recording")
        _ = try await collect(moto, regions: ["us-east-1"])
        try await moto.post("/moto-api/recorder/stop-recording")
        let recording = try await moto.get("/moto-api/recorder/download-recording")
        var actions: [String] = []
        for line in recording.split(separator: "\n") where !line.isEmpty {
            let entry = try JSONParser.parse(String(line))
            let method = entry["method"]?.stringValue ?? ""
            var body = entry["body"]?.stringValue ?? ""
            if entry["body_encoded"] == .bool(true), let data = Data(base64Encoded: body) { body = String(decoding: data, as: UTF8.self) }
            let target = entry["headers"]?["X-Amz-Target"]?.stringValue ?? entry["headers"]?["x-amz-target"]?.stringValue
            if let target {
                actions.append(String(target.split(separator: ".").last ?? ""))
            } else if let action = body.split(separator: "&").first(where: { $0.hasPrefix("Action=") }) {
                actions.append(String(action.dropFirst("Action=".count)))
            } else {
                actions.append(method)
            }
        }
        #expect(actions.count > 50)
        let writes = actions.filter { action in
            !(action == "GET" || action == "HEAD" || ["Describe", "List", "Get", "BatchGet"].contains { action.hasPrefix($0) }
                || action == "GenerateCredentialReport")
        }
        #expect(writes.isEmpty, "non-read actions sent: \(writes)")
    }

    @Test func anOperationOffTheAllowListIsNeverSent() async throws {
        let moto = try #require(MotoServer.current)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = AWSClient(
            http: http, credentials: StaticCredentialProvider(moto.admin), endpointOverride: URL(string: moto.endpoint),
            options: ClientOptions(), allowList: ReadOnlyAllowList([("ec2", "describe-instances")]), models: .shared)
        let result = await client.call(service: "ec2", operation: "describe-vpcs", region: "us-east-1", account: nil, parameters: JSONObject())
        guard case .failure(.notAllowed) = result else {
            Issue.record("describe-vpcs was sent although not allowed")
            return
        }
        #expect(await client.statistics.requests == 0)
        try await http.shutdown()
    }

    @Test func accessDeniedIsRecordedAndTheCollectionFinishes() async throws {
        let moto = try #require(MotoServer.current)
        let reader = try await moto.createUser(
            "ec2-only", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","ec2:Get*","sts:GetCallerIdentity"],"Resource":"*"}]}"#)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = AWSClient(
            http: http, credentials: StaticCredentialProvider(reader.credentials), endpointOverride: URL(string: moto.endpoint),
            options: ClientOptions(maxRequestsPerSecond: nil, maxAttempts: 2), allowList: ReadOnlyAllowList(CollectionPlan.allowedOperations),
            models: .shared)
        let result = try await Collector(client: client, regions: ["us-east-1"], homeRegion: "us-east-1", maxConcurrency: 8).collect()
        try await http.shutdown()
        #expect(result.answers.keys.contains { $0.operation == "describe-instances" })
        #expect(result.errors.contains { $0.call.operation == "describe-db-instances" && $0.code == "AccessDenied" })
        let inventory = InventoryBuilder.build(from: result.callResults)
        #expect(inventory.regions[0].rds.instances.unknownReason?.contains("AccessDenied") == true)
        let rds = Scanner.run(CheckCatalog.all, on: inventory).filter { $0.checkId.hasPrefix("rds.") }
        #expect(!rds.isEmpty && rds.allSatisfy { $0.status == .unknown }, "no RDS verdict without RDS evidence")
    }
}
