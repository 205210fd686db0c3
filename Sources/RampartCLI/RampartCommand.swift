public import ArgumentParser
import Foundation
import RampartSnapshot

/// `rampart`: the command tree, and the process entry point that maps every error to
/// DESIGN.md's exit codes (0 done, 1 a finding at or above `--fail-on`, 2 bad usage or input).
public struct RampartCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "rampart",
        abstract: "Checks the customer's side of the AWS shared responsibility model.",
        discussion: """
            AWS secures the cloud; what runs on it is yours. Rampart reads an account (from a snapshot \
            made with the AWS CLI, or the bundled demo) and reports which of your jobs are done.

            Examples:
              rampart scan --demo
              rampart scan --snapshot ./snapshot --format table --format ocsf --output-dir ./out --fail-on high
              rampart checks --format json
              rampart responsibilities --demo
              rampart compliance --demo --framework cis-aws-5.0
            """,
        version: version,
        subcommands: [
            ScanCommand.self, CollectCommand.self, ChecksCommand.self, ResponsibilitiesCommand.self, IAMCommand.self, ResilienceCommand.self,
            ComplianceCommand.self, AccessCommand.self,
            HistoryCommand.self, DiffCommand.self, ServeCommand.self,
            OrgCommand.self,
            ReportCommand.self,
        ])

    public init() {}

    /// Parses the arguments, runs the command and exits with DESIGN.md's codes.
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as RampartError {
            FileHandle.standardError.write(Data("rampart: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            FileHandle.standardError.write(Data("rampart: \(message) (see 'rampart --help')\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// A problem with what the user asked for or gave us; printed as one line, exit code 2.
struct RampartError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Every `--format` given must be one of `known`; the first that is not is a one-line error.
func checkFormats(_ formats: [String], among known: [String]) throws {
    for name in formats where !known.contains(name) {
        throw RampartError("unknown --format \"\(name)\"; choose from \(known.joined(separator: ", "))")
    }
}

/// A local input file named on the command line, read whole: regular files only (not devices or
/// FIFOs, which could feed it forever) and at most `limit` bytes.
func readInputFile(_ path: String, limit: Int, what: String) throws -> [UInt8] {
    switch SnapshotDirectory.readRegularFile(path, limit: limit) {
    case .success(let bytes): return bytes
    case .failure(let problem): throw RampartError("\(what): \(path) \(problem.reason)")
    }
}

/// ``readInputFile(_:limit:what:)`` as UTF-8 text.
func readInputText(_ path: String, limit: Int, what: String) throws -> String {
    guard let text = String(validating: try readInputFile(path, limit: limit, what: what), as: UTF8.self) else {
        throw RampartError("\(what): \(path) is not UTF-8 text")
    }
    return text
}
