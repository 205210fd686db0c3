import RampartFindings
import Testing

@Suite struct SNSTopicChecksTests {
    static let arn = "arn:aws:sns:us-east-1:123456789012:"

    /// `aws sns get-topic-attributes` for a topic; `policy` is the `Policy` attribute's JSON text.
    static func attributes(_ name: String, kms: String?, policy: String) -> String {
        let escaped = policy.replacingOccurrences(of: "\"", with: "\\\"")
        let key = kms.map { #", "KmsMasterKeyId": "\#($0)""# } ?? ""
        return #"{"Attributes": {"Owner": "123456789012", "TopicArn": "\#(arn + name)", "DisplayName": "", "Policy": "\#(escaped)"\#(key)}}"#
    }

    /// The policy SNS gives every new topic: open to all principals, pinned to the owner account.
    static let defaultPolicy = #"{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:Publish","SNS:Subscribe"],"Resource":"arn:aws:sns:us-east-1:123456789012:alerts","Condition":{"StringEquals":{"AWS:SourceOwner":"123456789012"}}},{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"SNS:Publish","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#
    static let publicPolicy = #"{"Version":"2012-10-17","Statement":[{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"SNS:Subscribe","Resource":"*"}]}"#

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "sns", "list-topics", #"{"Topics": [{"TopicArn": "\#(Self.arn)alerts"}, {"TopicArn": "\#(Self.arn)open"}, {"TopicArn": "\#(Self.arn)hidden"}]}"#)
        f.answer("us-east-1", "sns", "get-topic-attributes", resource: Self.arn + "alerts", Self.attributes("alerts", kms: "alias/aws/sns", policy: Self.defaultPolicy))
        f.answer("us-east-1", "sns", "get-topic-attributes", resource: Self.arn + "open", Self.attributes("open", kms: nil, policy: Self.publicPolicy))
        f.fail("us-east-1", "sns", "get-topic-attributes", resource: Self.arn + "hidden", code: "AuthorizationError")
        return f
    }

    @Test func unencryptedTopicFails() {
        #expect(fixture.status("sns.topic.encrypted-at-rest", on: ":alerts") == .pass)
        let open = fixture.run("sns.topic.encrypted-at-rest").first { $0.resource.arn.hasSuffix(":open") }
        #expect(open?.status == .fail)
        #expect(open?.message == "Topic open is not encrypted at rest (no KmsMasterKeyId).")
        #expect(fixture.status("sns.topic.encrypted-at-rest", on: ":hidden") == .unknown)
    }

    @Test func defaultPolicyPinnedToTheOwnerIsNotPublicButAnOpenOneIs() {
        #expect(fixture.status("sns.topic.policy-not-public", on: ":alerts") == .pass)
        let open = fixture.run("sns.topic.policy-not-public").first { $0.resource.arn.hasSuffix(":open") }
        #expect(open?.status == .fail)
        #expect(open?.message == "Topic open's policy allows SNS:Subscribe to everyone (Anyone).")
        let hidden = fixture.run("sns.topic.policy-not-public").first { $0.resource.arn.hasSuffix(":hidden") }
        #expect(hidden?.status == .unknown)
        #expect(hidden?.message.contains("AuthorizationError") == true)
    }

    @Test func topicWithoutATLSDenyOnPublishFails() {
        #expect(fixture.status("sns.topic.tls-required", on: ":alerts") == .pass)
        #expect(fixture.status("sns.topic.tls-required", on: ":open") == .fail)
        #expect(fixture.status("sns.topic.tls-required", on: ":hidden") == .unknown)
    }

    @Test func unreadableTopicListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "sns", "list-topics", code: "AuthorizationError")
        for check in ["sns.topic.encrypted-at-rest", "sns.topic.policy-not-public", "sns.topic.tls-required"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }

    @Test func policyThatIsNotJSONIsUnknownNotPass() {
        var f = Fixture()
        f.answer("us-east-1", "sns", "list-topics", #"{"Topics": [{"TopicArn": "\#(Self.arn)bad"}]}"#)
        f.answer("us-east-1", "sns", "get-topic-attributes", resource: Self.arn + "bad", #"{"Attributes": {"TopicArn": "x", "Policy": "{not json"}}"#)
        #expect(f.status("sns.topic.policy-not-public", on: ":bad") == .unknown)
    }
}
