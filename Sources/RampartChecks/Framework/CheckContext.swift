public import RampartInventory
public import struct Foundation.Date

/// What a check's function receives: the inventory, plus helpers that turn missing evidence
/// into UNKNOWN outcomes so that no check has to remember to.
public struct CheckContext: Sendable {
    public let inventory: Inventory
    public let metadata: CheckMetadata
    /// Analyses computed once per scan (the IAM engine's view of each account).
    public let shared: SharedAnalyses

    public init(inventory: Inventory, metadata: CheckMetadata, shared: SharedAnalyses = SharedAnalyses()) {
        self.inventory = inventory
        self.metadata = metadata
        self.shared = shared
    }

    /// The moment the evidence was collected; ages are measured from here.
    public var now: Date { inventory.collectedAt }

    /// Whole days between `date` and the collection time.
    public func daysSince(_ date: Date) -> Int { Int((now.timeIntervalSince(date) / 86_400).rounded(.down)) }

    /// Stands for "every resource of this check's type in `scope`" when the listing itself is unknown.
    public func scopeRef(_ scope: Scope) -> ResourceRef {
        // Check ids use the CLI's service names; ARNs use the service namespace.
        let namespaces = ["vpc": "ec2", "elbv2": "elasticloadbalancing", "emr": "elasticmapreduce"]
        let service = namespaces[metadata.service] ?? metadata.service
        return ResourceRef(
            arn: scope.arn(service, "*"), type: metadata.resourceType, account: scope.account, region: scope.region,
            name: "all \(metadata.resourceType) in \(scope.region == "global" ? "account \(scope.account)" : scope.region)")
    }

    /// Judges every resource of a regional collection; an unknown collection gives one UNKNOWN outcome for its region.
    public func eachRegional<R: Resource>(
        _ collection: KeyPath<RegionInventory, Known<[R]>>,
        _ judge: (R, RegionInventory) -> CheckOutcome?
    ) -> [CheckOutcome] {
        var out: [CheckOutcome] = []
        for region in inventory.regions {
            switch region[keyPath: collection] {
            case .known(let resources):
                for resource in resources { if let outcome = judge(resource, region) { out.append(outcome) } }
            case .unknown(let reason):
                out.append(.unknown(scopeRef(region.scope), reason))
            }
        }
        return out
    }

    /// Judges every resource of an account-wide collection; an unknown collection gives one UNKNOWN outcome for its account.
    public func eachGlobal<R: Resource>(
        _ collection: KeyPath<AccountInventory, Known<[R]>>,
        _ judge: (R, AccountInventory) -> CheckOutcome?
    ) -> [CheckOutcome] {
        var out: [CheckOutcome] = []
        for account in inventory.accounts {
            switch account[keyPath: collection] {
            case .known(let resources):
                for resource in resources { if let outcome = judge(resource, account) { out.append(outcome) } }
            case .unknown(let reason):
                out.append(.unknown(scopeRef(account.scope), reason))
            }
        }
        return out
    }

    /// One verdict per region on a regional setting (EBS encryption by default, EMR block public access ...).
    public func perRegion<T>(
        _ setting: KeyPath<RegionInventory, Known<T>>,
        resource: (RegionInventory) -> ResourceRef,
        _ judge: (T, ResourceRef, RegionInventory) -> CheckOutcome
    ) -> [CheckOutcome] {
        inventory.regions.map { region in
            let ref = resource(region)
            switch region[keyPath: setting] {
            case .known(let value): return judge(value, ref, region)
            case .unknown(let reason): return .unknown(ref, reason)
            }
        }
    }

    /// One verdict per account on an account-wide setting (password policy, account Block Public Access ...).
    public func perAccount<T>(
        _ setting: KeyPath<AccountInventory, Known<T>>,
        resource: (AccountInventory) -> ResourceRef,
        _ judge: (T, ResourceRef, AccountInventory) -> CheckOutcome
    ) -> [CheckOutcome] {
        inventory.accounts.map { account in
            let ref = resource(account)
            switch account[keyPath: setting] {
            case .known(let value): return judge(value, ref, account)
            case .unknown(let reason): return .unknown(ref, reason)
            }
        }
    }

    /// The account itself as a resource (`AWS::::Account`), for account-wide settings.
    public func accountRef(_ account: AccountInventory) -> ResourceRef {
        ResourceRef(
            arn: "arn:\(account.scope.partition):iam::\(account.id):root", type: "AWS::::Account", account: account.id,
            region: "global", name: "account \(account.id)")
    }

    /// A region of an account as a resource, for regional settings.
    public func regionRef(_ region: RegionInventory, service: String) -> ResourceRef {
        ResourceRef(
            arn: "arn:\(region.scope.partition):\(service):\(region.scope.region):\(region.scope.account):account",
            type: "AWS::::Account", account: region.scope.account, region: region.scope.region,
            name: "\(service) settings of \(region.scope.account) in \(region.scope.region)")
    }
}
