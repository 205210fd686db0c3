import ArgumentParser
import Foundation
import RampartCollector
import RampartSnapshot

/// `rampart collect`: reads an account live and writes a snapshot a scan can read offline.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Read an account with read-only calls and write a snapshot directory.",
        discussion: """
            Uses the AWS CLI's credentials and configuration (environment, ~/.aws/config and \
            ~/.aws/credentials, --profile, assumed roles, credential_process, container and instance \
            credentials). Every call is a read from Rampart's allow-list; a call that fails (AccessDenied, \
            a service not offered in a region) is recorded in manifest.json and the checks that need it \
            report UNKNOWN.

            Examples:
              rampart collect --output ./snapshot
              rampart collect --output ./snapshot --profile audit --region us-east-1 --region eu-west-1 --max-rate 10
            """)

    @Option(name: .long, help: ArgumentHelp("The snapshot directory to create (must not exist).", valueName: "DIR"))
    var output: String

    @OptionGroup var live: LiveOptions

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: output) else {
            throw RampartError("\(output) already exists; choose a new directory for the snapshot")
        }
        let result = try await LiveCollection(options: live, quiet: quiet).collect()
        do {
            try SnapshotWriter.write(answers: result.answers, manifest: result.manifest, to: output)
        } catch {
            throw RampartError(error.description)
        }
        if !quiet { note("rampart: wrote \(output)") }
    }
}
