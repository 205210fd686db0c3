public import RampartJSON

public struct LoadBalancerZone: Sendable, Hashable {
    public var zoneName: String
    public var zoneId: String?
    public var subnetId: String?
}

public struct Listener: Sendable, Hashable {
    public var arn: String
    public var port: Int?
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`.
    public var protocolName: String?
    public var sslPolicy: String?
    /// Default actions' types, e.g. `redirect` for an HTTP-to-HTTPS redirect.
    public var defaultActionTypes: [String]
    public var redirectProtocol: String?
}

public struct LoadBalancer: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    /// `application`, `network` or `gateway`.
    public var type: String
    /// `internet-facing` or `internal`.
    public var scheme: String
    public var state: String?
    public var vpcId: String?
    public var dnsName: String?
    public var zones: [LoadBalancerZone]
    public var securityGroupIds: [String]
    /// `ipv4`, `dualstack` or `dualstack-without-public-ipv4`; nil when describe-load-balancers omits it (IPv4).
    public var ipAddressType: String? = nil
    public var attributes: Known<[String: String]>
    public var listeners: Known<[Listener]>
}

public struct TargetHealth: Sendable, Hashable {
    public var targetId: String
    public var port: Int?
    public var availabilityZone: String?
    /// `healthy`, `unhealthy`, `initial`, `unused`, `draining`, `unavailable`.
    public var state: String
}

public struct TargetGroup: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var protocolName: String?
    public var port: Int?
    public var targetType: String?
    public var loadBalancerArns: [String]
    public var health: Known<[TargetHealth]>
}

public struct ELBv2Inventory: Sendable {
    public var loadBalancers: Known<[LoadBalancer]>
    public var targetGroups: Known<[TargetGroup]>
}

extension ELBv2Inventory {
    static func load(_ loader: inout Loader, _ scope: Scope, _ dir: ZoneDirectory) -> ELBv2Inventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "elbv2", operation: operation, resource: resource)
        }
        let listing = loader.load(call("describe-load-balancers")) { (root) throws(JSONShapeError) in
            try root.map("LoadBalancers") { (lb) throws(JSONShapeError) in
                (arn: try lb.requiredString("LoadBalancerArn"), name: try lb.string("LoadBalancerName") ?? "",
                 type: try lb.string("Type") ?? "application", scheme: try lb.string("Scheme") ?? "internet-facing",
                 state: try lb.optional("State")?.string("Code"), vpcId: try lb.string("VpcId"), dns: try lb.string("DNSName"),
                 zones: try lb.map("AvailabilityZones") { (z) throws(JSONShapeError) in
                     let name = try z.string("ZoneName") ?? ""
                     return LoadBalancerZone(zoneName: name, zoneId: try z.string("ZoneId") ?? dir.idsByName[name],
                                             subnetId: try z.string("SubnetId"))
                 },
                 groups: try lb.strings("SecurityGroups"), ipType: try lb.string("IpAddressType"))
            }
        }
        let loadBalancers = listing.map { entries in
            entries.map { e in
                LoadBalancer(
                    ref: ResourceRef(arn: e.arn, type: "AWS::ElasticLoadBalancingV2::LoadBalancer", account: scope.account,
                                     region: scope.region, name: e.name),
                    name: e.name, type: e.type, scheme: e.scheme, state: e.state, vpcId: e.vpcId, dnsName: e.dns,
                    zones: e.zones, securityGroupIds: e.groups, ipAddressType: e.ipType,
                    attributes: loader.load(call("describe-load-balancer-attributes", e.arn)) { (root) throws(JSONShapeError) in
                        var map: [String: String] = [:]
                        for a in try root.array("Attributes") {
                            if let key = try a.string("Key") { map[key] = try a.string("Value") ?? "" }
                        }
                        return map
                    },
                    listeners: loader.load(call("describe-listeners", e.arn)) { (root) throws(JSONShapeError) in
                        try root.map("Listeners") { (l) throws(JSONShapeError) in
                            let actions = try l.array("DefaultActions")
                            var redirect: String?
                            for action in actions {
                                if let p = try action.optional("RedirectConfig")?.string("Protocol") { redirect = p }
                            }
                            return Listener(
                                arn: try l.string("ListenerArn") ?? "", port: try l.int("Port"), protocolName: try l.string("Protocol"),
                                sslPolicy: try l.string("SslPolicy"),
                                defaultActionTypes: try actions.map { (a) throws(JSONShapeError) in try a.string("Type") ?? "" },
                                redirectProtocol: redirect)
                        }
                    })
            }
        }
        let groupListing = loader.load(call("describe-target-groups")) { (root) throws(JSONShapeError) in
            try root.map("TargetGroups") { (g) throws(JSONShapeError) in
                (arn: try g.requiredString("TargetGroupArn"), name: try g.string("TargetGroupName") ?? "",
                 proto: try g.string("Protocol"), port: try g.int("Port"), targetType: try g.string("TargetType"),
                 lbs: try g.strings("LoadBalancerArns"))
            }
        }
        let targetGroups = groupListing.map { entries in
            entries.map { g in
                TargetGroup(
                    ref: ResourceRef(arn: g.arn, type: "AWS::ElasticLoadBalancingV2::TargetGroup", account: scope.account,
                                     region: scope.region, name: g.name),
                    name: g.name, protocolName: g.proto, port: g.port, targetType: g.targetType, loadBalancerArns: g.lbs,
                    health: loader.load(call("describe-target-health", g.arn)) { (root) throws(JSONShapeError) in
                        try root.map("TargetHealthDescriptions") { (d) throws(JSONShapeError) in
                            let target = try d.optional("Target")
                            return TargetHealth(
                                targetId: try target?.string("Id") ?? "", port: try target?.int("Port"),
                                availabilityZone: try target?.string("AvailabilityZone"),
                                state: try d.optional("TargetHealth")?.string("State") ?? "unavailable")
                        }
                    })
            }
        }
        return ELBv2Inventory(loadBalancers: loadBalancers, targetGroups: targetGroups)
    }
}
