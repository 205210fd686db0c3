public import RampartJSON

public struct RedshiftCluster: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var status: String?
    public var nodeType: String?
    public var numberOfNodes: Int
    public var publiclyAccessible: Bool
    public var encrypted: Bool
    public var vpcId: String?
    public var automatedSnapshotRetentionPeriod: Int
    /// `enabled` for Multi-AZ (RA3) clusters.
    public var multiAZ: String?
    public var port: Int?
    public var enhancedVpcRouting: Bool
    public var allowVersionUpgrade: Bool
    public var masterUsername: String?
    public var dbName: String?
    public var securityGroupIds: [String]
    /// Public addresses of the cluster's nodes (`ClusterNodes[].PublicIPAddress`).
    public var nodePublicIPs: [String]
    public var clusterSubnetGroupName: String?
}

/// A Redshift cluster subnet group: the subnets a cluster may be placed in.
public struct RedshiftSubnetGroup: Sendable, Hashable {
    public var name: String
    public var vpcId: String?
    public var subnetIds: [String]
}

public struct RedshiftInventory: Sendable {
    public var clusters: Known<[RedshiftCluster]>
    public var subnetGroups: Known<[RedshiftSubnetGroup]>
}

extension RedshiftInventory {
    static func load(_ loader: inout Loader, _ scope: Scope, _ zones: ZoneDirectory) -> RedshiftInventory {
        let clusters = loader.load(
            AWSCall(account: scope.account, region: scope.region, service: "redshift", operation: "describe-clusters")
        ) { (root) throws(JSONShapeError) in
            try root.map("Clusters") { (c) throws(JSONShapeError) in
                let id = try c.requiredString("ClusterIdentifier")
                return RedshiftCluster(
                    ref: zones.ref(scope, arn: scope.arn("redshift", "cluster:\(id)"), type: "AWS::Redshift::Cluster",
                        zone: try c.string("AvailabilityZone"), name: id),
                    tags: try c.tagList(), id: id, status: try c.string("ClusterStatus"), nodeType: try c.string("NodeType"),
                    numberOfNodes: try c.int("NumberOfNodes") ?? 1, publiclyAccessible: try c.required("PubliclyAccessible").bool(),
                    encrypted: try c.bool("Encrypted") ?? false, vpcId: try c.string("VpcId"),
                    automatedSnapshotRetentionPeriod: try c.int("AutomatedSnapshotRetentionPeriod") ?? 0,
                    multiAZ: try c.string("MultiAZ"), port: try c.optional("Endpoint")?.int("Port"),
                    enhancedVpcRouting: try c.bool("EnhancedVpcRouting") ?? false,
                    allowVersionUpgrade: try c.bool("AllowVersionUpgrade") ?? false,
                    masterUsername: try c.string("MasterUsername"), dbName: try c.string("DBName"),
                    securityGroupIds: try c.map("VpcSecurityGroups") { (g) throws(JSONShapeError) in
                        try g.string("VpcSecurityGroupId") ?? ""
                    }.filter { !$0.isEmpty },
                    nodePublicIPs: try c.map("ClusterNodes") { (n) throws(JSONShapeError) in
                        try n.string("PublicIPAddress") ?? ""
                    }.filter { !$0.isEmpty },
                    clusterSubnetGroupName: try c.string("ClusterSubnetGroupName"))
            }
        }
        let subnetGroups = loader.load(
            AWSCall(account: scope.account, region: scope.region, service: "redshift", operation: "describe-cluster-subnet-groups")
        ) { (root) throws(JSONShapeError) in
            try root.map("ClusterSubnetGroups") { (g) throws(JSONShapeError) in
                RedshiftSubnetGroup(
                    name: try g.string("ClusterSubnetGroupName") ?? "", vpcId: try g.string("VpcId"),
                    subnetIds: try g.map("Subnets") { (s) throws(JSONShapeError) in try s.string("SubnetIdentifier") ?? "" }.filter { !$0.isEmpty })
            }
        }
        return RedshiftInventory(clusters: clusters, subnetGroups: subnetGroups)
    }
}
