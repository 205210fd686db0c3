import Foundation

/// A client-side request budget, so a scan cannot throttle a production account: at most
/// `rate` requests start per second, across every region and service, with no burst beyond one.
///
/// A slot is granted only when its time has come, at the moment the waiter is running again:
/// tasks that oversleep (a busy machine) wait for fresh slots instead of all starting at once,
/// so the spacing holds where the account sees it, not only in the schedule.
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
        while true {
            let now = ProcessInfo.processInfo.systemUptime
            if now >= nextSlot {
                nextSlot = now + interval
                return
            }
            try? await Task.sleep(nanoseconds: UInt64((nextSlot - now) * 1_000_000_000))
        }
    }
}
