import RampartFindings
import RampartInventory
import RampartJSON
import struct Foundation.Date

/// IAM users: console MFA, access key age and count, stale passwords and keys (all from the
/// credential report, whose dates count from the collection time), and permissions granted to
/// the user directly instead of through groups (from the authorization details).
enum IAMUserChecks {
    static let all: [Check] = [
        consoleMFA, accessKeysRotated, unusedPasswordDisabled, unusedAccessKeysDisabled, singleActiveAccessKey, permissionsThroughGroups,
    ]

    /// Access keys older than this many days fail (CIS 1.14, Security Hub IAM.3).
    static let rotationDays = 90
    /// Credentials unused for this many days or more fail (CIS 1.12, Security Hub IAM.22).
    static let unusedDays = 45

    static let consoleMFA = Check(
        CheckMetadata(
            id: "iam.user.console-mfa",
            title: "IAM users with a console password have MFA",
            severity: .high, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.10"], "cis-aws-5.0": ["1.9"], "aws-fsbp": ["IAM.5"]],
            prowler: "iam_user_mfa_enabled_console_access",
            risk: "A console password alone falls to phishing, reuse or guessing; MFA stops a stolen password from being enough.",
            remediation: "Assign an MFA device to the user, or remove the console password if the user does not need the console.",
            remediationCommand:
                "aws iam enable-mfa-device --user-name <user-name> --serial-number arn:aws:iam::<account-id>:mfa/<device-name> --authentication-code1 <code1> --authentication-code2 <code2>"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in
                let evidence: JSONObject = ["passwordEnabled": row.passwordEnabled.map(JSONValue.bool) ?? .null, "mfaActive": .bool(row.mfaActive)]
                switch row.passwordEnabled {
                case nil: return .unknown(ref, "The credential report gives \(row.user)'s password_enabled as neither true nor false.")
                case false?: return .pass(ref, "\(row.user) has no console password.", evidence: evidence)
                case true?:
                    if row.mfaActive { return .pass(ref, "\(row.user) has a console password and MFA.", evidence: evidence) }
                    return .fail(ref, "\(row.user) has a console password and no MFA device.", evidence: evidence)
                }
            }
        })

    static let accessKeysRotated = Check(
        CheckMetadata(
            id: "iam.user.access-keys-rotated",
            title: "IAM users' active access keys are at most 90 days old",
            severity: .medium, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.14"], "cis-aws-5.0": ["1.13"], "aws-fsbp": ["IAM.3"]],
            prowler: "iam_rotate_access_key_90_days",
            risk: "The older a key, the more places it has been copied to and the longer a leaked copy keeps working.",
            remediation: "Create a new key, move its users to it, deactivate the old key, and delete it once nothing breaks.",
            remediationCommand:
                "aws iam create-access-key --user-name <user-name> && aws iam update-access-key --user-name <user-name> --access-key-id <old-access-key-id> --status Inactive"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in
                let active = IAMCheckSupport.accessKeys(row).filter(\.active)
                if active.isEmpty { return .pass(ref, "\(row.user) has no active access keys.") }
                var evidence = JSONObject()
                var ages: [(key: Int, days: Int, created: Date)] = []
                for key in active {
                    guard let rotated = key.lastRotated else {
                        return .unknown(ref, "\(row.user)'s access key \(key.number) is active but the credential report gives no last-rotated date.")
                    }
                    ages.append((key.number, ctx.daysSince(rotated), rotated))
                    evidence["accessKey\(key.number)LastRotated"] = .string(Timestamp.format(rotated))
                }
                let stale = ages.filter { $0.days > rotationDays }
                if stale.isEmpty {
                    let oldest = ages.map(\.days).max() ?? 0
                    return .pass(ref, "\(row.user)'s active access keys are at most \(IAMCheckSupport.days(oldest)) old.", evidence: evidence)
                }
                let list = stale.map { "access key \($0.key) is \(IAMCheckSupport.days($0.days)) old (created \(IAMCheckSupport.day($0.created)))" }
                return .fail(ref, "\(row.user)'s \(list.joined(separator: "; ")); keys over \(rotationDays) days fail.", evidence: evidence)
            }
        })

    static let unusedPasswordDisabled = Check(
        CheckMetadata(
            id: "iam.user.unused-console-password-removed",
            title: "IAM users have no console password unused for 45 days or more",
            severity: .medium, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.12"], "cis-aws-5.0": ["1.11"]],
            prowler: "iam_user_console_access_unused",
            risk: "A password nobody uses is one nobody would notice being used by someone else, e.g. after its owner left.",
            remediation: "Remove the console password of users who no longer sign in; they can be given a new one when needed.",
            remediationCommand: "aws iam delete-login-profile --user-name <user-name>"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in
                switch row.passwordEnabled {
                case nil: return .unknown(ref, "The credential report gives \(row.user)'s password_enabled as neither true nor false.")
                case false?: return .pass(ref, "\(row.user) has no console password.")
                case true?: break
                }
                // Never used: CIS measures from when the password was set (else when the user was created).
                let since: (date: Date, what: String)
                if let used = row.passwordLastUsed {
                    since = (used, "last used")
                } else if let set = row.passwordLastChanged ?? row.userCreationTime {
                    since = (set, "never used, set")
                } else {
                    return .unknown(ref, "The credential report gives no date for \(row.user)'s password (last used, last changed or user created).")
                }
                let days = ctx.daysSince(since.date)
                let evidence: JSONObject = [
                    "passwordLastUsed": .optional(row.passwordLastUsed.map(Timestamp.format)),
                    "passwordLastChanged": .optional(row.passwordLastChanged.map(Timestamp.format)), "daysUnused": .number(Double(days)),
                ]
                let fact = "\(row.user)'s console password was \(since.what) \(IAMCheckSupport.days(days)) before collection (\(IAMCheckSupport.day(since.date)))"
                if days >= unusedDays { return .fail(ref, "\(fact); \(unusedDays) days or more fails.", evidence: evidence) }
                return .pass(ref, "\(fact).", evidence: evidence)
            }
        })

    static let unusedAccessKeysDisabled = Check(
        CheckMetadata(
            id: "iam.user.unused-access-keys-disabled",
            title: "IAM users have no active access key unused for 45 days or more",
            severity: .medium, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.12"], "cis-aws-5.0": ["1.11"]],
            prowler: "iam_user_accesskey_unused",
            risk: "An idle key still works: if it has leaked, nothing in normal operations would reveal its use.",
            remediation: "Deactivate access keys that have not been used for 45 days, and delete them once nothing breaks.",
            remediationCommand: "aws iam update-access-key --user-name <user-name> --access-key-id <access-key-id> --status Inactive"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in
                let active = IAMCheckSupport.accessKeys(row).filter(\.active)
                if active.isEmpty { return .pass(ref, "\(row.user) has no active access keys.") }
                var evidence = JSONObject()
                var facts: [(stale: Bool, text: String)] = []
                for key in active {
                    // Never used: CIS measures from the key's creation (last rotation).
                    let since: (date: Date, what: String)
                    if let used = key.lastUsed {
                        since = (used, "last used")
                    } else if let created = key.lastRotated {
                        since = (created, "never used, created")
                    } else {
                        return .unknown(ref, "The credential report gives no last-used or creation date for \(row.user)'s active access key \(key.number).")
                    }
                    let days = ctx.daysSince(since.date)
                    evidence["accessKey\(key.number)DaysUnused"] = .number(Double(days))
                    facts.append((days >= unusedDays, "access key \(key.number) was \(since.what) \(IAMCheckSupport.days(days)) before collection"))
                }
                let stale = facts.filter(\.stale).map(\.text)
                if stale.isEmpty { return .pass(ref, "\(row.user)'s \(facts.map(\.text).joined(separator: "; ")).", evidence: evidence) }
                return .fail(ref, "\(row.user)'s \(stale.joined(separator: "; ")); \(unusedDays) days or more fails.", evidence: evidence)
            }
        })

    static let singleActiveAccessKey = Check(
        CheckMetadata(
            id: "iam.user.single-active-access-key",
            title: "IAM users have at most one active access key",
            severity: .medium, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.13"], "cis-aws-5.0": ["1.12"]],
            prowler: "iam_user_two_active_access_key",
            risk: "A second active key doubles the credentials to protect and often outlives the rotation it was made for.",
            remediation: "Keep the key in use, deactivate the other, and delete it once nothing breaks.",
            remediationCommand: "aws iam update-access-key --user-name <user-name> --access-key-id <unused-access-key-id> --status Inactive"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in
                let count = row.activeAccessKeyCount
                let evidence: JSONObject = ["activeAccessKeys": .number(Double(count))]
                if count > 1 { return .fail(ref, "\(row.user) has \(count) active access keys.", evidence: evidence) }
                return .pass(ref, "\(row.user) has \(count == 0 ? "no" : "one") active access key\(count == 0 ? "s" : "").", evidence: evidence)
            }
        })

    static let permissionsThroughGroups = Check(
        CheckMetadata(
            id: "iam.user.permissions-through-groups",
            title: "IAM users get permissions only through groups",
            severity: .low, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.15"], "cis-aws-5.0": ["1.14"], "aws-fsbp": ["IAM.2"]],
            prowler: "iam_policy_attached_only_to_group_or_roles",
            risk: "Permissions granted user by user drift apart and are missed in reviews; groups keep one place to grant and revoke.",
            remediation: "Put the user in a group that carries the permissions, then detach the user's managed policies and delete its inline policies.",
            remediationCommand:
                "aws iam add-user-to-group --user-name <user-name> --group-name <group-name> && aws iam detach-user-policy --user-name <user-name> --policy-arn <policy-arn>"),
        evaluate: { ctx in
            var out: [CheckOutcome] = []
            for account in ctx.inventory.accounts {
                switch IAMCheckSupport.users(account) {
                case .unknown(let reason):
                    out.append(.unknown(ctx.scopeRef(account.scope), reason))
                case .known(let users):
                    out += users.map { user in
                        let attached = user.attachedPolicies.map { $0.name.isEmpty ? $0.arn : $0.name }
                        let inline = user.inlinePolicies.map(\.name)
                        let evidence: JSONObject = [
                            "attachedPolicies": .strings(user.attachedPolicies.map(\.arn)), "inlinePolicies": .strings(inline),
                        ]
                        if attached.isEmpty && inline.isEmpty {
                            return .pass(user.ref, "\(user.name) has no policies of its own.", evidence: evidence)
                        }
                        var parts: [String] = []
                        if !attached.isEmpty { parts.append("attached \(attached.joined(separator: ", "))") }
                        if !inline.isEmpty { parts.append("inline \(inline.joined(separator: ", "))") }
                        return .fail(user.ref, "\(user.name) has policies of its own: \(parts.joined(separator: "; ")).", evidence: evidence)
                    }
                }
            }
            return out
        })
}
