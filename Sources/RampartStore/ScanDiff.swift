public import RampartFindings

/// What changed between two scans, keyed by finding id (check + resource):
/// - `new`: failing now, and absent or not failing before;
/// - `fixed`: failing before, and passing now or gone with its resource;
/// - `changed`: in both with another status or severity (a FAIL that became UNKNOWN is here, not fixed),
///   or muted in one scan and not in the other.
///
/// A FAIL whose finding is gone while the new scan has the same check UNKNOWN in that account and
/// region counts as `changed`, not `fixed`: the evidence went missing, the flaw may still be there.
public struct ScanDiff: Sendable, Equatable {
    /// One finding id's before and after; `nil` where the scan had no such finding.
    public struct Entry: Sendable, Equatable {
        public var findingId: String
        public var before: StoredFinding?
        public var after: StoredFinding?
        /// Why an entry is where it is when the statuses alone do not say (a gone resource).
        public var note: String?

        /// The finding as last seen (after, else before).
        public var latest: StoredFinding {
            guard let seen = after ?? before else { preconditionFailure("a diff entry holds at least one side") }
            return seen
        }
    }

    public var old: ScanRecord
    public var new: ScanRecord
    public var newFindings: [Entry]
    public var fixed: [Entry]
    public var changed: [Entry]
    /// Findings in both scans with the same status and severity.
    public var unchanged: Int

    public init(old: ScanRecord, new: ScanRecord, oldFindings: [StoredFinding], newFindings: [StoredFinding]) {
        self.old = old
        self.new = new
        var before: [String: StoredFinding] = [:]
        for finding in oldFindings { before[finding.findingId] = finding }
        var after: [String: StoredFinding] = [:]
        for finding in newFindings { after[finding.findingId] = finding }
        let unknownScopes = Set(newFindings.filter { $0.status == .unknown }.map { UnknownScope($0) })

        var added: [Entry] = []
        var fixed: [Entry] = []
        var changed: [Entry] = []
        var unchanged = 0
        for id in Set(before.keys).union(after.keys) {
            let b = before[id]
            let a = after[id]
            if a?.status == .fail, b?.status != .fail {
                added.append(Entry(findingId: id, before: b, after: a, note: b == nil ? nil : "was \(b!.status.rawValue)"))
            } else if let b, b.status == .fail, a?.status == .pass {
                fixed.append(Entry(findingId: id, before: b, after: a, note: nil))
            } else if let b, b.status == .fail, a == nil {
                if unknownScopes.contains(where: { $0.covers(b) }) {
                    changed.append(Entry(findingId: id, before: b, after: nil, note: "not judged: the check is UNKNOWN for this account and region"))
                } else {
                    fixed.append(Entry(findingId: id, before: b, after: nil, note: "resource no longer in the scan"))
                }
            } else if let b, let a {
                if a.status != b.status || a.severity != b.severity || (a.muted == nil) != (b.muted == nil) {
                    changed.append(Entry(findingId: id, before: b, after: a, note: nil))
                } else {
                    unchanged += 1
                }
            }
        }
        self.newFindings = Self.ordered(added)
        self.fixed = Self.ordered(fixed)
        self.changed = Self.ordered(changed)
        self.unchanged = unchanged
    }

    /// Most severe first, then by finding id, so the output is stable.
    private static func ordered(_ entries: [Entry]) -> [Entry] {
        entries.sorted {
            let (a, b) = ($0.latest.severity, $1.latest.severity)
            return a != b ? a > b : $0.findingId < $1.findingId
        }
    }

    /// A check that could not judge an account and region in the new scan.
    private struct UnknownScope: Hashable {
        var checkId: String
        var account: String
        var region: String

        init(_ finding: StoredFinding) {
            checkId = finding.checkId
            account = finding.resource.account
            region = finding.resource.region
        }

        func covers(_ finding: StoredFinding) -> Bool {
            checkId == finding.checkId && account == finding.resource.account
                && (region == finding.resource.region || region == "global" || finding.resource.region == "global")
        }
    }
}
