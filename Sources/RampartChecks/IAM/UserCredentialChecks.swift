import RampartFindings
import RampartInventory
import RampartJSON
import struct Foundation.Date

/// How IAM users hold credentials, from the credential report (dates count from the collection
/// time): people sign in with a password and MFA, workloads use roles, and nobody keeps a user
/// that has not been used for months or keys made "just in case" when the user was created.
enum UserCredentialChecks {
    static let all: [Check] = [consoleWithoutAccessKeys, usedWithin90Days, noInitialSetupAccessKeys, workloadsUseRoles]

    /// A user with no password use and no key use for this many days or more, and older than
    /// that, is dormant.
    static let dormantDays = 90

    /// A user's active key numbers, and the evidence both password-and-keys checks report.
    static func passwordAndActiveKeys(_ row: CredentialReportRow) -> (active: [Int], evidence: JSONObject) {
        let active = IAMCheckSupport.accessKeys(row).filter(\.active).map(\.number)
        let evidence: JSONObject = [
            "passwordEnabled": row.passwordEnabled.map(JSONValue.bool) ?? .null,
            "activeAccessKeys": .array(active.map { .number(Double($0)) }),
        ]
        return (active, evidence)
    }

    static let consoleWithoutAccessKeys = Check(
        CheckMetadata(
            id: "iam.user.console-password-without-access-keys",
            title: "IAM users with a console password have no active access keys",
            severity: .medium, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk:
                "A person's user with both a password and a long-lived key can be taken over two ways, and the key (which MFA does not protect) "
                + "usually ends up in files and shell histories; people should get temporary credentials from their sign-in instead.",
            remediation:
                "Have the person use temporary credentials (IAM Identity Center, aws login, or a role assumed with MFA), "
                + "then deactivate and delete the user's access keys.",
            remediationCommand: "aws iam update-access-key --user-name <user-name> --access-key-id <access-key-id> --status Inactive"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in
                let (active, evidence) = passwordAndActiveKeys(row)
                switch row.passwordEnabled {
                case nil:
                    return .unknown(ref, "The credential report gives \(row.user)'s password_enabled as neither true nor false.")
                case false?:
                    return .pass(ref, "\(row.user) has no console password.", evidence: evidence)
                case true?:
                    if active.isEmpty { return .pass(ref, "\(row.user) has a console password and no active access keys.", evidence: evidence) }
                    return .fail(ref, "\(row.user) has a console password and active \(keyList(active)).", evidence: evidence)
                }
            }
        })

    static let usedWithin90Days = Check(
        CheckMetadata(
            id: "iam.user.used-within-90-days",
            title: "IAM users older than 90 days have signed in or used an access key within the last 90 days",
            severity: .medium, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk:
                "A user nobody has used for three months usually belongs to someone who left or to a retired workload; "
                + "its permissions stay, and anyone who can give it a password or key gets them unnoticed.",
            remediation:
                "Confirm with the owner that the user is no longer needed, then remove its password and keys and delete it "
                + "(its groups, policies and MFA devices must be removed first).",
            remediationCommand:
                "aws iam delete-login-profile --user-name <user-name> && aws iam update-access-key --user-name <user-name> --access-key-id <access-key-id> --status Inactive"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in judgeDormancy(row, ref, ctx) }
        })

    static func judgeDormancy(_ row: CredentialReportRow, _ ref: ResourceRef, _ ctx: CheckContext) -> CheckOutcome {
        let latest = IAMCheckSupport.latestUse(row)
        var evidence: JSONObject = [
            "thresholdDays": .number(Double(dormantDays)),
            "userCreationTime": .optional(row.userCreationTime.map(Timestamp.format)),
            "lastUsed": .optional(latest.map { Timestamp.format($0.date) }),
        ]
        if let latest {
            let days = ctx.daysSince(latest.date)
            evidence["daysSinceLastUse"] = .number(Double(days))
            if days < dormantDays {
                return .pass(
                    ref, "\(row.user) was last used \(IAMCheckSupport.days(days)) before collection (\(latest.what) on \(IAMCheckSupport.day(latest.date))).",
                    evidence: evidence)
            }
        }
        guard let created = row.userCreationTime else {
            return .unknown(ref, "The credential report gives no creation time for \(row.user), so a user without recent use cannot be told from a new one.")
        }
        let age = ctx.daysSince(created)
        evidence["daysSinceCreation"] = .number(Double(age))
        if age < dormantDays {
            return .pass(ref, "\(row.user) was created \(IAMCheckSupport.days(age)) before collection, less than \(dormantDays) days.", evidence: evidence)
        }
        let use = latest.map { "last used \(IAMCheckSupport.days(ctx.daysSince($0.date))) before collection (\($0.what) on \(IAMCheckSupport.day($0.date)))" }
            ?? "never used since it was created \(IAMCheckSupport.days(age)) before collection"
        return .fail(ref, "\(row.user) was \(use); \(dormantDays) days or more without use fails.", evidence: evidence)
    }

    static let noInitialSetupAccessKeys = Check(
        CheckMetadata(
            id: "iam.user.no-initial-setup-access-keys",
            title: "IAM users with a console password have no active access key that has never been used",
            severity: .medium, resourceType: "AWS::IAM::User", serviceModel: .managed,
            // CIS 5.0 numbers it 1.10; Prowler's cis_5.0_aws.json prints that id as "1.1".
            frameworks: ["cis-aws-3.0": ["1.11"], "cis-aws-5.0": ["1.10"]],
            prowler: "iam_user_no_setup_initial_access_key",
            risk:
                "A key created along with a person's user \"in case it is needed\" is a live credential nobody relies on, "
                + "so its leak or misuse would go unnoticed.",
            remediation:
                "Delete access keys of console users that have never been used; a user who needs one later creates it as a separate, deliberate step.",
            remediationCommand: "aws iam delete-access-key --user-name <user-name> --access-key-id <access-key-id>"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in
                switch row.passwordEnabled {
                case nil: return .unknown(ref, "The credential report gives \(row.user)'s password_enabled as neither true nor false.")
                case false?: return .pass(ref, "\(row.user) has no console password.")
                case true?: break
                }
                let active = IAMCheckSupport.accessKeys(row).filter(\.active)
                if active.isEmpty { return .pass(ref, "\(row.user) has no active access keys.") }
                let unused = active.filter { $0.lastUsed == nil }
                var evidence: JSONObject = ["userCreationTime": .optional(row.userCreationTime.map(Timestamp.format))]
                for key in active {
                    evidence["accessKey\(key.number)LastRotated"] = .optional(key.lastRotated.map(Timestamp.format))
                    evidence["accessKey\(key.number)LastUsed"] = .optional(key.lastUsed.map(Timestamp.format))
                }
                if unused.isEmpty {
                    return .pass(ref, "\(row.user)'s active \(keyList(active.map(\.number))) \(active.count == 1 ? "has" : "have") been used.", evidence: evidence)
                }
                let facts = unused.map { key in
                    var text = "access key \(key.number)"
                    if let created = key.lastRotated {
                        let withUser = row.userCreationTime.map { abs(created.timeIntervalSince($0)) < 60 } ?? false
                        text += withUser ? " (created with the user on \(IAMCheckSupport.day(created)))" : " (created \(IAMCheckSupport.day(created)))"
                    }
                    return text
                }
                return .fail(
                    ref, "\(row.user) has a console password and never-used active \(facts.joined(separator: " and ")).", evidence: evidence)
            }
        })

    static let workloadsUseRoles = Check(
        CheckMetadata(
            id: "iam.user.workloads-use-roles",
            title: "IAM users without a console password (workloads) hold no long-lived access keys",
            severity: .low, resourceType: "AWS::IAM::User", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk:
                "A workload's access key works from anywhere until someone revokes it and is copied into configuration and CI secrets; "
                + "a role gives the same workload credentials that expire within hours.",
            remediation:
                "Run the workload with a role: an instance profile or task role on AWS, IAM Roles Anywhere or OIDC federation (CI systems) outside it. "
                + "Then deactivate and delete the user's keys and the user.",
            remediationCommand: "aws iam update-access-key --user-name <user-name> --access-key-id <access-key-id> --status Inactive"),
        evaluate: { ctx in
            IAMCheckSupport.eachReportUser(ctx) { row, ref in
                let (active, evidence) = passwordAndActiveKeys(row)
                switch row.passwordEnabled {
                case nil:
                    return .unknown(ref, "The credential report gives \(row.user)'s password_enabled as neither true nor false.")
                case true?:
                    return .pass(
                        ref, "\(row.user) has a console password: a person's user (its keys are judged by iam.user.console-password-without-access-keys).",
                        evidence: evidence)
                case false?:
                    if active.isEmpty { return .pass(ref, "\(row.user) has no console password and no active access keys.", evidence: evidence) }
                    return .fail(
                        ref, "\(row.user) has no console password and active \(keyList(active)): a workload on long-lived keys; give it a role instead.",
                        evidence: evidence)
                }
            }
        })

    /// "access key 1", "access keys 1 and 2".
    static func keyList(_ numbers: [Int]) -> String {
        numbers.count == 1 ? "access key \(numbers[0])" : "access keys \(numbers.map(String.init).joined(separator: " and "))"
    }
}
