import RampartFindings
import RampartJSON
import Testing

@Suite struct KMSKeyStateChecksTests {
    static func policy(principal: String, condition: String = "") -> String {
        let document = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Use", "Effect": "Allow", "Principal": \(principal),
              "Action": "kms:Decrypt", "Resource": "*"\(condition)}]}
            """
        return JSONWriter.string(["Policy": .string(document), "PolicyName": "default"])
    }

    var fixture: Fixture {
        var f = Fixture()
        let ids = ["k-ok", "k-open", "k-org", "k-doomed", "k-aws", "k-unread"]
        let list = ids.map { #"{"KeyId": "\#($0)", "KeyArn": "arn:aws:kms:us-east-1:123456789012:key/\#($0)"}"# }
        f.answer("us-east-1", "kms", "list-keys", #"{"Keys": [\#(list.joined(separator: ","))]}"#)
        for id in ids where id != "k-unread" {
            let state = id == "k-doomed" ? "PendingDeletion" : "Enabled"
            let manager = id == "k-aws" ? "AWS" : "CUSTOMER"
            f.answer("us-east-1", "kms", "describe-key", resource: id, KMSKeyChecksTests.describe(id, manager: manager, state: state))
        }
        f.fail("us-east-1", "kms", "describe-key", resource: "k-unread", code: "AccessDeniedException")
        f.answer("us-east-1", "kms", "get-key-policy", resource: "k-ok", Self.policy(principal: #"{"AWS": "arn:aws:iam::123456789012:root"}"#))
        f.answer("us-east-1", "kms", "get-key-policy", resource: "k-open", Self.policy(principal: #""*""#))
        f.answer("us-east-1", "kms", "get-key-policy", resource: "k-org", Self.policy(
            principal: #"{"AWS": "*"}"#, condition: #", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}"#))
        f.fail("us-east-1", "kms", "get-key-policy", resource: "k-doomed", code: "AccessDeniedException")
        return f
    }

    @Test func keyScheduledForDeletionFails() {
        #expect(fixture.status("kms.key.not-pending-deletion", on: "key/k-doomed") == .fail)
        #expect(fixture.status("kms.key.not-pending-deletion", on: "key/k-ok") == .pass)
        #expect(fixture.status("kms.key.not-pending-deletion", on: "key/k-aws") == nil)
        #expect(fixture.status("kms.key.not-pending-deletion", on: "key/k-unread") == .unknown)
    }

    @Test func keyPolicyOpenToEveryoneFailsUnlessRestricted() {
        #expect(fixture.status("kms.key.policy-not-public", on: "key/k-open") == .fail)
        #expect(fixture.status("kms.key.policy-not-public", on: "key/k-org") == .pass)
        #expect(fixture.status("kms.key.policy-not-public", on: "key/k-ok") == .pass)
        #expect(fixture.status("kms.key.policy-not-public", on: "key/k-doomed") == .unknown)
        #expect(Fixture().run("kms.key.policy-not-public").map(\.status) == [.unknown])
    }
}
