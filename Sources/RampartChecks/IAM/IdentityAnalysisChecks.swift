import RampartFindings
import RampartIAM
import RampartInventory
import RampartJSON

/// Checks decided by the IAM engine's effective permissions rather than by reading one policy
/// at a time: administrator power held by users, privilege-escalation paths, segregation of
/// duties, and who role trust policies let in.
enum IdentityAnalysisChecks {
    static let all: [Check] = [usersHoldNoAdministratorPower, noPrivilegeEscalation, segregationOfDuties, trustNotPublic,
        crossAccountTrustConditions, crossAccountTrustNamesPrincipals]

    /// Runs `judge` for every user and role (not service-linked roles, which only AWS changes)
    /// of every account, with the account's identity analysis; UNKNOWN when the authorization
    /// details are missing, and for a principal whose own policies could not be read.
    static func eachPrincipal(_ ctx: CheckContext, kinds: Set<IAMPrincipal.Kind> = [.user, .role],
        _ judge: (IAMPrincipal, ResourceRef, IdentityAnalysis) -> CheckOutcome?) -> [CheckOutcome]
    {
        var out: [CheckOutcome] = []
        for account in ctx.inventory.accounts {
            switch ctx.shared.identity(of: account, organization: ctx.inventory.organization) {
            case .unknown(let reason):
                out.append(.unknown(ctx.scopeRef(account.scope), reason))
            case .known(let analysis):
                guard case .known(let details) = account.iam.authorizationDetails else { continue }
                var refs: [String: ResourceRef] = [:]
                for u in details.users { refs[u.ref.arn] = u.ref }
                for r in details.roles { refs[r.ref.arn] = r.ref }
                for p in analysis.account.principals where kinds.contains(p.kind) && !p.isServiceLinked {
                    guard let ref = refs[p.arn] else { continue }
                    if let why = analysis.unreadablePolicies(of: p) {
                        out.append(.unknown(ref, "\(p.arn): \(why)"))
                        continue
                    }
                    if let outcome = judge(p, ref, analysis) { out.append(outcome) }
                }
            }
        }
        return out
    }

    /// A FAIL that says the principal *can* do something becomes UNKNOWN when an SCP of its account
    /// could not be read: that policy may deny what the FAIL says is allowed (a PASS stays, since
    /// SCPs only restrict).
    static func capability(_ p: IAMPrincipal, _ analysis: IdentityAnalysis, _ judge: () -> CheckOutcome?) -> CheckOutcome? {
        let outcome = judge()
        guard let outcome, outcome.status == .fail, let why = analysis.unreadableOrganizationPolicies(of: p) else { return outcome }
        return .unknown(outcome.resource, "\(outcome.message) Unless an organization policy denies it: \(why).")
    }

    /// Why a principal without findings is UNKNOWN: it can become one whose policies were unreadable.
    static func unreadableStep(_ p: IAMPrincipal, _ other: String) -> String {
        "\(p.arn) can become \(other), whose policies could not be read: what it can do through \(other) is unknown."
    }

    static func statements(_ list: [MatchedStatement]) -> String {
        list.map { "\($0.policyName)#\($0.sid ?? String($0.statementIndex))" }.joined(separator: ", ")
    }

    static let usersHoldNoAdministratorPower = Check(
        CheckMetadata(
            id: "iam.user.no-administrator-power",
            title: "IAM users do not hold administrator power (every action, or full IAM write) by their effective permissions",
            severity: .high, resourceType: "AWS::IAM::User", serviceModel: .managed, frameworks: [:], prowler: nil,
            risk: "A user with administrator power has long-lived credentials that can do anything, including erase the traces; "
                + "administration belongs to roles assumed for the task, with MFA.",
            remediation: "Move administrator permissions to a role that people assume with MFA; leave users only what they need day to day.",
            remediationCommand: "aws iam detach-user-policy --user-name <user-name> --policy-arn <policy-arn>  # or remove the user from the admin group"),
        evaluate: { ctx in
            eachPrincipal(ctx, kinds: [.user]) { p, ref, analysis in capability(p, analysis) {
                guard let f = analysis.escalations[p.arn], f.isAdmin else {
                    return .pass(ref, "User \(p.name) does not hold administrator power.")
                }
                return .fail(ref, "User \(p.name) holds administrator power, granted by \(statements(f.adminStatements)).",
                    evidence: ["grantedBy": .strings(f.adminStatements.map { "\($0.policyName)#\($0.statementIndex)" })])
            } }
        })

