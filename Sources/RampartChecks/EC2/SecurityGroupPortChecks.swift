import RampartFindings
import RampartInventory
import RampartJSON

/// Security groups judged by the ports they really open to every address (`0.0.0.0/0` or
/// `::/0`), one check per service family Prowler names, plus the FSBP high-risk port list,
/// FSBP's authorized-ports rule, and hygiene (wide public ranges, rule count, launch-wizard groups).
///
/// A rule that covers the port through a prefix list is UNKNOWN until the list's entries are
/// collected; a rule that names another security group admits that group's members, not the internet.
enum SecurityGroupPortChecks {
    static let all: [Check] = services.map(portCheck) + [highRiskPorts, unauthorizedPorts, wideOpenPublicIPv4, manyRules, notLaunchWizard]

    /// A service whose ports should never be open to the whole internet.
    struct Service {
        var slug: String
        var name: String
        var ports: [Int]
        var prowler: String?
        var frameworks: [String: [String]] = [:]
        var severity: Severity = .high
    }

    static let prowlerPrefix = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_"

    static let services: [Service] = [
        Service(slug: "telnet", name: "Telnet", ports: [23], prowler: prowlerPrefix + "telnet_23"),
        Service(slug: "ftp", name: "FTP", ports: [20, 21], prowler: prowlerPrefix + "ftp_20_21"),
        Service(slug: "mysql", name: "MySQL", ports: [3306], prowler: prowlerPrefix + "mysql_3306"),
        Service(slug: "postgresql", name: "PostgreSQL", ports: [5432], prowler: prowlerPrefix + "postgres_5432"),
        Service(slug: "redis", name: "Redis", ports: [6379], prowler: prowlerPrefix + "redis_6379"),
        Service(slug: "mongodb", name: "MongoDB", ports: [27017, 27018], prowler: prowlerPrefix + "mongodb_27017_27018"),
        Service(slug: "sql-server", name: "SQL Server", ports: [1433, 1434], prowler: prowlerPrefix + "sql_server_1433_1434"),
        Service(slug: "oracle", name: "Oracle", ports: [1521, 2483], prowler: prowlerPrefix + "oracle_1521_2483"),
        Service(slug: "cassandra", name: "Cassandra", ports: [7199, 9160, 8888], prowler: prowlerPrefix + "cassandra_7199_9160_8888"),
        Service(
            slug: "elasticsearch-kibana", name: "Elasticsearch and Kibana", ports: [9200, 9300, 5601],
            prowler: prowlerPrefix + "elasticsearch_kibana_9200_9300_5601"),
        Service(slug: "kafka", name: "Kafka", ports: [9092], prowler: prowlerPrefix + "kafka_9092"),
        Service(slug: "memcached", name: "Memcached", ports: [11211], prowler: prowlerPrefix + "memcached_11211"),
        Service(slug: "cifs", name: "CIFS/SMB", ports: [445], prowler: nil, frameworks: ["cis-aws-5.0": ["5.1.2"]]),
    ]

    /// Ports FSBP EC2.19 treats as high risk.
    static let highRiskPortList = [
        20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300,
    ]

    /// The ports of `ports` that `group` admits from every address, the rules that do, and the
    /// prefix lists that might; judged over IPv4 and IPv6.
    static func judge(_ group: SecurityGroup, ports: [Int], label: String, prefixLists lists: Known<[ManagedPrefixList]>) -> CheckOutcome {
        var open: [Int] = []
        var rules: [String] = []
        var prefixLists: Set<String> = []
        for port in ports {
            var portOpen = false
            for ipv6 in [false, true] {
                let found = NetworkExposure.internetIngress(group, tcpPort: port, ipv6: ipv6, prefixLists: lists)
                if !found.openings.isEmpty { portOpen = true }
                rules += found.openings.map(\.description)
                prefixLists.formUnion(found.prefixLists)
            }
            if portOpen { open.append(port) }
        }
        let evidence: JSONObject = [
            "groupId": .string(group.id), "ports": .array(ports.map { .number(Double($0)) }),
            "openPorts": .array(open.map { .number(Double($0)) }), "rules": .strings(Array(Set(rules)).sorted()),
        ]
        let portList = ports.map(String.init).joined(separator: ", ")
        if !open.isEmpty {
            return .fail(
                group.ref, "\(group.id) admits \(label) (TCP \(open.map(String.init).joined(separator: ", "))) from the whole internet: \(Array(Set(rules)).sorted().joined(separator: "; ")).",
                evidence: evidence)
        }
        if !prefixLists.isEmpty {
            return .unknown(
                group.ref, "\(group.id) admits TCP \(portList) from prefix list \(prefixLists.sorted().joined(separator: ", ")), whose entries were not collected.")
        }
        return .pass(group.ref, "\(group.id) admits none of \(label) (TCP \(portList)) from 0.0.0.0/0 or ::/0.", evidence: evidence)
    }

