public import RampartAccess
public import RampartIAM
public import RampartInventory
import Synchronization

/// Analyses several checks read, computed once per scan and shared by the checks running in
/// parallel: the IAM engine's view of each account.
public final class SharedAnalyses: Sendable {
    private let identities: Mutex<[String: IdentityBox]>

    public init() {
        identities = Mutex([:])
    }

    private init(identities: [String: IdentityBox]) {
        self.identities = Mutex(identities)
    }

    /// Fresh analyses that keep this scan's identity analyses, for another scan of the same
    /// accounts whose IAM and Organizations evidence is the same (only other evidence differs).
    public func keepingIdentities() -> SharedAnalyses {
        SharedAnalyses(identities: identities.withLock { $0 })
    }

    /// The identity analysis of `account`, or why it cannot be made (authorization details
    /// missing or unreadable); bounded by the SCPs and RCPs `organization` (the inventory's, nil
    /// outside an organization) applies to the account.
    public func identity(of account: AccountInventory, organization: Known<Organization>? = nil) -> Known<IdentityAnalysis> {
        let box = identities.withLock { boxes in
            if let b = boxes[account.id] { return b }
            let b = IdentityBox()
            boxes[account.id] = b
            return b
        }
        return box.value.withLock { value in
            if let value { return value }
            let computed: Known<IdentityAnalysis>
            switch account.iam.authorizationDetails {
            case .known(let details):
                let bounds = organization.map { OrganizationBoundary(organization: $0, account: account.id) } ?? .none
                computed = .known(IdentityAnalysis(IAMAccount(details, accountId: account.id, organization: bounds)))
            case .unknown(let reason): computed = .unknown(reason: reason)
            }
            value = computed
            return computed
        }
    }

    private let crossAccount = Mutex<[String: EscalationFinding]?>(nil)

    /// In a source of several accounts, the principals that reach administrator power only
    /// through a role of another account (by ARN), computed once per scan; empty for one account.
    public func crossAccountEscalations(_ inventory: Inventory) -> [String: EscalationFinding] {
        crossAccount.withLock { value in
            if let value { return value }
            var accounts: [IAMAccount] = []
            var own: [EscalationFinding] = []
            if inventory.accounts.count > 1 {
                for account in inventory.accounts {
                    guard case .known(let analysis) = identity(of: account, organization: inventory.organization) else { continue }
                    accounts.append(analysis.account)
                    own += analysis.escalations.values
                }
            }
            var computed: [String: EscalationFinding] = [:]
            if accounts.count > 1 {
                let org = OrganizationIdentity(accounts: accounts, including: { $0.target == .assumableRole })
                for f in org.crossAccountFindings(own) { computed[f.principal.arn] = f }
            }
            value = computed
            return computed
        }
    }

    private let access = Mutex<[ResourceAccess]?>(nil)

    /// External access of every resource (account zone), made once per scan by the first check that asks.
    public func externalAccess(_ inventory: Inventory) -> [ResourceAccess] {
        access.withLock { value in
            if let value { return value }
            let computed = ExternalAccessAnalysis.run(inventory, zone: .account)
            value = computed
            return computed
        }
    }

    /// One account's analysis, made by the first check that asks; the others wait for it.
    private final class IdentityBox: Sendable {
        let value = Mutex<Known<IdentityAnalysis>?>(nil)
    }
}
