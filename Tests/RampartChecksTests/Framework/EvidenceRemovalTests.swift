import Dispatch
import Foundation
import RampartChecks
import RampartFindings
import RampartInventory
import RampartSnapshot
import Synchronization
import Testing

/// No false PASS, over every check at once: the demo snapshot with one call's answers taken away
/// (that operation in every account and Region) is scanned, and every verdict is either the one
/// the whole demo gives or UNKNOWN. Missing evidence never turns a finding into a PASS (nor into a
/// FAIL), whichever call is missing. In process, with the snapshot read once.
struct EvidenceRemovalTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/demo-snapshot").path

    /// The demo's answers, each file read once whichever case asks first.
    static let snapshot: Result<MemoizedResults, any Error> = Result { MemoizedResults(try SnapshotDirectory(path: demo)) }

    /// Every operation the demo snapshot holds, as `service/operation`.
    static let operations: [String] = {
        var found = Set<String>()
        let files = FileManager.default.enumerator(atPath: demo)
        while let item = files?.nextObject() as? String {
            let parts = item.split(separator: "/")
            // <account>/<region or global>/<service>/<operation>[.json | /<id>.json]
            guard parts.count >= 4 else { continue }
            let operation = parts[3].hasSuffix(".json") ? String(parts[3].dropLast(5)) : String(parts[3])
            found.insert("\(parts[2])/\(operation)")
        }
        return found.sorted()
    }()

    /// `checkId resource-arn` → status.
    static func verdicts(_ source: any CallResults, shared: SharedAnalyses = SharedAnalyses()) -> [String: RampartFindings.Status] {
        var out: [String: RampartFindings.Status] = [:]
        for finding in Scanner.run(CheckCatalog.all, on: InventoryBuilder.build(from: source), shared: shared) {
            out["\(finding.checkId) \(finding.resource.arn)"] = finding.status
        }
        return out
    }

    @Test func theDemoHoldsTheCallsOfEveryService() {
        #expect(Self.operations.count > 100, "\(Self.operations)")
        for service in ["ec2", "s3api", "iam", "rds", "redshift", "dynamodb", "emr", "workspaces", "elbv2", "autoscaling", "cloudtrail", "kms",
                        "lambda", "ecs", "eks", "sqs", "sns", "secretsmanager", "ecr", "elasticache", "efs", "opensearch", "ssm"] {
            #expect(Self.operations.contains { $0.hasPrefix(service + "/") }, "\(service)")
        }
    }

    /// One test over every operation, run on Dispatch's threads and awaited, so Swift
    /// concurrency's two threads stay free for the other suites' waits (moto starts, timeouts).
    /// Removing an operation outside IAM and Organizations leaves the identity analyses as they
    /// are, so those are made once.
    @Test func withoutOneCallEveryVerdictIsTheSameOrUnknown() async throws {
        let found = try await withCheckedThrowingContinuation { (done: CheckedContinuation<[String: [String]], any Error>) in
            DispatchQueue.global().async {
                done.resume(with: Result { try Self.changesWithoutEachOperation() })
            }
        }
        #expect(found.isEmpty, "\(found.sorted { $0.key < $1.key }.map { "without \($0.key): \($0.value.prefix(5))" }.joined(separator: "\n"))")
    }

    /// Per operation whose removal changed a verdict to something other than UNKNOWN, the changes.
    static func changesWithoutEachOperation() throws -> [String: [String]] {
        let snapshot = try Self.snapshot.get()
        let warm = SharedAnalyses()
        let whole = verdicts(snapshot, shared: warm)
        let operations = Self.operations
        let changes = Mutex<[String: [String]]>([:])
        DispatchQueue.concurrentPerform(iterations: operations.count) { index in
            let parts = operations[index].split(separator: "/").map(String.init)
            let identityEvidence = ["iam", "organizations", "sts"].contains(parts[0])
            let without = Without(base: snapshot, service: parts[0], operation: parts[1])
            let changed = verdicts(without, shared: identityEvidence ? SharedAnalyses() : warm.keepingIdentities())
                .filter { key, status in status != .unknown && whole[key] != status }
                .map { "\($0.key): \($0.value.rawValue), with the call \(whole[$0.key]?.rawValue ?? "absent")" }.sorted()
            if !changed.isEmpty { changes.withLock { $0[operations[index]] = changed } }
        }
        return changes.withLock { $0 }
    }
}

/// A snapshot's answers, each call read from disk once.
final class MemoizedResults: CallResults {
    let base: SnapshotDirectory
    private let cache = Mutex<[AWSCall: CallResult]>([:])

    init(_ base: SnapshotDirectory) { self.base = base }

    var collectedAt: Date { base.collectedAt }
    var accounts: [String] { base.accounts }
    var regions: [String] { base.regions }

    func result(of call: AWSCall) -> CallResult {
        if let known = cache.withLock({ $0[call] }) { return known }
        let read = base.result(of: call)
        cache.withLock { $0[call] = read }
        return read
    }
}

/// The same answers with one operation never collected, as if its files were removed.
struct Without: CallResults {
    let base: MemoizedResults
    let service: String
    let operation: String

    var collectedAt: Date { base.collectedAt }
    var accounts: [String] { base.accounts }
    var regions: [String] { base.regions }

    func result(of call: AWSCall) -> CallResult {
        call.service == service && call.operation == operation ? .notCollected : base.result(of: call)
    }
}
