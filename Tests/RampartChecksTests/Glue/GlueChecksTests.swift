import Foundation
import RampartFindings
import Testing

@Suite struct GlueChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.computeRoles()
        f.answer("us-east-1", "glue", "get-jobs", """
            {"Jobs": [{"Name": "etl", "Role": "\(ComputeRoleFixtures.appRole)", "SecurityConfiguration": "all-encrypted", "Command": {"Name": "glueetl"}, "GlueVersion": "4.0"},
                      {"Name": "adhoc", "Role": "admin-role", "Command": {"Name": "glueetl"}, "GlueVersion": "2.0"},
                      {"Name": "half", "Role": "arn:aws:iam::123456789012:role/missing", "SecurityConfiguration": "s3-only", "Command": {"Name": "glueetl"}}]}
            """)
        f.answer("us-east-1", "glue", "get-security-configurations", """
            {"SecurityConfigurations": [
              {"Name": "all-encrypted", "EncryptionConfiguration": {"S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": "k"}],
                 "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": "k"}, "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": "k"}}},
              {"Name": "s3-only", "EncryptionConfiguration": {"S3Encryption": [{"S3EncryptionMode": "SSE-S3"}],
                 "CloudWatchEncryption": {"CloudWatchEncryptionMode": "DISABLED"}, "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "DISABLED"}}}]}
            """)
        f.answer("us-east-1", "glue", "get-data-catalog-encryption-settings", """
            {"DataCatalogEncryptionSettings": {"EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS", "SseAwsKmsKeyId": "k"},
              "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": false}}}
            """)
        return f
    }

    @Test func jobsAreJudgedOnTheirSecurityConfiguration() {
        let f = fixture
        #expect(f.status("glue.job.security-configuration", on: "job/etl") == .pass)
        #expect(f.status("glue.job.security-configuration", on: "job/adhoc") == .fail)
        #expect(f.status("glue.job.encryption", on: "job/etl") == .pass)
        let half = f.run("glue.job.encryption").first { $0.resource.arn.hasSuffix("job/half") }
        #expect(half?.status == .fail)
        #expect(half?.message == "Job half's configuration s3-only does not encrypt: CloudWatch, job bookmarks.")
        var unread = fixture
        unread.fail("us-east-1", "glue", "get-security-configurations", code: "AccessDeniedException")
        #expect(unread.status("glue.job.encryption", on: "job/etl") == .unknown)
    }

    @Test func jobRolesAreResolvedByNameOrARN() {
        let f = fixture
        #expect(f.status("glue.job.role-not-admin", on: "job/etl") == .pass)
        #expect(f.status("glue.job.role-not-admin", on: "job/adhoc") == .fail, "a role given by name is the account's role")
        #expect(f.status("glue.job.role-not-admin", on: "job/half") == .unknown, "a role not in the account")
    }

    @Test func catalogEncryptionSettings() {
        let f = fixture
        #expect(f.run("glue.data-catalog.encrypted").map(\.status) == [.pass])
        #expect(f.run("glue.data-catalog.connection-passwords-encrypted").map(\.status) == [.fail])
        var off = Fixture()
        off.answer("us-east-1", "glue", "get-data-catalog-encryption-settings",
                   #"{"DataCatalogEncryptionSettings": {"EncryptionAtRest": {"CatalogEncryptionMode": "DISABLED"}, "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": true}}}"#)
        #expect(off.run("glue.data-catalog.encrypted").map(\.status) == [.fail])
        #expect(off.run("glue.data-catalog.connection-passwords-encrypted").map(\.status) == [.pass])
        #expect(Fixture().run("glue.data-catalog.encrypted").map(\.status) == [.unknown])
    }

    @Test func anUnreadableJobListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "glue", "get-jobs", code: "AccessDeniedException")
        for check in ["glue.job.security-configuration", "glue.job.encryption", "glue.job.role-not-admin"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
