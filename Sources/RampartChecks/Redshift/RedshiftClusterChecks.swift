import RampartFindings
import RampartInventory
import RampartJSON

/// Redshift provisioned clusters: public accessibility and encryption at rest.
enum RedshiftClusterChecks {
    static let all: [Check] = [notPubliclyAccessible, encryptedAtRest]

    static let notPubliclyAccessible = Check(
        CheckMetadata(
            id: "redshift.cluster.not-publicly-accessible",
            title: "Redshift clusters are not publicly accessible",
            severity: .critical, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Redshift.1"]],
            prowler: "redshift_cluster_public_access",
            risk: "A publicly accessible cluster has an endpoint that resolves to a public address; only its security groups keep the data warehouse off the internet.",
            remediation: "Turn off public accessibility and reach the cluster from inside the VPC, through a VPN, or through a Redshift-managed VPC endpoint.",
            remediationCommand: "aws redshift modify-cluster --cluster-identifier <cluster> --no-publicly-accessible"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { cluster, _ in
                let evidence: JSONObject = [
                    "clusterIdentifier": .string(cluster.id), "publiclyAccessible": .bool(cluster.publiclyAccessible),
                    "vpcId": .optional(cluster.vpcId),
                ]
                if cluster.publiclyAccessible {
                    return .fail(cluster.ref, "Redshift cluster \(cluster.id) is publicly accessible (PubliclyAccessible=true).", evidence: evidence)
                }
                return .pass(cluster.ref, "Redshift cluster \(cluster.id) is not publicly accessible (PubliclyAccessible=false).", evidence: evidence)
            }
        })

    static let encryptedAtRest = Check(
        CheckMetadata(
            id: "redshift.cluster.encrypted-at-rest",
            title: "Redshift clusters are encrypted at rest",
            severity: .medium, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Redshift.10"]],
            prowler: "redshift_cluster_encrypted_at_rest",
            risk: "Unencrypted data blocks and snapshots can be read by anyone who gets at the storage or a shared snapshot.",
            remediation: "Enable encryption on the cluster (Redshift migrates the data to encrypted storage), preferably with a customer managed KMS key.",
            remediationCommand: "aws redshift modify-cluster --cluster-identifier <cluster> --encrypted --kms-key-id <kms-key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { cluster, _ in
                let evidence: JSONObject = ["clusterIdentifier": .string(cluster.id), "encrypted": .bool(cluster.encrypted)]
                if cluster.encrypted {
                    return .pass(cluster.ref, "Redshift cluster \(cluster.id) is encrypted at rest (Encrypted=true).", evidence: evidence)
                }
                return .fail(cluster.ref, "Redshift cluster \(cluster.id) is not encrypted at rest (Encrypted=false).", evidence: evidence)
            }
        })
}
