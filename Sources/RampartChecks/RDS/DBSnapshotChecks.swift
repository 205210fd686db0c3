import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// RDS DB snapshots: not public, and encrypted.
enum DBSnapshotChecks {
    static let all: [Check] = [notPublic, encrypted]

    static func evidence(_ s: DBSnapshot) -> JSONObject {
        ["dbSnapshotIdentifier": .string(s.id), "dbInstanceIdentifier": .optional(s.instanceId), "snapshotType": .optional(s.snapshotType)]
    }

    static let notPublic = Check(
        CheckMetadata(
            id: "rds.db-snapshot.not-public",
            title: "RDS DB snapshots are not public",
            severity: .critical, resourceType: "AWS::RDS::DBSnapshot", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.1"]], prowler: "rds_snapshots_public_access",
            risk: "Any AWS account can restore a public snapshot into a database of its own and read the data.",
            remediation: "Remove `all` from the snapshot's restore attribute.",
            remediationCommand:
                "aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.snapshots) { snapshot, _ in
                // The one external-access analysis (RampartAccess) decides what is public.
                let access = ExternalAccessAnalysis.analyze(dbSnapshot: snapshot, zone: .account)
                switch (snapshot.restoreAttribute, ExternalAccessChecks.publicSharing(access)) {
                case (.unknown(let reason), _), (_, .unknown(let reason)): return .unknown(snapshot.ref, reason)
                case (.known(let values), .known(let open)):
                    var facts = evidence(snapshot)
                    facts["restore"] = .strings(values)
                    if !open.isEmpty { return .fail(snapshot.ref, "\(snapshot.id) is public (restore=all).", evidence: facts) }
                    return .pass(snapshot.ref, "\(snapshot.id) is not public.", evidence: facts)
                }
            }
        })

    static let encrypted = Check(
        CheckMetadata(
            id: "rds.db-snapshot.encrypted",
            title: "RDS DB snapshots are encrypted at rest",
            severity: .medium, resourceType: "AWS::RDS::DBSnapshot", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.4"]], prowler: "rds_snapshots_encrypted",
            risk: "An unencrypted snapshot copied or shared outside the account exposes the data to whoever holds it.",
            remediation: "Copy the snapshot with a KMS key and delete the unencrypted one; encrypt the source instance.",
            remediationCommand:
                "aws rds copy-db-snapshot --source-db-snapshot-identifier <snapshot> --target-db-snapshot-identifier <snapshot>-encrypted --kms-key-id <kms-key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.snapshots) { snapshot, _ in
                let facts = evidence(snapshot)
                if snapshot.encrypted { return .pass(snapshot.ref, "\(snapshot.id) is encrypted.", evidence: facts) }
                return .fail(snapshot.ref, "\(snapshot.id) is not encrypted (Encrypted=false).", evidence: facts)
            }
        })
}
