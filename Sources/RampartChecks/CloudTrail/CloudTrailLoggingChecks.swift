import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// CloudTrail beyond the multi-region trail: delivery to CloudWatch Logs, access logging on the
/// trail's bucket, and S3 object-level (data event) logging for writes and reads as CIS asks.
enum CloudTrailLoggingChecks {
    static let all: [Check] = [trailLogging, cloudWatchLogs, bucketAccessLogging, bucketNotPublic, s3ObjectWriteEvents, s3ObjectReadEvents]

    static let trailLogging = Check(
        CheckMetadata(
            id: "cloudtrail.account.trail-logging",
            title: "At least one CloudTrail trail is logging",
            severity: .high, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudTrail.3"]], prowler: nil,
            risk: "With no trail logging, API activity is kept only in the 90-day event history and never delivered anywhere.",
            remediation: "Create a trail (multi-region, see cloudtrail.account.multi-region-trail) and start logging.",
            remediationCommand: "aws cloudtrail create-trail --name <trail> --s3-bucket-name <bucket> --is-multi-region-trail && aws cloudtrail start-logging --name <trail>"),
        evaluate: { ctx in
            ctx.inventory.accounts.map { account in
                let ref = ctx.accountRef(account)
                let (trails, unreadable) = CloudTrailChecks.uniqueTrails(in: account.regions)
                var pending = unreadable.map(\.1)
                for trail in trails {
                    switch trail.status {
                    case .known(let status) where status.isLogging:
                        return .pass(ref, "\(trail.name) is logging.", evidence: ["trail": .string(trail.name)])
                    case .known: continue
                    case .unknown(let reason): pending.append(reason)
                    }
                }
                if let reason = pending.first { return .unknown(ref, "No trail is known to be logging, and \(reason)") }
                let names = trails.map(\.name)
                return .fail(ref, names.isEmpty ? "Account \(account.id) has no CloudTrail trail." : "No trail of account \(account.id) is logging (\(names.joined(separator: ", "))).",
                             evidence: ["trails": .strings(names)])
            }
        })

    /// The trail's bucket in the trail's account, or the outcome that stands in for it.
    static func trailBucket(_ trail: Trail, _ ctx: CheckContext) -> Result<(S3Bucket, AccountInventory), OutcomeBox> {
        guard let name = trail.s3BucketName else {
            return .failure(OutcomeBox(.unknown(trail.ref, "describe-trails gave no S3BucketName for \(trail.name).")))
        }
        guard let account = ctx.inventory.accounts.first(where: { $0.id == trail.ref.account }) else {
            return .failure(OutcomeBox(.unknown(trail.ref, "Account \(trail.ref.account)'s buckets are not in the inventory.")))
        }
        switch account.s3.buckets {
        case .unknown(let reason): return .failure(OutcomeBox(.unknown(trail.ref, reason)))
        case .known(let buckets):
            guard let bucket = buckets.first(where: { $0.name == name }) else {
                return .failure(OutcomeBox(.manual(
                    trail.ref, "\(trail.name) writes to \(name), which is not in this account; check the bucket in its own account.")))
            }
            return .success((bucket, account))
        }
    }

    /// Carries an outcome through `Result`'s error side.
    struct OutcomeBox: Error {
        let outcome: CheckOutcome
        init(_ outcome: CheckOutcome) { self.outcome = outcome }
    }

    static let cloudWatchLogs = Check(
        CheckMetadata(
            id: "cloudtrail.trail.cloudwatch-logs",
            title: "CloudTrail trails deliver to CloudWatch Logs",
            severity: .medium, resourceType: "AWS::CloudTrail::Trail", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudTrail.5"]], prowler: "cloudtrail_cloudwatch_logging_enabled",
            risk: "Without CloudWatch Logs delivery there are no metric filters or alarms on API activity: misuse is found only by reading S3 objects later.",
            remediation: "Send the trail to a CloudWatch Logs log group with a role CloudTrail can assume.",
            remediationCommand:
                "aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>"),
        evaluate: { ctx in
            CloudTrailChecks.eachTrail(ctx) { trail in
                let evidence: JSONObject = ["trail": .string(trail.name), "cloudWatchLogsLogGroupArn": .optional(trail.cloudWatchLogsLogGroupArn)]
                if let group = trail.cloudWatchLogsLogGroupArn {
                    return .pass(trail.ref, "\(trail.name) delivers to \(group).", evidence: evidence)
                }
                return .fail(trail.ref, "\(trail.name) does not deliver to CloudWatch Logs.", evidence: evidence)
            }
        })

