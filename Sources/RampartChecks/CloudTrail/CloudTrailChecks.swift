import RampartFindings
import RampartInventory
import RampartJSON

/// CloudTrail: an account-wide multi-region trail recording all management events, and, per
/// trail, log file validation and SSE-KMS encryption.
///
/// `describe-trails` lists a multi-region trail in every region it covers (shadow copies), so
/// trails are counted once by ARN and judged on the copy read in their home region when that
/// region was scanned.
enum CloudTrailChecks {
    static let all: [Check] = [multiRegionTrail, logFileValidation, kmsEncryption]

    /// Each trail of `regions` once, preferring the copy listed in its home region, plus the
    /// reasons of the regions whose trail list could not be read.
    static func uniqueTrails(in regions: [RegionInventory]) -> (trails: [Trail], unreadable: [(RegionInventory, String)]) {
        var order: [String] = []
        var byArn: [String: Trail] = [:]
        var unreadable: [(RegionInventory, String)] = []
        for region in regions {
            switch region.cloudTrail.trails {
            case .unknown(let reason):
                unreadable.append((region, reason))
            case .known(let trails):
                for trail in trails {
                    let arn = trail.ref.arn
                    if byArn[arn] == nil { order.append(arn) }
                    if byArn[arn] == nil || trail.homeRegion == region.scope.region { byArn[arn] = trail }
                }
            }
        }
        return (order.compactMap { byArn[$0] }, unreadable)
    }

    /// Judges every trail in the inventory once; an unreadable trail list gives one UNKNOWN for its region.
    static func eachTrail(_ ctx: CheckContext, _ judge: (Trail) -> CheckOutcome) -> [CheckOutcome] {
        let (trails, unreadable) = uniqueTrails(in: ctx.inventory.regions)
        return unreadable.map { .unknown(ctx.scopeRef($0.0.scope), $0.1) } + trails.map(judge)
    }

    // MARK: Multi-region trail

    enum TrailVerdict {
        case satisfies
        case falls(short: String)
        case unknown(String)
    }

    /// Whether `trail` alone meets CIS 3.1: multi-region, logging, and recording read and write management events.
    static func judgeCoverage(_ trail: Trail) -> TrailVerdict {
        guard trail.isMultiRegion else { return .falls(short: "\(trail.name) is a single-region trail") }
        var pending: String?
        switch trail.status {
        case .known(let status) where !status.isLogging: return .falls(short: "\(trail.name) is not logging (IsLogging=false)")
        case .known: break
        case .unknown(let reason): pending = reason
        }
        switch trail.eventSelectors {
        case .known(let selectors) where !selectors.includesManagementEvents:
            return .falls(short: "\(trail.name) records no management events")
        case .known(let selectors) where selectors.managementReadWriteType != "All":
            return .falls(short: "\(trail.name) records only \(selectors.managementReadWriteType ?? "some") management events")
        case .known: break
        case .unknown(let reason): pending = pending ?? reason
        }
        if let pending { return .unknown(pending) }
        return .satisfies
    }

