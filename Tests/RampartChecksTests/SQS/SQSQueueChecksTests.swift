import RampartFindings
import Testing

@Suite struct SQSQueueChecksTests {
    static let url = "https://sqs.us-east-1.amazonaws.com/123456789012/"

    /// `aws sqs get-queue-attributes --attribute-names All` for a queue with these extra attributes.
    static func attributes(_ name: String, _ extra: [String: String]) -> String {
        var all = ["QueueArn": "arn:aws:sqs:us-east-1:123456789012:\(name)", "MessageRetentionPeriod": "345600", "VisibilityTimeout": "30"]
        all.merge(extra) { $1 }
        let members = all.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \(jsonString($0.value))" }.joined(separator: ", ")
        return #"{"Attributes": {\#(members)}}"#
    }

    static func jsonString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static let publicPolicy = #"{"Version":"2012-10-17","Statement":[{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}"#
    static let snsOnlyPolicy = #"{"Version":"2012-10-17","Statement":[{"Sid":"FromTopic","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:orders"}}},{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "sqs", "list-queues", #"{"QueueUrls": ["\#(Self.url)good", "\#(Self.url)open", "\#(Self.url)dlq", "\#(Self.url)hidden", "\#(Self.url)odd"]}"#)
        f.answer("us-east-1", "sqs", "get-queue-attributes", resource: Self.url + "good", Self.attributes("good", [
            "KmsMasterKeyId": "alias/orders", "SqsManagedSseEnabled": "false", "Policy": Self.snsOnlyPolicy,
            "RedrivePolicy": #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":5}"#,
        ]))
        f.answer("us-east-1", "sqs", "get-queue-attributes", resource: Self.url + "open", Self.attributes("open", [
            "SqsManagedSseEnabled": "false", "Policy": Self.publicPolicy,
        ]))
        f.answer("us-east-1", "sqs", "get-queue-attributes", resource: Self.url + "dlq", Self.attributes("dlq", ["SqsManagedSseEnabled": "true"]))
        f.fail("us-east-1", "sqs", "get-queue-attributes", resource: Self.url + "hidden", code: "AccessDenied")
        f.answer("us-east-1", "sqs", "get-queue-attributes", resource: Self.url + "odd", Self.attributes("odd", [:]))
        return f
    }

    @Test func queueWithoutEncryptionFailsAndSSESQSOrKMSPasses() {
        #expect(fixture.status("sqs.queue.encrypted-at-rest", on: ":good") == .pass)
        #expect(fixture.status("sqs.queue.encrypted-at-rest", on: ":dlq") == .pass)
        let open = fixture.run("sqs.queue.encrypted-at-rest").first { $0.resource.arn.hasSuffix(":open") }
        #expect(open?.status == .fail)
        #expect(open?.message == "Queue open is not encrypted at rest (no KmsMasterKeyId, SqsManagedSseEnabled=false).")
    }

    @Test func queueWhoseEncryptionIsNotReportedIsUnknown() {
        #expect(fixture.status("sqs.queue.encrypted-at-rest", on: ":odd") == .unknown)
        #expect(fixture.status("sqs.queue.encrypted-at-rest", on: ":hidden") == .unknown)
    }

    @Test func sseSQSIsNotAKMSKey() {
        #expect(fixture.status("sqs.queue.kms-encryption", on: ":good") == .pass)
        #expect(fixture.status("sqs.queue.kms-encryption", on: ":dlq") == .fail)
        #expect(fixture.status("sqs.queue.kms-encryption", on: ":hidden") == .unknown)
    }

    @Test func queuePolicyOpenToEveryoneFailsAndAPinnedSourcePasses() {
        let open = fixture.run("sqs.queue.policy-not-public").first { $0.resource.arn.hasSuffix(":open") }
        #expect(open?.status == .fail)
        #expect(open?.message == "Queue open's policy allows sqs:SendMessage to everyone (Open).")
        #expect(fixture.status("sqs.queue.policy-not-public", on: ":good") == .pass)
        #expect(fixture.status("sqs.queue.policy-not-public", on: ":dlq") == .pass)
        #expect(fixture.status("sqs.queue.policy-not-public", on: ":hidden") == .unknown)
    }

    @Test func queueWithoutATLSDenyFails() {
        #expect(fixture.status("sqs.queue.tls-required", on: ":good") == .pass)
        #expect(fixture.status("sqs.queue.tls-required", on: ":open") == .fail)
        #expect(fixture.status("sqs.queue.tls-required", on: ":dlq") == .fail)
        #expect(fixture.status("sqs.queue.tls-required", on: ":hidden") == .unknown)
    }

    @Test func queueWithoutDeadLetterQueueFailsAndTheDeadLetterQueueItselfIsExempt() {
        let findings = fixture.run("sqs.queue.dead-letter-queue")
        #expect(fixture.status("sqs.queue.dead-letter-queue", on: ":good") == .pass)
        #expect(fixture.status("sqs.queue.dead-letter-queue", on: ":open") == .fail)
        #expect(!findings.contains { $0.resource.arn.hasSuffix(":dlq") })
        #expect(fixture.status("sqs.queue.dead-letter-queue", on: ":hidden") == .unknown)
    }

    @Test func unreadableQueueListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "sqs", "list-queues", code: "AccessDenied")
        for check in SQSQueueChecksTests.ids {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
        #expect(Fixture().run("sqs.queue.policy-not-public").map(\.status) == [.unknown])
    }

    @Test func noQueuesGivesNoFindings() {
        var f = Fixture()
        f.answer("us-east-1", "sqs", "list-queues", "{}")
        for check in SQSQueueChecksTests.ids { #expect(f.run(check).isEmpty, "\(check)") }
    }

    static let ids = ["sqs.queue.encrypted-at-rest", "sqs.queue.kms-encryption", "sqs.queue.policy-not-public", "sqs.queue.tls-required", "sqs.queue.dead-letter-queue"]
}
