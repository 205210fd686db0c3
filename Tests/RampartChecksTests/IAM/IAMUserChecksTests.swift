import RampartFindings
import Testing

@Suite struct IAMUserChecksTests {
    typealias F = IAMFixtures

    static let rows = [
        F.rootRow(),
        // Console with MFA, recent password and key: passes everything.
        F.userRow("alice", passwordSet: 30, passwordUsed: 2, mfa: true, key1: .init(active: true, rotated: 30, used: 1)),
        // Console without MFA, password idle for 60 days.
        F.userRow("bob", passwordSet: 200, passwordUsed: 60),
        // Two active keys: one 120 days old and idle for 100, one new and never used.
        F.userRow("carol", key1: .init(active: true, rotated: 120, used: 100), key2: .init(active: true, rotated: 10, used: nil)),
        // Password never used, set 50 days ago; an old key that is inactive does not count.
        F.userRow("dave", passwordSet: 50, mfa: true, key1: .init(active: false, rotated: 400, used: 300)),
        // Password never used, set 10 days ago; an active key never used, created 46 days ago.
        F.userRow("erin", passwordSet: 10, mfa: true, key1: .init(active: true, rotated: 46, used: nil)),
    ]

    static let details = F.authorizationDetails(users: [
        F.user("alice", groups: ["admins"]),
        F.user("bob", attached: ["arn:aws:iam::aws:policy/ReadOnlyAccess"]),
        F.user("carol", inline: ["s3-list"]),
        F.user("dave", groups: ["admins"]),
        F.user("erin"),
        F.user("frank"),  // created after the report was generated
    ])

    var fixture: Fixture {
        var f = Fixture()
        f.iam("get-credential-report", F.credentialReport(Self.rows))
        f.iam("get-account-authorization-details", Self.details)
        return f
    }

    func message(_ checkId: String, _ user: String) -> String? {
        fixture.run(checkId).first { $0.resource.arn.hasSuffix("user/\(user)") }?.message
    }

    // MARK: console MFA

    @Test func consoleUserWithoutMFAFails() {
        let id = "iam.user.console-mfa"
        #expect(fixture.status(id, on: "user/bob") == .fail)
        #expect(message(id, "bob") == "bob has a console password and no MFA device.")
        #expect(fixture.status(id, on: "user/alice") == .pass)
        #expect(fixture.status(id, on: "user/carol") == .pass)
        #expect(message(id, "carol") == "carol has no console password.")
    }

    @Test func usersAreTheAuthorizationDetailsUsersAndRootIsLeftOut() {
        let findings = fixture.run("iam.user.console-mfa")
        #expect(findings.count == 6)
        #expect(!findings.contains { $0.resource.arn.hasSuffix(":root") })
        let alice = findings.first { $0.resource.arn.hasSuffix("user/alice") }
        #expect(alice?.resource.type == "AWS::IAM::User")
        #expect(alice?.resource.name == "alice")
    }

    @Test func aUserMissingFromTheReportIsUnknown() {
        #expect(fixture.status("iam.user.console-mfa", on: "user/frank") == .unknown)
        #expect(message("iam.user.access-keys-rotated", "frank")?.contains("not in the credential report") == true)
    }

    @Test func reportRowsAreJudgedEvenWithoutAuthorizationDetails() {
        var f = Fixture()
        f.iam("get-credential-report", F.credentialReport(Self.rows))
        f.iamFails("get-account-authorization-details")
        let findings = f.run("iam.user.console-mfa")
        #expect(findings.count == 5)
        #expect(findings.first { $0.resource.arn == "arn:aws:iam::123456789012:user/bob" }?.status == .fail)
    }

    @Test func unreadableCredentialReportIsUnknownForTheAccount() {
        var f = Fixture()
        f.iamFails("get-credential-report", code: "ReportExpired")
        f.iam("get-account-authorization-details", Self.details)
        for id in ["iam.user.console-mfa", "iam.user.access-keys-rotated", "iam.user.unused-console-password-removed",
                   "iam.user.unused-access-keys-disabled", "iam.user.single-active-access-key"] {
            let findings = f.run(id)
            #expect(findings.map(\.status) == [.unknown], "\(id)")
            #expect(findings.first?.message.contains("ReportExpired") == true)
            #expect(findings.first?.resource.arn == "arn:aws:iam::123456789012:*")
        }
    }

    // MARK: rotation

