import RampartFindings
import RampartInventory
import RampartJSON

/// EKS clusters: the API endpoint's exposure, Kubernetes version currency (judged at the
/// collection time), secrets encryption, control plane logging and the cluster role.
enum EKSClusterChecks {
    static let all: [Check] = [endpointNotPublic, endpointRestricted, supportedVersion, secretsEncrypted, auditLogging, allControlPlaneLogs]

    static func each(_ ctx: CheckContext, _ judge: (EKSCluster, EKSClusterDetails) -> CheckOutcome) -> [CheckOutcome] {
        ctx.eachRegional(\.eks.clusters) { cluster, _ in
            switch cluster.details {
            case .unknown(let reason): .unknown(cluster.ref, reason)
            case .known(let d): judge(cluster, d)
            }
        }
    }

    static let endpointNotPublic = Check(
        CheckMetadata(
            id: "eks.cluster.endpoint-not-public",
            title: "EKS cluster API endpoints are not publicly accessible",
            severity: .high, resourceType: "AWS::EKS::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EKS.1"]], prowler: "eks_cluster_not_publicly_accessible",
            risk: "A public Kubernetes API endpoint is one stolen kubeconfig or one API server flaw away from the cluster.",
            remediation: "Turn on private access and turn off public access to the cluster endpoint.",
            remediationCommand: "aws eks update-cluster-config --name <cluster> --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true"),
        evaluate: { ctx in
            each(ctx) { c, d in
                let evidence: JSONObject = ["endpointPublicAccess": .bool(d.endpointPublicAccess), "endpointPrivateAccess": .bool(d.endpointPrivateAccess)]
                return d.endpointPublicAccess ? .fail(c.ref, "Cluster \(c.name)'s API endpoint is publicly accessible.", evidence: evidence)
                    : .pass(c.ref, "Cluster \(c.name)'s API endpoint is private only.", evidence: evidence)
            }
        })

    static let endpointRestricted = Check(
        CheckMetadata(
            id: "eks.cluster.public-endpoint-restricted",
            title: "EKS public API endpoints are limited to known address ranges",
            severity: .high, resourceType: "AWS::EKS::Cluster", serviceModel: .managed,
            frameworks: [:], prowler: "eks_control_plane_endpoint_access_restricted",
            risk: "A public endpoint open to 0.0.0.0/0 can be probed and brute-forced from anywhere on the internet.",
            remediation: "List only your networks in publicAccessCidrs, or turn public access off.",
            remediationCommand: "aws eks update-cluster-config --name <cluster> --resources-vpc-config publicAccessCidrs=<cidr>"),
        evaluate: { ctx in
            each(ctx) { c, d in
                let evidence: JSONObject = ["endpointPublicAccess": .bool(d.endpointPublicAccess), "publicAccessCidrs": .strings(d.publicAccessCidrs)]
                guard d.endpointPublicAccess else { return .pass(c.ref, "Cluster \(c.name)'s API endpoint is private only.", evidence: evidence) }
                // AWS reports 0.0.0.0/0 when no ranges were given.
                if d.publicAccessCidrs.isEmpty || d.publicAccessCidrs.contains("0.0.0.0/0") || d.publicAccessCidrs.contains("::/0") {
                    return .fail(c.ref, "Cluster \(c.name)'s public API endpoint admits every address (0.0.0.0/0).", evidence: evidence)
                }
                return .pass(c.ref, "Cluster \(c.name)'s public API endpoint admits only \(d.publicAccessCidrs.joined(separator: ", ")).", evidence: evidence)
            }
        })

    /// The end of standard support of each Kubernetes minor version on EKS (Amazon EKS User Guide,
    /// "Kubernetes version lifecycle"), as `yyyy-MM-dd`.
    static let standardSupportEnds: [String: String] = [
        "1.23": "2023-10-11", "1.24": "2024-01-31", "1.25": "2024-05-01", "1.26": "2024-06-11", "1.27": "2024-07-24",
        "1.28": "2024-11-26", "1.29": "2025-03-23", "1.30": "2025-07-23", "1.31": "2025-11-26", "1.32": "2026-03-23",
        "1.33": "2026-07-29", "1.34": "2026-12-02", "1.35": "2027-03-27",
    ]

    static let supportedVersion = Check(
        CheckMetadata(
            id: "eks.cluster.supported-version",
            title: "EKS clusters run a Kubernetes version in standard support",
            severity: .high, resourceType: "AWS::EKS::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EKS.2"]], prowler: "eks_cluster_uses_a_supported_version",
            risk: "Past standard support a version gets no regular patches (and costs extended-support fees); the API server and kubelets keep known flaws.",
            remediation: "Upgrade the cluster one minor version at a time to a version in standard support.",
            remediationCommand: "aws eks update-cluster-version --name <cluster> --kubernetes-version <version>"),
        evaluate: { ctx in
            each(ctx) { c, d in
                guard let version = d.version else { return .unknown(c.ref, "describe-cluster reports no version for \(c.name).") }
                guard let day = standardSupportEnds[version], let end = Timestamp.parse(day + "T00:00:00Z") else {
                    if let minor = version.split(separator: ".").last.flatMap({ Int($0) }), version.hasPrefix("1."), minor < 23 {
                        return .fail(c.ref, "Cluster \(c.name) runs Kubernetes \(version), long out of support.", evidence: ["version": .string(version)])
                    }
                    return .unknown(c.ref, "Cluster \(c.name) runs Kubernetes \(version), which is not in Rampart's support calendar.")
                }
                let evidence: JSONObject = ["version": .string(version), "standardSupportEnds": .string(day)]
                return end <= ctx.now ? .fail(c.ref, "Cluster \(c.name) runs Kubernetes \(version), whose standard support ended on \(day).", evidence: evidence)
                    : .pass(c.ref, "Cluster \(c.name) runs Kubernetes \(version), in standard support until \(day).", evidence: evidence)
            }
        })

    static let secretsEncrypted = Check(
        CheckMetadata(
            id: "eks.cluster.secrets-encrypted",
            title: "EKS clusters encrypt Kubernetes secrets with a KMS key",
            severity: .medium, resourceType: "AWS::EKS::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EKS.3"]], prowler: "eks_cluster_kms_cmk_encryption_in_secrets_enabled",
            risk: "Without envelope encryption, Kubernetes secrets are protected in etcd only by the storage encryption AWS applies, not by a key you control.",
            remediation: "Associate a KMS key with the cluster for secrets encryption.",
            remediationCommand: "aws eks associate-encryption-config --cluster-name <cluster> --encryption-config resources=secrets,provider={keyArn=<kms-key-arn>}"),
        evaluate: { ctx in
            each(ctx) { c, d in
                let evidence: JSONObject = ["encryptedResources": .strings(d.encryptedResources.sorted())]
                return d.encryptedResources.contains("secrets") ? .pass(c.ref, "Cluster \(c.name) encrypts secrets with a KMS key.", evidence: evidence)
                    : .fail(c.ref, "Cluster \(c.name) has no KMS encryption configured for secrets.", evidence: evidence)
            }
        })

    static let auditLogging = Check(
        CheckMetadata(
            id: "eks.cluster.audit-logging",
            title: "EKS clusters send their audit log to CloudWatch Logs",
            severity: .medium, resourceType: "AWS::EKS::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EKS.8"]], prowler: "eks_control_plane_logging_all_types_enabled",
            risk: "Without the audit log, who did what through the Kubernetes API cannot be known.",
            remediation: "Enable the audit control plane log type.",
            remediationCommand: "aws eks update-cluster-config --name <cluster> --logging '{\"clusterLogging\":[{\"types\":[\"audit\"],\"enabled\":true}]}'"),
        evaluate: { ctx in
            each(ctx) { c, d in
                let evidence: JSONObject = ["enabledLogTypes": .strings(d.enabledLogTypes.sorted())]
                return d.enabledLogTypes.contains("audit") ? .pass(c.ref, "Cluster \(c.name) sends its audit log.", evidence: evidence)
                    : .fail(c.ref, "Cluster \(c.name) does not send its audit log.", evidence: evidence)
            }
        })

    static let logTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

    static let allControlPlaneLogs = Check(
        CheckMetadata(
            id: "eks.cluster.control-plane-logging",
            title: "EKS clusters send every control plane log type to CloudWatch Logs",
            severity: .low, resourceType: "AWS::EKS::Cluster", serviceModel: .managed,
            frameworks: [:], prowler: "eks_control_plane_logging_all_types_enabled",
            risk: "Missing authenticator or API logs leave gaps in the record of who reached the cluster and how.",
            remediation: "Enable all five control plane log types.",
            remediationCommand: "aws eks update-cluster-config --name <cluster> --logging '{\"clusterLogging\":[{\"types\":[\"api\",\"audit\",\"authenticator\",\"controllerManager\",\"scheduler\"],\"enabled\":true}]}'"),
        evaluate: { ctx in
            each(ctx) { c, d in
                let missing = logTypes.filter { !d.enabledLogTypes.contains($0) }
                let evidence: JSONObject = ["missingLogTypes": .strings(missing)]
                return missing.isEmpty ? .pass(c.ref, "Cluster \(c.name) sends every control plane log type.", evidence: evidence)
                    : .fail(c.ref, "Cluster \(c.name) does not send: \(missing.joined(separator: ", ")).", evidence: evidence)
            }
        })
}
