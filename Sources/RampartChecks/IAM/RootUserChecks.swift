import RampartFindings
import RampartInventory
import RampartJSON

/// The root user of each account: no access keys, MFA (hardware where CIS Level 2 asks for it),
/// and no routine use. The resource is the account, whose ARN is the root user's.
enum RootUserChecks {
    static let all: [Check] = [noActiveAccessKeys, mfaEnabled, hardwareMFA, notRecentlyUsed]

    /// Root use within this many days of collection fails: the window Steampipe's CIS 1.7 control
    /// uses. (Prowler's `iam_avoid_root_usage` uses 1 day, which misses weekly or monthly use.)
    static let recentUseDays = 90

    static let noActiveAccessKeys = Check(
        CheckMetadata(
            id: "iam.root-user.no-active-access-keys",
            title: "The root user has no active access keys",
            severity: .critical, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.4"], "cis-aws-5.0": ["1.3"], "aws-fsbp": ["IAM.4"]],
            prowler: "iam_no_root_access_key",
            risk: "A root access key is a permanent credential with unrestricted power over the account that no policy can limit.",
            remediation: "Sign in as the root user and delete its access keys (deactivating leaves a key that can be re-enabled).",
            remediationCommand: "aws iam delete-access-key --access-key-id <root-access-key-id>  # run with the root user's own credentials"),
        evaluate: { ctx in
            ctx.inventory.accounts.map { account in
                let ref = ctx.accountRef(account)
                let present = IAMCheckSupport.summaryValue(account, "AccountAccessKeysPresent")
                switch IAMCheckSupport.rootRow(account) {
                case .known(let row):
                    let active = IAMCheckSupport.accessKeys(row).filter(\.active).map(\.number)
                    var evidence: JSONObject = [
                        "accessKey1Active": .bool(row.accessKey1Active), "accessKey2Active": .bool(row.accessKey2Active),
                    ]
                    if let present { evidence["AccountAccessKeysPresent"] = .number(Double(present)) }
                    if !active.isEmpty {
                        let keys = active.map { "access key \($0)" }.joined(separator: " and ")
                        return .fail(ref, "The root user of account \(account.id) has an active \(keys).", evidence: evidence)
                    }
                    let inactiveNote = (present ?? 0) > 0 ? " (an inactive root key exists; delete it)" : ""
                    return .pass(ref, "The root user of account \(account.id) has no active access keys\(inactiveNote).", evidence: evidence)
                case .unknown(let reason):
                    // The account summary counts root keys whether active or not: 0 settles it.
                    if present == 0 {
                        return .pass(ref, "The root user of account \(account.id) has no access keys (AccountAccessKeysPresent=0).",
                                     evidence: ["AccountAccessKeysPresent": 0])
                    }
                    return .unknown(ref, reason)
                }
            }
        })

    static let mfaEnabled = Check(
        CheckMetadata(
            id: "iam.root-user.mfa-enabled",
            title: "The root user has MFA enabled",
            severity: .critical, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.5"], "cis-aws-5.0": ["1.4"]],
            prowler: "iam_root_mfa_enabled",
            risk: "Anyone who learns the root password (phishing, reuse, a leaked password manager) controls the whole account.",
            remediation:
                "Sign in as the root user and assign an MFA device (Security credentials > Assign MFA device). "
                + "In an AWS Organizations member account you can instead remove the root password with centralized root access.",
            remediationCommand:
                "aws sts assume-root --target-principal <account-id> --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials"
                + "  # then, with those credentials: aws iam delete-login-profile"),
        evaluate: { ctx in
            ctx.inventory.accounts.map { account in
                let ref = ctx.accountRef(account)
                let hasPassword = IAMCheckSupport.rootHasPassword(account)
                switch IAMCheckSupport.rootMFAEnabled(account) {
                case .known(true):
                    return .pass(ref, "The root user of account \(account.id) has MFA enabled.", evidence: ["mfaEnabled": true])
                case .known(false) where hasPassword == false, .unknown where hasPassword == false:
                    return .pass(ref, noPasswordMessage(account), evidence: ["AccountPasswordPresent": 0])
                case .known(false):
                    return .fail(ref, "The root user of account \(account.id) has no MFA device (AccountMFAEnabled=0).",
                                 evidence: ["mfaEnabled": false, "passwordPresent": hasPassword.map(JSONValue.bool) ?? .null])
                case .unknown(let reason):
                    return .unknown(ref, reason)
                }
            }
        })

    static func noPasswordMessage(_ account: AccountInventory) -> String {
        "The root user of account \(account.id) has no password (AccountPasswordPresent=0), so it cannot sign in to the console."
    }

