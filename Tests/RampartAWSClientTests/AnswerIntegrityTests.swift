import RampartAWSProtocols
import Testing

@testable import RampartAWSClient

/// What the client refuses to take as an answer, and what it keeps out of a failed call's message.
@Suite struct AnswerIntegrityTests {
    func operation(_ service: String, _ name: String) throws -> OperationModel {
        try #require(AWSServiceModels.shared.operation(service: service, cliName: name))
    }

    @Test func aJSONAnswerThatIsNotAJSONObjectIsDamagedNotEmpty() throws {
        let table = try operation("dynamodb", "describe-table")
        let half = Array(#"{"Table": {"TableName": "orders", "SSEDescr"#.utf8)
        #expect(AWSClient.damagedJSONBody(model: table, response: HTTPResponseParts(status: 200, headers: [:], body: half)) != nil)
        #expect(AWSClient.damagedJSONBody(model: table, response: HTTPResponseParts(status: 200, headers: [:], body: Array("null".utf8))) != nil)
        #expect(AWSClient.damagedJSONBody(model: table, response: HTTPResponseParts(status: 200, headers: [:], body: Array(#"{"Table": {}}"#.utf8))) == nil)
        #expect(AWSClient.damagedJSONBody(model: table, response: HTTPResponseParts(status: 200, headers: [:], body: [])) == nil, "empty is the CLI's {}")
        let detector = try operation("guardduty", "list-detectors")
        #expect(AWSClient.damagedJSONBody(model: detector, response: HTTPResponseParts(status: 200, headers: [:], body: Array("<html>".utf8))) != nil)
        let instances = try operation("ec2", "describe-instances")
        #expect(AWSClient.damagedJSONBody(model: instances, response: HTTPResponseParts(status: 200, headers: [:], body: Array("<x".utf8))) == nil,
                "XML protocols are judged by their decoder")
    }

    @Test func aFailedCallsMessageKeepsNoSecretOfItsRequest() {
        let authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        let message = "The canonical request was 'POST\n/\n\nhost:sts\nx-amz-security-token:FwoGZXIvYXdzEXAMPLETOKEN0123456789\n' "
            + "with Authorization: \(authorization) and secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY; signature "
            + "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        let redacted = AWSClient.redact(
            message, secrets: ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzEXAMPLETOKEN0123456789", authorization])
        #expect(redacted == "The canonical request was 'POST\n/\n\nhost:sts\nx-amz-security-token:[redacted]\n' "
            + "with Authorization: [redacted] and secret [redacted]; signature [redacted]")
        #expect(AWSClient.redact("AccessDenied", secrets: ["", "short"]) == "AccessDenied")
    }
}
