import RampartFindings
import RampartInventory
import RampartJSON

/// The password-policy items CIS AWS Foundations asked for before v1.4 (character classes and
/// a 90-day maximum age), beside the length and reuse items of `AccountIAMChecks`. No policy set
/// fails them all: IAM's default requires none of these.
enum PasswordPolicyChecks {
    static let all: [Check] = [requireUppercase, requireLowercase, requireNumber, requireSymbol, expiresWithin90Days]

    /// Passwords older than this many days must be changed (CIS v1.2 1.11).
    static let maximumAgeDays = 90

    static let requireUppercase = characterClass(
        id: "iam.password-policy.require-uppercase", noun: "uppercase letter", field: "RequireUppercaseCharacters",
        flag: "--require-uppercase-characters", prowler: "iam_password_policy_uppercase", \.requireUppercaseCharacters)

    static let requireLowercase = characterClass(
        id: "iam.password-policy.require-lowercase", noun: "lowercase letter", field: "RequireLowercaseCharacters",
        flag: "--require-lowercase-characters", prowler: "iam_password_policy_lowercase", \.requireLowercaseCharacters)

    static let requireNumber = characterClass(
        id: "iam.password-policy.require-number", noun: "number", field: "RequireNumbers",
        flag: "--require-numbers", prowler: "iam_password_policy_number", \.requireNumbers)

    static let requireSymbol = characterClass(
        id: "iam.password-policy.require-symbol", noun: "symbol", field: "RequireSymbols",
        flag: "--require-symbols", prowler: "iam_password_policy_symbol", \.requireSymbols)

    /// One character-class requirement. CIS v3.0 and v5.0 no longer list these (they were v1.2's
    /// 1.5-1.8); Security Hub's IAM.7 in AWS Foundational Security Best Practices asks for all four.
    static func characterClass(
        id: String, noun: String, field: String, flag: String, prowler: String, _ setting: @escaping @Sendable (PasswordPolicy) -> Bool
    ) -> Check {
        Check(
            CheckMetadata(
                id: id, title: "The IAM password policy requires at least one \(noun)",
                severity: .medium, resourceType: "AWS::::Account", serviceModel: .managed,
                frameworks: ["aws-fsbp": ["IAM.7"]], prowler: prowler,
                risk: "Passwords drawn from fewer kinds of characters fall to guessing and offline cracking sooner.",
                remediation: "Set the account password policy to require at least one \(noun) in every IAM user password.",
                remediationCommand: "aws iam update-account-password-policy \(flag)" + AccountIAMChecks.policyCommandNote),
            evaluate: { ctx in
                let what = "at least one \(noun)"
                return ctx.perAccount(\.iam.passwordPolicy, resource: ctx.accountRef) { policy, ref, account in
                    guard let policy else {
                        return .fail(ref, "Account \(account.id) has no IAM password policy, so passwords need not contain \(what).",
                                     evidence: ["passwordPolicy": .null])
                    }
                    let required = setting(policy)
                    let evidence: JSONObject = [field: .bool(required)]
                    if required { return .pass(ref, "Account \(account.id)'s password policy requires \(what).", evidence: evidence) }
                    return .fail(ref, "Account \(account.id)'s password policy does not require \(what) (\(field) is false).", evidence: evidence)
                }
            })
    }

    static let expiresWithin90Days = Check(
        CheckMetadata(
            id: "iam.password-policy.expires-within-90-days",
            title: "The IAM password policy makes passwords expire within 90 days",
            severity: .low, resourceType: "AWS::::Account", serviceModel: .managed,
            // CIS v1.2 1.11 (Security Hub IAM.17); neither CIS v3.0/v5.0 nor FSBP's IAM.7 keeps it.
            frameworks: [:], prowler: "iam_password_policy_expires_passwords_within_90_days_or_less",
            risk:
                "A password that never expires keeps working wherever it leaked. (NIST SP 800-63B prefers change on evidence of compromise; "
                + "this is the item CIS v1.2 and PCI DSS ask for.)",
            remediation: "Set the account password policy's maximum password age to 90 days or fewer.",
            remediationCommand: "aws iam update-account-password-policy --max-password-age 90" + AccountIAMChecks.policyCommandNote),
        evaluate: { ctx in
            ctx.perAccount(\.iam.passwordPolicy, resource: ctx.accountRef) { policy, ref, account in
                guard let policy else {
                    return .fail(ref, "Account \(account.id) has no IAM password policy, so passwords never expire.", evidence: ["passwordPolicy": .null])
                }
                let evidence: JSONObject = ["ExpirePasswords": .bool(policy.expirePasswords), "MaxPasswordAge": .optional(policy.maxPasswordAge)]
                guard policy.expirePasswords else {
                    return .fail(ref, "Account \(account.id)'s password policy does not make passwords expire (ExpirePasswords is false).",
                                 evidence: evidence)
                }
                guard let age = policy.maxPasswordAge else {
                    return .unknown(ref, "Account \(account.id)'s password policy expires passwords but does not state MaxPasswordAge.")
                }
                if age <= maximumAgeDays {
                    return .pass(ref, "Account \(account.id)'s password policy makes passwords expire after \(IAMCheckSupport.days(age)).",
                                 evidence: evidence)
                }
                return .fail(
                    ref, "Account \(account.id)'s password policy lets passwords live \(IAMCheckSupport.days(age)) (\(maximumAgeDays) at most).",
                    evidence: evidence)
            }
        })
}
