import RampartFindings
import RampartInventory
import RampartJSON

/// CIS section 4: for each kind of sensitive API activity, a metric filter on the CloudWatch
/// Logs group of a multi-region trail that logs all management events, an alarm on the
/// filter's metric, and an SNS topic on the alarm with at least one confirmed subscriber.
///
/// A filter counts when its pattern, with white space and quotes ignored, contains every term
/// of the pattern CIS gives (extra terms that narrow nothing, like more event names, are fine).
enum MetricFilterAlarmChecks {
    struct Activity {
        var cis: String
        var slug: String
        var what: String
        var prowler: String
        var terms: [String]
    }

    static func events(_ names: [String], source: String? = nil) -> [String] {
        (source.map { ["$.eventSource=\($0)"] } ?? []) + names.map { "$.eventName=\($0)" }
    }

    static let activities: [Activity] = [
        Activity(cis: "4.1", slug: "unauthorized-api-calls", what: "unauthorized API calls", prowler: "cloudwatch_log_metric_filter_unauthorized_api_calls",
                 terms: ["$.errorCode=*UnauthorizedOperation", "$.errorCode=AccessDenied*"]),
        Activity(cis: "4.2", slug: "console-sign-in-without-mfa", what: "console sign-in without MFA",
                 prowler: "cloudwatch_log_metric_filter_sign_in_without_mfa",
                 terms: ["$.eventName=ConsoleLogin", "$.additionalEventData.MFAUsed!=Yes"]),
        Activity(cis: "4.3", slug: "root-usage", what: "use of the root user", prowler: "cloudwatch_log_metric_filter_root_usage",
                 terms: ["$.userIdentity.type=Root", "$.userIdentity.invokedByNOTEXISTS", "$.eventType!=AwsServiceEvent"]),
        Activity(cis: "4.4", slug: "iam-policy-changes", what: "IAM policy changes", prowler: "cloudwatch_log_metric_filter_policy_changes",
                 terms: events(["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
                                "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
                                "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"])),
        Activity(cis: "4.5", slug: "cloudtrail-changes", what: "CloudTrail configuration changes",
                 prowler: "cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled",
                 terms: events(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])),
        Activity(cis: "4.6", slug: "console-authentication-failures", what: "console authentication failures",
                 prowler: "cloudwatch_log_metric_filter_authentication_failures",
                 terms: ["$.eventName=ConsoleLogin", "$.errorMessage=Failedauthentication"]),
        Activity(cis: "4.7", slug: "kms-key-disable-or-deletion", what: "disabling or scheduled deletion of customer managed keys",
                 prowler: "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk",
                 terms: events(["DisableKey", "ScheduleKeyDeletion"], source: "kms.amazonaws.com")),
        Activity(cis: "4.8", slug: "s3-bucket-policy-changes", what: "S3 bucket policy changes",
                 prowler: "cloudwatch_log_metric_filter_for_s3_bucket_policy_changes",
                 terms: events(["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
                                "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"], source: "s3.amazonaws.com")),
        Activity(cis: "4.9", slug: "config-changes", what: "AWS Config configuration changes",
                 prowler: "cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled",
                 terms: events(["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"],
                               source: "config.amazonaws.com")),
        Activity(cis: "4.10", slug: "security-group-changes", what: "security group changes",
                 prowler: "cloudwatch_log_metric_filter_security_group_changes",
                 terms: events(["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
                                "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"])),
        Activity(cis: "4.11", slug: "network-acl-changes", what: "network ACL changes", prowler: "cloudwatch_changes_to_network_acls_alarm_configured",
                 terms: events(["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry",
                                "ReplaceNetworkAclAssociation"])),
        Activity(cis: "4.12", slug: "network-gateway-changes", what: "network gateway changes",
                 prowler: "cloudwatch_changes_to_network_gateways_alarm_configured",
                 terms: events(["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
                                "DeleteInternetGateway", "DetachInternetGateway"])),
        Activity(cis: "4.13", slug: "route-table-changes", what: "route table changes",
                 prowler: "cloudwatch_changes_to_network_route_tables_alarm_configured",
                 terms: events(["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute",
                                "DisassociateRouteTable"], source: "ec2.amazonaws.com")),
        Activity(cis: "4.14", slug: "vpc-changes", what: "VPC changes", prowler: "cloudwatch_changes_to_vpcs_alarm_configured",
                 terms: events(["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection",
                                "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
                                "DisableVpcClassicLink", "EnableVpcClassicLink"])),
        Activity(cis: "4.15", slug: "organizations-changes", what: "AWS Organizations changes",
                 prowler: "cloudwatch_log_metric_filter_aws_organizations_changes",
                 terms: events(["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake",
                                "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType",
                                "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
                                "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"], source: "organizations.amazonaws.com")),
    ]

    static let all: [Check] = activities.map(check)

    /// A filter pattern without white space or quotes, so `$.eventName = "X"` and `$.eventName=X` compare equal.
    static func normalized(_ pattern: String) -> String {
        String(pattern.filter { !$0.isWhitespace && $0 != "\"" })
    }

    static func matches(_ pattern: String, _ activity: Activity) -> Bool {
        let text = normalized(pattern)
        return activity.terms.allSatisfy { text.contains(normalized($0)) }
    }

    /// `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*` → (REGION, NAME).
    static func logGroup(_ arn: String) -> (region: String, name: String)? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 7, parts[2] == "logs", parts[5] == "log-group" else { return nil }
        return (parts[3], parts[6])
    }

    enum Link {
        case complete(String)
        case broken(String)
        case unknown(String)
    }

    /// Follows trail → log group → metric filter → alarm → SNS topic → confirmed subscriber.
    static func follow(_ activity: Activity, account: AccountInventory) -> Link {
        let (trails, unreadable) = CloudTrailChecks.uniqueTrails(in: account.regions)
        var broken: [String] = []
        var unknown: [String] = unreadable.map(\.1)
        for trail in trails {
            switch CloudTrailChecks.judgeCoverage(trail) {
            case .falls(let why): broken.append(why); continue
            case .unknown(let why): unknown.append(why); continue
            case .satisfies: break
            }
            guard let arn = trail.cloudWatchLogsLogGroupArn, let group = logGroup(arn) else {
                broken.append("\(trail.name) delivers to no CloudWatch Logs group")
                continue
            }
            guard let region = account.regions.first(where: { $0.scope.region == group.region }) else {
                unknown.append("\(trail.name)'s log group is in \(group.region), which was not scanned")
                continue
            }
            guard case .known(let filters) = region.monitoring.metricFilters else {
                unknown.append(region.monitoring.metricFilters.unknownReason ?? "metric filters unknown")
                continue
            }
            let matching = filters.filter { $0.logGroupName == group.name && matches($0.pattern, activity) }
            guard !matching.isEmpty else {
                broken.append("no metric filter on \(group.name) matches the CIS pattern for \(activity.what)")
                continue
            }
            guard case .known(let alarms) = region.monitoring.alarms else {
                unknown.append(region.monitoring.alarms.unknownReason ?? "alarms unknown")
                continue
            }
            let metrics = Set(matching.flatMap(\.metrics))
            let watching = alarms.filter { $0.metric.map(metrics.contains) ?? false }
            guard !watching.isEmpty else {
                broken.append("no alarm watches the metric of filter \(matching.map(\.name).joined(separator: ", "))")
                continue
            }
            let topics = Set(watching.filter(\.actionsEnabled).flatMap(\.alarmActions).filter { $0.hasPrefix("arn:") && $0.contains(":sns:") })
            guard !topics.isEmpty else {
                broken.append("alarm \(watching.map(\.name).joined(separator: ", ")) notifies no SNS topic")
                continue
            }
            var topicUnknown = false
            for topic in topics.sorted() {
                let topicRegion = topic.split(separator: ":").dropFirst(3).first.map(String.init) ?? group.region
                guard let home = account.regions.first(where: { $0.scope.region == topicRegion }),
                    case .known(let subscriptions) = home.monitoring.subscriptions
                else {
                    topicUnknown = true
                    continue
                }
                if subscriptions.contains(where: { $0.topicArn == topic && $0.confirmed }) {
                    return .complete(
                        "\(trail.name) → \(group.name) → filter \(matching.map(\.name).joined(separator: ", ")) → alarm \(watching.map(\.name).joined(separator: ", ")) → \(topic), which has a confirmed subscriber")
                }
            }
            if topicUnknown { unknown.append("the subscriptions of \(topics.sorted().joined(separator: ", ")) could not be read") }
            else { broken.append("SNS topic \(topics.sorted().joined(separator: ", ")) has no confirmed subscriber") }
        }
        if !unknown.isEmpty { return .unknown(unknown.joined(separator: "; ")) }
        if trails.isEmpty { return .broken("the account has no trail") }
        return .broken(broken.joined(separator: "; "))
    }

    static func check(_ activity: Activity) -> Check {
        Check(
            CheckMetadata(
                id: "cloudwatch.account.alarm-on-\(activity.slug)",
                title: "A metric filter and alarm notify on \(activity.what)",
                severity: .medium, resourceType: "AWS::::Account", serviceModel: .managed,
                frameworks: ["cis-aws-3.0": [activity.cis], "cis-aws-5.0": [activity.cis]], prowler: activity.prowler,
                risk: "Without an alarm on \(activity.what), the activity is recorded but nobody is told until someone reads the logs.",
                remediation: "Create a metric filter with the CIS pattern on the trail's log group, an alarm on its metric, and an SNS topic with a subscriber.",
                remediationCommand:
                    "aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name <name> --metric-transformations metricName=<metric>,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '<CIS \(activity.cis) pattern>' && aws cloudwatch put-metric-alarm --alarm-name <name> --metric-name <metric> --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>"),
            evaluate: { ctx in
                ctx.inventory.accounts.map { account in
                    let ref = ctx.accountRef(account)
                    switch follow(activity, account: account) {
                    case .complete(let chain): return .pass(ref, "Alarmed on \(activity.what): \(chain).", evidence: ["chain": .string(chain)])
                    case .broken(let why): return .fail(ref, "Nothing alarms on \(activity.what): \(why).", evidence: ["reasons": .string(why)])
                    case .unknown(let why): return .unknown(ref, "Whether \(activity.what) raise an alarm is unknown: \(why).")
                    }
                }
            })
    }
}
