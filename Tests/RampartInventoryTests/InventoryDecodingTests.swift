import Foundation
import RampartInventory
import RampartJSON
import Testing

/// Builds an inventory from AWS CLI output given per call.
func inventory(_ answers: [(String, String, String, String?, String)], regions: [String] = ["us-east-1"]) -> Inventory {
    var results: [AWSCall: CallResult] = [:]
    for (region, service, operation, resource, json) in answers {
        results[AWSCall(account: "123456789012", region: region, service: service, operation: operation, resource: resource)] =
            .answer(try! JSONParser.parse(json))
    }
    return InventoryBuilder.build(
        from: InMemoryCallResults(
            collectedAt: Timestamp.parse("2026-11-29T12:00:00Z")!, accounts: ["123456789012"], regions: regions, results: results))
}

@Suite struct InventoryDecodingTests {
    @Test func instancesCarryTheirZoneNameAndZoneID() {
        let inv = inventory([
            ("us-east-1", "ec2", "describe-availability-zones", nil,
             #"{"AvailabilityZones": [{"ZoneName": "us-east-1a", "ZoneId": "use1-az6", "State": "available", "ZoneType": "availability-zone"}]}"#),
            ("us-east-1", "ec2", "describe-instances", nil, """
                {"Reservations": [{"Instances": [{"InstanceId": "i-1", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"},
                  "Placement": {"AvailabilityZone": "us-east-1a"}, "MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "enabled"},
                  "Tags": [{"Key": "Name", "Value": "web-1"}], "LaunchTime": "2026-11-01T10:00:00+00:00",
                  "SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web"}],
                  "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeId": "vol-1"}}]}]}]}
                """),
        ])
        let instance = inv.regions[0].ec2.instances.value?.first
        #expect(instance?.ref.availabilityZone == "us-east-1a")
        #expect(instance?.ref.availabilityZoneId == "use1-az6")
        #expect(instance?.ref.name == "web-1")
        #expect(instance?.ref.arn == "arn:aws:ec2:us-east-1:123456789012:instance/i-1")
        #expect(instance?.metadataHttpTokens == "optional")
        #expect(instance?.volumeIds == ["vol-1"])
        #expect(instance?.launchTime == Timestamp.parse("2026-11-01T10:00:00Z"))
    }

    @Test func theCredentialReportIsDecodedFromBase64CSV() {
        let csv = """
            user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
            <root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-28T09:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
            alice,arn:aws:iam::123456789012:user/alice,2024-01-01T00:00:00+00:00,true,no_information,2024-01-01T00:00:00+00:00,N/A,false,true,2024-02-01T00:00:00+00:00,2026-11-01T00:00:00+00:00,us-east-1,s3,true,2026-10-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A
            """
        let encoded = Data(csv.utf8).base64EncodedString()
        let inv = inventory([("global", "iam", "get-credential-report", nil,
                              #"{"Content": "\#(encoded)", "ReportFormat": "text/csv", "GeneratedTime": "2026-11-29T11:59:00+00:00"}"#)])
        let rows = inv.accounts[0].iam.credentialReport.value ?? []
        #expect(rows.count == 2)
        #expect(rows[0].isRoot && rows[0].passwordEnabled == nil && rows[0].mfaActive)
        #expect(rows[1].user == "alice" && rows[1].passwordEnabled == true && rows[1].passwordLastUsed == nil)
        #expect(rows[1].activeAccessKeyCount == 2)
        #expect(rows[1].accessKey1LastRotated == Timestamp.parse("2024-02-01T00:00:00Z"))
    }

    @Test func credentialReportRowsWithTheWrongFieldCountMakeTheReportUnknown() {
        let csv = "user,arn,mfa_active,access_key_1_active,access_key_2_active\nbob,arn:aws:iam::1:user/bob,false,true,false,extra\n"
        let encoded = Data(csv.utf8).base64EncodedString()
        let inv = inventory([("global", "iam", "get-credential-report", nil, #"{"Content": "\#(encoded)"}"#)])
        #expect(inv.accounts[0].iam.credentialReport.unknownReason?.contains("row 2 has 6 fields, the header 5") == true)
    }

    @Test func quotedCredentialReportFieldsKeepCommasAndQuotes() {
        let csv = "user,arn,mfa_active,access_key_1_active,access_key_2_active\r\n\"a,\"\"b\"\"\",arn:aws:iam::1:user/x,true,true,false\r\n"
        let encoded = Data(csv.utf8).base64EncodedString()
        let inv = inventory([("global", "iam", "get-credential-report", nil, #"{"Content": "\#(encoded)"}"#)])
        let row = inv.accounts[0].iam.credentialReport.value?.first
        #expect(row?.user == "a,\"b\"")
        #expect(row?.mfaActive == true && row?.accessKey1Active == true)
    }

    @Test func aCredentialReportThatIsNotBase64IsUnknown() {
        let inv = inventory([("global", "iam", "get-credential-report", nil, #"{"Content": "!!!"}"#)])
        #expect(inv.accounts[0].iam.credentialReport.unknownReason?.contains("$.Content: Content is not base64-encoded UTF-8 text") == true)
    }

    @Test func policyDocumentsAreReadAsObjectsOrURLEncodedStrings() {
        let inv = inventory([("global", "iam", "get-account-authorization-details", nil, """
            {"UserDetailList": [{"UserName": "bob", "Arn": "arn:aws:iam::123456789012:user/bob", "GroupList": ["admins"],
               "UserPolicyList": [{"PolicyName": "inline", "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%7D"}]}],
             "GroupDetailList": [], "RoleDetailList": [{"RoleName": "svc", "Arn": "arn:aws:iam::123456789012:role/aws-service-role/svc",
               "Path": "/aws-service-role/", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}],
             "Policies": [{"Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "DefaultVersionId": "v2",
               "PolicyVersionList": [{"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Statement": []}}]}]}
            """)])
        let details = inv.accounts[0].iam.authorizationDetails.value
        #expect(details?.users.first?.inlinePolicies.first?.document["Version"] == "2012-10-17")
        #expect(details?.roles.first?.isServiceLinked == true)
        #expect(details?.policies.first?.name == "ReadOnlyAccess")
        #expect(details?.policies.first?.isAWSManaged == true)
        #expect(details?.policies.first?.defaultDocument?["Statement"] == .array([]))
    }

    @Test func aBucketPolicyIsReadAsWrittenWithoutPercentDecoding() {
        let policy = #"{\"Statement\":[{\"Effect\":\"Deny\",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"home%2F\"}}}]}"#
        let inv = inventory([
            ("global", "s3api", "list-buckets", nil, #"{"Buckets": [{"Name": "a"}]}"#),
            ("global", "s3api", "get-bucket-policy", "a", #"{"Policy": "\#(policy)"}"#),
        ])
        let document = inv.accounts[0].s3.buckets.value?.first?.policy.value ?? nil
        #expect(document?["Statement"]?.arrayValue?.first?["Condition"]?["StringLike"]?["s3:prefix"] == "home%2F")
    }

    @Test func notConfiguredErrorsAreAnswersOnlyForTheirOwnCall() {
        #expect(NotConfiguredAnswers.isAnswer("NoSuchEntity", service: "iam", operation: "get-account-password-policy"))
        #expect(!NotConfiguredAnswers.isAnswer("NoSuchEntity", service: "iam", operation: "get-account-summary"))
        #expect(NotConfiguredAnswers.isAnswer("NoSuchBucketPolicy", service: "s3api", operation: "get-bucket-policy"))
        #expect(!NotConfiguredAnswers.isAnswer("AccessDenied", service: "s3api", operation: "get-bucket-policy"))
    }

    @Test func bucketLocationNullMeansUSEast1AndEUMeansIreland() {
        let inv = inventory([
            ("global", "s3api", "list-buckets", nil, #"{"Buckets": [{"Name": "a"}, {"Name": "b"}]}"#),
            ("global", "s3api", "get-bucket-location", "a", #"{"LocationConstraint": null}"#),
            ("global", "s3api", "get-bucket-location", "b", #"{"LocationConstraint": "EU"}"#),
        ])
        let buckets = inv.accounts[0].s3.buckets.value ?? []
        #expect(buckets.map(\.ref.region) == ["us-east-1", "eu-west-1"])
    }

    @Test func advancedEventSelectorsCountManagementEvents() {
        let inv = inventory([
            ("us-east-1", "cloudtrail", "describe-trails", nil,
             #"{"trailList": [{"Name": "main", "TrailARN": "arn:aws:cloudtrail:us-east-1:123456789012:trail/main", "HomeRegion": "us-east-1", "IsMultiRegionTrail": true}]}"#),
            ("us-east-1", "cloudtrail", "get-event-selectors", "arn:aws:cloudtrail:us-east-1:123456789012:trail/main",
             #"{"TrailARN": "x", "AdvancedEventSelectors": [{"Name": "mgmt", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]}"#),
        ])
        let trail = inv.regions[0].cloudTrail.trails.value?.first
        #expect(trail?.eventSelectors.value?.includesManagementEvents == true)
        #expect(trail?.eventSelectors.value?.managementReadWriteType == "All")
        #expect(trail?.status.unknownReason?.contains("was not collected") == true)
    }

    /// AWS CLI v1 prints JSON-protocol timestamps as epoch seconds; v2 prints ISO 8601.
    @Test func epochSecondTimestampsFromCLIv1AreRead() {
        let arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
        let inv = inventory([
            ("us-east-1", "cloudtrail", "describe-trails", nil, #"{"trailList": [{"Name": "main", "TrailARN": "\#(arn)", "HomeRegion": "us-east-1"}]}"#),
            ("us-east-1", "cloudtrail", "get-trail-status", arn, #"{"IsLogging": true, "LatestDeliveryTime": 1796040000.5}"#),
        ])
        let status = inv.regions[0].cloudTrail.trails.value?.first?.status.value
        #expect(status?.isLogging == true)
        #expect(status?.latestDeliveryTime == Date(timeIntervalSince1970: 1_796_040_000.5))
    }

    @Test func aShadowTrailIsJudgedInItsHomeRegionOnly() {
        let arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
        let listing = #"{"trailList": [{"Name": "main", "TrailARN": "\#(arn)", "HomeRegion": "us-east-1", "IsMultiRegionTrail": true}]}"#
        let inv = inventory([
            ("us-east-1", "cloudtrail", "describe-trails", nil, listing), ("eu-west-1", "cloudtrail", "describe-trails", nil, listing),
        ], regions: ["us-east-1", "eu-west-1"])
        #expect(inv.regions[1].cloudTrail.trails.value?.first?.status.unknownReason == "main is judged in its home region us-east-1")
        #expect(!inv.problems.contains { $0.call.region == "eu-west-1" && $0.call.service == "cloudtrail" })
    }

    @Test func timestampsInEveryFormAWSPrints() {
        let expected = Timestamp.parse("2026-11-29T12:00:00Z")!
        #expect(Timestamp.parse("2026-11-29T12:00:00+00:00") == expected)
        #expect(Timestamp.parse("2026-11-29T14:00:00+02:00") == expected)
        #expect(Timestamp.parse("2026-11-29T12:00:00.000000+00:00") == expected)
        #expect(Timestamp.parse("2026-11-29T12:00:00.5Z") == expected.addingTimeInterval(0.5))
        #expect(Timestamp.parse("N/A") == nil)
        #expect(Timestamp.parse("no_information") == nil)
        #expect(Timestamp.format(expected) == "2026-11-29T12:00:00Z")
        #expect(Timestamp.format(Timestamp.parse("1999-02-28T23:59:59Z")!) == "1999-02-28T23:59:59Z")
    }

    @Test func resourceCountsCoverEveryTypeOnce() {
        let inv = inventory([
            ("us-east-1", "ec2", "describe-vpcs", nil, #"{"Vpcs": [{"VpcId": "vpc-1", "IsDefault": true}]}"#),
            ("us-east-1", "cloudtrail", "describe-trails", nil,
             #"{"trailList": [{"Name": "t", "TrailARN": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/t", "HomeRegion": "eu-west-1"}]}"#),
            ("eu-west-1", "cloudtrail", "describe-trails", nil,
             #"{"trailList": [{"Name": "t", "TrailARN": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/t", "HomeRegion": "eu-west-1"}]}"#),
        ], regions: ["us-east-1", "eu-west-1"])
        #expect(inv.resourceCounts == ["AWS::EC2::VPC": 1, "AWS::CloudTrail::Trail": 1])
    }
}
