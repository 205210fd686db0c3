import RampartFindings
import RampartInventory
import RampartJSON

/// EMR Block Public Access, a per-region account setting that stops clusters from launching
/// with security groups open to the internet on any port outside the permitted ranges.
enum EMRBlockPublicAccessChecks {
    static let all: [Check] = [blockPublicAccess]

    /// The only port EMR.2 accepts as an exception: SSH, the one AWS permits by default.
    static let acceptedPort = 22

    static func describe(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }

    static let blockPublicAccess = Check(
        CheckMetadata(
            id: "emr.account.block-public-access",
            title: "EMR Block Public Access is enabled in every region, with no port but 22 excepted",
            severity: .critical, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EMR.2"]],
            prowler: "emr_cluster_account_public_block_enabled",
            risk: "Without the block, or with extra ports excepted from it, a cluster can start with a security group that opens its nodes to the whole internet.",
            remediation: "Enable Block Public Access in each region and remove every permitted port range other than port 22.",
            remediationCommand:
                "aws emr put-block-public-access-configuration --region <region> --block-public-access-configuration 'BlockPublicSecurityGroupRules=true,PermittedPublicSecurityGroupRuleRanges=[{MinRange=22,MaxRange=22}]'"),
        evaluate: { ctx in
            ctx.perRegion(\.emr.blockPublicAccess, resource: { ctx.regionRef($0, service: "elasticmapreduce") }) { bpa, ref, region in
                let name = region.scope.region
                let extra = bpa.permittedPortRanges.filter { $0 != acceptedPort...acceptedPort }
                let evidence: JSONObject = [
                    "blockPublicSecurityGroupRules": .bool(bpa.blockPublicSecurityGroupRules),
                    "permittedPortRanges": .strings(bpa.permittedPortRanges.map(describe)),
                ]
                guard bpa.blockPublicSecurityGroupRules else {
                    return .fail(ref, "EMR Block Public Access is disabled in \(name) (BlockPublicSecurityGroupRules=false).", evidence: evidence)
                }
                if extra.isEmpty {
                    return .pass(ref, "EMR Block Public Access is enabled in \(name), excepting at most port 22.", evidence: evidence)
                }
                let list = extra.map(describe).joined(separator: ", ")
                return .fail(ref, "EMR Block Public Access in \(name) still lets clusters open port(s) \(list) to the internet.", evidence: evidence)
            }
        })
}
