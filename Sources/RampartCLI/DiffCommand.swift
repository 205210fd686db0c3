import ArgumentParser
import Foundation
import RampartStore

/// `rampart diff [OLD] [NEW]`: new, fixed and changed findings between two stored scans.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the findings that are new, fixed or changed between two stored scans.",
        discussion: """
            Findings are matched by their id, the check plus the resource's ARN. NEW: failing now and \
            not failing before. FIXED: failing before, and passing now or gone with the resource. \
            CHANGED: another status or severity; a failure that became UNKNOWN is changed, never fixed.

            Without ids, compares the two latest scans; with one id, that scan and the latest. A sharded \
            run counts as one scan of all its accounts: '--run-id OLD --run-id NEW' compares two runs.

            Examples:
              rampart diff
              rampart diff 12 15 --format json
              rampart diff --run-id nightly-2026-12-06 --run-id nightly-2026-12-07
            """)

    @Argument(help: ArgumentHelp("The earlier scan's id (from 'rampart history'); default: the one before the latest.", valueName: "OLD"))
    var old: Int?

    @Argument(help: ArgumentHelp("The later scan's id; default: the latest.", valueName: "NEW"))
    var new: Int?

    @Option(name: .customLong("run-id"), help: ArgumentHelp("A sharded run to compare, given twice: the earlier run, then the later.", valueName: "ID"))
    var runIds: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Output format: table or json.", valueName: "F"))
    var format: String = "table"

    func run() async throws {
        try checkFormats([format], among: StoreFormats.names)
        if !runIds.isEmpty {
            guard runIds.count == 2, old == nil, new == nil else {
                throw RampartError("diff --run-id takes two run ids, the earlier then the later (--run-id OLD --run-id NEW), and no scan ids")
            }
            for id in runIds { if let problem = RunTag.problem(with: id) { throw RampartError("--run-id: \(problem)") } }
        }
        let location = try storeOptions.location()
        let diff = try await withStore(storeOptions, location, create: false) { store -> ScanDiff in
            if runIds.count == 2 { return try await store.diff(oldRun: runIds[0], newRun: runIds[1]) }
            let ids: (Int, Int)
            switch (old, new) {
            case (let old?, let new?):
                ids = (old, new)
            case (let old?, nil):
                guard let latest = try await store.scansAndRuns().first else { throw StoreError.unknownScan(store: store.name, id: old) }
                return try await store.diff(old: try await store.scan(id: old), new: latest)
            default:
                // A sharded run is one of the latest two, not each of its shards.
                let scans = try await store.scansAndRuns()
                guard scans.count >= 2 else { throw StoreError.notEnoughScans(store: store.name, count: scans.count) }
                return try await store.diff(old: scans[1], new: scans[0])
            }
            return try await store.diff(old: ids.0, new: ids.1)
        }
        let text = format == "json" ? StoreFormats.diffJSON(diff) : StoreFormats.diffTable(diff)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
