import ArgumentParser
import Foundation
import RampartCollector
import RampartJSON
import RampartSnapshot
import RampartInventory

/// `rampart org`: what an organization scan needs before it runs: the account-to-shard plan and
/// the audit role every member account must hold.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Plan an organization scan's shards, and print the audit role and caller policy it needs.",
        subcommands: [OrgPlanCommand.self, OrgAuditRoleTemplateCommand.self])
}

/// `rampart org plan --shard-count N`: which accounts each shard of a sharded `--org` run reads.
struct OrgPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the deterministic account-to-shard plan of an organization.",
        discussion: """
            Reads the organization live (as `scan --org` does, with the same --accounts, \
            --exclude-accounts and --ou filters) or from an organization snapshot, and splits its \
            ACTIVE accounts between N shards: ascending account id, the i-th to shard i mod N.

            Examples:
              rampart org plan --shard-count 4 --format json
              rampart org plan --shard-count 4 --snapshot ./org-snapshot
            """)

    @Option(help: ArgumentHelp("How many shards the run has.", valueName: "N"))
    var shardCount: Int

    @Option(help: ArgumentHelp("Read the organization from a snapshot directory instead of live.", valueName: "DIR"))
    var snapshot: String?

    @Option(help: ArgumentHelp("table (default) or json.", valueName: "FORMAT"))
    var format: String = "table"

    @OptionGroup var live: LiveOptions

    func run() async throws {
        try checkFormats([format], among: ["table", "json"])
        guard shardCount >= 1 else { throw RampartError("--shard-count must be at least 1") }
        let plan: ShardPlan
        if let snapshot {
            let directory: SnapshotDirectory
            do { directory = try SnapshotDirectory(path: snapshot) } catch { throw RampartError(error.description) }
            let inventory = InventoryBuilder.build(from: directory)
            guard let organization = inventory.organization else {
                throw RampartError("\(snapshot) holds no organization (no <management>/global/organizations/describe-organization.json)")
            }
            guard let accounts = organization.value?.accounts.value else {
                throw RampartError("\(snapshot): the organization's accounts cannot be read: \(organization.unknownReason ?? organization.value?.accounts.unknownReason ?? "")")
            }
            plan = ShardPlan(accounts: accounts.filter { $0.status == "ACTIVE" }.map(\.id), count: shardCount)
        } else {
            var options = live
            options.org = true
            plan = try await LiveCollection(options: options, quiet: true).plan(shardCount: shardCount)
        }
        switch format {
        case "json": print(JSONWriter.string(plan.json, pretty: true))
        default:
            for (index, accounts) in plan.shards.enumerated() {
                print("shard \(index): \(accounts.count) account(s)\(accounts.isEmpty ? "" : ": " + accounts.joined(separator: ", "))")
            }
        }
    }
}

/// `rampart org audit-role-template`: the CloudFormation StackSet template of the read-only
/// `RampartAudit` role, or the IAM policy the management-account caller needs; both generated
/// from the collection plan.
struct OrgAuditRoleTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-role-template",
        abstract: "Print the CloudFormation template of the read-only audit role (or the caller's IAM policy).",
        discussion: """
            Generated from Rampart's collection plan, so the role allows exactly the calls Rampart \
            makes. Deploy the template as a service-managed StackSet to the organization's accounts.

            Examples:
              rampart org audit-role-template > rampart-audit-role.json
              rampart org audit-role-template --policy management > rampart-caller-policy.json
            """)

    @Option(help: ArgumentHelp("The role's name (default RampartAudit).", valueName: "NAME"))
    var roleName: String = "RampartAudit"

    @Option(help: ArgumentHelp("Print an IAM policy instead of the template: member (the role's) or management (the caller's).", valueName: "WHICH"))
    var policy: String?

    func run() throws {
        switch policy {
        case nil: print(JSONWriter.string(AuditPermissions.roleTemplate(roleName: roleName), pretty: true))
        case "member": print(JSONWriter.string(AuditPermissions.policy(actions: AuditPermissions.memberActions(), roleName: roleName), pretty: true))
        case "management": print(JSONWriter.string(AuditPermissions.policy(actions: AuditPermissions.managementActions(), roleName: roleName), pretty: true))
        case let other?: throw RampartError("unknown --policy \"\(other ?? "")\"; choose from member, management")
        }
    }
}