    @Test func accessKeyOlderThanNinetyDaysFails() {
        let id = "iam.user.access-keys-rotated"
        #expect(fixture.status(id, on: "user/carol") == .fail)
        #expect(message(id, "carol") == "carol's access key 1 is 120 days old (created 2026-08-01); keys over 90 days fail.")
        #expect(fixture.status(id, on: "user/alice") == .pass)
        #expect(fixture.status(id, on: "user/dave") == .pass)  // its old key is inactive
        #expect(message(id, "dave") == "dave has no active access keys.")
    }

    // MARK: unused credentials

    @Test func passwordUnusedForFortyFiveDaysFails() {
        let id = "iam.user.unused-console-password-removed"
        #expect(fixture.status(id, on: "user/bob") == .fail)
        #expect(message(id, "bob") == "bob's console password was last used 60 days before collection (2026-09-30); 45 days or more fails.")
        #expect(fixture.status(id, on: "user/alice") == .pass)
    }

    @Test func neverUsedPasswordCountsFromWhenItWasSet() {
        let id = "iam.user.unused-console-password-removed"
        #expect(fixture.status(id, on: "user/dave") == .fail)
        #expect(message(id, "dave")?.contains("never used, set 50 days before collection") == true)
        #expect(fixture.status(id, on: "user/erin") == .pass)
        #expect(fixture.status(id, on: "user/carol") == .pass)  // no password
    }

    @Test func activeKeyUnusedForFortyFiveDaysFails() {
        let id = "iam.user.unused-access-keys-disabled"
        #expect(fixture.status(id, on: "user/carol") == .fail)
        #expect(message(id, "carol") == "carol's access key 1 was last used 100 days before collection; 45 days or more fails.")
        #expect(fixture.status(id, on: "user/erin") == .fail)  // never used, created 46 days ago
        #expect(fixture.status(id, on: "user/alice") == .pass)
        #expect(fixture.status(id, on: "user/dave") == .pass)
    }

    @Test func activeKeyWithoutAnyDateIsUnknown() {
        var f = Fixture()
        let row = "gina,arn:aws:iam::123456789012:user/gina,N/A,false,N/A,N/A,N/A,false,true,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        f.iam("get-credential-report", F.credentialReport([F.rootRow(), row]))
        #expect(f.status("iam.user.unused-access-keys-disabled", on: "user/gina") == .unknown)
        #expect(f.status("iam.user.access-keys-rotated", on: "user/gina") == .unknown)
        #expect(f.run("iam.user.access-keys-rotated").first?.resource.name == "gina")
    }

    /// IAM user names may contain commas, which the report's CSV quotes. The inventory's parser
    /// splits on every comma, so this row's columns shift and its two active keys read as none.
    @Test func aUserNameWithACommaIsReadFromTheQuotedCSVField() {
        var f = Fixture()
        let key = F.Key(active: true, rotated: 10, used: 1).columns()
        let row = #""ops,deploy","arn:aws:iam::123456789012:user/ops,deploy",\#(F.reportDate(400)),false,N/A,N/A,N/A,false,\#(key),\#(key),false,N/A,false,N/A"#
        f.iam("get-credential-report", F.credentialReport([F.rootRow(), row]))
        #expect(f.status("iam.user.single-active-access-key", on: "user/ops,deploy") == .fail)
    }

    // MARK: one active key

    @Test func twoActiveAccessKeysFail() {
        let id = "iam.user.single-active-access-key"
        #expect(fixture.status(id, on: "user/carol") == .fail)
        #expect(message(id, "carol") == "carol has 2 active access keys.")
        #expect(fixture.status(id, on: "user/alice") == .pass)
        #expect(fixture.status(id, on: "user/dave") == .pass)
    }

    // MARK: permissions through groups

    @Test func userWithAttachedOrInlinePoliciesFails() {
        let id = "iam.user.permissions-through-groups"
        #expect(fixture.status(id, on: "user/bob") == .fail)
        #expect(message(id, "bob") == "bob has policies of its own: attached ReadOnlyAccess.")
        #expect(fixture.status(id, on: "user/carol") == .fail)
        #expect(message(id, "carol") == "carol has policies of its own: inline s3-list.")
        #expect(fixture.status(id, on: "user/alice") == .pass)
        #expect(fixture.run(id).count == 6)
    }

    @Test func unreadableAuthorizationDetailsMakeGroupCheckUnknown() {
        var f = Fixture()
        f.iamFails("get-account-authorization-details")
        #expect(f.run("iam.user.permissions-through-groups").map(\.status) == [.unknown])
    }
}
