import RampartFindings
import Testing

@Suite struct CloudTrailLoggingChecksTests {
    static let main = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
    static let bare = "arn:aws:cloudtrail:us-east-1:123456789012:trail/bare"

    static let trails = """
        {"trailList": [
          {"Name": "main", "S3BucketName": "trail-logs", "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "\(main)",
           "LogFileValidationEnabled": true, "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:trail:*"},
          {"Name": "bare", "S3BucketName": "bare-logs", "IsMultiRegionTrail": false, "HomeRegion": "us-east-1", "TrailARN": "\(bare)",
           "LogFileValidationEnabled": false}
        ]}
        """

    static let logging = #"{"IsLogging": true}"#

    static func basic(_ readWrite: String) -> String {
        """
        {"EventSelectors": [{"ReadWriteType": "\(readWrite)", "IncludeManagementEvents": true,
          "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]}
        """
    }

    static let advancedWriteOnly = """
        {"AdvancedEventSelectors": [
          {"Name": "management", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]},
          {"Name": "s3 writes", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                                   {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                                                   {"Field": "readOnly", "Equals": ["false"]}]}]}
        """

    func fixture(selectors: String = basic("All")) -> Fixture {
        var f = Fixture()
        f.answer("us-east-1", "cloudtrail", "describe-trails", Self.trails)
        f.answer("us-east-1", "cloudtrail", "get-trail-status", resource: Self.main, Self.logging)
        f.answer("us-east-1", "cloudtrail", "get-event-selectors", resource: Self.main, selectors)
        f.answer("us-east-1", "cloudtrail", "get-trail-status", resource: Self.bare, Self.logging)
        f.answer("us-east-1", "cloudtrail", "get-event-selectors", resource: Self.bare, Self.basic("All"))
        f.listBuckets(["trail-logs", "bare-logs"])
        f.bucket("trail-logs", ["get-bucket-logging": .json(#"{"LoggingEnabled": {"TargetBucket": "access-logs", "TargetPrefix": "trail/"}}"#)])
        f.bucket("bare-logs")
        return f
    }

    @Test func accountWithALoggingTrailPassesAndOneWithStoppedTrailsFails() {
        #expect(fixture().run("cloudtrail.account.trail-logging").map(\.status) == [.pass])
        var f = fixture()
        f.answer("us-east-1", "cloudtrail", "get-trail-status", resource: Self.main, #"{"IsLogging": false}"#)
        f.answer("us-east-1", "cloudtrail", "get-trail-status", resource: Self.bare, #"{"IsLogging": false}"#)
        #expect(f.run("cloudtrail.account.trail-logging").first?.message == "No trail of account 123456789012 is logging (main, bare).")
        f.fail("us-east-1", "cloudtrail", "get-trail-status", resource: Self.bare, code: "AccessDenied")
        #expect(f.run("cloudtrail.account.trail-logging").map(\.status) == [.unknown])
        var none = Fixture()
        none.answer("us-east-1", "cloudtrail", "describe-trails", #"{"trailList": []}"#)
        #expect(none.run("cloudtrail.account.trail-logging").first?.message == "Account 123456789012 has no CloudTrail trail.")
    }

    @Test func trailWithoutCloudWatchLogsFails() {
        #expect(fixture().status("cloudtrail.trail.cloudwatch-logs", on: "trail/main") == .pass)
        #expect(fixture().status("cloudtrail.trail.cloudwatch-logs", on: "trail/bare") == .fail)
    }

    @Test func trailBucketWithoutAccessLoggingFails() {
        #expect(fixture().status("cloudtrail.trail.bucket-access-logging", on: "trail/main") == .pass)
        let bare = fixture().run("cloudtrail.trail.bucket-access-logging").first { $0.resource.arn == Self.bare }
        #expect(bare?.status == .fail)
        #expect(bare?.message == "bare's bucket bare-logs has server access logging off.")
        #expect(bare?.frameworks["cis-aws-3.0"] == ["3.4"])
    }

    @Test func bucketLoggingUnreadableIsUnknownAndForeignBucketIsManual() {
        var f = fixture()
        f.bucket("trail-logs", ["get-bucket-logging": .error("AccessDenied")])
        #expect(f.status("cloudtrail.trail.bucket-access-logging", on: "trail/main") == .unknown)
        var g = fixture()
        g.listBuckets(["trail-logs"])
        #expect(g.status("cloudtrail.trail.bucket-access-logging", on: "trail/bare") == .manual)
    }

    @Test func publicTrailBucketFailsUnlessBlockPublicAccessNeutralisesIt() {
        var f = fixture()
        f.accountBlock(.error("NoSuchPublicAccessBlockConfiguration"))
        let publicACL = #"{"Owner": {"ID": "abc123"}, "Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}]}"#
        f.bucket("bare-logs", ["get-bucket-acl": .json(publicACL), "get-public-access-block": .json(Fixture.noneBlocked)])
        #expect(f.status("cloudtrail.trail.bucket-not-public", on: "trail/main") == .pass)
        let bare = f.run("cloudtrail.trail.bucket-not-public").first { $0.resource.arn == Self.bare }
        #expect(bare?.status == .fail)
        #expect(bare?.message == "bare's bucket bare-logs is public: its ACL grants READ to everyone.")
        f.bucket("bare-logs", ["get-bucket-acl": .json(publicACL)])
        #expect(f.status("cloudtrail.trail.bucket-not-public", on: "trail/bare") == .pass, "bucket-level IgnorePublicAcls")
        f.bucket("bare-logs", ["get-bucket-acl": .error("AccessDenied")])
        #expect(f.status("cloudtrail.trail.bucket-not-public", on: "trail/bare") == .unknown)
    }

    @Test func objectLevelEventsFollowTheSelectorsReadWriteType() {
        #expect(fixture().run("cloudtrail.account.s3-object-write-events").map(\.status) == [.pass])
        #expect(fixture().run("cloudtrail.account.s3-object-read-events").map(\.status) == [.pass])
        let writeOnly = fixture(selectors: Self.basic("WriteOnly"))
        #expect(writeOnly.run("cloudtrail.account.s3-object-write-events").map(\.status) == [.pass])
        #expect(writeOnly.run("cloudtrail.account.s3-object-read-events").map(\.status) == [.fail])
        let advanced = fixture(selectors: Self.advancedWriteOnly)
        #expect(advanced.run("cloudtrail.account.s3-object-write-events").map(\.status) == [.pass])
        #expect(advanced.run("cloudtrail.account.s3-object-read-events").map(\.status) == [.fail])
    }

    @Test func singleRegionTrailRecordingObjectsDoesNotCount() {
        let f = fixture(selectors: #"{"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}]}"#)
        let findings = f.run("cloudtrail.account.s3-object-write-events")
        #expect(findings.map(\.status) == [.fail], "bare records S3 objects but covers one region")
        #expect(findings.first?.frameworks["cis-aws-5.0"] == ["3.8"])
    }

    @Test func unreadableSelectorsAreUnknown() {
        var f = fixture(selectors: #"{"EventSelectors": []}"#)
        f.fail("us-east-1", "cloudtrail", "get-event-selectors", resource: Self.main, code: "AccessDenied")
        #expect(f.run("cloudtrail.account.s3-object-read-events").map(\.status) == [.unknown])
        var g = Fixture()
        g.fail("us-east-1", "cloudtrail", "describe-trails", code: "AccessDenied")
        for check in ["cloudtrail.trail.cloudwatch-logs", "cloudtrail.trail.bucket-access-logging", "cloudtrail.account.s3-object-write-events"] {
            #expect(g.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
