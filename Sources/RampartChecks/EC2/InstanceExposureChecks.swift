import RampartFindings
import RampartInventory
import RampartJSON

/// EC2 instances whose service ports the internet can actually reach: a public address, a
/// security group admitting the port from every address, a subnet routed to an internet
/// gateway, and a network ACL that lets internet traffic in (see `NetworkExposure`).
enum InstanceExposureChecks {
    static let all: [Check] = services.map(exposureCheck)

    struct Service {
        var slug: String
        var name: String
        var ports: [Int]
        var prowler: String
    }

    static let services: [Service] = [
        Service(slug: "ssh", name: "SSH", ports: [22], prowler: "ssh"),
        Service(slug: "rdp", name: "RDP", ports: [3389], prowler: "rdp"),
        Service(slug: "telnet", name: "Telnet", ports: [23], prowler: "telnet"),
        Service(slug: "ftp", name: "FTP", ports: [20, 21], prowler: "ftp"),
        Service(slug: "mysql", name: "MySQL", ports: [3306], prowler: "mysql"),
        Service(slug: "postgresql", name: "PostgreSQL", ports: [5432], prowler: "postgresql"),
        Service(slug: "sql-server", name: "SQL Server", ports: [1433, 1434], prowler: "sqlserver"),
        Service(slug: "oracle", name: "Oracle", ports: [1521, 2483, 2484], prowler: "oracle"),
        Service(slug: "mongodb", name: "MongoDB", ports: [27017, 27018], prowler: "mongodb"),
        Service(slug: "redis", name: "Redis", ports: [6379], prowler: "redis"),
        Service(slug: "memcached", name: "Memcached", ports: [11211], prowler: "memcached"),
        Service(slug: "cassandra", name: "Cassandra", ports: [7000, 7001, 7199, 9042, 9160], prowler: "cassandra"),
        Service(slug: "elasticsearch-kibana", name: "Elasticsearch and Kibana", ports: [9200, 9300, 5601], prowler: "elasticsearch_kibana"),
        Service(slug: "kafka", name: "Kafka", ports: [9092], prowler: "kafka"),
        Service(slug: "ldap", name: "LDAP", ports: [389, 636], prowler: "ldap"),
        Service(slug: "kerberos", name: "Kerberos", ports: [88, 464, 749, 750], prowler: "kerberos"),
        Service(slug: "cifs", name: "CIFS/SMB", ports: [139, 445], prowler: "cifs"),
    ]

    /// The verdict on `ports` of `instance`: FAIL if any port is reachable, UNKNOWN if any is
    /// undecided, PASS when every port is blocked somewhere on the way.
    static func judge(
        _ instance: EC2Instance, _ region: RegionInventory, ports: [Int], label: String, exposure: NetworkExposure? = nil
    ) -> CheckOutcome {
        let exposure = exposure ?? NetworkExposure(region: region)
        var reachable: [(Int, String)] = []
        var undecided: [(Int, String)] = []
        var blocked: [String] = []
        var paths: [JSONValue] = []
        for port in ports {
            let (verdict, evidence) = exposure.reach(
                port: port, groupIds: instance.securityGroupIds, subnetIds: instance.subnetId.map { [$0] } ?? [],
                publicIPv4: instance.publicIpAddress != nil, ipv6: !instance.ipv6Addresses.isEmpty)
            paths.append(.object(evidence))
            switch verdict {
            case .reachable(let why): reachable.append((port, why))
            case .unknown(let why): undecided.append((port, why))
            case .blocked(let why): blocked.append("TCP \(port): \(why)")
            }
        }
        let evidence: JSONObject = [
            "instanceId": .string(instance.id), "publicIpAddress": .optional(instance.publicIpAddress),
            "ipv6Addresses": .strings(instance.ipv6Addresses), "checks": .array(paths),
        ]
        if !reachable.isEmpty {
            // Ports reached the same way are named together.
            var order: [String] = []
            var portsByWay: [String: [Int]] = [:]
            for (port, why) in reachable {
                if portsByWay[why] == nil { order.append(why) }
                portsByWay[why, default: []].append(port)
            }
            let list = order.map { why in "TCP \(portsByWay[why]!.map(String.init).joined(separator: ", ")) (\(why))" }.joined(separator: "; ")
            return .fail(instance.ref, "\(instance.id) exposes \(label) to the internet: \(list).", evidence: evidence)
        }
        if !undecided.isEmpty {
            return .unknown(instance.ref, "\(instance.id): whether \(label) is reachable is undecided: " + undecided.map { "TCP \($0.0): \($0.1)" }.joined(separator: "; ") + ".")
        }
        let why = Set(blocked).count == 1 || instance.publicIpAddress == nil ? blocked.first ?? "" : blocked.joined(separator: "; ")
        return .pass(instance.ref, "\(instance.id) does not expose \(label) to the internet (\(why)).", evidence: evidence)
    }

    static func exposureCheck(_ service: Service) -> Check {
        let ports = service.ports.map(String.init).joined(separator: ", ")
        return Check(
            CheckMetadata(
                id: "ec2.instance.\(service.slug)-not-exposed-to-internet",
                title: "EC2 instances do not expose \(service.name) (TCP \(ports)) to the internet",
                severity: .critical, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
                frameworks: [:], prowler: "ec2_instance_port_\(service.prowler)_exposed_to_internet",
                risk: "An instance whose \(service.name) port the internet can reach is found by scanners within hours and attacked with stolen credentials and known exploits.",
                remediation: "Remove the security-group rule that admits the port from 0.0.0.0/0 or ::/0, or move the instance to a private subnet behind a load balancer or bastion.",
                remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <group-id> --protocol tcp --port \(service.ports[0]) --cidr 0.0.0.0/0"),
            evaluate: { ctx in
                // One index of each region's groups for all its instances.
                var exposures: [String: NetworkExposure] = [:]
                return ctx.eachRegional(\.ec2.instances) { instance, region in
                    guard instance.state != "terminated" else { return nil }
                    let key = "\(region.scope.account)/\(region.scope.region)"
                    let exposure = exposures[key] ?? NetworkExposure.indexed(region)
                    exposures[key] = exposure
                    return judge(instance, region, ports: service.ports, label: service.name, exposure: exposure)
                }
            })
    }
}
