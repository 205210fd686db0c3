public import RampartJSON

public struct HostedZone: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    /// As listed, e.g. `/hostedzone/Z123`.
    public var id: String
    public var name: String
    public var isPrivate: Bool
    public var recordSets: Known<[RecordSet]>
}

public struct RecordSet: Sendable, Hashable {
    public var name: String
    public var type: String
    public var setIdentifier: String?
    /// `PRIMARY` or `SECONDARY` for failover records.
    public var failover: String?
    public var healthCheckId: String?
    public var aliasTargetDNSName: String?
    public var aliasEvaluatesTargetHealth: Bool?
    public var region: String?
    public var weight: Int?
    public var values: [String]
}

public struct HealthCheck: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var id: String
    public var type: String
    public var fullyQualifiedDomainName: String?
    public var ipAddress: String?
}

/// Route 53 is global.
public struct Route53Inventory: Sendable {
    public var hostedZones: Known<[HostedZone]>
    public var healthChecks: Known<[HealthCheck]>
}

extension Route53Inventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> Route53Inventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: "global", service: "route53", operation: operation, resource: resource)
        }
        let listing = loader.load(call("list-hosted-zones")) { (root) throws(JSONShapeError) in
            try root.map("HostedZones") { (z) throws(JSONShapeError) in
                (id: try z.requiredString("Id"), name: try z.string("Name") ?? "",
                 isPrivate: try z.optional("Config")?.bool("PrivateZone") ?? false)
            }
        }
        let zones = listing.map { entries in
            entries.map { zone in
                let shortId = zone.id.split(separator: "/").last.map(String.init) ?? zone.id
                return HostedZone(
                    ref: ResourceRef(
                        arn: "arn:\(scope.partition):route53:::hostedzone/\(shortId)", type: "AWS::Route53::HostedZone",
                        account: scope.account, region: "global", name: zone.name),
                    id: zone.id, name: zone.name, isPrivate: zone.isPrivate,
                    recordSets: loader.load(call("list-resource-record-sets", zone.id)) { (root) throws(JSONShapeError) in
                        try root.map("ResourceRecordSets") { (r) throws(JSONShapeError) in
                            let alias = try r.optional("AliasTarget")
                            return RecordSet(
                                name: try r.string("Name") ?? "", type: try r.string("Type") ?? "",
                                setIdentifier: try r.string("SetIdentifier"), failover: try r.string("Failover"),
                                healthCheckId: try r.string("HealthCheckId"), aliasTargetDNSName: try alias?.string("DNSName"),
                                aliasEvaluatesTargetHealth: try alias?.bool("EvaluateTargetHealth"), region: try r.string("Region"),
                                weight: try r.int("Weight"),
                                values: try r.map("ResourceRecords") { (v) throws(JSONShapeError) in try v.string("Value") ?? "" })
                        }
                    })
            }
        }
        let healthChecks = loader.load(call("list-health-checks")) { (root) throws(JSONShapeError) in
            try root.map("HealthChecks") { (h) throws(JSONShapeError) in
                let id = try h.requiredString("Id")
                let config = try h.optional("HealthCheckConfig")
                return HealthCheck(
                    ref: ResourceRef(
                        arn: "arn:\(scope.partition):route53:::healthcheck/\(id)", type: "AWS::Route53::HealthCheck",
                        account: scope.account, region: "global", name: try config?.string("FullyQualifiedDomainName") ?? id),
                    id: id, type: try config?.string("Type") ?? "",
                    fullyQualifiedDomainName: try config?.string("FullyQualifiedDomainName"),
                    ipAddress: try config?.string("IPAddress"))
            }
        }
        return Route53Inventory(hostedZones: zones, healthChecks: healthChecks)
    }
}
