import RampartFindings
import RampartInventory
import RampartJSON

/// Security groups: what they admit from the internet.
enum SecurityGroupChecks {
    static let all: [Check] = [openAdminPortsIPv4, openAdminPortsIPv6, openAllTraffic, defaultRestrictsAll]

    /// SSH and RDP, the remote administration ports CIS names.
    static let adminPorts = [22, 3389]

    static func openAdminPorts(ipv6: Bool) -> (SecurityGroup) -> CheckOutcome {
        { group in
            let openPorts = adminPorts.filter { port in
                group.ingress.contains { rule in
                    rule.opensTCP(port) && (ipv6 ? rule.ipv6Ranges.contains("::/0") : rule.ipv4Ranges.contains("0.0.0.0/0"))
                }
            }
            let source = ipv6 ? "::/0" : "0.0.0.0/0"
            let evidence = JSONObject(["groupId": .string(group.id), "openPorts": .array(openPorts.map { .number(Double($0)) })])
            if openPorts.isEmpty {
                return .pass(group.ref, "\(group.id) admits neither SSH (22) nor RDP (3389) from \(source).", evidence: evidence)
            }
            let list = openPorts.map(String.init).joined(separator: ", ")
            return .fail(group.ref, "\(group.id) admits TCP port \(list) from \(source).", evidence: evidence)
        }
    }

    static let openAdminPortsIPv4 = Check(
        CheckMetadata(
            id: "ec2.security-group.ingress-open-admin-ports",
            title: "Security groups do not admit SSH or RDP from 0.0.0.0/0",
            severity: .high, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["5.2"], "cis-aws-5.0": ["5.3"], "aws-fsbp": ["EC2.13", "EC2.53"]],
            prowler: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
            risk: "Remote administration ports open to the whole internet invite brute force and exploitation of the login service.",
            remediation: "Remove the rule, or narrow its source to the administrators' address ranges or a bastion's security group.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <group-id> --protocol tcp --port 22 --cidr 0.0.0.0/0"),
        evaluate: { ctx in ctx.eachRegional(\.ec2.securityGroups) { group, _ in openAdminPorts(ipv6: false)(group) } })

    static let openAdminPortsIPv6 = Check(
        CheckMetadata(
            id: "ec2.security-group.ingress-open-admin-ports-ipv6",
            title: "Security groups do not admit SSH or RDP from ::/0",
            severity: .high, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["5.3"], "cis-aws-5.0": ["5.4"], "aws-fsbp": ["EC2.54"]],
            // Prowler's SSH check covers ::/0 as well; its CIS 5.3 mapping lists it (and the RDP one).
            prowler: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
            risk: "Remote administration ports open to every IPv6 address are as exposed as ports open to 0.0.0.0/0.",
            remediation: "Remove the IPv6 rule, or narrow its source to known address ranges.",
            remediationCommand:
                "aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]'"),
        evaluate: { ctx in ctx.eachRegional(\.ec2.securityGroups) { group, _ in openAdminPorts(ipv6: true)(group) } })

    static let openAllTraffic = Check(
        CheckMetadata(
            id: "ec2.security-group.ingress-open-all-traffic",
            title: "Security groups do not admit all traffic from the internet",
            severity: .critical, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: [:],
            prowler: "ec2_securitygroup_allow_ingress_from_internet_to_all_ports",
            risk: "Every port of every attached resource is reachable from anywhere.",
            remediation: "Replace the all-traffic rule with rules for the ports the workload serves.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.securityGroups) { group, _ in
                let open = group.ingress.filter { $0.isOpenToInternet && ($0.isAllTraffic || ($0.fromPort ?? 0) <= 0 && ($0.toPort ?? 65535) >= 65535) }
                if open.isEmpty { return .pass(group.ref, "\(group.id) has no rule admitting all ports from the internet.") }
                let sources = Set(open.flatMap { $0.ipv4Ranges + $0.ipv6Ranges }.filter { $0 == "0.0.0.0/0" || $0 == "::/0" }).sorted()
                return .fail(group.ref, "\(group.id) admits all ports from \(sources.joined(separator: " and ")).",
                             evidence: ["groupId": .string(group.id), "sources": .strings(sources)])
            }
        })

    static let defaultRestrictsAll = Check(
        CheckMetadata(
            id: "ec2.security-group.default-restricts-all",
            title: "Default security groups restrict all traffic",
            severity: .medium, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["5.4"], "cis-aws-5.0": ["5.5"], "aws-fsbp": ["EC2.2"]],
            prowler: "ec2_securitygroup_default_restrict_traffic",
            risk: "Resources launched without a chosen group land in the default group and inherit whatever it allows.",
            remediation: "Remove every inbound and outbound rule from each VPC's default security group.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <default-group-id> --ip-permissions '<rules from describe-security-groups>'"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.securityGroups) { group, _ in
                guard group.name == "default" else { return nil }
                let rules = group.ingress.count + group.egress.count
                let evidence: JSONObject = ["ingressRules": .number(Double(group.ingress.count)), "egressRules": .number(Double(group.egress.count))]
                if rules == 0 { return .pass(group.ref, "Default group \(group.id) has no rules.", evidence: evidence) }
                return .fail(group.ref, "Default group \(group.id) has \(group.ingress.count) inbound and \(group.egress.count) outbound rules.",
                             evidence: evidence)
            }
        })
}
