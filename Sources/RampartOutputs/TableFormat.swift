public import RampartFindings
import RampartInventory

/// The terminal summary: counts by status (muted findings apart), failures by severity, most
/// severe first, with a resource's failures that share a cause on one line (`FailureGroup`),
/// the muted findings and the mutelist rules that muted nothing, what was UNKNOWN and why, and
/// what could not be read. Every failure line names its check id(s) and resource, so it greps.
public struct TableFormat: OutputFormat {
    public let name = "table"
    public let fileName = "rampart-summary.txt"
    /// ANSI colour; only when writing to a terminal.
    public let color: Bool
    /// Rows shown per severity before the rest are counted.
    public var rowsPerGroup = 25
    /// A resource's failures that share a cause on one line; false: one entry per finding.
    public var grouped: Bool

    public init(color: Bool, grouped: Bool = true) {
        self.color = color
        self.grouped = grouped
    }

    public func write(_ report: ScanReport, to sink: ByteSink) {
        sink.append(text(report))
    }

    func text(_ report: ScanReport) -> String {
        var out = ""
        let resources = report.resourceCounts.values.reduce(0, +)
        out += bold("Rampart scan") + " of \(clean(report.source)), collected \(Timestamp.format(report.collectedAt))\n"
        out += "Accounts: \(report.accounts.joined(separator: ", "))   Regions: \(report.regions.joined(separator: ", "))   "
        out += "Resources: \(resources)   Checks: \(report.checksRun)\n\n"
        out += "  " + paint("PASS \(report.count(.pass))", "32") + "   " + paint("FAIL \(report.count(.fail))", "31")
        out += "   " + paint("UNKNOWN \(report.count(.unknown))", "33") + "   MANUAL \(report.count(.manual))"
        let muted = report.muted
        out += report.suppression.mutelist != nil || !muted.isEmpty ? "   " + paint("MUTED \(muted.count)", "35") + "\n" : "\n"
        let failures = report.findings.filter { $0.status == .fail && $0.muted == nil }
        if let baseline = report.suppression.baseline {
            let known = failures.filter(report.isKnownFailure).count
            out += "  Baseline \(clean(baseline)): \(known) failures already known, \(failures.count - known) new\n"
        }
        if !failures.isEmpty {
            var families: [String: Int] = [:]
            for f in failures { families[FailureGroup.family(of: f.checkId), default: 0] += 1 }
            let top = families.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            out += "  Failures by check family: " + top.prefix(8).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out += top.count > 8 ? ", and \(top.count - 8) more\n" : "\n"
        }
        if !report.awsOwned.isEmpty {
            out += "  Not counted: \(report.awsOwned.count) findings on resources AWS owns (AWS managed policies, service-linked roles, "
            out += "AWS managed keys); --include-aws-owned shows them.\n"
        }
        if let breakdown = AccountBreakdown(report) { out += Self.accountTable(breakdown) }

        let groups = grouped ? FailureGroup.grouping(failures) : failures.map { FailureGroup(cause: nil, findings: [$0], items: [$0.checkId]) }
        for severity in Severity.allCases {
            let group = groups.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            let count = group.reduce(0) { $0 + $1.findings.count }
            out += "\n" + paint(bold("\(severity.rawValue.uppercased()) (\(count))"), severityColor(severity)) + "\n"
            for g in group.prefix(rowsPerGroup) { out += row(g, report) }
            if group.count > rowsPerGroup {
                let rest = group.dropFirst(rowsPerGroup).reduce(0) { $0 + $1.findings.count }
                out += "  … and \(rest) more (see --format json)\n"
            }
        }

        if !muted.isEmpty {
            out += "\n" + paint(bold("MUTED (\(muted.count)): accepted risks, counted apart, never trip --fail-on"), "35") + "\n"
            for f in muted.prefix(rowsPerGroup) {
                guard let m = f.muted else { continue }
                out += "  \(f.checkId)  \(clean(f.resource.name))  [\(place(f))]  \(f.status.rawValue)\n"
                out += "      rule \(clean(m.rule)), owner \(clean(m.owner)), until \(m.expires ?? "-"): \(clean(m.reason))\n"
            }
            if muted.count > rowsPerGroup { out += "  … and \(muted.count - rowsPerGroup) more (see --format json)\n" }
        }
        let expired = report.suppression.expiredRules
        if !expired.isEmpty {
            out += "\n" + bold("Expired mutelist rules (\(expired.count)); they mute nothing until renewed:") + "\n"
            for r in expired { out += "  \(clean(r.rule))  owner \(clean(r.owner)), expired after \(r.expires)\n" }
        }
        let unused = report.suppression.unusedRules
        if !unused.isEmpty {
            out += "\n" + bold("Mutelist rules that matched nothing (\(unused.count)); stale exceptions to remove:") + "\n"
            for r in unused { out += "  \(clean(r.rule))  owner \(clean(r.owner)), until \(r.expires)\n" }
        }

        let unknowns = report.findings.filter { $0.status == .unknown && $0.muted == nil }
        if !unknowns.isEmpty {
            out += "\n" + paint(bold("UNKNOWN (\(unknowns.count)): evidence missing or unreadable, never counted as PASS"), "33") + "\n"
            for f in unknowns.prefix(rowsPerGroup) { out += row(f) }
            if unknowns.count > rowsPerGroup { out += "  … and \(unknowns.count - rowsPerGroup) more (see --format json)\n" }
        }

        let unread = report.problems.filter { $0.kind != .ignored }
        if !unread.isEmpty {
            out += "\n" + bold("Could not read (\(unread.count)); the checks that need this data are UNKNOWN:") + "\n"
            for (label, problems) in groupProblems(unread) {
                out += "  \(label)\n"
                for p in problems.prefix(3) { out += "      \(clean(Self.firstLine(p.message)))\n" }
                if problems.count > 3 { out += "      … and \(problems.count - 3) more\n" }
            }
        }
        if !report.notes.isEmpty {
            out += "\n" + bold("Not judged (\(report.notes.count)):") + "\n"
            for note in report.notes { out += "  \(clean(note))\n" }
        }
        let ignored = report.problems.filter { $0.kind == .ignored }
        if !ignored.isEmpty {
            out += "\n" + bold("Ignored (\(ignored.count) files no check reads):") + "\n"
            for p in ignored.prefix(10) { out += "  \(clean(p.message))\n" }
            if ignored.count > 10 { out += "  … and \(ignored.count - 10) more\n" }
        }
        return out
    }

