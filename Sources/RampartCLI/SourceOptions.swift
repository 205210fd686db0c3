import ArgumentParser
import Foundation
import RampartChecks
import RampartFindings
import RampartInventory
import RampartJSON
import RampartSnapshot
import RampartTemplates

/// Where a command reads an account from: the bundled demo, a snapshot directory, or the live
/// account (the default). Shared by every command that reads one, so they all take the same flags.
struct SourceOptions: ParsableArguments {
    @Flag(help: "Read the bundled demo snapshot (Examples/demo-snapshot).")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("Read a snapshot directory.", valueName: "DIR"))
    var snapshot: String?

    @OptionGroup var live: LiveOptions

    @Option(name: .customLong("template"), help: ArgumentHelp("Read a CloudFormation template (JSON or YAML), or a folder searched for them. Repeatable.", valueName: "PATH"))
    var templates: [String] = []

    @Option(name: .customLong("terraform-plan"), help: ArgumentHelp("Read a Terraform plan's JSON (terraform show -json PLANFILE). Repeatable.", valueName: "FILE"))
    var terraformPlans: [String] = []

    @Option(name: .customLong("parameter"), help: ArgumentHelp("A template parameter's value, overriding its default. Repeatable.", valueName: "KEY=VALUE"))
    var parameters: [String] = []

    @Option(name: .long, help: ArgumentHelp("Template parameters from a file: CloudFormation's [{ParameterKey, ParameterValue}] JSON, or KEY=VALUE lines.", valueName: "FILE"))
    var parametersFile: String?

    @Flag(help: "Exit 2 when any snapshot file is unreadable, instead of reporting its checks UNKNOWN.")
    var strict = false

    /// Checked in `run` rather than `validate`, so that the error prints as one plain line.
    func checkArguments() throws {
        if demo && snapshot != nil { throw RampartError("--demo and --snapshot cannot be used together") }
        if !(templates.isEmpty && terraformPlans.isEmpty) && (demo || snapshot != nil) {
            throw RampartError("--template and --terraform-plan cannot be used with --demo or --snapshot")
        }
        if templates.isEmpty && (!parameters.isEmpty || parametersFile != nil) {
            throw RampartError("--parameter and --parameters-file need --template")
        }
    }

    /// Reads the account and builds its inventory.
    func read(quiet: Bool) async throws -> AccountEvidence {
        var evidence: AccountEvidence
        if !templates.isEmpty || !terraformPlans.isEmpty {
            evidence = try readTemplates()
        } else if demo || snapshot != nil {
            let path = try demo ? DemoSnapshot.locate() : snapshot ?? ""
            let directory: SnapshotDirectory
            do {
                directory = try SnapshotDirectory(path: path)
            } catch {
                throw RampartError(error.description)
            }
            var inventory = InventoryBuilder.build(from: directory)
            inventory.problems += directory.manifest.accessProblems + directory.unreadFiles()
            evidence = AccountEvidence(
                inventory: inventory, accounts: directory.accounts, regions: directory.regions,
                sourceName: demo ? "the demo snapshot" : "snapshot \(path)")
        } else {
            let result = try await LiveCollection(options: live, quiet: quiet).collect()
            let source = result.callResults
            var inventory = InventoryBuilder.build(from: source)
            inventory.problems += result.manifest.accessProblems
            evidence = AccountEvidence(
                inventory: inventory, accounts: source.accounts, regions: source.regions,
                sourceName: result.organization.map { "organization \($0.id) (live, \(result.accounts.count) accounts)" } ?? "account \(result.account) (live)")
        }
        if strict, let bad = evidence.templateErrors.first { throw RampartError(bad.description) }
        if strict, let bad = evidence.inventory.problems.first(where: { $0.kind == .unreadable }) {
            throw RampartError(bad.message)
        }
        return evidence
    }
}

/// An account's inventory and what it was read from.
struct AccountEvidence {
    var inventory: Inventory
    var accounts: [String]
    var regions: [String]
    /// How summaries name the source, e.g. `snapshot ./snap`.
    var sourceName: String
    /// Set when the source is infrastructure code.
    var code: CodeEvidence?
    /// Template files that could not be read.
    var templateErrors: [TemplateError] = []

    /// Runs `checks` and gathers the findings with what was scanned. Unless `includeAWSOwned`,
    /// findings on resources AWS owns are set aside, out of every count.
    func scan(_ checks: [Check], includeAWSOwned: Bool) -> ScanReport {
        var findings: [Finding]
        var notes: [String] = []
        if let code {
            let result = code.findings(checks)
            findings = result.findings
            if result.notApplicable > 0 {
                notes.append("\(result.notApplicable) verdict(s) need the account as it runs (credential report, last use, account settings): not applicable to code")
            }
            for (type, count) in code.unmodelled.sorted(by: { $0.key < $1.key }) {
                notes.append("\(count) \(type) resource(s) declared but not modelled: no check judges them")
            }
        } else {
            findings = Scanner.run(checks, on: inventory)
        }
        var problems = inventory.problems
        for error in templateErrors {
            problems.append(SourceProblem(
                call: AWSCall(account: accounts.first ?? "", region: "global", service: "cloudformation", operation: "template", resource: error.file),
                kind: .unreadable, message: error.description))
        }
        var report = ScanReport(
            findings: findings, collectedAt: inventory.collectedAt, accounts: accounts, regions: regions,
            resourceCounts: inventory.resourceCounts, problems: problems, source: sourceName, checksRun: checks.count)
        report.notes = notes
        return includeAWSOwned ? report : report.settingAsideAWSOwned()
    }
}

extension SourceOptions {
    /// Reads `--template` paths with `--parameter` and `--parameters-file` values.
    func readTemplates() throws -> AccountEvidence {
        var values: [String: String] = [:]
        if let parametersFile {
            guard let data = FileManager.default.contents(atPath: parametersFile), let text = String(data: data, encoding: .utf8) else {
                throw RampartError("--parameters-file \(parametersFile): cannot be read")
            }
            if let parsed = try? JSONParser.parse(text), case .array(let items) = parsed {
                for (i, item) in items.enumerated() {
                    guard let key = item["ParameterKey"]?.stringValue, let value = item["ParameterValue"]?.stringValue else {
                        throw RampartError("--parameters-file \(parametersFile): item \(i) needs ParameterKey and ParameterValue strings")
                    }
                    values[key] = value
                }
            } else {
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                    guard let eq = trimmed.firstIndex(of: "="), eq != trimmed.startIndex else {
                        throw RampartError("--parameters-file \(parametersFile):\(n + 1): expected KEY=VALUE or CloudFormation's parameter JSON")
                    }
                    values[String(trimmed[..<eq])] = String(trimmed[trimmed.index(after: eq)...])
                }
            }
        }
        for pair in parameters {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else { throw RampartError("--parameter \"\(pair)\": expected KEY=VALUE") }
            values[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        let context = TemplateContext(region: live.region.first ?? "us-east-1")
        var set: TemplateSet
        do {
            set = try TemplateSet.load(paths: templates, parameters: values, context: context)
            try set.addPlans(terraformPlans)
        } catch {
            throw RampartError(error.description)
        }
        let code = CodeEvidence(set)
        var evidence = AccountEvidence(
            inventory: code.inventories[0], accounts: [context.account], regions: [context.region],
            sourceName: "\(code.files) template(s) and plan(s) in \((templates + terraformPlans).joined(separator: ", "))")
        evidence.code = code
        evidence.templateErrors = set.unreadable
        return evidence
    }
}
