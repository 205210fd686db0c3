/// When to try a request again and how long to wait: exponential backoff with full jitter
/// (a random delay between zero and a ceiling that doubles with each attempt).
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseBackoff: Double
    public var maxBackoff: Double

    public init(maxAttempts: Int, baseBackoff: Double, maxBackoff: Double) {
        self.maxAttempts = maxAttempts
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
    }

    /// Error codes AWS services use for throttling (across query, JSON and REST protocols).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "RequestThrottled",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    /// Error codes that are transient server-side faults. `ResponseParserError` is the decoder's
    /// code for a body cut short or damaged on the way: asking again usually gets it whole.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
        "ServiceUnavailableException", "IDPCommunicationError", "ResponseParserError",
    ]

    /// Whether a failed attempt is worth repeating.
    public func isRetryable(status: Int?, code: String?) -> Bool {
        if let code, Self.throttlingCodes.contains(code) || Self.transientCodes.contains(code) { return true }
        if let status, status == 429 || status >= 500 { return true }
        return false
    }

    /// The delay before attempt `attempt + 1` (attempt counts from 1), drawn with `random` in 0..<1.
    public func delay(afterAttempt attempt: Int, random: Double = Double.random(in: 0..<1)) -> Double {
        let ceiling = min(maxBackoff, baseBackoff * Double(1 << min(max(attempt - 1, 0), 30)))
        return ceiling * random
    }
}
