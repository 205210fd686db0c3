public import RampartIAM
public import RampartJSON

/// The answers of `rampart iam escalations`, `sod` and `trusts`, as JSON (the shapes DESIGN.md
/// fixes) and as text.
public enum IdentityReport {
    static func statements(_ list: [MatchedStatement]) -> JSONValue { .array(list.map(AccessReport.statement)) }

    /// `[{"principal", "isAdmin", "reachesAdmin", "adminStatements", "paths": [{"steps": [{"from", "to", "method", "statements", "conditions"}]}]}]`.
    public static func escalationsJSON(_ findings: [EscalationFinding]) -> JSONValue {
        .array(findings.map { f in
            var o: JSONObject = [
                "principal": .string(f.principal.arn), "account": .string(f.principal.accountId), "isAdmin": .bool(f.isAdmin),
                "reachesAdmin": .bool(f.reachesAdmin),
            ]
            if f.isAdmin { o["adminStatements"] = statements(f.adminStatements) }
            o["paths"] = f.path.isEmpty ? .array([]) : .array([.object(["steps": .array(f.path.map(step))])])
            return .object(o)
        })
    }

    static func step(_ s: EscalationStep) -> JSONValue {
        .object([
            "from": .string(s.from), "to": .string(s.to), "method": .string(s.method.id), "effect": .string(s.method.effect.rawValue),
            "fromAccount": .string(RequestPrincipal(arn: s.from).accountId ?? ""), "toAccount": .string(RequestPrincipal(arn: s.to).accountId ?? ""),
            "statements": statements(s.statements), "conditions": .strings(s.conditions),
        ])
    }

    public static func escalationsTable(_ findings: [EscalationFinding]) -> String {
        var out = ""
        let admins = findings.filter(\.isAdmin)
        let reaching = findings.filter { !$0.isAdmin }
        out += "Administrators (every action, or full IAM write): \(admins.count)\n"
        for f in admins {
            out += "  \(clean(f.principal.arn))  granted by \(f.adminStatements.map(AccessReport.statementText).map(clean).joined(separator: ", "))\n"
        }
        out += "Principals that can make themselves administrators: \(reaching.count)\n"
        for f in reaching {
            out += "  \(clean(f.principal.arn))\n"
            for (i, s) in f.path.enumerated() {
                let verb = s.method.effect == .become ? "becomes" : "grants anything to"
                out += "    \(i + 1). \(clean(s.from)) \(verb) \(clean(s.to)) by \(s.method.id)"
                if !s.statements.isEmpty { out += " [\(s.statements.map(AccessReport.statementText).map(clean).joined(separator: ", "))]" }
                out += "\n"
                for c in s.conditions { out += "       if: \(clean(c))\n" }
            }
        }
        return out
    }

    /// `{"conflicts": [{"principal", "rule", "title", "sides": [{"duty", "actions", "via", "statements"}]}]}`.
    public static func sodJSON(_ conflicts: [DutyConflict]) -> JSONValue {
        .object(["conflicts": .array(conflicts.map { c in
            .object([
                "principal": .string(c.principal.arn), "account": .string(c.principal.accountId), "rule": .string(c.rule.id),
                "title": .string(c.rule.title),
                "sides": .array(c.sides.map { side in
                    .object([
                        "duty": .string(side.duty.name), "actions": .strings(side.actions), "actionCount": .number(Double(side.actionCount)),
                        "via": .strings(side.via), "viaCount": .number(Double(side.viaCount)),
                        "statements": statements(side.statements),
                    ])
                }),
            ])
        })])
    }

    public static func sodTable(_ conflicts: [DutyConflict]) -> String {
        var out = ""
        for c in conflicts {
            out += "\(clean(c.principal.arn))  \(c.rule.id)\n"
            for side in c.sides {
                let shown = side.actions.prefix(4).joined(separator: ", ") + (side.actionCount > 4 ? ", ... (\(side.actionCount))" : "")
                let via = side.via.prefix(4).map(clean).joined(separator: ", ") + (side.viaCount > 4 ? ", ... (\(side.viaCount))" : "")
                out += "  \(clean(side.duty.name)): \(clean(shown)) via \(via)\n"
            }
        }
        out += "\(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s") of segregation of duties\n"
        return out
    }

    /// `{"trusts": [{"role", "principal", "reach", "externalAccount", "statement", "requiresExternalId", "requiresMFA", "conditionKeys"}]}`.
    public static func trustsJSON(_ grants: [TrustGrant]) -> JSONValue {
        .object(["trusts": .array(grants.map { g in
            .object([
                "role": .string(g.role.arn), "principal": .string(g.principal), "reach": .string(g.reach.rawValue),
                "externalAccount": .optional(g.externalAccount), "statementIndex": .number(Double(g.statementIndex)),
                "sid": .optional(g.sid), "requiresExternalId": .bool(g.requiresExternalId), "requiresMFA": .bool(g.requiresMFA),
                "conditionKeys": .strings(g.conditionKeys),
            ])
        })])
    }

    public static func trustsTable(_ grants: [TrustGrant]) -> String {
        var rows = [["REACH", "ROLE", "TRUSTED PRINCIPAL", "EXTERNAL ID", "MFA", "CONDITIONS"]]
        for g in grants {
            rows.append([g.reach.rawValue, g.role.arn, g.principal, g.requiresExternalId ? "required" : "-", g.requiresMFA ? "required" : "-",
                g.conditionKeys.joined(separator: ", ")])
        }
        return TextTable.render(rows)
    }

    static func clean(_ s: String) -> String { TableFormat.clean(s) }
}
