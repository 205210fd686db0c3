import RampartInventory
import RampartJSON

/// Whether the internet can reach a TCP port of a resource, decided the way AWS forwards a
/// packet rather than by matching rule patterns: the resource needs a public address, one of
/// its security groups must admit the port from every address (`0.0.0.0/0` or `::/0`), its
/// subnet's route table must send that family to an internet gateway, and the subnet's
/// network ACL must let some internet address through to the port.
///
/// Each link is judged per address family. Any link that is known to be closed makes the
/// resource unreachable on that family; a link whose evidence is missing (an unread call, a
/// prefix list whose entries were not collected, a subnet not in the inventory) makes the
/// answer unknown, never "unreachable". Rules that name another security group admit the
/// members of that group, not the internet.
struct NetworkExposure {
    let region: RegionInventory
    /// The region's security groups by id, when the caller judges many resources of one region
    /// (built once with `indexed(_:)`, so each lookup is not a search of every group).
    var groupsById: [String: SecurityGroup]? = nil

    /// One exposure for judging many resources of `region`, its security groups indexed by id.
    static func indexed(_ region: RegionInventory) -> NetworkExposure {
        var index: [String: SecurityGroup] = [:]
        for group in region.ec2.securityGroups.value ?? [] where index[group.id] == nil { index[group.id] = group }
        return NetworkExposure(region: region, groupsById: index)
    }

    enum Verdict: Equatable {
        case reachable(String)
        case blocked(String)
        case unknown(String)
    }

    /// One rule that admits a port from every address of a family.
    struct Opening: Equatable {
        var groupId: String
        var source: String
        var ipProtocol: String
        var fromPort: Int?
        var toPort: Int?

        var description: String {
            let ports = ipProtocol == "-1" ? "all traffic" : fromPort == toPort ? "tcp \(fromPort ?? 0)" : "tcp \(fromPort ?? 0)-\(toPort ?? 65535)"
            return "\(groupId) admits \(ports) from \(source)"
        }
    }

    /// The CIDR entries of prefix list `id`, or nil when they are not known.
    static func entries(of id: String, in lists: Known<[ManagedPrefixList]>) -> [String]? {
        lists.value?.first { $0.id == id }?.entries.value
    }

    /// The rules of `group` that admit TCP `port` from every IPv4 (or IPv6) address, directly or
    /// through a prefix list holding `0.0.0.0/0` (`::/0`), and the prefix lists whose rules cover
    /// the port but whose entries are not known.
    static func internetIngress(
        _ group: SecurityGroup, tcpPort port: Int, ipv6: Bool, prefixLists: Known<[ManagedPrefixList]>
    ) -> (openings: [Opening], prefixLists: [String]) {
        var openings: [Opening] = []
        var unresolved: [String] = []
        for rule in group.ingress where rule.opensTCP(port) {
            let ranges = ipv6 ? rule.ipv6Ranges : rule.ipv4Ranges
            for range in ranges where CIDR(range)?.isEverything == true {
                openings.append(Opening(groupId: group.id, source: range, ipProtocol: rule.ipProtocol, fromPort: rule.fromPort, toPort: rule.toPort))
            }
            for list in rule.prefixListIds {
                guard let cidrs = entries(of: list, in: prefixLists) else {
                    unresolved.append(list)
                    continue
                }
                for cidr in cidrs where CIDR(cidr).map({ $0.isEverything && $0.isIPv6 == ipv6 }) == true {
                    openings.append(Opening(
                        groupId: group.id, source: "\(cidr) (prefix list \(list))", ipProtocol: rule.ipProtocol, fromPort: rule.fromPort,
                        toPort: rule.toPort))
                }
            }
        }
        return (openings, unresolved)
    }

