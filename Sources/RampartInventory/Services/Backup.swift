public import RampartJSON

/// An AWS Backup plan (`list-backup-plans`): rules that back resources up on a schedule.
public struct BackupPlan: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var id: String
    public var name: String
}

/// An AWS Backup vault (`list-backup-vaults`): where recovery points are kept.
public struct BackupVault: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var numberOfRecoveryPoints: Int?
    /// The KMS key that encrypts the vault's recovery points.
    public var encryptionKeyArn: String?
}

/// AWS Backup in one region.
public struct BackupInventory: Sendable {
    public var plans: Known<[BackupPlan]>
    public var vaults: Known<[BackupVault]>
}

extension BackupInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> BackupInventory {
        func call(_ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "backup", operation: operation)
        }
        let plans = loader.load(call("list-backup-plans")) { (root) throws(JSONShapeError) in
            try root.map("BackupPlansList") { (p) throws(JSONShapeError) in
                let id = try p.requiredString("BackupPlanId")
                let name = try p.string("BackupPlanName") ?? id
                return BackupPlan(
                    ref: ResourceRef(
                        arn: try p.string("BackupPlanArn") ?? scope.arn("backup", "backup-plan:\(id)"), type: "AWS::Backup::BackupPlan",
                        account: scope.account, region: scope.region, name: name),
                    id: id, name: name)
            }
        }
        let vaults = loader.load(call("list-backup-vaults")) { (root) throws(JSONShapeError) in
            try root.map("BackupVaultList") { (v) throws(JSONShapeError) in
                let name = try v.requiredString("BackupVaultName")
                return BackupVault(
                    ref: ResourceRef(
                        arn: try v.string("BackupVaultArn") ?? scope.arn("backup", "backup-vault:\(name)"), type: "AWS::Backup::BackupVault",
                        account: scope.account, region: scope.region, name: name),
                    name: name, numberOfRecoveryPoints: try v.int("NumberOfRecoveryPoints"), encryptionKeyArn: try v.string("EncryptionKeyArn"))
            }
        }
        return BackupInventory(plans: plans, vaults: vaults)
    }
}
