import ArgumentParser
import Foundation
import RampartStore

/// `rampart history`: the scans kept in the store, newest first, with their counts by status.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the scans kept in the findings store.",
        discussion: """
            Every 'rampart scan' is saved to the store unless --no-store is given. The ids listed here \
            are what 'rampart diff' takes. The shards of a sharded run ('rampart scan --run-id ID') are \
            one line, run:ID, with every shard's accounts and counts: 'rampart diff --run-id' and \
            'rampart report --run-id' take its ID.

            Examples:
              rampart history
              rampart history --store postgres://rampart@db.internal:5432/rampart --format json
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Output format: table or json.", valueName: "F"))
    var format: String = "table"

    func run() async throws {
        try checkFormats([format], among: StoreFormats.names)
        let location = try storeOptions.location()
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            print(format == "json" ? "[]" : "No scans in \(location) yet; 'rampart scan' saves one.")
            return
        }
        let scans = try await withStore(storeOptions, location, create: false) { try await $0.scansAndRuns() }
        let text = format == "json" ? StoreFormats.historyJSON(scans) : StoreFormats.historyTable(scans, store: location.description)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