    /// Judges TCP `port` of a resource with `groupIds` in `subnetIds` (any of which it may use).
    /// `unfiltered` names why the resource has no security group in the way (a Network Load
    /// Balancer created without one admits every client); the path is then judged from the route on.
    func reach(
        port: Int, groupIds: [String], subnetIds: [String], publicIPv4: Bool, ipv6: Bool, subnetsUnknownReason: String? = nil,
        unfiltered: String? = nil
    ) -> (verdict: Verdict, evidence: JSONObject) {
        var evidence: JSONObject = [
            "port": .number(Double(port)), "securityGroupIds": .strings(groupIds), "subnetIds": .strings(subnetIds),
            "publicIPv4": .bool(publicIPv4), "ipv6": .bool(ipv6),
        ]
        var families: [Bool] = []
        if publicIPv4 { families.append(false) }
        if ipv6 { families.append(true) }
        guard !families.isEmpty else {
            return (.blocked("has no public IPv4 address and no IPv6 address"), evidence)
        }
        let verdicts = families.map {
            family($0, port: port, groupIds: groupIds, subnetIds: subnetIds, subnetsUnknownReason: subnetsUnknownReason, unfiltered: unfiltered)
        }
        evidence["paths"] = .array(zip(families, verdicts).map { ipv6, verdict in
            let (status, reason): (String, String) = switch verdict {
            case .reachable(let r): ("reachable", r)
            case .blocked(let r): ("blocked", r)
            case .unknown(let r): ("unknown", r)
            }
            return ["family": .string(ipv6 ? "IPv6" : "IPv4"), "verdict": .string(status), "reason": .string(reason)]
        })
        if let open = verdicts.first(where: { if case .reachable = $0 { true } else { false } }) { return (open, evidence) }
        if let unknown = verdicts.first(where: { if case .unknown = $0 { true } else { false } }) { return (unknown, evidence) }
        let reasons = verdicts.map { if case .blocked(let r) = $0 { r } else { "" } }
        return (.blocked(reasons.joined(separator: "; ")), evidence)
    }

    private func family(
        _ ipv6: Bool, port: Int, groupIds: [String], subnetIds: [String], subnetsUnknownReason: String?, unfiltered: String?
    ) -> Verdict {
        let everywhere = ipv6 ? "::/0" : "0.0.0.0/0"
        let admitted: String
        if let unfiltered {
            admitted = unfiltered
        } else {
            switch admittingGroups(ipv6, port: port, groupIds: groupIds) {
            case .reachable(let why): admitted = why
            case let closed: return closed
            }
        }
        return route(ipv6, port: port, admitted: admitted, subnetIds: subnetIds, subnetsUnknownReason: subnetsUnknownReason)
    }

    /// Step 1: the rules of `groupIds` admitting TCP `port` from every address of the family,
    /// as `.reachable(description)`, or why none does.
    private func admittingGroups(_ ipv6: Bool, port: Int, groupIds: [String]) -> Verdict {
        let everywhere = ipv6 ? "::/0" : "0.0.0.0/0"
        guard case .known(let groups) = region.ec2.securityGroups else {
            return .unknown(region.ec2.securityGroups.unknownReason ?? "security groups unknown")
        }
        // Every ENI in a VPC has at least one group: an empty list is missing evidence, not a closed door.
        guard !groupIds.isEmpty else { return .unknown("no security group is listed for it") }
        var openings: [Opening] = []
        var prefixLists: [String] = []
        for id in groupIds {
            guard let group = groupsById.map({ $0[id] }) ?? groups.first(where: { $0.id == id }) else {
                return .unknown("security group \(id) is not in describe-security-groups")
            }
            let found = NetworkExposure.internetIngress(group, tcpPort: port, ipv6: ipv6, prefixLists: region.ec2.prefixLists)
            openings += found.openings
            prefixLists += found.prefixLists
        }
        if openings.isEmpty {
            if !prefixLists.isEmpty {
                return .unknown("port \(port) is admitted from prefix list \(Set(prefixLists).sorted().joined(separator: ", ")), whose entries were not collected")
            }
            return .blocked("no security group admits TCP \(port) from \(everywhere)")
        }
        return .reachable(openings.map(\.description).joined(separator: ", "))
    }

