public import RampartFindings
import RampartInventory

/// The terminal summary: counts by status, failures grouped by severity with the resource and
/// a one-line reason, what was UNKNOWN and why, and what could not be read.
public struct TableFormat: OutputFormat {
    public let name = "table"
    public let fileName = "rampart-summary.txt"
    /// ANSI colour; only when writing to a terminal.
    public let color: Bool
    /// Rows shown per severity before the rest are counted.
    public var rowsPerGroup = 25

    public init(color: Bool) {
        self.color = color
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
        out += "   " + paint("UNKNOWN \(report.count(.unknown))", "33") + "   MANUAL \(report.count(.manual))\n"
        if !report.awsOwned.isEmpty {
            out += "  Not counted: \(report.awsOwned.count) findings on resources AWS owns (AWS managed policies, service-linked roles, "
            out += "AWS managed keys); --include-aws-owned shows them.\n"
        }

        let failures = report.findings.filter { $0.status == .fail }
        for severity in Severity.allCases {
            let group = failures.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += "\n" + paint(bold("\(severity.rawValue.uppercased()) (\(group.count))"), severityColor(severity)) + "\n"
            for f in group.prefix(rowsPerGroup) { out += row(f) }
            if group.count > rowsPerGroup { out += "  … and \(group.count - rowsPerGroup) more (see --format json)\n" }
        }

        let unknowns = report.findings.filter { $0.status == .unknown }
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

    private func row(_ f: Finding) -> String {
        var place = f.resource.region == "global" ? f.resource.account : "\(f.resource.account)/\(f.resource.region)"
        // Infrastructure code: where the resource is written.
        if let at = f.resource.location { place = at.file + (at.line.map { ":\($0)" } ?? "") + (at.address.map { " \($0)" } ?? "") }
        return "  \(f.checkId)  \(clean(f.resource.name))  [\(place)]\n      \(clean(f.message))\n"
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
