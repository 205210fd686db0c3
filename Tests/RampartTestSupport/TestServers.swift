package import Foundation

/// A counting semaphore for async code: at most `limit` holders at once, the rest wait in order.
package actor AsyncSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    package init(limit: Int) { available = max(1, limit) }

    private func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Runs `body` holding one slot; the slot is given back however `body` ends.
    package func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}

/// How the test process starts servers (moto, `rampart serve`), so a busy 2-core machine can run them all.
///
/// All test targets run in one process (`RampartPackageTests.xctest` on Linux) and Swift Testing
/// runs suites in parallel, so every suite that wants a server would otherwise start one at
/// the same moment: six Python servers loading AWS's managed policies and seeding the demo at
/// once took longer than any fixed wait. Here starts go one at a time (`starts`), at most
/// `running` servers are alive at once (a suite holds its slot for its whole run), and a
/// starting server is waited on until it answers, or exits, or a generous deadline passes
/// (`readinessDeadline`), counted from when its start began, not from when it was queued.
///
/// Each suite keeps a server of its own rather than sharing one: the suites record every request
/// moto receives (`everyRequestMotoReceivedWasARead`), create IAM users, and compare a live scan
/// with a scan of what was just collected, which a neighbour writing to the same server would break.
package enum TestServers {
    /// One server starting at a time.
    package static let starts = AsyncSemaphore(limit: 1)
    /// Servers alive at once (`RAMPART_TEST_MOTO_SERVERS`, default 3).
    package static let running = AsyncSemaphore(limit: environmentInt("RAMPART_TEST_MOTO_SERVERS") ?? 3)
    /// How long a starting server may take to answer (`RAMPART_TEST_SERVER_DEADLINE` seconds, default 600).
    package static let readinessDeadline = TimeInterval(environmentInt("RAMPART_TEST_SERVER_DEADLINE") ?? 600)

    private static func environmentInt(_ name: String) -> Int? {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Polls `isAnswering` until it is true (any server: moto, `rampart serve`); fails at once if the server's process is gone
    /// (`isRunning` false), or after `readinessDeadline` with what was waited for.
    package static func waitUntilReady(
        _ what: String, isRunning: @Sendable () -> Bool, isAnswering: @Sendable () async -> Bool
    ) async throws {
        let started = Date()
        var delay = 0.1
        while true {
            if await isAnswering() { return }
            if !isRunning() { throw HelperError(description: "\(what) exited before answering") }
            if Date().timeIntervalSince(started) > readinessDeadline {
                throw HelperError(
                    description: "\(what) did not answer within \(Int(readinessDeadline)) s (set RAMPART_TEST_SERVER_DEADLINE to wait longer)")
            }
            try await Task.sleep(for: .seconds(delay))
            delay = min(delay * 2, 1)
        }
    }
}
