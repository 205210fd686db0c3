public import RampartFindings
import RampartInventory
import RampartJSON

/// OCSF Detection Finding (class 2004) JSON, with the fields Prowler's `json-ocsf` output
/// carries, so a consumer of one reads the other.
public struct OCSFFormat: OutputFormat {
    public let name = "ocsf"
    public let fileName = "rampart-findings.ocsf.json"
    public let productVersion: String

    /// The OCSF schema version these events follow.
    public static let schemaVersion = "1.3.0"

    public init(productVersion: String) {
        self.productVersion = productVersion
    }

    public func write(_ report: ScanReport, to sink: ByteSink) {
        sink.writeJSONArray(report.findings) { event($0, report: report) }
    }

    /// OCSF `severity_id`: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical.
    static func severity(_ s: Severity) -> (id: Int, name: String) {
        switch s {
        case .informational: (1, "Informational")
        case .low: (2, "Low")
        case .medium: (3, "Medium")
        case .high: (4, "High")
        case .critical: (5, "Critical")
        }
    }

    func event(_ f: Finding, report: ScanReport) -> JSONValue {
        let time = Int(report.collectedAt.timeIntervalSince1970)
        let timeText = Timestamp.format(report.collectedAt)
        let severity = Self.severity(f.severity)
        let region = f.resource.region
        return .object([
            "message": .string(f.message),
            "metadata": .object([
                "event_code": .string(f.checkId),
                "product": .object([
                    "uid": "rampart", "name": "Rampart", "vendor_name": "Rampart", "version": .string(productVersion),
                ]),
                "profiles": ["cloud", "datetime"],
                "tenant_uid": "",
                "version": .string(Self.schemaVersion),
            ]),
            "severity_id": .number(Double(severity.id)),
            "severity": .string(severity.name),
            // As Prowler marks a muted finding: status Suppressed (status_id 3), the acceptance in
            // status_detail, and `muted` in unmapped; status_code keeps the verdict.
            "status": .string(f.muted == nil ? "New" : "Suppressed"),
            "status_code": .string(f.status.rawValue),
            "status_detail": .string(f.muted.map { "Muted by rule \($0.rule) (owner \($0.owner), until \($0.expires ?? "-")): \($0.reason). \(f.message)" } ?? f.message),
            "status_id": .number(f.muted == nil ? 1 : 3),
            "unmapped": .object([
                "muted": f.muted.map(FindingsJSONFormat.mutedJSON) ?? .bool(false),
                "compliance": FindingsJSONFormat.frameworksJSON(f.frameworks),
                "aliases": .object(JSONObject(pairs: f.aliases.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                "responsibility": .object([
                    "owner": .string(f.responsibility.owner.rawValue),
                    "serviceModel": .string(f.responsibility.serviceModel.rawValue),
                ]),
                "evidence": .object(f.evidence),
            ]),
            "activity_name": "Create",
            "activity_id": 1,
            "finding_info": .object([
                "created_time": .number(Double(time)),
                "created_time_dt": .string(timeText),
                "desc": .string(f.risk),
                "title": .string(f.title),
                "uid": .string("rampart-\(f.checkId)-\(f.resource.arn)"),
                "name": .string(f.resource.name),
                "types": .strings([f.service]),
            ]),
            "resources": .array([
                .object([
                    "cloud_partition": .string(partition(of: f.resource.arn)),
                    "region": .string(region),
                    "data": .object(["details": .string(f.message), "metadata": .object(f.evidence)]),
                    "group": .object(["name": .string(f.service)]),
                    "labels": .array([]),
                    "name": .string(f.resource.name),
                    "type": .string(f.resource.type),
                    "uid": .string(f.resource.arn),
                ]),
            ]),
            "category_name": "Findings",
            "category_uid": 2,
            "class_name": "Detection Finding",
            "class_uid": 2004,
            "cloud": .object([
                "account": .object([
                    "name": "", "type": "AWS Account", "type_id": 10, "uid": .string(f.resource.account), "labels": .array([]),
                ]),
                "org": .object(["name": "", "uid": ""]),
                "provider": "aws",
                "region": .string(region),
            ]),
            "remediation": .object(["desc": .string(f.remediation), "references": .array([])]),
            "risk_details": .string(f.risk),
            "time": .number(Double(time)),
            "time_dt": .string(timeText),
            "type_uid": 200401,
            "type_name": "Detection Finding: Create",
        ])
    }

    private func partition(of arn: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count > 1 ? String(parts[1]) : "aws"
    }
}
