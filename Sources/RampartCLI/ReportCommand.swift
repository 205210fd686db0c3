import ArgumentParser
import Foundation
import RampartChecks
import RampartFindings
import RampartInventory
import RampartJSON
import RampartOutputs
import RampartStore

/// `rampart report --run-id ID`: the consolidated outputs of a sharded run, read back from the
/// store as if one scan had covered every account of every shard.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the consolidated outputs of a sharded run from the findings store.",
        discussion: """
            Every shard of a run saves its scan with 'rampart scan --run-id ID --store URL'; this reads \
            all of them back and writes the run's findings in any of the scan's formats, as one scan of \
            every account would have (a shard re-run replaces its own accounts). The zone and Region \
            sweep of the HTML report needs the inventory, which the store does not keep: it is left out.

            Examples:
              rampart report --run-id nightly-2026-12-07 --store postgres://rampart@db/rampart
              rampart report --run-id nightly-2026-12-07 --format json --format html --format sarif --output-dir out
            """)

    @Option(help: ArgumentHelp("The run id every shard was saved under ('rampart history' lists the runs).", valueName: "ID"))
    var runId: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Output format: table, json, ocsf, asff, csv, junit, sarif or html (the scan's formats). Repeatable.", valueName: "F"))
    var format: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write each format to a file in DIR (created if needed).", valueName: "DIR"))
    var outputDir: String?

    @Option(name: .long, help: ArgumentHelp("Exit 1 when a FAIL at or above this severity exists: critical, high, medium, low, informational.", valueName: "SEVERITY"))
    var failOn: String?

    @Flag(help: "In the table, one line per finding instead of a resource's related failures on one line.")
    var noGroup = false

    @Flag(help: "No \"wrote FILE\" lines on stderr.")
    var quiet = false

    func run() async throws {
        try checkFormats(format, among: OutputFormats.names)
        if let failOn, Severity(rawValue: failOn) == nil {
            throw RampartError("unknown --fail-on \"\(failOn)\"; choose from critical, high, medium, low, informational")
        }
        if let problem = RunTag.problem(with: runId) { throw RampartError("--run-id: \(problem)") }
        let location = try storeOptions.location()
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw RampartError(StoreError.unknownRun(store: path, id: runId).description)
        }
        let report = try await withStore(storeOptions, location, create: false) { try await Self.report(run: runId, from: $0) }
        var writer = OutputWriter(formats: format.isEmpty ? ["table"] : format, outputDir: outputDir)
        writer.quiet = quiet
        writer.groupTable = !noGroup
        if format.contains("html") { writer.htmlSections = try ScanCommand.htmlSections(report, nil) }
        try writer.write(report)
        if let failOn, let threshold = Severity(rawValue: failOn), !report.failures(atLeast: threshold).isEmpty {
            throw ExitCode(1)
        }
    }

    /// The run as one scan: every shard's findings (rebuilt from what the store kept), resource
    /// counts, problems and notes; accounts and regions merged. A run whose shards read different
    /// organizations is refused.
    static func report(run id: String, from store: some FindingStore) async throws -> ScanReport {
        let run = try await store.run(id: id)
        var details: [ScanDetails] = []
        for scan in run.scans { if let kept = try await store.details(scan: scan.id) { details.append(kept) } }
        let organizations = Set(details.compactMap(\.organization))
        if organizations.count > 1 {
            throw RampartError("run \(id) mixes organizations \(organizations.sorted().joined(separator: ", ")); give each organization its own --run-id")
        }
        let findings = try await store.findings(run: run).map(finding)
        var counts: [String: Int] = [:]
        for kept in details { for (type, n) in kept.resourceCounts { counts[type, default: 0] += n } }
        var notes: [String] = []
        for note in details.flatMap(\.notes) where !notes.contains(note) { notes.append(note) }
        let record = run.record
        var report = ScanReport(
            findings: findings, collectedAt: record.collectedAt, accounts: record.accounts, regions: record.regions, resourceCounts: counts,
            problems: details.flatMap(\.problems), source: "run \(id) (\(run.scans.count) shard\(run.scans.count == 1 ? "" : "s"))",
            checksRun: record.checksRun)
        report.notes = notes
        return report
    }

    /// A stored finding as the outputs read it; what a scan outside a run did not keep comes from
    /// the check's metadata (risk, aliases), and its evidence is empty.
    static func finding(_ stored: StoredFinding) -> Finding {
        let metadata = CheckCatalog.check(id: stored.checkId)?.metadata
        let evidence = stored.evidenceJSON.flatMap { try? JSONParser.parse($0).objectValue } ?? JSONObject()
        var finding = Finding(
            checkId: stored.checkId, title: stored.title, status: stored.status, severity: stored.severity, resource: stored.resource,
            responsibility: Responsibility(owner: stored.owner, serviceModel: stored.serviceModel), frameworks: stored.frameworks,
            aliases: stored.aliases ?? metadata.flatMap { $0.prowler.map { ["prowler": $0] } } ?? [:], message: stored.message,
            risk: stored.risk ?? metadata?.risk ?? "", evidence: evidence, remediation: stored.remediation, service: stored.service)
        finding.muted = stored.muted
        return finding
    }
}
