public import RampartJSON

public struct DBInstance: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var engine: String
    public var instanceClass: String?
    public var status: String?
    public var multiAZ: Bool
    /// The standby's zone for Multi-AZ instances (AWS sends it; moto omits it).
    public var secondaryAvailabilityZone: String?
    public var publiclyAccessible: Bool
    public var storageEncrypted: Bool
    public var kmsKeyId: String?
    public var backupRetentionPeriod: Int
    public var deletionProtection: Bool
    public var autoMinorVersionUpgrade: Bool
    /// Set for instances that belong to an Aurora or Multi-AZ DB cluster.
    public var clusterIdentifier: String?
    public var readReplicaSource: String?
    public var vpcId: String?
    public var subnetZones: [String]
    /// The port the instance listens on (`Endpoint.Port`, else `DbInstancePort`).
    public var port: Int?
    public var masterUsername: String?
    /// Seconds between Enhanced Monitoring samples; 0 when off.
    public var monitoringInterval: Int
    /// Log types published to CloudWatch Logs (`EnabledCloudwatchLogsExports`).
    public var cloudwatchLogsExports: [String]
    public var iamDatabaseAuthenticationEnabled: Bool
    public var copyTagsToSnapshot: Bool
    /// `VpcSecurityGroups[].VpcSecurityGroupId`.
    public var securityGroupIds: [String]
    /// The subnets of the instance's DB subnet group, in the order of `subnetZones`.
    public var subnetIds: [String]
    /// ARNs of the copies of its automated backups replicated to other Regions
    /// (`DBInstanceAutomatedBackupsReplications`).
    public var automatedBackupReplicationArns: [String]
}

public struct DBClusterMember: Sendable, Hashable {
    public var instanceId: String
    public var isWriter: Bool
}

public struct DBCluster: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var engine: String
    public var status: String?
    public var multiAZ: Bool
    public var availabilityZones: [String]
    public var members: [DBClusterMember]
    public var storageEncrypted: Bool
    public var deletionProtection: Bool
    public var backupRetentionPeriod: Int
    public var publiclyAccessible: Bool?
    public var port: Int?
    public var masterUsername: String?
    public var iamDatabaseAuthenticationEnabled: Bool
    public var copyTagsToSnapshot: Bool
    /// Aurora MySQL backtrack window in seconds; nil or 0 when off.
    public var backtrackWindow: Int?
    public var cloudwatchLogsExports: [String]
    /// Set only for Multi-AZ DB clusters (Aurora takes it per instance).
    public var autoMinorVersionUpgrade: Bool?
    public var securityGroupIds: [String]
    /// The Aurora global database the cluster belongs to (`GlobalClusterIdentifier`).
    public var globalClusterId: String?
}

/// One entry of `describe-db-instance-automated-backups`: the automated backups of an instance, kept
/// in the Region that was read, and where they are replicated to.
public struct DBAutomatedBackup: Sendable {
    /// The instance the backups are of (in the source Region).
    public var instanceArn: String
    /// The source Region (AWS's `Region`).
    public var sourceRegion: String?
    /// `active`, `retained`, `creating`, `replicating` ...
    public var status: String?
    /// ARNs of the copies in other Regions, listed on the source's entry.
    public var replicationArns: [String]
}

/// An Aurora global database (`describe-global-clusters`): one writer cluster and read-only
/// secondary clusters, usually in other Regions.
public struct DBGlobalCluster: Sendable {
    public var id: String
    public var members: [DBGlobalClusterMember]
}

/// A cluster of an Aurora global database.
public struct DBGlobalClusterMember: Sendable, Hashable {
    public var clusterArn: String
    public var isWriter: Bool
    /// The Region in the cluster's ARN.
    public var region: String { arnRegion(clusterArn) ?? "" }
}

/// The Region field of an ARN, when it has one.
func arnRegion(_ arn: String) -> String? {
    let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    return parts.count > 3 && !parts[3].isEmpty ? String(parts[3]) : nil
}

extension AccountInventory {
    /// The Regions other than the instance's own that hold a replicated copy of its automated
    /// backups, as `describe-db-instances` and every scanned Region's
    /// `describe-db-instance-automated-backups` report them.
    public func backupCopyRegions(of db: DBInstance) -> [String] {
        var found = Set(db.automatedBackupReplicationArns.compactMap(arnRegion))
        for region in regions {
            for backup in region.rds.automatedBackups.value ?? [] where backup.instanceArn == db.ref.arn {
                found.formUnion(backup.replicationArns.compactMap(arnRegion))
                if region.scope.region != db.ref.region { found.insert(region.scope.region) }
            }
        }
        found.remove(db.ref.region)
        return found.sorted()
    }

