import RampartFindings
import RampartInventory
import RampartJSON

/// RDS DB instances: encryption at rest, public accessibility, Multi-AZ, automated backups,
/// deletion protection and automatic minor version upgrades.
///
/// Instances that belong to a DB cluster (Aurora, Neptune, DocumentDB or a Multi-AZ DB cluster)
/// take their availability, backup and deletion-protection settings from the cluster, so those
/// three checks skip them and `DBClusterChecks` judges the cluster instead.
enum DBInstanceChecks {
    static let all: [Check] = [
        storageEncrypted, notPubliclyAccessible, multiAZ, automatedBackups, deletionProtection, autoMinorVersionUpgrade,
    ]

    /// The facts every RDS instance finding carries.
    static func evidence(_ db: DBInstance, _ extra: KeyValuePairs<String, JSONValue> = [:]) -> JSONObject {
        var object: JSONObject = ["dbInstanceIdentifier": .string(db.id), "engine": .string(db.engine)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    /// True for an instance whose cluster owns its availability, backups and deletion protection.
    static func isClusterMember(_ db: DBInstance) -> Bool { db.clusterIdentifier.map { !$0.isEmpty } ?? false }

    static let storageEncrypted = Check(
        CheckMetadata(
            id: "rds.db-instance.storage-encrypted",
            title: "RDS DB instances are encrypted at rest",
            severity: .medium, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["2.3.1"], "cis-aws-5.0": ["2.2.1"], "aws-fsbp": ["RDS.3"]],
            prowler: "rds_instance_storage_encrypted",
            risk: "Unencrypted storage, automated backups, replicas and snapshots can be read by anyone who gets hold of the underlying media or a copied snapshot.",
            remediation: "Encryption cannot be turned on in place: snapshot the instance, copy the snapshot with a KMS key, restore a new instance from the encrypted copy and switch the application to it.",
            remediationCommand:
                "aws rds copy-db-snapshot --source-db-snapshot-identifier <snapshot> --target-db-snapshot-identifier <snapshot>-encrypted --kms-key-id <kms-key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                let evidence = evidence(db, ["storageEncrypted": .bool(db.storageEncrypted), "kmsKeyId": .optional(db.kmsKeyId)])
                if db.storageEncrypted {
                    return .pass(db.ref, "\(db.id) is encrypted at rest (StorageEncrypted=true).", evidence: evidence)
                }
                return .fail(db.ref, "\(db.id) is not encrypted at rest (StorageEncrypted=false).", evidence: evidence)
            }
        })

