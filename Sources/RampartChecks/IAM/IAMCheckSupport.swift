import RampartInventory
import RampartJSON
import struct Foundation.Date

/// What the IAM checks share: walking the credential report user by user, reading the root
/// user's row and account summary, and reading policy documents by IAM's grammar.
enum IAMCheckSupport {
    // MARK: - Credential report

    /// A credential-report user as a resource, for users missing from the authorization details.
    static func userRef(_ row: CredentialReportRow, _ account: AccountInventory) -> ResourceRef {
        ResourceRef(arn: row.arn, type: "AWS::IAM::User", account: account.id, region: "global", name: row.user)
    }

    /// Judges every IAM user row of every account's credential report (root excluded). The
    /// resource is the user from the authorization details when it is there. Users that the
    /// authorization details list but the report does not (created after AWS generated the
    /// report, which it does at most every four hours) are UNKNOWN: the report says nothing of them.
    static func eachReportUser(
        _ ctx: CheckContext, _ judge: (CredentialReportRow, ResourceRef) -> CheckOutcome
    ) -> [CheckOutcome] {
        var out: [CheckOutcome] = []
        for account in ctx.inventory.accounts {
            guard case .known(let rows) = account.iam.credentialReport else {
                out.append(.unknown(ctx.scopeRef(account.scope), account.iam.credentialReport.unknownReason ?? "credential report unknown"))
                continue
            }
            let users = account.iam.authorizationDetails.value?.users ?? []
            var byArn: [String: IAMUser] = [:]
            for user in users { byArn[user.ref.arn] = user }
            var reported = Set<String>()
            for row in rows where !row.isRoot {
                reported.insert(row.arn)
                out.append(judge(row, byArn[row.arn]?.ref ?? userRef(row, account)))
            }
            for user in users where !reported.contains(user.ref.arn) {
                out.append(.unknown(
                    user.ref,
                    "\(user.name) is not in the credential report (AWS regenerates it at most every 4 hours); run aws iam generate-credential-report and collect again."))
            }
        }
        return out
    }

    /// One access key slot (1 or 2) of a credential-report row.
    struct AccessKeySlot {
        var number: Int
        var active: Bool
        var lastRotated: Date?
        var lastUsed: Date?
    }

    static func accessKeys(_ row: CredentialReportRow) -> [AccessKeySlot] {
        [
            AccessKeySlot(number: 1, active: row.accessKey1Active, lastRotated: row.accessKey1LastRotated, lastUsed: row.accessKey1LastUsed),
            AccessKeySlot(number: 2, active: row.accessKey2Active, lastRotated: row.accessKey2LastRotated, lastUsed: row.accessKey2LastUsed),
        ]
    }

    /// The most recent use of any of the row's credentials (password sign-in, either access key,
    /// active or not), with what it was; nil when the report records none.
    static func latestUse(_ row: CredentialReportRow) -> (date: Date, what: String)? {
        [("password sign-in", row.passwordLastUsed), ("access key 1", row.accessKey1LastUsed), ("access key 2", row.accessKey2LastUsed)]
            .compactMap { what, date in date.map { (date: $0, what: what) } }
            .max { $0.date < $1.date }
    }

    /// The `<root_account>` row, or why it cannot be had.
    static func rootRow(_ account: AccountInventory) -> Known<CredentialReportRow> {
        switch account.iam.credentialReport {
        case .unknown(let reason): return .unknown(reason: reason)
        case .known(let rows):
            guard let row = rows.first(where: \.isRoot) else {
                return .unknown(reason: "the credential report of account \(account.id) has no <root_account> row")
            }
            return .known(row)
        }
    }

    /// A value of `get-account-summary`'s SummaryMap, when the summary was read and has it.
    static func summaryValue(_ account: AccountInventory, _ key: String) -> Int? {
        account.iam.accountSummary.value?[key]
    }

    /// Whether the root user has MFA: the account summary's `AccountMFAEnabled` (read live) when
    /// known, else the credential report's `mfa_active` for `<root_account>`.
    static func rootMFAEnabled(_ account: AccountInventory) -> Known<Bool> {
        if let enabled = summaryValue(account, "AccountMFAEnabled") { return .known(enabled > 0) }
        switch rootRow(account) {
        case .known(let row): return .known(row.mfaActive)
        case .unknown(let reason): return .unknown(reason: account.iam.accountSummary.unknownReason.map { "\($0); \(reason)" } ?? reason)
        }
    }

