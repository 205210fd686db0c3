import ArgumentParser
import RampartCollector
import Foundation
import RampartChecks
import RampartCompliance
import RampartFindings
import RampartInventory
import RampartOutputs
import RampartResilience
import RampartResponsibilities
import RampartStore

/// `rampart scan`: every check over one account's evidence, rendered in the formats asked for.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Run every check and report the findings.",
        discussion: """
            Reads a snapshot directory (see README: "Building a snapshot with the AWS CLI") or the \
            bundled demo. Missing or unreadable evidence makes the checks that need it UNKNOWN, never PASS, \
            and the summary lists what could not be read.

            Examples:
              rampart scan --demo
              rampart scan --snapshot ./snap --format json > findings.json
              rampart scan --snapshot ./snap --format table --format ocsf --output-dir out --fail-on high
              rampart scan --demo --format html --format asff --format csv --format junit --output-dir out
              rampart scan --snapshot ./snap --mutelist accepted.yaml --baseline last.json --fail-on high
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: ArgumentHelp("Output format: table, json, ocsf, asff, csv, junit, html or sarif. Repeatable.", valueName: "F"))
    var format: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write each format to a file in DIR (created if needed).", valueName: "DIR"))
    var outputDir: String?

    @Option(name: .long, help: ArgumentHelp("Exit 1 when a FAIL at or above this severity exists: critical, high, medium, low, informational.", valueName: "SEVERITY"))
    var failOn: String?

    @Option(name: .customLong("check"), help: ArgumentHelp("Run only this check id. Repeatable.", valueName: "ID"))
    var checks: [String] = []

    @Flag(help: "Count and show findings on resources AWS owns (AWS managed policies, service-linked roles, AWS managed keys).")
    var includeAwsOwned = false

    @OptionGroup var mutelistOptions: MutelistOptions

    @OptionGroup var baselineOptions: BaselineOptions

    @Flag(help: "In the table, one line per finding instead of a resource's related failures on one line.")
    var noGroup = false

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Do not save this scan to the findings store.")
    var noStore = false

    @Option(help: ArgumentHelp("Save this scan as one shard of the sharded run ID (every shard of the run gives the same ID and --store); 'rampart report --run-id ID' writes the run's consolidated outputs.", valueName: "ID"))
    var runId: String?

    @Flag(help: "No progress or timing lines on stderr.")
    var quiet = false

    @Flag(help: "Timing of each stage on stderr.")
    var debug = false

    /// Checked in `run` rather than `validate`, so that these errors print as one plain line.
    func checkArguments() throws {
        try source.checkArguments()
        try checkFormats(format, among: OutputFormats.names)
        if let failOn, Severity(rawValue: failOn) == nil {
            throw RampartError("unknown --fail-on \"\(failOn)\"; choose from critical, high, medium, low, informational")
        }
        for id in checks where CheckCatalog.check(id: id) == nil {
            throw RampartError("unknown --check \"\(id)\"; 'rampart checks' lists them")
        }
        if noStore && storeOptions.store != nil { throw RampartError("--store and --no-store cannot be used together") }
        if let runId {
            if noStore { throw RampartError("--run-id saves the scan to the store; it cannot be used with --no-store") }
            if let problem = RunTag.problem(with: runId) { throw RampartError("--run-id: \(problem)") }
        }
    }

    func run() async throws {
        try checkArguments()
        // Resolved before scanning, so a bad --store fails before anything is written.
        let storeLocation = noStore ? nil : try storeOptions.location()
        let mutelist = try mutelistOptions.load()
        let baseline = try baselineOptions.load()
        let started = Date()
        let evidence = try await source.read(quiet: quiet)
        let built = Date()
        let selected = checks.isEmpty ? CheckCatalog.all : CheckCatalog.all.filter { checks.contains($0.metadata.id) }
        var report = evidence.muting(evidence.scan(selected, includeAWSOwned: includeAwsOwned), with: mutelist)
        if let baseline { report = baseline.apply(to: report) }
        let checked = Date()

        var writer = OutputWriter(formats: format.isEmpty ? ["table"] : format, outputDir: outputDir)
        writer.quiet = quiet
        writer.groupTable = !noGroup
        if format.contains("html") { writer.htmlSections = try Self.htmlSections(report, evidence) }
        try writer.write(report)
        let written = Date()
        if let storeLocation {
            let saved = try await withStore(storeOptions, storeLocation, create: true) {
                try await $0.save(
                    report, scannedAt: started, rampartVersion: RampartCommand.version,
                    run: runId.map { RunTag(id: $0, organization: evidence.inventory.organization?.value?.id) })
            }
            if !quiet { note("rampart: saved as scan \(saved.id)\(runId.map { " of run \($0)" } ?? "") in \(storeLocation)") }
        }
        if !quiet {
            let resources = report.resourceCounts.values.reduce(0, +)
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            note("rampart: \(resources) resources, \(selected.count) checks, \(report.findings.count) findings in \(seconds) s")
        }
        if debug {
            note("debug: read and model \(ms(started, built)) ms, checks \(ms(built, checked)) ms, output \(ms(checked, written)) ms, store \(ms(written, Date())) ms")
        }
        if let failOn, let threshold = Severity(rawValue: failOn), !report.failures(atLeast: threshold).isEmpty {
            throw ExitCode(1)
        }
    }

    /// What the HTML report shows beside the findings: the responsibility matrix of this scan,
    /// every framework's requirements and score, and the zone and Region sweep of its inventory.
    /// Without `evidence` (a run read back from the store), no sweep.
    static func htmlSections(_ report: ScanReport, _ evidence: AccountEvidence?) throws -> HTMLReportSections {
        let catalog: ResponsibilityCatalog
        do {
            catalog = try ResponsibilityCatalog.embedded()
        } catch {
            throw RampartError("the built-in responsibility catalogue is invalid: \(error.description)")
        }
        let simulation = evidence.map { Simulation(inventory: $0.inventory) }
        let library = try ComplianceCommand.library()
        return HTMLReportSections(
            responsibilities: ResponsibilityMatrix(catalog: catalog, report: report),
            resilience: simulation.map { simulation in simulation.sweepFailures.map(simulation.run) },
            compliance: ReportCompliance(ComplianceReport(library: library, frameworks: library.ids, report: report)))
    }

    private func ms(_ a: Date, _ b: Date) -> Int { Int(b.timeIntervalSince(a) * 1000) }
}

/// Flags for reading a live account, shared by the commands that read one.
struct LiveOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Requests in flight at once (live scans; default 8).", valueName: "N"))
    var maxConcurrency: Int?

    @Option(help: ArgumentHelp("Requests per second at most across all regions and services, on top of each service's own budget (live scans; default: no overall limit).", valueName: "N"))
    var maxRate: Double?

    @Option(help: ArgumentHelp("AWS CLI profile (live scans).", valueName: "NAME"))
    var profile: String?

    @Option(help: ArgumentHelp("Region to read; repeatable (live scans).", valueName: "REGION"))
    var region: [String] = []

    @Option(help: ArgumentHelp("Send requests to this endpoint instead of AWS (live scans).", valueName: "URL"))
    var endpointUrl: String?

    @Option(help: ArgumentHelp("Seconds to wait for one answer before it is retried (live scans; default 30).", valueName: "SECONDS"))
    var cliReadTimeout: Double?

    @Flag(help: "Read the whole AWS Organization the credentials administer: every ACTIVE account, each through --org-role.")
    var org = false

    @Option(help: ArgumentHelp("The role assumed in each member account with --org (default RampartAudit).", valueName: "NAME"))
    var orgRole: String?

    @Option(help: ArgumentHelp("With --org, read only these accounts (comma-separated ids).", valueName: "ID,..."))
    var accounts: String?

    @Option(help: ArgumentHelp("With --org, skip these accounts (comma-separated ids).", valueName: "ID,..."))
    var excludeAccounts: String?

    @Option(help: ArgumentHelp("With --org, read only the accounts in these OUs or below them (comma-separated ids).", valueName: "OU_ID,..."))
    var ou: String?

    @Option(help: ArgumentHelp("With --org, this process's shard (default: $JOB_COMPLETION_INDEX, else $AWS_BATCH_JOB_ARRAY_INDEX).", valueName: "I"))
    var shardIndex: Int?

    @Option(help: ArgumentHelp("With --org, how many shards the run has; see `rampart org plan`.", valueName: "N"))
    var shardCount: Int?

    /// The shard this process reads, from the flags or the job engine's index variable; nil when not sharded.
    func shard(environment: [String: String]) throws -> Shard? {
        guard let count = shardCount else {
            if shardIndex != nil { throw RampartError("--shard-index needs --shard-count") }
            return nil
        }
        guard count >= 1 else { throw RampartError("--shard-count must be at least 1") }
        let index: Int
        if let shardIndex {
            index = shardIndex
        } else if let text = environment["JOB_COMPLETION_INDEX"] ?? environment["AWS_BATCH_JOB_ARRAY_INDEX"] {
            guard let value = Int(text) else { throw RampartError("the shard index \"\(text)\" (JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX) is not a number") }
            index = value
        } else {
            throw RampartError("--shard-count needs --shard-index, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX")
        }
        guard index >= 0, index < count else {
            throw RampartError("shard index \(index) is out of range: it must be between 0 and \(count - 1) for --shard-count \(count)")
        }
        guard org else { throw RampartError("--shard-index and --shard-count need --org") }
        return Shard(index: index, count: count)
    }

}

/// Writes to stderr.
func note(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
