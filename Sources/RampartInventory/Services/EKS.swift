public import RampartJSON

/// What `eks describe-cluster` says of a cluster.
public struct EKSClusterDetails: Sendable {
    /// The Kubernetes minor version (`1.29`).
    public var version: String?
    public var roleArn: String?
    public var subnetIds: [String]
    public var endpointPublicAccess: Bool
    public var endpointPrivateAccess: Bool
    /// The CIDRs allowed to reach the public endpoint (`0.0.0.0/0` when unrestricted).
    public var publicAccessCidrs: [String]
    /// Control plane log types that are enabled (`api`, `audit`, `authenticator` ...).
    public var enabledLogTypes: Set<String>
    /// Resources encrypted with a KMS key (`secrets`), from `encryptionConfig`.
    public var encryptedResources: Set<String>
}

/// An EKS cluster (`list-clusters`) with its description.
public struct EKSCluster: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var name: String
    public var details: Known<EKSClusterDetails>
}

/// The region's EKS clusters.
public struct EKSInventory: Sendable {
    public var clusters: Known<[EKSCluster]>
}

extension EKSInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> EKSInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "eks", operation: operation, resource: resource)
        }
        let names = loader.load(call("list-clusters")) { (root) throws(JSONShapeError) in try root.strings("clusters") }
        let clusters = names.map { names in
            names.map { name in
                var tags: Tags = [:]
                var arn: String?
                let details = loader.load(call("describe-cluster", name)) { (root) throws(JSONShapeError) in
                    let c = try root.required("cluster")
                    arn = try c.string("arn")
                    if let t = try c.optional("tags") { for (k, v) in try t.members() { tags[k] = try v.string() } }
                    let vpc = try c.required("resourcesVpcConfig")
                    var logTypes: Set<String> = []
                    for entry in try c.optional("logging")?.array("clusterLogging") ?? [] where try entry.bool("enabled") == true {
                        logTypes.formUnion(try entry.strings("types"))
                    }
                    var encrypted: Set<String> = []
                    for entry in try c.array("encryptionConfig") { encrypted.formUnion(try entry.strings("resources")) }
                    return EKSClusterDetails(
                        version: try c.string("version"), roleArn: try c.string("roleArn"), subnetIds: try vpc.strings("subnetIds"),
                        endpointPublicAccess: try vpc.bool("endpointPublicAccess") ?? true, endpointPrivateAccess: try vpc.bool("endpointPrivateAccess") ?? false,
                        publicAccessCidrs: try vpc.strings("publicAccessCidrs"), enabledLogTypes: logTypes, encryptedResources: encrypted)
                }
                return EKSCluster(
                    ref: ResourceRef(arn: arn ?? scope.arn("eks", "cluster/\(name)"), type: "AWS::EKS::Cluster", account: scope.account,
                                     region: scope.region, name: name),
                    tags: tags, name: name, details: details)
            }
        }
        return EKSInventory(clusters: clusters)
    }
}
