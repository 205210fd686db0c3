public import RampartAWSClient
public import RampartInventory
public import RampartJSON
public import RampartSnapshot
public import struct Foundation.Date
import Foundation

/// What a collection gathered: every answer, every failed call, and the counters.
public struct CollectionResult: Sendable {
    public var collectedAt: Date
    public var account: String
    public var regions: [String]
    public var answers: [AWSCall: JSONValue]
    public var errors: [Manifest.CallError]
    public var statistics: ClientStatistics
    public var seconds: Double
    /// Every account read (an organization scan reads several); `account` is the caller's.
    public var accounts: [String]
    /// The organization, when the collection read one (`--org`).
    public var organization: Manifest.OrganizationRef?

    public init(
        collectedAt: Date, account: String, regions: [String], answers: [AWSCall: JSONValue], errors: [Manifest.CallError],
        statistics: ClientStatistics, seconds: Double
    ) {
        self.collectedAt = collectedAt
        self.account = account
        self.regions = regions
        self.answers = answers
        self.errors = errors
        self.statistics = statistics
        self.seconds = seconds
        self.accounts = [account]
    }

    public var manifest: Manifest {
        var manifest = Manifest(collectedAt: collectedAt, accounts: accounts, regions: regions, errors: errors.sorted { "\($0.call)" < "\($1.call)" })
        manifest.organization = organization
        return manifest
    }

    /// The same results as a source the inventory builder reads, exactly as if written and read back.
    public var callResults: InMemoryCallResults {
        var results: [AWSCall: CallResult] = [:]
        for error in errors { results[error.call] = .failed(code: error.code, message: error.message) }
        for (call, value) in answers { results[call] = .answer(value) }
        return InMemoryCallResults(collectedAt: collectedAt, accounts: accounts, regions: regions, results: results)
    }
}

/// Progress of a collection, for the terminal.
public enum CollectionProgress: Sendable {
    case started(account: String, regions: [String], calls: Int)
    /// One region's (or `global`) service finished: calls made and how many failed.
    case serviceDone(region: String, service: String, calls: Int, failed: Int)
}

/// Why a collection could not start.
public struct CollectionError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Walks the collection plan for one account: the account-wide calls, then every region,
/// concurrently with a bound, each listing followed by its per-resource calls.
public struct Collector: Sendable {
    public let client: AWSClient
    /// Regions to read; nil reads every region enabled for the account (`ec2 describe-regions`).
    public let regions: [String]?
    /// The region for account-wide and discovery calls.
    public let homeRegion: String
    public let maxConcurrency: Int
    public let progress: (@Sendable (CollectionProgress) -> Void)?

    public init(
        client: AWSClient, regions: [String]?, homeRegion: String, maxConcurrency: Int,
        progress: (@Sendable (CollectionProgress) -> Void)? = nil
    ) {
        self.client = client
        self.regions = regions
        self.homeRegion = homeRegion
        self.maxConcurrency = max(1, maxConcurrency)
        self.progress = progress
    }

