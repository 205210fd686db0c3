import Foundation
import RampartFindings
import RampartJSON

/// `rampart history` and `rampart diff` as a terminal table or JSON. Names, sources and messages
/// are untrusted text: control characters are shown escaped in tables and escaped by the JSON writer.
public enum StoreFormats {
    /// The formats `history` and `diff` take.
    public static let names = ["table", "json"]

    // MARK: - history

    /// `scans` as `ScanRun.grouping` lists them: a sharded run is one line, its id `run:ID` and
    /// its source `run ID (N shards)`.
    public static func historyTable(_ scans: [ScanRecord], store: String) -> String {
        guard !scans.isEmpty else { return "No scans in \(clean(store)) yet; 'rampart scan' saves one.\n" }
        var rows: [[String]] = [["ID", "SCANNED (UTC)", "SOURCE", "ACCOUNTS", "RESOURCES", "PASS", "FAIL", "UNKNOWN", "MANUAL", "MUTED"]]
        for scan in scans {
            let id = scan.runId.map { "run:\(clean($0))" } ?? String(scan.id)
            let source = scan.runId == nil ? clean(scan.source) : "\(clean(scan.source)) (\(scan.shards) shard\(scan.shards == 1 ? "" : "s"))"
            rows.append([
                id, timestamp(scan.scannedAt), source, clean(scan.accounts.joined(separator: ",")),
                String(scan.resourceCount), String(scan.counts[.pass] ?? 0), String(scan.counts[.fail] ?? 0),
                String(scan.counts[.unknown] ?? 0), String(scan.counts[.manual] ?? 0), String(scan.muted),
            ])
        }
        return "Scans in \(clean(store)), newest first\n" + table(rows, rightAligned: [0, 4, 5, 6, 7, 8, 9])
    }

    public static func historyJSON(_ scans: [ScanRecord]) -> String {
        JSONWriter.string(.array(scans.map(json)), pretty: true) + "\n"
    }

    static func json(_ scan: ScanRecord) -> JSONValue {
        var object = JSONObject([
                "id": .number(Double(scan.id)),
                "scannedAt": .string(timestamp(scan.scannedAt)),
                "collectedAt": .string(timestamp(scan.collectedAt)),
                "source": .string(scan.source),
                "accounts": .array(scan.accounts.map { .string($0) }),
                "regions": .array(scan.regions.map { .string($0) }),
                "checksRun": .number(Double(scan.checksRun)),
                "resources": .number(Double(scan.resourceCount)),
                "problems": .number(Double(scan.problemCount)),
                "counts": .object(JSONObject(pairs: Status.allCases.map { ($0.rawValue, .number(Double(scan.counts[$0] ?? 0))) })),
                "muted": .number(Double(scan.muted)),
                "rampartVersion": .string(scan.rampartVersion),
            ])
        // Only a run's lines carry these, so a scan's JSON is what it was before runs existed.
        if let run = scan.runId {
            object["runId"] = .string(run)
            object["shards"] = .number(Double(scan.shards))
        }
        return .object(object)
    }

    // MARK: - findings

    /// One scan's stored findings as a JSON array, in the field names of the scan's JSON output.
    public static func findingsJSON(_ findings: [StoredFinding]) -> String {
        JSONWriter.string(.array(findings.map(json)), pretty: true) + "\n"
    }

    static func json(_ finding: StoredFinding) -> JSONValue {
        let r = finding.resource
        return .object(
            JSONObject([
                "findingId": .string(finding.findingId),
                "checkId": .string(finding.checkId),
                "title": .string(finding.title),
                "status": .string(finding.status.rawValue),
                "severity": .string(finding.severity.rawValue),
                "service": .string(finding.service),
                "resource": .object(
                    JSONObject([
                        "arn": .string(r.arn), "type": .string(r.type), "name": .string(r.name), "account": .string(r.account),
                        "region": .string(r.region), "availabilityZone": r.availabilityZone.map { .string($0) } ?? .null,
                        "availabilityZoneId": r.availabilityZoneId.map { .string($0) } ?? .null,
                    ])),
                "responsibility": .object(
                    JSONObject(["owner": .string(finding.owner.rawValue), "serviceModel": .string(finding.serviceModel.rawValue)])),
                "frameworks": .object(
                    JSONObject(pairs: finding.frameworks.keys.sorted().map { key in (key, .array((finding.frameworks[key] ?? []).map { .string($0) })) })),
                "message": .string(finding.message),
                "remediation": .string(finding.remediation),
                "muted": mutedJSON(finding.muted),
            ]))
    }

