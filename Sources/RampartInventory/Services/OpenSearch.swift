public import RampartJSON

/// An OpenSearch Service domain, from `describe-domain`. Settings AWS did not return are nil,
/// and the checks report them UNKNOWN.
public struct OpenSearchDomain: ResourcePolicyBearing {
    public var ref: ResourceRef
    /// Not returned by `describe-domain`; empty.
    public var tags: Tags { [:] }
    public var name: String
    /// The domain's description, or why it is not known.
    public var status: Known<OpenSearchDomainStatus>
    /// `AccessPolicies`: the domain's resource policy text; `.known(nil)` when empty.
    public var resourcePolicy: Known<String?> { status.map { $0.accessPolicies } }
}

/// What `describe-domain` says of a domain (`DomainStatus`).
public struct OpenSearchDomainStatus: Sendable {
    public var engineVersion: String?
    public var accessPolicies: String?
    public var instanceCount: Int?
    public var dedicatedMasterEnabled: Bool?
    public var dedicatedMasterCount: Int?
    public var zoneAwarenessEnabled: Bool?
    public var availabilityZoneCount: Int?
    /// The VPC the domain is in, when AWS names it.
    public var vpcId: String?
    /// The subnets of a VPC domain; empty for a domain with a public endpoint.
    public var vpcSubnetIds: [String]
    public var vpcZones: [String]
    public var encryptionAtRest: Bool?
    public var nodeToNodeEncryption: Bool?
    public var enforceHTTPS: Bool?
    public var tlsSecurityPolicy: String?
    public var fineGrainedAccessControl: Bool?
    /// Log types (`AUDIT_LOGS`, `ES_APPLICATION_LOGS` ...) published and enabled.
    public var enabledLogs: [String]
    /// Whether the domain is in a VPC (`VPCOptions` names a VPC or subnets).
    public var inVPC: Bool { vpcId != nil || !vpcSubnetIds.isEmpty }
    /// `ServiceSoftwareOptions.UpdateAvailable`: a service software update is waiting.
    public var updateAvailable: Bool?
}

/// OpenSearch Service in one region.
public struct OpenSearchInventory: Sendable {
    public var domains: Known<[OpenSearchDomain]>
}

extension OpenSearchInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> OpenSearchInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "opensearch", operation: operation, resource: resource)
        }
        let names = loader.load(call("list-domain-names")) { (root) throws(JSONShapeError) in
            try root.map("DomainNames") { (d) throws(JSONShapeError) in try d.requiredString("DomainName") }
        }
        let domains: Known<[OpenSearchDomain]> = names.map { names in
            names.map { name in
                OpenSearchDomain(
                    ref: ResourceRef(arn: scope.arn("es", "domain/\(name)"), type: "AWS::OpenSearchService::Domain",
                        account: scope.account, region: scope.region, name: name),
                    name: name,
                    status: loader.load(call("describe-domain", name)) { (root) throws(JSONShapeError) in
                        let d = try root.required("DomainStatus")
                        let cluster = try d.optional("ClusterConfig")
                        let vpc = try d.optional("VPCOptions")
                        let endpoint = try d.optional("DomainEndpointOptions")
                        var logs: [String] = []
                        for (key, node) in try d.optional("LogPublishingOptions")?.members() ?? [] {
                            if try node.bool("Enabled") == true { logs.append(key) }
                        }
                        let policy = try d.string("AccessPolicies")
                        return OpenSearchDomainStatus(
                            engineVersion: try d.string("EngineVersion"), accessPolicies: policy?.isEmpty == true ? nil : policy,
                            instanceCount: try cluster?.int("InstanceCount"),
                            dedicatedMasterEnabled: try cluster?.bool("DedicatedMasterEnabled"),
                            dedicatedMasterCount: try cluster?.int("DedicatedMasterCount"),
                            zoneAwarenessEnabled: try cluster?.bool("ZoneAwarenessEnabled"),
                            availabilityZoneCount: try cluster?.optional("ZoneAwarenessConfig")?.int("AvailabilityZoneCount"),
                            vpcId: try vpc?.string("VPCId"), vpcSubnetIds: try vpc?.strings("SubnetIds") ?? [], vpcZones: try vpc?.strings("AvailabilityZones") ?? [],
                            encryptionAtRest: try d.optional("EncryptionAtRestOptions")?.bool("Enabled"),
                            nodeToNodeEncryption: try d.optional("NodeToNodeEncryptionOptions")?.bool("Enabled"),
                            enforceHTTPS: try endpoint?.bool("EnforceHTTPS"), tlsSecurityPolicy: try endpoint?.string("TLSSecurityPolicy"),
                            fineGrainedAccessControl: try d.optional("AdvancedSecurityOptions")?.bool("Enabled"),
                            enabledLogs: logs.sorted(),
                            updateAvailable: try d.optional("ServiceSoftwareOptions")?.bool("UpdateAvailable"))
                    })
            }
        }
        return OpenSearchInventory(domains: domains)
    }
}
