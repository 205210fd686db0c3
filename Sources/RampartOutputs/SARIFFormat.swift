public import RampartFindings
import RampartInventory
import RampartJSON
import Foundation

/// SARIF 2.1.0 for code scanning (GitHub uploads it with `github/codeql-action/upload-sarif`):
/// one rule per check with help text and `security-severity`, one result per FAIL or UNKNOWN
/// finding with the template's file and line, stable `partialFingerprints`, and muted findings
/// as `suppressions` (docs/iac.md).
public struct SARIFFormat: OutputFormat {
    public let name = "sarif"
    public let fileName = "rampart.sarif"
    public let productVersion: String
    /// Paths in results are written relative to this folder (the repository root; default: the working directory).
    public let root: String

    /// GitHub code scanning accepts at most this many results per run.
    public static let maxResults = 25_000

    /// `root` nil: the working directory.
    public init(productVersion: String, root: String? = nil) {
        self.productVersion = productVersion
        self.root = root ?? FileManager.default.currentDirectoryPath
    }

    /// GitHub's bands: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
    static func securitySeverity(_ s: Severity) -> String {
        switch s {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .informational: "0.0"
        }
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .informational: "note"
        }
    }

    /// What a person sees: FAILs first by severity, then UNKNOWNs; PASS and MANUAL are not results.
    static func selected(_ findings: [Finding]) -> [Finding] {
        let fails = findings.filter { $0.status == .fail }.enumerated().sorted {
            ($0.element.severity.rank, -$0.offset) > ($1.element.severity.rank, -$1.offset)
        }.map(\.element)
        return fails + findings.filter { $0.status == .unknown }
    }

    public func write(_ report: ScanReport, to sink: ByteSink) {
        let all = Self.selected(report.findings)
        let kept = Array(all.prefix(Self.maxResults))
        var ruleIndex: [String: Int] = [:]
        var rules: [JSONValue] = []
        for f in report.findings where ruleIndex[f.checkId] == nil {
            ruleIndex[f.checkId] = rules.count
            rules.append(rule(f))
        }
        var run = JSONObject()
        run["tool"] = [
            "driver": .object(JSONObject(pairs: [
                ("name", "Rampart"), ("version", .string(productVersion)), ("semanticVersion", .string(productVersion)),
                ("informationUri", "https://github.com/rampart/rampart"), ("rules", .array(rules)),
            ])),
        ]
        var invocation = JSONObject(pairs: [("executionSuccessful", true)])
        var notifications: [JSONValue] = report.problems.filter { $0.kind != .ignored }.prefix(100).map {
            ["level": "warning", "message": ["text": .string("Could not read: \($0.message)")]]
        }
        if all.count > kept.count {
            notifications.append([
                "level": "warning",
                "message": ["text": .string("\(all.count - kept.count) result(s) left out: code scanning takes at most \(Self.maxResults) per run")],
            ])
        }
        if !notifications.isEmpty { invocation["toolExecutionNotifications"] = .array(notifications) }
        run["invocations"] = [.object(invocation)]
        run["columnKind"] = "unicodeCodePoints"
        run["results"] = .array(kept.map { result($0, ruleIndex: ruleIndex[$0.checkId] ?? 0) })
        if all.count > kept.count { run["properties"] = ["resultsOmitted": .number(Double(all.count - kept.count))] }
        let document: JSONValue = .object(JSONObject(pairs: [
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"), ("version", "2.1.0"), ("runs", [.object(run)]),
        ]))
        JSONWriter.write(document, into: &sink.buffer, pretty: true)
        sink.append("\n")
    }

    func rule(_ f: Finding) -> JSONValue {
        let help = "\(f.risk)\n\nRemediation: \(f.remediation)"
        return .object(JSONObject(pairs: [
            ("id", .string(f.checkId)),
            ("name", .string(f.checkId.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())),
            ("shortDescription", ["text": .string(f.title)]),
            ("fullDescription", ["text": .string(f.risk)]),
            ("help", ["text": .string(help), "markdown": .string("**\(f.title)**\n\n\(f.risk)\n\n**Remediation:** `\(f.remediation)`")]),
            ("defaultConfiguration", ["level": .string(Self.level(f.severity))]),
            ("properties", [
                "security-severity": .string(Self.securitySeverity(f.severity)), "precision": "high",
                "tags": .strings(["security", f.service] + f.frameworks.keys.sorted()),
            ]),
        ]))
    }

    /// The file as code scanning wants it: relative to the repository root, `/`-separated.
    func relativeURI(_ file: String) -> String {
        let absolute = file.hasPrefix("/") ? file : (root as NSString).appendingPathComponent(file)
        let standard = (absolute as NSString).standardizingPath
        let base = (root as NSString).standardizingPath
        if standard.hasPrefix(base + "/") { return String(standard.dropFirst(base.count + 1)) }
        return standard
    }

    func result(_ f: Finding, ruleIndex: Int) -> JSONValue {
        var r = JSONObject()
        r["ruleId"] = .string(f.checkId)
        r["ruleIndex"] = .number(Double(ruleIndex))
        if f.status == .unknown {
            // Not a failure: evidence is missing; shown for review, never as passed.
            r["kind"] = "review"
            r["level"] = "note"
            r["message"] = ["text": .string("UNKNOWN: \(f.message)")]
        } else {
            r["kind"] = "fail"
            r["level"] = .string(Self.level(f.severity))
            r["message"] = ["text": .string(f.message)]
        }
        let logicalName = f.resource.location?.logicalId ?? f.resource.location?.address ?? f.resource.arn
        var location = JSONObject()
        if let place = f.resource.location {
            var region = JSONObject()
            region["startLine"] = .number(Double(max(1, place.line ?? 1)))
            if let column = place.column { region["startColumn"] = .number(Double(max(1, column))) }
            location["physicalLocation"] = [
                "artifactLocation": ["uri": .string(relativeURI(place.file)), "uriBaseId": "%SRCROOT%"], "region": .object(region),
            ]
        }
        location["logicalLocations"] = [["name": .string(logicalName), "fullyQualifiedName": .string(f.resource.arn), "kind": "resource"]]
        r["locations"] = [.object(location)]
        // Stable when lines move: the check and the resource's logical id or address (or ARN), with the file.
        let anchor = "\(f.checkId)|\(f.resource.location.map { relativeURI($0.file) } ?? "")|\(logicalName)"
        r["partialFingerprints"] = ["rampartFinding/v1": .string(SHA256.hex(anchor))]
        if let muted = f.muted {
            r["suppressions"] = [[
                "kind": .string(muted.rule.hasPrefix("inline:") ? "inSource" : "external"), "status": "accepted",
                "justification": .string(muted.reason),
            ]]
        }
        r["properties"] = [
            "status": .string(f.status.rawValue), "severity": .string(f.severity.rawValue),
            "security-severity": .string(Self.securitySeverity(f.severity)), "resource": .string(f.resource.arn),
        ]
        return .object(r)
    }
}
