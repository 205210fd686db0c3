import RampartFindings
import RampartInventory
import RampartJSON

/// WAFv2 web ACLs of both scopes (each region's `REGIONAL` ones and the account's `CLOUDFRONT`
/// ones): rules, logging and CloudWatch metrics.
enum WAFv2WebACLChecks {
    static let all: [Check] = [hasRules, logging, metrics]

    /// Judges every web ACL, the account's CloudFront ones first, then each region's.
    static func eachWebACL(_ ctx: CheckContext, _ judge: (WAFv2WebACL) -> CheckOutcome?) -> [CheckOutcome] {
        ctx.eachGlobal(\.wafv2CloudFront.webACLs) { acl, _ in judge(acl) } + ctx.eachRegional(\.wafv2.webACLs) { acl, _ in judge(acl) }
    }

    static func label(_ acl: WAFv2WebACL) -> String { "Web ACL \(acl.name) (\(acl.scope))" }

    static let hasRules = Check(
        CheckMetadata(
            id: "wafv2.web-acl.has-rules",
            title: "AWS WAF web ACLs have at least one rule or rule group",
            severity: .medium, resourceType: "AWS::WAFv2::WebACL", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["WAF.10"]],
            prowler: "wafv2_webacl_with_rules",
            risk: "A web ACL without rules applies only its default action: traffic passes uninspected while the resource appears protected.",
            remediation: "Add rules or managed rule groups (for example AWSManagedRulesCommonRuleSet) to the web ACL.",
            remediationCommand: "aws wafv2 update-web-acl --name <name> --scope <REGIONAL|CLOUDFRONT> --id <id> --lock-token <token> --default-action Allow={} --rules file://<rules>.json --visibility-config file://<visibility>.json"),
        evaluate: { ctx in
            eachWebACL(ctx) { acl in
                acl.detail.judged(acl.ref) { d in
                    let evidence: JSONObject = ["webACL": .string(acl.name), "scope": .string(acl.scope), "rules": .strings(d.rules.map(\.name)), "defaultAction": .optional(d.defaultAction)]
                    if d.rules.isEmpty {
                        return .fail(acl.ref, "\(label(acl)) has no rules; every request gets its default action (\(d.defaultAction ?? "unknown")).", evidence: evidence)
                    }
                    return .pass(acl.ref, "\(label(acl)) has \(d.rules.count) rule(s).", evidence: evidence)
                }
            }
        })

    static let logging = Check(
        CheckMetadata(
            id: "wafv2.web-acl.logging",
            title: "AWS WAF web ACLs log the requests they inspect",
            severity: .medium, resourceType: "AWS::WAFv2::WebACL", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["WAF.11"]],
            prowler: "wafv2_webacl_logging_enabled",
            risk: "Without logs nobody can see which requests the firewall blocked or let through, or tune rules after an attack.",
            remediation: "Send the web ACL's logs to a CloudWatch Logs group, S3 bucket or Firehose stream whose name starts with aws-waf-logs-.",
            remediationCommand: "aws wafv2 put-logging-configuration --logging-configuration ResourceArn=<web-acl-arn>,LogDestinationConfigs=<destination-arn>"),
        evaluate: { ctx in
            eachWebACL(ctx) { acl in
                acl.logging.judged(acl.ref) { config in
                    let evidence: JSONObject = ["webACL": .string(acl.name), "scope": .string(acl.scope), "destinations": .strings(config?.destinations ?? [])]
                    guard let config, !config.destinations.isEmpty else {
                        return .fail(acl.ref, "\(label(acl)) has no logging configuration.", evidence: evidence)
                    }
                    return .pass(acl.ref, "\(label(acl)) logs to \(config.destinations.joined(separator: ", ")).", evidence: evidence)
                }
            }
        })

    static let metrics = Check(
        CheckMetadata(
            id: "wafv2.web-acl.cloudwatch-metrics",
            title: "AWS WAF web ACLs and their rules publish CloudWatch metrics",
            severity: .low, resourceType: "AWS::WAFv2::WebACL", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["WAF.12"]],
            prowler: "wafv2_webacl_rule_logging_enabled",
            risk: "Without metrics a spike of blocked or allowed requests raises no alarm and the rules' effect cannot be measured.",
            remediation: "Set VisibilityConfig.CloudWatchMetricsEnabled to true on the web ACL and on each rule.",
            remediationCommand: "aws wafv2 update-web-acl --name <name> --scope <REGIONAL|CLOUDFRONT> --id <id> --lock-token <token> --default-action Allow={} --rules file://<rules-with-metrics>.json --visibility-config SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=<name>"),
        evaluate: { ctx in
            eachWebACL(ctx) { acl in
                acl.detail.judged(acl.ref) { d in
                    if d.cloudWatchMetricsEnabled == nil || d.rules.contains(where: { $0.cloudWatchMetricsEnabled == nil }) {
                        return .unknown(acl.ref, "get-web-acl for \(acl.name) returned a VisibilityConfig without CloudWatchMetricsEnabled.")
                    }
                    var silent = d.rules.filter { $0.cloudWatchMetricsEnabled == false }.map { "rule \($0.name)" }
                    if d.cloudWatchMetricsEnabled == false { silent.insert("the web ACL itself", at: 0) }
                    let evidence: JSONObject = ["webACL": .string(acl.name), "scope": .string(acl.scope), "withoutMetrics": .strings(silent)]
                    if silent.isEmpty { return .pass(acl.ref, "\(label(acl)) and its rules publish CloudWatch metrics.", evidence: evidence) }
                    return .fail(acl.ref, "\(label(acl)) publishes no CloudWatch metrics for \(silent.joined(separator: ", ")).", evidence: evidence)
                }
            }
        })
}
