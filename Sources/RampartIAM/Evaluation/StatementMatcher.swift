/// Whether one statement applies to a request: action, resource, principal, conditions.
///
/// Encodes IAM User Guide, "IAM JSON policy elements": `Action` matches case-insensitively with
/// `*`/`?` ("Action"); `Resource` ARNs match case-sensitively with `*`/`?` and policy variables
/// ("Resource", "Variables"); `NotAction` / `NotResource` / `NotPrincipal` apply to everything
/// not listed; conditions are ANDed ("Condition").
enum StatementMatcher {
    /// nil when the statement does not apply; otherwise how its principal matched (nil for
    /// policy kinds without a principal).
    static func applies(_ statement: Statement, in document: PolicyDocument, kind: PolicyKind, request: RequestContext,
        hasBoundary: Bool, missing: inout [String: String]) -> PolicyEvaluator.PrincipalMatch??
    {
        guard actionMatches(statement, request.lowercasedAction) else { return nil }
        guard resourceMatches(statement, request) else { return nil }
        var principalMatch: PolicyEvaluator.PrincipalMatch?
        if kind == .resource || kind == .resourceControl, let principal = statement.principal {
            if principal.isNegated {
                // "NotPrincipal": applies to every caller not listed. A Deny with NotPrincipal always
                // applies to a principal with a permissions boundary ("Permissions boundaries").
                if !(statement.effect == .deny && hasBoundary), notPrincipalExcludes(principal, request.principal) {
                    return nil
                }
                principalMatch = .direct
            } else {
                guard let m = principalMatches(principal, request.principal) else { return nil }
                principalMatch = m
            }
        } else if kind == .resource {
            return nil
        }
        var ok = true
        for condition in statement.conditions {
            let values = request.values(forLowercased: condition.lowercasedKey)
            if values == nil, missing[condition.lowercasedKey] == nil { missing[condition.lowercasedKey] = condition.key }
            if !condition.evaluate(values, variables: { request.variable($0) }) {
                ok = false
                break
            }
        }
        guard ok else { return nil }
        return .some(principalMatch)
    }

    /// `lowercasedAction`: the request's action, lowercased (action patterns are compiled lowercased).
    static func actionMatches(_ statement: Statement, _ lowercasedAction: String) -> Bool {
        var action = lowercasedAction
        let hit = action.withUTF8 { text in statement.actionPatterns.contains { $0.matches(utf8: text) } }
        return statement.action.isNegated ? !hit : hit
    }

    static func resourceMatches(_ statement: Statement, _ request: RequestContext) -> Bool {
        guard let resource = statement.resource else { return true }
        let hit = statement.resourceTemplates.contains { template in
            template.pattern({ request.variable($0) })?.matches(request.resource) ?? false
        }
        return resource.isNegated ? !hit : hit
    }

    /// "Principal": how the caller is named. An account id or root ARN delegates to the
    /// account; a role ARN covers that role's sessions; `*` and `{"AWS": "*"}` name everyone.
    static func principalMatches(_ list: PrincipalList, _ caller: RequestPrincipal) -> PolicyEvaluator.PrincipalMatch? {
        if list.isWildcard { return .direct }
        var best: PolicyEvaluator.PrincipalMatch?
        func note(_ m: PolicyEvaluator.PrincipalMatch) { best = max(best ?? m, m) }
        for value in list.aws {
            if value == "*" {
                note(.direct)
            } else if value == caller.arn, caller.kind != .root {
                note(.direct)
            } else if let account = caller.accountId, caller.kind != .service, caller.kind != .anonymous,
                value == account || (value.hasPrefix("arn:") && value.hasSuffix(":iam::\(account):root"))
            {
                note(caller.kind == .root ? .direct : .account)
            } else if caller.kind == .assumedRole, value == caller.roleArn || value == caller.roleArnWithoutPath {
                note(.roleOfSession)
            }
        }
        if caller.kind == .service, list.service.contains(caller.arn) { note(.direct) }
        if caller.kind == .webIdentity || caller.kind == .saml, let p = caller.federatedProvider, list.federated.contains(p) {
            note(.direct)
        }
        if let c = caller.canonicalUserId, list.canonicalUser.contains(c) { note(.direct) }
        return best
    }

    /// "NotPrincipal": the caller is excluded only when every identity AWS evaluates for it is
    /// listed — its own ARN, its account, and for a role session also the role ARN (the
    /// documentation's example lists the session ARN, the role ARN and the account ARN).
    static func notPrincipalExcludes(_ list: PrincipalList, _ caller: RequestPrincipal) -> Bool {
        if list.isWildcard || list.aws.contains("*") { return true }
        switch caller.kind {
        case .service: return list.service.contains(caller.arn)
        case .webIdentity, .saml: return caller.federatedProvider.map(list.federated.contains) ?? false
        case .anonymous: return false
        default: break
        }
        guard let account = caller.accountId else { return false }
        let accountListed = list.aws.contains { $0 == account || $0.hasSuffix(":iam::\(account):root") }
        if caller.kind == .root { return accountListed }
        guard accountListed, list.aws.contains(caller.arn) else { return false }
        if caller.kind == .assumedRole {
            return list.aws.contains { $0 == caller.roleArn || $0 == caller.roleArnWithoutPath }
        }
        return true
    }
}
