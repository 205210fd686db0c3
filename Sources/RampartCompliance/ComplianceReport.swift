public import RampartFindings
public import struct Foundation.Date

/// Where one requirement stands for this account.
public enum ComplianceStatus: String, Sendable, CaseIterable {
    /// Every resource the mapped checks judged passes, and at least one was judged.
    case pass = "PASS"
    /// At least one resource fails a mapped check.
    case fail = "FAIL"
    /// No failure, but some evidence was missing or unreadable: never read as PASS.
    case unknown = "UNKNOWN"
    /// No check decides it (or the checks need a person): the evidence guidance says what to show.
    case manual = "MANUAL"
    /// AWS's, covered by the attestations named.
    case inherited = "INHERITED"
    /// The mapped checks found nothing to judge (for example no RDS database exists).
    case notApplicable = "NOT_APPLICABLE"
    /// Every failing or unknown resource is muted by a `--mutelist` rule: a risk accepted on
    /// purpose, not a pass (it stays in the score's denominator).
    case accepted = "ACCEPTED"
}

/// One resource's verdict from one check, as a requirement lists it.
public struct ResourceVerdict: Sendable, Hashable {
    public var arn: String
    /// CloudFormation type name.
    public var type: String
    public var checkId: String
    public var message: String
}

/// The score of a framework: passed / (passed + failed + unknown + accepted), counted over the
/// requirements the customer's checks decide. MANUAL, INHERITED and NOT_APPLICABLE requirements
/// are outside the denominator; an UNKNOWN or an accepted risk lowers the score just as a FAIL does.
public struct ComplianceScore: Sendable, Equatable {
    public var passed: Int
    public var failed: Int
    public var unknown: Int
    /// Requirements whose failures are all muted (ACCEPTED).
    public var accepted: Int

    public init(passed: Int, failed: Int, unknown: Int, accepted: Int = 0) {
        self.passed = passed
        self.failed = failed
        self.unknown = unknown
        self.accepted = accepted
    }

    /// The denominator: requirements decided, or left undecided, by checks.
    public var decidable: Int { passed + failed + unknown + accepted }
    /// Between 0 and 1; nil when no requirement is decidable.
    public var value: Double? { decidable == 0 ? nil : Double(passed) / Double(decidable) }
    /// The score as a whole percentage (`"73%"`), or `"n/a"`.
    public var percentText: String {
        guard let value else { return "n/a" }
        return "\(Int((value * 100).rounded(.down)))%"
    }
}

/// One requirement's verdict with what it rests on.
public struct RequirementResult: Sendable {
    public var requirement: Requirement
    public var status: ComplianceStatus
    /// Why the status is what it is, in a sentence.
    public var reason: String
    /// Resources failing a mapped check (each with the check and its message), sorted by ARN.
    public var failing: [ResourceVerdict]
    /// Resources whose evidence was missing for a mapped check.
    public var unknown: [ResourceVerdict]
    /// Distinct resources judged PASS by all the checks that judged them.
    public var passing: [ResourceVerdict]
    /// Resources failing (or unknown for) a mapped check whose finding a `--mutelist` rule muted.
    public var accepted: [ResourceVerdict] = []
    /// Distinct resources any mapped check judged.
    public var judged: Int
}

/// One framework's results and score.
public struct FrameworkResult: Sendable {
    public var framework: Framework
    public var requirements: [RequirementResult]
    public var score: ComplianceScore
    /// The framework's score in each account, when the report covers several (see
    /// `addingAccounts`); empty for one account.
    public var accountScores: [String: ComplianceScore] = [:]

    /// Requirements in `status`.
    public func count(_ status: ComplianceStatus) -> Int { requirements.filter { $0.status == status }.count }
}

/// The compliance view of one scan: for each framework asked for, each requirement's status with
/// the failing resources and the framework's score. The outputs (table, JSON, Markdown, CSV,
/// OSCAL and the HTML report) render this; nothing here depends on how.
public struct ComplianceReport: Sendable {
    public var source: String
    public var collectedAt: Date
    public var accounts: [String]
    public var regions: [String]
    public var frameworks: [FrameworkResult]
    /// Findings on resources AWS owns, left out of every verdict.
    public var awsOwnedSetAside: Int
    /// Calls the source could not read; some UNKNOWN verdicts trace back to these.
    public var sourceProblems: Int
    /// Every finding the verdicts rest on (the scan's, AWS-owned ones set aside), for outputs
    /// that list observations (OSCAL).
    public var findings: [Finding]

