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
            FileHandle.standardOutput.write(Data(JSONWriter.bytes(json(), pretty: true) + [UInt8(ascii: "\n")]))
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
