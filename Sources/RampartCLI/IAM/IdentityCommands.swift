import ArgumentParser
import Foundation
import RampartIAM
import RampartJSON
import RampartOutputs

/// `rampart iam escalations`: who holds administrator power, and who can obtain it, step by step.
struct EscalationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalations",
        abstract: "List administrators and every principal that can make itself one, with each step and the statements behind it.",
        discussion: """
            Principals are users, roles and groups; an edge is a known method (docs/iam.md lists them) that lets one \
            principal act as another or grant it anything, evaluated exactly: denies, boundaries, conditions and resource \
            restrictions are honoured. Multi-hop paths are found.

            Examples:
              rampart iam escalations --demo
              rampart iam escalations --authorization-details auth.json --format json
            """)

    @OptionGroup var source: IAMAccountSource

    @OptionGroup var report: IAMReportOptions

    func run() async throws {
        try report.checkFormat()
        let started = Date()
        let accounts = try await source.loadAll()
        let loaded = Date()
        if accounts.count > 1 {
            // An organization: every account, joined by the roles one account's principals can assume in another.
            let org = OrganizationIdentity(accounts: accounts)
            let findings = org.findings()
            let done = Date()
            let problems = accounts.flatMap(\.problems)
            report.emit(json: IdentityReport.escalationsJSON(findings),
                table: IdentityReport.escalationsTable(findings) + AccessReport.problemLines(problems))
            report.timing("escalation graphs of \(accounts.count) accounts (\(accounts.reduce(0) { $0 + $1.principals.count }) principals, "
                + "\(org.assumptions.count) cross-account assumptions)", started: started, loaded: loaded, done: done)
            KeptUntilExit.keep(org)
            return
        }
        let account = accounts[0]
        let graph = EscalationGraph(account: account, permissions: EffectivePermissions(account: account))
        let findings = graph.findings()
        let done = Date()
        report.emit(json: IdentityReport.escalationsJSON(findings),
            table: IdentityReport.escalationsTable(findings) + AccessReport.problemLines(account.problems))
        report.timing("escalation graph of \(account.principals.count) principals (\(graph.edgeCounts.exact) exact edges, "
            + "\(graph.edgeCounts.hubActors) hub actors)", started: started, loaded: loaded, done: done)
        KeptUntilExit.keep(graph)
        if report.debug {
            note("debug: exact edges by method: " + graph.exactEdgesByMethod.prefix(8).map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        }
    }
}

/// `rampart iam sod`: principals holding both sides of a segregation-of-duties rule.
struct SegregationOfDutiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sod",
        abstract: "List every principal that holds all duties of a segregation-of-duties rule, with how.",
        discussion: """
            Built-in rules (docs/iam.md) and your own, from --rules FILE (YAML). A duty is held directly, through a \
            group, or through a role the principal can assume.

            Examples:
              rampart iam sod --demo
              rampart iam sod --snapshot ./snap --rules my-rules.yaml --format json
            """)

    @OptionGroup var source: IAMAccountSource

    @Option(help: ArgumentHelp("More rules, in YAML (see docs/iam.md).", valueName: "FILE"))
    var rules: String?

    @Flag(help: "Only the rules of --rules, not the built-in ones.")
    var noBuiltIn = false

    @OptionGroup var report: IAMReportOptions

    func run() async throws {
        try report.checkFormat()
        var ruleSet = noBuiltIn ? [] : DutyRule.builtIn
        if let rules {
            let text = try readInputText(rules, limit: 16 << 20, what: "--rules")
            do { ruleSet += try DutyRuleFile.parse(text, file: rules) } catch { throw RampartError(error.description) }
        }
        if ruleSet.isEmpty { throw RampartError("no rules: --no-built-in needs --rules FILE") }
        let started = Date()
        let accounts = try await source.loadAll()
        let loaded = Date()
        if accounts.count > 1 {
            // An organization: duties held through roles of other accounts count too.
            let org = OrganizationIdentity(accounts: accounts, including: SegregationOfDuties.reads)
            let conflicts = org.conflicts(rules: ruleSet)
            let done = Date()
            report.emit(json: IdentityReport.sodJSON(conflicts),
                table: IdentityReport.sodTable(conflicts) + AccessReport.problemLines(accounts.flatMap(\.problems)))
            KeptUntilExit.keep(org)
            report.timing("segregation of duties over \(accounts.count) accounts", started: started, loaded: loaded, done: done)
            return
        }
        let account = accounts[0]
        let graph = EscalationGraph(account: account, permissions: EffectivePermissions(account: account), including: SegregationOfDuties.reads)
        let conflicts = SegregationOfDuties.conflicts(graph, rules: ruleSet)
        let done = Date()
        report.emit(json: IdentityReport.sodJSON(conflicts), table: IdentityReport.sodTable(conflicts) + AccessReport.problemLines(account.problems))
        KeptUntilExit.keep(graph)
        report.timing("segregation of duties over \(account.principals.count) principals", started: started, loaded: loaded, done: done)
    }
}

/// `rampart iam trusts`: who can assume each role, with cross-account trust spelled out.
struct TrustsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trusts",
        abstract: "List who each role's trust policy lets in: everyone, other accounts, services, federated providers.",
        discussion: """
            Examples:
              rampart iam trusts --demo --cross-account
              rampart iam trusts --authorization-details auth.json --format json
            """)

    @OptionGroup var source: IAMAccountSource

    @Flag(help: "Only trusts that reach outside the account (everyone, other accounts and their principals).")
    var crossAccount = false

    @OptionGroup var report: IAMReportOptions

    func run() async throws {
        try report.checkFormat()
        let account = try await source.load()
        var grants = TrustAnalysis.grants(account)
        if crossAccount { grants = grants.filter { [.everyone, .externalAccount, .externalPrincipal].contains($0.reach) } }
        report.emit(json: IdentityReport.trustsJSON(grants), table: IdentityReport.trustsTable(grants))
    }
}