    /// Steps 2 and 3: a route to an internet gateway and a network ACL admitting the port, in some subnet.
    private func route(_ ipv6: Bool, port: Int, admitted: String, subnetIds: [String], subnetsUnknownReason: String?) -> Verdict {
        let everywhere = ipv6 ? "::/0" : "0.0.0.0/0"
        // 2. Route tables: a route for internet addresses to an internet gateway.
        if let subnetsUnknownReason { return .unknown("\(admitted), but \(subnetsUnknownReason)") }
        guard !subnetIds.isEmpty else { return .unknown("\(admitted), but the resource's subnet is not known") }
        guard case .known(let subnets) = region.ec2.subnets else { return .unknown(region.ec2.subnets.unknownReason ?? "subnets unknown") }
        guard case .known(let tables) = region.ec2.routeTables else { return .unknown(region.ec2.routeTables.unknownReason ?? "route tables unknown") }
        guard case .known(let acls) = region.ec2.networkACLs else { return .unknown(region.ec2.networkACLs.unknownReason ?? "network ACLs unknown") }
        var closed: [String] = []
        var unknown: [String] = []
        for subnetId in subnetIds {
            guard let subnet = subnets.first(where: { $0.id == subnetId }) else {
                unknown.append("subnet \(subnetId) is not in describe-subnets")
                continue
            }
            let table = tables.first { $0.subnetIds.contains(subnetId) } ?? tables.first { $0.vpcId == subnet.vpcId && $0.isMain }
            guard let table else {
                unknown.append("no route table found for \(subnetId)")
                continue
            }
            let gatewayRoute = table.routes.first { route in
                guard let gateway = route.gatewayId, gateway.hasPrefix("igw-"), route.state != "blackhole" else { return false }
                let destination = ipv6 ? route.destinationIpv6CidrBlock : route.destinationCidrBlock
                return destination.flatMap(CIDR.init)?.includesInternetAddresses == true
            }
            guard let gatewayRoute else {
                closed.append("\(subnetId)'s route table \(table.id) has no \(ipv6 ? "IPv6" : "IPv4") route to an internet gateway")
                continue
            }
            // 3. The subnet's network ACL.
            guard let acl = acls.first(where: { $0.subnetIds.contains(subnetId) }) else {
                unknown.append("no network ACL is associated with \(subnetId)")
                continue
            }
            if let entry = NetworkExposure.admittingEntry(acl, tcpPort: port, ipv6: ipv6) {
                let source = (ipv6 ? entry.ipv6CidrBlock : entry.cidrBlock) ?? everywhere
                return .reachable(
                    "\(admitted); \(subnetId) routes \(ipv6 ? gatewayRoute.destinationIpv6CidrBlock ?? "" : gatewayRoute.destinationCidrBlock ?? "") to \(gatewayRoute.gatewayId ?? "") and network ACL \(acl.id) rule \(entry.ruleNumber) allows \(source)")
            }
            closed.append("network ACL \(acl.id) of \(subnetId) admits no internet address to TCP \(port)")
        }
        if !unknown.isEmpty { return .unknown("\(admitted), but \(unknown.joined(separator: "; "))") }
        return .blocked("\(admitted), but \(closed.joined(separator: "; "))")
    }

    /// The inbound entry through which some internet address reaches TCP `port`: entries are
    /// applied in rule-number order, so an allow counts unless an earlier deny for the port
    /// covers its whole source block.
    static func admittingEntry(_ acl: NetworkACL, tcpPort port: Int, ipv6: Bool) -> NetworkACLEntry? {
        var denied: [CIDR] = []
        for entry in acl.entries.filter({ !$0.egress && $0.coversTCP(port) }).sorted(by: { $0.ruleNumber < $1.ruleNumber }) {
            guard let block = (ipv6 ? entry.ipv6CidrBlock : entry.cidrBlock).flatMap(CIDR.init) else { continue }
            if entry.ruleAction == "allow" {
                if block.includesInternetAddresses && !denied.contains(where: { $0.contains(block) }) { return entry }
            } else {
                denied.append(block)
            }
        }
        return nil
    }
}
