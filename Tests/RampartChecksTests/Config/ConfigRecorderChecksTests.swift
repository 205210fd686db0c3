import RampartFindings
import Testing

@Suite struct ConfigRecorderChecksTests {
    static let check = "config.region.recorder-enabled"

    func fixture(recording: Bool = true, allSupported: Bool = true, channels: String = #"[{"name": "default", "s3BucketName": "config-logs"}]"#) -> Fixture {
        var f = Fixture()
        f.answer("us-east-1", "configservice", "describe-configuration-recorders", """
            {"ConfigurationRecorders": [{"name": "default", "roleARN": "arn:aws:iam::123456789012:role/config",
              "recordingGroup": {"allSupported": \(allSupported), "includeGlobalResourceTypes": true, "resourceTypes": []}}]}
            """)
        f.answer("us-east-1", "configservice", "describe-configuration-recorder-status",
                 #"{"ConfigurationRecordersStatus": [{"name": "default", "recording": \#(recording), "lastStatus": "SUCCESS"}]}"#)
        f.answer("us-east-1", "configservice", "describe-delivery-channels", #"{"DeliveryChannels": \#(channels)}"#)
        return f
    }

    @Test func recordingAllTypesWithADeliveryChannelPasses() {
        let findings = fixture().run(Self.check)
        #expect(findings.map(\.status) == [.pass])
        #expect(findings.first?.frameworks["cis-aws-3.0"] == ["3.3"])
    }

    @Test func stoppedPartialOrUndeliveredRecorderFails() {
        #expect(fixture(recording: false).run(Self.check).first?.message == "Recorder default in us-east-1 is not recording.")
        #expect(fixture(allSupported: false).run(Self.check).map(\.status) == [.fail])
        #expect(fixture(channels: "[]").run(Self.check).map(\.status) == [.fail])
        var none = Fixture()
        none.answer("us-east-1", "configservice", "describe-configuration-recorders", #"{"ConfigurationRecorders": []}"#)
        none.answer("us-east-1", "configservice", "describe-configuration-recorder-status", #"{"ConfigurationRecordersStatus": []}"#)
        none.answer("us-east-1", "configservice", "describe-delivery-channels", #"{"DeliveryChannels": []}"#)
        #expect(none.run(Self.check).first?.message == "us-east-1 has no AWS Config recorder.")
    }

    @Test func unreadableStatusIsUnknown() {
        var f = fixture()
        f.fail("us-east-1", "configservice", "describe-configuration-recorder-status", code: "AccessDeniedException")
        #expect(f.run(Self.check).map(\.status) == [.unknown])
        #expect(Fixture().run(Self.check).map(\.status) == [.unknown])
    }
}
