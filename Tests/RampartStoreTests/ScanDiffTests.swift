import Foundation
import RampartFindings
import RampartStore
import Testing

/// How two scans' findings are told apart: by finding id, with a vanished failure called fixed only
/// when nothing suggests the evidence merely went missing.
@Suite struct ScanDiffTests {
    func record(_ id: Int) -> ScanRecord {
        ScanRecord(
            id: id, scannedAt: Date(timeIntervalSince1970: Double(id) * 100), collectedAt: Date(timeIntervalSince1970: 0), source: "s",
            accounts: [Sample.account], regions: ["us-east-1"], checksRun: 1, resourceCount: 1, problemCount: 0,
            counts: [.pass: 0, .fail: 0, .unknown: 0, .manual: 0], rampartVersion: "1")
    }

    func diff(_ old: [Finding], _ new: [Finding]) -> ScanDiff {
        ScanDiff(old: record(1), new: record(2), oldFindings: old.map(StoredFinding.init), newFindings: new.map(StoredFinding.init))
    }

    @Test func aFailureThatAppearsOrStartsFailingIsNew() {
        let d = diff(
            [Sample.finding("c.tls", "a", .pass)],
            [Sample.finding("c.tls", "a", .fail), Sample.finding("c.tls", "b", .fail), Sample.finding("c.tls", "c", .pass)])
        #expect(d.newFindings.map(\.findingId) == ["c.tls/arn:aws:s3:::a", "c.tls/arn:aws:s3:::b"])
        #expect(d.newFindings.first?.note == "was PASS")
        #expect(d.fixed.isEmpty && d.changed.isEmpty)
    }

    @Test func aFailureThatPassesOrLosesItsResourceIsFixed() {
        let d = diff([Sample.finding("c.tls", "a", .fail), Sample.finding("c.tls", "gone", .fail)], [Sample.finding("c.tls", "a", .pass)])
        #expect(d.fixed.map(\.findingId) == ["c.tls/arn:aws:s3:::a", "c.tls/arn:aws:s3:::gone"])
        #expect(d.fixed.last?.after == nil)
        #expect(d.fixed.last?.note == "resource no longer in the scan")
    }

    @Test func aFailureThatBecomesUnknownIsChangedNotFixed() {
        let d = diff([Sample.finding("c.tls", "a", .fail)], [Sample.finding("c.tls", "a", .unknown)])
        #expect(d.fixed.isEmpty)
        #expect(d.changed.map(\.after?.status) == [.unknown])
    }

    /// The check could not read the region in the new scan, so the bucket's finding vanished: not a fix.
    @Test func aFailureThatVanishesWhereTheCheckIsUnknownIsChangedNotFixed() {
        let scopeUnknown = Sample.finding("c.tls", "region-scope", .unknown)
        let d = diff([Sample.finding("c.tls", "a", .fail)], [scopeUnknown])
        #expect(d.fixed.isEmpty)
        #expect(d.changed.map(\.findingId) == ["c.tls/arn:aws:s3:::a"])
        #expect(d.changed.first?.note?.contains("UNKNOWN") == true)
    }

    @Test func anotherSeverityIsChangedAndEqualFindingsAreCounted() {
        let d = diff(
            [Sample.finding("c.tls", "a", .fail, severity: .medium), Sample.finding("c.tls", "b", .pass)],
            [Sample.finding("c.tls", "a", .fail, severity: .critical), Sample.finding("c.tls", "b", .pass)])
        #expect(d.changed.map { [$0.before?.severity, $0.after?.severity] } == [[.medium, .critical]])
        #expect(d.unchanged == 1)
        #expect(d.newFindings.isEmpty && d.fixed.isEmpty)
    }

    @Test func entriesAreOrderedMostSevereFirst() {
        let d = diff([], [
            Sample.finding("c.a", "x", .fail, severity: .low), Sample.finding("c.b", "x", .fail, severity: .critical),
            Sample.finding("c.c", "x", .fail, severity: .medium),
        ])
        #expect(d.newFindings.map(\.latest.severity) == [.critical, .medium, .low])
    }
}
