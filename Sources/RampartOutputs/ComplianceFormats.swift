public import RampartCompliance
import RampartFindings
import RampartInventory
import RampartJSON

/// A way to present a compliance report (`rampart compliance --format`).
public protocol ComplianceFormat: Sendable {
    /// The name `--format` takes.
    var name: String { get }
    /// The file name used under `--output-dir`.
    var fileName: String { get }
    func write(_ report: ComplianceReport, to sink: ByteSink)
}

extension ComplianceFormat {
    /// The whole output as one string.
    public func render(_ report: ComplianceReport) -> String {
        var collected: [UInt8] = []
        let sink = ByteSink { collected.append(contentsOf: $0) }
        write(report, to: sink)
        sink.flush()
        return String(decoding: collected, as: UTF8.self)
    }
}

/// The formats `rampart compliance --format` accepts, by name.
public enum ComplianceFormats {
    public static let names = ["table", "json", "markdown", "csv", "oscal"]

    /// The format called `name`; nil for an unknown name.
    public static func named(_ name: String, color: Bool, productVersion: String) -> (any ComplianceFormat)? {
        switch name {
        case "table": ComplianceTableFormat(color: color)
        case "json": ComplianceJSONFormat()
        case "markdown": ComplianceMarkdownFormat()
        case "csv": ComplianceCSVFormat()
        case "oscal": OSCALAssessmentResultsFormat(productVersion: productVersion)
        default: nil
        }
    }
}

/// The report as JSON: per framework its score, the count per status and every requirement
/// with its status, reason, checks, failing and unknown resources, evidence and attestations.
public struct ComplianceJSONFormat: ComplianceFormat {
    public let name = "json"
    public let fileName = "rampart-compliance.json"

    public init() {}

    public func write(_ report: ComplianceReport, to sink: ByteSink) {
        func verdict(_ v: ResourceVerdict) -> JSONValue {
            .object(["arn": .string(v.arn), "type": .string(v.type), "checkId": .string(v.checkId), "message": .string(v.message)])
        }
        let frameworks: [JSONValue] = report.frameworks.map { result in
            let f = result.framework
            let score = result.score
            return JSONValue.object([
                "id": .string(f.id), "name": .string(f.name), "version": .string(f.version),
                "score": .object([
                    "passed": .number(Double(score.passed)), "failed": .number(Double(score.failed)),
                    "unknown": .number(Double(score.unknown)), "accepted": .number(Double(score.accepted)),
                    "decidable": .number(Double(score.decidable)),
                    "value": score.value.map { .number(($0 * 10000).rounded() / 10000) } ?? .null,
                    "formula": .string("passed / (passed + failed + unknown + accepted)"),
                ]),
                "counts": .object(JSONObject(pairs: ComplianceStatus.allCases.map { ($0.rawValue, .number(Double(result.count($0)))) })),
                "requirements": .array(result.requirements.map { r in
                    .object([
                        "id": .string(r.requirement.id), "title": .string(r.requirement.title), "group": .string(r.requirement.group),
                        "responsibility": .string(r.requirement.responsibility.rawValue), "status": .string(r.status.rawValue),
                        "reason": .string(r.reason), "checks": .strings(r.requirement.checks), "judged": .number(Double(r.judged)),
                        "failing": .array(r.failing.map(verdict)), "unknown": .array(r.unknown.map(verdict)),
                        "accepted": .array(r.accepted.map(verdict)),
                        "evidence": .optional(r.requirement.evidence), "attestations": .strings(r.requirement.attestations),
                    ])
                }),
            ]).adding("accountScores", result.accountScores.isEmpty ? nil : Self.scores(result.accountScores))
        }
        let document: JSONValue = .object([
            "source": .string(report.source), "collectedAt": .string(Timestamp.format(report.collectedAt)),
            "accounts": .strings(report.accounts), "regions": .strings(report.regions), "frameworks": .array(frameworks),
            "awsOwnedFindingsSetAside": .number(Double(report.awsOwnedSetAside)),
            "sourceProblems": .number(Double(report.sourceProblems)),
        ])
        JSONWriter.write(document, into: &sink.buffer, pretty: true)
        sink.append("\n")
    }
}

