import RampartFindings
import RampartInventory
import RampartJSON

/// S3 data protection: default encryption, TLS-only access, versioning, server access
/// logging and cross-Region replication of each bucket.
enum DataProtectionChecks {
    static let all: [Check] = [defaultEncryption, tlsRequired, versioningEnabled, accessLoggingEnabled, crossRegionReplication]

    static func algorithmName(_ algorithm: String) -> String {
        switch algorithm {
        case "AES256": "SSE-S3 (AES256)"
        case "aws:kms": "SSE-KMS (aws:kms)"
        case "aws:kms:dsse": "DSSE-KMS (aws:kms:dsse)"
        default: algorithm
        }
    }

    static let defaultEncryption = Check(
        CheckMetadata(
            id: "s3.bucket.default-encryption",
            title: "S3 buckets have default encryption configured",
            severity: .low, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: [:],
            prowler: "s3_bucket_default_encryption",
            risk: "Objects written without an encryption header are stored as the bucket's default says; S3 has applied SSE-S3 by default since January 2023.",
            remediation: "Configure default encryption on the bucket, with SSE-KMS and a bucket key where key control or audit matters.",
            remediationCommand:
                "aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\"},\"BucketKeyEnabled\":true}]}'"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, _ in
                bucket.judge(bucket.encryption) { rules in
                    let algorithms = (rules ?? []).map(\.algorithm).filter { !$0.isEmpty }
                    let evidence: JSONObject = [
                        "bucket": .string(bucket.name), "algorithms": .strings(algorithms),
                        "kmsKeyIds": .strings((rules ?? []).compactMap(\.kmsKeyId)),
                    ]
                    if algorithms.isEmpty {
                        return .fail(bucket.ref, "\(bucket.name) has no default encryption configuration.", evidence: evidence)
                    }
                    return .pass(bucket.ref, "\(bucket.name) encrypts new objects by default with \(algorithms.map(algorithmName).joined(separator: ", ")).",
                                 evidence: evidence)
                }
            }
        })

    /// True when the statement denies every S3 action to every caller on all of the bucket's
    /// objects whenever the request is not sent over TLS, with no other condition narrowing it.
    static func deniesInsecureTransport(_ statement: JSONObject, objects: String) -> Bool {
        guard statement["Effect"]?.stringValue == "Deny", BucketPolicy.isEveryone(statement["Principal"]) else { return false }
        let actions = BucketPolicy.strings(statement["Action"]).map { $0.lowercased() }
        guard actions.contains(where: { BucketPolicy.glob($0, covers: "s3:", anyContinuation: true) }) else { return false }
        let resources = BucketPolicy.strings(statement["Resource"])
        guard resources.contains(where: { BucketPolicy.glob($0, covers: objects, anyContinuation: true) }) else { return false }
        let conditions = BucketPolicy.conditions(statement)
        guard conditions.count == 1, let condition = conditions.first else { return false }
        return (condition.op == "Bool" || condition.op == "BoolIfExists") && condition.key == "aws:securetransport"
            && condition.values.map { $0.lowercased() } == ["false"]
    }

    static let tlsRequired = Check(
        CheckMetadata(
            id: "s3.bucket.tls-required",
            title: "S3 bucket policies deny requests that do not use TLS",
            severity: .medium, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["2.1.1"], "cis-aws-5.0": ["2.1.1"], "aws-fsbp": ["S3.5"]],
            prowler: "s3_bucket_secure_transport_policy",
            risk: "S3 accepts plain HTTP unless a policy refuses it, exposing data and credentials-signed requests on the wire.",
            remediation: "Add a Deny statement for Principal \"*\", Action s3:*, the bucket and its objects, with Condition Bool aws:SecureTransport false.",
            remediationCommand: "aws s3api put-bucket-policy --bucket <bucket> --policy file://<policy-with-deny-insecure-transport>.json"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, _ in
                bucket.judge(bucket.policy) { document in
                    let evidence: JSONObject = ["bucket": .string(bucket.name), "hasPolicy": .bool(document != nil && document != .null)]
                    guard let document, document != .null else {
                        return .fail(bucket.ref, "\(bucket.name) has no bucket policy, so it accepts requests over plain HTTP.", evidence: evidence)
                    }
                    let statements = BucketPolicy.statements(document)
                    guard let deny = statements.first(where: { deniesInsecureTransport($0, objects: "\(bucket.ref.arn)/") }) else {
                        return .fail(bucket.ref, "\(bucket.name)'s policy does not deny all S3 actions over plain HTTP (aws:SecureTransport=false).",
                                     evidence: evidence)
                    }
                    let label = BucketPolicy.label(deny, in: document)
                    let coversBucket = BucketPolicy.strings(deny["Resource"])
                        .contains { BucketPolicy.glob($0, covers: bucket.ref.arn, anyContinuation: false) }
                    let scope = coversBucket ? "" : " (objects only; bucket-level requests are not covered)"
                    var withStatement = evidence
                    withStatement["denyStatement"] = .string(label)
                    return .pass(bucket.ref, "\(bucket.name)'s policy denies requests over plain HTTP (\(label))\(scope).", evidence: withStatement)
                }
            }
        })

    static let versioningEnabled = Check(
        CheckMetadata(
            id: "s3.bucket.versioning-enabled",
            title: "S3 buckets have versioning enabled",
            severity: .low, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["S3.14"]],
            prowler: "s3_bucket_object_versioning",
            risk: "Without versioning an overwrite or delete, accidental or malicious, destroys the only copy of an object.",
            remediation: "Enable versioning, with a lifecycle rule that expires old versions.",
            remediationCommand: "aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, _ in
                bucket.judge(bucket.versioning) { versioning in
                    let evidence: JSONObject = [
                        "bucket": .string(bucket.name), "status": .optional(versioning.status), "mfaDelete": .optional(versioning.mfaDelete),
                    ]
                    switch versioning.status {
                    case "Enabled":
                        return .pass(bucket.ref, "\(bucket.name) has versioning enabled.", evidence: evidence)
                    case let status?:
                        return .fail(bucket.ref, "\(bucket.name) has versioning \(status.lowercased()) (Status=\(status)).", evidence: evidence)
                    case nil:
                        return .fail(bucket.ref, "\(bucket.name) has never had versioning enabled.", evidence: evidence)
                    }
                }
            }
        })

    static let accessLoggingEnabled = Check(
        CheckMetadata(
            id: "s3.bucket.access-logging-enabled",
            title: "S3 buckets have server access logging enabled",
            severity: .medium, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["S3.9"]],
            prowler: "s3_bucket_server_access_logging_enabled",
            risk: "Without access logs there is no record of who read or changed which objects.",
            remediation: "Enable server access logging to a separate log bucket in the same region (or log S3 data events with CloudTrail).",
            remediationCommand:
                "aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<log-bucket>\",\"TargetPrefix\":\"<bucket>/\"}}'"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, _ in
                bucket.judge(bucket.logging) { logging in
                    guard let logging else {
                        return .fail(bucket.ref, "\(bucket.name) has server access logging disabled.",
                                     evidence: ["bucket": .string(bucket.name), "loggingEnabled": .bool(false)])
                    }
                    let evidence: JSONObject = [
                        "bucket": .string(bucket.name), "loggingEnabled": .bool(true), "targetBucket": .string(logging.targetBucket),
                        "targetPrefix": .optional(logging.targetPrefix),
                    ]
                    return .pass(bucket.ref, "\(bucket.name) logs access to \(logging.targetBucket)/\(logging.targetPrefix ?? "").",
                                 evidence: evidence)
                }
            }
        })

    /// The region of a destination bucket ARN, when that bucket is in the scanned inventory.
    static func destinationRegion(_ destination: String, among buckets: [S3Bucket]?) -> String? {
        guard let name = destination.split(separator: ":", omittingEmptySubsequences: false).last else { return nil }
        guard let region = buckets?.first(where: { $0.name == String(name) })?.ref.region, region != "global" else { return nil }
        return region
    }

    static let crossRegionReplication = Check(
        CheckMetadata(
            id: "s3.bucket.cross-region-replication",
            title: "S3 buckets replicate to another Region",
            severity: .low, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["S3.7"]],
            prowler: "s3_bucket_cross_region_replication",
            risk: "Without a copy in another Region, a regional outage or a destructive change leaves no second copy of the data.",
            remediation: "Configure a replication rule to a versioned bucket in another Region where the data needs regional resilience.",
            remediationCommand: "aws s3api put-bucket-replication --bucket <bucket> --replication-configuration file://<replication>.json"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, account in
                bucket.judge(bucket.replication) { rules in
                    let enabled = (rules ?? []).filter { $0.status == "Enabled" }
                    let destinations = enabled.map { rule in (rule.destinationBucket, destinationRegion(rule.destinationBucket, among: account.s3.buckets.value)) }
                    let evidence: JSONObject = [
                        "bucket": .string(bucket.name), "region": .string(bucket.ref.region),
                        "enabledDestinations": .array(destinations.map { ["bucket": .string($0.0), "region": .optional($0.1)] }),
                    ]
                    if enabled.isEmpty {
                        let why = rules == nil ? "has no replication configuration" : "has no enabled replication rule"
                        return .fail(bucket.ref, "\(bucket.name) \(why).", evidence: evidence)
                    }
                    if bucket.ref.region == "global" {
                        return .unknown(bucket.ref, "\(bucket.name)'s own Region is unknown, so whether its replication crosses Regions is unknown.")
                    }
                    if let other = destinations.first(where: { $0.1 != nil && $0.1 != bucket.ref.region }) {
                        return .pass(bucket.ref, "\(bucket.name) (\(bucket.ref.region)) replicates to \(other.0) in \(other.1 ?? "").", evidence: evidence)
                    }
                    let unplaced = destinations.filter { $0.1 == nil }.map(\.0)
                    if !unplaced.isEmpty {
                        return .unknown(bucket.ref, "\(bucket.name) replicates to \(unplaced.joined(separator: ", ")), whose Region is not in the scanned inventory.")
                    }
                    return .fail(bucket.ref, "\(bucket.name) replicates only within its own Region \(bucket.ref.region).", evidence: evidence)
                }
            }
        })
}
