import Foundation
import RampartInventory
import RampartJSON
import RampartSnapshot
import Testing

@Suite struct SnapshotWriterTests {
    @Test func whatIsWrittenReadsBackAsTheSameCallResults() throws {
        let parent = try TemporarySnapshot(manifest: nil)
        let path = parent.path + "/snap"
        let arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1a2b"
        let health = AWSCall(account: "123456789012", region: "us-east-1", service: "elbv2", operation: "describe-target-health", resource: arn)
        let versioning = AWSCall(account: "123456789012", region: "global", service: "s3api", operation: "get-bucket-versioning", resource: "b")
        let policy = AWSCall(account: "123456789012", region: "global", service: "s3api", operation: "get-bucket-policy", resource: "b")
        let manifest = Manifest(
            collectedAt: Timestamp.parse("2026-11-29T12:00:00Z")!, accounts: ["123456789012"], regions: ["us-east-1"],
            errors: [Manifest.CallError(call: policy, code: "NoSuchBucketPolicy", message: "none")])
        try SnapshotWriter.write(
            answers: [health: ["TargetHealthDescriptions": []], versioning: .object(JSONObject())], manifest: manifest, to: path)

        let relative = "123456789012/us-east-1/elbv2/describe-target-health/arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A123456789012%3Atargetgroup%2Fweb%2F1a2b.json"
        #expect(FileManager.default.fileExists(atPath: "\(path)/\(relative)"))
        #expect(try String(contentsOfFile: "\(path)/123456789012/global/s3api/get-bucket-versioning/b.json", encoding: .utf8).isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(path)/manifest.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let dir = try SnapshotDirectory(path: path)
        guard case .answer(let value) = dir.result(of: health) else { Issue.record("health"); return }
        #expect(value["TargetHealthDescriptions"] == .array([]))
        guard case .failed(let code, _) = dir.result(of: policy) else { Issue.record("policy error"); return }
        #expect(code == "NoSuchBucketPolicy")
    }

    @Test func anExistingDirectoryIsNeverOverwritten() throws {
        let existing = try TemporarySnapshot()
        let manifest = Manifest(collectedAt: Date(), accounts: [], regions: [], errors: [])
        #expect(throws: SnapshotWriteError.self) { try SnapshotWriter.write(answers: [:], manifest: manifest, to: existing.path) }
        #expect(FileManager.default.fileExists(atPath: existing.path + "/manifest.json"))
    }
}
