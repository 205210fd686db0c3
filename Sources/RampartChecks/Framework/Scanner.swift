public import RampartFindings
public import RampartInventory
import Dispatch
import Synchronization

/// Runs checks over an inventory. Checks are independent and pure, so they run in parallel;
/// the findings come back in catalogue order, resources sorted by ARN, whatever the timing.
/// Each finding's `responsibility.owner` is set by `ResourceOwnership`: `aws` for resources the
/// customer cannot change.
public enum Scanner {
    /// `shared` holds the analyses several checks read; a caller may pass ones kept from an
    /// earlier scan (`SharedAnalyses.keepingIdentities()`).
    public static func run(_ checks: [Check], on inventory: Inventory, shared: SharedAnalyses = SharedAnalyses()) -> [Finding] {
        let results = Mutex<[Int: [Finding]]>([:])
        let ownership = ResourceOwnership(inventory)
        DispatchQueue.concurrentPerform(iterations: checks.count) { index in
            let findings = ownership.attribute(checks[index].run(inventory, shared: shared)).sorted { $0.resource.arn < $1.resource.arn }
            results.withLock { $0[index] = findings }
        }
        let byIndex = results.withLock { $0 }
        return checks.indices.flatMap { byIndex[$0] ?? [] }
    }
}
