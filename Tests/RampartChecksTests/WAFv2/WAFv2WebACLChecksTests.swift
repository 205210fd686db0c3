import RampartFindings
import Testing

@Suite struct WAFv2WebACLChecksTests {
    static func arn(_ scope: String, _ name: String) -> String {
        scope == "global" ? "arn:aws:wafv2:us-east-1:123456789012:global/webacl/\(name)/id-\(name)"
            : "arn:aws:wafv2:\(scope):123456789012:regional/webacl/\(name)/id-\(name)"
    }

    /// `aws wafv2 get-web-acl` for a web ACL with these rules (name, metrics on).
    static func webACL(_ name: String, arn: String, rules: [(String, Bool)], metrics: Bool = true) -> String {
        let items = rules.enumerated().map { i, r in
            #"{"Name": "\#(r.0)", "Priority": \#(i), "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}}, "OverrideAction": {"None": {}}, "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": \#(r.1), "MetricName": "\#(r.0)"}}"#
        }
        return #"{"WebACL": {"Name": "\#(name)", "Id": "id-\#(name)", "ARN": "\#(arn)", "DefaultAction": {"Allow": {}}, "Description": "", "Rules": [\#(items.joined(separator: ", "))], "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": \#(metrics), "MetricName": "\#(name)"}, "Capacity": 700, "ManagedByFirewallManager": false, "LabelNamespace": "awswaf:123456789012:webacl:\#(name):"}, "LockToken": "t"}"#
    }

    static func listing(_ scope: String, _ names: [String]) -> String {
        let items = names.map { #"{"Name": "\#($0)", "Id": "id-\#($0)", "Description": "", "LockToken": "t", "ARN": "\#(arn(scope, $0))"}"# }
        return #"{"NextMarker": "x", "WebACLs": [\#(items.joined(separator: ", "))]}"#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("global", "wafv2", "list-web-acls", Self.listing("global", ["edge"]))
        f.answer("global", "wafv2", "get-web-acl", resource: Self.arn("global", "edge"), Self.webACL("edge", arn: Self.arn("global", "edge"), rules: [("common", true)]))
        f.answer("global", "wafv2", "get-logging-configuration", resource: Self.arn("global", "edge"),
                 #"{"LoggingConfiguration": {"ResourceArn": "\#(Self.arn("global", "edge"))", "LogDestinationConfigs": ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-edge"]}}"#)
        f.answer("us-east-1", "wafv2", "list-web-acls", Self.listing("us-east-1", ["empty", "quiet", "hidden"]))
        f.answer("us-east-1", "wafv2", "get-web-acl", resource: Self.arn("us-east-1", "empty"), Self.webACL("empty", arn: Self.arn("us-east-1", "empty"), rules: []))
        f.fail("us-east-1", "wafv2", "get-logging-configuration", resource: Self.arn("us-east-1", "empty"), code: "WAFNonexistentItemException")
        f.answer("us-east-1", "wafv2", "get-web-acl", resource: Self.arn("us-east-1", "quiet"),
                 Self.webACL("quiet", arn: Self.arn("us-east-1", "quiet"), rules: [("loud", true), ("silent", false)]))
        f.fail("us-east-1", "wafv2", "get-logging-configuration", resource: Self.arn("us-east-1", "quiet"), code: "AccessDeniedException")
        f.fail("us-east-1", "wafv2", "get-web-acl", resource: Self.arn("us-east-1", "hidden"), code: "AccessDeniedException")
        return f
    }

    @Test func webACLsWithoutRulesFail() {
        #expect(fixture.status("wafv2.web-acl.has-rules", on: "/id-edge") == .pass)
        #expect(fixture.status("wafv2.web-acl.has-rules", on: "/id-quiet") == .pass)
        let empty = fixture.run("wafv2.web-acl.has-rules").first { $0.resource.arn.hasSuffix("/id-empty") }
        #expect(empty?.status == .fail)
        #expect(empty?.message == "Web ACL empty (REGIONAL) has no rules; every request gets its default action (Allow).")
        #expect(fixture.status("wafv2.web-acl.has-rules", on: "/id-hidden") == .unknown)
    }

    @Test func loggingIsReadForBothScopesAndNotFoundMeansOff() {
        let edge = fixture.run("wafv2.web-acl.logging").first { $0.resource.arn.hasSuffix("/id-edge") }
        #expect(edge?.status == .pass)
        #expect(edge?.resource.region == "global")
        #expect(fixture.status("wafv2.web-acl.logging", on: "/id-empty") == .fail)
        #expect(fixture.status("wafv2.web-acl.logging", on: "/id-quiet") == .unknown)
    }

    @Test func aRuleWithoutMetricsFails() {
        #expect(fixture.status("wafv2.web-acl.cloudwatch-metrics", on: "/id-edge") == .pass)
        let quiet = fixture.run("wafv2.web-acl.cloudwatch-metrics").first { $0.resource.arn.hasSuffix("/id-quiet") }
        #expect(quiet?.status == .fail)
        #expect(quiet?.message == "Web ACL quiet (REGIONAL) publishes no CloudWatch metrics for rule silent.")
        #expect(fixture.status("wafv2.web-acl.cloudwatch-metrics", on: "/id-hidden") == .unknown)
    }

    @Test func anUnreadCloudFrontScopeIsUnknownForTheAccount() {
        var f = fixture
        f.fail("global", "wafv2", "list-web-acls", code: "WAFInvalidParameterException")
        let findings = f.run("wafv2.web-acl.has-rules").filter { $0.resource.region == "global" }
        #expect(findings.count == 1)
        #expect(findings.first?.status == .unknown)
    }
}
