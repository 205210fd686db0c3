import RampartFindings
import Testing

@Suite struct ElastiCacheChecksTests {
    static func group(_ id: String, good: Bool, rbac: Bool = false) -> String {
        """
        {"ReplicationGroupId": "\(id)", "Description": "cache", "Status": "available", "Engine": "redis",
         "MemberClusters": ["\(id)-001", "\(id)-002"],
         "NodeGroups": [{"NodeGroupId": "0001", "Status": "available", "NodeGroupMembers": [
            {"CacheClusterId": "\(id)-001", "CacheNodeId": "0001", "PreferredAvailabilityZone": "us-east-1a", "CurrentRole": "primary"},
            {"CacheClusterId": "\(id)-002", "CacheNodeId": "0001", "PreferredAvailabilityZone": "\(good ? "us-east-1b" : "us-east-1a")", "CurrentRole": "replica"}]}],
         "AutomaticFailover": "\(good ? "enabled" : "disabled")", "MultiAZ": "\(good ? "enabled" : "disabled")",
         "SnapshotRetentionLimit": \(good ? 7 : 0), "ClusterEnabled": false, "CacheNodeType": "cache.t3.micro",
         "AuthTokenEnabled": \(good && !rbac), "TransitEncryptionEnabled": \(good), "AtRestEncryptionEnabled": \(good),
         "UserGroupIds": [\(rbac ? "\"app-users\"" : "")],
         "ARN": "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:\(id)"}
        """
    }

    static func cluster(_ id: String, good: Bool, group: String? = nil, engine: String = "redis") -> String {
        """
        {"CacheClusterId": "\(id)", "CacheNodeType": "cache.t3.micro", "Engine": "\(engine)", "EngineVersion": "7.1",
         "CacheClusterStatus": "available", "NumCacheNodes": 1, "PreferredAvailabilityZone": "us-east-1a",
         "CacheSubnetGroupName": "\(good ? "private-cache" : "default")", "AutoMinorVersionUpgrade": \(good),
         \(group.map { "\"ReplicationGroupId\": \"\($0)\"," } ?? "")
         "SnapshotRetentionLimit": \(good ? 3 : 0), "AuthTokenEnabled": false, "TransitEncryptionEnabled": false, "AtRestEncryptionEnabled": false,
         "CacheNodes": [{"CacheNodeId": "0001", "CacheNodeStatus": "available", "CustomerAvailabilityZone": "us-east-1a"}],
         "ARN": "arn:aws:elasticache:us-east-1:123456789012:cluster:\(id)"}
        """
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "elasticache", "describe-replication-groups", """
            {"ReplicationGroups": [\(Self.group("sessions", good: true)), \(Self.group("scratch", good: false)), \(Self.group("rbac", good: true, rbac: true))]}
            """)
        f.answer("us-east-1", "elasticache", "describe-cache-clusters", """
            {"CacheClusters": [\(Self.cluster("solo-good", good: true)), \(Self.cluster("solo-bad", good: false)),
             \(Self.cluster("scratch-001", good: false, group: "scratch")), \(Self.cluster("memo", good: false, engine: "memcached"))]}
            """)
        return f
    }

    static let groupChecks = [
        "elasticache.replication-group.automatic-backups", "elasticache.replication-group.automatic-failover",
        "elasticache.replication-group.encrypted-at-rest", "elasticache.replication-group.encrypted-in-transit",
        "elasticache.replication-group.authentication", "elasticache.replication-group.multi-az",
    ]
    static let clusterChecks = [
        "elasticache.cluster.automatic-minor-upgrades", "elasticache.cluster.non-default-subnet-group", "elasticache.cluster.automatic-backups",
    ]

    @Test func groupSettingsPassOnTheGoodGroupAndFailOnTheBadOne() {
        for check in Self.groupChecks {
            #expect(fixture.status(check, on: "replicationgroup:sessions") == .pass, "\(check)")
            #expect(fixture.status(check, on: "replicationgroup:scratch") == .fail, "\(check)")
        }
        let auth = fixture.run("elasticache.replication-group.authentication").first { $0.resource.arn.hasSuffix(":scratch") }
        #expect(auth?.message == "scratch requires no authentication (AuthTokenEnabled=false, no RBAC user group).")
    }

    @Test func anRBACUserGroupCountsAsAuthentication() {
        let finding = fixture.run("elasticache.replication-group.authentication").first { $0.resource.arn.hasSuffix(":rbac") }
        #expect(finding?.status == .pass)
        #expect(finding?.message == "rbac uses role-based access control (app-users).")
    }

    @Test func clusterSettingsPassOnTheGoodClusterAndFailOnTheBadOne() {
        for check in Self.clusterChecks {
            #expect(fixture.status(check, on: "cluster:solo-good") == .pass, "\(check)")
            #expect(fixture.status(check, on: "cluster:solo-bad") == .fail, "\(check)")
        }
    }

    @Test func groupMembersAndMemcachedAreNotJudgedForStandaloneBackups() {
        #expect(fixture.status("elasticache.cluster.automatic-backups", on: "cluster:scratch-001") == nil)
        #expect(fixture.status("elasticache.cluster.automatic-backups", on: "cluster:memo") == nil)
        #expect(fixture.status("elasticache.cluster.automatic-minor-upgrades", on: "cluster:memo") == .fail)
    }

    @Test func settingsAWSLeftOutAreUnknown() {
        var f = Fixture()
        f.answer("us-east-1", "elasticache", "describe-replication-groups", #"{"ReplicationGroups": [{"ReplicationGroupId": "bare"}]}"#)
        f.answer("us-east-1", "elasticache", "describe-cache-clusters", #"{"CacheClusters": [{"CacheClusterId": "bare-c"}]}"#)
        for check in Self.groupChecks { #expect(f.run(check).map(\.status) == [.unknown], "\(check)") }
        for check in Self.clusterChecks { #expect(f.run(check).map(\.status) == [.unknown], "\(check)") }
    }

    @Test func unreadableCallsAreUnknownForEveryCheck() {
        var f = Fixture()
        f.fail("us-east-1", "elasticache", "describe-replication-groups", code: "AccessDenied")
        f.fail("us-east-1", "elasticache", "describe-cache-clusters", code: "AccessDenied")
        for check in Self.groupChecks + Self.clusterChecks {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
