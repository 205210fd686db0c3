public import RampartJSON

/// A member node of an ElastiCache replication group's node group (shard).
public struct ElastiCacheNodeGroupMember: Sendable, Hashable {
    public var cacheClusterId: String?
    public var availabilityZone: String?
    /// `primary` or `replica` (cluster mode disabled only).
    public var role: String?
}

/// An ElastiCache (Redis OSS / Valkey) replication group, from `describe-replication-groups`.
/// Settings AWS did not return are nil, and the checks report them UNKNOWN.
public struct ElastiCacheReplicationGroup: Resource {
    public var ref: ResourceRef
    /// Not returned by `describe-replication-groups`; empty.
    public var tags: Tags { [:] }
    public var id: String
    public var engine: String?
    public var status: String?
    /// `enabled`, `disabled`, `enabling` or `disabling`.
    public var automaticFailover: String?
    /// `enabled` or `disabled`.
    public var multiAZ: String?
    public var atRestEncryptionEnabled: Bool?
    public var transitEncryptionEnabled: Bool?
    public var authTokenEnabled: Bool?
    /// RBAC user groups; non-empty means role-based access control is on.
    public var userGroupIds: [String]
    public var snapshotRetentionLimit: Int?
    public var memberClusters: [String]
    /// Shards and the zone of each node.
    public var nodeGroups: [[ElastiCacheNodeGroupMember]]
}

/// An ElastiCache cache cluster (a node set), from `describe-cache-clusters --show-cache-node-info`.
public struct ElastiCacheCacheCluster: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var id: String
    public var engine: String?
    public var engineVersion: String?
    public var status: String?
    /// The replication group the cluster belongs to; nil for a standalone cluster.
    public var replicationGroupId: String?
    public var autoMinorVersionUpgrade: Bool?
    public var cacheSubnetGroupName: String?
    public var snapshotRetentionLimit: Int?
    public var atRestEncryptionEnabled: Bool?
    public var transitEncryptionEnabled: Bool?
    public var authTokenEnabled: Bool?
    /// The zone of each cache node (`CacheNodes[].CustomerAvailabilityZone`, else the preferred zone).
    public var nodeZones: [String]
}

/// ElastiCache in one region.
public struct ElastiCacheInventory: Sendable {
    public var replicationGroups: Known<[ElastiCacheReplicationGroup]>
    public var cacheClusters: Known<[ElastiCacheCacheCluster]>
}

extension ElastiCacheInventory {
    static func load(_ loader: inout Loader, _ scope: Scope, _ zones: ZoneDirectory) -> ElastiCacheInventory {
        func call(_ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "elasticache", operation: operation)
        }
        let groups = loader.load(call("describe-replication-groups")) { (root) throws(JSONShapeError) in
            try root.map("ReplicationGroups") { (g) throws(JSONShapeError) in
                let id = try g.requiredString("ReplicationGroupId")
                return ElastiCacheReplicationGroup(
                    ref: ResourceRef(arn: try g.string("ARN") ?? scope.arn("elasticache", "replicationgroup:\(id)"),
                        type: "AWS::ElastiCache::ReplicationGroup", account: scope.account, region: scope.region, name: id),
                    id: id, engine: try g.string("Engine"), status: try g.string("Status"),
                    automaticFailover: try g.string("AutomaticFailover"), multiAZ: try g.string("MultiAZ"),
                    atRestEncryptionEnabled: try g.bool("AtRestEncryptionEnabled"),
                    transitEncryptionEnabled: try g.bool("TransitEncryptionEnabled"), authTokenEnabled: try g.bool("AuthTokenEnabled"),
                    userGroupIds: try g.strings("UserGroupIds"), snapshotRetentionLimit: try g.int("SnapshotRetentionLimit"),
                    memberClusters: try g.strings("MemberClusters"),
                    nodeGroups: try g.map("NodeGroups") { (n) throws(JSONShapeError) in
                        try n.map("NodeGroupMembers") { (m) throws(JSONShapeError) in
                            ElastiCacheNodeGroupMember(
                                cacheClusterId: try m.string("CacheClusterId"), availabilityZone: try m.string("PreferredAvailabilityZone"),
                                role: try m.string("CurrentRole"))
                        }
                    })
            }
        }
        let clusters = loader.load(call("describe-cache-clusters")) { (root) throws(JSONShapeError) in
            try root.map("CacheClusters") { (c) throws(JSONShapeError) in
                let id = try c.requiredString("CacheClusterId")
                let preferred = try c.string("PreferredAvailabilityZone")
                let nodeZones = try c.map("CacheNodes") { (n) throws(JSONShapeError) in try n.string("CustomerAvailabilityZone") ?? "" }
                    .filter { !$0.isEmpty }
                let zone = preferred == "Multiple" ? nil : preferred
                return ElastiCacheCacheCluster(
                    ref: zones.ref(scope, arn: try c.string("ARN") ?? scope.arn("elasticache", "cluster:\(id)"),
                        type: "AWS::ElastiCache::CacheCluster", zone: zone, name: id),
                    id: id, engine: try c.string("Engine"), engineVersion: try c.string("EngineVersion"),
                    status: try c.string("CacheClusterStatus"), replicationGroupId: try c.string("ReplicationGroupId"),
                    autoMinorVersionUpgrade: try c.bool("AutoMinorVersionUpgrade"), cacheSubnetGroupName: try c.string("CacheSubnetGroupName"),
                    snapshotRetentionLimit: try c.int("SnapshotRetentionLimit"),
                    atRestEncryptionEnabled: try c.bool("AtRestEncryptionEnabled"),
                    transitEncryptionEnabled: try c.bool("TransitEncryptionEnabled"), authTokenEnabled: try c.bool("AuthTokenEnabled"),
                    nodeZones: nodeZones.isEmpty ? zone.map { [$0] } ?? [] : nodeZones)
            }
        }
        return ElastiCacheInventory(replicationGroups: groups, cacheClusters: clusters)
    }
}