    /// Virtual MFA devices enabled for the root user. Root's devices list the root ARN as their
    /// user; CIS also names the serial `...:mfa/root-account-mfa-device` the console gives them.
    static func rootVirtualDevices(_ devices: [VirtualMFADevice], _ account: AccountInventory) -> [VirtualMFADevice] {
        let root = IAMCheckSupport.rootArn(account)
        return devices.filter { device in
            if let user = device.userArn { return user == root }
            return device.enableDate != nil && device.serialNumber.hasSuffix(":mfa/root-account-mfa-device")
        }
    }

    static let hardwareMFA = Check(
        CheckMetadata(
            id: "iam.root-user.hardware-mfa",
            title: "The root user's MFA is a hardware device, not a virtual one",
            severity: .high, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.6"], "cis-aws-5.0": ["1.5"], "aws-fsbp": ["IAM.6"]],
            prowler: "iam_root_hardware_mfa_enabled",
            risk: "A virtual MFA lives on a phone or laptop that can be lost, cloned or compromised along with the root password.",
            remediation:
                "Sign in as the root user, assign a hardware TOTP token or FIDO security key, then remove the virtual device. "
                + "In an AWS Organizations member account you can instead remove the root password with centralized root access.",
            remediationCommand:
                "aws iam deactivate-mfa-device --serial-number arn:aws:iam::<account-id>:mfa/<virtual-device-name>  # as root, after assigning the hardware device"),
        evaluate: { ctx in
            ctx.inventory.accounts.map { account in
                let ref = ctx.accountRef(account)
                if IAMCheckSupport.rootHasPassword(account) == false {
                    return .pass(ref, noPasswordMessage(account), evidence: ["AccountPasswordPresent": 0])
                }
                switch IAMCheckSupport.rootMFAEnabled(account) {
                case .unknown(let reason):
                    return .unknown(ref, reason)
                case .known(false):
                    return .fail(ref, "The root user of account \(account.id) has no MFA device at all.", evidence: ["mfaEnabled": false])
                case .known(true):
                    switch account.iam.virtualMFADevices {
                    case .unknown(let reason):
                        return .unknown(ref, reason)
                    case .known(let devices):
                        let virtual = rootVirtualDevices(devices, account).map(\.serialNumber)
                        let evidence: JSONObject = ["mfaEnabled": true, "rootVirtualMFADevices": .strings(virtual)]
                        if virtual.isEmpty {
                            return .pass(ref, "The root user of account \(account.id) has MFA and no virtual MFA device.", evidence: evidence)
                        }
                        return .fail(ref, "The root user of account \(account.id) uses virtual MFA device \(virtual.joined(separator: ", ")).",
                                     evidence: evidence)
                    }
                }
            }
        })

    static let notRecentlyUsed = Check(
        CheckMetadata(
            id: "iam.root-user.not-recently-used",
            title: "The root user has not been used in the last 90 days",
            severity: .high, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.7"], "cis-aws-5.0": ["1.6"]],
            prowler: "iam_avoid_root_usage",
            risk: "Every root sign-in or key use exposes the one credential that no policy can restrict, and hides who acted.",
            remediation:
                "Find who used the root user and why in CloudTrail, move that work to an IAM role or IAM Identity Center permission set, "
                + "then change the root password and delete root access keys. Keep root for the few tasks that require it.",
            remediationCommand: "aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --max-results 50"),
        evaluate: { ctx in
            ctx.inventory.accounts.map { account in
                let ref = ctx.accountRef(account)
                let row: CredentialReportRow
                switch IAMCheckSupport.rootRow(account) {
                case .unknown(let reason): return .unknown(ref, reason)
                case .known(let known): row = known
                }
                let uses = [
                    ("password sign-in", "passwordLastUsed", row.passwordLastUsed), ("access key 1", "accessKey1LastUsed", row.accessKey1LastUsed),
                    ("access key 2", "accessKey2LastUsed", row.accessKey2LastUsed),
                ].compactMap { what, key, date in date.map { (what: what, key: key, date: $0) } }
                var evidence: JSONObject = ["thresholdDays": .number(Double(recentUseDays))]
                for use in uses { evidence[use.key] = .string(Timestamp.format(use.date)) }
                guard let latest = uses.max(by: { $0.date < $1.date }) else {
                    return .pass(ref, "The root user of account \(account.id) has no recorded use.", evidence: evidence)
                }
                let days = ctx.daysSince(latest.date)
                let what = "\(latest.what) on \(IAMCheckSupport.day(latest.date))"
                let ago = "\(IAMCheckSupport.days(days)) before collection (\(what))"
                if days < recentUseDays {
                    return .fail(ref, "The root user of account \(account.id) was used \(ago); any use within \(recentUseDays) days fails.", evidence: evidence)
                }
                return .pass(ref, "The root user of account \(account.id) was last used \(ago); none within \(recentUseDays) days.", evidence: evidence)
            }
        })
}
