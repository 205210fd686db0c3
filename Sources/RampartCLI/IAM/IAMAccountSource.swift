import ArgumentParser
import Foundation
import RampartAccess
import RampartIAM
import RampartInventory
import RampartJSON
import RampartSnapshot

/// Where the IAM commands read an account's identities: a snapshot, the demo, the live account,
/// or the output of `aws iam get-account-authorization-details`.
struct IAMAccountSource: ParsableArguments {
    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("Read the output of 'aws iam get-account-authorization-details' (file:// accepted).", valueName: "FILE"))
    var authorizationDetails: String?

    @Option(help: ArgumentHelp("The account to read when the snapshot holds several.", valueName: "ID"))
    var account: String?

    @Flag(help: "No progress lines on stderr (live reads).")
    var quiet = false

    /// Largest authorization-details file accepted (a 20,000-principal account is about 60 MB).
    static let maxFileBytes = 1 << 30

    /// Loads and parses the account; every failure is a one-line `RampartError`. When the source
    /// holds several accounts and no --account is given, `preferring` (the account of an ARN
    /// the command names) chooses.
    func load(preferring: String? = nil) async throws -> IAMAccount {
        try await loadWithResourcePolicies(preferring: preferring).account
    }

    /// The account, and the resource policies of the source's resources (none for
    /// `--authorization-details`, which holds no resources) with those that could not be read.
    func loadWithResourcePolicies(preferring: String? = nil) async throws -> (account: IAMAccount, policies: ResourcePolicies, unreadable: [String]) {
        try source.checkArguments()
        if let file = authorizationDetails {
            if source.demo || source.snapshot != nil { throw RampartError("--authorization-details cannot be used with --demo or --snapshot") }
            return (try loadFile(file), ResourcePolicies(), [])
        }
        let evidence = try await source.read(quiet: quiet)
        return try choose(evidence, preferring: preferring)
    }

    /// Every account of the source (only --account's when given), each bounded by its organization
    /// policies: the organization-wide analyses (escalations, who-can, sod) read them together.
    /// Accounts whose IAM could not be read are named on stderr and left out.
    func loadAll() async throws -> [IAMAccount] { try await loadAllWithResourcePolicies().accounts }

    /// `loadAll`, with the resource policies of the source's resources and those that could not be read.
    func loadAllWithResourcePolicies() async throws -> (accounts: [IAMAccount], policies: ResourcePolicies, unreadable: [String]) {
        try source.checkArguments()
        if let file = authorizationDetails {
            if source.demo || source.snapshot != nil { throw RampartError("--authorization-details cannot be used with --demo or --snapshot") }
            return ([try loadFile(file)], ResourcePolicies(), [])
        }
        let evidence = try await source.read(quiet: quiet)
        if account != nil || evidence.inventory.accounts.count < 2 {
            let chosen = try choose(evidence, preferring: nil)
            return ([chosen.account], chosen.policies, chosen.unreadable)
        }
        let (policies, unreadable) = ResourcePolicies.of(evidence.inventory)
        var out: [IAMAccount] = []
        for a in evidence.inventory.accounts {
            switch a.iam.authorizationDetails {
            case .known(let details): out.append(IAMAccount(details, accountId: a.id, organization: bounds(evidence, a.id)))
            case .unknown(let reason):
                if !quiet { note("warning: account \(a.id) left out: IAM authorization details are not usable: \(reason)") }
            }
        }
        guard !out.isEmpty else { throw RampartError("\(evidence.sourceName): no account's IAM authorization details are usable") }
        return (out, policies, unreadable)
    }

    /// The SCPs and RCPs of `account` in the source's organization (none outside one), warning when some could not be read.
    private func bounds(_ evidence: AccountEvidence, _ account: String) -> OrganizationBoundary {
        let bounds = evidence.inventory.organization.map { OrganizationBoundary(organization: $0, account: account) } ?? .none
        if let why = bounds.unknownReason, !quiet {
            note("warning: account \(account): \(why); verdicts that something is allowed may be wrong")
        }
        return bounds
    }

    private func choose(_ evidence: AccountEvidence, preferring: String?) throws -> (account: IAMAccount, policies: ResourcePolicies, unreadable: [String]) {
        let accounts = evidence.inventory.accounts
        let origin = evidence.sourceName
        guard !accounts.isEmpty else { throw RampartError("\(origin) holds no account") }
        let chosen: AccountInventory
        if let preferring, account == nil, accounts.count > 1, let a = accounts.first(where: { $0.id == preferring }) {
            chosen = a
        } else if let account {
            guard let a = accounts.first(where: { $0.id == account }) else {
                throw RampartError("--account \(account) is not in \(origin); it holds \(accounts.map(\.id).joined(separator: ", "))")
            }
            chosen = a
        } else {
            guard accounts.count == 1 else {
                throw RampartError("\(origin) holds several accounts (\(accounts.map(\.id).joined(separator: ", "))); choose one with --account")
            }
            chosen = accounts[0]
        }
        switch chosen.iam.authorizationDetails {
        case .known(let details):
            // In an organization snapshot, the account's SCPs and RCPs bound every verdict.
            let (policies, unreadable) = ResourcePolicies.of(evidence.inventory)
            return (IAMAccount(details, accountId: chosen.id, organization: bounds(evidence, chosen.id)), policies, unreadable)
        case .unknown(let reason): throw RampartError("account \(chosen.id): IAM authorization details are not usable: \(reason)")
        }
    }

    private func loadFile(_ argument: String) throws -> IAMAccount {
        let path = argument.hasPrefix("file://") ? String(argument.dropFirst("file://".count)) : argument
        let bytes = try readInputFile(path, limit: Self.maxFileBytes, what: "--authorization-details")
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw RampartError("\(path): \(error)") }
        do {
            let details = try AuthorizationDetails(awsCLIOutput: value, account: account)
            let owner = account ?? details.users.first.map { $0.ref.account } ?? details.roles.first.map { $0.ref.account } ?? "000000000000"
            return IAMAccount(details, accountId: owner)
        } catch {
            throw RampartError("\(path): \(error)")
        }
    }
}
