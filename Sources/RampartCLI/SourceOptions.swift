import ArgumentParser
import Foundation
import RampartChecks
import RampartFindings
import RampartInventory
import RampartSnapshot

/// Where a command reads an account from: the bundled demo, a snapshot directory, or the live
/// account (the default). Shared by every command that reads one, so they all take the same flags.
struct SourceOptions: ParsableArguments {
    @Flag(help: "Read the bundled demo snapshot (Examples/demo-snapshot).")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("Read a snapshot directory.", valueName: "DIR"))
    var snapshot: String?

    @OptionGroup var live: LiveOptions

    @Flag(help: "Exit 2 when any snapshot file is unreadable, instead of reporting its checks UNKNOWN.")
    var strict = false

    /// Checked in `run` rather than `validate`, so that the error prints as one plain line.
    func checkArguments() throws {
        if demo && snapshot != nil { throw RampartError("--demo and --snapshot cannot be used together") }
    }

    /// Reads the account and builds its inventory.
    func read(quiet: Bool) async throws -> AccountEvidence {
        let evidence: AccountEvidence
        if demo || snapshot != nil {
            let path = try demo ? DemoSnapshot.locate() : snapshot ?? ""
            let directory: SnapshotDirectory
            do {
                directory = try SnapshotDirectory(path: path)
            } catch {
                throw RampartError(error.description)
            }
            var inventory = InventoryBuilder.build(from: directory)
            inventory.problems += directory.manifest.accessProblems + directory.unreadFiles()
            evidence = AccountEvidence(
                inventory: inventory, accounts: directory.accounts, regions: directory.regions,
                sourceName: demo ? "the demo snapshot" : "snapshot \(path)")
        } else {
            let result = try await LiveCollection(options: live, quiet: quiet).collect()
            let source = result.callResults
            var inventory = InventoryBuilder.build(from: source)
            inventory.problems += result.manifest.accessProblems
            evidence = AccountEvidence(
                inventory: inventory, accounts: source.accounts, regions: source.regions,
                sourceName: result.organization.map { "organization \($0.id) (live, \(result.accounts.count) accounts)" } ?? "account \(result.account) (live)")
        }
        if strict, let bad = evidence.inventory.problems.first(where: { $0.kind == .unreadable }) {
            throw RampartError(bad.message)
        }
        return evidence
    }
}

/// An account's inventory and what it was read from.
struct AccountEvidence {
    var inventory: Inventory
    var accounts: [String]
    var regions: [String]
    /// How summaries name the source, e.g. `snapshot ./snap`.
    var sourceName: String

    /// Runs `checks` and gathers the findings with what was scanned. Unless `includeAWSOwned`,
    /// findings on resources AWS owns are set aside, out of every count.
    func scan(_ checks: [Check], includeAWSOwned: Bool) -> ScanReport {
        let report = ScanReport(
            findings: Scanner.run(checks, on: inventory), collectedAt: inventory.collectedAt, accounts: accounts, regions: regions,
            resourceCounts: inventory.resourceCounts, problems: inventory.problems, source: sourceName, checksRun: checks.count)
        return includeAWSOwned ? report : report.settingAsideAWSOwned()
    }
}
