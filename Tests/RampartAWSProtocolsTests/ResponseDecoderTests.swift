import RampartJSON
import Testing

@testable import RampartAWSProtocols

/// Decodes a fixture: its output, or its error as `{"error": {...}}` like the fixtures'.
func decodeFixture(_ fixture: ResponseFixture) throws -> JSONValue {
    let operation = try #require(
        AWSServiceModels.shared.operations(service: fixture.service).values.first { $0.name == fixture.operation },
        "no model for \(fixture.service) \(fixture.operation)")
    let response = HTTPResponseParts(status: fixture.status, headers: fixture.headers, body: Array(fixture.body.utf8))
    switch AWSResponseDecoder.decode(operation: operation, response: response) {
    case .success(let value):
        return value
    case .failure(let error):
        return ["error": ["code": .string(error.code), "message": .string(error.message), "requestId": .optional(error.requestId)]]
    }
}

struct ResponseDecoderTests {
    @Test(arguments: ResponseFixture.all)
    func decodesEachFixtureExactlyAsBotocoreWithTheCLIsSettings(_ fixture: ResponseFixture) throws {
        let expected = try JSONParser.parse(fixture.expected)
        let actual = try decodeFixture(fixture)
        #expect(firstDifference(expected, actual, ordered: true) == nil, "\(JSONWriter.string(actual))")
    }

    // MARK: query

    @Test func queryMapsReadEntriesAndNumbersBecomeJSONNumbers() throws {
        let out = try decodeFixture(.iamAccountSummary)
        #expect(out == ["SummaryMap": ["Groups": 31, "AccountMFAEnabled": 0, "UsersQuota": 150]])
    }

    @Test func queryKeysFollowTheShapeNotTheDocument() throws {
        // The document lists IsTruncated first and EnableDate before User; the CLI prints model order.
        let out = try decodeFixture(.iamVirtualMFA)
        #expect(out.objectValue?.keys == ["VirtualMFADevices", "IsTruncated"])
        #expect(out["VirtualMFADevices"]?.arrayValue?[1].objectValue?.keys == ["SerialNumber", "User", "EnableDate"])
        #expect(out["VirtualMFADevices"]?.arrayValue?[1]["EnableDate"] == "2011-10-20T20:49:03Z", "timestamps stay as sent")
    }

    @Test func iamPolicyDocumentsAreURLDecodedIntoJSON() throws {
        let out = try decodeFixture(.iamAuthorizationDetails)
        let role = try #require(out["RoleDetailList"]?.arrayValue?.first)
        #expect(role["AssumeRolePolicyDocument"]?["Statement"]?.arrayValue?.first?["Principal"] == ["Service": "ec2.amazonaws.com"])
        let inline = try #require(out["UserDetailList"]?.arrayValue?.first?["UserPolicyList"]?.arrayValue?.first)
        #expect(inline["PolicyDocument"]?["Version"] == "2012-10-17")
        // A document that is not JSON stays the string that came, still URL-encoded.
        let version = out["Policies"]?.arrayValue?.first?["PolicyVersionList"]?.arrayValue?.first
        #expect(version?["Document"] == "not%20JSON%7B")
    }

    @Test func emptyListElementsBecomeEmptyArraysAndEmptyStructuresEmptyObjects() throws {
        let out = try decodeFixture(.iamAuthorizationDetails)
        #expect(out["GroupDetailList"] == [])
        #expect(out["RoleDetailList"]?.arrayValue?.first?["RoleLastUsed"] == .object(JSONObject()))
    }

    @Test func blobsStayBase64Text() throws {
        #expect(try decodeFixture(.iamCredentialReport)["Content"] == "BASE-64 ENCODED FILE CONTENTS")
    }

