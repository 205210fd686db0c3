import RampartFindings
import Testing

@Suite struct SecurityHubChecksTests {
    static let check = "securityhub.region.hub-enabled"

    @Test func anEnabledHubPasses() {
        var f = Fixture()
        f.answer("us-east-1", "securityhub", "describe-hub", """
            {"HubArn": "arn:aws:securityhub:us-east-1:123456789012:hub/default", "SubscribedAt": "2026-01-05T10:00:00.000Z",
             "AutoEnableControls": true, "ControlFindingGenerator": "SECURITY_CONTROL"}
            """)
        let findings = f.run(Self.check)
        #expect(findings.map(\.status) == [.pass])
        #expect(findings.first?.frameworks["cis-aws-3.0"] == ["4.16"])
    }

    @Test func notSubscribedFails() {
        var f = Fixture()
        f.fail("us-east-1", "securityhub", "describe-hub", code: "InvalidAccessException", message: "Account 123456789012 is not subscribed to AWS Security Hub")
        let findings = f.run(Self.check)
        #expect(findings.map(\.status) == [.fail])
        #expect(findings.first?.message == "Security Hub is not enabled in us-east-1.")
    }

    @Test func deniedOrMissingCallIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "securityhub", "describe-hub", code: "AccessDeniedException")
        #expect(f.run(Self.check).map(\.status) == [.unknown])
        #expect(Fixture().run(Self.check).map(\.status) == [.unknown])
    }
}
