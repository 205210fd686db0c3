import Foundation
import RampartChecks
import RampartFindings
import RampartInventory
import RampartJSON
import RampartResponsibilities
import RampartSnapshot
import Testing

/// The demo snapshot, scanned with every check, as `rampart responsibilities --demo` sees it.
enum DemoScan {
    static let directory = ResponsibilityCatalogTests.repository.appendingPathComponent("Examples/demo-snapshot")

    static func report(includeAWSOwned: Bool = false) throws -> ScanReport {
        let snapshot = try SnapshotDirectory(path: directory.path)
        let inventory = InventoryBuilder.build(from: snapshot)
        let report = ScanReport(
            findings: Scanner.run(CheckCatalog.all, on: inventory), collectedAt: inventory.collectedAt, accounts: snapshot.accounts,
            regions: snapshot.regions, resourceCounts: inventory.resourceCounts, problems: inventory.problems, source: "the demo snapshot",
            checksRun: CheckCatalog.all.count)
        return includeAWSOwned ? report : report.settingAsideAWSOwned()
    }

    /// A file of the demo, parsed.
    static func json(_ relative: String) throws -> JSONValue {
        try JSONParser.parse(String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8))
    }

    static var regionPaths: [String] {
        get throws {
            let manifest = try json("manifest.json")
            let account = manifest["accounts"]?.arrayValue?.first?.stringValue ?? ""
            return (manifest["regions"]?.arrayValue ?? []).compactMap(\.stringValue).map { "\(account)/\($0)" }
        }
    }
}

/// The matrix over the demo company, and the roll-up rules on small hand-made reports.
@Suite struct ResponsibilityMatrixTests {
    static let catalog = ResponsibilityCatalogTests.catalog

    func rowOf(_ matrix: ResponsibilityMatrix, _ service: String, _ id: String) throws -> ResponsibilityMatrix.Row {
        let entry = try #require(matrix.services.first { $0.service == service }, "service \(service) not in the matrix")
        return try #require(entry.responsibilities.first { $0.id == id }, "\(service)/\(id) not in the matrix")
    }

    // MARK: The demo

