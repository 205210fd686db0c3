import RampartFindings
import RampartInventory
import RampartJSON

/// SageMaker notebook instances: direct internet access, VPC placement, root access,
/// encryption of the storage volume and the role's power.
enum NotebookInstanceChecks {
    static let all: [Check] = [noDirectInternet, inVPC, noRootAccess, volumeEncrypted, roleNotAdmin]

    static func each(_ ctx: CheckContext, _ judge: (NotebookInstance, NotebookInstanceDetails, RegionInventory) -> CheckOutcome?) -> [CheckOutcome] {
        ctx.eachRegional(\.sageMaker.notebookInstances) { n, region in
            switch n.details {
            case .unknown(let reason): .unknown(n.ref, reason)
            case .known(let d): judge(n, d, region)
            }
        }
    }

    static let noDirectInternet = Check(
        CheckMetadata(
            id: "sagemaker.notebook-instance.no-direct-internet-access",
            title: "SageMaker notebook instances have no direct internet access",
            severity: .high, resourceType: "AWS::SageMaker::NotebookInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SageMaker.1"]], prowler: "sagemaker_notebook_instance_without_direct_internet_access_configured",
            risk: "With direct internet access the notebook reaches, and can send data to, any address, bypassing your VPC's controls.",
            remediation: "Recreate the notebook in a VPC with DirectInternetAccess Disabled (the setting cannot be changed in place).",
            remediationCommand: "aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type <type> --role-arn <role-arn> --subnet-id <subnet-id> --security-group-ids <sg-id> --direct-internet-access Disabled"),
        evaluate: { ctx in
            each(ctx) { n, d, _ in
                let evidence: JSONObject = ["directInternetAccess": .optional(d.directInternetAccess)]
                return d.directInternetAccess == "Disabled" ? .pass(n.ref, "Notebook \(n.name) has no direct internet access.", evidence: evidence)
                    : .fail(n.ref, "Notebook \(n.name) has direct internet access (\(d.directInternetAccess ?? "Enabled, the default")).", evidence: evidence)
            }
        })

    static let inVPC = Check(
        CheckMetadata(
            id: "sagemaker.notebook-instance.in-vpc",
            title: "SageMaker notebook instances are launched in your VPC",
            severity: .high, resourceType: "AWS::SageMaker::NotebookInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SageMaker.2"]], prowler: "sagemaker_notebook_instance_vpc_settings_configured",
            risk: "A notebook outside your VPC is not covered by your security groups, flow logs or endpoints.",
            remediation: "Recreate the notebook with a subnet and security groups of your VPC.",
            remediationCommand: "aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type <type> --role-arn <role-arn> --subnet-id <subnet-id> --security-group-ids <sg-id>"),
        evaluate: { ctx in
            each(ctx) { n, d, _ in
                let evidence: JSONObject = ["subnetId": .optional(d.subnetId)]
                return d.subnetId != nil ? .pass(n.ref, "Notebook \(n.name) runs in subnet \(d.subnetId!).", evidence: evidence)
                    : .fail(n.ref, "Notebook \(n.name) is not in a VPC subnet.", evidence: evidence)
            }
        })

    static let noRootAccess = Check(
        CheckMetadata(
            id: "sagemaker.notebook-instance.no-root-access",
            title: "Users have no root access on SageMaker notebook instances",
            severity: .high, resourceType: "AWS::SageMaker::NotebookInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SageMaker.3"]], prowler: "sagemaker_notebook_instance_root_access_disabled",
            risk: "Root on the notebook lets a user change its software and controls, and act with its role unhindered.",
            remediation: "Set RootAccess to Disabled (the notebook must be stopped).",
            remediationCommand: "aws sagemaker update-notebook-instance --notebook-instance-name <name> --root-access Disabled"),
        evaluate: { ctx in
            each(ctx) { n, d, _ in
                let evidence: JSONObject = ["rootAccess": .optional(d.rootAccess)]
                return d.rootAccess == "Disabled" ? .pass(n.ref, "Notebook \(n.name) gives users no root access.", evidence: evidence)
                    : .fail(n.ref, "Notebook \(n.name) gives users root access (\(d.rootAccess ?? "Enabled, the default")).", evidence: evidence)
            }
        })

    static let volumeEncrypted = Check(
        CheckMetadata(
            id: "sagemaker.notebook-instance.kms-encryption",
            title: "SageMaker notebook instance storage is encrypted with a customer managed KMS key",
            severity: .medium, resourceType: "AWS::SageMaker::NotebookInstance", serviceModel: .managed,
            frameworks: [:], prowler: "sagemaker_notebook_instance_encryption_enabled",
            risk: "Without your KMS key, access to the notebook's volume (data, credentials in notebooks) cannot be limited or audited through a key policy.",
            remediation: "Recreate the notebook with a KMS key.",
            remediationCommand: "aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type <type> --role-arn <role-arn> --kms-key-id <kms-key-id>"),
        evaluate: { ctx in
            each(ctx) { n, d, _ in
                let evidence: JSONObject = ["kmsKeyId": .optional(d.kmsKeyId)]
                return d.kmsKeyId != nil ? .pass(n.ref, "Notebook \(n.name)'s volume is encrypted with \(d.kmsKeyId!).", evidence: evidence)
                    : .fail(n.ref, "Notebook \(n.name) names no KMS key for its volume.", evidence: evidence)
            }
        })

    static let roleNotAdmin = Check(
        CheckMetadata(
            id: "sagemaker.notebook-instance.role-not-admin",
            title: "SageMaker notebook roles do not hold administrator power",
            severity: .high, resourceType: "AWS::SageMaker::NotebookInstance", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Anyone who can open the notebook (sagemaker:CreatePresignedNotebookInstanceUrl) runs code with its role.",
            remediation: "Give the notebook a role limited to the data and services it uses.",
            remediationCommand: "aws sagemaker update-notebook-instance --notebook-instance-name <name> --role-arn <least-privilege-role-arn>"),
        evaluate: { ctx in
            each(ctx) { n, d, region in
                ExecutionRoles.judge(ctx, account: region.scope.account, ref: n.ref, roleArn: d.roleArn, what: "Notebook \(n.name)")
            }
        })
}
