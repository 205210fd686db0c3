import Synchronization
import ArgumentParser
import Foundation
import RampartJSON

/// `--format table|json` and `--debug`, shared by the IAM commands that answer from an account.
struct IAMReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("table or json.", valueName: "F"))
    var format = "table"

    @Flag(help: "Timing on stderr.")
    var debug = false

    func checkFormat() throws {
        guard ["table", "json"].contains(format) else { throw RampartError("unknown --format \"\(format)\"; choose table or json") }
    }

    /// Prints the answer in the chosen format.
    func emit(json: @autoclosure () -> JSONValue, table: @autoclosure () -> String) {
        if format == "json" {
            JSONWriter.write(json(), pretty: true) { FileHandle.standardOutput.write(Data($0)) }
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(table().utf8))
        }
    }

    /// With `--debug`, how long loading and the analysis took.
    func timing(_ what: String, started: Date, loaded: Date, done: Date) {
        guard debug else { return }
        note(String(format: "debug: load %.2f s, %@ in %.2f s", loaded.timeIntervalSince(started), what, done.timeIntervalSince(loaded)))
    }
}

/// Analyses of a large account are left for the operating system to reclaim at exit: freeing
/// millions of small objects one by one takes longer (half a second at 20,000 principals)
/// than the command's own output.
enum KeptUntilExit {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) { kept.withLock { $0.append(value) } }
}