    static func portCheck(_ service: Service) -> Check {
        let ports = service.ports.map(String.init).joined(separator: ", ")
        let first = service.ports[0]
        return Check(
            CheckMetadata(
                id: "ec2.security-group.ingress-open-\(service.slug)",
                title: "Security groups do not admit \(service.name) (TCP \(ports)) from the internet",
                severity: service.severity, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
                frameworks: service.frameworks, prowler: service.prowler,
                risk: "\(service.name) listening on a port open to every address is found by internet-wide scans within hours and attacked with stolen or default credentials and known exploits.",
                remediation: "Remove the rule, or narrow its source to the clients' address ranges or security groups.",
                remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <group-id> --protocol tcp --port \(first) --cidr 0.0.0.0/0"),
            evaluate: { ctx in ctx.eachRegional(\.ec2.securityGroups) { group, region in
                    judge(group, ports: service.ports, label: service.name, prefixLists: region.ec2.prefixLists)
                } })
    }

    static let highRiskPorts = Check(
        CheckMetadata(
            id: "ec2.security-group.ingress-open-high-risk-ports",
            title: "Security groups do not admit high-risk ports from the internet",
            severity: .high, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.19"]],
            prowler: "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports",
            risk: "File transfer, mail, remote administration and database ports open to every address are the first targets of automated attacks.",
            remediation: "Remove the rules that admit these ports from 0.0.0.0/0 or ::/0, or narrow their sources.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <group-id> --protocol tcp --port <port> --cidr 0.0.0.0/0"),
        evaluate: { ctx in ctx.eachRegional(\.ec2.securityGroups) { group, region in
                judge(group, ports: highRiskPortList, label: "high-risk ports", prefixLists: region.ec2.prefixLists)
            } })

    /// Ports FSBP EC2.18 allows to be open to everyone by default.
    static let authorizedPorts: Set<Int> = [80, 443]

    static let unauthorizedPorts = Check(
        CheckMetadata(
            id: "ec2.security-group.ingress-open-unauthorized-ports",
            title: "Security groups admit traffic from the internet only to TCP 80 and 443",
            severity: .high, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.18"]],
            prowler: "ec2_securitygroup_allow_ingress_from_internet_to_any_port",
            risk: "Every port open to every address beyond the web ports widens the attack surface of the resources in the group.",
            remediation: "Keep rules from 0.0.0.0/0 and ::/0 for TCP 80 and 443 only; give other ports specific sources.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions '<rule from describe-security-groups>'"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.securityGroups) { group, region in
                var offending: [String] = []
                var prefixLists: Set<String> = []
                for rule in group.ingress {
                    let onlyWeb = (rule.ipProtocol == "tcp" || rule.ipProtocol == "6")
                        && rule.fromPort.map { from in rule.toPort.map { to in (from...max(from, to)).allSatisfy(authorizedPorts.contains) } ?? false } ?? false
                    if onlyWeb { continue }
                    var everywhere = (rule.ipv4Ranges + rule.ipv6Ranges).filter { CIDR($0)?.isEverything == true }
                    for list in rule.prefixListIds {
                        guard let cidrs = NetworkExposure.entries(of: list, in: region.ec2.prefixLists) else {
                            prefixLists.insert(list)
                            continue
                        }
                        everywhere += cidrs.filter { CIDR($0)?.isEverything == true }.map { "\($0) (prefix list \(list))" }
                    }
                    let ports = rule.isAllTraffic ? "all traffic" : "\(rule.ipProtocol) \(rule.fromPort ?? 0)-\(rule.toPort ?? 65535)"
                    for source in everywhere { offending.append("\(ports) from \(source)") }
                }
                let evidence: JSONObject = ["groupId": .string(group.id), "rules": .strings(offending)]
                if !offending.isEmpty {
                    return .fail(group.ref, "\(group.id) admits \(offending.joined(separator: ", ")).", evidence: evidence)
                }
                if !prefixLists.isEmpty {
                    return .unknown(group.ref, "\(group.id) admits traffic from prefix list \(prefixLists.sorted().joined(separator: ", ")), whose entries were not collected.")
                }
                return .pass(group.ref, "\(group.id) admits nothing but TCP 80/443 from 0.0.0.0/0 or ::/0.", evidence: evidence)
            }
        })

