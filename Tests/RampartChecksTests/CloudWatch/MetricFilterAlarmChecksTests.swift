import RampartFindings
import Testing

@Suite struct MetricFilterAlarmChecksTests {
    static let trail = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
    static let topic = "arn:aws:sns:us-east-1:123456789012:security-alerts"
    static let rootPattern = #"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#

    func fixture(pattern: String = rootPattern, alarm: Bool = true, confirmed: Bool = true, logGroup: Bool = true) -> Fixture {
        var f = Fixture()
        let group = logGroup ? #", "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*""# : ""
        f.answer("us-east-1", "cloudtrail", "describe-trails", """
            {"trailList": [{"Name": "main", "TrailARN": "\(Self.trail)", "HomeRegion": "us-east-1", "IsMultiRegionTrail": true,
              "S3BucketName": "trail-bucket", "LogFileValidationEnabled": true\(group)}]}
            """)
        f.answer("us-east-1", "cloudtrail", "get-trail-status", resource: Self.trail, #"{"IsLogging": true}"#)
        f.answer("us-east-1", "cloudtrail", "get-event-selectors", resource: Self.trail,
                 #"{"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}]}"#)
        let escaped = pattern.replacingOccurrences(of: "\"", with: "\\\"")
        f.answer("us-east-1", "logs", "describe-metric-filters", """
            {"metricFilters": [{"filterName": "root-usage", "logGroupName": "trail-logs", "filterPattern": "\(escaped)",
              "metricTransformations": [{"metricName": "RootUsage", "metricNamespace": "CISBenchmark", "metricValue": "1"}]}]}
            """)
        let alarms = alarm ? """
            [{"AlarmName": "root-usage", "MetricName": "RootUsage", "Namespace": "CISBenchmark", "ActionsEnabled": true, "AlarmActions": ["\(Self.topic)"]}]
            """ : "[]"
        f.answer("us-east-1", "cloudwatch", "describe-alarms", #"{"MetricAlarms": \#(alarms), "CompositeAlarms": []}"#)
        let subscription = confirmed ? "\(Self.topic):0f1e" : "PendingConfirmation"
        f.answer("us-east-1", "sns", "list-subscriptions", """
            {"Subscriptions": [{"SubscriptionArn": "\(subscription)", "Owner": "123456789012", "Protocol": "email",
              "Endpoint": "secops@example.com", "TopicArn": "\(Self.topic)"}]}
            """)
        return f
    }

    static let root = "cloudwatch.account.alarm-on-root-usage"

    @Test func completeChainFromTrailToConfirmedSubscriberPasses() {
        let findings = fixture().run(Self.root)
        #expect(findings.map(\.status) == [.pass])
        #expect(findings.first?.frameworks == ["cis-aws-3.0": ["4.3"], "cis-aws-5.0": ["4.3"]])
        #expect(findings.first?.aliases["prowler"] == "cloudwatch_log_metric_filter_root_usage")
    }

    @Test func patternWithoutACISTermDoesNotCount() {
        let findings = fixture(pattern: #"{ $.userIdentity.type = "Root" }"#).run(Self.root)
        #expect(findings.map(\.status) == [.fail])
        #expect(findings.first?.message == "Nothing alarms on use of the root user: no metric filter on trail-logs matches the CIS pattern for use of the root user.")
    }

    @Test func eachBrokenLinkFails() {
        #expect(fixture(alarm: false).run(Self.root).first?.message.contains("no alarm watches the metric of filter root-usage") == true)
        #expect(fixture(confirmed: false).run(Self.root).first?.message.contains("has no confirmed subscriber") == true)
        #expect(fixture(logGroup: false).run(Self.root).first?.message.contains("main delivers to no CloudWatch Logs group") == true)
        #expect(fixture().run("cloudwatch.account.alarm-on-vpc-changes").map(\.status) == [.fail])
    }

    @Test func unreadableFiltersOrSubscriptionsAreUnknown() {
        var f = fixture()
        f.fail("us-east-1", "logs", "describe-metric-filters", code: "AccessDeniedException")
        #expect(f.run(Self.root).map(\.status) == [.unknown])
        var g = fixture()
        g.fail("us-east-1", "sns", "list-subscriptions", code: "AuthorizationError")
        #expect(g.run(Self.root).map(\.status) == [.unknown])
        #expect(Fixture().run("cloudwatch.account.alarm-on-unauthorized-api-calls").map(\.status) == [.unknown])
    }
}
