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

            Without ids, compares the two latest scans; with one id, that scan and the latest.

            Examples:
              rampart diff
              rampart diff 12 15 --format json
            """)

    @Argument(help: ArgumentHelp("The earlier scan's id (from 'rampart history'); default: the one before the latest.", valueName: "OLD"))
    var old: Int?

    @Argument(help: ArgumentHelp("The later scan's id; default: the latest.", valueName: "NEW"))
    var new: Int?

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Output format: table or json.", valueName: "F"))
    var format: String = "table"

    func run() async throws {
        try checkFormats([format], among: StoreFormats.names)
        let location = try storeOptions.location()
        let diff = try await withStore(storeOptions, location, create: false) { store -> ScanDiff in
            let ids: (Int, Int)
            switch (old, new) {
            case (let old?, let new?):
                ids = (old, new)
            case (let old?, nil):
                guard let latest = try await store.scans().first else { throw StoreError.unknownScan(store: store.name, id: old) }
                ids = (old, latest.id)
            default:
                let scans = try await store.scans()
                guard scans.count >= 2 else { throw StoreError.notEnoughScans(store: store.name, count: scans.count) }
                ids = (scans[1].id, scans[0].id)
            }
            return try await store.diff(old: ids.0, new: ids.1)
        }
        let text = format == "json" ? StoreFormats.diffJSON(diff) : StoreFormats.diffTable(diff)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
