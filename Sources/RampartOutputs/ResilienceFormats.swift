public import RampartResilience
import Foundation
import RampartJSON

/// `rampart resilience simulate --format json`: DESIGN.md's array of scenarios, each workload with
/// the contract's fields first, then its name, N+1 verdict and DR strategy.
public enum ResilienceJSON {
    public static func render(_ scenarios: [Scenario]) -> String {
        let value: JSONValue = .array(scenarios.map { scenario in
            [
                "scenario": .string(scenario.failure.description),
                "workloads": .array(scenario.results.map(object)),
            ]
        })
        return JSONWriter.string(value, pretty: true) + "\n"
    }

    static func object(_ r: WorkloadResult) -> JSONValue {
        let stable: JSONValue = r.staticallyStable.map(JSONValue.bool) ?? .null
        return [
            "id": .string(r.workload.id), "kind": .string(r.workload.kind.rawValue),
            "resources": .strings(r.workload.resources.map(\.arn)),
            "capacityBefore": .number(Double(r.capacityBefore)), "capacityAfter": .number(Double(r.capacityAfter)),
            "capacityRequired": .number(Double(r.capacityRequired)), "verdict": .string(r.verdict.rawValue),
            "reason": .string(r.reason), "assumptions": .strings(r.assumptions),
            "name": .string(r.workload.name), "region": .string(r.workload.region), "staticallyStable": stable,
            "drStrategy": .string(r.drClass.strategy.rawValue), "drReason": .string(r.drClass.reason),
            "impliedRecoveryTime": .string(r.drClass.strategy.impliedRecoveryTime),
        ]
    }
}

/// `rampart resilience simulate --format table`: one table per scenario, or, for a sweep, one
/// matrix of workloads against failures. Names are untrusted: control characters are shown escaped.
public enum ResilienceTable {
    public static func render(_ scenarios: [Scenario], sweep: Bool, color: Bool) -> String {
        sweep ? matrix(scenarios, color: color) : scenarios.map { table($0, color: color) }.joined(separator: "\n")
    }

    static func clean(_ s: String) -> String { TableFormat.clean(s) }

