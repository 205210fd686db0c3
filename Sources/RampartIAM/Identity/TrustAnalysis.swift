/// Who a role's trust policy lets assume it, one entry per principal an allow statement names.
public struct TrustGrant: Sendable {
    /// What kind of outsider (or insider) the principal is.
    public enum Reach: String, Sendable, Hashable {
        /// `"Principal": "*"` or `{"AWS": "*"}`: any AWS principal of any account.
        case everyone
        /// Another account as a whole (its id or root ARN): every principal that account allows.
        case externalAccount
        /// A named user, role or session of another account.
        case externalPrincipal
        /// A principal of the role's own account (or the account itself).
        case sameAccount
        /// An AWS service.
        case service
        /// A web identity or SAML provider.
        case federated
    }

    public let role: IAMPrincipal
    public let statementIndex: Int
    public let sid: String?
    /// The principal as written in the trust policy.
    public let principal: String
    public let reach: Reach
    /// The other account, for external reaches.
    public let externalAccount: String?
    /// Condition keys of the statement (as written).
    public let conditionKeys: [String]

    /// The statement requires `sts:ExternalId`.
    public var requiresExternalId: Bool { conditionKeys.contains { $0.lowercased() == "sts:externalid" } }
    /// The statement requires MFA.
    public var requiresMFA: Bool {
        conditionKeys.contains { ["aws:multifactorauthpresent", "aws:multifactorauthage"].contains($0.lowercased()) }
    }
    /// The statement narrows who may assume by a condition on the caller's identity or origin.
    public var restrictsCaller: Bool {
        let keys: Set<String> = [
            "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:sourceaccount",
            "aws:sourcearn", "aws:sourceowner", "aws:sourceorgid", "sts:externalid", "aws:userid",
        ]
        return conditionKeys.contains { keys.contains($0.lowercased()) }
    }
}

/// Trust policies across an account: every principal allowed to assume each role.
///
/// Encodes "IAM JSON policy elements: Principal" (an account id or root ARN trusts every
/// principal the account allows; `*` trusts everyone) and "The confused deputy problem"
/// (`sts:ExternalId` for third parties).
public enum TrustAnalysis {
    public static func grants(_ account: IAMAccount) -> [TrustGrant] {
        var out: [TrustGrant] = []
        for role in account.principals where role.kind == .role {
            guard let trust = role.trustPolicy else { continue }
            for statement in trust.document.statements where statement.effect == .allow {
                guard let p = statement.principal, !p.isNegated,
                    StatementMatcher.actionMatches(statement, "sts:assumerole")
                        || StatementMatcher.actionMatches(statement, "sts:assumerolewithwebidentity")
                        || StatementMatcher.actionMatches(statement, "sts:assumerolewithsaml")
                else { continue }
                let keys = statement.conditions.map(\.key)
                func add(_ who: String, _ reach: TrustGrant.Reach, _ external: String? = nil) {
                    out.append(TrustGrant(role: role, statementIndex: statement.index, sid: statement.sid, principal: who, reach: reach,
                        externalAccount: external, conditionKeys: keys))
                }
                if p.isWildcard { add("*", .everyone) }
                for value in p.aws {
                    if value == "*" {
                        add(value, .everyone)
                        continue
                    }
                    let accountOf: String
                    let isAccount: Bool
                    if value.hasPrefix("arn:") {
                        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                        accountOf = parts.count == 6 ? String(parts[4]) : ""
                        isAccount = parts.count == 6 && parts[5] == "root"
                    } else {
                        accountOf = value
                        isAccount = true
                    }
                    if accountOf == account.accountId {
                        add(value, .sameAccount)
                    } else {
                        add(value, isAccount ? .externalAccount : .externalPrincipal, accountOf)
                    }
                }
                for service in p.service { add(service, .service) }
                for provider in p.federated { add(provider, .federated) }
            }
        }
        return out
    }
}