    static let wideOpenPublicIPv4 = Check(
        CheckMetadata(
            id: "ec2.security-group.no-wide-public-ipv4-ranges",
            title: "Security group rules name no public IPv4 range wider than /24",
            severity: .medium, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: [:],
            prowler: "ec2_securitygroup_allow_wide_open_public_ipv4",
            risk: "A rule for a large public block (say a /8) admits millions of addresses that nobody vetted, almost as open as 0.0.0.0/0 but harder to spot.",
            remediation: "Replace the wide block with the specific addresses that need access.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <group-id> --protocol <protocol> --port <port> --cidr <wide-cidr>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.securityGroups) { group, _ in
                let wide = Set((group.ingress + group.egress).flatMap(\.ipv4Ranges).filter { range in
                    guard let block = CIDR(range) else { return false }
                    return block.prefixLength > 0 && block.prefixLength < 24 && block.includesInternetAddresses
                }).sorted()
                let evidence: JSONObject = ["groupId": .string(group.id), "wideRanges": .strings(wide)]
                if wide.isEmpty { return .pass(group.ref, "\(group.id) names no public IPv4 range wider than /24.", evidence: evidence) }
                return .fail(group.ref, "\(group.id) has rules for wide public IPv4 ranges: \(wide.joined(separator: ", ")).", evidence: evidence)
            }
        })

    /// Prowler's default ceiling on rules per group.
    static let maxRules = 50

    static let manyRules = Check(
        CheckMetadata(
            id: "ec2.security-group.rule-count-reviewable",
            title: "Security groups have at most 50 inbound and 50 outbound rules",
            severity: .low, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: [:],
            prowler: "ec2_securitygroup_with_many_ingress_egress_rules",
            risk: "A group with dozens of rules cannot be reviewed with confidence, and stray openings hide among them.",
            remediation: "Split the group by role, or consolidate rules with prefix lists.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions '<redundant rules>'"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.securityGroups) { group, _ in
                let inbound = group.ingress.reduce(0) { $0 + max(1, $1.ipv4Ranges.count + $1.ipv6Ranges.count + $1.prefixListIds.count + $1.groupIds.count) }
                let outbound = group.egress.reduce(0) { $0 + max(1, $1.ipv4Ranges.count + $1.ipv6Ranges.count + $1.prefixListIds.count + $1.groupIds.count) }
                let evidence: JSONObject = ["groupId": .string(group.id), "inboundRules": .number(Double(inbound)), "outboundRules": .number(Double(outbound))]
                if inbound <= maxRules && outbound <= maxRules {
                    return .pass(group.ref, "\(group.id) has \(inbound) inbound and \(outbound) outbound rules.", evidence: evidence)
                }
                return .fail(group.ref, "\(group.id) has \(inbound) inbound and \(outbound) outbound rules (more than \(maxRules)).", evidence: evidence)
            }
        })

    static let notLaunchWizard = Check(
        CheckMetadata(
            id: "ec2.security-group.not-launch-wizard",
            title: "Security groups are not left over from the EC2 launch wizard",
            severity: .low, resourceType: "AWS::EC2::SecurityGroup", serviceModel: .infrastructure,
            frameworks: [:],
            prowler: "ec2_securitygroup_from_launch_wizard",
            risk: "Launch-wizard groups are created in a hurry, usually with SSH or RDP open to 0.0.0.0/0, and then forgotten.",
            remediation: "Move the instances to a purpose-built group and delete the launch-wizard group.",
            remediationCommand: "aws ec2 delete-security-group --group-id <group-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.securityGroups) { group, _ in
                let evidence: JSONObject = ["groupId": .string(group.id), "groupName": .string(group.name)]
                if group.name.hasPrefix("launch-wizard") {
                    return .fail(group.ref, "\(group.id) was created by the launch wizard (\(group.name)).", evidence: evidence)
                }
                return .pass(group.ref, "\(group.id) (\(group.name)) was not created by the launch wizard.", evidence: evidence)
            }
        })
}
