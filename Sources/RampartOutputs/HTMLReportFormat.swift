public import RampartFindings
import Foundation
import RampartInventory
import RampartJSON
import RampartResilience
import RampartResponsibilities

/// The report people read: one self-contained HTML file (inline CSS, JavaScript and SVG; no URL
/// of any kind, so it works from a USB stick under `file://`). Summary charts and the resilience
/// heat-map are drawn here as escaped SVG; the findings, the responsibility matrix and compliance
/// go in as JSON inside `<script type="application/json">` (with `<`, `>`, `&`, U+2028 and
/// U+2029 escaped) and the page's script builds the tables from it with `textContent` only. A
/// Content-Security-Policy allows nothing but the page's own script and style, by hash.
public struct HTMLReportFormat: OutputFormat {
    public let name = "html"
    public let fileName = "report.html"
    public let productVersion: String
    public let sections: HTMLReportSections

    public init(productVersion: String, sections: HTMLReportSections = HTMLReportSections()) {
        self.productVersion = productVersion
        self.sections = sections
    }

    /// The policy the page declares: nothing may load or connect; only the inline script and
    /// style whose SHA-256 hashes are listed may run or apply.
    public static var contentSecurityPolicy: String {
        HTMLReportStyle.contentSecurityPolicy(script: HTMLAssets.script, style: HTMLAssets.style)
    }

