import ArgumentParser
import RampartFindings
import RampartInventory

/// `--account ID` of the commands that show a scan's roll-ups (`responsibilities`, `compliance`):
/// one account's view of a source that covers several; without it, the organization's view with
/// every account's own beside it.
struct AccountOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With several accounts (an organization), show only this account's view.", valueName: "ID"))
    var account: String?

    /// The report to show (the whole scan's, or `--account`'s own) and, when the scan covers several
    /// accounts and no `--account` is given, each account's own report.
    func scope(_ report: ScanReport, inventory: Inventory) throws -> (shown: ScanReport, accounts: [String: ScanReport]) {
        let accounts = report.allAccounts
        if let account {
            guard accounts.contains(account) else {
                throw RampartError("--account \(account.terminalSafe): not an account of this source (\(accounts.joined(separator: ", ")))")
            }
            return (report.restricted(toAccount: account, resourceCounts: Self.resourceCounts(inventory, account: account)), [:])
        }
        guard accounts.count > 1 else { return (report, [:]) }
        var each: [String: ScanReport] = [:]
        for id in accounts { each[id] = report.restricted(toAccount: id, resourceCounts: Self.resourceCounts(inventory, account: id)) }
        return (report, each)
    }

    /// Resources by CloudFormation type in one account.
    static func resourceCounts(_ inventory: Inventory, account: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        inventory.forEachResource { if $0.ref.account == account { counts[$0.ref.type, default: 0] += 1 } }
        return counts
    }
}
