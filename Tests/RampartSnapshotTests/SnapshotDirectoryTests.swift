import Foundation
import RampartInventory
import RampartJSON
import RampartSnapshot
import Testing

/// A snapshot directory made in a temporary folder for one test, removed when the test is done with it.
final class TemporarySnapshot {
    let path: String

    init(manifest: String? = TemporarySnapshot.manifest, files: [String: String] = [:]) throws {
        path = NSTemporaryDirectory() + "rampart-snapshot-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if let manifest { try write("manifest.json", manifest) }
        for (relative, contents) in files { try write(relative, contents) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    static let manifest = """
        {"format": "rampart-snapshot/1", "collectedAt": "2026-11-29T12:00:00Z", "accounts": ["123456789012"],
         "regions": ["us-east-1"], "errors": [
           {"account": "123456789012", "region": "us-east-1", "service": "rds", "operation": "describe-db-instances",
            "code": "AccessDenied", "message": "User is not authorized to perform rds:DescribeDBInstances"},
           {"account": "123456789012", "region": "global", "service": "s3api", "operation": "get-bucket-policy",
            "resource": "logs", "code": "NoSuchBucketPolicy", "message": "The bucket policy does not exist"}]}
        """
}

@Suite struct SnapshotDirectoryTests {
    static let call = AWSCall(account: "123456789012", region: "us-east-1", service: "ec2", operation: "describe-vpcs")

    @Test(arguments: [
        (nil as String?, "not a Rampart snapshot: manifest.json is missing"),
        ("{\"format\": ", "manifest.json: not valid JSON: line 1, column 12: unexpected end of input (the file is truncated?)"),
        ("[]", "manifest.json: $: expected an object, found an array"),
        ("{\"format\": \"other/2\"}", "manifest.json: $.format: unsupported snapshot format \"other/2\""),
        (#"{"format": "rampart-snapshot/1", "collectedAt": "yesterday", "accounts": [], "regions": []}"#,
         "manifest.json: $.collectedAt: not an ISO 8601 timestamp"),
        (#"{"format": "rampart-snapshot/1", "collectedAt": "2026-11-29T12:00:00Z", "accounts": "123456789012", "regions": []}"#,
         "manifest.json: $.accounts: expected an array, found a string"),
        (#"{"format": "rampart-snapshot/1", "collectedAt": "2026-11-29T12:00:00Z", "accounts": ["12345"], "regions": []}"#,
         "manifest.json: $.accounts[0]: \"12345\" is not a 12-digit AWS account id"),
        (#"{"format": "rampart-snapshot/1", "collectedAt": "2026-11-29T12:00:00Z", "accounts": ["123456789012"], "regions": ["../etc"]}"#,
         "manifest.json: $.regions[0]: \"../etc\" is not a region name"),
        (#"{"format": "rampart-snapshot/1", "collectedAt": "2026-11-29T12:00:00Z", "accounts": [], "regions": [], "errors": [{"account": "1"}]}"#,
         "manifest.json: $.errors[0]: missing required member \"service\""),
    ])
    func aBadManifestIsRejectedNamingFileAndPath(manifest: String?, expected: String) throws {
        let snapshot = try TemporarySnapshot(manifest: manifest)
        do {
            _ = try SnapshotDirectory(path: snapshot.path)
            Issue.record("accepted a bad manifest")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func aFileOrAMissingPathIsNotASnapshot() throws {
        let snapshot = try TemporarySnapshot()
        #expect(throws: SnapshotError.notADirectory(path: snapshot.path + "/manifest.json")) {
            try SnapshotDirectory(path: snapshot.path + "/manifest.json")
        }
        #expect(throws: SnapshotError.notFound(path: snapshot.path + "/nope")) { try SnapshotDirectory(path: snapshot.path + "/nope") }
    }

    @Test func callResultsComeFromFilesAndTheErrorList() throws {
        let snapshot = try TemporarySnapshot(files: [
            "123456789012/us-east-1/ec2/describe-vpcs.json": #"{"Vpcs": []}"#,
            "123456789012/global/s3api/get-bucket-versioning/logs.json": "",
            "123456789012/us-east-1/ec2/describe-subnets.json": #"{"Subnets": ["#,
        ])
        let dir = try SnapshotDirectory(path: snapshot.path)
        guard case .answer(let vpcs) = dir.result(of: Self.call) else { Issue.record("vpcs"); return }
        #expect(vpcs["Vpcs"] == .array([]))
        let versioning = AWSCall(account: "123456789012", region: "global", service: "s3api", operation: "get-bucket-versioning", resource: "logs")
        guard case .answer(let empty) = dir.result(of: versioning) else { Issue.record("an empty file is an empty answer"); return }
        #expect(empty == .object(JSONObject()))
        let rds = AWSCall(account: "123456789012", region: "us-east-1", service: "rds", operation: "describe-db-instances")
        guard case .failed(let code, _) = dir.result(of: rds) else { Issue.record("listed error"); return }
        #expect(code == "AccessDenied")
        let subnets = AWSCall(account: "123456789012", region: "us-east-1", service: "ec2", operation: "describe-subnets")
        guard case .unreadable(let message) = dir.result(of: subnets) else { Issue.record("truncated file"); return }
        #expect(message.hasSuffix("123456789012/us-east-1/ec2/describe-subnets.json: not valid JSON: line 1, column 14: unexpected end of input (the file is truncated?)"))
        let flows = AWSCall(account: "123456789012", region: "us-east-1", service: "ec2", operation: "describe-flow-logs")
        guard case .notCollected = dir.result(of: flows) else { Issue.record("absent file"); return }
    }

    @Test func brokenFilesMakeTheirEvidenceUnknownAndAreListed() throws {
        let snapshot = try TemporarySnapshot(files: [
            "123456789012/us-east-1/ec2/describe-security-groups.json": #"{"SecurityGroups": [{"GroupId": 5}]}"#,
            "123456789012/us-east-1/ec2/describe-vpcs.json": #"{"Vpcs": [{"VpcId": "vpc-1"}"#,
            "123456789012/us-east-1/ec2/describe-instances.json": #"{"Reservations": []}"#,
            "123456789012/us-east-1/ec2/describe-instancez.json": #"{}"#,
        ])
        let dir = try SnapshotDirectory(path: snapshot.path)
        var inventory = InventoryBuilder.build(from: dir)
        inventory.problems += dir.unreadFiles()
        let ec2 = inventory.regions[0].ec2
        #expect(ec2.instances.value?.isEmpty == true)
        #expect(ec2.securityGroups.unknownReason?.contains("describe-security-groups.json: not the shape the AWS CLI prints: $.SecurityGroups[0].GroupId: expected a string, found a number") == true)
        #expect(ec2.vpcs.unknownReason?.contains("describe-vpcs.json: not valid JSON") == true)
        #expect(inventory.regions[0].rds.instances.unknownReason == "rds describe-db-instances in 123456789012/us-east-1 failed: AccessDenied")
        let ignored = inventory.problems.filter { $0.kind == .ignored }
        #expect(ignored.count == 1)
        #expect(ignored.first?.message.hasSuffix("describe-instancez.json is not a file Rampart reads; ignored") == true)
    }

    @Test func aNotConfiguredAnswerIsKnownAndAFailureIsNot() throws {
        let snapshot = try TemporarySnapshot(files: [
            "123456789012/global/s3api/list-buckets.json": #"{"Buckets": [{"Name": "logs"}], "Owner": {"ID": "x"}}"#,
        ])
        let inventory = InventoryBuilder.build(from: try SnapshotDirectory(path: snapshot.path))
        let bucket = inventory.accounts[0].s3.buckets.value?.first
        guard case .known(nil) = bucket?.policy else { Issue.record("NoSuchBucketPolicy means no policy"); return }
        #expect(bucket?.versioning.unknownReason == "s3api get-bucket-versioning for logs in account 123456789012 was not collected")
    }

    @Test func aSymlinkOutOfTheSnapshotIsNotFollowed() throws {
        let outside = try TemporarySnapshot(manifest: nil, files: ["secret.json": #"{"Vpcs": []}"#])
        let snapshot = try TemporarySnapshot()
        try FileManager.default.createDirectory(atPath: snapshot.path + "/123456789012/us-east-1/ec2", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: snapshot.path + "/123456789012/us-east-1/ec2/describe-vpcs.json", withDestinationPath: outside.path + "/secret.json")
        guard case .unreadable(let message) = try SnapshotDirectory(path: snapshot.path).result(of: Self.call) else {
            Issue.record("followed a symlink out of the snapshot")
            return
        }
        #expect(message.hasSuffix("links outside the snapshot directory; not read"))
    }

    @Test func perResourceFileNamesArePercentEncoded() {
        let arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1a2b"
        #expect(SnapshotLayout.percentEncode(arn) == "arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A123456789012%3Atargetgroup%2Fweb%2F1a2b")
        #expect(SnapshotLayout.percentDecode(SnapshotLayout.percentEncode("/hostedzone/Z1 é")) == "/hostedzone/Z1 é")
        let call = AWSCall(account: "123456789012", region: "us-east-1", service: "elbv2", operation: "describe-target-health", resource: arn)
        #expect(SnapshotLayout.call(atRelativePath: SnapshotLayout.relativePath(of: call)) == call)
    }
}
