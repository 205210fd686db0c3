import Foundation
import RampartAWSClient
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, baseBackoff: 0.2, maxBackoff: 2)

    @Test(arguments: ["Throttling", "ThrottlingException", "RequestLimitExceeded", "SlowDown", "ProvisionedThroughputExceededException"])
    func throttlingIsRetried(code: String) {
        #expect(policy.isRetryable(status: 400, code: code))
    }

    @Test func serverErrorsAndTooManyRequestsAreRetriedClientErrorsAreNot() {
        #expect(policy.isRetryable(status: 500, code: nil))
        #expect(policy.isRetryable(status: 503, code: "ServiceUnavailable"))
        #expect(policy.isRetryable(status: 429, code: nil))
        #expect(!policy.isRetryable(status: 403, code: "AccessDenied"))
        #expect(!policy.isRetryable(status: 400, code: "ValidationError"))
    }

    @Test func backoffDoublesUpToTheCeilingWithFullJitter() {
        #expect(policy.delay(afterAttempt: 1, random: 0.999) < 0.2)
        #expect(abs(policy.delay(afterAttempt: 2, random: 0.5) - 0.2) < 1e-9)
        #expect(abs(policy.delay(afterAttempt: 3, random: 0.5) - 0.4) < 1e-9)
        #expect(abs(policy.delay(afterAttempt: 10, random: 0.5) - 1.0) < 1e-9)
        #expect(policy.delay(afterAttempt: 3, random: 0) == 0)
    }
}

@Suite struct RateLimiterTests {
    @Test func tenRequestsAtFivePerSecondTakeAtLeastTheirBudget() async {
        let limiter = RateLimiter(requestsPerSecond: 5)
        let start = Date()
        for _ in 0..<10 { await limiter.acquire() }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 1.75, "ten requests at 5/s started within \(elapsed) s")
    }

    @Test func noLimitDoesNotWait() async {
        let limiter = RateLimiter(requestsPerSecond: nil)
        let start = Date()
        for _ in 0..<1000 { await limiter.acquire() }
        #expect(Date().timeIntervalSince(start) < 5, "1,000 acquisitions without a limit must not be paced")
    }
}

@Suite struct ReadOnlyAllowListTests {
    @Test func onlyListedReadOperationsAreAllowed() {
        let list = ReadOnlyAllowList([("ec2", "describe-instances"), ("ec2", "terminate-instances"), ("iam", "generate-credential-report")])
        #expect(list.allows(service: "ec2", operation: "describe-instances"))
        #expect(list.allows(service: "iam", operation: "generate-credential-report"))
        #expect(!list.allows(service: "ec2", operation: "terminate-instances"), "a write is refused even when listed")
        #expect(!list.allows(service: "ec2", operation: "describe-images"), "a read not in the plan is refused")
    }
}
