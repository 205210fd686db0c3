import Foundation
import RampartFindings
import Testing

@Suite struct SecretChecksTests {
    static let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:"

    /// One `SecretList` entry as `aws secretsmanager list-secrets` prints it.
    static func secret(_ name: String, _ members: String) -> String {
        #"{"ARN": "\#(arn)\#(name)-AbCdEf", "Name": "\#(name)"\#(members.isEmpty ? "" : ", " + members)}"#
    }

    var fixture: Fixture {
        var f = Fixture()
        let fresh = Self.secret("db-password", """
            "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234", "RotationEnabled": true, "RotationRules": {"AutomaticallyAfterDays": 30},
            "LastRotatedDate": "\(Date.daysBeforeCollection(10))", "LastAccessedDate": "\(Date.daysBeforeCollection(1))",
            "CreatedDate": "\(Date.daysBeforeCollection(400))"
            """)
        let stale = Self.secret("legacy-token", """
            "LastAccessedDate": "\(Date.daysBeforeCollection(200))", "CreatedDate": "\(Date.daysBeforeCollection(365))"
            """)
        let young = Self.secret("new-key", #""CreatedDate": "\#(Date.daysBeforeCollection(5))""#)
        let bare = Self.secret("bare", "")
        f.answer("us-east-1", "secretsmanager", "list-secrets", #"{"SecretList": [\#(fresh), \#(stale), \#(young), \#(bare)]}"#)
        f.answer("us-east-1", "secretsmanager", "get-resource-policy", resource: Self.arn + "db-password-AbCdEf",
                 #"{"ARN": "\#(Self.arn)db-password-AbCdEf", "Name": "db-password", "ResourcePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}}]}"}"#)
        f.answer("us-east-1", "secretsmanager", "get-resource-policy", resource: Self.arn + "legacy-token-AbCdEf",
                 #"{"ARN": "\#(Self.arn)legacy-token-AbCdEf", "Name": "legacy-token", "ResourcePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Everyone\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}"}"#)
        f.answer("us-east-1", "secretsmanager", "get-resource-policy", resource: Self.arn + "new-key-AbCdEf",
                 #"{"ARN": "\#(Self.arn)new-key-AbCdEf", "Name": "new-key"}"#)
        f.fail("us-east-1", "secretsmanager", "get-resource-policy", resource: Self.arn + "bare-AbCdEf", code: "AccessDeniedException")
        return f
    }

    @Test func secretWithoutRotationFails() {
        #expect(fixture.status("secretsmanager.secret.rotation-enabled", on: "db-password-AbCdEf") == .pass)
        let stale = fixture.run("secretsmanager.secret.rotation-enabled").first { $0.resource.arn.hasSuffix("legacy-token-AbCdEf") }
        #expect(stale?.status == .fail)
        #expect(stale?.message == "Secret legacy-token does not rotate automatically (RotationEnabled is not true).")
    }

    @Test func secretNotRotatedFor90DaysFailsAndAgeWithoutDatesIsUnknown() {
        #expect(fixture.status("secretsmanager.secret.rotated-within-90-days", on: "db-password-AbCdEf") == .pass)
        #expect(fixture.status("secretsmanager.secret.rotated-within-90-days", on: "new-key-AbCdEf") == .pass)
        let stale = fixture.run("secretsmanager.secret.rotated-within-90-days").first { $0.resource.arn.hasSuffix("legacy-token-AbCdEf") }
        #expect(stale?.status == .fail)
        #expect(stale?.message == "Secret legacy-token was created 365 days ago and has never been rotated (more than 90).")
        #expect(fixture.status("secretsmanager.secret.rotated-within-90-days", on: "bare-AbCdEf") == .unknown)
    }

    @Test func secretUnreadFor90DaysFails() {
        #expect(fixture.status("secretsmanager.secret.used-within-90-days", on: "db-password-AbCdEf") == .pass)
        #expect(fixture.status("secretsmanager.secret.used-within-90-days", on: "legacy-token-AbCdEf") == .fail)
        #expect(fixture.status("secretsmanager.secret.used-within-90-days", on: "new-key-AbCdEf") == .pass)
        #expect(fixture.status("secretsmanager.secret.used-within-90-days", on: "bare-AbCdEf") == .unknown)
    }

    @Test func secretPolicyOpenToEveryoneFailsAndAnOrganisationPinPasses() {
        #expect(fixture.status("secretsmanager.secret.policy-not-public", on: "db-password-AbCdEf") == .pass)
        #expect(fixture.status("secretsmanager.secret.policy-not-public", on: "new-key-AbCdEf") == .pass)
        let open = fixture.run("secretsmanager.secret.policy-not-public").first { $0.resource.arn.hasSuffix("legacy-token-AbCdEf") }
        #expect(open?.status == .fail)
        #expect(open?.message == "Secret legacy-token's policy allows secretsmanager:GetSecretValue to everyone (Everyone).")
        let bare = fixture.run("secretsmanager.secret.policy-not-public").first { $0.resource.arn.hasSuffix("bare-AbCdEf") }
        #expect(bare?.status == .unknown)
        #expect(bare?.message.contains("AccessDeniedException") == true)
    }

    @Test func secretUnderTheAWSManagedKeyFails() {
        #expect(fixture.status("secretsmanager.secret.customer-managed-key", on: "db-password-AbCdEf") == .pass)
        #expect(fixture.status("secretsmanager.secret.customer-managed-key", on: "legacy-token-AbCdEf") == .fail)
    }

    @Test func unreadableSecretListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "secretsmanager", "list-secrets", code: "AccessDeniedException")
        for check in ["secretsmanager.secret.rotation-enabled", "secretsmanager.secret.rotated-within-90-days", "secretsmanager.secret.used-within-90-days",
                      "secretsmanager.secret.policy-not-public", "secretsmanager.secret.customer-managed-key"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }

    @Test func secretScheduledForDeletionIsNotJudged() {
        var f = Fixture()
        f.answer("us-east-1", "secretsmanager", "list-secrets",
                 #"{"SecretList": [\#(Self.secret("gone", #""DeletedDate": "\#(Date.daysBeforeCollection(1))", "CreatedDate": "\#(Date.daysBeforeCollection(900))""#))]}"#)
        #expect(f.run("secretsmanager.secret.rotation-enabled").isEmpty)
    }
}
