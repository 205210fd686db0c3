public import RampartFindings
public import struct Foundation.Date
import RampartInventory

/// Where a responsibility stands for this account: rolled up from the checks that verify it.
public enum ResponsibilityStatus: String, Sendable, CaseIterable {
    /// Every resource the checks judged passes (possibly none: nothing of that kind exists).
    case pass = "PASS"
    /// At least one resource fails one of the checks.
    case fail = "FAIL"
    /// No failure, but some evidence was missing or unreadable: never read as PASS.
    case unknown = "UNKNOWN"
    /// No automated check: a person must gather the evidence described.
    case manual = "MANUAL"
    /// AWS's job, covered by its attestations.
    case inherited = "INHERITED"
    /// The only failing or unknown resources are muted by a `--mutelist` rule: a risk accepted on
    /// purpose, not a pass.
    case accepted = "ACCEPTED"
}

/// The shared responsibility matrix of one scan: for each service in use, each security job,
/// its owner and its status. Built from the catalogue and a scan's findings; outputs render it.
public struct ResponsibilityMatrix: Sendable {
    /// One service in use and its rows.
    public struct Service: Sendable {
        public var service: String
        public var name: String
        /// AWS's wording of the class (`infrastructure services`, `container services`, `abstracted services`).
        public var awsModel: String
        public var serviceModel: ServiceModel
        public var note: String?
        public var responsibilities: [Row]
    }

    /// One responsibility of one service, with its rolled-up status.
    public struct Row: Sendable {
        public var id: String
        public var title: String
        public var owner: Owner
        public var status: ResponsibilityStatus
        /// Distinct resources failing at least one of the row's checks.
        public var failing: Int
        /// Distinct resources whose evidence was unknown for at least one of the row's checks.
        public var unknown: Int
        /// Distinct resources the row's checks judged.
        public var judged: Int
        /// Distinct resources failing or unknown only through findings a `--mutelist` rule muted.
        public var accepted: Int = 0
        public var checks: [String]
        public var attestations: [String]
        /// What a person should gather; shown for MANUAL rows.
        public var evidence: String?
        /// The row's checks verify only part of the job: passing checks leave it MANUAL.
        public var partial: Bool = false
        /// This responsibility's status in each account, when the matrix covers several (see
        /// `addingAccounts`); empty for one account.
        public var byAccount: [String: ResponsibilityStatus] = [:]
    }

    public var catalogVersion: Int
    public var source: String
    public var collectedAt: Date
    public var accounts: [String]
    public var services: [Service]
    /// Checks that produced findings but that the catalogue does not map: their verdicts are in
    /// no row, so the outputs say so rather than let a failure vanish.
    public var unmappedChecks: [String]
    /// Findings on resources AWS owns that were left out of the counts (`--include-aws-owned` counts them).
    public var awsOwnedSetAside: Int

    /// Rolls `report`'s findings up into the catalogue's rows, for the services the account uses.
    /// A service is in use when the inventory holds a resource of one of its types, when its
    /// listing could not be read (it may be in use; its rows then say UNKNOWN), or always for the
    /// account-wide services (IAM, CloudTrail).
    public init(catalog: ResponsibilityCatalog, report: ScanReport) {
        var byCheck: [String: [Finding]] = [:]
        for finding in report.findings { byCheck[finding.checkId, default: []].append(finding) }
        let unreadListings = Set(report.problems.filter { $0.kind != .ignored }.map { "\($0.call.service) \($0.call.operation)" })

        var services: [Service] = []
        for entry in catalog.services {
            let present = entry.resourceTypes.contains { (report.resourceCounts[$0] ?? 0) > 0 }
            let maybe = entry.listedBy.contains { unreadListings.contains($0) }
            guard entry.alwaysInUse || present || maybe, let serviceClass = catalog.serviceClass(entry.serviceClass) else { continue }
            let rows = catalog.responsibilities(of: entry).map { row in Self.row(row, findings: row.checks.flatMap { byCheck[$0] ?? [] }) }
            services.append(Service(
                service: entry.service, name: entry.name, awsModel: serviceClass.awsWording, serviceModel: serviceClass.serviceModel,
                note: entry.note, responsibilities: rows))
        }
        let mapped = catalog.mappedChecks
        self.catalogVersion = catalog.version
        self.source = report.source
        self.collectedAt = report.collectedAt
        self.accounts = report.accounts
        self.services = services
        self.unmappedChecks = byCheck.keys.filter { mapped[$0] == nil }.sorted()
        self.awsOwnedSetAside = report.awsOwned.count
    }

    static func row(_ entry: ResponsibilityEntry, findings: [Finding]) -> Row {
        func resources(_ status: Status) -> Int { Set(findings.filter { $0.status == status && $0.muted == nil }.map(\.resource.arn)).count }
        let failing = resources(.fail)
        let unknown = resources(.unknown)
        let accepted = Set(findings.filter { $0.muted != nil && ($0.status == .fail || $0.status == .unknown) }.map(\.resource.arn)).count
        let status: ResponsibilityStatus
        if entry.owner == .aws {
            status = .inherited
        } else if entry.checks.isEmpty {
            status = .manual
        } else if failing > 0 {
            status = .fail
        } else if unknown > 0 {
            status = .unknown
        } else if accepted > 0 {
            status = .accepted
        } else if entry.partial || findings.contains(where: { $0.status == .manual }) {
            // What the checks verified passed; the rest of the job needs a person's evidence.
            status = .manual
        } else {
            status = .pass
        }
        return Row(
            id: entry.id, title: entry.title, owner: entry.owner, status: status, failing: failing, unknown: unknown,
            judged: Set(findings.map(\.resource.arn)).count, accepted: accepted, checks: entry.checks, attestations: entry.attestations,
            evidence: entry.evidence, partial: entry.partial)
    }

    /// Rows by status across all services, for summaries.
    public func count(_ status: ResponsibilityStatus) -> Int {
        services.reduce(0) { $0 + $1.responsibilities.filter { $0.status == status }.count }
    }
}

extension ResponsibilityMatrix {
    /// The organization's matrix with each row's status in every account's own matrix beside it
    /// (a service an account does not use has no status there).
    public func addingAccounts(_ matrices: [String: ResponsibilityMatrix]) -> ResponsibilityMatrix {
        var copy = self
        for (account, matrix) in matrices {
            var statuses: [String: ResponsibilityStatus] = [:]
            for service in matrix.services { for row in service.responsibilities { statuses[service.service + "\u{0}" + row.id] = row.status } }
            for s in copy.services.indices {
                for r in copy.services[s].responsibilities.indices {
                    let key = copy.services[s].service + "\u{0}" + copy.services[s].responsibilities[r].id
                    if let status = statuses[key] { copy.services[s].responsibilities[r].byAccount[account] = status }
                }
            }
        }
        return copy
    }
}
