public import Foundation
public import RampartFindings
public import RampartInventory

/// A place that keeps scans over time: save a finished scan, list the scans, read one scan's
/// findings back, and compare two. `SQLFindingStore` implements it on SQLite and PostgreSQL.
public protocol FindingStore: Sendable {
    /// Saves the scan, its resources and findings all at once (one transaction) and returns its record.
    /// With `run`, the scan is one shard of a sharded run: it also keeps what `rampart report`
    /// needs to rebuild the outputs, and replaces the run's earlier scans of the same accounts.
    func save(_ report: ScanReport, scannedAt: Date, rampartVersion: String, run: RunTag?) async throws -> ScanRecord
    /// Every scan, newest first.
    func scans() async throws -> [ScanRecord]
    /// One scan's record; throws `StoreError.unknownScan` for an id the store does not hold.
    func scan(id: Int) async throws -> ScanRecord
    /// One scan's findings, ordered by finding id.
    func findings(scan id: Int) async throws -> [StoredFinding]
    /// The scans saved under one run id, oldest first; throws `StoreError.unknownRun` when there are none.
    func run(id: String) async throws -> ScanRun
    /// What a scan saved under a run id kept beyond its record; nil for other scans.
    func details(scan id: Int) async throws -> ScanDetails?
}

extension FindingStore {
    /// Saves a scan that is not part of a sharded run.
    public func save(_ report: ScanReport, scannedAt: Date, rampartVersion: String) async throws -> ScanRecord {
        try await save(report, scannedAt: scannedAt, rampartVersion: rampartVersion, run: nil)
    }

    /// Every finding of a run as one scan would have them, ordered by finding id. Should two shards
    /// judge the same finding id (an organization-wide resource), the worst verdict is kept.
    public func findings(run: ScanRun) async throws -> [StoredFinding] {
        var all: [StoredFinding] = []
        for scan in run.scans { all += try await findings(scan: scan.id) }
        return StoredFinding.worstPerId(all)
    }

    /// The findings of a `history` line: a run's consolidated findings, else the scan's.
    public func findings(of record: ScanRecord) async throws -> [StoredFinding] {
        guard let run = record.runId else { return try await findings(scan: record.id) }
        return try await findings(run: try await self.run(id: run))
    }

    /// The `history` lines, newest first: each sharded run once (`ScanRun.grouping`).
    public func scansAndRuns() async throws -> [ScanRecord] { ScanRun.grouping(try await scans()) }

    /// What changed between two `history` lines, each a scan or a run.
    public func diff(old: ScanRecord, new: ScanRecord) async throws -> ScanDiff {
        ScanDiff(old: old, new: new, oldFindings: try await findings(of: old), newFindings: try await findings(of: new))
    }

    /// What changed from run `old` to run `new`, as `diff(old:new:)` for two scans.
    public func diff(oldRun: String, newRun: String) async throws -> ScanDiff {
        let old = try await run(id: oldRun)
        let new = try await run(id: newRun)
        return ScanDiff(old: old.record, new: new.record, oldFindings: try await findings(run: old), newFindings: try await findings(run: new))
    }

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
    /// The sharded run the scan belongs to (`--run-id`); nil for a scan of its own.
    public var runId: String? = nil
    /// For a run's consolidated record, how many shard scans it gathers; 1 otherwise.
    public var shards: Int = 1

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
    /// Kept only for scans of a sharded run (`rampart report` rebuilds the outputs from them): why
    /// the check matters, other tools' ids, and the evidence object as JSON text.
    public var risk: String? = nil
    public var aliases: [String: String]? = nil
    public var evidenceJSON: String? = nil

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