    /// A finding's `muted` object as the scan's JSON output writes it, or null.
    static func mutedJSON(_ muted: Muted?) -> JSONValue {
        guard let m = muted else { return .null }
        return .object(
            JSONObject([
                "reason": .string(m.reason), "owner": .string(m.owner), "expires": m.expires.map { .string($0) } ?? .null, "rule": .string(m.rule),
            ]))
    }

    // MARK: - diff

    public static func diffTable(_ diff: ScanDiff) -> String {
        var out = "Scan \(describe(diff.old)) -> scan \(describe(diff.new))\n"
        out += "  NEW \(diff.newFindings.count)   FIXED \(diff.fixed.count)   CHANGED \(diff.changed.count)   UNCHANGED \(diff.unchanged)\n"
        let sections: [(String, [ScanDiff.Entry])] = [
            ("NEW (\(diff.newFindings.count)): failing now, not failing before", diff.newFindings),
            ("FIXED (\(diff.fixed.count)): failing before, passing or gone now", diff.fixed),
            ("CHANGED (\(diff.changed.count)): another status or severity", diff.changed),
        ]
        for (heading, entries) in sections where !entries.isEmpty {
            out += "\n\(heading)\n"
            for entry in entries {
                let finding = entry.latest
                let place = [finding.resource.account, finding.resource.region].filter { !$0.isEmpty }.joined(separator: "/")
                out += "  \(finding.severity.rawValue.uppercased().padding(toLength: 13, withPad: " ", startingAt: 0))"
                out += "\(clean(finding.checkId))  \(clean(finding.resource.name))  [\(clean(place))]  \(transition(entry))\n"
                out += "      \(clean(entry.after?.message ?? entry.note ?? finding.message))\n"
            }
        }
        if diff.newFindings.isEmpty && diff.fixed.isEmpty && diff.changed.isEmpty {
            out += "\nNo finding changed.\n"
        }
        return out
    }

    public static func diffJSON(_ diff: ScanDiff) -> String {
        func side(_ finding: StoredFinding?) -> JSONValue {
            guard let finding else { return .null }
            return .object(
                JSONObject([
                    "status": .string(finding.status.rawValue), "severity": .string(finding.severity.rawValue), "message": .string(finding.message),
                    "muted": mutedJSON(finding.muted),
                ]))
        }
        func entry(_ entry: ScanDiff.Entry) -> JSONValue {
            let finding = entry.latest
            return .object(
                JSONObject([
                    "findingId": .string(entry.findingId),
                    "checkId": .string(finding.checkId),
                    "title": .string(finding.title),
                    "resource": .object(
                        JSONObject([
                            "arn": .string(finding.resource.arn), "type": .string(finding.resource.type), "name": .string(finding.resource.name),
                            "account": .string(finding.resource.account), "region": .string(finding.resource.region),
                        ])),
                    "before": side(entry.before),
                    "after": side(entry.after),
                    "note": entry.note.map { .string($0) } ?? .null,
                ]))
        }
        let value = JSONValue.object(
            JSONObject([
                "old": json(diff.old),
                "new": json(diff.new),
                "summary": .object(
                    JSONObject([
                        "new": .number(Double(diff.newFindings.count)), "fixed": .number(Double(diff.fixed.count)),
                        "changed": .number(Double(diff.changed.count)), "unchanged": .number(Double(diff.unchanged)),
                    ])),
                "newFindings": .array(diff.newFindings.map(entry)),
                "fixed": .array(diff.fixed.map(entry)),
                "changed": .array(diff.changed.map(entry)),
            ]))
        return JSONWriter.string(value, pretty: true) + "\n"
    }

    private static func describe(_ scan: ScanRecord) -> String {
        "\(scan.runId.map { "run:\(clean($0))" } ?? String(scan.id)) (\(timestamp(scan.scannedAt)), \(clean(scan.source)))"
    }

    private static func transition(_ entry: ScanDiff.Entry) -> String {
        func side(_ finding: StoredFinding?) -> String {
            guard let finding else { return "gone" }
            return "\(finding.status.rawValue)/\(finding.severity.rawValue)" + (finding.muted == nil ? "" : " (muted)")
        }
        return "\(side(entry.before)) -> \(side(entry.after))"
    }

    // MARK: - text

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Untrusted text with control characters made visible (see `String.terminalSafe`).
    static func clean(_ text: String) -> String { text.terminalSafe }

    private static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            "  " + row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
