import Foundation

/// How fast one service may be called: a token bucket that holds `burst` requests and refills at
/// `rate` per second, with where the numbers come from.
public struct RequestBudget: Sendable, Equatable {
    public var rate: Double
    public var burst: Double
    /// Whether AWS publishes this limit (else it is Rampart's conservative choice).
    public var published: Bool
    /// Whether the bucket is per API action (EC2) rather than per service.
    public var perAction: Bool
    /// Whether the service counts requests for the whole account, not per Region (IAM).
    public var accountWide: Bool

    public init(rate: Double, burst: Double, published: Bool, perAction: Bool = false, accountWide: Bool = false) {
        self.rate = rate
        self.burst = burst
        self.published = published
        self.perAction = perAction
        self.accountWide = accountWide
    }

    /// Per service (AWS CLI names), below what AWS publishes for read calls; docs/reliability.md
    /// lists each with its source. Services not listed get `fallback`.
    public static let table: [String: RequestBudget] = [
        // "Request throttling for the Amazon EC2 API": non-mutating actions, bucket 100, refill 20/s, per API.
        "ec2": RequestBudget(rate: 20, burst: 100, published: true, perAction: true),
        // Lambda quotas: control-plane requests 15/s (GetPolicy 15/s) per Region.
        "lambda": RequestBudget(rate: 15, burst: 15, published: true),
        // KMS request quotas: ListKeys/ListAliases 100/s, DescribeKey 2,000/s, GetKeyPolicy and
        // GetKeyRotationStatus 1,000/s per account and Region; half the lowest.
        "kms": RequestBudget(rate: 50, burst: 50, published: true),
        // Secrets Manager quotas: ListSecrets 100/s, DescribeSecret and GetResourcePolicy 5,000/s.
        "secretsmanager": RequestBudget(rate: 50, burst: 50, published: true),
        // STS: 600 requests/s per account and Region.
        "sts": RequestBudget(rate: 50, burst: 50, published: true),
        // IAM's read limits are not published and count across the account (IAM is global).
        "iam": RequestBudget(rate: 10, burst: 20, published: false, accountWide: true),
        "organizations": RequestBudget(rate: 5, burst: 10, published: false, accountWide: true),
        "route53": RequestBudget(rate: 5, burst: 5, published: true, accountWide: true),  // Route 53: five requests per second per account.
        "cloudfront": RequestBudget(rate: 10, burst: 10, published: false, accountWide: true),
        // S3 bucket-configuration reads (GetBucket*) are not published; object reads allow 5,500/s per prefix.
        "s3api": RequestBudget(rate: 50, burst: 50, published: false),
        "s3control": RequestBudget(rate: 10, burst: 10, published: false),
        "sqs": RequestBudget(rate: 50, burst: 50, published: false),
        "dynamodb": RequestBudget(rate: 50, burst: 50, published: false),
        "cloudtrail": RequestBudget(rate: 5, burst: 10, published: false),
    ]

    /// Services AWS publishes nothing for and that are not in `table`.
    public static let fallback = RequestBudget(rate: 10, burst: 20, published: false)

    public static func of(service: String) -> RequestBudget { table[service] ?? fallback }
}

/// Client-side request budgets, one token bucket per account, Region and service (per API action
/// for EC2, per account for IAM), so a scan stays inside what each service allows rather than
/// under one global rate. A bucket slows down when AWS throttles it and speeds back up as its
/// requests succeed (additive increase, multiplicative decrease), as the AWS SDKs' adaptive
/// retry mode does: halved on a throttle, down to `minimumRate`; back up by a twentieth of the
/// budget per success, to the budget.
public actor RequestBudgets {
    /// Which bucket a request draws from.
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        public var account: String
        public var region: String
        public var service: String
        public var operation: String?

        public var description: String {
            "\(service)\(operation.map { " \($0)" } ?? "") in \(account.isEmpty ? "" : account + "/")\(region)"
        }
    }

    struct Bucket {
        var budget: RequestBudget
        var rate: Double
        var tokens: Double
        var updated: Double
    }

    /// The slowest a throttled bucket goes.
    public static let minimumRate = 0.5
    static let rounding = 1e-9
    /// The shortest sleep, so a wait never spins on a vanishing remainder.
    static let shortestWait = 0.001

    private let now: @Sendable () -> Double
    private let sleep: @Sendable (Double) async -> Void
    private let budgets: @Sendable (String) -> RequestBudget
    private var buckets: [Key: Bucket] = [:]

    /// `clock` (seconds, monotonic) and `sleep` are the system's unless a test gives its own.
    public init(
        budgets: @escaping @Sendable (String) -> RequestBudget = RequestBudget.of(service:),
        clock: (@Sendable () -> Double)? = nil,
        sleep: (@Sendable (Double) async -> Void)? = nil
    ) {
        self.budgets = budgets
        self.now = clock ?? { ProcessInfo.processInfo.systemUptime }
        self.sleep = sleep ?? { seconds in try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
    }

    /// The bucket `service operation` draws from in `account` and `region`.
    public nonisolated func key(account: String?, region: String, service: String, operation: String) -> Key {
        let budget = budgets(service)
        return Key(account: account ?? "", region: budget.accountWide ? "*" : region, service: service, operation: budget.perAction ? operation : nil)
    }

    /// Waits until the bucket has a token, and takes it. A cancelled task does not wait (its
    /// sleeps would return at once and spin): the request it was for is abandoned anyway.
    public func acquire(_ key: Key) async {
        while !Task.isCancelled {
            var bucket = refilled(key)
            // Within a rounding error of a whole token counts as one: refills add fractions.
            if bucket.tokens >= 1 - Self.rounding {
                bucket.tokens = max(0, bucket.tokens - 1)
                buckets[key] = bucket
                return
            }
            buckets[key] = bucket
            await sleep(max(Self.shortestWait, (1 - bucket.tokens) / bucket.rate))
        }
    }

    /// AWS throttled a request of this bucket: halve its rate and empty it.
    public func throttled(_ key: Key) {
        var bucket = refilled(key)
        bucket.rate = max(Self.minimumRate, bucket.rate / 2)
        bucket.tokens = min(bucket.tokens, 0)
        buckets[key] = bucket
    }

    /// A request of this bucket succeeded: give back some of the rate a throttle took.
    public func succeeded(_ key: Key) {
        guard var bucket = buckets[key], bucket.rate < bucket.budget.rate else { return }
        bucket.rate = min(bucket.budget.rate, bucket.rate + bucket.budget.rate / 20)
        buckets[key] = bucket
    }

    /// The bucket's current refill rate, requests per second.
    public func rate(_ key: Key) -> Double { buckets[key]?.rate ?? budgets(key.service).rate }

    private func refilled(_ key: Key) -> Bucket {
        let time = now()
        guard var bucket = buckets[key] else {
            let budget = budgets(key.service)
            return Bucket(budget: budget, rate: budget.rate, tokens: budget.burst, updated: time)
        }
        bucket.tokens = min(bucket.budget.burst, bucket.tokens + (time - bucket.updated) * bucket.rate)
        bucket.updated = time
        return bucket
    }
}
