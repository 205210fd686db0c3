import RampartFindings
import Testing

@Suite struct KMSKeyChecksTests {
    static let checkId = "kms.key.rotation-enabled"
    static let keys = ["k-rot", "k-norot", "k-aws", "k-rsa", "k-pending", "k-ext", "k-unk", "k-rotunk"]

    /// Shaped as `aws kms describe-key` prints it.
    static func describe(_ id: String, manager: String = "CUSTOMER", state: String = "Enabled", spec: String = "SYMMETRIC_DEFAULT",
                         origin: String = "AWS_KMS") -> String {
        let usage = spec.hasPrefix("RSA") ? "SIGN_VERIFY" : "ENCRYPT_DECRYPT"
        return """
            {"KeyMetadata": {"AWSAccountId": "123456789012", "KeyId": "\(id)", "Arn": "arn:aws:kms:us-east-1:123456789012:key/\(id)",
              "CreationDate": "2024-01-01T00:00:00+00:00", "Enabled": \(state == "Enabled"), "Description": "", "KeyUsage": "\(usage)",
              "KeyState": "\(state)", "Origin": "\(origin)", "KeyManager": "\(manager)", "CustomerMasterKeySpec": "\(spec)",
              "KeySpec": "\(spec)", "MultiRegion": false}}
            """
    }

    static func rotation(_ enabled: Bool) -> String { #"{"KeyRotationEnabled": \#(enabled), "RotationPeriodInDays": 365}"# }

    var fixture: Fixture {
        var f = Fixture()
        let list = Self.keys.map { #"{"KeyId": "\#($0)", "KeyArn": "arn:aws:kms:us-east-1:123456789012:key/\#($0)"}"# }
        f.answer("us-east-1", "kms", "list-keys", #"{"Keys": [\#(list.joined(separator: ", "))], "Truncated": false}"#)
        f.answer("us-east-1", "kms", "describe-key", resource: "k-rot", Self.describe("k-rot"))
        f.answer("us-east-1", "kms", "get-key-rotation-status", resource: "k-rot", Self.rotation(true))
        f.answer("us-east-1", "kms", "describe-key", resource: "k-norot", Self.describe("k-norot", state: "Disabled"))
        f.answer("us-east-1", "kms", "get-key-rotation-status", resource: "k-norot", Self.rotation(false))
        f.answer("us-east-1", "kms", "describe-key", resource: "k-aws", Self.describe("k-aws", manager: "AWS"))
        f.answer("us-east-1", "kms", "describe-key", resource: "k-rsa", Self.describe("k-rsa", spec: "RSA_2048"))
        f.answer("us-east-1", "kms", "describe-key", resource: "k-pending", Self.describe("k-pending", state: "PendingDeletion"))
        f.answer("us-east-1", "kms", "get-key-rotation-status", resource: "k-pending", Self.rotation(false))
        f.answer("us-east-1", "kms", "describe-key", resource: "k-ext", Self.describe("k-ext", origin: "EXTERNAL"))
        f.fail("us-east-1", "kms", "describe-key", resource: "k-unk", code: "AccessDeniedException")
        f.answer("us-east-1", "kms", "describe-key", resource: "k-rotunk", Self.describe("k-rotunk"))
        f.fail("us-east-1", "kms", "get-key-rotation-status", resource: "k-rotunk", code: "AccessDeniedException")
        return f
    }

    @Test func customerKeyWithRotationPassesAndWithoutFails() {
        #expect(fixture.status(Self.checkId, on: "key/k-rot") == .pass)
        let finding = fixture.run(Self.checkId).first { $0.resource.arn.hasSuffix("key/k-norot") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "Key k-norot does not rotate automatically (KeyRotationEnabled=false).")
    }

    @Test func awsManagedAsymmetricAndPendingDeletionKeysAreSkipped() {
        for key in ["k-aws", "k-rsa", "k-pending"] {
            #expect(fixture.status(Self.checkId, on: "key/\(key)") == nil, "\(key)")
        }
    }

    @Test func importedKeyMaterialNeedsManualEvidence() {
        #expect(fixture.status(Self.checkId, on: "key/k-ext") == .manual)
    }

    @Test func unreadableMetadataOrRotationStatusIsUnknown() {
        #expect(fixture.status(Self.checkId, on: "key/k-unk") == .unknown)
        #expect(fixture.status(Self.checkId, on: "key/k-rotunk") == .unknown)
    }

    @Test func unreadableKeyListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "kms", "list-keys", code: "AccessDeniedException")
        #expect(f.run(Self.checkId).map(\.status) == [.unknown])
    }
}
