public import RampartFindings

/// One row per finding (RFC 4180: CRLF line ends, fields with a comma, quote or line break
/// quoted, quotes doubled), with a header row, for spreadsheets. Cells a spreadsheet would read
/// as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) are prefixed with `'`, so a
/// hostile tag value stays text.
public struct CSVFormat: OutputFormat {
    public let name = "csv"
    public let fileName = "rampart-findings.csv"

    /// The columns, in order.
    public static let header = [
        "findingId", "checkId", "status", "severity", "title", "service", "account", "region", "availabilityZone",
        "resourceType", "resourceName", "resourceArn", "owner", "serviceModel", "frameworks", "prowler", "message",
        "remediation", "muted", "mutedReason", "mutedOwner", "mutedExpires", "mutedRule",
    ]

    public init() {}

    public func write(_ report: ScanReport, to sink: ByteSink) {
        sink.append(Self.row(Self.header))
        for f in report.findings {
            sink.append(Self.row([
                f.findingId, f.checkId, f.status.rawValue, f.severity.rawValue, f.title, f.service, f.resource.account,
                f.resource.region, f.resource.availabilityZone ?? "", f.resource.type, f.resource.name, f.resource.arn,
                f.responsibility.owner.rawValue, f.responsibility.serviceModel.rawValue, Self.frameworks(f.frameworks),
                f.aliases["prowler"] ?? "", f.message, f.remediation, f.muted == nil ? "false" : "true", f.muted?.reason ?? "",
                f.muted?.owner ?? "", f.muted?.expires ?? "", f.muted?.rule ?? "",
            ]))
            sink.flushIfFull()
        }
    }

    /// `aws-fsbp:EC2.13 EC2.53; cis-aws-3.0:5.2`: frameworks by id, requirements space-separated.
    static func frameworks(_ frameworks: [String: [String]]) -> String {
        frameworks.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.joined(separator: " "))" }.joined(separator: "; ")
    }

    static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One field: neutralised against formula injection, then quoted when RFC 4180 requires it.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { text = "'" + text }
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
