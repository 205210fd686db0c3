import Foundation

/// A client-side request budget, so a scan cannot throttle a production account: at most
/// `rate` requests start per second, across every region and service, with no burst beyond one.
public actor RateLimiter {
    private let interval: Double
    private var nextSlot: Double = 0

    /// `rate` requests per second; nil or non-positive means no limit.
    public init(requestsPerSecond rate: Double?) {
        interval = (rate ?? 0) > 0 ? 1 / (rate ?? 1) : 0
    }

    /// Waits for the next free slot.
    public func acquire() async {
        guard interval > 0 else { return }
        let now = ProcessInfo.processInfo.systemUptime
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        let wait = slot - now
        if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
    }
}
