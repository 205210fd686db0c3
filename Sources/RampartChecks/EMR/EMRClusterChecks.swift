import RampartFindings
import RampartInventory
import RampartJSON

/// EMR clusters: the primary node has no public address (FSBP EMR.1), and no port of it is
/// reachable from the internet, judged by `NetworkExposure` over its security groups, subnet
/// route and network ACL.
enum EMRClusterChecks {
    static let all: [Check] = [primaryNodeNoPublicIP, primaryNodeNotReachable]

    static func isLive(_ cluster: EMRCluster) -> Bool { ["RUNNING", "WAITING"].contains(cluster.state) }

    /// Whether the primary node has a public IPv4 address, read from the DNS name EMR reports:
    /// AWS names a public address `ec2-A-B-C-D.<region>.compute.amazonaws.com`, a private one
    /// `ip-A-B-C-D...`. Nil when describe-cluster gave no name.
    static func hasPublicAddress(_ details: EMRClusterDetails) -> Bool? {
        guard let dns = details.masterPublicDnsName, !dns.isEmpty else { return nil }
        return dns.hasPrefix("ec2-")
    }

    static let primaryNodeNoPublicIP = Check(
        CheckMetadata(
            id: "emr.cluster.primary-node-no-public-ip",
            title: "EMR cluster primary nodes have no public IP address",
            severity: .high, resourceType: "AWS::EMR::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EMR.1"]], prowler: "emr_cluster_master_nodes_no_public_ip",
            risk: "A primary node with a public address exposes Hadoop, Spark and notebook interfaces to whoever its security groups admit.",
            remediation: "Launch clusters in private subnets and reach them through a bastion, VPN or Session Manager.",
            remediationCommand: "aws emr create-cluster --ec2-attributes SubnetId=<private-subnet-id> --release-label <release> --instance-type <type> --instance-count <n>"),
        evaluate: { ctx in
            ctx.eachRegional(\.emr.clusters) { cluster, _ in
                guard isLive(cluster) else { return nil }
                switch cluster.details {
                case .unknown(let reason): return .unknown(cluster.ref, reason)
                case .known(let details):
                    let dns = details.masterPublicDnsName
                    let evidence: JSONObject = ["clusterId": .string(cluster.id), "masterPublicDnsName": .optional(dns), "subnetId": .optional(details.subnetId)]
                    switch hasPublicAddress(details) {
                    case true?: return .fail(cluster.ref, "\(cluster.name)'s primary node has a public address (\(dns ?? "")).", evidence: evidence)
                    case false?: return .pass(cluster.ref, "\(cluster.name)'s primary node has only a private address (\(dns ?? "")).", evidence: evidence)
                    case nil: return .unknown(cluster.ref, "describe-cluster gave no MasterPublicDnsName for \(cluster.name), so its primary node's address is unknown.")
                    }
                }
            }
        })

    /// Ports EMR's primary node serves by default: SSH, the web UIs (YARN, Spark history, HDFS,
    /// HBase, Hue, Zeppelin, JupyterHub, Livy) and the proxy. Listed in Amazon EMR's management
    /// guide ("View web interfaces hosted on Amazon EMR clusters").
    static let wellKnownPorts = [22, 80, 443, 8088, 8443, 8888, 8890, 8998, 9443, 9870, 16010, 18080, 20888, 50070]

    /// The TCP ports worth judging on a node behind `groupIds`: every port a rule opens to some
    /// address (its range's ends, and the well-known EMR ports inside the range).
    static func candidatePorts(_ groupIds: [String], in groups: [SecurityGroup]) -> [Int] {
        var ports: Set<Int> = []
        for group in groups where groupIds.contains(group.id) {
            for rule in group.ingress where rule.isAllTraffic || rule.ipProtocol == "tcp" || rule.ipProtocol == "6" {
                guard !rule.isAllTraffic, let from = rule.fromPort, let to = rule.toPort, from >= 0 else {
                    ports.formUnion(wellKnownPorts)
                    continue
                }
                ports.insert(from)
                ports.insert(to)
                ports.formUnion(wellKnownPorts.filter { (from...max(from, to)).contains($0) })
            }
        }
        return ports.sorted()
    }

    static let primaryNodeNotReachable = Check(
        CheckMetadata(
            id: "emr.cluster.primary-node-not-reachable-from-internet",
            title: "EMR cluster primary nodes cannot be reached from the internet on any port",
            severity: .high, resourceType: "AWS::EMR::Cluster", serviceModel: .managed,
            frameworks: [:], prowler: "emr_cluster_publicly_accesible",
            risk: "A primary node whose SSH or web interfaces the internet can reach lets anyone submit jobs, read data in HDFS and S3, and run code on the cluster.",
            remediation: "Remove the rules of the primary node's security groups that admit 0.0.0.0/0 or ::/0, enable EMR Block Public Access, and launch clusters in private subnets.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <emr-master-group-id> --protocol tcp --port <port> --cidr 0.0.0.0/0"),
        evaluate: { ctx in
            ctx.eachRegional(\.emr.clusters) { cluster, region in
                guard isLive(cluster) else { return nil }
                guard case .known(let details) = cluster.details else { return .unknown(cluster.ref, cluster.details.unknownReason ?? "") }
                guard let publicIPv4 = hasPublicAddress(details) else {
                    return .unknown(cluster.ref, "describe-cluster gave no MasterPublicDnsName for \(cluster.name), so whether its primary node has a public address is unknown.")
                }
                guard case .known(let groups) = region.ec2.securityGroups else {
                    return .unknown(cluster.ref, region.ec2.securityGroups.unknownReason ?? "security groups unknown")
                }
                let groupIds = details.primarySecurityGroupIds
                let subnets = details.subnetId.map { [$0] } ?? details.requestedSubnetIds
                let exposure = NetworkExposure(region: region)
                var reachable: [String] = []
                var undecided: [String] = []
                var paths: [JSONValue] = []
                let ports = publicIPv4 ? candidatePorts(groupIds, in: groups) : [22]
                for port in ports {
                    let (verdict, facts) = exposure.reach(port: port, groupIds: groupIds, subnetIds: subnets, publicIPv4: publicIPv4, ipv6: false)
                    switch verdict {
                    case .reachable(let why): reachable.append("TCP \(port) (\(why))"); paths.append(.object(facts))
                    case .unknown(let why): undecided.append("TCP \(port): \(why)"); paths.append(.object(facts))
                    case .blocked: break
                    }
                }
                let evidence: JSONObject = [
                    "clusterId": .string(cluster.id), "masterPublicDnsName": .optional(details.masterPublicDnsName),
                    "primarySecurityGroupIds": .strings(groupIds), "serviceAccessSecurityGroup": .optional(details.serviceAccessSecurityGroup),
                    "subnetIds": .strings(subnets), "portsJudged": .array(ports.map { .number(Double($0)) }), "paths": .array(paths),
                    "assumption": .string("EMR nodes are judged on IPv4 only."),
                ]
                if !reachable.isEmpty {
                    return .fail(cluster.ref, "\(cluster.name)'s primary node is reachable from the internet on \(reachable.joined(separator: "; ")).", evidence: evidence)
                }
                if !undecided.isEmpty {
                    return .unknown(cluster.ref, "Whether \(cluster.name)'s primary node is reachable from the internet is undecided: \(undecided.joined(separator: "; ")).")
                }
                if !publicIPv4 {
                    return .pass(cluster.ref, "\(cluster.name)'s primary node has no public address (\(details.masterPublicDnsName ?? "")).", evidence: evidence)
                }
                return .pass(cluster.ref, "\(cluster.name)'s primary node has a public address, but none of its security groups lets the internet through on a port it reaches (\(ports.count) ports judged).", evidence: evidence)
            }
        })
}
