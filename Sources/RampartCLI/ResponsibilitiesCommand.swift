import ArgumentParser
import Foundation
import RampartChecks
import RampartOutputs
import RampartResponsibilities

/// `rampart responsibilities`: the shared responsibility matrix of the services the account uses.
struct ResponsibilitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responsibilities",
        abstract: "Show who owns each security job for the services in use, and whether the customer's are done.",
        discussion: """
            For each service the account uses, every responsibility from Rampart's reviewed catalogue \
            (Data/responsibilities.json): its owner (customer, aws or shared) and a status rolled up from the \
            checks that verify it: FAIL with the number of failing resources, UNKNOWN when evidence is missing, \
            PASS, MANUAL (no check: the evidence a person should gather is shown) or INHERITED (AWS's, with the \
            attestations that cover it). Findings on resources AWS owns are not counted unless --include-aws-owned.

            Examples:
              rampart responsibilities --demo
              rampart responsibilities --snapshot ./snap --format json > matrix.json
              rampart responsibilities --snapshot ./snap --format table --format markdown --output-dir out
              rampart responsibilities --snapshot ./org-snap --account 111111111111

            Over several accounts (an organization), each row also shows its status in every account; \
            --account ID shows one account's matrix.
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: ArgumentHelp("Output format: table, json or markdown. Repeatable.", valueName: "F"))
    var format: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write each format to a file in DIR (created if needed).", valueName: "DIR"))
    var outputDir: String?

    @Flag(help: "Count findings on resources AWS owns (AWS managed policies, service-linked roles, AWS managed keys).")
    var includeAwsOwned = false

    @OptionGroup var mutelistOptions: MutelistOptions

    @OptionGroup var accountOptions: AccountOptions

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func checkArguments() throws {
        try source.checkArguments()
        try checkFormats(format, among: ResponsibilityFormats.names)
    }

    func run() async throws {
        try checkArguments()
        let catalog: ResponsibilityCatalog
        do {
            catalog = try ResponsibilityCatalog.embedded()
        } catch {
            throw RampartError("the built-in responsibility catalogue is invalid: \(error.description)")
        }
        let mutelist = try mutelistOptions.load()
        let evidence = try await source.read(quiet: quiet)
        let scope = try accountOptions.scope(
            evidence.muting(evidence.scan(CheckCatalog.all, includeAWSOwned: includeAwsOwned), with: mutelist), inventory: evidence.inventory)
        var matrix = ResponsibilityMatrix(catalog: catalog, report: scope.shown)
        if !scope.accounts.isEmpty { matrix = matrix.addingAccounts(scope.accounts.mapValues { ResponsibilityMatrix(catalog: catalog, report: $0) }) }
        var writer = OutputWriter(formats: format.isEmpty ? ["table"] : format, outputDir: outputDir)
        writer.quiet = quiet
        let color = writer.color
        let formats = writer.formats.compactMap { ResponsibilityFormats.named($0, color: color) }
        try writer.deliver(formats.map { f in
            OutputWriter.Rendering(
                name: f.name, fileName: f.fileName, write: { f.write(matrix, to: $0) },
                terminalCopy: f.name == "table" ? { ResponsibilityTableFormat(color: false).write(matrix, to: $0) } : nil)
        })
    }
}