    /// The other clusters of the Aurora global database a cluster belongs to: empty when it
    /// belongs to none, unknown when it names one whose members could not be read.
    public func globalDatabasePeers(of cluster: DBCluster) -> Known<[DBGlobalClusterMember]> {
        var reasons: [String] = []
        for region in regions {
            switch region.rds.globalClusters {
            case .known(let globals):
                if let global = globals.first(where: { g in g.members.contains { $0.clusterArn == cluster.ref.arn } })
                    ?? globals.first(where: { $0.id == cluster.globalClusterId }) {
                    return .known(global.members.filter { $0.clusterArn != cluster.ref.arn })
                }
            case .unknown(let reason):
                reasons.append("\(region.scope.region): \(reason)")
            }
        }
        guard let id = cluster.globalClusterId else { return .known([]) }
        return .unknown(reason: "global database \(id) not described (\(reasons.isEmpty ? "not listed by describe-global-clusters" : reasons.joined(separator: "; ")))")
    }
}

/// A DB snapshot (manual or automated) and who may restore it.
public struct DBSnapshot: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var instanceId: String?
    public var engine: String?
    /// `manual`, `automated`, `shared` ...
    public var snapshotType: String?
    public var encrypted: Bool
    /// The `restore` attribute's values: account ids, or `all` for a public snapshot.
    public var restoreAttribute: Known<[String]>
}

public struct RDSInventory: Sendable {
    public var instances: Known<[DBInstance]>
    public var clusters: Known<[DBCluster]>
    public var snapshots: Known<[DBSnapshot]>
    public var automatedBackups: Known<[DBAutomatedBackup]>
    public var globalClusters: Known<[DBGlobalCluster]>
}

