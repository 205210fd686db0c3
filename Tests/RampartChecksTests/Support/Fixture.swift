import Foundation
import RampartChecks
import RampartFindings
import RampartInventory
import RampartJSON
import Testing

/// Builds an inventory from AWS CLI-shaped JSON, the way a snapshot would, so check tests
/// feed checks exactly what AWS prints. Calls not given are "not collected".
struct Fixture {
    static let account = "123456789012"
    static let collectedAt = Timestamp.parse("2026-11-29T12:00:00Z")!

    var regions: [String] = ["us-east-1"]
    var results: [AWSCall: CallResult] = [:]

    /// Records what `aws <service> <operation>` printed; `region` is `global` for IAM, S3, Route 53.
    mutating func answer(_ region: String, _ service: String, _ operation: String, resource: String? = nil, _ json: String) {
        let call = AWSCall(account: Self.account, region: region, service: service, operation: operation, resource: resource)
        results[call] = .answer(try! JSONParser.parse(json))
    }

    /// Records a failed call.
    mutating func fail(
        _ region: String, _ service: String, _ operation: String, resource: String? = nil, code: String,
        message: String = "denied"
    ) {
        let call = AWSCall(account: Self.account, region: region, service: service, operation: operation, resource: resource)
        results[call] = .failed(code: code, message: message)
    }

    var inventory: Inventory {
        InventoryBuilder.build(
            from: InMemoryCallResults(collectedAt: Self.collectedAt, accounts: [Self.account], regions: regions, results: results))
    }

    /// Runs one check by id over this fixture.
    func run(_ checkId: String) -> [Finding] {
        guard let check = CheckCatalog.check(id: checkId) else {
            Issue.record("no check \(checkId)")
            return []
        }
        return check.run(inventory)
    }

    /// The status of `checkId` on the resource whose ARN ends with `arnSuffix`.
    func status(_ checkId: String, on arnSuffix: String) -> Status? {
        run(checkId).first { $0.resource.arn.hasSuffix(arnSuffix) }?.status
    }
}

extension Date {
    /// An ISO-8601 timestamp `days` days before the fixture's collection time.
    static func daysBeforeCollection(_ days: Int) -> String {
        Timestamp.format(Fixture.collectedAt.addingTimeInterval(-Double(days) * 86_400))
    }
}
