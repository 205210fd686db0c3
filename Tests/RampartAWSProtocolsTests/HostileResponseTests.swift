import Foundation
import RampartJSON
import Testing

@testable import RampartAWSProtocols

/// Responses found by fuzzing the decoders (Fuzz/Targets/responses.swift) that made
/// Foundation's XML parser trap: each now decodes to a `ResponseParserError`, which the client
/// retries and, failing that, reports as a failed call (UNKNOWN), never as an answer.
@Suite struct HostileResponseTests {
    static func operation(_ service: String, _ name: String) throws -> OperationModel {
        try #require(AWSServiceModels.shared.operation(service: service, cliName: name))
    }

    static func decode(_ operation: OperationModel, status: Int = 200, _ body: [UInt8]) -> Result<JSONValue, AWSServiceError> {
        AWSResponseDecoder.decode(operation: operation, response: HTTPResponseParts(status: status, headers: [:], body: body))
    }

    /// Fuzzer finding 1 (libFuzzer crash-68e7c784…): element names that are not UTF-8 (FoundationXML force-unwraps them).
    static let notUTF8ElementName = Data(base64Encoded: """
        PEdldFB1YmxpY0ELPD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTgiPz4KPExpc3RSZXNvdXJjZVJlY29yZFNldHNSZXNwb25zZSB4bWxucz0i\
        aHR0cHM6Ly9yb3V0ZTUzLmFtYXpvbmF3cy5jb20vZG9jLzIwMTMtMDQtMDEvIj4KPFJlc291cmNlUmVjb3JkU2V0cz4KPFJlc291cmNlUmVjb3JkU2V0Pgo8\
        TmFtZT5leGFtcGybm5ubm5ubm5ubm5ub/////5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubm5ubZS5j\
        b20uPC9OYW1lPgo8VHlwZT5TT0E8L1R5cGU+CjxUVEw+OTAwPC9UVEw+CjxSZS1vdXJjZVJlY29yZHM+CjxSZXNvdXJjY2Vzc0Jsb2NrT3V0cHV0IHhtbGNl\
        UmVjb3JkPgo8VmFsdWU+bnMtMjA0OC5hd3NkbnMtNjQubmV0LiBob3N0bWFzdGVyLmF3c2Rucy5jb20uIDEgNzIwMCA5MDAgMTIwOTYwMCA4NjQwMDwvVmFs\
        dWU+CjwvUmVzb3VyY2VSZWNvcmQ+CjwvUmVzb3VyY2VSZWNvcmRzPgo8L1Jlc291cmNlUmVjb3JkU2V0Pgo8UmVzb3VyY2VSZWNvcmRTZXQ+CjxOYW1lPmFw\
        aS5leGFtcGxlLmNvbS48L05hbWU+CjxUeXBlPkE8L1R5cGU+CjxTZXRJZGVudGlmaWVyPnByaW1hcnk8L1NldElkZW50aWZpZXI+CjxGYWlsb///////////\
        /////////////////////////////////////////////////////////////////////////3Zlcj5QUklNQVJZPC9GYWlsb3Zlcj4KPEFsaWFzVGFyZ2V0\
        PjxIb3N0ZWRab25lSWRYNVM+WjNET1RSUTdYN0s8L0hvc3RlZFpvbmVJZD48RE5TTmFtZT53ZWItMS5lbGIuYW1hem9uYXdzLmNvbS48L0ROU05hbWU+PEV2\
        YWx1YXRlVGFyZ2V0SGVhbHRoPnRydWU8L0V2YWx1YXRlVGFyZ2V0SGVhbHRoPjwvQWxpYXNUYXJnZXQ+CjxIZWFsdGhDaGVja0lkPmFiY2RlZjExLTIyMjIt\
        MzMzMy00NDQ0LTU1NTU1NWZlZGNiYTwvSGVhbHRoQ2hlY2tJZD4KPC9SZXNvdXJjZVJlY29yZFNldD4KPC9SZXNvdXJjZVJlY29yZFNldHM+CjxJc1Rucz0i\
        aHR0cDovL2F3c3MzY29udHJvbC5hbWF6b25hd3MuY29tL2RvYy8yMDE4LTA4LTIwLyI+CjxCbG9ja1B1YmxpY0FjbHM+dHJ1ZTwvQmxvY2tQdWJsaWNBY2xz\
        Pgo8SWdub3JlUHVibGljQWNscz50cnVlPC9JZ25vcmVQdWJsaWNBY2xzPgo8QmxvY2tQdWICeyJUcmFpbEFSTiI6ImFybjphd3M6Y2xvdWR0cmFpbDp1cy1l\
        YXN0LTE6MTExMTIyMjIzMzMzOnRyYWlsL1RyYWlsTmFtZSIsIkV2ZW5saWNQb3J1bmNhdGVkPnRydWU8L2xpY3k+dHJ1ZTwvQmxvY2tQdWJsaWNQb2xpY3k+\
        CjxSZXN0cmljdFB1YmxpY0J1Y2tldHM+ZmFsc2V0U2VsZWN0b3JzIjpbeyJJbmNsdWRlTWFuYWdlbWVudEV2ZW50cyI6dXRyZUlzVHJ1bmNhLDwvUmVzdHJp\
        Y3RQdWJsaWNCdWNrZXRzPgo8L0dldFB1YmxpY0FjY2Vzc0Jsb2NrT3V0IkRhdGFSZXNvdXJjZXMiOltdLCJScHV0ZWFkV3RlZD4KPE1heEl0ZW1zPjI8L01h\
        eEl0ZW1zPgo8TmV4dFJlY29yZE5hbWU+d3d3LmV4YW1wbGUuY29yaXRlVHlwZSI6IkFsbS48L05leHRSZWNvcmROYW1lPgo8TmV4dFJlY29yZFR5PmwiLCJF\
        eGNsdWRlTWFuYWdlbWVudEV2ZW50U291cmNwZT5BPC9OZXh0UmVjZXMiOm9yZFR5cGU+CjwvTGlzdFJlc291cmNlW1JlY29yZFNldHNSZXNwb119bnNlXT59
        """, options: .ignoreUnknownCharacters)!