    /// Evaluates `frameworks` (from `library`, in the order given, each once) over `report`'s findings.
    public init(library: FrameworkLibrary, frameworks ids: [String], report: ScanReport) {
        var byCheck: [String: [Finding]] = [:]
        for finding in report.findings { byCheck[finding.checkId, default: []].append(finding) }
        var asked: Set<String> = []
        self.frameworks = ids.filter { asked.insert($0).inserted }.compactMap { library.framework($0) }.map { framework in
            let results = framework.requirements.map { Self.evaluate($0, findings: $0.checks.flatMap { byCheck[$0] ?? [] }) }
            let score = ComplianceScore(
                passed: results.filter { $0.status == .pass }.count, failed: results.filter { $0.status == .fail }.count,
                unknown: results.filter { $0.status == .unknown }.count, accepted: results.filter { $0.status == .accepted }.count)
            return FrameworkResult(framework: framework, requirements: results, score: score)
        }
        self.source = report.source
        self.collectedAt = report.collectedAt
        self.accounts = report.accounts
        self.regions = report.regions
        self.awsOwnedSetAside = report.awsOwned.count
        self.sourceProblems = report.problems.filter { $0.kind != .ignored }.count
        self.findings = report.findings
    }

    /// The status rules (docs/compliance.md): inherited is INHERITED; no checks is MANUAL; any
    /// FAIL is FAIL; else any UNKNOWN is UNKNOWN (muted findings count in neither); else a muted
    /// FAIL or UNKNOWN is ACCEPTED; else a MANUAL finding is MANUAL; no finding at all is
    /// NOT_APPLICABLE; only then PASS.
    public static func evaluate(_ requirement: Requirement, findings: [Finding]) -> RequirementResult {
        func verdicts(_ status: Status) -> [ResourceVerdict] {
            var seen: Set<ResourceVerdict> = []
            return findings.filter { $0.status == status && (status == .pass || $0.muted == nil) }
                .map { ResourceVerdict(arn: $0.resource.arn, type: $0.resource.type, checkId: $0.checkId, message: $0.message) }
                .filter { seen.insert($0).inserted }
                .sorted { ($0.arn, $0.checkId) < ($1.arn, $1.checkId) }
        }
        let failing = verdicts(.fail)
        let unknown = verdicts(.unknown)
        var acceptedSeen: Set<ResourceVerdict> = []
        let accepted = findings.filter { $0.muted != nil && ($0.status == .fail || $0.status == .unknown) }
            .map { ResourceVerdict(arn: $0.resource.arn, type: $0.resource.type, checkId: $0.checkId, message: $0.message) }
            .filter { acceptedSeen.insert($0).inserted }
            .sorted { ($0.arn, $0.checkId) < ($1.arn, $1.checkId) }
        let notPassing = Set(findings.filter { $0.status != .pass }.map(\.resource.arn))
        var passingSeen: Set<String> = []
        let passing = verdicts(.pass).filter { !notPassing.contains($0.arn) && passingSeen.insert($0.arn).inserted }
        let judged = Set(findings.map(\.resource.arn)).count
        let status: ComplianceStatus
        let reason: String
        func resources(_ n: Int) -> String { n == 1 ? "1 resource" : "\(n) resources" }
        if requirement.responsibility == .inherited {
            status = .inherited
            reason = "AWS's: covered by \(requirement.attestations.joined(separator: ", "))"
        } else if requirement.checks.isEmpty {
            status = .manual
            reason = "no check decides this requirement; a person must show the evidence"
        } else if !failing.isEmpty {
            status = .fail
            reason = "\(resources(Set(failing.map(\.arn)).count)) failing of \(judged) judged"
        } else if !unknown.isEmpty {
            status = .unknown
            reason = "evidence missing for \(resources(Set(unknown.map(\.arn)).count)) of \(judged) judged: \(unknown[0].message)"
        } else if !accepted.isEmpty {
            status = .accepted
            reason = "accepted risk: \(resources(Set(accepted.map(\.arn)).count)) failing of \(judged) judged, muted by the mutelist"
        } else if findings.contains(where: { $0.status == .manual }) {
            status = .manual
            reason = "the checks need a person's evidence"
        } else if findings.isEmpty {
            status = .notApplicable
            reason = "none of the \(requirement.checks.count) mapped checks found a resource to judge"
        } else {
            status = .pass
            reason = "all \(resources(judged)) judged by the \(requirement.checks.count) mapped checks pass"
        }
        return RequirementResult(
            requirement: requirement, status: status, reason: reason, failing: failing, unknown: unknown, passing: passing, accepted: accepted,
            judged: judged)
    }
}

extension ComplianceReport {
    /// The organization's report with each framework's score in every account's own report beside it.
    public func addingAccounts(_ reports: [String: ComplianceReport]) -> ComplianceReport {
        var copy = self
        for (account, report) in reports {
            for i in copy.frameworks.indices {
                if let own = report.frameworks.first(where: { $0.framework.id == copy.frameworks[i].framework.id }) {
                    copy.frameworks[i].accountScores[account] = own.score
                }
            }
        }
        return copy
    }
}
