import ArgumentParser
import Foundation
import RampartInventory
import RampartOutputs
import RampartResilience
import RampartSnapshot

/// `rampart resilience`: business continuity analyses over one account's evidence.
struct ResilienceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resilience",
        abstract: "Business continuity: simulate losing an Availability Zone or a Region.",
        subcommands: [SimulateCommand.self])
}

/// `rampart resilience simulate`: capacity left per workload after a zone or Region fails.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Report the capacity each workload keeps when a zone or Region fails.",
        discussion: """
            Workloads are derived from the inventory (Auto Scaling groups, load balancers, instances grouped \
            by stack or app tag, RDS, Aurora, DynamoDB, S3, EMR, Redshift, WorkSpaces, Route 53 routing); \
            see docs/resilience.md. Zones are named by zone ID (use1-az1), which is the same in every account. \
            Required capacity comes from --policy, else the tag rampart:min-capacity, else a stated default; \
            every assumption is printed with the result.

            Examples:
              rampart resilience simulate --demo --fail az:use1-az6
              rampart resilience simulate --snapshot ./snap --fail region:eu-west-1 --format json
              rampart resilience simulate --snapshot ./snap --sweep --policy resiliency.yaml
              rampart resilience simulate --demo --sweep --format svg > heatmap.svg
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: ArgumentHelp("The failure: az:<zone-id> or region:<name>. Repeatable.", valueName: "FAILURE"))
    var fail: [String] = []

    @Flag(help: "Every zone that holds capacity, then every Region.")
    var sweep = false

    @Option(name: .long, help: ArgumentHelp("Resiliency policy YAML file (docs/resilience.md).", valueName: "FILE"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp("table (default), json, or svg (a heat-map).", valueName: "F"))
    var format = "table"

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func run() async throws {
        try source.checkArguments()
        if fail.isEmpty == !sweep { throw RampartError("give --fail az:<zone-id>, --fail region:<name> or --sweep (one of them)") }
        try checkFormats([format], among: ["table", "json", "svg"])
        var failures: [Failure] = []
        for text in fail {
            guard let f = Failure(parsing: text) else {
                throw RampartError("--fail \"\(text)\" is not az:<zone-id> (like az:use1-az1) or region:<name> (like region:eu-west-1)")
            }
            failures.append(f)
        }
        let resiliencyPolicy = try policy.map(Self.loadPolicy) ?? ResiliencyPolicy()

        let inventory = try await source.read(quiet: quiet).inventory

        let simulation = Simulation(inventory: inventory, policy: resiliencyPolicy)
        for f in failures { try Self.checkKnown(f, simulation) }
        let scenarios = (sweep ? simulation.sweepFailures : failures).map(simulation.run)
        let text: String
        switch format {
        case "json": text = ResilienceJSON.render(scenarios)
        case "svg": text = ResilienceHeatMap.svg(scenarios)
        default:
            let color = ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
            text = ResilienceTable.render(scenarios, sweep: sweep, color: color)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if !quiet && !inventory.problems.isEmpty {
            note("rampart: \(inventory.problems.count) call(s) could not be read; workloads that need them are reported unknown")
        }
    }

    static func loadPolicy(_ path: String) throws -> ResiliencyPolicy {
        let text = try readInputText(path, limit: 16 << 20, what: "--policy")
        do {
            return try ResiliencyPolicy.parse(text, file: path)
        } catch {
            throw RampartError(error.description)
        }
    }

    /// A failure of a zone or Region the inventory does not hold is a typo, not a clean result.
    static func checkKnown(_ failure: Failure, _ simulation: Simulation) throws {
        switch failure {
        case .zone(let id):
            let known = Set(simulation.topology.zones.map(\.id)).union(simulation.workloads.flatMap(\.zoneIds))
            if !known.contains(id) {
                let hint = simulation.topology.zones.first { $0.name == id }.map { " (\(id) is a zone name; its ID here is \($0.id))" } ?? ""
                throw RampartError("zone ID \"\(id)\" is not in the inventory\(hint); known: \(known.sorted().joined(separator: ", "))")
            }
        case .region(let name):
            let known = Set(simulation.topology.zones.map(\.region)).union(simulation.workloads.flatMap(\.regions))
            if !known.contains(name) {
                throw RampartError("Region \"\(name)\" is not in the inventory; known: \(known.sorted().joined(separator: ", "))")
            }
        }
    }
}
