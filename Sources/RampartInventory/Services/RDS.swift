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
                    } ?? [])
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
                    }.filter { !$0.isEmpty })
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
        return RDSInventory(instances: instances, clusters: clusters, snapshots: snapshots)
    }
}
