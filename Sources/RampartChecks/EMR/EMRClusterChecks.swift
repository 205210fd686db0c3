import RampartFindings
import RampartInventory
import RampartJSON

/// EMR clusters: the primary node has no public address.
enum EMRClusterChecks {
    static let all: [Check] = [primaryNodeNoPublicIP]

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
                guard ["RUNNING", "WAITING"].contains(cluster.state) else { return nil }
                switch cluster.details {
                case .unknown(let reason): return .unknown(cluster.ref, reason)
                case .known(let details):
                    let dns = details.masterPublicDnsName
                    let evidence: JSONObject = ["clusterId": .string(cluster.id), "masterPublicDnsName": .optional(dns), "subnetId": .optional(details.subnetId)]
                    // AWS names a public address ec2-A-B-C-D.<region>.compute.amazonaws.com; a private one ip-A-B-C-D.
                    if let dns, dns.hasPrefix("ec2-") {
                        return .fail(cluster.ref, "\(cluster.name)'s primary node has a public address (\(dns)).", evidence: evidence)
                    }
                    return .pass(cluster.ref, "\(cluster.name)'s primary node has no public address (\(dns ?? "no public DNS name")).", evidence: evidence)
                }
            }
        })
}
