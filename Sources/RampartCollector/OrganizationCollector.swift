public import RampartAWSClient
public import RampartInventory
public import RampartJSON
public import RampartSnapshot
import Foundation

/// Which member accounts an organization scan reads: `--accounts`, `--exclude-accounts`, `--ou`
/// (an OU includes every OU below it). Empty lists do not filter.
public struct AccountFilter: Sendable {
    public var accounts: Set<String>
    public var excluded: Set<String>
    public var organizationalUnits: Set<String>

    public init(accounts: [String] = [], excluded: [String] = [], organizationalUnits: [String] = []) {
        self.accounts = Set(accounts)
        self.excluded = Set(excluded)
        self.organizationalUnits = Set(organizationalUnits)
    }

    /// Whether an account whose chain of parents (root first, its own parent last) is `ancestors` is read.
    public func includes(_ account: String, ancestors: [String]) -> Bool {
        if excluded.contains(account) { return false }
        if !accounts.isEmpty && !accounts.contains(account) { return false }
        if !organizationalUnits.isEmpty && organizationalUnits.isDisjoint(with: ancestors) { return false }
        return true
    }
}

/// Splits an organization's accounts between the shards of one run: the accounts in ascending id
/// order, the i-th to shard i mod N. Every shard computes the same plan from the same organization.
public struct ShardPlan: Sendable, Equatable {
    public var shards: [[String]]

    public init(accounts: [String], count: Int) {
        var shards = Array(repeating: [String](), count: max(1, count))
        for (position, account) in Set(accounts).sorted().enumerated() { shards[position % shards.count].append(account) }
        self.shards = shards
    }

    /// `{"shards": [{"index": 0, "accounts": [...]}]}` (DESIGN.md).
    public var json: JSONValue {
        .object(["shards": .array(shards.enumerated().map { .object(["index": .number(Double($0.offset)), "accounts": .strings($0.element)]) })])
    }
}

/// One shard of a run: `--shard-index I --shard-count N`.
public struct Shard: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }
}

/// One account of the organization as the collection sees it.
public struct OrganizationMember: Sendable, Hashable {
    public var id: String
    /// `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE` (the older `Status`, or the newer `State` when present).
    public var status: String
    /// The parents from the root down to the account's own OU.
    public var ancestors: [String]
}

/// The organization's structure the collection read, and the calls it made.
public struct OrganizationReading: Sendable {
    public var id: String
    public var managementAccount: String
    public var members: [OrganizationMember]
}

/// Reads an AWS Organization from its management (or delegated administrator) account, then
/// every selected ACTIVE member through its audit role, and gathers one snapshot-shaped result
/// for all of them (DESIGN.md, "Organizations (many accounts)").
public struct OrganizationCollector: Sendable {
    /// The caller's own client (management or delegated administrator account).
    public let client: AWSClient
    /// A client for a member account, signed with credentials of its audit role.
    public let memberClient: @Sendable (String) -> AWSClient
    public let filter: AccountFilter
    /// Regions to read; nil reads every region each account enabled.
    public let regions: [String]?
    public let homeRegion: String
    public let maxConcurrency: Int
    /// Accounts read at once.
    public let maxAccounts: Int
    public let progress: (@Sendable (CollectionProgress) -> Void)?
    /// This process's part of a sharded run; nil reads every selected account.
    public var shard: Shard?

    public init(
        client: AWSClient, memberClient: @escaping @Sendable (String) -> AWSClient, filter: AccountFilter, regions: [String]?,
        homeRegion: String, maxConcurrency: Int, maxAccounts: Int = 4, shard: Shard? = nil,
        progress: (@Sendable (CollectionProgress) -> Void)? = nil
    ) {
        self.shard = shard
        self.client = client
        self.memberClient = memberClient
        self.filter = filter
        self.regions = regions
        self.homeRegion = homeRegion
        self.maxConcurrency = max(1, maxConcurrency)
        self.maxAccounts = max(1, maxAccounts)
        self.progress = progress
    }

