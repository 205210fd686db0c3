import RampartFindings
import Testing

@Suite struct PasswordPolicyChecksTests {
    static let classChecks = [
        "iam.password-policy.require-uppercase", "iam.password-policy.require-lowercase", "iam.password-policy.require-number",
        "iam.password-policy.require-symbol",
    ]

    /// `aws iam get-account-password-policy` output.
    static func policy(
        upper: Bool = true, lower: Bool = true, numbers: Bool = true, symbols: Bool = true, expire: Bool = true, maxAge: Int? = 90
    ) -> String {
        let age = maxAge.map { #", "MaxPasswordAge": \#($0)"# } ?? ""
        return #"""
            {"PasswordPolicy": {"MinimumPasswordLength": 14, "RequireSymbols": \#(symbols), "RequireNumbers": \#(numbers),
                                "RequireUppercaseCharacters": \#(upper), "RequireLowercaseCharacters": \#(lower),
                                "AllowUsersToChangePassword": true, "ExpirePasswords": \#(expire), "PasswordReusePrevention": 24,
                                "HardExpiry": false\#(age)}}
            """#
    }

    func with(_ json: String) -> Fixture {
        var f = Fixture()
        f.iam("get-account-password-policy", json)
        return f
    }

    @Test func aPolicyRequiringEveryCharacterClassPassesAllFour() {
        let f = with(Self.policy())
        for id in Self.classChecks { #expect(f.accountFinding(id)?.status == .pass, "\(id)") }
        #expect(f.accountFinding("iam.password-policy.require-uppercase")?.message
            == "Account 123456789012's password policy requires at least one uppercase letter.")
    }

    @Test func eachMissingClassFailsOnlyItsOwnCheck() {
        let cases: [(String, Fixture, String)] = [
            ("iam.password-policy.require-uppercase", with(Self.policy(upper: false)), "RequireUppercaseCharacters"),
            ("iam.password-policy.require-lowercase", with(Self.policy(lower: false)), "RequireLowercaseCharacters"),
            ("iam.password-policy.require-number", with(Self.policy(numbers: false)), "RequireNumbers"),
            ("iam.password-policy.require-symbol", with(Self.policy(symbols: false)), "RequireSymbols"),
        ]
        for (failing, fixture, field) in cases {
            for id in Self.classChecks {
                let finding = fixture.accountFinding(id)
                #expect(finding?.status == (id == failing ? .fail : .pass), "\(id) with \(field) false")
            }
            #expect(fixture.accountFinding(failing)?.message.hasSuffix("(\(field) is false).") == true)
        }
        #expect(with(Self.policy(symbols: false)).accountFinding("iam.password-policy.require-symbol")?.message
            == "Account 123456789012's password policy does not require at least one symbol (RequireSymbols is false).")
    }

    @Test func noPasswordPolicyFailsEveryItem() {
        var f = Fixture()
        f.iamFails("get-account-password-policy", code: "NoSuchEntity")
        for id in Self.classChecks + ["iam.password-policy.expires-within-90-days"] {
            #expect(f.accountFinding(id)?.status == .fail, "\(id)")
        }
        #expect(f.accountFinding("iam.password-policy.expires-within-90-days")?.message
            == "Account 123456789012 has no IAM password policy, so passwords never expire.")
    }

    @Test func anUnreadableOrUncollectedPolicyIsUnknown() {
        var denied = Fixture()
        denied.iamFails("get-account-password-policy", code: "AccessDenied")
        for id in Self.classChecks + ["iam.password-policy.expires-within-90-days"] {
            #expect(denied.accountFinding(id)?.status == .unknown, "\(id)")
            #expect(Fixture().accountFinding(id)?.status == .unknown, "\(id) not collected")
        }
    }

    @Test func passwordsExpiringWithin90DaysPass() {
        let finding = with(Self.policy(maxAge: 90)).accountFinding("iam.password-policy.expires-within-90-days")
        #expect(finding?.status == .pass)
        #expect(finding?.message == "Account 123456789012's password policy makes passwords expire after 90 days.")
        #expect(with(Self.policy(maxAge: 30)).accountFinding("iam.password-policy.expires-within-90-days")?.status == .pass)
    }

    @Test func passwordsThatNeverExpireOrLiveLongerFail() {
        let never = with(Self.policy(expire: false, maxAge: nil)).accountFinding("iam.password-policy.expires-within-90-days")
        #expect(never?.status == .fail)
        #expect(never?.message == "Account 123456789012's password policy does not make passwords expire (ExpirePasswords is false).")
        let long = with(Self.policy(maxAge: 180)).accountFinding("iam.password-policy.expires-within-90-days")
        #expect(long?.status == .fail)
        #expect(long?.message == "Account 123456789012's password policy lets passwords live 180 days (90 at most).")
    }

    @Test func expiryWithoutAStatedAgeIsUnknown() {
        #expect(with(Self.policy(expire: true, maxAge: nil)).accountFinding("iam.password-policy.expires-within-90-days")?.status == .unknown)
    }

    @Test func characterClassesMapToSecurityHubIAM7AndExpiryToNoCurrentFramework() {
        let f = with(Self.policy())
        for id in Self.classChecks { #expect(f.accountFinding(id)?.frameworks == ["aws-fsbp": ["IAM.7"]], "\(id)") }
        #expect(f.accountFinding("iam.password-policy.require-number")?.aliases == ["prowler": "iam_password_policy_number"])
        let expiry = f.accountFinding("iam.password-policy.expires-within-90-days")
        #expect(expiry?.frameworks.isEmpty == true)
        #expect(expiry?.aliases == ["prowler": "iam_password_policy_expires_passwords_within_90_days_or_less"])
    }
}
