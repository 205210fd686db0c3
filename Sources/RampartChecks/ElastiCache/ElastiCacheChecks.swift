import RampartFindings
import RampartInventory
import RampartJSON

/// ElastiCache replication groups (Redis OSS / Valkey): encryption, authentication, failover,
/// Multi-AZ and backups.
enum ElastiCacheReplicationGroupChecks {
    static let all: [Check] = [automaticBackups, automaticFailover, encryptedAtRest, encryptedInTransit, authentication, multiAZ]

    static func evidence(_ g: ElastiCacheReplicationGroup, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var object: JSONObject = ["replicationGroupId": .string(g.id)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    static let call = "elasticache describe-replication-groups"

    static let automaticBackups = Check(
        CheckMetadata(
            id: "elasticache.replication-group.automatic-backups",
            title: "ElastiCache replication groups take automatic backups",
            severity: .high, resourceType: "AWS::ElastiCache::ReplicationGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ElastiCache.1"]], prowler: "elasticache_redis_cluster_backup_enabled",
            risk: "Without automatic snapshots, data lost to a bad write, a deletion or a failed node cannot be restored.",
            remediation: "Set a snapshot retention limit of at least one day.",
            remediationCommand: "aws elasticache modify-replication-group --replication-group-id <group> --snapshot-retention-limit 7 --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.replicationGroups) { g, _ in
                guard let days = g.snapshotRetentionLimit else { return .unknown(g.ref, "\(call) gave no SnapshotRetentionLimit for \(g.id).") }
                let facts = evidence(g, ["snapshotRetentionLimit": .number(Double(days))])
                if days >= 1 { return .pass(g.ref, "\(g.id) keeps automatic backups for \(days) days.", evidence: facts) }
                return .fail(g.ref, "\(g.id) takes no automatic backups (SnapshotRetentionLimit=0).", evidence: facts)
            }
        })

    static let automaticFailover = Check(
        CheckMetadata(
            id: "elasticache.replication-group.automatic-failover",
            title: "ElastiCache replication groups fail over automatically",
            severity: .medium, resourceType: "AWS::ElastiCache::ReplicationGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ElastiCache.3"]], prowler: "elasticache_redis_cluster_automatic_failover_enabled",
            risk: "Without automatic failover, losing the primary node stops writes until someone promotes a replica.",
            remediation: "Add a replica and turn on automatic failover.",
            remediationCommand: "aws elasticache modify-replication-group --replication-group-id <group> --automatic-failover-enabled --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.replicationGroups) { g, _ in
                guard let state = g.automaticFailover else { return .unknown(g.ref, "\(call) gave no AutomaticFailover for \(g.id).") }
                let facts = evidence(g, ["automaticFailover": .string(state)])
                if state == "enabled" { return .pass(g.ref, "\(g.id) fails over automatically.", evidence: facts) }
                return .fail(g.ref, "\(g.id) does not fail over automatically (AutomaticFailover=\(state)).", evidence: facts)
            }
        })

    static let encryptedAtRest = Check(
        CheckMetadata(
            id: "elasticache.replication-group.encrypted-at-rest",
            title: "ElastiCache replication groups are encrypted at rest",
            severity: .medium, resourceType: "AWS::ElastiCache::ReplicationGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ElastiCache.4"]], prowler: "elasticache_redis_cluster_rest_encryption_enabled",
            risk: "Unencrypted snapshots and swap expose cached data to anyone who obtains the underlying storage.",
            remediation: "Encryption at rest is set at creation: create an encrypted group from a backup and switch clients to it.",
            remediationCommand: "aws elasticache create-replication-group --replication-group-id <new-group> --replication-group-description <text> --snapshot-name <backup> --at-rest-encryption-enabled"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.replicationGroups) { g, _ in
                judgeSetting(g.ref, g.atRestEncryptionEnabled, member: "AtRestEncryptionEnabled", call: call, name: g.id,
                    evidence: evidence(g, ["atRestEncryptionEnabled": g.atRestEncryptionEnabled.map(JSONValue.bool) ?? .null]),
                    pass: "\(g.id) is encrypted at rest.", fail: "\(g.id) is not encrypted at rest (AtRestEncryptionEnabled=false).")
            }
        })

    static let encryptedInTransit = Check(
        CheckMetadata(
            id: "elasticache.replication-group.encrypted-in-transit",
            title: "ElastiCache replication groups encrypt data in transit",
            severity: .medium, resourceType: "AWS::ElastiCache::ReplicationGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ElastiCache.5"]], prowler: "elasticache_redis_cluster_in_transit_encryption_enabled",
            risk: "Without TLS, commands, data and AUTH tokens cross the network in clear text.",
            remediation: "Turn on in-transit encryption (preferred mode first, then required).",
            remediationCommand: "aws elasticache modify-replication-group --replication-group-id <group> --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.replicationGroups) { g, _ in
                judgeSetting(g.ref, g.transitEncryptionEnabled, member: "TransitEncryptionEnabled", call: call, name: g.id,
                    evidence: evidence(g, ["transitEncryptionEnabled": g.transitEncryptionEnabled.map(JSONValue.bool) ?? .null]),
                    pass: "\(g.id) encrypts data in transit.", fail: "\(g.id) does not encrypt data in transit (TransitEncryptionEnabled=false).")
            }
        })

    static let authentication = Check(
        CheckMetadata(
            id: "elasticache.replication-group.authentication",
            title: "ElastiCache replication groups require authentication (AUTH token or RBAC user groups)",
            severity: .medium, resourceType: "AWS::ElastiCache::ReplicationGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ElastiCache.6"]], prowler: "elasticache_redis_replication_group_auth_enabled",
            risk: "Without AUTH or role-based access control, any client that reaches the port can read and change every key.",
            remediation: "Set an AUTH token (with in-transit encryption) or attach an RBAC user group.",
            remediationCommand: "aws elasticache modify-replication-group --replication-group-id <group> --user-group-ids-to-add <user-group> --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.replicationGroups) { g, _ in
                let facts = evidence(g, ["authTokenEnabled": g.authTokenEnabled.map(JSONValue.bool) ?? .null, "userGroupIds": .strings(g.userGroupIds)])
                if !g.userGroupIds.isEmpty {
                    return .pass(g.ref, "\(g.id) uses role-based access control (\(g.userGroupIds.joined(separator: ", "))).", evidence: facts)
                }
                return judgeSetting(g.ref, g.authTokenEnabled, member: "AuthTokenEnabled", call: call, name: g.id, evidence: facts,
                    pass: "\(g.id) requires an AUTH token.",
                    fail: "\(g.id) requires no authentication (AuthTokenEnabled=false, no RBAC user group).")
            }
        })

    static let multiAZ = Check(
        CheckMetadata(
            id: "elasticache.replication-group.multi-az",
            title: "ElastiCache replication groups are Multi-AZ",
            severity: .medium, resourceType: "AWS::ElastiCache::ReplicationGroup", serviceModel: .managed,
            frameworks: [:], prowler: "elasticache_redis_cluster_multi_az_enabled",
            risk: "A group that is not Multi-AZ can lose its primary with its zone and stay without one.",
            remediation: "Add replicas in other zones and turn on Multi-AZ.",
            remediationCommand: "aws elasticache modify-replication-group --replication-group-id <group> --multi-az-enabled --automatic-failover-enabled --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.replicationGroups) { g, _ in
                guard let state = g.multiAZ else { return .unknown(g.ref, "\(call) gave no MultiAZ for \(g.id).") }
                let facts = evidence(g, ["multiAZ": .string(state)])
                if state == "enabled" { return .pass(g.ref, "\(g.id) is Multi-AZ.", evidence: facts) }
                return .fail(g.ref, "\(g.id) is not Multi-AZ (MultiAZ=\(state)).", evidence: facts)
            }
        })
}

