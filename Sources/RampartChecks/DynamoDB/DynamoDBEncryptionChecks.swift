import RampartFindings
import RampartInventory
import RampartJSON

/// DynamoDB tables encrypted with a KMS key rather than the AWS owned default key.
enum DynamoDBEncryptionChecks {
    static let all: [Check] = [kmsEncryption]

    static let kmsEncryption = Check(
        CheckMetadata(
            id: "dynamodb.table.kms-encryption",
            title: "DynamoDB tables are encrypted with a KMS key",
            severity: .medium, resourceType: "AWS::DynamoDB::Table", serviceModel: .managed,
            frameworks: [:], prowler: "dynamodb_tables_kms_cmk_encryption_enabled",
            risk: "With the AWS owned key, access to the data cannot be limited or audited through a key policy.",
            remediation: "Switch the table to an AWS managed or customer managed KMS key.",
            remediationCommand: "aws dynamodb update-table --table-name <table> --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=<kms-key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.dynamodb.tables) { table, _ in
                switch table.description {
                case .unknown(let reason): return .unknown(table.ref, reason)
                case .known(let d):
                    let evidence: JSONObject = ["tableName": .string(table.name), "sseType": .optional(d.sseType), "sseStatus": .optional(d.sseStatus)]
                    if d.sseType == "KMS" && ["ENABLED", "ENABLING", "UPDATING"].contains(d.sseStatus ?? "") {
                        return .pass(table.ref, "\(table.name) is encrypted with a KMS key (SSEType=KMS).", evidence: evidence)
                    }
                    return .fail(table.ref, "\(table.name) is encrypted with the AWS owned key (no KMS SSEDescription).", evidence: evidence)
                }
            }
        })
}