    static let bucketAccessLogging = Check(
        CheckMetadata(
            id: "cloudtrail.trail.bucket-access-logging",
            title: "The S3 bucket CloudTrail writes to has server access logging enabled",
            severity: .medium, resourceType: "AWS::CloudTrail::Trail", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["3.4"], "cis-aws-5.0": ["3.4"], "aws-fsbp": ["CloudTrail.7"]],
            prowler: "cloudtrail_logs_s3_bucket_access_logging_enabled",
            risk: "Without access logs on the trail's bucket, someone reading or deleting the audit logs leaves no trace.",
            remediation: "Enable server access logging on the trail's bucket, to a different bucket.",
            remediationCommand:
                "aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<log-bucket>\",\"TargetPrefix\":\"<prefix>\"}}'"),
        evaluate: { ctx in
            CloudTrailChecks.eachTrail(ctx) { trail in
                switch trailBucket(trail, ctx) {
                case .failure(let box): return box.outcome
                case .success(let (bucket, _)):
                    switch bucket.logging {
                    case .unknown(let reason): return .unknown(trail.ref, reason)
                    case .known(let logging):
                        let evidence: JSONObject = ["trail": .string(trail.name), "bucket": .string(bucket.name), "targetBucket": .optional(logging?.targetBucket)]
                        if let logging { return .pass(trail.ref, "\(trail.name)'s bucket \(bucket.name) logs access to \(logging.targetBucket).", evidence: evidence) }
                        return .fail(trail.ref, "\(trail.name)'s bucket \(bucket.name) has server access logging off.", evidence: evidence)
                    }
                }
            }
        })

    static let bucketNotPublic = Check(
        CheckMetadata(
            id: "cloudtrail.trail.bucket-not-public",
            title: "The S3 bucket CloudTrail writes to is not public",
            severity: .critical, resourceType: "AWS::CloudTrail::Trail", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudTrail.6"]], prowler: "cloudtrail_logs_s3_bucket_is_not_publicly_accessible",
            risk: "Public audit logs tell an attacker what the account does and which activity is watched.",
            remediation: "Remove public ACL grants and public policy statements from the trail's bucket, and turn on Block Public Access.",
            remediationCommand:
                "aws s3api put-public-access-block --bucket <trail-bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"),
        evaluate: { ctx in
            CloudTrailChecks.eachTrail(ctx) { trail in
                switch trailBucket(trail, ctx) {
                case .failure(let box): return box.outcome
                case .success(let (bucket, account)):
                    guard case .known(let grants) = bucket.acl else { return .unknown(trail.ref, bucket.acl.unknownReason ?? "ACL unknown") }
                    guard case .known(let text) = bucket.resourcePolicy else { return .unknown(trail.ref, bucket.policy.unknownReason ?? "policy unknown") }
                    var open: [String] = []
                    var undecided: [String] = []
                    let publicGrants = grants.filter(\.isPublic)
                    if !publicGrants.isEmpty {
                        switch PublicAccessChecks.neutralisation(of: bucket, in: account, setting: \.ignorePublicAcls, name: "IgnorePublicAcls") {
                        case .neutralised: break
                        case .unknown(let reason): undecided.append(reason)
                        case .inForce: open.append("its ACL grants \(publicGrants.map(\.permission).joined(separator: ", ")) to everyone")
                        }
                    }
                    // The one external-access analysis (RampartAccess) decides what is public.
                    var statements: [String] = []
                    switch text.map({ ExternalAccessChecks.publicGrants(of: $0, bucket.ref) }) ?? .known([]) {
                    case .unknown(let reason): undecided.append("its policy could not be read: \(reason)")
                    case .known(let grants):
                        for label in grants.flatMap(\.statements).map(ExternalAccessChecks.legacyLabel) where !statements.contains(label) {
                            statements.append(label)
                        }
                    }
                    if !statements.isEmpty {
                        switch PublicAccessChecks.neutralisation(of: bucket, in: account, setting: \.restrictPublicBuckets, name: "RestrictPublicBuckets") {
                        case .neutralised: break
                        case .unknown(let reason): undecided.append(reason)
                        case .inForce: open.append("its policy allows everyone (\(statements.joined(separator: ", ")))")
                        }
                    }
                    let evidence: JSONObject = ["trail": .string(trail.name), "bucket": .string(bucket.name)]
                    if !open.isEmpty {
                        return .fail(trail.ref, "\(trail.name)'s bucket \(bucket.name) is public: \(open.joined(separator: "; ")).", evidence: evidence)
                    }
                    if let reason = undecided.first { return .unknown(trail.ref, "Whether \(trail.name)'s bucket \(bucket.name) is public is unknown: \(reason)") }
                    return .pass(trail.ref, "\(trail.name)'s bucket \(bucket.name) is not public.", evidence: evidence)
                }
            }
        })

    /// CIS 3.8 and 3.9: some logging multi-region trail records S3 object data events of the given kind.
    static func objectEventsCheck(write: Bool) -> Check {
        let kind = write ? "write" : "read"
        let wanted: Set<String> = write ? ["All", "WriteOnly"] : ["All", "ReadOnly"]
        return Check(
            CheckMetadata(
                id: "cloudtrail.account.s3-object-\(kind)-events",
                title: "Object-level logging of S3 \(kind) events is enabled",
                severity: .medium, resourceType: "AWS::::Account", serviceModel: .managed,
                frameworks: ["cis-aws-3.0": [write ? "3.8" : "3.9"], "cis-aws-5.0": [write ? "3.8" : "3.9"]],
                prowler: "cloudtrail_s3_dataevents_\(kind)_enabled",
                risk: "Without S3 data events, who \(write ? "changed or deleted" : "read") which object cannot be told after an incident.",
                remediation: "Add an event selector recording \(kind) data events for all S3 objects to a multi-region trail.",
                remediationCommand:
                    "aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors '[{\"ReadWriteType\":\"\(write ? "WriteOnly" : "ReadOnly")\",\"IncludeManagementEvents\":true,\"DataResources\":[{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3\"]}]}]'"),
            evaluate: { ctx in
                ctx.inventory.accounts.map { account in
                    let ref = ctx.accountRef(account)
                    let (trails, unreadable) = CloudTrailChecks.uniqueTrails(in: account.regions)
                    var pending: [String] = unreadable.map(\.1)
                    for trail in trails where trail.isMultiRegion {
                        switch (trail.status, trail.eventSelectors) {
                        case (.known(let status), .known(let selectors)):
                            if status.isLogging, let type = selectors.s3ObjectReadWriteType, wanted.contains(type) {
                                return .pass(ref, "\(trail.name) records S3 object \(kind) events (ReadWriteType=\(type)).",
                                             evidence: ["trail": .string(trail.name), "readWriteType": .string(type)])
                            }
                        case (.unknown(let reason), _), (_, .unknown(let reason)):
                            pending.append(reason)
                        }
                    }
                    if let reason = pending.first { return .unknown(ref, "No trail is known to record S3 object \(kind) events, and \(reason)") }
                    return .fail(ref, "No logging multi-region trail of account \(account.id) records S3 object \(kind) events.",
                                 evidence: ["trails": .strings(trails.map(\.name))])
                }
            })
    }

    static let s3ObjectWriteEvents = objectEventsCheck(write: true)
    static let s3ObjectReadEvents = objectEventsCheck(write: false)
}
