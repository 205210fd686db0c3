import ArgumentParser
import Foundation
import RampartIAM
import RampartInventory
import RampartJSON
import RampartSnapshot

/// Where the IAM commands read an account's identities: a snapshot, the demo, or the output of
/// `aws iam get-account-authorization-details`.
struct IAMAccountSource: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the account from a snapshot directory.", valueName: "DIR"))
    var snapshot: String?

    @Flag(help: "Read the bundled demo snapshot.")
    var demo = false

    @Option(help: ArgumentHelp("Read the output of 'aws iam get-account-authorization-details' (file:// accepted).", valueName: "FILE"))
    var authorizationDetails: String?

    @Option(help: ArgumentHelp("The account to read when the snapshot holds several.", valueName: "ID"))
    var account: String?

    /// Largest authorization-details file accepted (a 20,000-principal account is about 60 MB).
    static let maxFileBytes = 1 << 30

    var isGiven: Bool { snapshot != nil || demo || authorizationDetails != nil }

    /// Loads and parses the account; every failure is a one-line `RampartError`.
    func load() throws -> IAMAccount {
        let given = [snapshot != nil, demo, authorizationDetails != nil].filter { $0 }.count
        if given == 0 { throw RampartError("give --snapshot DIR, --demo or --authorization-details FILE") }
        if given > 1 { throw RampartError("--snapshot, --demo and --authorization-details cannot be used together") }
        if let file = authorizationDetails { return try loadFile(file) }
        let path = try demo ? DemoSnapshot.locate() : snapshot ?? ""
        let directory: SnapshotDirectory
        do { directory = try SnapshotDirectory(path: path) } catch { throw RampartError(error.description) }
        let inventory = InventoryBuilder.build(from: directory)
        let accounts = inventory.accounts
        guard !accounts.isEmpty else { throw RampartError("\(path) holds no account") }
        let chosen: AccountInventory
        if let account {
            guard let a = accounts.first(where: { $0.id == account }) else {
                throw RampartError("--account \(account) is not in \(path); it holds \(accounts.map(\.id).joined(separator: ", "))")
            }
            chosen = a
        } else {
            guard accounts.count == 1 else {
                throw RampartError("\(path) holds several accounts (\(accounts.map(\.id).joined(separator: ", "))); choose one with --account")
            }
            chosen = accounts[0]
        }
        switch chosen.iam.authorizationDetails {
        case .known(let details): return IAMAccount(details, accountId: chosen.id)
        case .unknown(let reason): throw RampartError("account \(chosen.id): IAM authorization details are not usable: \(reason)")
        }
    }

    private func loadFile(_ argument: String) throws -> IAMAccount {
        let path = argument.hasPrefix("file://") ? String(argument.dropFirst("file://".count)) : argument
        guard let handle = FileHandle(forReadingAtPath: path) else { throw RampartError("cannot read \(path)") }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        if size > UInt64(Self.maxFileBytes) { throw RampartError("\(path) is larger than 1 GiB") }
        try? handle.seek(toOffset: 0)
        let data = (try? handle.readToEnd()) ?? Data()
        let value: JSONValue
        do { value = try JSONParser.parse([UInt8](data)) } catch { throw RampartError("\(path): \(error)") }
        do {
            let details = try AuthorizationDetails(awsCLIOutput: value, account: account)
            let owner = account ?? details.users.first.map { $0.ref.account } ?? details.roles.first.map { $0.ref.account } ?? "000000000000"
            return IAMAccount(details, accountId: owner)
        } catch {
            throw RampartError("\(path): \(error)")
        }
    }
}
