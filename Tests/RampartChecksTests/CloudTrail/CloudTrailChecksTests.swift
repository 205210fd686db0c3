import RampartFindings
import Testing

@Suite struct CloudTrailChecksTests {
    static let main = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
    static let local = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/local-eu"
    static let multiRegion = "cloudtrail.account.multi-region-trail"

    static func trail(_ arn: String, name: String, home: String, multi: Bool, validation: Bool, kms: String?) -> String {
        let key = kms.map { #", "KmsKeyId": "\#($0)""# } ?? ""
        return """
            {"Name": "\(name)", "S3BucketName": "trail-logs", "IncludeGlobalServiceEvents": true, "IsMultiRegionTrail": \(multi),
             "HomeRegion": "\(home)", "TrailARN": "\(arn)", "LogFileValidationEnabled": \(validation)\(key),
             "HasCustomEventSelectors": false, "HasInsightSelectors": false, "IsOrganizationTrail": false}
            """
    }

    /// Shaped as `aws cloudtrail describe-trails` prints it in each region: the multi-region
    /// trail appears in both, the regional one only at home.
    static let mainTrail = trail(main, name: "main", home: "us-east-1", multi: true, validation: true,
                                 kms: "arn:aws:kms:us-east-1:123456789012:key/4444")
    static let localTrail = trail(local, name: "local-eu", home: "eu-west-1", multi: false, validation: false, kms: nil)

    static func status(logging: Bool) -> String {
        #"{"IsLogging": \#(logging), "LatestDeliveryTime": "2026-11-29T11:55:04Z", "StartLoggingTime": "2025-01-01T00:00:00Z"}"#
    }

    static func basicSelectors(_ arn: String, readWrite: String) -> String {
        """
        {"TrailARN": "\(arn)", "EventSelectors": [{"ReadWriteType": "\(readWrite)", "IncludeManagementEvents": true,
          "DataResources": [], "ExcludeManagementEventSources": []}]}
        """
    }

    /// Two regions; the multi-region trail's status and selectors are read in its home region only.
    func fixture(mainLogging: Bool = true, mainSelectors: String? = nil) -> Fixture {
        var f = Fixture()
        f.regions = ["us-east-1", "eu-west-1"]
        f.answer("us-east-1", "cloudtrail", "describe-trails", #"{"trailList": [\#(Self.mainTrail)]}"#)
        f.answer("eu-west-1", "cloudtrail", "describe-trails", #"{"trailList": [\#(Self.mainTrail), \#(Self.localTrail)]}"#)
        f.answer("us-east-1", "cloudtrail", "get-trail-status", resource: Self.main, Self.status(logging: mainLogging))
        f.answer("us-east-1", "cloudtrail", "get-event-selectors", resource: Self.main,
                 mainSelectors ?? Self.basicSelectors(Self.main, readWrite: "All"))
        f.answer("eu-west-1", "cloudtrail", "get-trail-status", resource: Self.local, Self.status(logging: true))
        f.answer("eu-west-1", "cloudtrail", "get-event-selectors", resource: Self.local, Self.basicSelectors(Self.local, readWrite: "All"))
        return f
    }

    @Test func loggingMultiRegionTrailWithAllManagementEventsPassesJudgedInItsHomeRegion() {
        let findings = fixture().run(Self.multiRegion)
        #expect(findings.map(\.status) == [.pass])
        #expect(findings.first?.resource.type == "AWS::::Account")
        #expect(findings.first?.message == "Trail main (home us-east-1) covers all regions, is logging, and records all management events.")
    }

    @Test func multiRegionTrailThatStoppedLoggingFails() {
        let findings = fixture(mainLogging: false).run(Self.multiRegion)
        #expect(findings.map(\.status) == [.fail])
        #expect(findings.first?.message
            == "No trail covers all regions and management events: main is not logging (IsLogging=false); local-eu is a single-region trail.")
    }

    @Test func trailRecordingOnlyReadEventsFails() {
        let findings = fixture(mainSelectors: Self.basicSelectors(Self.main, readWrite: "ReadOnly")).run(Self.multiRegion)
        #expect(findings.map(\.status) == [.fail])
        #expect(findings.first?.message.contains("main records only ReadOnly management events") == true)
    }

    @Test func advancedSelectorExcludingReadEventsWithNotEqualsFails() {
        let selectors = """
            {"TrailARN": "\(Self.main)", "AdvancedEventSelectors": [{"Name": "Management events selector",
              "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "NotEquals": ["true"]}]}]}
            """
        let findings = fixture(mainSelectors: selectors).run(Self.multiRegion)
        #expect(findings.map(\.status) == [.fail])
        #expect(findings.first?.message.contains("main records only WriteOnly management events") == true)
    }

    @Test func advancedSelectorForAllManagementEventsPasses() {
        let selectors = """
            {"TrailARN": "\(Self.main)", "AdvancedEventSelectors": [{"Name": "Management events selector",
              "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]}
            """
        #expect(fixture(mainSelectors: selectors).run(Self.multiRegion).map(\.status) == [.pass])
    }

    @Test func unreadableStatusOfTheOnlyMultiRegionTrailIsUnknown() {
        var f = fixture()
        f.fail("us-east-1", "cloudtrail", "get-trail-status", resource: Self.main, code: "AccessDeniedException")
        let findings = f.run(Self.multiRegion)
        #expect(findings.map(\.status) == [.unknown])
        #expect(findings.first?.message.contains("AccessDeniedException") == true)
    }

    @Test func anotherSatisfyingTrailMakesUnreadableEvidenceIrrelevant() {
        var f = fixture()
        f.fail("eu-west-1", "cloudtrail", "describe-trails", code: "AccessDeniedException")
        #expect(f.run(Self.multiRegion).map(\.status) == [.pass])
    }

    @Test func accountWithoutTrailsFails() {
        var f = Fixture()
        f.answer("us-east-1", "cloudtrail", "describe-trails", #"{"trailList": []}"#)
        let findings = f.run(Self.multiRegion)
        #expect(findings.map(\.status) == [.fail])
        #expect(findings.first?.message == "Account 123456789012 has no CloudTrail trail.")
    }

    @Test func unreadableTrailListWithNoSatisfyingTrailIsUnknown() {
        var f = Fixture()
        f.regions = ["us-east-1", "eu-west-1"]
        f.answer("us-east-1", "cloudtrail", "describe-trails", #"{"trailList": []}"#)
        f.fail("eu-west-1", "cloudtrail", "describe-trails", code: "AccessDeniedException")
        #expect(f.run(Self.multiRegion).map(\.status) == [.unknown])
    }

    @Test func eachTrailIsJudgedOnceForLogFileValidation() {
        let findings = fixture().run("cloudtrail.trail.log-file-validation")
        #expect(findings.count == 2)
        #expect(findings.first { $0.resource.arn == Self.main }?.status == .pass)
        let local = findings.first { $0.resource.arn == Self.local }
        #expect(local?.status == .fail)
        #expect(local?.resource.region == "eu-west-1")
        #expect(local?.message == "Trail local-eu has log file validation disabled (LogFileValidationEnabled=false).")
    }

    @Test func trailWithoutAKMSKeyFails() {
        let findings = fixture().run("cloudtrail.trail.kms-encryption")
        #expect(findings.count == 2)
        #expect(findings.first { $0.resource.arn == Self.main }?.status == .pass)
        #expect(findings.first { $0.resource.arn == Self.local }?.status == .fail)
    }

    @Test func unreadableTrailListIsUnknownForPerTrailChecks() {
        var f = Fixture()
        f.fail("us-east-1", "cloudtrail", "describe-trails", code: "AccessDeniedException")
        #expect(f.run("cloudtrail.trail.log-file-validation").map(\.status) == [.unknown])
        #expect(f.run("cloudtrail.trail.kms-encryption").map(\.status) == [.unknown])
    }
}
