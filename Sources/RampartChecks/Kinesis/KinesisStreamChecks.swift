import RampartFindings
import RampartInventory
import RampartJSON

/// Kinesis data streams: encryption at rest and retention, from `describe-stream-summary`.
enum KinesisStreamChecks {
    static let all: [Check] = [encryptedAtRest, retention]

    /// FSBP Kinesis.3's default minimum retention: seven days.
    static let minimumRetentionHours = 168

    static let encryptedAtRest = Check(
        CheckMetadata(
            id: "kinesis.stream.encrypted-at-rest",
            title: "Kinesis data streams are encrypted at rest",
            severity: .medium, resourceType: "AWS::Kinesis::Stream", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Kinesis.1"]],
            prowler: "kinesis_stream_encrypted_at_rest",
            risk: "Records of an unencrypted stream are stored without the protection and audit trail of a KMS key.",
            remediation: "Start server-side encryption on the stream with a KMS key (alias/aws/kinesis or a customer managed key).",
            remediationCommand: "aws kinesis start-stream-encryption --stream-name <stream> --encryption-type KMS --key-id alias/aws/kinesis"),
        evaluate: { ctx in
            ctx.eachRegional(\.kinesis.streams) { stream, _ in
                stream.summary.judged(stream.ref) { s in
                    let evidence: JSONObject = ["stream": .string(stream.name), "encryptionType": .optional(s.encryptionType), "keyId": .optional(s.keyId)]
                    switch s.encryptionType {
                    case "KMS"?: return .pass(stream.ref, "Stream \(stream.name) is encrypted with KMS key \(s.keyId ?? "(not reported)").", evidence: evidence)
                    case "NONE"?: return .fail(stream.ref, "Stream \(stream.name) is not encrypted at rest (EncryptionType=NONE).", evidence: evidence)
                    case let other?: return .unknown(stream.ref, "describe-stream-summary reports EncryptionType=\(other) for \(stream.name), which Rampart does not know.")
                    case nil: return .unknown(stream.ref, "describe-stream-summary does not report EncryptionType for \(stream.name).")
                    }
                }
            }
        })

    static let retention = Check(
        CheckMetadata(
            id: "kinesis.stream.retention-at-least-7-days",
            title: "Kinesis data streams keep records for at least 7 days",
            severity: .medium, resourceType: "AWS::Kinesis::Stream", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Kinesis.3"]],
            prowler: "kinesis_stream_data_retention_period",
            risk: "With the default 24-hour retention, a consumer outage longer than a day loses records for good.",
            remediation: "Raise the stream's retention period to at least 168 hours.",
            remediationCommand: "aws kinesis increase-stream-retention-period --stream-name <stream> --retention-period-hours 168"),
        evaluate: { ctx in
            ctx.eachRegional(\.kinesis.streams) { stream, _ in
                stream.summary.judged(stream.ref) { s in
                    guard let hours = s.retentionPeriodHours else {
                        return .unknown(stream.ref, "describe-stream-summary does not report RetentionPeriodHours for \(stream.name).")
                    }
                    let evidence: JSONObject = ["stream": .string(stream.name), "retentionPeriodHours": .number(Double(hours))]
                    if hours >= minimumRetentionHours {
                        return .pass(stream.ref, "Stream \(stream.name) keeps records for \(hours) hours.", evidence: evidence)
                    }
                    return .fail(stream.ref, "Stream \(stream.name) keeps records for only \(hours) hours (less than \(minimumRetentionHours)).", evidence: evidence)
                }
            }
        })
}