    /// Each account's counts and score, then the organization's: shown only for several accounts.
    static func accountTable(_ breakdown: AccountBreakdown) -> String {
        var rows: [[String]] = [["ACCOUNT", "PASS", "FAIL", "UNKNOWN", "MANUAL", "MUTED", "SCORE"]]
        for row in breakdown.accounts + [breakdown.organization] {
            rows.append(
                [row.account.map(clean) ?? "organization"] + [Status.pass, .fail, .unknown, .manual].map { String(row.counts[$0] ?? 0) }
                    + [String(row.muted), row.scoreText])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = "\nPer account (\(breakdown.accounts.count) accounts; score = PASS / (PASS + FAIL + UNKNOWN)):\n"
        for row in rows {
            out += "  " + row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ") + "\n"
        }
        return out
    }

    private func place(_ f: Finding) -> String {
        // Infrastructure code: where the resource is written.
        if let at = f.resource.location { return at.file + (at.line.map { ":\($0)" } ?? "") + (at.address.map { " \($0)" } ?? "") }
        return f.resource.region == "global" ? f.resource.account : "\(f.resource.account)/\(f.resource.region)"
    }

    private func row(_ f: Finding) -> String {
        "  \(f.checkId)  \(clean(f.resource.name))  [\(place(f))]\n      \(clean(f.message))\n"
    }

    /// A group of one as `row`; a larger group as one line naming every check id and the
    /// resource, then the shared cause with what differs. `[known]` marks failures the baseline had.
    private func row(_ g: FailureGroup, _ report: ScanReport) -> String {
        let first = g.findings[0]
        let known = g.findings.allSatisfy(report.isKnownFailure) ? "  [known]" : ""
        guard let cause = g.cause else { return row(first).replacingFirstNewline(with: "\(known)\n") }
        var out = "  \(g.findings.map(\.checkId).joined(separator: ","))  \(clean(first.resource.name))  [\(place(first))]\(known)\n"
        out += "      \(g.findings.count) failures, \(cause) \(g.items.joined(separator: ", "))\n"
        return out
    }

    /// Groups problems by service, operation and kind, so a service that could not be read shows once.
    private func groupProblems(_ problems: [SourceProblem]) -> [(String, [SourceProblem])] {
        var order: [String] = []
        var groups: [String: [SourceProblem]] = [:]
        for p in problems {
            let kind = switch p.kind {
            case .failed: "failed"
            case .unreadable: "unreadable"
            case .notCollected: "not collected"
            case .ignored: "ignored"
            }
            let key = "\(p.call.service) \(p.call.operation): \(kind) (\(p.call.region == "global" ? "global" : p.call.region))"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(p)
        }
        return order.map { key in
            let group = groups[key] ?? []
            return (group.count > 1 ? "\(clean(key)) ×\(group.count)" : clean(key), group)
        }
    }

    private func severityColor(_ s: Severity) -> String {
        switch s {
        case .critical: "1;31"
        case .high: "31"
        case .medium: "33"
        case .low: "36"
        case .informational: "37"
        }
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    /// Untrusted text with control characters made visible (see `String.terminalSafe`).
    static func clean(_ text: String) -> String { text.terminalSafe }

    private func clean(_ text: String) -> String { Self.clean(text) }

    /// An error's first line, at most 500 characters (an HTML error page fills a screen); the
    /// JSON formats keep the whole message.
    static func firstLine(_ text: String) -> String {
        let line = text.prefix { $0 != "\n" && $0 != "\r" }
        return line.count > 500 || line.count < text.count ? String(line.prefix(500)) + " …" : String(line)
    }
}

extension String {
    fileprivate func replacingFirstNewline(with text: String) -> String {
        guard let index = firstIndex(of: "\n") else { return self }
        return String(self[..<index]) + text + String(self[self.index(after: index)...])
    }
}
