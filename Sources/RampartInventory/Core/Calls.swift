public import RampartJSON

/// One AWS CLI call, named as the CLI names it: `aws <service> <operation>` in one account
/// and region, optionally for one resource (the value of the call's identifying parameter).
public struct AWSCall: Sendable, Hashable, CustomStringConvertible {
    public var account: String
    /// A region name, or `global`.
    public var region: String
    public var service: String
    public var operation: String
    public var resource: String?

    public init(account: String, region: String, service: String, operation: String, resource: String? = nil) {
        self.account = account
        self.region = region
        self.service = service
        self.operation = operation
        self.resource = resource
    }

    public var description: String {
        let target = resource.map { " for \($0)" } ?? ""
        let place = region == "global" ? "account \(account)" : "\(account)/\(region)"
        return "\(service) \(operation)\(target) in \(place)"
    }
}

/// What a source knows of one call's outcome.
public enum CallResult: Sendable {
    /// The call succeeded; this is what the AWS CLI printed (an empty response is `{}`).
    case answer(JSONValue)
    /// The call failed with an AWS error code and message.
    case failed(code: String, message: String)
    /// The call's output exists but cannot be read (not JSON, truncated, too large).
    case unreadable(String)
    /// The call was not made, or its output is absent.
    case notCollected
}

/// Where call results come from: a snapshot directory, a live collection in memory, a test.
/// Sources implement this; `InventoryBuilder` turns the results into an `Inventory`.
public protocol CallResults: Sendable {
    /// When the data was collected; time-based checks (key age, last use) measure from here.
    var collectedAt: Date { get }
    var accounts: [String] { get }
    var regions: [String] { get }
    func result(of call: AWSCall) -> CallResult
    /// Where a person finds this call's output (a file path), for messages; nil when it has no place.
    func location(of call: AWSCall) -> String?
}

extension CallResults {
    public func location(of call: AWSCall) -> String? { nil }
}

public import struct Foundation.Date

/// Call results held in memory, keyed by call. Tests build inventories from AWS-shaped JSON with it.
public struct InMemoryCallResults: CallResults {
    public var collectedAt: Date
    public var accounts: [String]
    public var regions: [String]
    public var results: [AWSCall: CallResult]

    public init(collectedAt: Date, accounts: [String], regions: [String], results: [AWSCall: CallResult] = [:]) {
        self.collectedAt = collectedAt
        self.accounts = accounts
        self.regions = regions
        self.results = results
    }

    public func result(of call: AWSCall) -> CallResult { results[call] ?? .notCollected }
}
