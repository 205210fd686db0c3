import ArgumentParser
import Foundation
import RampartChecks
import RampartCompliance
import RampartOutputs

/// `rampart compliance`: per framework, each requirement's status (from the checks, or inherited
/// from AWS, or manual) with the failing resources, and the framework's score.
struct ComplianceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "Show where the account stands on a compliance framework: per requirement, and a score.",
        discussion: """
            Each requirement of the framework (Data/frameworks/<id>.json) is INHERITED (AWS's, with the \
            attestations that cover it), MANUAL (no check decides it: the evidence a person must show is given), \
            or decided by Rampart's checks: FAIL with the failing resources, UNKNOWN when evidence is missing, \
            NOT_APPLICABLE when the checks found nothing to judge, PASS only when every judged resource passes. \
            Score = passed / (passed + failed + unknown). Frameworks: cis-aws-3.0, cis-aws-5.0, aws-fsbp, \
            nist-800-53-r5, iso-27001-2022, soc2, pci-dss-4.0.

            Examples:
              rampart compliance --demo --framework cis-aws-5.0
              rampart compliance --snapshot ./snap --framework nist-800-53-r5 --framework soc2 --format json
              rampart compliance --snapshot ./snap --framework pci-dss-4.0 --format csv --format oscal --output-dir out
              rampart compliance --snapshot ./org-snap --framework cis-aws-5.0 --account 111111111111

            Over several accounts (an organization), each framework's score in every account follows the \
            organization's; --account ID shows one account's report.
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: ArgumentHelp("A framework id. Repeatable.", valueName: "ID"))
    var framework: [String] = []

    @Option(name: .long, help: ArgumentHelp("Output format: table, json, markdown, csv or oscal. Repeatable.", valueName: "F"))
    var format: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write each format to a file in DIR (created if needed).", valueName: "DIR"))
    var outputDir: String?

    @Flag(help: "Count findings on resources AWS owns (AWS managed policies, service-linked roles, AWS managed keys).")
    var includeAwsOwned = false

    @OptionGroup var mutelistOptions: MutelistOptions

    @OptionGroup var accountOptions: AccountOptions

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func run() async throws {
        try source.checkArguments()
        try checkFormats(format, among: ComplianceFormats.names)
        let library = try Self.library()
        guard !framework.isEmpty else {
            throw RampartError("name at least one --framework; choose from \(library.ids.joined(separator: ", "))")
        }
        for id in framework where library.framework(id) == nil {
            throw RampartError("unknown --framework \"\(id)\"; choose from \(library.ids.joined(separator: ", "))")
        }
        let mutelist = try mutelistOptions.load()
        let evidence = try await source.read(quiet: quiet)
        let scope = try accountOptions.scope(
            evidence.muting(evidence.scan(CheckCatalog.all, includeAWSOwned: includeAwsOwned), with: mutelist), inventory: evidence.inventory)
        var report = ComplianceReport(library: library, frameworks: framework, report: scope.shown)
        if !scope.accounts.isEmpty {
            report = report.addingAccounts(scope.accounts.mapValues { ComplianceReport(library: library, frameworks: framework, report: $0) })
        }
        var writer = OutputWriter(formats: format.isEmpty ? ["table"] : format, outputDir: outputDir)
        writer.quiet = quiet
        let color = writer.color
        let formats = writer.formats.compactMap { ComplianceFormats.named($0, color: color, productVersion: RampartCommand.version) }
        try writer.deliver(formats.map { f in
            OutputWriter.Rendering(
                name: f.name, fileName: f.fileName, write: { f.write(report, to: $0) },
                terminalCopy: f.name == "table" ? { ComplianceTableFormat(color: false).write(report, to: $0) } : nil)
        })
    }

    /// The built-in frameworks, joined with the checks' own framework ids.
    static func library() throws -> FrameworkLibrary {
        do {
            return try FrameworkLibrary.embedded(claims: CheckCatalog.all.map { CheckClaim(checkId: $0.metadata.id, frameworks: $0.metadata.frameworks) })
        } catch {
            throw RampartError("the built-in framework data is invalid: \(error.description)")
        }
    }
}
