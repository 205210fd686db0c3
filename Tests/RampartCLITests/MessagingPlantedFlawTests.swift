import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// The demo company's queues, topics, secrets, streams and SSM items, seeded into moto with
/// planted flaws and clean counterparts (Examples/demo-generator/seed.py), scanned live and from
/// a snapshot collected from the same server: every flaw fails, no clean resource fails.
@Suite(.demoMotoServer, .serialized) struct MessagingPlantedFlawTests {
    func environment(_ moto: MotoServer) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": moto.admin.accessKeyId, "AWS_SECRET_ACCESS_KEY": moto.admin.secretAccessKey,
            "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1",
        ]
    }

    /// (check, the end of the resource's ARN, the status the seed plants).
    static let planted: [(String, String, String)] = [
        ("sqs.queue.policy-not-public", ":acme-partner-webhooks", "FAIL"),
        ("sqs.queue.policy-not-public", ":acme-settlement-events", "PASS"),
        ("sqs.queue.encrypted-at-rest", ":acme-partner-webhooks", "FAIL"),
        ("sqs.queue.encrypted-at-rest", ":acme-settlement-events", "PASS"),
        ("sqs.queue.tls-required", ":acme-partner-webhooks", "FAIL"),
        ("sqs.queue.tls-required", ":acme-settlement-events", "PASS"),
        ("sqs.queue.dead-letter-queue", ":acme-partner-webhooks", "FAIL"),
        ("sqs.queue.dead-letter-queue", ":acme-settlement-events", "PASS"),
        ("sns.topic.policy-not-public", ":acme-status-page", "FAIL"),
        ("sns.topic.policy-not-public", ":acme-settlement", "PASS"),
        ("sns.topic.encrypted-at-rest", ":acme-status-page", "FAIL"),
        ("sns.topic.encrypted-at-rest", ":acme-settlement", "PASS"),
        ("sns.topic.tls-required", ":acme-settlement", "PASS"),
        ("secretsmanager.secret.policy-not-public", "acme/ledger/db-credentials", "PASS"),
        ("secretsmanager.secret.policy-not-public", "acme/partner/api-token", "FAIL"),
        ("secretsmanager.secret.customer-managed-key", "acme/ledger/db-credentials", "PASS"),
        ("secretsmanager.secret.customer-managed-key", "acme/partner/api-token", "FAIL"),
        ("kinesis.stream.encrypted-at-rest", "stream/acme-card-events", "PASS"),
        ("kinesis.stream.encrypted-at-rest", "stream/acme-clickstream", "FAIL"),
        ("kinesis.stream.retention-at-least-7-days", "stream/acme-card-events", "PASS"),
        ("kinesis.stream.retention-at-least-7-days", "stream/acme-clickstream", "FAIL"),
        ("ssm.document.not-public", "document/Acme-DebugShell", "FAIL"),
        ("ssm.document.not-public", "document/Acme-RotateLogs", "PASS"),
        ("ssm.parameter.secrets-are-secure-strings", "parameter/acme/partner/api_token", "FAIL"),
        ("ssm.parameter.secrets-are-secure-strings", "parameter/acme/ledger/db_password", "PASS"),
    ]

    static func verdicts(_ json: String) -> [(check: String, arn: String, status: String)] {
        ((try? JSONParser.parse(json).arrayValue) ?? []).map {
            ($0["checkId"]?.stringValue ?? "", $0["resource"]?["arn"]?.stringValue ?? "", $0["status"]?.stringValue ?? "")
        }
    }

    static func assertPlanted(_ verdicts: [(check: String, arn: String, status: String)], _ label: String) {
        for (check, suffix, status) in planted {
            // Secrets Manager appends a random suffix to a secret's ARN: match on the name inside it.
            let found = verdicts.filter { $0.check == check && $0.arn.contains("us-east-1") && ($0.arn.hasSuffix(suffix) || $0.arn.contains(":secret:\(suffix)-")) }
            #expect(found.map(\.status) == [status], "\(label): \(check) on \(suffix)")
        }
    }

    @Test func plantedFlawsFailAndCleanCounterpartsPassLiveAndFromTheCollectedSnapshot() throws {
        let moto = try #require(MotoServer.current)
        let parent = try TemporaryDirectory()
        let output = parent.path + "/snapshot"
        let live = ["--endpoint-url", moto.endpoint, "--region", "us-east-1"]
        let checks = Set(Self.planted.map(\.0)).sorted().flatMap { ["--check", $0] }
        let liveScan = try Rampart.run(["scan", "--quiet", "--format", "json"] + checks + live, environment: environment(moto))
        #expect(liveScan.status == 0, "\(liveScan.stderr)")
        Self.assertPlanted(Self.verdicts(liveScan.stdout), "live")
        #expect(try Rampart.run(["collect", "--output", output, "--quiet"] + live, environment: environment(moto)).status == 0)
        let offline = try Rampart.run(["scan", "--quiet", "--format", "json", "--snapshot", output] + checks, environment: environment(moto))
        #expect(offline.status == 0, "\(offline.stderr)")
        Self.assertPlanted(Self.verdicts(offline.stdout), "snapshot")
    }
}
