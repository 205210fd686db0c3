import RampartFindings
import Testing

@Suite struct AccountIAMChecksTests {
    typealias F = IAMFixtures

    /// `aws iam get-account-password-policy` output.
    static func passwordPolicy(_ members: String) -> String {
        #"""
        {"PasswordPolicy": {"RequireSymbols": true, "RequireNumbers": true, "RequireUppercaseCharacters": true,
                            "RequireLowercaseCharacters": true, "AllowUsersToChangePassword": true, "ExpirePasswords": false, \#(members)}}
        """#
    }

    func withPolicy(_ json: String) -> Fixture {
        var f = Fixture()
        f.iam("get-account-password-policy", json)
        return f
    }

    // MARK: password policy

    @Test func shortMinimumLengthFails() {
        let finding = withPolicy(Self.passwordPolicy(#""MinimumPasswordLength": 8"#)).accountFinding("iam.password-policy.minimum-length-14")
        #expect(finding?.status == .fail)
        #expect(finding?.message == "Account 123456789012's password policy requires only 8 characters (14 needed).")
        #expect(finding?.resource.arn == "arn:aws:iam::123456789012:root")
    }

    @Test func fourteenCharactersPass() {
        let f = withPolicy(Self.passwordPolicy(#""MinimumPasswordLength": 14, "PasswordReusePrevention": 24"#))
        #expect(f.accountFinding("iam.password-policy.minimum-length-14")?.status == .pass)
        #expect(f.accountFinding("iam.password-policy.reuse-prevention-24")?.status == .pass)
    }

    @Test func noPasswordPolicyFailsBothPolicyChecks() {
        var f = Fixture()
        f.iamFails("get-account-password-policy", code: "NoSuchEntity")
        let length = f.accountFinding("iam.password-policy.minimum-length-14")
        #expect(length?.status == .fail)
        #expect(length?.message == "Account 123456789012 has no IAM password policy (the default requires 8 characters).")
        #expect(f.accountFinding("iam.password-policy.reuse-prevention-24")?.status == .fail)
    }

    @Test func reuseNotPreventedOrTooFewRememberedFails() {
        let unset = withPolicy(Self.passwordPolicy(#""MinimumPasswordLength": 14"#)).accountFinding("iam.password-policy.reuse-prevention-24")
        #expect(unset?.status == .fail)
        #expect(unset?.message.contains("PasswordReusePrevention not set") == true)
        let five = withPolicy(Self.passwordPolicy(#""MinimumPasswordLength": 14, "PasswordReusePrevention": 5"#))
        #expect(five.accountFinding("iam.password-policy.reuse-prevention-24")?.message
            == "Account 123456789012's password policy prevents reuse of only the last 5 passwords (24 needed).")
    }

    @Test func unreadablePasswordPolicyIsUnknownNotAbsent() {
        var f = Fixture()
        f.iamFails("get-account-password-policy", code: "AccessDenied")
        #expect(f.accountFinding("iam.password-policy.minimum-length-14")?.status == .unknown)
        #expect(f.accountFinding("iam.password-policy.reuse-prevention-24")?.status == .unknown)
        #expect(Fixture().accountFinding("iam.password-policy.minimum-length-14")?.status == .unknown)
    }

    @Test func policyWithoutAMinimumLengthIsUnknown() {
        #expect(withPolicy(Self.passwordPolicy(#""PasswordReusePrevention": 24"#)).accountFinding("iam.password-policy.minimum-length-14")?.status
            == .unknown)
    }

    // MARK: support role

    static let support = "arn:aws:iam::aws:policy/AWSSupportAccess"

    @Test func supportAccessAttachedToARolePasses() {
        var f = Fixture()
        f.iam("get-account-authorization-details", F.authorizationDetails(
            users: [F.user("alice")], roles: [F.role("support", attached: [Self.support]), F.role("app", attached: [])]))
        let finding = f.accountFinding("iam.account.support-role")
        #expect(finding?.status == .pass)
        #expect(finding?.message == "AWSSupportAccess is attached to support in account 123456789012.")
    }

    @Test func supportAccessThroughAGroupOrUserAlsoCounts() {
        var f = Fixture()
        f.iam("get-account-authorization-details", F.authorizationDetails(
            users: [F.user("alice")], groups: [F.group("helpdesk", attached: [Self.support])]))
        #expect(f.accountFinding("iam.account.support-role")?.status == .pass)
    }

    @Test func noSupportAccessFails() {
        var f = Fixture()
        f.iam("get-account-authorization-details", F.authorizationDetails(
            users: [F.user("alice", attached: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])], roles: [F.role("app", attached: [])]))
        let finding = f.accountFinding("iam.account.support-role")
        #expect(finding?.status == .fail)
        #expect(finding?.message == "No user, group or role in account 123456789012 has AWSSupportAccess attached.")
    }

    @Test func supportRoleUnknownWithoutAuthorizationDetails() {
        var f = Fixture()
        f.iamFails("get-account-authorization-details")
        #expect(f.accountFinding("iam.account.support-role")?.status == .unknown)
    }
}
