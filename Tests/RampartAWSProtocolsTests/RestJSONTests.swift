import RampartJSON
import Testing

@testable import RampartAWSProtocols

// Expected requests and outputs are what botocore 1.43.11 produces for the same input
// (`create_serializer("rest-json")`, and `RestJSONParser` with the AWS CLI v1's identity
// timestamp parser).

/// A two-operation rest-json model with a request body, which none of the planned (read-only) calls has.
private let bodyModel = #"""
{"botocore":"test","services":{"things":{"service":"things","protocol":"rest-json","apiVersion":"2020-01-01",
"endpointPrefix":"things","signingName":"things","operations":{
"create-thing":{"name":"CreateThing","method":"POST","requestUri":"/things/{id}?mode=fast","input":"In"},
"list-things":{"name":"ListThings","method":"POST","requestUri":"/things","input":"ListIn"}},
"shapes":{"In":{"type":"structure","members":[["Id","S",{"location":"uri","locationName":"id"}],
["Token","S",{"location":"header","locationName":"X-Token"}],["Enable","B",{"locationName":"enable"}],
["Since","T",{"locationName":"since"}]],"required":["Id"]},
"ListIn":{"type":"structure","members":[["MaxResults","I",{"locationName":"maxResults"}]]},
"S":"string","B":"boolean","T":"timestamp","I":"integer"}}}}
"""#

struct RestJSONTests {
    @Test func getRequestsPutLabelsInThePathAndMembersInTheQueryStringWithoutABody() throws {
        let list = try build("guardduty", "list-detectors", ["MaxResults": 1, "NextToken": "a b/c"])
        #expect(list == HTTPRequestParts(method: "GET", path: "/detector", query: [("maxResults", "1"), ("nextToken", "a b/c")]))
        let get = try build("guardduty", "get-detector", ["DetectorId": "ab/c d"])
        #expect(get == HTTPRequestParts(method: "GET", path: "/detector/ab%2Fc%20d"))
        let hub = try build("securityhub", "describe-hub", ["HubArn": "arn:aws:securityhub:us-east-1:123456789012:hub/default"])
        #expect(hub == HTTPRequestParts(method: "GET", path: "/accounts", query: [("HubArn", "arn:aws:securityhub:us-east-1:123456789012:hub/default")]))
        let plans = try build("backup", "list-backup-plans", ["IncludeDeleted": true, "MaxResults": 5])
        #expect(plans == HTTPRequestParts(method: "GET", path: "/backup/plans/", query: [("includeDeleted", "true"), ("maxResults", "5")]))
        #expect(try build("backup", "list-backup-vaults") == HTTPRequestParts(method: "GET", path: "/backup-vaults/"))
    }

    @Test func bodyMembersBecomeAJSONObjectUnderTheirWireNames() throws {
        let models = try AWSServiceModels(json: bodyModel)
        let create = try #require(models.operation(service: "things", cliName: "create-thing"))
        let request = try AWSRequestBuilder.build(
            operation: create, parameters: ["Id": "t/1", "Token": "x", "Enable": true, "Since": "2024-05-01T12:30:00Z"])
        #expect(request.method == "POST")
        #expect(request.path == "/things/t%2F1")
        #expect(request.query.elementsEqual([("mode", "fast")], by: ==))
        #expect(request.headers.elementsEqual([("X-Token", "x"), ("Content-Type", "application/json")], by: ==))
        #expect(try JSONParser.parse(request.body) == ["enable": true, "since": 1714566600])
    }

    @Test func anInputWithBodyMembersSendsAnEmptyObjectWhenNoneIsGiven() throws {
        let models = try AWSServiceModels(json: bodyModel)
        let list = try #require(models.operation(service: "things", cliName: "list-things"))
        let request = try AWSRequestBuilder.build(operation: list, parameters: [:])
        #expect(String(decoding: request.body, as: UTF8.self) == "{}")
        #expect(request.headers.elementsEqual([("Content-Type", "application/json")], by: ==))
    }

    @Test func responsesFollowTheModelsMemberOrderAndKeepTimestampsAsSent() throws {
        let op = try operation("backup", "list-backup-vaults")
        let body = #"{"NextToken":null,"BackupVaultList":[{"NumberOfRecoveryPoints":3,"CreationDate":1.700000000123E9,"BackupVaultName":"vault-a","Locked":false,"Extra":1}]}"#
        let decoded = AWSResponseDecoder.decode(operation: op, response: HTTPResponseParts(status: 200, headers: ["x-amzn-requestid": "r1"], body: Array(body.utf8)))
        let out = try decoded.get()
        #expect(out == ["BackupVaultList": [["BackupVaultName": "vault-a", "CreationDate": 1700000000.123, "NumberOfRecoveryPoints": 3, "Locked": false]]])
        #expect(out["BackupVaultList"]?.arrayValue?.first?.objectValue?.keys == ["BackupVaultName", "CreationDate", "NumberOfRecoveryPoints", "Locked"])
    }

    @Test func errorCodesComeFromTheErrorTypeHeaderThenTheBody() throws {
        let hub = try operation("securityhub", "describe-hub")
        let notSubscribed = AWSResponseDecoder.decode(
            operation: hub,
            response: HTTPResponseParts(
                status: 401,
                headers: ["x-amzn-requestid": "r2", "x-amzn-errortype": "InvalidAccessException:http://internal.amazon.com/coral/com.amazonaws.securityhub/"],
                body: Array(#"{"Code":"InvalidAccessException","Message":"Account 123456789012 is not subscribed to AWS Security Hub"}"#.utf8)))
        #expect(notSubscribed.failure == AWSServiceError(code: "InvalidAccessException", message: "Account 123456789012 is not subscribed to AWS Security Hub", status: 401, requestId: "r2"))
        let detector = try operation("guardduty", "get-detector")
        let badRequest = AWSResponseDecoder.decode(
            operation: detector,
            response: HTTPResponseParts(
                status: 400, headers: [:],
                body: Array(#"{"__type":"BadRequestException","message":"The request is rejected because the input detectorId is not owned by the current account.","Type":"InvalidInputException"}"#.utf8)))
        #expect(badRequest.failure?.code == "BadRequestException")
        #expect(badRequest.failure?.message == "The request is rejected because the input detectorId is not owned by the current account.")
    }

    @Test func guardDutyListingsPageOnTheirNextToken() throws {
        let op = try operation("guardduty", "list-detectors")
        let next = try Pagination.nextRequestParameters(operation: op, page: ["DetectorIds": ["d1"], "NextToken": "t2"], parameters: ["MaxResults": 1])
        #expect(next == ["MaxResults": 1, "NextToken": "t2"])
        let merged = Pagination.merge(operation: op, pages: [["DetectorIds": ["d1"], "NextToken": "t2"], ["DetectorIds": ["d2"]]])
        #expect(merged == ["DetectorIds": ["d1", "d2"]])
    }
}