extension ComplianceJSONFormat {
    /// Each account's score of one framework, by account id.
    static func scores(_ scores: [String: ComplianceScore]) -> JSONValue {
        var object = JSONObject()
        for account in scores.keys.sorted() {
            guard let s = scores[account] else { continue }
            let value: JSONValue = s.value.map { JSONValue.number(($0 * 10000).rounded() / 10000) } ?? .null
            object[account] = .object([
                "passed": .number(Double(s.passed)), "failed": .number(Double(s.failed)), "unknown": .number(Double(s.unknown)),
                "accepted": .number(Double(s.accepted)), "decidable": .number(Double(s.decidable)), "value": value,
            ])
        }
        return .object(object)
    }
}

/// The report for a terminal: per framework the score and one line per requirement; failing
/// resources under each failing requirement (the first five), evidence guidance under MANUAL ones.
public struct ComplianceTableFormat: ComplianceFormat {
    public let name = "table"
    public let fileName = "rampart-compliance.txt"
    /// ANSI colour; only when writing to a terminal.
    public let color: Bool
    static let shownResources = 5

    public init(color: Bool) {
        self.color = color
    }

    public func write(_ report: ComplianceReport, to sink: ByteSink) {
        sink.append(bold("Compliance") + " of \(TableFormat.clean(report.source)), collected \(Timestamp.format(report.collectedAt))\n")
        for result in report.frameworks {
            let f = result.framework
            var out = "\n" + bold("\(TableFormat.clean(f.name)) \(TableFormat.clean(f.version)) (\(f.id))") + "\n"
            let s = result.score
            out += "  Score \(s.percentText): \(s.passed) passed of \(s.decidable) decidable (\(s.failed) failed, \(s.unknown) unknown"
            out += s.accepted > 0 ? ", \(s.accepted) accepted)\n" : ")\n"
            out += "  " + ComplianceStatus.allCases.map { "\($0.rawValue) \(result.count($0))" }.joined(separator: "   ") + "\n"
            for account in result.accountScores.keys.sorted() {
                let a = result.accountScores[account]!
                out += "  Account \(TableFormat.clean(account)): score \(a.percentText), \(a.passed) passed of \(a.decidable) decidable (\(a.failed) failed, \(a.unknown) unknown)\n"
            }
            for r in result.requirements {
                let status = paint(r.status.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0), statusColor(r.status))
                let owner = r.requirement.responsibility.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                let id = TableFormat.clean(r.requirement.id).padding(toLength: 14, withPad: " ", startingAt: 0)
                out += "  \(status) \(owner) \(id) \(TableFormat.clean(r.requirement.title))\n"
                switch r.status {
                case .fail:
                    for v in r.failing.prefix(Self.shownResources) {
                        out += "      \(TableFormat.clean(v.arn))  [\(v.checkId)]\n"
                    }
                    if r.failing.count > Self.shownResources { out += "      ... and \(r.failing.count - Self.shownResources) more\n" }
                case .unknown, .notApplicable:
                    out += "      \(TableFormat.clean(r.reason))\n"
                case .accepted:
                    for v in r.accepted.prefix(Self.shownResources) {
                        out += "      \(TableFormat.clean(v.arn))  [\(v.checkId)] muted\n"
                    }
                    if r.accepted.count > Self.shownResources { out += "      ... and \(r.accepted.count - Self.shownResources) more\n" }
                case .manual:
                    if let evidence = r.requirement.evidence { out += "      evidence: \(TableFormat.clean(evidence))\n" }
                case .pass, .inherited:
                    break
                }
                sink.append(out)
                out = ""
                sink.flushIfFull()
            }
            sink.append(out)
        }
        if report.awsOwnedSetAside > 0 {
            sink.append("\nNot counted: \(report.awsOwnedSetAside) findings on resources AWS owns; --include-aws-owned counts them.\n")
        }
        sink.append("\nScore = passed / (passed + failed + unknown), over the requirements checks decide.\n")
    }

    private func statusColor(_ status: ComplianceStatus) -> String {
        switch status {
        case .pass: "32"
        case .fail: "31"
        case .unknown: "33"
        case .manual: "36"
        case .inherited, .notApplicable: "37"
        case .accepted: "35"
        }
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}

