import ArgumentParser
import Foundation
import RampartChecks
import RampartJSON

/// `rampart checks`: the catalogue of checks with their metadata.
struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List every check: id, severity, title, frameworks, Prowler alias.")

    @Option(help: ArgumentHelp("table, json or markdown.", valueName: "F"))
    var format = "table"

    func run() throws {
        guard ["table", "json", "markdown"].contains(format) else {
            throw RampartError("unknown --format \"\(format)\"; choose from table, json, markdown")
        }
        let checks = CheckCatalog.all.map(\.metadata)
        switch format {
        case "json":
            let list: [JSONValue] = checks.map { m in
                .object([
                    "id": .string(m.id), "title": .string(m.title), "severity": .string(m.severity.rawValue),
                    "service": .string(m.service), "resourceType": .string(m.resourceType),
                    "serviceModel": .string(m.serviceModel.rawValue),
                    "frameworks": .object(JSONObject(pairs: m.frameworks.sorted { $0.key < $1.key }.map { ($0.key, .strings($0.value)) })),
                    "prowler": .optional(m.prowler), "risk": .string(m.risk), "remediation": .string(m.remediation),
                    "remediationCommand": .string(m.remediationCommand),
                ])
            }
            print(JSONWriter.string(.array(list), pretty: true))
        case "markdown":
            print("| id | severity | service | title | frameworks | Prowler |")
            print("|---|---|---|---|---|---|")
            for m in checks {
                let frameworks = m.frameworks.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: ", "))" }
                    .joined(separator: "; ")
                print("| `\(m.id)` | \(m.severity.rawValue) | \(m.service) | \(m.title) | \(frameworks) | \(m.prowler.map { "`\($0)`" } ?? "") |")
            }
        default:
            for m in checks {
                print("\(m.id.padding(toLength: 58, withPad: " ", startingAt: 0)) \(m.severity.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(m.title)")
            }
            print("\(checks.count) checks")
        }
    }
}