    public func collect() async throws(CollectionError) -> CollectionResult {
        let started = Date()
        let identity = await client.call(service: "sts", operation: "get-caller-identity", region: homeRegion, account: nil, parameters: JSONObject())
        guard case .success(let who) = identity, let account = who["Account"]?.stringValue else {
            let reason = identity.failureDescription ?? "no account id in the answer"
            throw CollectionError(description: "cannot identify the account (sts get-caller-identity): \(reason)")
        }
        let regionList: [String]
        if let regions {
            regionList = regions
        } else {
            let answer = await client.call(service: "ec2", operation: "describe-regions", region: homeRegion, account: account, parameters: JSONObject())
            guard case .success(let value) = answer else {
                throw CollectionError(description: "cannot list the account's regions (ec2 describe-regions): \(answer.failureDescription ?? "")")
            }
            regionList = (value["Regions"]?.arrayValue ?? []).compactMap { $0["RegionName"]?.stringValue }.sorted()
        }
        progress?(.started(account: account, regions: regionList, calls: CollectionPlan.calls.count))

        let store = ResultStore()
        let gate = ConcurrencyGate(limit: maxConcurrency)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.collectGlobal(account: account, store: store, gate: gate) }
            for region in regionList {
                group.addTask { await self.collectRegion(account: account, region: region, store: store, gate: gate) }
            }
        }
        let (answers, errors) = await store.contents
        return CollectionResult(
            collectedAt: started, account: account, regions: regionList, answers: answers, errors: errors,
            statistics: await client.statistics, seconds: Date().timeIntervalSince(started))
    }

    /// Account-wide services: IAM (after asking for a fresh credential report), S3, Route 53.
    func collectGlobal(account: String, store: ResultStore, gate: ConcurrencyGate) async {
        await gate.run { await self.prepareCredentialReport(account: account) }
        let calls = CollectionPlan.calls.filter { $0.scope == .global }
        await runServices(calls, account: account, region: "global", signingRegion: homeRegion, store: store, gate: gate)
    }

    func collectRegion(account: String, region: String, store: ResultStore, gate: ConcurrencyGate) async {
        let calls = CollectionPlan.calls.filter { $0.scope == .regional }
        await runServices(calls, account: account, region: region, signingRegion: region, store: store, gate: gate)
    }

    /// Each service's calls run in plan order (listings before their per-resource calls);
    /// services run side by side.
    func runServices(
        _ calls: [PlannedCall], account: String, region: String, signingRegion: String, store: ResultStore, gate: ConcurrencyGate
    ) async {
        var services: [String] = []
        for call in calls where !services.contains(call.service) { services.append(call.service) }
        await withTaskGroup(of: Void.self) { group in
            for service in services {
                group.addTask {
                    var made = 0
                    var failed = 0
                    for planned in calls where planned.service == service {
                        let (m, f) = await self.run(planned, account: account, region: region, signingRegion: signingRegion, store: store, gate: gate)
                        made += m
                        failed += f
                    }
                    self.progress?(.serviceDone(region: region, service: service, calls: made, failed: failed))
                }
            }
        }
    }

    /// Makes one planned call, or one per resource its listing found. Returns (calls, failures).
    func run(
        _ planned: PlannedCall, account: String, region: String, signingRegion: String, store: ResultStore, gate: ConcurrencyGate
    ) async -> (Int, Int) {
        let signingRegion = planned.region ?? signingRegion
        var parameters = JSONObject()
        for (key, value) in planned.parameters.pairs {
            parameters[key] = value == .string("{account}") ? .string(account) : value
        }
        guard let each = planned.perResource else {
            let call = AWSCall(account: account, region: region, service: planned.service, operation: planned.operation)
            let ok = await make(call, parameters: parameters, signingRegion: signingRegion, store: store, gate: gate)
            return (1, ok ? 0 : 1)
        }
        let listingCall = AWSCall(account: account, region: region, service: planned.service, operation: each.listing)
        guard let listing = await store.answer(listingCall) else { return (0, 0) }
        let ids = Self.ids(in: listing, path: each.path, homeRegion: each.homeRegionOnly ? region : nil)
        var failures = 0
        await withTaskGroup(of: Bool.self) { group in
            for listed in ids {
                let id = each.value(for: listed, account: account, region: region)
                var perResource = parameters
                perResource[each.parameter] = each.asList ? .array([.string(id)]) : .string(id)
                let call = AWSCall(account: account, region: region, service: planned.service, operation: planned.operation, resource: id)
                let params = perResource
                group.addTask {
                    // A bucket's own calls are signed for the bucket's region once its location is known.
                    var signing = signingRegion
                    if planned.service == "s3api", planned.operation != "get-bucket-location",
                        let location = await store.answer(AWSCall(account: account, region: region, service: "s3api", operation: "get-bucket-location", resource: id))
                    {
                        signing = Self.bucketRegion(location)
                    }
                    return await self.make(call, parameters: params, signingRegion: signing, store: store, gate: gate)
                }
            }
            for await ok in group where !ok { failures += 1 }
        }
        return (ids.count, failures)
    }

    func make(_ call: AWSCall, parameters: JSONObject, signingRegion: String, store: ResultStore, gate: ConcurrencyGate) async -> Bool {
        let result = await gate.run {
            await self.client.call(service: call.service, operation: call.operation, region: signingRegion, account: call.account, parameters: parameters)
        }
        switch result {
        case .success(let value):
            await store.record(call, value)
            return true
        case .failure(let failure):
            await store.record(Manifest.CallError(call: call, code: failure.code, message: failure.message))
            return false
        }
    }

    /// Asks IAM to prepare a credential report and waits (up to ~30 s) until it is ready.
    func prepareCredentialReport(account: String) async {
        for _ in 0..<15 {
            let answer = await client.call(service: "iam", operation: "generate-credential-report", region: homeRegion, account: account, parameters: JSONObject())
            guard case .success(let value) = answer, value["State"]?.stringValue != "COMPLETE" else { return }
            try? await Task.sleep(nanoseconds: 2_000_000_000)
        }
    }

    /// The ids a listing holds at `path` (`Buckets[].Name`, `TableNames[]`); with `homeRegion`,
    /// only those whose object names that region as its `HomeRegion` (or names none).
    static func ids(in listing: JSONValue, path: String, homeRegion: String?) -> [String] {
        var steps = path.split(separator: ".").map(String.init)
        guard let last = steps.popLast() else { return [] }
        // The objects that hold the ids: walk every step but the last.
        var holders = [listing]
        for step in steps {
            holders = holders.flatMap { holder -> [JSONValue] in
                guard let member = holder[step.hasSuffix("[]") ? String(step.dropLast(2)) : step] else { return [] }
                return step.hasSuffix("[]") ? member.arrayValue ?? [] : [member]
            }
        }
        if let homeRegion {
            holders = holders.filter { ($0["HomeRegion"]?.stringValue ?? homeRegion) == homeRegion }
        }
        return holders.flatMap { holder -> [String] in
            guard let member = holder[last.hasSuffix("[]") ? String(last.dropLast(2)) : last] else { return [] }
            let values = last.hasSuffix("[]") ? member.arrayValue ?? [] : [member]
            return values.compactMap(\.stringValue)
        }
    }

    /// `get-bucket-location`'s answer as a region (null is us-east-1, `EU` is eu-west-1).
    static func bucketRegion(_ location: JSONValue) -> String {
        switch location["LocationConstraint"]?.stringValue {
        case nil, "": "us-east-1"
        case "EU": "eu-west-1"
        case let region?: region
        }
    }
}

extension Result where Failure == CallFailure {
    var failureDescription: String? {
        if case .failure(let failure) = self { return failure.description }
        return nil
    }
}

/// Answers and failed calls as they arrive.
actor ResultStore {
    private var answers: [AWSCall: JSONValue] = [:]
    private var errors: [Manifest.CallError] = []

    func record(_ call: AWSCall, _ value: JSONValue) { answers[call] = value }
    func record(_ error: Manifest.CallError) { errors.append(error) }
    func answer(_ call: AWSCall) -> JSONValue? { answers[call] }
    var contents: ([AWSCall: JSONValue], [Manifest.CallError]) { (answers, errors) }
}

/// Bounds how many requests are in flight at once (`--max-concurrency`).
actor ConcurrencyGate {
    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await enter()
        let result = await body()
        leave()
        return result
    }

    private func enter() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
