public import RampartInventory

/// Each account's share of a scan of several accounts (an organization, or a sharded run read back
/// as one): its counts by status and its score, beside the organization's total.
public struct AccountBreakdown: Sendable, Equatable {
    /// One account's figures, or the organization's (`account` nil).
    public struct Row: Sendable, Equatable {
        public var account: String?
        /// Findings by status, muted ones left out (as `ScanReport.count`); every status is present.
        public var counts: [Status: Int]
        public var muted: Int
        /// Distinct resources the account's findings judge.
        public var resources: Int

        /// PASS / (PASS + FAIL + UNKNOWN), as compliance scores it; nil when nothing was judged.
        public var score: Double? {
            let pass = counts[.pass] ?? 0
            let decidable = pass + (counts[.fail] ?? 0) + (counts[.unknown] ?? 0)
            return decidable == 0 ? nil : Double(pass) / Double(decidable)
        }

        /// The score as a whole percentage (rounded down, so 99.6 % never shows as 100 %), or `n/a`.
        public var scoreText: String {
            guard let score else { return "n/a" }
            return "\(Int((score * 100).rounded(.down)))%"
        }

        init(account: String?, findings: [Finding]) {
            self.account = account
            var counts = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, 0) })
            var muted = 0
            var arns = Set<String>()
            for finding in findings {
                arns.insert(finding.resource.arn)
                if finding.muted != nil { muted += 1 } else { counts[finding.status, default: 0] += 1 }
            }
            self.counts = counts
            self.muted = muted
            self.resources = arns.count
        }
    }

    /// One row per account, by account id.
    public var accounts: [Row]
    /// The whole organization: every finding of the scan.
    public var organization: Row

    /// The breakdown of `report`, or nil when it covers fewer than two accounts (a single account's
    /// outputs stay as they were). The accounts are the report's and any its findings name.
    public init?(_ report: ScanReport) {
        var byAccount: [String: [Finding]] = [:]
        for account in report.accounts { byAccount[account] = [] }
        for finding in report.findings where !finding.resource.account.isEmpty { byAccount[finding.resource.account, default: []].append(finding) }
        guard byAccount.count > 1 else { return nil }
        accounts = byAccount.keys.sorted().map { Row(account: $0, findings: byAccount[$0] ?? []) }
        organization = Row(account: nil, findings: report.findings)
    }
}

extension ScanReport {
    /// Every account the report covers: its accounts and any its findings name, sorted.
    public var allAccounts: [String] {
        Array(Set(accounts).union(findings.map(\.resource.account).filter { !$0.isEmpty })).sorted()
    }

    /// One account's view of the report (`--account ID`): its findings, what could not be read in
    /// it, and `resourceCounts`, which the caller counts from that account's resources.
    public func restricted(toAccount account: String, resourceCounts: [String: Int]) -> ScanReport {
        var copy = self
        copy.findings = findings.filter { $0.resource.account == account }
        copy.awsOwned = awsOwned.filter { $0.resource.account == account }
        copy.problems = problems.filter { $0.call.account == account }
        copy.accounts = [account]
        copy.resourceCounts = resourceCounts
        return copy
    }
}
