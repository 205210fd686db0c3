import RampartFindings
import RampartInventory
import RampartJSON

/// AWS Backup: each region has a backup plan and a vault to keep its recovery points in.
enum BackupChecks {
    static let all: [Check] = [planExists, vaultExists]

    static let planExists = Check(
        CheckMetadata(
            id: "backup.region.plan-exists",
            title: "An AWS Backup plan exists in every region",
            severity: .low, resourceType: "AWS::::Account", serviceModel: .infrastructure,
            frameworks: [:],
            prowler: "backup_plans_exist",
            risk: "Without a backup plan, resources in the region are backed up only if someone remembers to, and a deletion or ransomware event may be unrecoverable.",
            remediation: "Create a backup plan with a schedule and retention, and assign the region's resources to it.",
            remediationCommand: "aws backup create-backup-plan --backup-plan file://backup-plan.json --region <region>"),
        evaluate: { ctx in
            ctx.perRegion(\.backup.plans, resource: { ctx.regionRef($0, service: "backup") }) { plans, ref, region in
                let evidence: JSONObject = ["plans": .strings(plans.map(\.name))]
                guard let first = plans.first else {
                    return .fail(ref, "\(region.scope.region) has no AWS Backup plan.", evidence: evidence)
                }
                let more = plans.count > 1 ? " and \(plans.count - 1) more" : ""
                return .pass(ref, "\(region.scope.region) has the AWS Backup plan \(first.name)\(more).", evidence: evidence)
            }
        })

    static let vaultExists = Check(
        CheckMetadata(
            id: "backup.region.vault-exists",
            title: "An AWS Backup vault exists in every region",
            severity: .low, resourceType: "AWS::::Account", serviceModel: .infrastructure,
            frameworks: [:],
            prowler: "backup_vaults_exist",
            risk: "Without a backup vault there is nowhere for AWS Backup to keep recovery points in the region.",
            remediation: "Create a backup vault, encrypted with a KMS key, in the region.",
            remediationCommand: "aws backup create-backup-vault --backup-vault-name <name> --encryption-key-arn <kms-key-arn> --region <region>"),
        evaluate: { ctx in
            ctx.perRegion(\.backup.vaults, resource: { ctx.regionRef($0, service: "backup") }) { vaults, ref, region in
                let evidence: JSONObject = ["vaults": .strings(vaults.map(\.name))]
                guard let first = vaults.first else {
                    return .fail(ref, "\(region.scope.region) has no AWS Backup vault.", evidence: evidence)
                }
                let more = vaults.count > 1 ? " and \(vaults.count - 1) more" : ""
                return .pass(ref, "\(region.scope.region) has the AWS Backup vault \(first.name)\(more).", evidence: evidence)
            }
        })
}
