import RampartFindings
import RampartInventory
import RampartJSON

/// DynamoDB tables: point-in-time recovery and deletion protection, each read per table
/// (`describe-continuous-backups`, `describe-table`).
enum DynamoDBTableChecks {
    static let all: [Check] = [pointInTimeRecovery, deletionProtection]

    static let pointInTimeRecovery = Check(
        CheckMetadata(
            id: "dynamodb.table.point-in-time-recovery",
            title: "DynamoDB tables have point-in-time recovery enabled",
            severity: .medium, resourceType: "AWS::DynamoDB::Table", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["DynamoDB.2"]],
            prowler: "dynamodb_tables_pitr_enabled",
            risk: "Without point-in-time recovery, an accidental or malicious overwrite or delete of items can only be undone from whatever on-demand backup happens to exist.",
            remediation: "Enable point-in-time recovery so the table can be restored to any second of the recovery window.",
            remediationCommand:
                "aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true"),
        evaluate: { ctx in
            ctx.eachRegional(\.dynamodb.tables) { table, _ in
                switch table.pointInTimeRecovery {
                case .unknown(let reason):
                    return .unknown(table.ref, reason)
                case .known(true):
                    return .pass(table.ref, "Table \(table.name) has point-in-time recovery enabled.",
                                 evidence: ["tableName": .string(table.name), "pointInTimeRecovery": true])
                case .known(false):
                    return .fail(table.ref, "Table \(table.name) has point-in-time recovery disabled (PointInTimeRecoveryStatus is not ENABLED).",
                                 evidence: ["tableName": .string(table.name), "pointInTimeRecovery": false])
                }
            }
        })

    static let deletionProtection = Check(
        CheckMetadata(
            id: "dynamodb.table.deletion-protection",
            title: "DynamoDB tables have deletion protection enabled",
            severity: .medium, resourceType: "AWS::DynamoDB::Table", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["DynamoDB.6"]],
            prowler: "dynamodb_table_deletion_protection_enabled",
            risk: "Without deletion protection one DeleteTable call, from a mistaken script or a stolen credential, removes the table and all its items.",
            remediation: "Enable deletion protection on the table.",
            remediationCommand: "aws dynamodb update-table --table-name <table> --deletion-protection-enabled"),
        evaluate: { ctx in
            ctx.eachRegional(\.dynamodb.tables) { table, _ in
                switch table.description {
                case .unknown(let reason):
                    return .unknown(table.ref, reason)
                case .known(let description):
                    let evidence: JSONObject = [
                        "tableName": .string(table.name), "deletionProtectionEnabled": .bool(description.deletionProtection),
                    ]
                    if description.deletionProtection {
                        return .pass(table.ref, "Table \(table.name) has deletion protection enabled (DeletionProtectionEnabled=true).", evidence: evidence)
                    }
                    return .fail(table.ref, "Table \(table.name) has deletion protection disabled (DeletionProtectionEnabled=false).", evidence: evidence)
                }
            }
        })
}
