public import RampartIAM
public import RampartJSON

/// `EvaluationResults` as `aws iam simulate-custom-policy --output json` prints them, and a
/// plain table of the same.
public enum SimulationReport {
    public static func json(_ results: [SimulationResult]) -> JSONValue {
        .object(["EvaluationResults": .array(results.map(entry))])
    }

    static func entry(_ r: SimulationResult) -> JSONValue {
        var o: JSONObject = [
            "EvalActionName": .string(r.action), "EvalResourceName": .string(r.resource),
            "EvalDecision": .string(r.decision.rawValue),
            "MatchedStatements": .array(r.matchedStatements.map(statement)),
            "MissingContextValues": .strings(r.missingContextValues),
        ]
        if let allowed = r.allowedByOrganizations {
            o["OrganizationsDecisionDetail"] = .object(["AllowedByOrganizations": .bool(allowed)])
        }
        if let allowed = r.allowedByPermissionsBoundary {
            o["PermissionsBoundaryDecisionDetail"] = .object(["AllowedByPermissionsBoundary": .bool(allowed)])
        }
        return .object(o)
    }

    static func statement(_ s: SimulatedStatement) -> JSONValue {
        var o: JSONObject = ["SourcePolicyId": .string(s.sourcePolicyId)]
        if let type = s.sourcePolicyType { o["SourcePolicyType"] = .string(type) }
        if let span = s.span {
            o["StartPosition"] = .object(["Line": .number(Double(span.startLine)), "Column": .number(Double(span.startColumn))])
            o["EndPosition"] = .object(["Line": .number(Double(span.endLine)), "Column": .number(Double(span.endColumn))])
        }
        return .object(o)
    }

    /// One line per action and resource: decision, action, resource, deciding statements.
    public static func table(_ results: [SimulationResult]) -> String {
        var rows = [["DECISION", "ACTION", "RESOURCE", "MATCHED STATEMENTS", "MISSING CONTEXT"]]
        for r in results {
            let matched = r.matchedStatements.map { s in
                s.span.map { "\(s.sourcePolicyId) (line \($0.startLine))" } ?? s.sourcePolicyId
            }
            rows.append([r.decision.rawValue, r.action, r.resource, matched.joined(separator: ", "), r.missingContextValues.joined(separator: ", ")])
        }
        return TextTable.render(rows)
    }
}

/// Left-aligned text columns; control characters in cells are shown escaped.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        let cells = rows.map { $0.map(TableFormat.clean) }
        var widths: [Int] = []
        for row in cells {
            for (i, cell) in row.enumerated() {
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], cell.count)
            }
        }
        var out = ""
        for row in cells {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
