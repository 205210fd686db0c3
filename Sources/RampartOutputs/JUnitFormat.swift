public import RampartFindings
import RampartInventory

/// JUnit XML for CI dashboards: one `<testsuite>` per check, one `<testcase>` per check and
/// resource. FAIL is a `<failure>`; UNKNOWN is an `<error>` (the check could not run to a
/// verdict, which must not read as a pass or be hidden as skipped); MANUAL is `<skipped>` (a
/// person must supply the evidence); a muted FAIL or UNKNOWN is `<skipped>` with `MUTED:` and
/// the accepted risk (counted apart, so it cannot fail the build); PASS is a bare test case.
public struct JUnitFormat: OutputFormat {
    public let name = "junit"
    public let fileName = "rampart-junit.xml"

    public init() {}

    public func write(_ report: ScanReport, to sink: ByteSink) {
        var order: [String] = []
        var byCheck: [String: [Finding]] = [:]
        for f in report.findings {
            if byCheck[f.checkId] == nil { order.append(f.checkId) }
            byCheck[f.checkId, default: []].append(f)
        }
        // The JUnit schema's timestamp carries no zone; it is UTC.
        let timestamp = String(Timestamp.format(report.collectedAt).dropLast())
        sink.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        sink.append("<testsuites name=\"rampart\" tests=\"\(report.findings.count)\" failures=\"\(report.count(.fail))\" ")
        let skipped = report.findings.filter(Self.isSkipped).count
        sink.append("errors=\"\(report.count(.unknown))\" skipped=\"\(skipped)\" timestamp=\"\(timestamp)\">\n")
        for checkId in order {
            let findings = byCheck[checkId] ?? []
            func count(_ s: Status) -> Int { findings.filter { $0.status == s && $0.muted == nil }.count }
            sink.append("  <testsuite name=\"\(Self.escape(checkId))\" tests=\"\(findings.count)\" failures=\"\(count(.fail))\" ")
            sink.append("errors=\"\(count(.unknown))\" skipped=\"\(findings.filter(Self.isSkipped).count)\" timestamp=\"\(timestamp)\">\n")
            for f in findings {
                let name = "\(f.resource.name) [\(f.resource.arn)]"
                sink.append("    <testcase classname=\"\(Self.escape(checkId))\" name=\"\(Self.escape(name))\"")
                if let m = f.muted, f.status == .fail || f.status == .unknown {
                    let text = "MUTED (\(f.status.rawValue)): \(m.reason); owner \(m.owner), until \(m.expires ?? "-"), rule \(m.rule). \(f.message)"
                    sink.append(">\n      <skipped message=\"\(Self.escape(text))\"/>\n    </testcase>\n")
                    continue
                }
                switch f.status {
                case .pass:
                    sink.append("/>\n")
                    continue
                case .fail:
                    sink.append(">\n      <failure message=\"\(Self.escape(f.message))\" type=\"\(f.severity.rawValue)\">")
                    sink.append(Self.escape(details(f)) + "</failure>\n")
                case .unknown:
                    sink.append(">\n      <error message=\"\(Self.escape(f.message))\" type=\"UNKNOWN\">")
                    sink.append(Self.escape("Evidence missing or unreadable; never counted as PASS.\n" + details(f)) + "</error>\n")
                case .manual:
                    sink.append(">\n      <skipped message=\"\(Self.escape("MANUAL: " + f.message))\"/>\n")
                }
                sink.append("    </testcase>\n")
            }
            sink.append("  </testsuite>\n")
            sink.flushIfFull()
        }
        sink.append("</testsuites>\n")
    }

    /// MANUAL findings, and muted FAIL or UNKNOWN ones.
    static func isSkipped(_ f: Finding) -> Bool { f.status == .manual || (f.muted != nil && (f.status == .fail || f.status == .unknown)) }

    private func details(_ f: Finding) -> String {
        var lines = ["\(f.title) (\(f.severity.rawValue))", "Resource: \(f.resource.arn) (\(f.resource.type), \(f.resource.account)/\(f.resource.region))"]
        if !f.frameworks.isEmpty { lines.append("Frameworks: \(CSVFormat.frameworks(f.frameworks))") }
        lines.append("Remediation: \(f.remediation)")
        return lines.joined(separator: "\n")
    }

    /// XML 1.0 text and attribute escaping. Characters XML 1.0 cannot carry at all, not even as
    /// character references (C0 controls other than tab, LF and CR; U+FFFE and U+FFFF), are shown
    /// as `\u{1b}`; tab, LF and CR are written as character references so attributes keep them.
    public static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
