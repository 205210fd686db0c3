import Foundation
import RampartAWSClient
import Synchronization
import Testing

/// A clock that moves only when the budgets sleep on it, so the tests measure the schedule the
/// budgets keep, not the machine's speed.
final class ManualClock: Sendable {
    private let time = Mutex(0.0)
    var now: Double { time.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
}

@Suite struct RequestBudgetsTests {
    func budgets(_ clock: ManualClock) -> RequestBudgets {
        RequestBudgets(clock: { clock.now }, sleep: { clock.advance($0) })
    }

    /// "Request throttling for the Amazon EC2 API" (docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html):
    /// non-mutating actions have a bucket of 100 tokens refilled at 20 per second, per API action.
    @Test func ec2DescribeCallsGetAHundredAtOnceThenTwentyASecondPerAction() async {
        let clock = ManualClock()
        let budgets = budgets(clock)
        let groups = budgets.key(account: "111122223333", region: "us-east-1", service: "ec2", operation: "describe-security-groups")
        for _ in 0..<100 { await budgets.acquire(groups) }
        #expect(clock.now == 0, "the burst is spent without waiting")
        for _ in 0..<20 { await budgets.acquire(groups) }
        #expect(abs(clock.now - 1.0) < 1e-9, "twenty more take one second")
        // Another action has a bucket of its own.
        let instances = budgets.key(account: "111122223333", region: "us-east-1", service: "ec2", operation: "describe-instances")
        let before = clock.now
        for _ in 0..<100 { await budgets.acquire(instances) }
        #expect(clock.now == before)
    }

    @Test func regionsAndAccountsHaveTheirOwnBucketsButIAMCountsTheWholeAccount() {
        let budgets = RequestBudgets()
        let lambdaEast = budgets.key(account: "111122223333", region: "us-east-1", service: "lambda", operation: "list-functions")
        let lambdaWest = budgets.key(account: "111122223333", region: "eu-west-1", service: "lambda", operation: "list-functions")
        let lambdaOther = budgets.key(account: "444455556666", region: "us-east-1", service: "lambda", operation: "list-functions")
        let lambdaPolicy = budgets.key(account: "111122223333", region: "us-east-1", service: "lambda", operation: "get-policy")
        #expect(Set([lambdaEast, lambdaWest, lambdaOther]).count == 3)
        #expect(lambdaEast == lambdaPolicy, "Lambda's control-plane quota is per service")
        let iamEast = budgets.key(account: "111122223333", region: "us-east-1", service: "iam", operation: "get-account-summary")
        let iamWest = budgets.key(account: "111122223333", region: "eu-west-1", service: "iam", operation: "list-virtual-mfa-devices")
        #expect(iamEast == iamWest)
    }

    /// The adaptive mode of the AWS SDKs (docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html):
    /// a throttled client sends more slowly, then recovers as requests succeed.
    @Test func aThrottledBucketHalvesItsRateThenRecoversWithSuccesses() async {
        let clock = ManualClock()
        let budgets = budgets(clock)
        let key = budgets.key(account: "111122223333", region: "us-east-1", service: "lambda", operation: "list-functions")
        #expect(await budgets.rate(key) == 15)
        await budgets.acquire(key)
        await budgets.throttled(key)
        #expect(await budgets.rate(key) == 7.5)
        await budgets.throttled(key)
        #expect(await budgets.rate(key) == 3.75)
        // An emptied bucket waits for a whole token at the lowered rate.
        let before = clock.now
        await budgets.acquire(key)
        #expect(abs(clock.now - before - 1 / 3.75) < 1e-9)
        for _ in 0..<10 { await budgets.throttled(key) }
        #expect(await budgets.rate(key) == RequestBudgets.minimumRate)
        for _ in 0..<100 { await budgets.succeeded(key) }
        #expect(await budgets.rate(key) == 15, "back to the budget, never above it")
    }

    @Test func everyBudgetStaysWithinWhatAWSPublishes() {
        // EC2 20/s per action (bucket 100); Lambda 15/s; KMS's lowest read quota 100/s; STS 600/s; Route 53 5/s.
        #expect(RequestBudget.of(service: "ec2").rate <= 20 && RequestBudget.of(service: "ec2").burst <= 100)
        #expect(RequestBudget.of(service: "lambda").rate <= 15)
        #expect(RequestBudget.of(service: "kms").rate < 100)
        #expect(RequestBudget.of(service: "sts").rate < 600)
        #expect(RequestBudget.of(service: "route53").rate <= 5)
        #expect(RequestBudget.of(service: "some-new-service") == RequestBudget.fallback)
    }
}

@Suite struct RequestBudgetCancellationTests {
    /// A cancelled task's sleeps return at once (Task.sleep throws): the budget must not loop on
    /// them. The sleep here, like a cancelled one, does not let time pass; it counts its calls and,
    /// after 100, moves the clock on so that a budget that loops still ends.
    @Test func aCancelledTaskDoesNotWaitForAToken() async {
        let clock = ManualClock()
        let sleeps = Mutex(0)
        let budgets = RequestBudgets(clock: { clock.now }, sleep: { _ in
            if sleeps.withLock({ $0 += 1; return $0 }) > 100 { clock.advance(10) }
        })
        let key = budgets.key(account: "111122223333", region: "us-east-1", service: "route53", operation: "list-hosted-zones")
        for _ in 0..<5 { await budgets.acquire(key) }  // Route 53's burst of five, spent
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await budgets.acquire(key)
        }
        await waiter.value
        #expect(sleeps.withLock { $0 } == 0)
    }
}
