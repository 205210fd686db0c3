public import RampartIAM
public import RampartJSON

/// The answers of `rampart iam who-can` and `what-can`, as JSON and as text tables.
public enum AccessReport {
    static func statement(_ m: MatchedStatement) -> JSONValue {
        .object([
            "policy": .string(m.policyName), "statementIndex": .number(Double(m.statementIndex)), "sid": .optional(m.sid),
            "effect": .string(m.effect == .allow ? "Allow" : "Deny"),
        ])
    }

    static func statementText(_ m: MatchedStatement) -> String {
        "\(m.policyName)#\(m.sid ?? String(m.statementIndex))"
    }

    /// `{"action", "resource", "principals": [{"arn", "type", "access", "allowedBy", "limitedBy", "limits", "missingContextValues"}]}`;
    /// `limits` says in words what keeps a `limited` grant from every resource (see `PrincipalGrant.limits`).
    /// `through`: principals that can become a granted one (across accounts in an organization), with
    /// the path, listed under `"throughRoles": [{"arn", "account", "steps"}]`.
    public static func whoCanJSON(action: String, resource: String?, grants: [PrincipalGrant], problems: [IAMPolicyProblem],
        through: [String: [EscalationStep]] = [:]) -> JSONValue
    {
        .object([
            "action": .string(action), "resource": .optional(resource),
            "principals": .array(grants.map { g in
                .object([
                    "arn": .string(g.principal.arn), "account": .string(g.principal.accountId), "type": .string(g.principal.kind.rawValue),
                    "access": .string(g.level.rawValue),
                    "allowedBy": .array(g.allows.map(statement)), "limitedBy": .array(g.denies.map(statement)), "limits": .strings(g.limits),
                    "missingContextValues": .strings(g.missingContextValues),
                ])
            }),
            "throughRoles": .array(through.keys.sorted().map { arn in
                .object([
                    "arn": .string(arn), "account": .string(RequestPrincipal(arn: arn).accountId ?? ""),
                    "steps": .array(through[arn]!.map(IdentityReport.step)),
                ])
            }),
            "unreadablePolicies": .strings(problems.map(\.description)),
        ])
    }

    public static func whoCanTable(action: String, resource: String?, grants: [PrincipalGrant], problems: [IAMPolicyProblem],
        through: [String: [EscalationStep]] = [:]) -> String
    {
        var rows = [["ACCESS", "TYPE", "PRINCIPAL", "ALLOWED BY", "LIMITED BY / NEEDS"]]
        for g in grants {
            let limits = g.limits + g.denies.map { "denied by \(statementText($0))" } + g.missingContextValues.map { "context \($0)" }
            rows.append([g.level.rawValue, g.principal.kind.rawValue, g.principal.arn, g.allows.map(statementText).joined(separator: ", "),
                limits.joined(separator: ", ")])
        }
        var out = TextTable.render(rows)
        out += "\(grants.count) principal\(grants.count == 1 ? "" : "s") can perform \(action)\(resource.map { " on \($0)" } ?? "")\n"
        if !through.isEmpty {
            out += "\(through.count) more can act as one of them (across accounts):\n"
            for arn in through.keys.sorted() {
                out += "  \(IdentityReport.clean(arn)): " + through[arn]!.map { "\(IdentityReport.clean($0.from)) → \(IdentityReport.clean($0.to))" }
                    .joined(separator: ", ") + "\n"
            }
        }
        out += problemLines(problems)
        return out
    }

    /// `{"principal", "type", "actions": [{"action", "accessLevel", "access"}], "counts": {...}}`.
    public static func whatCanJSON(principal: IAMPrincipal, grants: [ActionGrant], problems: [IAMPolicyProblem]) -> JSONValue {
        .object([
            "principal": .string(principal.arn), "type": .string(principal.kind.rawValue),
            "actions": .array(grants.map { g in
                var o: JSONObject = ["action": .string(g.action.fullName), "accessLevel": .string(g.action.accessLevel.rawValue), "access": .string(g.access.rawValue)]
                if !g.throughResourcePolicies.isEmpty { o["throughResourcePolicies"] = .strings(g.throughResourcePolicies) }
                return .object(o)
            }),
            "counts": .object([
                "full": .number(Double(grants.filter { $0.access == .full }.count)),
                "limited": .number(Double(grants.filter { $0.access == .limited }.count)),
            ]),
            "unreadablePolicies": .strings(problems.map(\.description)),
        ])
    }

    public static func whatCanTable(principal: IAMPrincipal, grants: [ActionGrant], problems: [IAMPolicyProblem]) -> String {
        var rows = [["ACCESS", "LEVEL", "ACTION"]]
        for g in grants {
            let through = g.throughResourcePolicies.isEmpty ? "" : " (through the resource policy of \(g.throughResourcePolicies.joined(separator: ", ")))"
            rows.append([g.access.rawValue, g.action.accessLevel.rawValue, g.action.fullName + through])
        }
        var out = TextTable.render(rows)
        let full = grants.filter { $0.access == .full }.count
        out += "\(principal.arn): \(full) actions on every resource, \(grants.count - full) on some resources or under conditions\n"
        out += problemLines(problems)
        return out
    }

    /// Per principal counts (`what-can --all`).
    public static func summariesJSON(_ summaries: [AccessSummary], problems: [IAMPolicyProblem]) -> JSONValue {
        .object([
            "principals": .array(summaries.map { s in
                .object([
                    "principal": .string(s.principal.arn), "type": .string(s.principal.kind.rawValue),
                    "full": .number(Double(s.full)), "limited": .number(Double(s.limited)), "allActions": .bool(s.hasEveryAction),
                    "fullByAccessLevel": .object(JSONObject(pairs: AccessLevel.allCases.map { ($0.rawValue, .number(Double(s.fullByLevel[$0] ?? 0))) })),
                ])
            }),
            "unreadablePolicies": .strings(problems.map(\.description)),
        ])
    }

    public static func summariesTable(_ summaries: [AccessSummary], problems: [IAMPolicyProblem]) -> String {
        var rows = [["TYPE", "PRINCIPAL", "FULL", "LIMITED", "PERMISSIONS MGMT", "WRITE", "ALL ACTIONS"]]
        for s in summaries {
            rows.append([s.principal.kind.rawValue, s.principal.arn, String(s.full), String(s.limited),
                String(s.fullByLevel[.permissionsManagement] ?? 0), String(s.fullByLevel[.write] ?? 0), s.hasEveryAction ? "yes" : ""])
        }
        return TextTable.render(rows) + problemLines(problems)
    }

    public static func problemLines(_ problems: [IAMPolicyProblem]) -> String {
        guard !problems.isEmpty else { return "" }
        return "Not evaluated (unreadable policies; answers may miss what they grant or deny):\n"
            + problems.map { "  " + TableFormat.clean($0.description) + "\n" }.joined()
    }
}
