public import RampartFindings
import RampartInventory
public import RampartJSON

/// Rampart's native JSON: an array of findings in the shape DESIGN.md fixes.
public struct FindingsJSONFormat: OutputFormat {
    public let name = "json"
    public let fileName = "rampart-findings.json"

    public init() {}

    public func write(_ report: ScanReport, to sink: ByteSink) {
        sink.writeJSONArray(report.findings, Self.json)
    }

    /// One finding as native JSON.
    public static func json(_ f: Finding) -> JSONValue {
        .object([
            "checkId": .string(f.checkId),
            "title": .string(f.title),
            "status": .string(f.status.rawValue),
            "severity": .string(f.severity.rawValue),
            "resource": resourceJSON(f.resource),
            "responsibility": .object([
                "owner": .string(f.responsibility.owner.rawValue),
                "serviceModel": .string(f.responsibility.serviceModel.rawValue),
            ]),
            "frameworks": frameworksJSON(f.frameworks),
            "aliases": .object(JSONObject(pairs: f.aliases.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            "message": .string(f.message),
            "evidence": .object(f.evidence),
            "remediation": .string(f.remediation),
            "muted": f.muted.map(mutedJSON) ?? .null,
        ])
    }

    /// A muted finding's `muted` object: reason, owner, expires, rule.
    public static func mutedJSON(_ m: Muted) -> JSONValue {
        .object(["reason": .string(m.reason), "owner": .string(m.owner), "expires": .optional(m.expires), "rule": .string(m.rule)])
    }

    static func resourceJSON(_ r: ResourceRef) -> JSONValue {
        var object: JSONObject = [
            "arn": .string(r.arn),
            "type": .string(r.type),
            "name": .string(r.name),
            "account": .string(r.account),
            "region": .string(r.region),
            "availabilityZone": .optional(r.availabilityZone),
            "availabilityZoneId": .optional(r.availabilityZoneId),
        ]
        // Only for resources read from infrastructure code (DESIGN.md, "Infrastructure as code").
        if let place = r.location {
            var location = JSONObject()
            location["file"] = .string(place.file)
            if let line = place.line { location["line"] = .number(Double(line)) }
            if let column = place.column { location["column"] = .number(Double(column)) }
            if let id = place.logicalId { location["logicalId"] = .string(id) }
            if let address = place.address { location["address"] = .string(address) }
            object["location"] = .object(location)
        }
        return .object(object)
    }

    static func frameworksJSON(_ frameworks: [String: [String]]) -> JSONValue {
        .object(JSONObject(pairs: frameworks.sorted { $0.key < $1.key }.map { ($0.key, .strings($0.value)) }))
    }
}
