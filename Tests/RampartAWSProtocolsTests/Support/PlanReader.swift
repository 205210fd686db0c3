import Foundation
import RampartJSON

/// A call of Sources/RampartCollector/CollectionPlan.swift, read from its source (this test
/// target cannot depend on RampartCollector).
struct PlanCall: Sendable, CustomStringConvertible {
    var global: Bool
    var service: String
    var operation: String
    var parameters: JSONObject
    var each: PlanEach?

    var description: String { "\(service) \(operation)" }
}

/// A per-resource call's listing, id path and parameter.
struct PlanEach: Sendable {
    var listing: String
    var path: String
    var parameter: String
    var homeRegionOnly: Bool
    /// The parameter's value built from the id (`{account}`, `{region}`, `{id}`; the test account is in partition aws).
    var template: String? = nil
    var asList: Bool = false

    func value(for id: String, account: String, region: String) -> String {
        guard let template else { return id }
        return template.replacingOccurrences(of: "{partition}", with: "aws").replacingOccurrences(of: "{region}", with: region)
            .replacingOccurrences(of: "{account}", with: account).replacingOccurrences(of: "{id}", with: id)
    }
}

enum PlanReader {
    static func calls() throws -> (calls: [PlanCall], support: [(String, String)]) {
        let url = repositoryRoot.appendingPathComponent("Sources/RampartCollector/CollectionPlan.swift")
        let text = try String(contentsOf: url, encoding: .utf8)
        var each: [String: PlanEach] = [:]
        let eachPattern = try NSRegularExpression(
            pattern: #"static let (\w+) = PerResource\(listing: "([^"]+)", path: "([^"]+)", parameter: "([^"]+)"(, homeRegionOnly: true)?(?:, template: "([^"]+)")?(, asList: true)?\)"#)
        for match in eachPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let g = { (i: Int) -> String? in Range(match.range(at: i), in: text).map { String(text[$0]) } }
            each[g(1)!] = PlanEach(listing: g(2)!, path: g(3)!, parameter: g(4)!, homeRegionOnly: g(5) != nil, template: g(6), asList: g(7) != nil)
        }
        let callPattern = try NSRegularExpression(
            pattern: #"\b([gr])\("([a-z0-9-]+)", "([a-z0-9-]+)"(?:, (\[.*?\]))?(?:, each: (\w+))?\)"#)
        var calls: [PlanCall] = []
        for match in callPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let g = { (i: Int) -> String? in Range(match.range(at: i), in: text).map { String(text[$0]) } }
            var parameters = JSONObject()
            if let literal = g(4) {
                // A Swift literal of dictionaries, arrays, strings and booleans:
                // `["OwnerIds": ["self"]]`, `["Filters": [["Key": "Owner", "Values": ["Self"]]]]`.
                guard case .object(let object) = try JSONParser.parse(Self.json(fromSwiftLiteral: literal)) else {
                    throw MotoError("cannot read the parameters \(literal)")
                }
                parameters = object
            }
            var perResource: PlanEach?
            if let name = g(5) {
                guard let found = each[name] else { throw MotoError("unknown PerResource \(name)") }
                perResource = found
            }
            calls.append(PlanCall(global: g(1) == "g", service: g(2)!, operation: g(3)!, parameters: parameters, each: perResource))
        }
        var support: [(String, String)] = []
        if let range = text.range(of: "supportCalls") {
            let tail = String(text[range.upperBound...])
            let supportPattern = try NSRegularExpression(pattern: #"\("([a-z0-9-]+)", "([a-z0-9-]+)"\)"#)
            for match in supportPattern.matches(in: tail, range: NSRange(tail.startIndex..., in: tail)) {
                let g = { (i: Int) -> String in String(tail[Range(match.range(at: i), in: tail)!]) }
                support.append((g(1), g(2)))
            }
        }
        return (calls, support)
    }

    /// The JSON text of a Swift collection literal: a `[` whose first element is `"key":` opens a
    /// dictionary (`{`), any other `[` an array.
    static func json(fromSwiftLiteral literal: String) -> String {
        let chars = Array(literal)
        var out = "", closers: [Character] = [], i = 0, inString = false
        while i < chars.count {
            let c = chars[i]
            if inString {
                out.append(c)
                if c == "\\" && i + 1 < chars.count { out.append(chars[i + 1]); i += 1 } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
                out.append(c)
            } else if c == "[" {
                var j = i + 1
                while j < chars.count, chars[j] == " " { j += 1 }
                var isDictionary = false
                if j < chars.count, chars[j] == "\"" {
                    var k = j + 1
                    while k < chars.count, chars[k] != "\"" { k += chars[k] == "\\" ? 2 : 1 }
                    k += 1
                    while k < chars.count, chars[k] == " " { k += 1 }
                    isDictionary = k < chars.count && chars[k] == ":"
                }
                out.append(isDictionary ? "{" : "[")
                closers.append(isDictionary ? "}" : "]")
            } else if c == "]" {
                out.append(closers.popLast() ?? "]")
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }
}