extension RDSInventory {
    static func load(_ loader: inout Loader, _ scope: Scope, _ zones: ZoneDirectory) -> RDSInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "rds", operation: operation, resource: resource)
        }
        let instances = loader.load(call("describe-db-instances")) { (root) throws(JSONShapeError) in
            try root.map("DBInstances") { (i) throws(JSONShapeError) in
                let id = try i.requiredString("DBInstanceIdentifier")
                let subnetGroup = try i.optional("DBSubnetGroup")
                let endpointPort = try i.optional("Endpoint")?.int("Port")
                let instancePort = try i.int("DbInstancePort")
                return DBInstance(
                    ref: zones.ref(scope, arn: try i.string("DBInstanceArn") ?? scope.arn("rds", "db:\(id)"),
                                   type: "AWS::RDS::DBInstance", zone: try i.string("AvailabilityZone"), name: id),
                    tags: try i.tagList("TagList"), id: id, engine: try i.string("Engine") ?? "",
                    instanceClass: try i.string("DBInstanceClass"), status: try i.string("DBInstanceStatus"),
                    multiAZ: try i.bool("MultiAZ") ?? false,
                    secondaryAvailabilityZone: try i.string("SecondaryAvailabilityZone"),
                    publiclyAccessible: try i.required("PubliclyAccessible").bool(),
                    storageEncrypted: try i.bool("StorageEncrypted") ?? false, kmsKeyId: try i.string("KmsKeyId"),
                    backupRetentionPeriod: try i.int("BackupRetentionPeriod") ?? 0,
                    deletionProtection: try i.bool("DeletionProtection") ?? false,
                    autoMinorVersionUpgrade: try i.bool("AutoMinorVersionUpgrade") ?? false,
                    clusterIdentifier: try i.string("DBClusterIdentifier"),
                    readReplicaSource: try i.string("ReadReplicaSourceDBInstanceIdentifier"),
                    vpcId: try subnetGroup?.string("VpcId"),
                    subnetZones: try subnetGroup?.map("Subnets") { (s) throws(JSONShapeError) in
                        try s.optional("SubnetAvailabilityZone")?.string("Name") ?? ""
                    } ?? [],
                    port: endpointPort ?? instancePort.flatMap { $0 > 0 ? $0 : nil },
                    masterUsername: try i.string("MasterUsername"),
                    monitoringInterval: try i.int("MonitoringInterval") ?? 0,
                    cloudwatchLogsExports: try i.strings("EnabledCloudwatchLogsExports"),
                    iamDatabaseAuthenticationEnabled: try i.bool("IAMDatabaseAuthenticationEnabled") ?? false,
                    copyTagsToSnapshot: try i.bool("CopyTagsToSnapshot") ?? false,
                    securityGroupIds: try i.map("VpcSecurityGroups") { (g) throws(JSONShapeError) in
                        try g.string("VpcSecurityGroupId") ?? ""
                    }.filter { !$0.isEmpty },
                    subnetIds: try subnetGroup?.map("Subnets") { (s) throws(JSONShapeError) in
                        try s.string("SubnetIdentifier") ?? ""
                    } ?? [],
                    automatedBackupReplicationArns: try i.map("DBInstanceAutomatedBackupsReplications") { (b) throws(JSONShapeError) in
                        try b.string("DBInstanceAutomatedBackupsArn") ?? ""
                    }.filter { !$0.isEmpty })
            }
        }
        let clusters = loader.load(call("describe-db-clusters")) { (root) throws(JSONShapeError) in
            try root.map("DBClusters") { (c) throws(JSONShapeError) in
                let id = try c.requiredString("DBClusterIdentifier")
                return DBCluster(
                    ref: zones.ref(scope, arn: try c.string("DBClusterArn") ?? scope.arn("rds", "cluster:\(id)"),
                                   type: "AWS::RDS::DBCluster", zone: nil, name: id),
                    tags: try c.tagList("TagList"), id: id, engine: try c.string("Engine") ?? "",
                    status: try c.string("Status"), multiAZ: try c.bool("MultiAZ") ?? false,
                    availabilityZones: try c.strings("AvailabilityZones"),
                    members: try c.map("DBClusterMembers") { (m) throws(JSONShapeError) in
                        DBClusterMember(
                            instanceId: try m.string("DBInstanceIdentifier") ?? "", isWriter: try m.bool("IsClusterWriter") ?? false)
                    },
                    storageEncrypted: try c.bool("StorageEncrypted") ?? false,
                    deletionProtection: try c.bool("DeletionProtection") ?? false,
                    backupRetentionPeriod: try c.int("BackupRetentionPeriod") ?? 0,
                    publiclyAccessible: try c.bool("PubliclyAccessible"),
                    port: try c.int("Port"), masterUsername: try c.string("MasterUsername"),
                    iamDatabaseAuthenticationEnabled: try c.bool("IAMDatabaseAuthenticationEnabled") ?? false,
                    copyTagsToSnapshot: try c.bool("CopyTagsToSnapshot") ?? false,
                    backtrackWindow: try c.int("BacktrackWindow"),
                    cloudwatchLogsExports: try c.strings("EnabledCloudwatchLogsExports"),
                    autoMinorVersionUpgrade: try c.bool("AutoMinorVersionUpgrade"),
                    securityGroupIds: try c.map("VpcSecurityGroups") { (g) throws(JSONShapeError) in
                        try g.string("VpcSecurityGroupId") ?? ""
                    }.filter { !$0.isEmpty },
                    globalClusterId: try c.string("GlobalClusterIdentifier").flatMap { $0.isEmpty ? nil : $0 })
            }
        }
        let listing = loader.load(call("describe-db-snapshots")) { (root) throws(JSONShapeError) in
            try root.map("DBSnapshots") { (d) throws(JSONShapeError) in
                let id = try d.requiredString("DBSnapshotIdentifier")
                return DBSnapshot(
                    ref: zones.ref(scope, arn: try d.string("DBSnapshotArn") ?? scope.arn("rds", "snapshot:\(id)"), type: "AWS::RDS::DBSnapshot",
                                   zone: try d.string("AvailabilityZone"), name: id),
                    tags: try d.tagList("TagList"), id: id, instanceId: try d.string("DBInstanceIdentifier"), engine: try d.string("Engine"),
                    snapshotType: try d.string("SnapshotType"), encrypted: try d.required("Encrypted").bool(),
                    restoreAttribute: .unknown(reason: "describe-db-snapshot-attributes was not read"))
            }
        }
        let snapshots: Known<[DBSnapshot]> = listing.map { list in
            list.map { snapshot in
                var s = snapshot
                s.restoreAttribute = loader.load(call("describe-db-snapshot-attributes", snapshot.id)) { (root) throws(JSONShapeError) in
                    var values: [String] = []
                    for a in try root.required("DBSnapshotAttributesResult").array("DBSnapshotAttributes") where try a.string("AttributeName") == "restore" {
                        values += try a.strings("AttributeValues")
                    }
                    return values
                }
                return s
            }
        }
        let automatedBackups = loader.load(call("describe-db-instance-automated-backups")) { (root) throws(JSONShapeError) in
            try root.map("DBInstanceAutomatedBackups") { (b) throws(JSONShapeError) in
                DBAutomatedBackup(
                    instanceArn: try b.string("DBInstanceArn") ?? "", sourceRegion: try b.string("Region"), status: try b.string("Status"),
                    replicationArns: try b.map("DBInstanceAutomatedBackupsReplications") { (r) throws(JSONShapeError) in
                        try r.string("DBInstanceAutomatedBackupsArn") ?? ""
                    }.filter { !$0.isEmpty })
            }
        }
        let globalClusters = loader.load(call("describe-global-clusters")) { (root) throws(JSONShapeError) in
            try root.map("GlobalClusters") { (g) throws(JSONShapeError) in
                DBGlobalCluster(
                    id: try g.string("GlobalClusterIdentifier") ?? "",
                    members: try g.map("GlobalClusterMembers") { (m) throws(JSONShapeError) in
                        DBGlobalClusterMember(clusterArn: try m.string("DBClusterArn") ?? "", isWriter: try m.bool("IsWriter") ?? false)
                    }.filter { !$0.clusterArn.isEmpty })
            }
        }
        return RDSInventory(
            instances: instances, clusters: clusters, snapshots: snapshots, automatedBackups: automatedBackups, globalClusters: globalClusters)
    }
}