    /// Fuzzer finding 2 (libFuzzer crash-bd3f2b85…): a processing instruction without data (`<?x0?>`).
    static let emptyProcessingInstruction = Data(base64Encoded: """
        PD94MD8+CjxFcnJvcnBzOi8vcm91Bzw/eG1sdW43Ij8+CjxWZXJzaW9uaW5nQ29uZmlndXJhdGlvbiB4bWxucz1zInBodHQucAEAAAAAAAAHOi8vczUuYW1h\
        em9uYXdzLmNvbS9v
        """, options: .ignoreUnknownCharacters)!

    @Test func elementNamesThatAreNotUTF8AreAParserErrorNotACrash() throws {
        let body = [UInt8](Self.notUTF8ElementName)
        #expect(body.contains(0xFF))
        for (service, name) in [("route53", "list-resource-record-sets"), ("s3api", "get-bucket-acl"), ("ec2", "describe-instances")] {
            let result = Self.decode(try Self.operation(service, name), body)
            guard case .failure(let error) = result else {
                Issue.record("\(service) \(name) accepted a body that is not UTF-8")
                continue
            }
            if service == "s3api" {
                // S3's check for an error sent with status 200 reads it first, and calls it a 500.
                #expect(error.status == 500)
            } else {
                #expect(error.code == "ResponseParserError")
                #expect(error.message.contains("not UTF-8"))
            }
        }
    }

    @Test func aProcessingInstructionWithoutDataIsAParserErrorNotACrash() throws {
        let body = [UInt8](Self.emptyProcessingInstruction)
        for status in [200, 403] {
            let result = Self.decode(try Self.operation("route53", "list-hosted-zones"), status: status, body)
            guard case .failure(let error) = result else {
                Issue.record("a processing instruction was accepted")
                continue
            }
            if status == 200 { #expect(error.code == "ResponseParserError") } else { #expect(error.status == 403) }
        }
        #expect(XMLTree.hasProcessingInstruction(Array("<?x?><a/>".utf8)))
        #expect(XMLTree.hasProcessingInstruction(Array("<?xml version=\"1.0\"?><a><?pi?></a>".utf8)))
        #expect(!XMLTree.hasProcessingInstruction(Array("\u{FEFF}\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>x</a>".utf8)))
    }
}