    static let notPubliclyAccessible = Check(
        CheckMetadata(
            id: "rds.db-instance.not-publicly-accessible",
            title: "RDS DB instances are not publicly accessible",
            severity: .critical, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["2.3.3"], "cis-aws-5.0": ["2.2.3"], "aws-fsbp": ["RDS.2"]],
            prowler: "rds_instance_no_public_access",
            risk: "A publicly accessible instance gets a public DNS name and address; in a subnet routed to an internet gateway, its security groups are all that stand between the database and the internet.",
            remediation: "Turn off public accessibility, and keep database subnets without a route to an internet gateway.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --no-publicly-accessible --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                let evidence = evidence(db, ["publiclyAccessible": .bool(db.publiclyAccessible), "vpcId": .optional(db.vpcId)])
                if db.publiclyAccessible {
                    return .fail(db.ref, "\(db.id) is publicly accessible (PubliclyAccessible=true).", evidence: evidence)
                }
                return .pass(db.ref, "\(db.id) is not publicly accessible (PubliclyAccessible=false).", evidence: evidence)
            }
        })

    static let multiAZ = Check(
        CheckMetadata(
            id: "rds.db-instance.multi-az",
            title: "RDS DB instances are deployed across multiple Availability Zones",
            severity: .medium, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["cis-aws-5.0": ["2.2.4"], "aws-fsbp": ["RDS.5"]],
            prowler: "rds_instance_multi_az",
            risk: "A Single-AZ instance is down for as long as its Availability Zone or host is, and has no standby to fail over to during maintenance.",
            remediation: "Convert the instance to a Multi-AZ deployment, which keeps a synchronous standby in another zone and fails over automatically.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --multi-az --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                guard !isClusterMember(db) else { return nil }
                let evidence = evidence(db, [
                    "multiAZ": .bool(db.multiAZ), "availabilityZone": .optional(db.ref.availabilityZone),
                    "secondaryAvailabilityZone": .optional(db.secondaryAvailabilityZone),
                ])
                if db.multiAZ {
                    let standby = db.secondaryAvailabilityZone.map { ", standby in \($0)" } ?? ""
                    return .pass(db.ref, "\(db.id) is a Multi-AZ deployment (MultiAZ=true\(standby)).", evidence: evidence)
                }
                let zone = db.ref.availabilityZone.map { " in \($0)" } ?? ""
                return .fail(db.ref, "\(db.id) runs in a single Availability Zone\(zone) (MultiAZ=false).", evidence: evidence)
            }
        })

    static let automatedBackups = Check(
        CheckMetadata(
            id: "rds.db-instance.automated-backups",
            title: "RDS DB instances keep automated backups for at least 7 days",
            severity: .medium, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.11"]],
            prowler: "rds_instance_backup_enabled",
            risk: "Without automated backups there is no point-in-time restore: a bad write, a dropped table or ransomware inside the database cannot be undone.",
            remediation: "Set a backup retention period of at least 7 days. A read replica may keep 0 days when its source is backed up.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --backup-retention-period 7 --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, region in
                guard !isClusterMember(db) else { return nil }
                return judgeBackups(db, region)
            }
        })

    /// The retention FSBP RDS.11 requires by default (its `backupRetentionMinimum` parameter,
    /// 7 to 35 days; AWS Security Hub controls reference, "[RDS.11] RDS instances should have
    /// automatic backups enabled").
    static let minimumRetentionDays = 7

    /// A retention of at least `minimumRetentionDays` passes; a shorter one fails. A read replica
    /// keeping less is judged by its source (AWS leaves read replicas out of RDS.11): replicas of
    /// some engines cannot keep automated backups, and restoring from the source recovers the same data.
    static func judgeBackups(_ db: DBInstance, _ region: RegionInventory) -> CheckOutcome {
        let retention = db.backupRetentionPeriod
        let minimum = minimumRetentionDays
        var facts = evidence(db, [
            "backupRetentionPeriod": .number(Double(retention)), "minimumRetentionDays": .number(Double(minimum)),
            "readReplicaSource": .optional(db.readReplicaSource),
        ])
        if retention >= minimum {
            return .pass(db.ref, "\(db.id) keeps automated backups for \(retention) days (BackupRetentionPeriod=\(retention)).", evidence: facts)
        }
        let own = retention == 0 ? "has automated backups disabled (BackupRetentionPeriod=0)"
            : "keeps automated backups for only \(retention) day\(retention == 1 ? "" : "s") (\(minimum) needed)"
        guard let source = db.readReplicaSource, !source.isEmpty else {
            return .fail(db.ref, "\(db.id) \(own).", evidence: facts)
        }
        // A same-region source is named by identifier; a cross-region or cross-account one by ARN.
        let sourceId = source.hasPrefix("arn:") ? nil : source
        guard let sourceId else {
            return .manual(db.ref, "\(db.id) is a read replica of \(source) with BackupRetentionPeriod=\(retention); confirm the source, in another region or account, keeps automated backups for \(minimum) days or more.")
        }
        switch region.rds.instances {
        case .unknown(let reason):
            return .unknown(db.ref, reason)
        case .known(let instances):
            guard let origin = instances.first(where: { $0.id == sourceId }) else {
                return .manual(db.ref, "\(db.id) is a read replica of \(sourceId) with BackupRetentionPeriod=\(retention); its source is not in the inventory, so confirm the source keeps automated backups for \(minimum) days or more.")
            }
            facts["sourceBackupRetentionPeriod"] = .number(Double(origin.backupRetentionPeriod))
            if origin.backupRetentionPeriod >= minimum {
                return .pass(db.ref, "\(db.id) is a read replica with BackupRetentionPeriod=\(retention); its source \(sourceId) keeps automated backups for \(origin.backupRetentionPeriod) days.", evidence: facts)
            }
            return .fail(db.ref, "\(db.id) is a read replica with BackupRetentionPeriod=\(retention) and its source \(sourceId) keeps automated backups for \(origin.backupRetentionPeriod) days (\(minimum) needed).", evidence: facts)
        }
    }

    static let deletionProtection = Check(
        CheckMetadata(
            id: "rds.db-instance.deletion-protection",
            title: "RDS DB instances have deletion protection enabled",
            severity: .low, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.8"]],
            prowler: "rds_instance_deletion_protection",
            risk: "Without deletion protection a single API call, script error or compromised credential deletes the database.",
            remediation: "Enable deletion protection; it must then be turned off deliberately before the instance can be deleted.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --deletion-protection --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                guard !isClusterMember(db) else { return nil }
                let evidence = evidence(db, ["deletionProtection": .bool(db.deletionProtection)])
                if db.deletionProtection {
                    return .pass(db.ref, "\(db.id) has deletion protection enabled (DeletionProtection=true).", evidence: evidence)
                }
                return .fail(db.ref, "\(db.id) has deletion protection disabled (DeletionProtection=false).", evidence: evidence)
            }
        })

    static let autoMinorVersionUpgrade = Check(
        CheckMetadata(
            id: "rds.db-instance.auto-minor-version-upgrade",
            title: "RDS DB instances apply minor engine upgrades automatically",
            severity: .high, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["2.3.2"], "cis-aws-5.0": ["2.2.2"], "aws-fsbp": ["RDS.13"]],
            prowler: "rds_instance_minor_version_upgrade_enabled",
            risk: "Minor engine versions carry security fixes; an instance that does not take them keeps known vulnerabilities until someone upgrades it by hand.",
            remediation: "Enable automatic minor version upgrades so they are applied in the maintenance window.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --auto-minor-version-upgrade --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                let evidence = evidence(db, ["autoMinorVersionUpgrade": .bool(db.autoMinorVersionUpgrade)])
                if db.autoMinorVersionUpgrade {
                    return .pass(db.ref, "\(db.id) applies minor engine upgrades automatically (AutoMinorVersionUpgrade=true).", evidence: evidence)
                }
                return .fail(db.ref, "\(db.id) does not apply minor engine upgrades automatically (AutoMinorVersionUpgrade=false).", evidence: evidence)
            }
        })
}