    @Test func queryErrorsGiveCodeMessageAndRequestId() {
        let operation = AWSServiceModels.shared.operation(service: "iam", cliName: "get-account-password-policy")!
        let fixture = ResponseFixture.iamNoSuchEntity
        let result = AWSResponseDecoder.decode(
            operation: operation, response: HTTPResponseParts(status: 404, headers: [:], body: Array(fixture.body.utf8)))
        #expect(
            result.failure
                == AWSServiceError(
                    code: "NoSuchEntity", message: "The Password Policy with domain name 123456789012 cannot be found.", status: 404,
                    requestId: "c9bb9a3e-2e2e-4f4a-9ab9-6c0bEXAMPLE"))
        #expect(
            result.failure?.cliMessage(operation: operation.name)
                == "An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name 123456789012 cannot be found."
        )
    }

    // MARK: ec2

    @Test func ec2ListsOfItemsAndLowercaseNamesMapToModelMembers() throws {
        let out = try decodeFixture(.ec2Volumes)
        let volume = try #require(out["Volumes"]?.arrayValue?.first)
        #expect(volume["Attachments"]?.arrayValue?.first?["DeleteOnTermination"] == false)
        #expect(volume["Size"] == 80)
        #expect(volume["SnapshotId"] == "", "an empty element is an empty string")
        #expect(volume["Tags"] == [["Key": "Name", "Value": "a & b <c>"]], "entities are decoded")
        #expect(out["NextToken"] == "abc")
    }

    @Test func ec2ErrorsAreReadFromErrorsError() throws {
        let out = try decodeFixture(.ec2Error)
        #expect(out["error"]?["code"] == "InvalidInstanceID.NotFound")
        #expect(out["error"]?["requestId"] == "ea966190-f9aa-478e-9ede-example")
    }

    // MARK: rest-xml

    @Test func s3GranteeTypeComesFromTheXsiTypeAttribute() throws {
        let grants = try #require(try decodeFixture(.s3Acl)["Grants"]?.arrayValue)
        #expect(grants.map { $0["Grantee"]?["Type"] } == ["CanonicalUser", "Group"])
    }

    @Test func bucketLocationIsTheRootTextAndNullForUSEast1() throws {
        #expect(try decodeFixture(.s3LocationEU) == ["LocationConstraint": "eu-west-1"])
        #expect(try decodeFixture(.s3LocationUSEast1) == ["LocationConstraint": nil])
    }

    @Test func bucketPolicyIsTheRawBodyString() throws {
        #expect(try decodeFixture(.s3Policy) == ["Policy": .string(ResponseFixture.s3Policy.body)])
    }

    @Test func aBucketNeverVersionedDecodesToAnEmptyObject() throws {
        #expect(try decodeFixture(.s3VersioningNever) == .object(JSONObject()))
    }

    @Test func flattenedListsAreCollectedFromRepeatedElements() throws {
        let rules = try #require(try decodeFixture(.s3Encryption)["ServerSideEncryptionConfiguration"]?["Rules"]?.arrayValue)
        #expect(rules.count == 1)
        #expect(rules.first?["BucketKeyEnabled"] == true)
        let replication = try decodeFixture(.s3Replication)
        #expect(replication["ReplicationConfiguration"]?["Rules"]?.arrayValue?.first?["Filter"]?["And"]?["Tags"]?.arrayValue?.count == 2)
    }

    @Test func booleanTextOtherThanLowercaseTrueIsFalse() throws {
        // botocore compares with "true" exactly.
        #expect(try decodeFixture(.s3PublicAccessBlock)["PublicAccessBlockConfiguration"]?["BlockPublicAcls"] == false)
    }

    @Test func s3ErrorsAtTheRootGiveTheirCode() throws {
        let out = try decodeFixture(.s3NoPolicy)
        #expect(out["error"] == ["code": "NoSuchBucketPolicy", "message": "The bucket policy does not exist", "requestId": "4442587FB7D0A2F9"])
    }

    @Test func anS3ErrorSentWithStatus200IsAnError() {
        let operation = AWSServiceModels.shared.operation(service: "s3api", cliName: "get-bucket-acl")!
        let result = AWSResponseDecoder.decode(
            operation: operation, response: HTTPResponseParts(status: 200, headers: [:], body: Array(ResponseFixture.s3ErrorWith200.body.utf8)))
        #expect(result.failure?.code == "InternalError")
        #expect(result.failure?.status == 500, "botocore treats it as a 500, which is retried")
    }

    @Test func anEmptyErrorBodyGivesTheStatusAsCode() throws {
        #expect(try decodeFixture(.s3HeadNotFound)["error"] == ["code": "404", "message": "Not Found", "requestId": "R1"])
        #expect(try decodeFixture(.s3Html503)["error"]?["code"] == "503")
        #expect(try decodeFixture(.jsonHtml500)["error"]?["message"] == "Bad Gateway")
    }

    @Test func route53ListsNestResourceRecords() throws {
        let out = try decodeFixture(.route53RecordSets)
        #expect(out["ResourceRecordSets"]?.arrayValue?[1]["AliasTarget"]?["EvaluateTargetHealth"] == true)
        #expect(out["NextRecordType"] == "A")
        #expect(try decodeFixture(.route53NoSuchZone)["error"]?["code"] == "NoSuchHostedZone")
    }

    @Test func redirectsKeepTheBucketRegion() {
        let operation = AWSServiceModels.shared.operation(service: "s3api", cliName: "get-bucket-acl")!
        let body = #"<?xml version="1.0" encoding="UTF-8"?><Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message><Endpoint>b.s3.eu-west-1.amazonaws.com</Endpoint></Error>"#
        let result = AWSResponseDecoder.decode(
            operation: operation, response: HTTPResponseParts(status: 301, headers: ["x-amz-bucket-region": "eu-west-1"], body: Array(body.utf8)))
        #expect(result.failure?.code == "PermanentRedirect")
        #expect(result.failure?.bucketRegion == "eu-west-1")
    }

    // MARK: json

    @Test func jsonTimestampsStayNumbersAndUnmodelledMembersAreDropped() throws {
        let table = try #require(try decodeFixture(.dynamodbDescribeTable)["Table"])
        #expect(table["CreationDateTime"] == 1421866952.062)
        #expect(table["NotInModel"] == nil)
        #expect(table["DeletionProtectionEnabled"] == nil, "null members are left out")
        #expect(table.objectValue?.keys.first == "AttributeDefinitions", "keys follow the shape")
    }

    @Test func jsonErrorCodesLoseTheirNamespace() throws {
        #expect(
            try decodeFixture(.dynamodbNotFound)["error"]
                == ["code": "ResourceNotFoundException", "message": "Requested resource not found: Table: x not found", "requestId": "RID"])
        #expect(try decodeFixture(.kmsNotFound)["error"]?["message"] == "Key 'arn:aws:kms:us-east-1:1:key/x' does not exist")
    }

    @Test func aKMSKeyPolicyStaysAString() throws {
        #expect(try decodeFixture(.kmsKeyPolicy)["Policy"] == "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\"\n}")
    }

    @Test func anUnparseableBodyIsAResponseParserError() {
        let operation = AWSServiceModels.shared.operation(service: "ec2", cliName: "describe-vpcs")!
        let result = AWSResponseDecoder.decode(operation: operation, response: HTTPResponseParts(status: 200, headers: [:], body: Array("<oops".utf8)))
        #expect(result.failure?.code == "ResponseParserError")
    }

    @Test func aLargeDocumentParsesFromAStream() throws {
        // Over 10 MB: XMLParser(data:) gives up on these; the stream-based parser does not.
        let operation = AWSServiceModels.shared.operation(service: "ec2", cliName: "describe-vpcs")!
        let item = "<item><vpcId>vpc-0123456789abcdef0</vpcId><cidrBlock>10.0.0.0/16</cidrBlock><isDefault>false</isDefault><tagSet><item><key>Name</key><value>\(String(repeating: "x", count: 300))</value></item></tagSet></item>"
        let count = 25_000
        let body = "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><vpcSet>" + String(repeating: item, count: count) + "</vpcSet></DescribeVpcsResponse>"
        #expect(body.utf8.count > 10_000_000)
        let out = try AWSResponseDecoder.decode(operation: operation, response: HTTPResponseParts(status: 200, headers: [:], body: Array(body.utf8))).get()
        #expect(out["Vpcs"]?.arrayValue?.count == count)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
