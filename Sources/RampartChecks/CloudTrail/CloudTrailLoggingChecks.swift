import RampartFindings
import RampartInventory
import RampartJSON

/// CloudTrail beyond the multi-region trail: delivery to CloudWatch Logs, access logging on the
/// trail's bucket, and S3 object-level (data event) logging for writes and reads as CIS asks.
enum CloudTrailLoggingChecks {
    static let all: [Check] = [cloudWatchLogs, bucketAccessLogging, s3ObjectWriteEvents, s3ObjectReadEvents]

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
                guard let name = trail.s3BucketName else {
                    return .unknown(trail.ref, "describe-trails gave no S3BucketName for \(trail.name).")
                }
                let account = ctx.inventory.accounts.first { $0.id == trail.ref.account }
                switch account?.s3.buckets {
                case nil: return .unknown(trail.ref, "Account \(trail.ref.account)'s buckets are not in the inventory.")
                case .unknown(let reason)?: return .unknown(trail.ref, reason)
                case .known(let buckets)?:
                    guard let bucket = buckets.first(where: { $0.name == name }) else {
                        return .manual(trail.ref, "\(trail.name) writes to \(name), which is not in this account; confirm server access logging in the bucket's account.")
                    }
                    switch bucket.logging {
                    case .unknown(let reason): return .unknown(trail.ref, reason)
                    case .known(let logging):
                        let evidence: JSONObject = ["trail": .string(trail.name), "bucket": .string(name), "targetBucket": .optional(logging?.targetBucket)]
                        if let logging { return .pass(trail.ref, "\(trail.name)'s bucket \(name) logs access to \(logging.targetBucket).", evidence: evidence) }
                        return .fail(trail.ref, "\(trail.name)'s bucket \(name) has server access logging off.", evidence: evidence)
                    }
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