    static let noPrivilegeEscalation = Check(
        CheckMetadata(
            id: "iam.principal.no-privilege-escalation",
            title: "No user or role can make itself an administrator through a privilege-escalation path",
            severity: .high, resourceType: "AWS::IAM::User", serviceModel: .managed, frameworks: [:], prowler: nil,
            risk: "A principal that can rewrite policies, pass a powerful role to a service or take over another identity is an "
                + "administrator in waiting, whatever its policies say it is for.",
            remediation: "Remove the permission that opens the first step (see the path in the message), or constrain it with a "
                + "resource, a condition or a permissions boundary.",
            remediationCommand: "aws iam put-user-permissions-boundary --user-name <user-name> --permissions-boundary <boundary-policy-arn>"),
        evaluate: { ctx in
            eachPrincipal(ctx) { p, ref, analysis in capability(p, analysis) {
                // A path through a role of another account of the source counts too.
                guard let f = analysis.escalations[p.arn] ?? ctx.shared.crossAccountEscalations(ctx.inventory)[p.arn], !f.isAdmin else {
                    if analysis.escalations[p.arn] == nil, let other = analysis.becomesUnreadable[p.arn] {
                        return .unknown(ref, unreadableStep(p, other))
                    }
                    return .pass(ref, "\(p.arn) has no path to administrator power (or already holds it; see iam.user.no-administrator-power).")
                }
                let steps = f.path.enumerated().map { i, s in "\(i + 1). \(s.from) → \(s.to) by \(s.method.id)" }
                return .fail(ref, "\(p.arn) can become an administrator: " + steps.joined(separator: "; ") + ".",
                    evidence: ["path": .array(f.path.map { s in
                        .object(["from": .string(s.from), "to": .string(s.to), "method": .string(s.method.id), "conditions": .strings(s.conditions)])
                    })])
            } }
        })

    static let segregationOfDuties = Check(
        CheckMetadata(
            id: "iam.principal.segregation-of-duties",
            title: "No user or role holds both sides of a segregation-of-duties rule",
            severity: .medium, resourceType: "AWS::IAM::User", serviceModel: .managed, frameworks: [:], prowler: nil,
            risk: "One principal that can both do and hide (or both grant and use) a sensitive power defeats the review the other side is for.",
            remediation: "Split the duties between principals, or deny one side with a policy or a permissions boundary; "
                + "'rampart iam sod' shows the statements granting each side.",
            remediationCommand: "aws iam put-role-permissions-boundary --role-name <role-name> --permissions-boundary <boundary-policy-arn>"),
        evaluate: { ctx in
            eachPrincipal(ctx) { p, ref, analysis in capability(p, analysis) {
                let conflicts = analysis.conflicts[p.arn] ?? []
                if conflicts.isEmpty, let other = analysis.becomesUnreadable[p.arn] { return .unknown(ref, unreadableStep(p, other)) }
                if conflicts.isEmpty { return .pass(ref, "\(p.arn) holds no conflicting duties.") }
                return .fail(ref, "\(p.arn) holds conflicting duties: " + conflicts.map { $0.rule.title }.joined(separator: "; ") + ".",
                    evidence: ["rules": .strings(conflicts.map(\.rule.id))])
            } }
        })

