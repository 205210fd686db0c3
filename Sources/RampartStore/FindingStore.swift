public import Foundation
public import RampartFindings
public import RampartInventory

/// A place that keeps scans over time: save a finished scan, list the scans, read one scan's
/// findings back, and compare two. `SQLFindingStore` implements it on SQLite and PostgreSQL.
public protocol FindingStore: Sendable {
    /// Saves the scan, its resources and findings all at once (one transaction) and returns its record.
    func save(_ report: ScanReport, scannedAt: Date, rampartVersion: String) async throws -> ScanRecord
    /// Every scan, newest first.
    func scans() async throws -> [ScanRecord]
    /// One scan's record; throws `StoreError.unknownScan` for an id the store does not hold.
    func scan(id: Int) async throws -> ScanRecord
    /// One scan's findings, ordered by finding id.
    func findings(scan id: Int) async throws -> [StoredFinding]
}

extension FindingStore {
    /// What changed from scan `old` to scan `new`, keyed by finding id (check + resource).
    public func diff(old: Int, new: Int) async throws -> ScanDiff {
        let oldRecord = try await scan(id: old)
        let newRecord = try await scan(id: new)
        return ScanDiff(
            old: oldRecord, new: newRecord, oldFindings: try await findings(scan: old), newFindings: try await findings(scan: new))
    }
}

/// One saved scan as `rampart history` lists it.
public struct ScanRecord: Sendable, Equatable {
    /// Given by the store, increasing: a later scan has a larger id.
    public var id: Int
    /// When the scan ran.
    public var scannedAt: Date
    /// When the evidence was collected (a snapshot may be older than the scan).
    public var collectedAt: Date
    /// Where the evidence came from, e.g. `snapshot ./snap` or `account 123456789012 (live)`.
    public var source: String
    public var accounts: [String]
    public var regions: [String]
    public var checksRun: Int
    public var resourceCount: Int
    /// How many calls or files could not be read; above zero means some verdicts are UNKNOWN.
    public var problemCount: Int
    /// Findings by status, muted ones left out; every status is present.
    public var counts: [Status: Int]
    /// Findings a mutelist rule muted (0 for scans saved before suppressions existed).
    public var muted: Int = 0
    /// The Rampart version that made the scan.
    public var rampartVersion: String

    public init(
        id: Int, scannedAt: Date, collectedAt: Date, source: String, accounts: [String], regions: [String], checksRun: Int,
        resourceCount: Int, problemCount: Int, counts: [Status: Int], rampartVersion: String
    ) {
        self.id = id
        self.scannedAt = scannedAt
        self.collectedAt = collectedAt
        self.source = source
        self.accounts = accounts
        self.regions = regions
        self.checksRun = checksRun
        self.resourceCount = resourceCount
        self.problemCount = problemCount
        self.counts = counts
        self.rampartVersion = rampartVersion
    }
}

/// A finding as the store keeps it: the verdict and what a person needs to act on it. The
/// evidence object is not kept, so nothing read from the account beyond names and messages is stored.
public struct StoredFinding: Sendable, Equatable {
    /// `checkId/resourceArn`: the same check on the same resource in every scan.
    public var findingId: String
    public var checkId: String
    public var title: String
    public var status: Status
    public var severity: Severity
    public var service: String
    public var resource: ResourceRef
    public var message: String
    public var remediation: String
    public var owner: Owner
    public var serviceModel: ServiceModel
    /// Framework id to requirement ids.
    public var frameworks: [String: [String]]
    /// The accepted risk, when a mutelist rule muted the finding.
    public var muted: Muted? = nil

    public init(
        findingId: String, checkId: String, title: String, status: Status, severity: Severity, service: String, resource: ResourceRef,
        message: String, remediation: String, owner: Owner, serviceModel: ServiceModel, frameworks: [String: [String]]
    ) {
        self.findingId = findingId
        self.checkId = checkId
        self.title = title
        self.status = status
        self.severity = severity
        self.service = service
        self.resource = resource
        self.message = message
        self.remediation = remediation
        self.owner = owner
        self.serviceModel = serviceModel
        self.frameworks = frameworks
    }

    /// The stored form of a finding from a scan.
    public init(_ finding: Finding) {
        self.init(
            findingId: finding.findingId, checkId: finding.checkId, title: finding.title, status: finding.status,
            severity: finding.severity, service: finding.service, resource: finding.resource, message: finding.message,
            remediation: finding.remediation, owner: finding.responsibility.owner, serviceModel: finding.responsibility.serviceModel,
            frameworks: finding.frameworks)
        self.muted = finding.muted
    }
}
