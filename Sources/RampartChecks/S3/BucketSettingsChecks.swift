import RampartFindings
import RampartInventory
import RampartJSON

/// S3 buckets: MFA delete on versioned data and default encryption with KMS keys.
enum BucketSettingsChecks {
    static let all: [Check] = [mfaDelete, kmsEncryption]

    static let mfaDelete = Check(
        CheckMetadata(
            id: "s3.bucket.mfa-delete",
            title: "S3 buckets require MFA to delete object versions",
            severity: .low, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["2.1.2"], "cis-aws-5.0": ["2.1.2"], "aws-fsbp": ["S3.20"]],
            prowler: "s3_bucket_no_mfa_delete",
            risk: "Without MFA delete, stolen credentials are enough to purge every version of every object.",
            remediation: "Enable versioning with MFA delete, using the root user's MFA device.",
            remediationCommand:
                "aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa '<mfa-serial> <code>'"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, _ in
                bucket.judge(bucket.versioning) { versioning in
                    let evidence: JSONObject = [
                        "bucket": .string(bucket.name), "versioning": .optional(versioning.status), "mfaDelete": .optional(versioning.mfaDelete),
                    ]
                    if versioning.mfaDelete == "Enabled" {
                        return .pass(bucket.ref, "\(bucket.name) requires MFA to delete versions (MFADelete=Enabled).", evidence: evidence)
                    }
                    return .fail(bucket.ref, "\(bucket.name) does not require MFA to delete versions (MFADelete=\(versioning.mfaDelete ?? "absent")).",
                                 evidence: evidence)
                }
            }
        })

    static let kmsEncryption = Check(
        CheckMetadata(
            id: "s3.bucket.kms-encryption",
            title: "S3 buckets encrypt new objects with AWS KMS keys by default",
            severity: .medium, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["S3.17"]], prowler: "s3_bucket_kms_encryption",
            risk: "With S3-managed keys anyone allowed to read an object can decrypt it; a KMS key adds a second, audited permission.",
            remediation: "Set default encryption to SSE-KMS (or DSSE-KMS) with a customer managed key.",
            remediationCommand:
                "aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"<kms-key-id>\"},\"BucketKeyEnabled\":true}]}'"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, _ in
                bucket.judge(bucket.encryption) { rules in
                    let algorithms = (rules ?? []).map(\.algorithm)
                    let evidence: JSONObject = ["bucket": .string(bucket.name), "algorithms": .strings(algorithms)]
                    if algorithms.contains(where: { $0.hasPrefix("aws:kms") }) {
                        return .pass(bucket.ref, "\(bucket.name) encrypts new objects with a KMS key (\(algorithms.joined(separator: ", "))).", evidence: evidence)
                    }
                    if algorithms.isEmpty {
                        return .fail(bucket.ref, "\(bucket.name) has no default-encryption configuration naming a KMS key.", evidence: evidence)
                    }
                    return .fail(bucket.ref, "\(bucket.name) encrypts new objects with \(algorithms.joined(separator: ", ")), not a KMS key.", evidence: evidence)
                }
            }
        })
}