    /// Should findings judge the same id twice, the worst verdict is kept (FAIL over UNKNOWN over
    /// MANUAL over PASS, then the higher severity); ordered by finding id.
    public static func worstPerId(_ findings: [StoredFinding]) -> [StoredFinding] {
        func weight(_ status: Status) -> Int {
            switch status {
            case .fail: 3
            case .unknown: 2
            case .manual: 1
            case .pass: 0
            }
        }
        var kept: [String: StoredFinding] = [:]
        for finding in findings {
            if let other = kept[finding.findingId],
                (weight(other.status), other.severity) >= (weight(finding.status), finding.severity)
            {
                continue
            }
            kept[finding.findingId] = finding
        }
        return kept.values.sorted { $0.findingId < $1.findingId }
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

/// Marks a scan as one shard of a sharded run (`rampart scan --run-id`).
public struct RunTag: Sendable, Equatable {
    /// The run id every shard of the run shares.
    public var id: String
    /// The AWS Organization the shard read (`o-...`), when it read one; a run holds one organization.
    public var organization: String?

    public init(id: String, organization: String? = nil) {
        self.id = id
        self.organization = organization
    }

    /// A run id is 1 to 128 letters, digits, `.`, `_`, `-` or `:` (a Kubernetes Job's uid fits);
    /// nil when `text` is one, else why not.
    public static func problem(with text: String) -> String? {
        if text.isEmpty || text.count > 128 { return "a run id is 1 to 128 characters" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:")
        if let bad = text.first(where: { !allowed.contains($0) }) {
            return "\"\(String(bad).unicodeScalars.map { $0.escaped(asASCII: true) }.joined())\" is not allowed (letters, digits, '.', '_', '-', ':')"
        }
        return nil
    }
}

/// What a scan saved under a run id keeps beyond its record, so the run's outputs can be rebuilt
/// as one scan's: the resource counts, what could not be read, and the summary's notes.
public struct ScanDetails: Sendable, Equatable {
    public var organization: String?
    public var resourceCounts: [String: Int]
    public var problems: [SourceProblem]
    public var notes: [String]

    public init(organization: String?, resourceCounts: [String: Int], problems: [SourceProblem], notes: [String]) {
        self.organization = organization
        self.resourceCounts = resourceCounts
        self.problems = problems
        self.notes = notes
    }
}

/// One sharded run: its shard scans and their consolidated record (accounts and regions merged,
/// counts added up), which `history`, `diff`, `serve` and `rampart report` show as one scan.
public struct ScanRun: Sendable, Equatable {
    public var id: String
    /// Oldest first.
    public var scans: [ScanRecord]
    /// The run as one scan: the newest shard's id and time, every shard's accounts and counts.
    public var record: ScanRecord

    public init(id: String, scans: [ScanRecord]) {
        precondition(!scans.isEmpty, "a run holds at least one scan")
        let sorted = scans.sorted { $0.id < $1.id }
        let newest = sorted[sorted.count - 1]
        var record = newest
        record.scannedAt = sorted.map(\.scannedAt).max() ?? newest.scannedAt
        record.collectedAt = sorted.map(\.collectedAt).min() ?? newest.collectedAt
        record.source = "run \(id)"
        record.accounts = Array(Set(sorted.flatMap(\.accounts))).sorted()
        record.regions = Array(Set(sorted.flatMap(\.regions))).sorted()
        record.checksRun = sorted.map(\.checksRun).max() ?? 0
        record.resourceCount = sorted.reduce(0) { $0 + $1.resourceCount }
        record.problemCount = sorted.reduce(0) { $0 + $1.problemCount }
        record.counts = Dictionary(uniqueKeysWithValues: Status.allCases.map { status in (status, sorted.reduce(0) { $0 + ($1.counts[status] ?? 0) }) })
        record.muted = sorted.reduce(0) { $0 + $1.muted }
        record.runId = id
        record.shards = sorted.count
        self.id = id
        self.scans = sorted
        self.record = record
    }

    /// Scans and runs as `history` lists them, newest first: each run once, as its consolidated
    /// record (placed where its newest shard is), every other scan as it is.
    public static func grouping(_ scans: [ScanRecord]) -> [ScanRecord] {
        var byRun: [String: [ScanRecord]] = [:]
        for scan in scans { if let run = scan.runId { byRun[run, default: []].append(scan) } }
        var seen = Set<String>()
        var out: [ScanRecord] = []
        for scan in scans {
            guard let run = scan.runId else {
                out.append(scan)
                continue
            }
            if seen.insert(run).inserted { out.append(ScanRun(id: run, scans: byRun[run] ?? [scan]).record) }
        }
        return out.sorted { $0.id > $1.id }
    }
}
