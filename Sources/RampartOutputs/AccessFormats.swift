public import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// A way to present external access (`rampart access --format`).
public protocol AccessFormat: Sendable {
    var name: String { get }
    var fileName: String { get }
    func write(_ results: [ResourceAccess], to sink: ByteSink)
}

extension AccessFormat {
    /// The whole output as one string.
    public func render(_ results: [ResourceAccess]) -> String {
        var collected: [UInt8] = []
        let sink = ByteSink { collected.append(contentsOf: $0) }
        write(results, to: sink)
        sink.flush()
        return String(decoding: collected, as: UTF8.self)
    }
}

/// The formats `rampart access --format` accepts, by name.
public enum AccessFormats {
    public static let names = ["table", "json"]

    public static func named(_ name: String) -> (any AccessFormat)? {
        switch name {
        case "table": AccessTableFormat()
        case "json": AccessJSONFormat()
        default: nil
        }
    }
}

/// DESIGN.md's JSON: an array, one entry per resource reachable from outside the zone, then
/// (as entries with `"access": "unknown"` and a `reason`) every resource that could not be read.
public struct AccessJSONFormat: AccessFormat {
    public let name = "json"
    public let fileName = "rampart-access.json"

    public init() {}

    static func entry(_ r: ResourceAccess) -> JSONValue? {
        var base: [(String, JSONValue)] = [
            ("resource", .string(r.ref.arn)), ("type", .string(r.ref.type)), ("account", .string(r.ref.account)),
            ("region", .string(r.ref.region)),
        ]
        if let reason = r.unknownReason {
            base += [("access", .string("unknown")), ("reason", .string(reason))]
            return .object(JSONObject(pairs: base))
        }
        guard let access = r.access else { return nil }
        let grants = r.grants
        func union(_ lists: [[String]]) -> JSONValue {
            var seen = Set<String>()
            var out: [JSONValue] = []
            for list in lists { for s in list where seen.insert(s).inserted { out.append(.string(s)) } }
            return .array(out)
        }
        let witnessGrant = grants.first { $0.access == access && $0.witness != nil } ?? grants.first { $0.witness != nil }
        let witness: JSONValue = witnessGrant?.witness.map { w in
            .object(JSONObject(pairs: [
                ("principal", .string(w.principal)), ("action", .string(w.action)), ("resource", .string(w.resource)),
                ("context", .object(JSONObject(pairs: w.context.keys.sorted().map { k in
                    (k, w.context[k]!.count == 1 ? .string(w.context[k]![0]) : .array(w.context[k]!.map { .string($0) }))
                }))),
            ]))
        } ?? .null
        base += [
            ("access", .string(access.rawValue)), ("principals", union(grants.map(\.principals))),
            ("actions", union(grants.map(\.actions))), ("conditions", union(grants.map(\.conditions))),
            ("witness", witness), ("statements", union(grants.map(\.statements))),
            ("grants", .array(grants.map { g in
                .object(JSONObject(pairs: [
                    ("access", .string(g.access.rawValue)), ("principals", .array(g.principals.map { .string($0) })),
                    ("actions", .array(g.actions.map { .string($0) })), ("conditions", .array(g.conditions.map { .string($0) })),
                    ("statements", .array(g.statements.map { .string($0) })),
                ]))
            })),
        ]
        return .object(JSONObject(pairs: base))
    }

    public func write(_ results: [ResourceAccess], to sink: ByteSink) {
        let entries = results.compactMap(Self.entry)
        JSONWriter.write(.array(entries), pretty: true) { sink.buffer.append(contentsOf: $0); sink.flushIfFull() }
        sink.append("\n")
    }
}

/// One line per resource reachable from outside the zone, then "Could not read".
public struct AccessTableFormat: AccessFormat {
    public let name = "table"
    public let fileName = "rampart-access.txt"

    public init() {}

    public func write(_ results: [ResourceAccess], to sink: ByteSink) {
        let reachable = results.filter { $0.access != nil }
        let unknown = results.filter { $0.unknownReason != nil }
        sink.append("External access: \(reachable.count) resource(s) reachable from outside the zone of trust, ")
        sink.append("\(results.filter { $0.access == .public }.count) public; \(results.count) resource(s) analysed.\n")
        for r in reachable {
            let grants = r.grants
            sink.append("\n\(r.access!.rawValue.uppercased())  \(r.ref.type)  \(r.ref.arn.terminalSafe)\n")
            for g in grants {
                sink.append("  \(g.access.rawValue): \(g.principals.joined(separator: ", ").terminalSafe)")
                sink.append(" -> \(g.actions.joined(separator: ", ").terminalSafe)\n")
                if !g.conditions.isEmpty { sink.append("    when \(g.conditions.joined(separator: " and ").terminalSafe)\n") }
                sink.append("    by \(g.statements.joined(separator: ", ").terminalSafe)\n")
                if let w = g.witness {
                    let ctx = w.context.keys.sorted().map { "\($0)=\(w.context[$0]!.joined(separator: ","))" }.joined(separator: " ")
                    sink.append("    witness: \(w.principal.terminalSafe) \(w.action) \(w.resource.terminalSafe)\(ctx.isEmpty ? "" : " " + ctx.terminalSafe)\n")
                }
            }
            sink.flushIfFull()
        }
        if !unknown.isEmpty {
            sink.append("\nCould not read (\(unknown.count)):\n")
            for r in unknown {
                sink.append("  UNKNOWN  \(r.ref.type)  \(r.ref.arn.terminalSafe): \(r.unknownReason!.terminalSafe)\n")
            }
        }
    }
}
