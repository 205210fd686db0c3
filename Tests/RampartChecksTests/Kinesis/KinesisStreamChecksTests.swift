import RampartFindings
import Testing

@Suite struct KinesisStreamChecksTests {
    /// `aws kinesis describe-stream-summary` for a stream.
    static func summary(_ name: String, encryption: String?, hours: Int?) -> String {
        let enc = encryption.map { #", "EncryptionType": "\#($0)""# + ($0 == "KMS" ? #", "KeyId": "alias/aws/kinesis""# : "") } ?? ""
        let retention = hours.map { #", "RetentionPeriodHours": \#($0)"# } ?? ""
        return #"{"StreamDescriptionSummary": {"StreamName": "\#(name)", "StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/\#(name)", "StreamStatus": "ACTIVE", "OpenShardCount": 1\#(enc)\#(retention)}}"#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "kinesis", "list-streams", #"{"StreamNames": ["clicks", "raw", "odd", "hidden"]}"#)
        f.answer("us-east-1", "kinesis", "describe-stream-summary", resource: "clicks", Self.summary("clicks", encryption: "KMS", hours: 168))
        f.answer("us-east-1", "kinesis", "describe-stream-summary", resource: "raw", Self.summary("raw", encryption: "NONE", hours: 24))
        f.answer("us-east-1", "kinesis", "describe-stream-summary", resource: "odd", Self.summary("odd", encryption: nil, hours: nil))
        f.fail("us-east-1", "kinesis", "describe-stream-summary", resource: "hidden", code: "AccessDeniedException")
        return f
    }

    @Test func unencryptedStreamFails() {
        #expect(fixture.status("kinesis.stream.encrypted-at-rest", on: "stream/clicks") == .pass)
        let raw = fixture.run("kinesis.stream.encrypted-at-rest").first { $0.resource.arn.hasSuffix("stream/raw") }
        #expect(raw?.status == .fail)
        #expect(raw?.message == "Stream raw is not encrypted at rest (EncryptionType=NONE).")
        #expect(fixture.status("kinesis.stream.encrypted-at-rest", on: "stream/odd") == .unknown)
        #expect(fixture.status("kinesis.stream.encrypted-at-rest", on: "stream/hidden") == .unknown)
    }

    @Test func streamKeepingRecordsUnderSevenDaysFails() {
        #expect(fixture.status("kinesis.stream.retention-at-least-7-days", on: "stream/clicks") == .pass)
        let raw = fixture.run("kinesis.stream.retention-at-least-7-days").first { $0.resource.arn.hasSuffix("stream/raw") }
        #expect(raw?.status == .fail)
        #expect(raw?.message == "Stream raw keeps records for only 24 hours (less than 168).")
        #expect(fixture.status("kinesis.stream.retention-at-least-7-days", on: "stream/odd") == .unknown)
        #expect(fixture.status("kinesis.stream.retention-at-least-7-days", on: "stream/hidden") == .unknown)
    }

    @Test func unreadableStreamListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "kinesis", "list-streams", code: "AccessDeniedException")
        #expect(f.run("kinesis.stream.encrypted-at-rest").map(\.status) == [.unknown])
        #expect(Fixture().run("kinesis.stream.retention-at-least-7-days").map(\.status) == [.unknown])
    }
}
