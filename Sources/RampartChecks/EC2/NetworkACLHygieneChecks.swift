import RampartFindings
import RampartInventory
import RampartJSON

/// Network ACLs: no unused custom ACLs, and no ACL that admits every protocol and port from the internet.
enum NetworkACLHygieneChecks {
    static let all: [Check] = [inUse, noAllTrafficFromInternet]

    static let inUse = Check(
        CheckMetadata(
            id: "ec2.network-acl.in-use",
            title: "Custom network ACLs are associated with a subnet",
            severity: .low, resourceType: "AWS::EC2::NetworkAcl", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.16"]], prowler: "ec2_networkacl_unused",
            risk: "Unused ACLs clutter the network configuration and get attached by mistake with stale rules.",
            remediation: "Delete network ACLs no subnet uses.",
            remediationCommand: "aws ec2 delete-network-acl --network-acl-id <acl-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.networkACLs) { acl, _ in
                guard !acl.isDefault else { return nil }
                let evidence: JSONObject = ["networkAclId": .string(acl.id), "subnetIds": .strings(acl.subnetIds)]
                if acl.subnetIds.isEmpty { return .fail(acl.ref, "\(acl.id) is associated with no subnet.", evidence: evidence) }
                return .pass(acl.ref, "\(acl.id) is associated with \(acl.subnetIds.joined(separator: ", ")).", evidence: evidence)
            }
        })

    static let noAllTrafficFromInternet = Check(
        CheckMetadata(
            id: "ec2.network-acl.ingress-open-all-traffic",
            title: "Network ACLs do not admit all traffic from the internet",
            severity: .medium, resourceType: "AWS::EC2::NetworkAcl", serviceModel: .infrastructure,
            frameworks: [:], prowler: "ec2_networkacl_allow_ingress_any_port",
            risk: "An ACL that admits every protocol and port from anywhere leaves security groups as the only filter.",
            remediation: "Replace the allow-all inbound entry with entries for the ports the subnet serves.",
            remediationCommand:
                "aws ec2 replace-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <rule-number> --protocol tcp --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.networkACLs) { acl, _ in
                // The lowest-numbered all-protocol entry from a whole address family decides for "anyone, any port".
                var open: [String] = []
                for ipv6 in [false, true] {
                    let deciding = acl.entries
                        .filter { !$0.egress && ($0.protocolNumber == "-1" || $0.protocolNumber == "all")
                            && (ipv6 ? $0.ipv6CidrBlock : $0.cidrBlock).flatMap(CIDR.init)?.isEverything == true }
                        .min { $0.ruleNumber < $1.ruleNumber }
                    if let entry = deciding, entry.ruleAction == "allow" {
                        open.append("rule \(entry.ruleNumber) allows all traffic from \(ipv6 ? "::/0" : "0.0.0.0/0")")
                    }
                }
                let evidence: JSONObject = ["networkAclId": .string(acl.id), "openEntries": .strings(open)]
                if open.isEmpty { return .pass(acl.ref, "\(acl.id) does not admit all traffic from the internet.", evidence: evidence) }
                return .fail(acl.ref, "\(acl.id): \(open.joined(separator: "; ")).", evidence: evidence)
            }
        })
}
