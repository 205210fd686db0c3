import RampartFindings
import Testing

@Suite struct GuardDutyChecksTests {
    static let check = "guardduty.region.detector-enabled"

    func fixture(detectors: [(id: String, status: String)]) -> Fixture {
        var f = Fixture()
        let ids = detectors.map { "\"\($0.id)\"" }.joined(separator: ", ")
        f.answer("us-east-1", "guardduty", "list-detectors", #"{"DetectorIds": [\#(ids)]}"#)
        for d in detectors {
            f.answer("us-east-1", "guardduty", "get-detector", resource: d.id, """
                {"CreatedAt": "2026-01-05T10:00:00.000Z", "FindingPublishingFrequency": "SIX_HOURS",
                 "ServiceRole": "arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
                 "Status": "\(d.status)", "UpdatedAt": "2026-01-05T10:00:00.000Z", "Tags": {}}
                """)
        }
        return f
    }

    @Test func anEnabledDetectorPasses() {
        let findings = fixture(detectors: [("d1", "DISABLED"), ("d2", "ENABLED")]).run(Self.check)
        #expect(findings.map(\.status) == [.pass])
        #expect(findings.first?.message == "GuardDuty detector d2 is enabled in us-east-1.")
        #expect(findings.first?.frameworks["aws-fsbp"] == ["GuardDuty.1"])
    }

    @Test func noDetectorOrOnlyDisabledOnesFails() {
        let none = fixture(detectors: []).run(Self.check)
        #expect(none.map(\.status) == [.fail])
        #expect(none.first?.message == "us-east-1 has no GuardDuty detector.")
        let disabled = fixture(detectors: [("d1", "DISABLED")]).run(Self.check)
        #expect(disabled.first?.message == "Every GuardDuty detector in us-east-1 is disabled (d1).")
    }

    @Test func unreadListingOrDetectorIsUnknown() {
        var denied = Fixture()
        denied.fail("us-east-1", "guardduty", "list-detectors", code: "AccessDeniedException")
        #expect(denied.run(Self.check).map(\.status) == [.unknown])
        #expect(Fixture().run(Self.check).map(\.status) == [.unknown])
        var unread = fixture(detectors: [("d1", "DISABLED")])
        unread.fail("us-east-1", "guardduty", "get-detector", resource: "d1", code: "AccessDeniedException")
        #expect(unread.run(Self.check).map(\.status) == [.unknown], "a detector that could not be read may be the enabled one")
    }
}