    static let multiRegionTrail = Check(
        CheckMetadata(
            id: "cloudtrail.account.multi-region-trail",
            title: "A multi-region CloudTrail trail is logging all management events",
            severity: .high, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["3.1"], "cis-aws-5.0": ["3.1"], "aws-fsbp": ["CloudTrail.1"]],
            prowler: "cloudtrail_multi_region_enabled",
            risk: "Without a trail covering every region and every management call, activity in unused regions and changes to the account go unrecorded, leaving nothing to investigate an incident with.",
            remediation: "Create (or convert) a trail that applies to all regions, records read and write management events, and is logging.",
            remediationCommand:
                "aws cloudtrail create-trail --name <trail> --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <kms-key-id> && aws cloudtrail start-logging --name <trail>"),
        evaluate: { ctx in
            ctx.inventory.accounts.map { account in
                let ref = ctx.accountRef(account)
                let (trails, unreadable) = uniqueTrails(in: account.regions)
                var shortfalls: [String] = []
                var unknowns = unreadable.map { "\($0.0.scope.region): \($0.1)" }
                for trail in trails {
                    switch judgeCoverage(trail) {
                    case .satisfies:
                        return .pass(ref, "Trail \(trail.name) (home \(trail.homeRegion)) covers all regions, is logging, and records all management events.",
                                     evidence: ["trail": .string(trail.ref.arn), "isOrganizationTrail": .bool(trail.isOrganizationTrail)])
                    case .falls(let short): shortfalls.append(short)
                    case .unknown(let reason): if trail.isMultiRegion { unknowns.append("\(trail.name): \(reason)") }
                    }
                }
                if account.regions.isEmpty { unknowns.append("no region of account \(account.id) was scanned") }
                if let first = unknowns.first {
                    let more = unknowns.count > 1 ? " (and \(unknowns.count - 1) more)" : ""
                    return .unknown(ref, "No trail is known to cover all regions and management events; unread evidence: \(first)\(more).")
                }
                let evidence: JSONObject = ["trails": .strings(trails.map(\.ref.arn)), "shortfalls": .strings(shortfalls)]
                if trails.isEmpty {
                    return .fail(ref, "Account \(account.id) has no CloudTrail trail.", evidence: evidence)
                }
                return .fail(ref, "No trail covers all regions and management events: \(shortfalls.joined(separator: "; ")).", evidence: evidence)
            }
        })

    // MARK: Per-trail settings

    static let logFileValidation = Check(
        CheckMetadata(
            id: "cloudtrail.trail.log-file-validation",
            title: "CloudTrail trails have log file validation enabled",
            severity: .low, resourceType: "AWS::CloudTrail::Trail", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["3.2"], "cis-aws-5.0": ["3.2"], "aws-fsbp": ["CloudTrail.4"]],
            prowler: "cloudtrail_log_file_validation_enabled",
            risk: "Without digest files nobody can prove that delivered logs were not altered or deleted afterwards, for instance by an intruder covering their tracks.",
            remediation: "Enable log file validation so CloudTrail delivers signed hourly digests of the log files.",
            remediationCommand: "aws cloudtrail update-trail --name <trail> --enable-log-file-validation"),
        evaluate: { ctx in
            eachTrail(ctx) { trail in
                let evidence: JSONObject = ["logFileValidationEnabled": .bool(trail.logFileValidationEnabled), "homeRegion": .string(trail.homeRegion)]
                if trail.logFileValidationEnabled {
                    return .pass(trail.ref, "Trail \(trail.name) has log file validation enabled.", evidence: evidence)
                }
                return .fail(trail.ref, "Trail \(trail.name) has log file validation disabled (LogFileValidationEnabled=false).", evidence: evidence)
            }
        })

    static let kmsEncryption = Check(
        CheckMetadata(
            id: "cloudtrail.trail.kms-encryption",
            title: "CloudTrail trails encrypt their logs with a KMS key",
            severity: .medium, resourceType: "AWS::CloudTrail::Trail", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["3.5"], "cis-aws-5.0": ["3.5"], "aws-fsbp": ["CloudTrail.2"]],
            prowler: "cloudtrail_kms_encryption_enabled",
            risk: "With S3-managed encryption alone, anyone who can read the log bucket can read the logs; a KMS key adds a second, separately granted and audited permission.",
            remediation: "Configure the trail with a customer managed KMS key whose policy lets CloudTrail encrypt and only log readers decrypt.",
            remediationCommand: "aws cloudtrail update-trail --name <trail> --kms-key-id <kms-key-id>"),
        evaluate: { ctx in
            eachTrail(ctx) { trail in
                let key = trail.kmsKeyId.flatMap { $0.isEmpty ? nil : $0 }
                let evidence: JSONObject = ["kmsKeyId": .optional(key), "homeRegion": .string(trail.homeRegion)]
                if let key {
                    return .pass(trail.ref, "Trail \(trail.name) encrypts its logs with KMS key \(key).", evidence: evidence)
                }
                return .fail(trail.ref, "Trail \(trail.name) does not encrypt its logs with a KMS key (no KmsKeyId).", evidence: evidence)
            }
        })
}
