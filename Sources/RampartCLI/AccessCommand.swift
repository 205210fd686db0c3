import ArgumentParser
import Foundation
import RampartAccess
import RampartOutputs

/// `rampart access`: which resources a principal outside the zone of trust can reach through
/// resource policies, ACLs and sharing attributes, each with a witness request (docs/access.md).
struct AccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "List the resources that principals outside the account (or organization) can reach.",
        discussion: """
            For every resource with a resource policy (S3 buckets with their ACLs and Block Public Access, KMS keys, \
            IAM role trust policies, and every other service's policies as they are collected) and every resource shared \
            by attribute (EBS and RDS snapshots): public or cross-account, the principals, actions, conditions and \
            granting statements, and a witness request the exact policy evaluator allows. A policy that cannot be read \
            or is not a policy makes its resource UNKNOWN, listed under "Could not read".

            Examples:
              rampart access --demo
              rampart access --snapshot ./snap --zone organization --organization-id o-a1b2c3d4e5 --format json
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: ArgumentHelp("The zone of trust: account or organization.", valueName: "ZONE"))
    var zone: String = "account"

    @Option(name: .long, help: ArgumentHelp("With --zone organization: the organization's id (o-...), trusted in conditions.", valueName: "ID"))
    var organizationId: String?

    @Option(name: .long, help: ArgumentHelp("Output format: table or json. Repeatable.", valueName: "F"))
    var format: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write each format to a file in DIR (created if needed).", valueName: "DIR"))
    var outputDir: String?

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func run() async throws {
        try source.checkArguments()
        try checkFormats(format, among: AccessFormats.names)
        guard let kind = AccessZone.Kind(rawValue: zone) else {
            throw RampartError("unknown --zone \"\(zone)\"; choose from account, organization")
        }
        if let id = organizationId, !(id.hasPrefix("o-") && id.count >= 12 && id.dropFirst(2).allSatisfy { $0.isLetter || $0.isNumber }) {
            throw RampartError("--organization-id \"\(id)\" is not an organization id (o- followed by 10 to 32 letters or digits)")
        }
        if organizationId != nil && kind != .organization {
            throw RampartError("--organization-id needs --zone organization")
        }
        let evidence = try await source.read(quiet: quiet)
        let accounts = Set(evidence.inventory.accounts.map(\.id))
        if kind == .organization, organizationId == nil, !quiet {
            FileHandle.standardError.write(Data(
                "rampart: --zone organization: the source names no organization id (give --organization-id); trusting only its \(accounts.count) account(s)\n".utf8))
        }
        let accessZone = AccessZone(kind: kind, organizationId: organizationId, organizationAccounts: kind == .organization ? accounts : [])
        let results = ExternalAccessAnalysis.run(evidence.inventory, zone: accessZone)
        var writer = OutputWriter(formats: format.isEmpty ? ["table"] : format, outputDir: outputDir)
        writer.quiet = quiet
        let formats = writer.formats.compactMap { AccessFormats.named($0) }
        try writer.deliver(formats.map { f in
            OutputWriter.Rendering(name: f.name, fileName: f.fileName, write: { f.write(results, to: $0) },
                terminalCopy: f.name == "table" ? { f.write(results, to: $0) } : nil)
        })
    }
}
