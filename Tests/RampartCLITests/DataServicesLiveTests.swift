import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// The demo company's ECR repositories, ElastiCache groups, EFS file systems and OpenSearch domains
/// (seeded on moto with planted flaws and clean counterparts), scanned live and from the collected
/// snapshot: the same verdicts, and the ones the planted flaws call for.
@Suite(.unauthenticatedDemoMotoServer, .serialized) struct DataServicesLiveTests {
    func environment(_ moto: MotoServer) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": moto.admin.accessKeyId, "AWS_SECRET_ACCESS_KEY": moto.admin.secretAccessKey,
            "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1",
        ]
    }

    /// (check, resource name, expected status) for the seeded resources.
    static let expected: [(String, String, String)] = [
        ("ecr.repository.scan-on-push", "acme/payments-api", "PASS"), ("ecr.repository.scan-on-push", "acme/legacy-batch", "FAIL"),
        ("ecr.repository.tag-immutability", "acme/payments-api", "PASS"), ("ecr.repository.tag-immutability", "acme/legacy-batch", "FAIL"),
        ("ecr.repository.lifecycle-policy", "acme/payments-api", "PASS"), ("ecr.repository.lifecycle-policy", "acme/legacy-batch", "FAIL"),
        ("ecr.repository.not-public", "acme/payments-api", "PASS"), ("ecr.repository.not-public", "acme/legacy-batch", "FAIL"),
        ("elasticache.replication-group.encrypted-at-rest", "acme-sessions", "PASS"),
        ("elasticache.replication-group.encrypted-at-rest", "acme-scratch-cache", "FAIL"),
        ("elasticache.replication-group.encrypted-in-transit", "acme-sessions", "PASS"),
        ("elasticache.replication-group.encrypted-in-transit", "acme-scratch-cache", "FAIL"),
        ("elasticache.replication-group.authentication", "acme-sessions", "PASS"),
        ("elasticache.replication-group.authentication", "acme-scratch-cache", "FAIL"),
        ("elasticache.replication-group.automatic-failover", "acme-sessions", "PASS"),
        ("elasticache.replication-group.automatic-failover", "acme-scratch-cache", "FAIL"),
        ("elasticache.replication-group.automatic-backups", "acme-sessions", "PASS"),
        ("elasticache.replication-group.automatic-backups", "acme-scratch-cache", "FAIL"),
        ("elasticache.cluster.automatic-backups", "acme-legacy-cache", "FAIL"),
        // moto leaves AutoMinorVersionUpgrade and CacheSubnetGroupName out of describe-cache-clusters.
        ("elasticache.cluster.automatic-minor-upgrades", "acme-legacy-cache", "UNKNOWN"),
        ("elasticache.cluster.non-default-subnet-group", "acme-legacy-cache", "UNKNOWN"),
        ("efs.file-system.encrypted", "acme-shared", "PASS"), ("efs.file-system.encrypted", "acme-scratch", "FAIL"),
        ("efs.file-system.requires-tls", "acme-shared", "PASS"), ("efs.file-system.requires-tls", "acme-scratch", "FAIL"),
        ("efs.file-system.not-public", "acme-shared", "PASS"), ("efs.file-system.not-public", "acme-scratch", "FAIL"),
        ("efs.file-system.regional", "acme-shared", "PASS"), ("efs.file-system.regional", "acme-scratch", "FAIL"),
        ("efs.file-system.mount-targets-not-in-public-subnets", "acme-shared", "PASS"),
        ("efs.file-system.mount-targets-not-in-public-subnets", "acme-scratch", "FAIL"),
        ("efs.access-point.root-directory", "payments-ap", "PASS"), ("efs.access-point.root-directory", "scratch-ap", "FAIL"),
        ("efs.access-point.user-identity", "payments-ap", "PASS"), ("efs.access-point.user-identity", "scratch-ap", "FAIL"),
        ("opensearch.domain.encrypted-at-rest", "acme-search", "PASS"), ("opensearch.domain.encrypted-at-rest", "acme-logs-public", "FAIL"),
        ("opensearch.domain.node-to-node-encryption", "acme-search", "PASS"),
        ("opensearch.domain.node-to-node-encryption", "acme-logs-public", "FAIL"),
        ("opensearch.domain.https-latest-tls", "acme-search", "PASS"), ("opensearch.domain.https-latest-tls", "acme-logs-public", "FAIL"),
        ("opensearch.domain.access-policy-not-public", "acme-search", "PASS"),
        ("opensearch.domain.access-policy-not-public", "acme-logs-public", "FAIL"),
        ("opensearch.domain.three-data-nodes", "acme-search", "PASS"), ("opensearch.domain.three-data-nodes", "acme-logs-public", "FAIL"),
        ("opensearch.domain.multi-az", "acme-search", "PASS"), ("opensearch.domain.multi-az", "acme-logs-public", "FAIL"),
    ]

    static func verdicts(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for f in (try? JSONParser.parse(text).arrayValue) ?? [] {
            let key = "\(f["checkId"]?.stringValue ?? "") \(f["resource"]?["name"]?.stringValue ?? "")"
            out[key] = f["status"]?.stringValue ?? ""
        }
        return out
    }

    @Test
    func plantedFlawsFailAndCleanResourcesPassLiveAndFromTheSnapshot() throws {
        let moto = try #require(MotoServer.current)
        let parent = try TemporaryDirectory()
        let output = parent.path + "/snapshot"
        let live = ["--endpoint-url", moto.endpoint, "--region", "us-east-1"]
        let checks = Set(Self.expected.map { $0.0 }).sorted().flatMap { ["--check", $0] }
        #expect(try Rampart.run(["collect", "--output", output, "--quiet"] + live, environment: environment(moto)).status == 0)
        let liveScan = try Rampart.run(["scan", "--quiet", "--format", "json"] + checks + live, environment: environment(moto))
        let offlineScan = try Rampart.run(["scan", "--quiet", "--format", "json", "--snapshot", output] + checks, environment: environment(moto))
        #expect(liveScan.status <= 1 && offlineScan.status <= 1, "\(liveScan.stderr)\(offlineScan.stderr)")
        let fromLive = Self.verdicts(liveScan.stdout)
        #expect(fromLive == Self.verdicts(offlineScan.stdout))
        for (check, name, status) in Self.expected {
            #expect(fromLive["\(check) \(name)"] == status, "\(check) on \(name)")
        }
    }
}