    /// Role-level verdicts from the trust grants.
    static func eachRole(_ ctx: CheckContext, _ judge: (IAMPrincipal, ResourceRef, [TrustGrant]) -> CheckOutcome) -> [CheckOutcome] {
        eachPrincipal(ctx, kinds: [.role]) { p, ref, analysis in
            judge(p, ref, analysis.trusts.filter { $0.role.arn == p.arn })
        }
    }

    static let trustNotPublic = Check(
        CheckMetadata(
            id: "iam.role.trust-not-public",
            title: "Role trust policies do not let any AWS principal assume the role",
            severity: .critical, resourceType: "AWS::IAM::Role", serviceModel: .managed, frameworks: [:], prowler: nil,
            risk: "A trust policy with Principal \"*\" and no condition on the caller lets anyone with an AWS account assume the role.",
            remediation: "Name the accounts or principals that may assume the role, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount.",
            remediationCommand: "aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust.json"),
        evaluate: { ctx in
            eachRole(ctx) { p, ref, grants in
                let open = grants.filter { $0.reach == .everyone && !$0.restrictsCaller }
                if open.isEmpty { return .pass(ref, "Role \(p.name) is not assumable by everyone.") }
                return .fail(ref, "Role \(p.name) can be assumed by any AWS principal (statement \(open[0].sid ?? String(open[0].statementIndex))).")
            }
        })

    static let crossAccountTrustConditions = Check(
        CheckMetadata(
            id: "iam.role.cross-account-trust-conditions",
            title: "Roles trusted by other accounts require an external ID or MFA",
            severity: .high, resourceType: "AWS::IAM::Role", serviceModel: .managed, frameworks: [:], prowler: nil,
            risk: "A third party's service trusted without sts:ExternalId can be tricked into acting on this account for someone else "
                + "(the confused deputy); a person from another account trusted without MFA needs only stolen keys.",
            remediation: "Add a condition on sts:ExternalId (third parties) or aws:MultiFactorAuthPresent (people) to each cross-account statement.",
            remediationCommand: "aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust.json"),
        evaluate: { ctx in
            eachRole(ctx) { p, ref, grants in
                let external = grants.filter { $0.reach == .externalAccount || $0.reach == .externalPrincipal || $0.reach == .everyone }
                let weak = external.filter { !$0.requiresExternalId && !$0.requiresMFA }
                if external.isEmpty { return .pass(ref, "Role \(p.name) trusts no other account.") }
                if weak.isEmpty { return .pass(ref, "Every cross-account trust of role \(p.name) requires an external ID or MFA.") }
                return .fail(ref, "Role \(p.name) trusts \(weak.map(\.principal).joined(separator: ", ")) without an external ID or MFA condition.",
                    evidence: ["principals": .strings(weak.map(\.principal))])
            }
        })

    static let crossAccountTrustNamesPrincipals = Check(
        CheckMetadata(
            id: "iam.role.cross-account-trust-names-principals",
            title: "Cross-account role trusts name principals, not whole accounts",
            severity: .medium, resourceType: "AWS::IAM::Role", serviceModel: .managed, frameworks: [:], prowler: nil,
            risk: "Trusting another account's root lets every principal that account's administrators allow assume the role, "
                + "a decision made outside this account.",
            remediation: "Name the role or user of the other account that needs access instead of the account.",
            remediationCommand: "aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust.json"),
        evaluate: { ctx in
            eachRole(ctx) { p, ref, grants in
                let whole = grants.filter { $0.reach == .externalAccount }
                if whole.isEmpty { return .pass(ref, "Role \(p.name) trusts no other account as a whole.") }
                return .fail(ref, "Role \(p.name) trusts whole account\(whole.count == 1 ? "" : "s") \(whole.map { $0.externalAccount ?? $0.principal }.joined(separator: ", ")).",
                    evidence: ["accounts": .strings(whole.compactMap(\.externalAccount))])
            }
        })
}
