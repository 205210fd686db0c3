import RampartFindings
import RampartInventory
import RampartJSON

/// Security Hub: enabled in every region, so control findings are gathered in one place.
enum SecurityHubChecks {
    static let all: [Check] = [hubEnabled]

    static let hubEnabled = Check(
        CheckMetadata(
            id: "securityhub.region.hub-enabled",
            title: "Security Hub is enabled in every region",
            severity: .medium, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["4.16"], "cis-aws-5.0": ["4.16"]],
            prowler: "securityhub_enabled",
            risk: "Without Security Hub, findings from GuardDuty, Inspector, Config and the security standards are not collected or checked continuously in the region.",
            remediation: "Enable Security Hub in the region with its default standards.",
            remediationCommand: "aws securityhub enable-security-hub --enable-default-standards --region <region>"),
        evaluate: { ctx in
            ctx.perRegion(\.securityHub.hub, resource: { ctx.regionRef($0, service: "securityhub") }) { hub, ref, region in
                guard let hub else {
                    return .fail(ref, "Security Hub is not enabled in \(region.scope.region).")
                }
                let evidence: JSONObject = ["hubArn": .string(hub.arn), "subscribedAt": .optional(hub.subscribedAt)]
                return .pass(ref, "Security Hub is enabled in \(region.scope.region).", evidence: evidence)
            }
        })
}
