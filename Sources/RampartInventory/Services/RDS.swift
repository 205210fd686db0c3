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
}

public struct RDSInventory: Sendable {
    public var instances: Known<[DBInstance]>
    public var clusters: Known<[DBCluster]>
}

extension RDSInventory {
    static func load(_ loader: inout Loader, _ scope: Scope, _ zones: ZoneDirectory) -> RDSInventory {
        func call(_ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "rds", operation: operation)
        }
        let instances = loader.load(call("describe-db-instances")) { (root) throws(JSONShapeError) in
            try root.map("DBInstances") { (i) throws(JSONShapeError) in
                let id = try i.requiredString("DBInstanceIdentifier")
                let subnetGroup = try i.optional("DBSubnetGroup")
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
                    publiclyAccessible: try c.bool("PubliclyAccessible"))
            }
        }
        return RDSInventory(instances: instances, clusters: clusters)
    }
}
