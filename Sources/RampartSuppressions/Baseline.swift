public import RampartFindings
import RampartJSON

/// A previous scan's native JSON findings (`rampart scan --format json`), read for `--baseline`:
/// the ids (`check/arn`) of the failures it already had, so only new failures trip `--fail-on`.
/// Matching by id makes it indifferent to messages, order and other fields.
public struct Baseline: Sendable {
    /// The file, as given.
    public var file: String
    /// Finding ids whose status was FAIL in the baseline.
    public var failureIds: Set<String>

    /// Reads `bytes` as Rampart's findings JSON; anything else is a one-line error naming the file.
    public static func parse(_ bytes: [UInt8], file: String) throws(BaselineError) -> Baseline {
        let fix = "give a file written by 'rampart scan --format json'"
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw BaselineError(description: "\(file): not JSON (\(error)); \(fix)")
        }
        var ids = Set<String>()
        do {
            for finding in try JSONNode(value).array() {
                let checkId = try finding.requiredString("checkId")
                let statusNode = try finding.required("status")
                guard let status = Status(rawValue: try statusNode.string()) else {
                    throw JSONShapeError(path: statusNode.path.description, message: "is not PASS, FAIL, UNKNOWN or MANUAL")
                }
                let arn = try finding.required("resource").requiredString("arn")
                if status == .fail { ids.insert("\(checkId)/\(arn)") }
            }
        } catch {
            throw BaselineError(description: "\(file): not Rampart's findings JSON (\(error)); \(fix)")
        }
        return Baseline(file: file, failureIds: ids)
    }

    /// `report` with the baseline's failures recorded, so the summaries count known and new failures.
    public func apply(to report: ScanReport) -> ScanReport {
        var copy = report
        copy.suppression.baseline = file
        copy.suppression.baselineFailures = failureIds
        return copy
    }
}

/// A `--baseline` file that is not Rampart's findings JSON.
public struct BaselineError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
