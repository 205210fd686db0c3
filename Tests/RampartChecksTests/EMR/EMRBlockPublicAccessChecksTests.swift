import RampartFindings
import Testing

@Suite struct EMRBlockPublicAccessChecksTests {
    static let checkId = "emr.account.block-public-access"

    /// Shaped as `aws emr get-block-public-access-configuration` prints it.
    static func configuration(block: Bool, ranges: [(Int, Int)]) -> String {
        let list = ranges.map { #"{"MinRange": \#($0.0), "MaxRange": \#($0.1)}"# }.joined(separator: ", ")
        return """
            {"BlockPublicAccessConfiguration": {"BlockPublicSecurityGroupRules": \(block),
               "PermittedPublicSecurityGroupRuleRanges": [\(list)]},
             "BlockPublicAccessConfigurationMetadata": {"CreationDateTime": "2026-01-01T00:00:00Z", "CreatedByArn": "arn:aws:iam::123456789012:root"}}
            """
    }

    func verdict(block: Bool, ranges: [(Int, Int)]) -> [Finding] {
        var f = Fixture()
        f.answer("us-east-1", "emr", "get-block-public-access-configuration", Self.configuration(block: block, ranges: ranges))
        return f.run(Self.checkId)
    }

    @Test func blockEnabledWithOnlySSHExceptedPasses() {
        let findings = verdict(block: true, ranges: [(22, 22)])
        #expect(findings.map(\.status) == [.pass])
        #expect(findings.first?.resource.region == "us-east-1")
    }

    @Test func blockDisabledFails() {
        let findings = verdict(block: false, ranges: [(22, 22)])
        #expect(findings.map(\.status) == [.fail])
        #expect(findings.first?.message == "EMR Block Public Access is disabled in us-east-1 (BlockPublicSecurityGroupRules=false).")
    }

    @Test func permittedPortsBeyondSSHFailAndAreNamed() {
        let findings = verdict(block: true, ranges: [(22, 22), (8080, 8090), (443, 443)])
        #expect(findings.map(\.status) == [.fail])
        #expect(findings.first?.message == "EMR Block Public Access in us-east-1 still lets clusters open port(s) 8080-8090, 443 to the internet.")
    }

    @Test func aRangeThatMerelyContainsSSHFails() {
        #expect(verdict(block: true, ranges: [(20, 25)]).map(\.status) == [.fail])
    }

    @Test func eachRegionGetsItsOwnVerdictAndUnreadableRegionsAreUnknown() {
        var f = Fixture()
        f.regions = ["us-east-1", "eu-west-1"]
        f.answer("us-east-1", "emr", "get-block-public-access-configuration", Self.configuration(block: true, ranges: [(22, 22)]))
        f.fail("eu-west-1", "emr", "get-block-public-access-configuration", code: "AccessDeniedException")
        let byRegion = Dictionary(uniqueKeysWithValues: f.run(Self.checkId).map { ($0.resource.region, $0.status) })
        #expect(byRegion == ["us-east-1": .pass, "eu-west-1": .unknown])
    }
}