    /// Whether the root user has a password (console sign-in credentials): the account summary's
    /// `AccountPasswordPresent`, or the report's `password_enabled` when it says true or false
    /// (it normally says `not_supported` for root). nil when neither tells.
    static func rootHasPassword(_ account: AccountInventory) -> Bool? {
        if let present = summaryValue(account, "AccountPasswordPresent") { return present > 0 }
        return rootRow(account).value?.passwordEnabled
    }

    /// The root user's ARN, which IAM also uses as the account's.
    static func rootArn(_ account: AccountInventory) -> String { "arn:\(account.scope.partition):iam::\(account.id):root" }

    static func day(_ date: Date) -> String { String(Timestamp.format(date).prefix(10)) }

    /// "1 day", "45 days".
    static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }

    // MARK: - Authorization details as collections

    static func users(_ account: AccountInventory) -> Known<[IAMUser]> { account.iam.authorizationDetails.map(\.users) }

    /// ARNs of every managed policy attached to a user, group or role.
    static func attachedPolicyArns(_ details: AuthorizationDetails) -> Set<String> {
        var arns = Set<String>()
        for user in details.users { for p in user.attachedPolicies { arns.insert(p.arn) } }
        for group in details.groups { for p in group.attachedPolicies { arns.insert(p.arn) } }
        for role in details.roles { for p in role.attachedPolicies { arns.insert(p.arn) } }
        return arns
    }

    // MARK: - Policy documents

    /// The statements of a policy document: `Statement` may be one object or an array of them.
    static func statements(_ document: JSONValue) -> [JSONObject] {
        switch document["Statement"] {
        case .object(let statement)?: return [statement]
        case .array(let items)?: return items.compactMap(\.objectValue)
        default: return []
        }
    }

    /// A policy element that may be one string or an array of strings (`Action`, `Resource` ...);
    /// nil when the element is absent.
    static func strings(_ value: JSONValue?) -> [String]? {
        switch value {
        case nil: return nil
        case .string(let s)?: return [s]
        case .array(let items)?: return items.compactMap(\.stringValue)
        default: return []
        }
    }

    /// An action pattern that matches every action: `*`, or `*:*` (any service, any action).
    static func matchesEveryAction(_ pattern: String) -> Bool { pattern == "*" || pattern == "*:*" }

    /// A resource pattern that matches every resource in `partition`: `*`, or an ARN pattern
    /// whose every part is `*` (the partition may be named), e.g. `arn:*` or `arn:aws:*:*:*:*`.
    static func matchesEveryResource(_ pattern: String, partition: String) -> Bool {
        if pattern == "*" { return true }
        let parts = pattern.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "arn", parts.last == "*" else { return false }
        return parts.dropFirst().enumerated().allSatisfy { index, part in
            part == "*" || (index == 0 && part == partition)
        }
    }

    /// Whether a statement allows every action on every resource with no condition: the
    /// `"Effect": "Allow", "Action": "*", "Resource": "*"` statement CIS and Security Hub name.
    /// `NotAction`/`NotResource` exclude what they list, so they cover everything only when
    /// they list nothing; any condition (even one that is always true) leaves the statement out,
    /// as CIS does.
    static func grantsFullAdmin(_ statement: JSONObject, partition: String) -> Bool {
        guard statement["Effect"]?.stringValue == "Allow" else { return false }
        if let condition = statement["Condition"], condition != .object(JSONObject()), condition != .null { return false }
        let everyAction: Bool
        if let actions = strings(statement["Action"]) {
            everyAction = actions.contains(where: matchesEveryAction)
        } else if let excluded = strings(statement["NotAction"]) {
            everyAction = excluded.isEmpty
        } else {
            everyAction = false
        }
        let everyResource: Bool
        if let resources = strings(statement["Resource"]) {
            everyResource = resources.contains { matchesEveryResource($0, partition: partition) }
        } else if let excluded = strings(statement["NotResource"]) {
            everyResource = excluded.isEmpty
        } else {
            everyResource = false
        }
        return everyAction && everyResource
    }
}