/// ElastiCache cache clusters: minor version upgrades, subnet groups and (standalone Redis OSS /
/// Valkey clusters) backups.
enum ElastiCacheCacheClusterChecks {
    static let all: [Check] = [automaticMinorUpgrades, nonDefaultSubnetGroup, standaloneBackups]

    static let call = "elasticache describe-cache-clusters"

    static func evidence(_ c: ElastiCacheCacheCluster, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var object: JSONObject = ["cacheClusterId": .string(c.id)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    static let automaticMinorUpgrades = Check(
        CheckMetadata(
            id: "elasticache.cluster.automatic-minor-upgrades",
            title: "ElastiCache clusters take minor version upgrades automatically",
            severity: .high, resourceType: "AWS::ElastiCache::CacheCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ElastiCache.2"]], prowler: "elasticache_redis_cluster_auto_minor_version_upgrades",
            risk: "A cluster that does not take minor upgrades keeps running engine versions with known security bugs.",
            remediation: "Turn on automatic minor version upgrades.",
            remediationCommand: "aws elasticache modify-cache-cluster --cache-cluster-id <cluster> --auto-minor-version-upgrade --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.cacheClusters) { c, _ in
                judgeSetting(c.ref, c.autoMinorVersionUpgrade, member: "AutoMinorVersionUpgrade", call: call, name: c.id,
                    evidence: evidence(c, ["autoMinorVersionUpgrade": c.autoMinorVersionUpgrade.map(JSONValue.bool) ?? .null]),
                    pass: "\(c.id) takes minor version upgrades automatically.",
                    fail: "\(c.id) does not take minor version upgrades automatically (AutoMinorVersionUpgrade=false).")
            }
        })

    static let nonDefaultSubnetGroup = Check(
        CheckMetadata(
            id: "elasticache.cluster.non-default-subnet-group",
            title: "ElastiCache clusters do not use the default subnet group",
            severity: .high, resourceType: "AWS::ElastiCache::CacheCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ElastiCache.7"]], prowler: nil,
            risk: "The default subnet group spans the default VPC's subnets, which are public, so the cache may sit next to internet-facing hosts.",
            remediation: "Create a subnet group of private subnets and recreate the cluster in it.",
            remediationCommand: "aws elasticache create-cache-subnet-group --cache-subnet-group-name <group> --cache-subnet-group-description <text> --subnet-ids <subnet-ids>"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.cacheClusters) { c, _ in
                guard let group = c.cacheSubnetGroupName else { return .unknown(c.ref, "\(call) gave no CacheSubnetGroupName for \(c.id).") }
                let facts = evidence(c, ["cacheSubnetGroupName": .string(group)])
                if group == "default" { return .fail(c.ref, "\(c.id) uses the default subnet group.", evidence: facts) }
                return .pass(c.ref, "\(c.id) uses the subnet group \(group).", evidence: facts)
            }
        })

    static let standaloneBackups = Check(
        CheckMetadata(
            id: "elasticache.cluster.automatic-backups",
            title: "Standalone ElastiCache (Redis OSS, Valkey) clusters take automatic backups",
            severity: .high, resourceType: "AWS::ElastiCache::CacheCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ElastiCache.1"]], prowler: "elasticache_redis_cluster_backup_enabled",
            risk: "Without automatic snapshots, data lost to a bad write, a deletion or a failed node cannot be restored.",
            remediation: "Set a snapshot retention limit of at least one day.",
            remediationCommand: "aws elasticache modify-cache-cluster --cache-cluster-id <cluster> --snapshot-retention-limit 7 --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.cacheClusters) { c, _ in
                // Members of a replication group are judged on the group; Memcached has no backups.
                guard c.replicationGroupId == nil, c.engine != "memcached" else { return nil }
                guard let days = c.snapshotRetentionLimit else { return .unknown(c.ref, "\(call) gave no SnapshotRetentionLimit for \(c.id).") }
                let facts = evidence(c, ["snapshotRetentionLimit": .number(Double(days))])
                if days >= 1 { return .pass(c.ref, "\(c.id) keeps automatic backups for \(days) days.", evidence: facts) }
                return .fail(c.ref, "\(c.id) takes no automatic backups (SnapshotRetentionLimit=0).", evidence: facts)
            }
        })
}