    static func paint(_ v: Verdict, _ text: String, _ color: Bool) -> String {
        guard color else { return text }
        let code = switch v {
        case .ok: "32"
        case .degraded: "33"
        case .down: "31"
        case .unknown: "35"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

    static func stable(_ r: WorkloadResult) -> String {
        switch r.staticallyStable {
        case true?: "yes"
        case false?: "no"
        case nil: "?"
        }
    }

    static func table(_ scenario: Scenario, color: Bool) -> String {
        var out = "Scenario \(clean(scenario.failure.description)): \(scenario.results.count) workload(s)\n"
        if scenario.results.isEmpty { return out + "  nothing runs there\n" }
        let idWidth = min(max(8, scenario.results.map { clean($0.workload.id).count }.max() ?? 8), 60)
        out += "  " + pad("WORKLOAD", idWidth) + "  BEFORE  AFTER  REQUIRED  VERDICT   N+1  DR STRATEGY\n"
        for r in scenario.results {
            out += "  " + pad(clean(r.workload.id), idWidth) + "  " + lpad("\(r.capacityBefore)", 6) + "  " + lpad("\(r.capacityAfter)", 5)
                + "  " + lpad("\(r.capacityRequired)", 8) + "  " + paint(r.verdict, pad(r.verdict.rawValue, 8), color)
                + "  " + pad(stable(r), 3) + "  " + r.drClass.strategy.rawValue + "\n"
            out += "      why: \(clean(r.reason))\n"
            out += "      DR: \(clean(r.drClass.reason)) (recovery: \(r.drClass.strategy.impliedRecoveryTime))\n"
            for a in r.assumptions { out += "      assumes: \(clean(a))\n" }
        }
        let counts = Dictionary(grouping: scenario.results, by: \.verdict).mapValues(\.count)
        out += "  " + [Verdict.ok, .degraded, .down, .unknown].compactMap { v in counts[v].map { "\($0) \(v.rawValue)" } }.joined(separator: ", ") + "\n"
        return out
    }

    static func matrix(_ scenarios: [Scenario], color: Bool) -> String {
        let (ids, cells, results) = grid(scenarios)
        let idWidth = min(max(8, ids.map { clean($0).count }.max() ?? 8), 60)
        let widths = scenarios.map { max($0.failure.description.count, 8) }
        var out = "Sweep: \(scenarios.count) failure(s) × \(ids.count) workload(s); - = not touched\n"
        out += pad("WORKLOAD", idWidth) + "  N+1  " + zip(scenarios, widths).map { pad($0.failure.description, $1) }.joined(separator: "  ") + "\n"
        for id in ids {
            let first = results[id]!
            out += pad(clean(id), idWidth) + "  " + pad(stable(first), 3) + "  "
            out += zip(scenarios.indices, widths).map { i, w in
                guard let r = cells[id]?[i] else { return pad("-", w) }
                return paint(r.verdict, pad(r.verdict.rawValue, w), color)
            }.joined(separator: "  ") + "\n"
        }
        var notes = ""
        for id in ids {
            let problems = scenarios.indices.compactMap { i in cells[id]?[i].flatMap { $0.verdict == .ok ? nil : ($0, scenarios[i]) } }
            guard let r = results[id] else { continue }
            notes += "\(clean(id)): \(r.capacityBefore) active, DR \(r.drClass.strategy.rawValue) (\(clean(r.drClass.reason)))\n"
            for (p, s) in problems { notes += "  \(s.failure.description): \(p.verdict.rawValue): \(clean(p.reason))\n" }
            for a in r.assumptions { notes += "  assumes: \(clean(a))\n" }
        }
        return out + "\n" + notes
    }

    /// Workload ids in first-seen order, their result per scenario index, and one result each for shared facts.
    static func grid(_ scenarios: [Scenario]) -> ([String], [String: [Int: WorkloadResult]], [String: WorkloadResult]) {
        var ids: [String] = []
        var cells: [String: [Int: WorkloadResult]] = [:]
        var first: [String: WorkloadResult] = [:]
        for (i, s) in scenarios.enumerated() {
            for r in s.results {
                if first[r.workload.id] == nil { ids.append(r.workload.id); first[r.workload.id] = r }
                cells[r.workload.id, default: [:]][i] = r
            }
        }
        // Rows by Region, then in the order the workloads were derived (kind, then name).
        let order = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = ids.sorted { a, b in
            let (ra, rb) = (first[a]!.workload.region, first[b]!.workload.region)
            return ra != rb ? ra < rb : order[a]! < order[b]!
        }
        return (sorted, cells, first)
    }
}

/// An SVG heat-map of workloads (rows) against failures (columns), coloured by verdict, for the
/// HTML report to embed. Every name is XML-escaped.
public enum ResilienceHeatMap {
    public static func svg(_ scenarios: [Scenario]) -> String {
        let (ids, cells, _) = ResilienceTable.grid(scenarios)
        let cellW = 96, cellH = 22, labelW = 320
        // Column labels are rotated -35 degrees from their column's centre, so they rise up and to
        // the right by their length: the header and the width grow to hold the longest one (at a
        // generous 7.5 px per character of 12 px sans-serif), so the last label is never clipped.
        let labelLength = { (s: Scenario) in Double(s.failure.description.count) * 7.5 }
        let rise = scenarios.map { labelLength($0) * sin(35 * Double.pi / 180) }.max() ?? 0
        let headerH = max(90, Int(rise.rounded(.up)) + 20)
        let reach = scenarios.enumerated().map { i, s in Double(labelW + i * cellW + cellW / 2) + labelLength(s) * cos(35 * Double.pi / 180) }
        let width = max(labelW + cellW * max(scenarios.count, 1) + 10, Int((reach.max() ?? 0).rounded(.up)) + 10)
        let height = headerH + cellH * max(ids.count, 1) + 40
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="sans-serif" font-size="12" role="img" aria-label="Failure simulation heat-map">
            <title>Failure simulation: workloads against lost zones and Regions</title>

            """
        for (i, s) in scenarios.enumerated() {
            let x = labelW + i * cellW + cellW / 2
            out += "<text x=\"\(x)\" y=\"\(headerH - 8)\" transform=\"rotate(-35 \(x) \(headerH - 8))\">\(escape(s.failure.description))</text>\n"
        }
        for (row, id) in ids.enumerated() {
            let y = headerH + row * cellH
            out += "<text x=\"\(labelW - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(id))</text>\n"
            for i in scenarios.indices {
                let x = labelW + i * cellW
                let r = cells[id]?[i]
                let fill = r.map { colour($0.verdict) } ?? "#eeeeee"
                let label = r?.verdict.rawValue ?? "-"
                let tip = r.map { "\(id) under \(scenarios[i].failure.description): \($0.verdict.rawValue), \($0.capacityAfter)/\($0.capacityRequired): \($0.reason)" }
                    ?? "\(id): not touched"
                out += "<g><title>\(escape(tip))</title><rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(cellW - 2)\" height=\"\(cellH - 2)\" fill=\"\(fill)\"/>"
                out += "<text x=\"\(x + cellW / 2)\" y=\"\(y + 15)\" text-anchor=\"middle\">\(label)</text></g>\n"
            }
        }
        let legendY = headerH + ids.count * cellH + 25
        var lx = labelW
        for v in [Verdict.ok, .degraded, .down, .unknown] {
            out += "<rect x=\"\(lx)\" y=\"\(legendY - 11)\" width=\"14\" height=\"14\" fill=\"\(colour(v))\"/><text x=\"\(lx + 18)\" y=\"\(legendY)\">\(v.rawValue)</text>\n"
            lx += 90
        }
        return out + "</svg>\n"
    }

    static func colour(_ v: Verdict) -> String {
        switch v {
        case .ok: "#8fd19e"
        case .degraded: "#ffd966"
        case .down: "#f4978e"
        case .unknown: "#c9b3e6"
        }
    }

    /// XML text and attribute escaping; control characters other than tab and newline are dropped
    /// (XML 1.0 cannot carry them).
    public static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" { continue }
                if (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
