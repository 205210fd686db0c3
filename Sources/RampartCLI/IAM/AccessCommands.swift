import ArgumentParser
import Foundation
import RampartIAM
import RampartJSON
import RampartOutputs

/// `rampart iam who-can`: every user and role that can perform an action.
struct WhoCanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "List the users and roles that can perform an action, and the statements that let them.",
        discussion: """
            Without --resource, by effective permissions: 'full' is every resource without conditions, 'limited' \
            some resources or under conditions. With --resource, by exact evaluation of that resource: 'allowed', or \
            'conditional' when the answer depends on context keys (give them with --context-entries). Over a snapshot, \
            resource policies count too: the resource's own policy in the exact evaluation (same account: a policy \
            naming the principal grants by itself, except KMS key and role trust policies; across accounts both sides \
            must allow), and without --resource, principals only a resource policy names are 'limited'.

            Examples:
              rampart iam who-can --demo --action iam:PassRole
              rampart iam who-can --authorization-details auth.json --action s3:GetObject --resource 'arn:aws:s3:::payroll/2026.csv'
            """)

    @OptionGroup var source: IAMAccountSource

    @Option(help: ArgumentHelp("The action, service:Action.", valueName: "ACTION"))
    var action: String

    @Option(help: ArgumentHelp("Evaluate this resource exactly.", valueName: "ARN"))
    var resource: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Context keys for --resource, as in simulate-custom-policy.", valueName: "ENTRY"))
    var contextEntries: [String] = []

    @OptionGroup var report: IAMReportOptions

    func run() async throws {
        try report.checkFormat()
        let context = try AWSCLIValues.contextEntries(contextEntries)
        let started = Date()
        let (accounts, policies, unreadable) = try await source.loadAllWithResourcePolicies()
        let loaded = Date()
        let grants: [PrincipalGrant]
        var via: [String: [EscalationStep]] = [:]
        if accounts.count > 1 {
            // An organization: every account's grants, and who can become a granted principal across accounts.
            let org = OrganizationIdentity(accounts: accounts)
            do throws(UnknownActionError) { (grants, via) = try org.whoCan(action: action, resource: resource, context: context) } catch {
                throw RampartError(error.description)
            }
        } else {
            let permissions = EffectivePermissions(account: accounts[0])
            do {
                grants = try permissions.whoCan(action: action, resource: resource, context: context, in: accounts[0], resourcePolicies: policies)
            } catch {
                throw RampartError(error.description)
            }
        }
        let done = Date()
        let name = ActionCatalog.shared.action(action)?.fullName ?? action
        // The resource's own policy, when it could not be read, leaves the answer incomplete: say so.
        let problems = accounts.flatMap(\.problems) + AccessCommandsSupport.problems(unreadable, about: resource)
        report.emit(json: AccessReport.whoCanJSON(action: name, resource: resource, grants: grants, problems: problems, through: via),
            table: AccessReport.whoCanTable(action: name, resource: resource, grants: grants, problems: problems, through: via))
        report.timing("\(accounts.reduce(0) { $0 + $1.requestingPrincipals.count }) principals evaluated", started: started, loaded: loaded, done: done)
    }
}

/// `rampart iam what-can`: the actions a principal can perform.
struct WhatCanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-can",
        abstract: "List the actions a user, group or role can perform, or count them for every principal (--all).",
        discussion: """
            Wildcards and NotAction are expanded to the real actions of the IAM action catalogue; explicit denies \
            and permissions boundaries are honoured.

            Examples:
              rampart iam what-can --demo --principal arn:aws:iam::123456789012:user/alice --access-level 'permissions management'
              rampart iam what-can --authorization-details auth.json --all --format json
            """)

    @OptionGroup var source: IAMAccountSource

    @Option(help: ArgumentHelp("The user, group or role.", valueName: "ARN"))
    var principal: String?

    @Flag(help: "Count the actions of every principal instead.")
    var all = false

    @Option(help: ArgumentHelp("Only actions of this level: List, Read, Write, 'Permissions management', Tagging.", valueName: "L"))
    var accessLevel: String?

    @Option(help: ArgumentHelp("Only actions of this service prefix (s3, iam, ...).", valueName: "PREFIX"))
    var service: String?

    @OptionGroup var report: IAMReportOptions

    func run() async throws {
        try report.checkFormat()
        if all == (principal != nil) { throw RampartError("give either --principal ARN or --all") }
        let level = try accessLevel.map { name -> AccessLevel in
            guard let l = AccessLevel(name: name) else {
                throw RampartError("unknown --access-level \"\(name)\"; choose List, Read, Write, 'Permissions management' or Tagging")
            }
            return l
        }
        let started = Date()
        let (account, policies, _) = try await source.loadWithResourcePolicies(preferring: principal.flatMap { RequestPrincipal(arn: $0).accountId })
        let loaded = Date()
        let permissions = EffectivePermissions(account: account)
        if all {
            let summaries = permissions.summaries(of: account)
            let done = Date()
            report.emit(json: AccessReport.summariesJSON(summaries, problems: account.problems),
                table: AccessReport.summariesTable(summaries, problems: account.problems))
            report.timing("effective permissions of \(summaries.count) principals", started: started, loaded: loaded, done: done)
            return
        }
        guard let arn = principal, let p = account.principal(arn: arn) else {
            throw RampartError("\(principal ?? "") is not a user, group or role of account \(account.accountId)")
        }
        let grants = permissions.whatCan(p, accessLevel: level, service: service, resourcePolicies: policies)
        report.emit(json: AccessReport.whatCanJSON(principal: p, grants: grants, problems: account.problems),
            table: AccessReport.whatCanTable(principal: p, grants: grants, problems: account.problems))
    }
}

/// What the access commands share.
enum AccessCommandsSupport {
    /// The resource policy of `resource` (or of its bucket, for an S3 object) when it could not
    /// be read (`unreadable` holds `ARN: reason` lines), reported beside unreadable identity policies.
    static func problems(_ unreadable: [String], about resource: String?) -> [IAMPolicyProblem] {
        guard let resource else { return [] }
        return unreadable.filter { line in
            guard let end = line.firstRange(of: ": ")?.lowerBound else { return false }
            let arn = line[..<end]
            return resource == arn || (resource.hasPrefix("arn:aws:s3:::") && resource.hasPrefix(arn + "/"))
        }.map { line in
            let (arn, reason) = line.firstRange(of: ": ").map { (String(line[..<$0.lowerBound]), String(line[$0.upperBound...])) } ?? (line, "")
            return IAMPolicyProblem(policy: "resource policy of \(arn)", message: reason)
        }
    }
}

/// `rampart iam`: the IAM policy engine's commands.
struct IAMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iam",
        abstract: "Evaluate IAM policies exactly as AWS documents: simulate, who-can, what-can, escalations, sod, trusts.",
        subcommands: [
            SimulateCustomPolicyCommand.self, SimulatePrincipalPolicyCommand.self, WhoCanCommand.self, WhatCanCommand.self,
            EscalationsCommand.self, SegregationOfDutiesCommand.self, TrustsCommand.self,
        ])
}
