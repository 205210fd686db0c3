/// How the client behaves under real conditions: bounds on rate, time and retries.
public struct ClientOptions: Sendable {
    /// Requests per second across all regions and services, on top of each service's own budget
    /// (`RequestBudgets`); nil (the default) for no overall limit.
    public var maxRequestsPerSecond: Double?
    /// Seconds before one request is abandoned (and retried).
    public var requestTimeout: Double
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// The first retry's delay ceiling in seconds; each retry doubles it (full jitter), up to `maxBackoff`.
    public var baseBackoff: Double
    public var maxBackoff: Double

    public init(maxRequestsPerSecond: Double? = nil, requestTimeout: Double = 30, maxAttempts: Int = 5, baseBackoff: Double = 0.2, maxBackoff: Double = 20) {
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
    }
}
