import Foundation
import RampartFindings
import RampartInventory
import RampartJSON
import RampartStore
import Testing

/// The databases a store test runs on: SQLite always, PostgreSQL when `RAMPART_TEST_POSTGRES_URL`
/// names a server (CI starts one; see `.ci/run`).
enum Backend: String, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["RAMPART_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var all: [Backend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// A store for one test: a new SQLite file in `directory`, or the shared PostgreSQL database.
    func open(in directory: String) async throws -> SQLFindingStore {
        switch self {
        case .sqlite: try await SQLFindingStore.open(.sqlite(path: directory + "/store/rampart.sqlite"), create: true)
        case .postgres: try await SQLFindingStore.open(try StoreLocation.parse(Backend.postgresURL ?? ""), create: true)
        }
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let path = NSTemporaryDirectory() + "rampart-store-tests-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Findings and reports built the way the scanner builds them.
enum Sample {
    static let account = "123456789012"

    static func resource(_ name: String, region: String = "us-east-1", type: String = "AWS::S3::Bucket") -> ResourceRef {
        ResourceRef(
            arn: "arn:aws:s3:::\(name)", type: type, account: account, region: region, availabilityZone: region == "global" ? nil : "\(region)a",
            availabilityZoneId: region == "global" ? nil : "use1-az1", name: name)
    }

    static func finding(
        _ checkId: String, _ name: String, _ status: Status, severity: Severity = .high, region: String = "us-east-1", message: String? = nil
    ) -> Finding {
        Finding(
            checkId: checkId, title: "Title of \(checkId)", status: status, severity: severity, resource: resource(name, region: region),
            responsibility: Responsibility(owner: .customer, serviceModel: .infrastructure),
            frameworks: ["cis-aws-3.0": ["2.1.1"], "aws-fsbp": ["S3.5"]], aliases: ["prowler": "s3_bucket_secure_transport_policy"],
            message: message ?? "\(name) is \(status.rawValue)", risk: "risk", evidence: JSONObject(["bucket": .string(name)]),
            remediation: "aws s3api put-bucket-policy --bucket \(name) --policy file://policy.json", service: "s3")
    }

    static func report(_ findings: [Finding], source: String = "snapshot ./snap") -> ScanReport {
        ScanReport(
            findings: findings, collectedAt: Date(timeIntervalSince1970: 1_795_000_000), accounts: [account], regions: ["us-east-1"],
            resourceCounts: ["AWS::S3::Bucket": Set(findings.map(\.resource.arn)).count], problems: [], source: source, checksRun: 3)
    }
}
