public import RampartInventory
public import struct Foundation.Date

/// A finished scan as outputs see it: the findings plus what was scanned and what could not be read.
public struct ScanReport: Sendable {
    public var findings: [Finding]
    public var collectedAt: Date
    public var accounts: [String]
    public var regions: [String]
    /// Resource counts by CloudFormation type.
    public var resourceCounts: [String: Int]
    /// What the source could not read; a non-empty list means some verdicts are UNKNOWN.
    public var problems: [SourceProblem]
    /// Where the evidence came from, e.g. `snapshot Examples/demo-snapshot`.
    public var source: String
    /// How many checks ran (some may have found nothing to judge).
    public var checksRun: Int
    /// Findings on resources AWS owns and the customer cannot change (AWS managed policies,
    /// service-linked roles, AWS managed keys), set aside by `settingAsideAWSOwned()`: they count
    /// in no summary, exit code or matrix.
    public var awsOwned: [Finding]
    /// Lines the summary adds about what was not judged and why (e.g. checks not applicable to
    /// infrastructure code).
    public var notes: [String] = []
    /// What `--mutelist` and `--baseline` did; empty when neither was given.
    public var suppression = SuppressionSummary()

    public init(
        findings: [Finding], collectedAt: Date, accounts: [String], regions: [String], resourceCounts: [String: Int],
        problems: [SourceProblem], source: String, checksRun: Int, awsOwned: [Finding] = []
    ) {
        self.checksRun = checksRun
        self.awsOwned = awsOwned
        self.findings = findings
        self.collectedAt = collectedAt
        self.accounts = accounts
        self.regions = regions
        self.resourceCounts = resourceCounts
        self.problems = problems
        self.source = source
    }

    /// Findings of `status` that are not muted (muted findings are counted apart: `muted`).
    public func count(_ status: Status) -> Int { findings.reduce(0) { $0 + ($1.status == status && $1.muted == nil ? 1 : 0) } }

    /// Findings a mutelist rule accepted, whatever their status.
    public var muted: [Finding] { findings.filter { $0.muted != nil } }

    /// Whether `finding` is a FAIL the baseline already had.
    public func isKnownFailure(_ finding: Finding) -> Bool {
        finding.status == .fail && suppression.baselineFailures.contains(finding.findingId)
    }

    /// Failures at or above `severity` that are neither muted nor already in the baseline: what
    /// `--fail-on` counts.
    public func failures(atLeast severity: Severity) -> [Finding] {
        findings.filter { $0.status == .fail && $0.severity >= severity && $0.muted == nil && !isKnownFailure($0) }
    }

    /// The report with findings whose `responsibility.owner` is `aws` moved from `findings` to
    /// `awsOwned`, so that only the customer's verdicts are counted and shown.
    public func settingAsideAWSOwned() -> ScanReport {
        var copy = self
        copy.findings = findings.filter { $0.responsibility.owner != .aws }
        copy.awsOwned = awsOwned + findings.filter { $0.responsibility.owner == .aws }
        return copy
    }
}
