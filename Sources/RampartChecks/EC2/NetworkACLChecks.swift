import RampartFindings
import RampartInventory
import RampartJSON

/// Network ACLs: whether the whole internet reaches the remote administration ports.
///
/// AWS evaluates a network ACL's inbound entries in rule-number order and applies the first
/// one that matches the packet. For traffic from "anywhere" only entries whose source is the
/// whole address family can decide: a narrower entry matches some addresses and leaves the
/// rest to later entries. So the port is open to the internet when, among the entries for the
/// port with source `0.0.0.0/0` (or `::/0`), the lowest-numbered one allows.
enum NetworkACLChecks {
    static let all: [Check] = [openAdminPorts]

    /// SSH and RDP.
    static let adminPorts = [22, 3389]

    /// True when the entry's protocol and port range cover `port` for TCP or UDP
    /// (CIS 5.0 counts TCP, UDP and all-protocol entries).
    static func covers(_ entry: NetworkACLEntry, port: Int) -> Bool {
        switch entry.protocolNumber {
        case "-1", "all": return true
        case "6", "tcp", "17", "udp":
            guard let from = entry.fromPort, let to = entry.toPort else { return true }
            return from <= port && port <= to
        default: return false
        }
    }

    /// The entry that decides traffic from every address of one family to `port`, if it allows.
    static func openingEntry(_ acl: NetworkACL, port: Int, ipv6: Bool) -> NetworkACLEntry? {
        let deciding = acl.entries
            .filter { !$0.egress && covers($0, port: port) && (ipv6 ? $0.ipv6CidrBlock == "::/0" : $0.cidrBlock == "0.0.0.0/0") }
            .min { $0.ruleNumber < $1.ruleNumber }
        guard let entry = deciding, entry.ruleAction == "allow" else { return nil }
        return entry
    }

    static let openAdminPorts = Check(
        CheckMetadata(
            id: "ec2.network-acl.ingress-open-admin-ports",
            title: "Network ACLs do not admit SSH or RDP from the internet",
            severity: .medium, resourceType: "AWS::EC2::NetworkAcl", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["5.1"], "cis-aws-5.0": ["5.2"], "aws-fsbp": ["EC2.21"]],
            prowler: "ec2_networkacl_allow_ingress_tcp_port_22",
            risk: "A network ACL that lets the internet reach port 22 or 3389 leaves security groups as the only barrier to remote administration.",
            remediation: "Add a lower-numbered deny entry for the port from 0.0.0.0/0 and ::/0, or narrow the allowing entry's source.",
            remediationCommand:
                "aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <lower-rule-number> --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.networkACLs) { acl, _ in
                var openings: [String] = []
                var rules: [JSONValue] = []
                for port in adminPorts {
                    for ipv6 in [false, true] {
                        guard let entry = openingEntry(acl, port: port, ipv6: ipv6) else { continue }
                        let source = ipv6 ? "::/0" : "0.0.0.0/0"
                        openings.append("port \(port) from \(source) (rule \(entry.ruleNumber))")
                        rules.append(["port": .number(Double(port)), "source": .string(source),
                                      "ruleNumber": .number(Double(entry.ruleNumber))])
                    }
                }
                let usage = acl.subnetIds.isEmpty ? "no subnets" : "subnets \(acl.subnetIds.joined(separator: ", "))"
                let evidence: JSONObject = [
                    "networkAclId": .string(acl.id), "vpcId": .optional(acl.vpcId), "subnetIds": .strings(acl.subnetIds),
                    "openRules": .array(rules),
                ]
                if openings.isEmpty {
                    return .pass(acl.ref, "\(acl.id) (\(usage)) admits neither SSH (22) nor RDP (3389) from the internet.",
                                 evidence: evidence)
                }
                return .fail(acl.ref, "\(acl.id) (\(usage)) admits \(openings.joined(separator: ", ")).", evidence: evidence)
            }
        })
}
