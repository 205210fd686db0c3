import RampartFindings
import Testing

@Suite struct BucketSettingsChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.listBuckets(["locked", "plain", "unread"])
        f.bucket("locked", [
            "get-bucket-versioning": .json(#"{"Status": "Enabled", "MFADelete": "Enabled"}"#),
            "get-bucket-encryption": .json("""
                {"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:123456789012:key/1"}, "BucketKeyEnabled": true}]}}
                """),
        ])
        f.bucket("plain")
        f.bucket("unread", ["get-bucket-versioning": .error("AccessDenied"), "get-bucket-encryption": .error("AccessDenied")])
        return f
    }

    @Test func mfaDeleteIsRequiredOnVersions() {
        #expect(fixture.status("s3.bucket.mfa-delete", on: ":::locked") == .pass)
        let plain = fixture.run("s3.bucket.mfa-delete").first { $0.resource.arn.hasSuffix(":::plain") }
        #expect(plain?.status == .fail)
        #expect(plain?.message == "plain does not require MFA to delete versions (MFADelete=Disabled).")
        #expect(fixture.status("s3.bucket.mfa-delete", on: ":::unread") == .unknown)
    }

    @Test func defaultEncryptionMustNameAKMSKey() {
        #expect(fixture.status("s3.bucket.kms-encryption", on: ":::locked") == .pass)
        #expect(fixture.status("s3.bucket.kms-encryption", on: ":::plain") == .fail)
        #expect(fixture.status("s3.bucket.kms-encryption", on: ":::unread") == .unknown)
    }
}
