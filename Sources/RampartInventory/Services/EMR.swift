public import RampartJSON

public struct EMRCluster: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var name: String
    /// From `list-clusters`: `STARTING`, `RUNNING`, `WAITING`, `TERMINATED` ...
    public var state: String
    /// From `describe-cluster`; unknown when that call could not be read.
    public var details: Known<EMRClusterDetails>

    public var isActive: Bool { !state.hasPrefix("TERMINAT") }
}

public struct EMRClusterDetails: Sendable {
    public var availabilityZone: String?
    public var subnetId: String?
    public var masterPublicDnsName: String?
    public var securityConfiguration: String?
    public var releaseLabel: String?
    /// The primary node's security groups: `EmrManagedMasterSecurityGroup` then `AdditionalMasterSecurityGroups`.
    public var primarySecurityGroupIds: [String] = []
    /// The core and task nodes' groups: `EmrManagedSlaveSecurityGroup` then `AdditionalSlaveSecurityGroups`.
    public var coreSecurityGroupIds: [String] = []
    /// `ServiceAccessSecurityGroup`: the group EMR's own interface uses in private subnets.
    public var serviceAccessSecurityGroup: String?
    /// `RequestedEc2SubnetIds`: the candidate subnets of an instance-fleet cluster.
    public var requestedSubnetIds: [String] = []
}

/// The region's EMR Block Public Access setting.
public struct EMRBlockPublicAccess: Sendable {
    public var blockPublicSecurityGroupRules: Bool
    /// Port ranges allowed to be open to the internet despite the block (22 by default).
    public var permittedPortRanges: [ClosedRange<Int>]
}

public struct EMRInventory: Sendable {
    public var clusters: Known<[EMRCluster]>
    public var blockPublicAccess: Known<EMRBlockPublicAccess>
}

extension EMRInventory {
    static func load(_ loader: inout Loader, _ scope: Scope, _ zones: ZoneDirectory) -> EMRInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "emr", operation: operation, resource: resource)
        }
        let listing = loader.load(call("list-clusters")) { (root) throws(JSONShapeError) in
            try root.map("Clusters") { (c) throws(JSONShapeError) in
                (id: try c.requiredString("Id"), name: try c.string("Name") ?? "", arn: try c.string("ClusterArn"),
                 state: try c.optional("Status")?.string("State") ?? "UNKNOWN")
            }
        }
        let clusters = listing.map { entries in
            entries.map { entry in
                var tags: Tags = [:]
                let details = loader.load(call("describe-cluster", entry.id)) { (root) throws(JSONShapeError) in
                    let c = try root.required("Cluster")
                    tags = try c.tagList()
                    let ec2 = try c.optional("Ec2InstanceAttributes")
                    let primary = [try ec2?.string("EmrManagedMasterSecurityGroup")].compactMap { $0 }
                        + (try ec2?.strings("AdditionalMasterSecurityGroups") ?? [])
                    let core = [try ec2?.string("EmrManagedSlaveSecurityGroup")].compactMap { $0 }
                        + (try ec2?.strings("AdditionalSlaveSecurityGroups") ?? [])
                    return EMRClusterDetails(
                        availabilityZone: try ec2?.string("Ec2AvailabilityZone"), subnetId: try ec2?.string("Ec2SubnetId"),
                        masterPublicDnsName: try c.string("MasterPublicDnsName"),
                        securityConfiguration: try c.string("SecurityConfiguration"), releaseLabel: try c.string("ReleaseLabel"),
                        primarySecurityGroupIds: primary, coreSecurityGroupIds: core,
                        serviceAccessSecurityGroup: try ec2?.string("ServiceAccessSecurityGroup"),
                        requestedSubnetIds: try ec2?.strings("RequestedEc2SubnetIds") ?? [])
                }
                return EMRCluster(
                    ref: zones.ref(scope, arn: entry.arn ?? scope.arn("elasticmapreduce", "cluster/\(entry.id)"),
                                   type: "AWS::EMR::Cluster", zone: details.value?.availabilityZone, name: entry.name),
                    tags: tags, id: entry.id, name: entry.name, state: entry.state, details: details)
            }
        }
        let bpa = loader.load(call("get-block-public-access-configuration")) { (root) throws(JSONShapeError) in
            let c = try root.required("BlockPublicAccessConfiguration")
            return EMRBlockPublicAccess(
                blockPublicSecurityGroupRules: try c.bool("BlockPublicSecurityGroupRules") ?? false,
                permittedPortRanges: try c.map("PermittedPublicSecurityGroupRuleRanges") { (r) throws(JSONShapeError) in
                    let min = try r.int("MinRange") ?? 0
                    return min...(try r.int("MaxRange") ?? min)
                })
        }
        return EMRInventory(clusters: clusters, blockPublicAccess: bpa)
    }
}