    public func write(_ report: ScanReport, to sink: ByteSink) {
        let e = HTMLText.escape
        sink.append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Rampart report: \(e(report.source))</title>
            <style>\(HTMLAssets.style)</style>
            </head>
            <body>
            <header>
            <h1>Rampart report</h1>
            <p class="meta">Source: \(e(report.source)) · collected \(Timestamp.format(report.collectedAt)) · \
            accounts: \(e(report.accounts.joined(separator: ", "))) · regions: \(e(report.regions.joined(separator: ", "))) · \
            \(report.resourceCounts.values.reduce(0, +)) resources · \(report.checksRun) checks · Rampart \(e(productVersion))</p>
            <nav><button type="button" data-goto="summary">Summary</button><button type="button" data-goto="matrix">Responsibilities</button>\
            <button type="button" data-goto="compliance">Compliance</button><button type="button" data-goto="resilience">Resilience</button>\
            <button type="button" data-goto="findings">Findings</button></nav>
            </header>
            <main>
            <section id="summary"><h2>Summary</h2>
            <p class="note">UNKNOWN means the evidence was missing or unreadable: it is never counted as PASS.</p>
            \(report.muted.isEmpty ? "" : "<p class=\"note\" id=\"muted-note\">\(report.muted.count) findings are muted by the mutelist (accepted risks): counted apart from the statuses above; the Muted filter shows them.</p>")
            <div class="charts">\(Self.statusChart(report))\(Self.severityChart(report))</div>
            \(Self.accountBreakdown(report))
            \(Self.problems(report))
            </section>
            <section id="matrix"><h2>Shared responsibility matrix</h2>\(sections.responsibilities == nil ? "<p class=\"note\">Not computed for this report.</p>" : "")<div id="matrix-body"></div></section>
            <section id="compliance"><h2>Compliance per framework</h2><p class="note" id="compliance-basis"></p><div id="compliance-body"></div></section>
            <section id="resilience"><h2>Resilience: losing a zone or a Region</h2>
            \(Self.heatMap(sections.resilience))
            </section>
            <section id="detail" hidden><h2>Resource</h2><div id="detail-body"></div></section>
            <section id="findings"><h2>Findings</h2>
            <div class="filters" id="filters"></div>
            <p class="note" id="shown"></p>
            <table id="finding-table"><thead><tr><th>Severity</th><th>Status</th><th>Check</th><th>Resource</th><th>Service</th>\
            <th>Account</th><th>Region</th><th>Message</th></tr></thead><tbody></tbody></table>
            </section>
                        </main>
            <script type="application/json" id="rampart-data">
            """)
        sink.buffer.append(contentsOf: JSONWriter.bytes(data(report)))
        sink.append("""

            </script>
            <script>\(HTMLAssets.script)</script>
            </body>
            </html>

            """)
    }

    /// For several accounts, each account's counts and score and the organization's, as an escaped
    /// table; empty for one account.
    static func accountBreakdown(_ report: ScanReport) -> String {
        guard let breakdown = AccountBreakdown(report) else { return "" }
        let e = HTMLText.escape
        var out = "<h3>Per account</h3><p class=\"note\">Score = PASS / (PASS + FAIL + UNKNOWN); muted findings are counted apart.</p>"
        out += "<table id=\"accounts\"><thead><tr><th>Account</th><th>PASS</th><th>FAIL</th><th>UNKNOWN</th><th>MANUAL</th><th>Muted</th><th>Score</th></tr></thead><tbody>"
        for row in breakdown.accounts + [breakdown.organization] {
            out += "<tr\(row.account == nil ? " class=\"total\"" : "")><td>\(e(row.account ?? "Organization (all accounts)"))</td>"
            for status in [Status.pass, .fail, .unknown, .manual] { out += "<td>\(row.counts[status] ?? 0)</td>" }
            out += "<td>\(row.muted)</td><td>\(row.scoreText)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// The page's data: findings (resources by index), the matrix and compliance.
    func data(_ report: ScanReport) -> JSONValue {
        var resourceIndex: [String: Int] = [:]
        var resources: [JSONValue] = []
        var findings: [JSONValue] = []
        findings.reserveCapacity(report.findings.count)
        for f in report.findings {
            let r = f.resource
            let index: Int
            if let known = resourceIndex[r.arn] {
                index = known
            } else {
                index = resources.count
                resourceIndex[r.arn] = index
                resources.append(.object([
                    "arn": .string(r.arn), "name": .string(r.name), "type": .string(r.type), "account": .string(r.account),
                    "region": .string(r.region), "availabilityZone": .optional(r.availabilityZone),
                    "availabilityZoneId": .optional(r.availabilityZoneId),
                ]))
            }
            findings.append(.object([
                "checkId": .string(f.checkId), "title": .string(f.title), "status": .string(f.status.rawValue),
                "severity": .string(f.severity.rawValue), "service": .string(f.service), "resource": .number(Double(index)),
                // Its own name: some findings share an ARN with another resource and name it differently.
                "name": .string(r.name),
                "frameworks": FindingsJSONFormat.frameworksJSON(f.frameworks), "message": .string(f.message), "risk": .string(f.risk),
                "remediation": .string(f.remediation), "evidence": .object(f.evidence), "owner": .string(f.responsibility.owner.rawValue),
                "muted": f.muted.map(FindingsJSONFormat.mutedJSON) ?? .null,
            ]))
        }
        let compliance = sections.compliance ?? ReportCompliance(findings: report.findings)
        return .object([
            "findings": .array(findings),
            "resources": .array(resources),
            "matrix": sections.responsibilities.map(Self.matrix) ?? .null,
            "compliance": .object([
                "basis": .string(compliance.basis),
                "frameworks": .array(compliance.frameworks.map { framework in
                    .object([
                        "id": .string(framework.id), "title": .optional(framework.title), "score": .optional(framework.score),
                        "requirements": .array(framework.requirements.map { q in
                            .object([
                                "id": .string(q.id), "title": .optional(q.title), "status": .string(q.shownStatus),
                                "pass": .number(Double(q.pass)), "fail": .number(Double(q.fail)), "unknown": .number(Double(q.unknown)),
                                "manual": .number(Double(q.manual)), "checks": .strings(q.checks),
                            ])
                        }),
                    ])
                }),
            ]),
        ])
    }

    static func matrix(_ m: ResponsibilityMatrix) -> JSONValue {
        .object([
            "services": .array(m.services.map { s in
                .object([
                    "service": .string(s.service), "name": .string(s.name), "serviceModel": .string(s.serviceModel.rawValue),
                    "awsModel": .string(s.awsModel),
                    "responsibilities": .array(s.responsibilities.map { row in
                        .object([
                            "id": .string(row.id), "title": .string(row.title), "owner": .string(row.owner.rawValue),
                            "status": .string(row.status.rawValue), "failing": .number(Double(row.failing)),
                            "unknown": .number(Double(row.unknown)), "judged": .number(Double(row.judged)),
                            "checks": .strings(row.checks), "attestations": .strings(row.attestations), "evidence": .optional(row.evidence),
                        ])
                    }),
                ])
            }),
            "unmappedChecks": .strings(m.unmappedChecks),
        ])
    }

    static let statusColours: [(Status, String)] = [(.fail, "#d9534f"), (.unknown, "#9b7fd1"), (.manual, "#5bc0de"), (.pass, "#5cb85c")]
    static let severityColours: [(Severity, String)] = [
        (.critical, "#8b0000"), (.high, "#d9534f"), (.medium, "#f0ad4e"), (.low, "#e6d35a"), (.informational, "#8aa4c8"),
    ]

    /// One stacked bar of all findings by status, with a legend.
    static func statusChart(_ report: ScanReport) -> String {
        let total = max(report.findings.count, 1)
        let width = 420.0
        var x = 0.0
        var out = "<figure><figcaption>Findings by status</figcaption>"
        out += "<svg width=\"440\" height=\"110\" viewBox=\"0 0 440 110\" role=\"img\" aria-label=\"Findings by status\" id=\"status-chart\">"
        for (status, colour) in statusColours {
            let n = report.count(status)
            let w = width * Double(n) / Double(total)
            if n > 0 {
                out += "<rect x=\"\(fmt(10 + x))\" y=\"10\" width=\"\(fmt(w))\" height=\"30\" fill=\"\(colour)\"><title>\(status.rawValue) \(n)</title></rect>"
            }
            x += w
        }
        for (i, (status, colour)) in statusColours.enumerated() {
            let lx = 10 + i * 105
            out += "<rect x=\"\(lx)\" y=\"60\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(lx + 16)\" y=\"71\" font-size=\"12\" data-status=\"\(status.rawValue)\">\(status.rawValue) \(report.count(status))</text>"
        }
        return out + "</svg></figure>"
    }

    /// Failures by severity, one bar each.
    static func severityChart(_ report: ScanReport) -> String {
        let counts = severityColours.map { severity, _ in report.findings.filter { $0.status == .fail && $0.muted == nil && $0.severity == severity }.count }
        let top = max(counts.max() ?? 0, 1)
        var out = "<figure><figcaption>Failures by severity</figcaption>"
        out += "<svg width=\"440\" height=\"150\" viewBox=\"0 0 440 150\" role=\"img\" aria-label=\"Failures by severity\" id=\"severity-chart\">"
        for (i, (severity, colour)) in severityColours.enumerated() {
            let w = 280.0 * Double(counts[i]) / Double(top)
            let y = 8 + i * 27
            out += "<text x=\"100\" y=\"\(y + 15)\" text-anchor=\"end\" font-size=\"12\">\(severity.rawValue)</text>"
            out += "<rect x=\"108\" y=\"\(y)\" width=\"\(fmt(max(w, 1)))\" height=\"20\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(fmt(114 + w))\" y=\"\(y + 15)\" font-size=\"12\" data-severity=\"\(severity.rawValue)\">\(counts[i])</text>"
        }
        return out + "</svg></figure>"
    }

    static func problems(_ report: ScanReport) -> String {
        guard !report.problems.isEmpty else { return "<p>Every call the checks needed was read.</p>" }
        var out = "<details><summary>Could not read \(report.problems.count) call(s); the checks that need them are UNKNOWN</summary><ul>"
        for p in report.problems.prefix(500) {
            out += "<li>\(HTMLText.escape("\(p.call.service) \(p.call.operation) (\(p.call.account)/\(p.call.region)): \(p.message)"))</li>"
        }
        return out + "</ul></details>"
    }

    /// The sweep's heat-map, inline (its namespace attribute dropped: HTML needs none, and the
    /// page carries no URL at all).
    static func heatMap(_ scenarios: [Scenario]?) -> String {
        guard let scenarios else { return "<p class=\"note\">Not computed for this report.</p>" }
        guard !scenarios.isEmpty else { return "<p>No workload holds capacity in a zone or Region Rampart could read.</p>" }
        let svg = ResilienceHeatMap.svg(scenarios).replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        return "<p class=\"note\">Each cell: the workload's verdict when that zone or Region fails (hover for the reason).</p><div class=\"scroll\">\(svg)</div>"
    }

    private static func fmt(_ v: Double) -> String { String(Int(v.rounded())) }
}

/// Escaping for text placed in HTML by the server-side parts of the report.
enum HTMLText {
    /// Text and attribute values: `& < > " '` as entities; control characters dropped.
    static func escape(_ s: String) -> String { ResilienceHeatMap.escape(s) }
}