    public func collect() async throws(CollectionError) -> CollectionResult {
        let started = Date()
        let identity = await client.call(service: "sts", operation: "get-caller-identity", region: homeRegion, account: nil, parameters: JSONObject())
        guard case .success(let who) = identity, let caller = who["Account"]?.stringValue else {
            throw CollectionError(description: "cannot identify the account (sts get-caller-identity): \(identity.failureDescription ?? "no account id in the answer")")
        }
        let store = ResultStore()
        let organization = try await readOrganization(caller: caller, store: store)
        let management = organization.managementAccount
        var (selected, errors) = select(organization)
        if let shard {
            let mine = Set(ShardPlan(accounts: selected, count: shard.count).shards[shard.index])
            selected = selected.filter(mine.contains)
            // Accounts not audited (not ACTIVE) belong to no shard's plan: shard 0 reports them, once.
            if shard.index != 0 { errors = [] }
        }

        // Accounts run side by side, a few at a time; each account's own collection bounds its requests.
        let outcomes = AccountOutcomes()
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for account in selected {
                if running >= maxAccounts {
                    await group.next()
                    running -= 1
                }
                running += 1
                group.addTask {
                    let accountClient = account == caller ? self.client : self.memberClient(account)
                    await outcomes.add(await self.collectAccount(account, client: accountClient, viaRole: account != caller))
                }
            }
        }
        let results = await outcomes.all
        var answers = await store.contents.0
        errors += await store.contents.1
        var regionSet = Set<String>()
        for outcome in results { regionSet.formUnion(outcome.regions) }
        for outcome in results {
            answers.merge(outcome.answers) { a, _ in a }
            errors += outcome.errors
            guard outcome.reachable else { continue }
            // A region another account reads but this one has not enabled: its checks are UNKNOWN, and it says why.
            for region in regionSet.subtracting(outcome.regions).sorted() where !outcome.requestedDisabled.contains(region) {
                errors.append(Self.regionNotEnabled(account: outcome.account, region: region))
            }
        }
        var statistics = await client.statistics
        for outcome in results where outcome.account != caller {
            statistics.requests += outcome.statistics.requests
            statistics.retries += outcome.statistics.retries
            statistics.failures += outcome.statistics.failures
        }
        var result = CollectionResult(
            collectedAt: started, account: caller, regions: regionSet.sorted(), answers: answers, errors: errors,
            statistics: statistics, seconds: Date().timeIntervalSince(started))
        result.accounts = selected
        result.organization = Manifest.OrganizationRef(id: organization.id, managementAccount: management)
        return result
    }

    /// The ACTIVE accounts the filter selects, ascending; the others it selects are reported not audited.
    func select(_ organization: OrganizationReading) -> ([String], [Manifest.CallError]) {
        var errors: [Manifest.CallError] = []
        var selected: [String] = []
        for member in organization.members.sorted(by: { $0.id < $1.id }) where filter.includes(member.id, ancestors: member.ancestors) {
            guard member.status == "ACTIVE" else {
                errors.append(Manifest.CallError(
                    call: AWSCall(account: member.id, region: "global", service: "organizations", operation: "list-accounts"),
                    code: "AccountNotActive", message: "account \(member.id) is \(member.status) in the organization; not audited"))
                continue
            }
            selected.append(member.id)
        }
        return (selected, errors)
    }

    /// Reads only the organization and returns the plan of `count` shards over the accounts the filter selects.
    public func plan(count: Int) async throws(CollectionError) -> ShardPlan {
        let identity = await client.call(service: "sts", operation: "get-caller-identity", region: homeRegion, account: nil, parameters: JSONObject())
        guard case .success(let who) = identity, let caller = who["Account"]?.stringValue else {
            throw CollectionError(description: "cannot identify the account (sts get-caller-identity): \(identity.failureDescription ?? "no account id in the answer")")
        }
        let organization = try await readOrganization(caller: caller, store: ResultStore())
        return ShardPlan(accounts: select(organization).0, count: count)
    }

    static func regionNotEnabled(account: String, region: String) -> Manifest.CallError {
        Manifest.CallError(
            call: AWSCall(account: account, region: region, service: "ec2", operation: "describe-regions"),
            code: "RegionNotEnabled", message: "region \(region) is not enabled for account \(account); not audited there")
    }

    struct AccountOutcome: Sendable {
        var account: String
        var reachable: Bool
        var regions: [String]
        var requestedDisabled: Set<String>
        var answers: [AWSCall: JSONValue]
        var errors: [Manifest.CallError]
        var statistics: ClientStatistics
    }

    /// One account: enter it (its role), find its enabled regions, then collect it as a single account.
    func collectAccount(_ account: String, client: AWSClient, viaRole: Bool) async -> AccountOutcome {
        func unreachable(_ failure: CallFailure, operation: String) -> AccountOutcome {
            let (code, message) = Self.describe(failure)
            return AccountOutcome(
                account: account, reachable: false, regions: [], requestedDisabled: [], answers: [:],
                errors: [Manifest.CallError(call: AWSCall(account: account, region: "global", service: "sts", operation: operation), code: code, message: message)],
                statistics: ClientStatistics())
        }
        let identity = await client.call(service: "sts", operation: "get-caller-identity", region: homeRegion, account: nil, parameters: JSONObject())
        if case .failure(let failure) = identity { return unreachable(failure, operation: viaRole ? "assume-role" : "get-caller-identity") }
        let answer = await client.call(service: "ec2", operation: "describe-regions", region: homeRegion, account: account, parameters: JSONObject())
        var errors: [Manifest.CallError] = []
        var enabled: [String]
        switch answer {
        case .success(let value):
            enabled = (value["Regions"]?.arrayValue ?? []).compactMap { $0["RegionName"]?.stringValue }.sorted()
        case .failure(let failure):
            guard let regions else { return unreachable(failure, operation: "describe-regions") }
            enabled = regions
        }
        var requestedDisabled = Set<String>()
        if let regions {
            for region in regions where !enabled.contains(region) {
                requestedDisabled.insert(region)
                errors.append(Self.regionNotEnabled(account: account, region: region))
            }
            enabled = regions.filter { enabled.contains($0) }
        }
        let collector = Collector(client: client, regions: enabled, homeRegion: homeRegion, maxConcurrency: maxConcurrency, progress: progress)
        do {
            let result = try await collector.collect()
            return AccountOutcome(
                account: account, reachable: true, regions: enabled + requestedDisabled, requestedDisabled: requestedDisabled,
                answers: result.answers, errors: errors + result.errors, statistics: result.statistics)
        } catch {
            return unreachable(.transport(error.description), operation: "get-caller-identity")
        }
    }

    /// AWS's error code and message, also when the failure came from assuming the role.
    static func describe(_ failure: CallFailure) -> (String, String) {
        guard case .credentials(let message) = failure else { return (failure.code, failure.message) }
        // "AssumeRole arn:... failed: HTTP 403 AccessDenied: ..." names AWS's code after the status.
        if let range = message.range(of: #"HTTP \d+ [A-Za-z.]+"#, options: .regularExpression),
            let code = message[range].split(separator: " ").last
        {
            return (String(code), message)
        }
        return ("AssumeRoleFailed", message)
    }

    /// Reads the organization: every call lands in `store` under the management account.
    func readOrganization(caller: String, store: ResultStore) async throws(CollectionError) -> OrganizationReading {
        func read(_ operation: String, _ parameters: JSONObject = JSONObject(), resource: String? = nil, account: String) async -> JSONValue? {
            let call = AWSCall(account: account, region: "global", service: "organizations", operation: operation, resource: resource)
            switch await client.call(service: "organizations", operation: operation, region: homeRegion, account: account, parameters: parameters) {
            case .success(let value):
                await store.record(call, value)
                return value
            case .failure(let failure):
                await store.record(Manifest.CallError(call: call, code: failure.code, message: failure.message))
                return nil
            }
        }
        let described = await client.call(service: "organizations", operation: "describe-organization", region: homeRegion, account: caller, parameters: JSONObject())
        guard case .success(let description) = described, let id = description["Organization"]?["Id"]?.stringValue,
            let management = description["Organization"]?["MasterAccountId"]?.stringValue
        else {
            throw CollectionError(description: "--org: cannot read the organization (organizations describe-organization): \(described.failureDescription ?? "no organization in the answer"); run from the management or a delegated administrator account")
        }
        // The organization's files sit under the management account (DESIGN.md), also when a delegated administrator reads them.
        await store.record(AWSCall(account: management, region: "global", service: "organizations", operation: "describe-organization"), description)
        guard let accounts = await read("list-accounts", account: management) else {
            throw CollectionError(description: "--org: cannot list the organization's accounts (organizations list-accounts)")
        }
        var statusById: [String: String] = [:]
        for entry in accounts["Accounts"]?.arrayValue ?? [] {
            guard let accountId = entry["Id"]?.stringValue else { continue }
            statusById[accountId] = entry["State"]?.stringValue ?? entry["Status"]?.stringValue ?? "UNKNOWN"
        }
        // The OU tree, breadth first from the roots; each account's ancestors from the parents it is listed under.
        var ancestors: [String: [String]] = [:]
        var queue: [(id: String, path: [String])] = []
        if let roots = await read("list-roots", account: management) {
            for root in roots["Roots"]?.arrayValue ?? [] { if let rootId = root["Id"]?.stringValue { queue.append((rootId, [rootId])) } }
        }
        while !queue.isEmpty {
            let (parent, path) = queue.removeFirst()
            if let listed = await read("list-accounts-for-parent", ["ParentId": .string(parent)], resource: parent, account: management) {
                for entry in listed["Accounts"]?.arrayValue ?? [] { if let accountId = entry["Id"]?.stringValue { ancestors[accountId] = path } }
            }
            if let units = await read("list-organizational-units-for-parent", ["ParentId": .string(parent)], resource: parent, account: management) {
                for unit in units["OrganizationalUnits"]?.arrayValue ?? [] { if let unitId = unit["Id"]?.stringValue { queue.append((unitId, path + [unitId])) } }
            }
        }
        for filterName in ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] {
            guard let listed = await read("list-policies", ["Filter": .string(filterName)], resource: filterName, account: management) else { continue }
            for policy in listed["Policies"]?.arrayValue ?? [] {
                guard let policyId = policy["Id"]?.stringValue else { continue }
                _ = await read("describe-policy", ["PolicyId": .string(policyId)], resource: policyId, account: management)
                _ = await read("list-targets-for-policy", ["PolicyId": .string(policyId)], resource: policyId, account: management)
            }
        }
        let members = statusById.map { OrganizationMember(id: $0.key, status: $0.value, ancestors: ancestors[$0.key] ?? []) }
        return OrganizationReading(id: id, managementAccount: management, members: members)
    }
}

/// Each account's outcome as it finishes.
actor AccountOutcomes {
    private(set) var all: [OrganizationCollector.AccountOutcome] = []
    func add(_ outcome: OrganizationCollector.AccountOutcome) { all.append(outcome) }
}