/// The report as Markdown, one table per framework. Every cell is escaped with
/// `ResponsibilityMarkdownFormat.escape`: pipes, HTML and line breaks cannot change the table.
public struct ComplianceMarkdownFormat: ComplianceFormat {
    public let name = "markdown"
    public let fileName = "rampart-compliance.md"
    static let shownResources = 10

    public init() {}

    public func write(_ report: ComplianceReport, to sink: ByteSink) {
        let e = ResponsibilityMarkdownFormat.escape
        sink.append("# Compliance\n\nSource: \(e(report.source)), collected \(Timestamp.format(report.collectedAt)).\n")
        for result in report.frameworks {
            let f = result.framework
            let s = result.score
            var out = "\n## \(e(f.name)) \(e(f.version)) (`\(f.id)`)\n\n"
            out += "Score **\(s.percentText)**: \(s.passed) passed of \(s.decidable) decidable (\(s.failed) failed, \(s.unknown) unknown). "
            out += ComplianceStatus.allCases.map { "\($0.rawValue) \(result.count($0))" }.joined(separator: " · ") + "\n\n"
            out += "| requirement | title | responsibility | status | failing resources | evidence or attestations |\n"
            out += "|---|---|---|---|---|---|\n"
            sink.append(out)
            for r in result.requirements {
                var failing = r.failing.prefix(Self.shownResources).map { "\(e($0.arn)) (\(ResponsibilityMarkdownFormat.code($0.checkId)))" }
                if r.failing.count > Self.shownResources { failing.append("and \(r.failing.count - Self.shownResources) more") }
                let support: String
                switch r.status {
                case .inherited: support = r.requirement.attestations.map(e).joined(separator: ", ")
                case .manual: support = e(r.requirement.evidence ?? r.reason)
                case .unknown, .notApplicable, .accepted: support = e(r.reason)
                case .pass, .fail: support = ""
                }
                sink.append(
                    "| \(e(r.requirement.id)) | \(e(r.requirement.title)) | \(r.requirement.responsibility.rawValue) | \(r.status.rawValue) | "
                        + "\(failing.joined(separator: "<br>")) | \(support) |\n")
                sink.flushIfFull()
            }
        }
        sink.append("\nScore = passed / (passed + failed + unknown), over the requirements checks decide.\n")
    }
}

/// The report as CSV (RFC 4180): one row per requirement and failing or unknown resource (one row
/// for a requirement with none). Every field is quoted; a field starting with `=`, `+`, `-`, `@`,
/// tab or carriage return is prefixed with `'` so a spreadsheet shows it as text, not a formula.
public struct ComplianceCSVFormat: ComplianceFormat {
    public let name = "csv"
    public let fileName = "rampart-compliance.csv"

    public init() {}

    static let header = [
        "framework", "requirement", "title", "responsibility", "status", "reason", "check", "resource", "resource_type", "message",
        "evidence", "attestations",
    ]

    public func write(_ report: ComplianceReport, to sink: ByteSink) {
        sink.append(Self.row(Self.header))
        for result in report.frameworks {
            for r in result.requirements {
                let base = [
                    result.framework.id, r.requirement.id, r.requirement.title, r.requirement.responsibility.rawValue, r.status.rawValue,
                    r.reason,
                ]
                let tail = [r.requirement.evidence ?? "", r.requirement.attestations.joined(separator: "; ")]
                let resources = r.status == .fail ? r.failing : r.status == .unknown ? r.unknown : r.status == .accepted ? r.accepted : []
                if resources.isEmpty {
                    sink.append(Self.row(base + [r.requirement.checks.joined(separator: " "), "", "", ""] + tail))
                }
                for v in resources { sink.append(Self.row(base + [v.checkId, v.arn, v.type, v.message] + tail)) }
                sink.flushIfFull()
            }
        }
    }

    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    /// One quoted field: quotes doubled, formula triggers neutralised.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { value = "'" + value }
        var out = "\""
        for character in value { out += character == "\"" ? "\"\"" : String(character) }
        return out + "\""
    }
}