    /// The demo's buckets without default encryption: the ones whose get-bucket-encryption answered
    /// ServerSideEncryptionConfigurationNotFoundError in the manifest.
    @Test func demoS3EncryptionAtRestFailsForTheBucketsWithoutDefaultEncryption() throws {
        let errors = try DemoScan.json("manifest.json")["errors"]?.arrayValue ?? []
        let unencrypted = Set(errors.filter {
            $0["operation"]?.stringValue == "get-bucket-encryption"
                && $0["code"]?.stringValue == "ServerSideEncryptionConfigurationNotFoundError"
        }.compactMap { $0["resource"]?.stringValue })
        let buckets = try DemoScan.json("123456789012/global/s3api/list-buckets.json")["Buckets"]?.arrayValue ?? []
        #expect(!unencrypted.isEmpty)

        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: try DemoScan.report())
        let row = try rowOf(matrix, "s3", "s3.encryption-at-rest")
        #expect(row.status == .fail)
        #expect(row.owner == .customer)
        #expect(row.failing == unencrypted.count)
        #expect(row.judged == buckets.count)
        #expect(row.checks == ["s3.bucket.default-encryption"])
    }

    @Test func demoRDSNetworkPlacementCountsThePubliclyAccessibleInstances() throws {
        var publicInstances = 0
        for region in try DemoScan.regionPaths {
            let instances = try DemoScan.json("\(region)/rds/describe-db-instances.json")["DBInstances"]?.arrayValue ?? []
            publicInstances += instances.filter { $0["PubliclyAccessible"] == .bool(true) }.count
        }
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: try DemoScan.report())
        let row = try rowOf(matrix, "rds", "rds.network-placement")
        #expect(row.failing == publicInstances)
        #expect(row.status == (publicInstances > 0 ? .fail : .pass))
    }

    @Test func demoDynamoDBBackupsCountTheTablesWithoutPointInTimeRecovery() throws {
        var tables = 0
        var withoutRecovery = 0
        for region in try DemoScan.regionPaths {
            let names = (try DemoScan.json("\(region)/dynamodb/list-tables.json")["TableNames"]?.arrayValue ?? []).compactMap(\.stringValue)
            for name in names {
                tables += 1
                let backups = try DemoScan.json("\(region)/dynamodb/describe-continuous-backups/\(name).json")
                let state = backups["ContinuousBackupsDescription"]?["PointInTimeRecoveryDescription"]?["PointInTimeRecoveryStatus"]
                if state?.stringValue != "ENABLED" { withoutRecovery += 1 }
            }
        }
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: try DemoScan.report())
        let row = try rowOf(matrix, "dynamodb", "dynamodb.backups")
        #expect(row.judged == tables)
        #expect(row.failing == withoutRecovery)
    }

    @Test func demoShowsEveryServiceWithInheritedManualAndSharedRows() throws {
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: try DemoScan.report())
        // The demo company uses every service Rampart reads.
        #expect(matrix.services.map(\.service) == Self.catalog.services.map(\.service))
        #expect(matrix.unmappedChecks.isEmpty)

        let facilities = try rowOf(matrix, "ec2", "aws.facilities")
        #expect(facilities.status == .inherited)
        #expect(facilities.owner == .aws)
        #expect(facilities.attestations.contains("SOC 2"))

        let patching = try rowOf(matrix, "ec2", "ec2.patching")
        #expect(patching.owner == .shared)
        // Systems Manager's patch compliance is the check; moto cannot answer it, so the row is UNKNOWN, never PASS.
        #expect(patching.status == .unknown)
        #expect(patching.evidence?.contains("patch report of every instance Systems Manager does not manage") == true)

        let rds = try #require(matrix.services.first { $0.service == "rds" })
        #expect(rds.serviceModel == .managed)
        #expect(rds.awsModel == "container services")
        #expect(try rowOf(matrix, "rds", "rds.engine-patching").owner == .shared)
    }

    // MARK: Roll-up rules

    static let account = "123456789012"

    static func finding(_ check: String, _ arn: String, _ status: Status, owner: Owner = .customer) -> Finding {
        Finding(
            checkId: check, title: check, status: status, severity: .high,
            resource: ResourceRef(arn: arn, type: "AWS::S3::Bucket", account: account, region: "global", name: arn),
            responsibility: Responsibility(owner: owner, serviceModel: .infrastructure), frameworks: [:], aliases: [:],
            message: "", risk: "", evidence: JSONObject(), remediation: "", service: "s3")
    }

    static func report(_ findings: [Finding], counts: [String: Int] = ["AWS::S3::Bucket": 2], problems: [SourceProblem] = []) -> ScanReport {
        ScanReport(
            findings: findings, collectedAt: Date(timeIntervalSince1970: 0), accounts: [account], regions: ["us-east-1"],
            resourceCounts: counts, problems: problems, source: "test", checksRun: 2)
    }

    @Test func failingCountsDistinctResourcesAcrossTheRowsChecks() throws {
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report([
            Self.finding("s3.bucket.block-public-access", "arn:aws:s3:::a", .fail),
            Self.finding("s3.bucket.acl-not-public", "arn:aws:s3:::a", .fail),
            Self.finding("s3.bucket.policy-not-public", "arn:aws:s3:::b", .unknown),
            Self.finding("s3.bucket.policy-not-public", "arn:aws:s3:::c", .pass),
        ]))
        let row = try rowOf(matrix, "s3", "s3.public-access")
        #expect(row.status == .fail)
        #expect(row.failing == 1)
        #expect(row.unknown == 1)
        #expect(row.judged == 3)
    }

    @Test func unknownEvidenceWithoutFailuresIsUnknownNeverPass() throws {
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report([
            Self.finding("s3.bucket.tls-required", "arn:aws:s3:::a", .pass),
            Self.finding("s3.bucket.tls-required", "arn:aws:s3:::b", .unknown),
        ]))
        #expect(try rowOf(matrix, "s3", "s3.encryption-in-transit").status == .unknown)
    }

    @Test func checkedRowsThatAllPassArePassAndRowsWithoutChecksAreManual() throws {
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report([
            Self.finding("s3.bucket.access-logging-enabled", "arn:aws:s3:::a", .pass),
        ]))
        let logging = try rowOf(matrix, "s3", "s3.access-logging")
        #expect(logging.status == .pass)
        #expect(logging.judged == 1)
        #expect(try rowOf(matrix, "iam", "iam.awareness-training").status == .manual)
        #expect(try rowOf(matrix, "s3", "s3.durability").status == .inherited)
    }

    @Test func aPartialRowWhoseChecksPassStaysManualAndFailsWhenOneFails() throws {
        let passing = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report([
            Self.finding("kms.key.policy-not-public", "arn:aws:kms:us-east-1:123456789012:key/1", .pass),
        ], counts: ["AWS::KMS::Key": 1]))
        let row = try rowOf(passing, "kms", "kms.key-policies")
        #expect(row.status == .manual)
        #expect(row.judged == 1)
        #expect(row.evidence?.isEmpty == false)
        let failing = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report([
            Self.finding("kms.key.policy-not-public", "arn:aws:kms:us-east-1:123456789012:key/1", .fail),
        ], counts: ["AWS::KMS::Key": 1]))
        #expect(try rowOf(failing, "kms", "kms.key-policies").status == .fail)
    }

    @Test func onlyServicesInUseAppearWithIAMAndCloudTrailAlways() {
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report([]))
        #expect(matrix.services.map(\.service) == ["s3", "cloudtrail", "iam"])
    }

    /// A service whose listing could not be read may be in use: it is shown, not silently dropped.
    @Test func aServiceWhoseListingFailedIsShown() {
        let denied = SourceProblem(
            call: AWSCall(account: Self.account, region: "us-east-1", service: "rds", operation: "describe-db-instances"),
            kind: .failed, message: "AccessDenied")
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report([], counts: [:], problems: [denied]))
        #expect(matrix.services.map(\.service) == ["rds", "cloudtrail", "iam"])
    }

    @Test func findingsOnAWSOwnedResourcesCountOnlyWhenIncluded() throws {
        let findings = [
            Self.finding("iam.managed-policy.attached-no-full-admin", "arn:aws:iam::aws:policy/AdministratorAccess", .fail, owner: .aws),
            Self.finding("iam.managed-policy.attached-no-full-admin", "arn:aws:iam::123456789012:policy/mine", .pass),
        ]
        let setAside = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report(findings).settingAsideAWSOwned())
        let row = try rowOf(setAside, "iam", "iam.least-privilege")
        // Least privilege is only partly decided by checks: what they verified passed, the rest is a person's.
        #expect(row.status == .manual)
        #expect(row.failing == 0)
        #expect(setAside.awsOwnedSetAside == 1)

        let included = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report(findings))
        #expect(try self.rowOf(included, "iam", "iam.least-privilege").failing == 1)
    }

    @Test func findingsOfACheckTheCatalogueDoesNotMapAreReported() {
        let matrix = ResponsibilityMatrix(catalog: Self.catalog, report: Self.report([
            Self.finding("s3.bucket.brand-new-check", "arn:aws:s3:::a", .fail),
        ]))
        #expect(matrix.unmappedChecks == ["s3.bucket.brand-new-check"])
    }
}
