import Foundation
import RampartFindings
import RampartStore
import Testing

/// The mute state survives the store on both databases, and `history` and `diff` show it.
@Suite struct MutedStoreTests {
    let scannedAt = Date(timeIntervalSince1970: 1_795_000_100)
    let accepted = Muted(reason: "website is public by design", owner: "web-team", expires: "2027-03-31", rule: "marketing-site")

    @Test(arguments: Backend.all)
    func aMutedFindingReadsBackMutedAndTheScanCountsItApart(backend: Backend) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await backend.open(in: scratch.path)
        var muted = Sample.finding("s3.bucket.tls-required", "site", .fail, severity: .high)
        muted.muted = accepted
        let findings = [muted, Sample.finding("s3.bucket.tls-required", "logs", .fail, severity: .high)]
        let record = try await store.save(Sample.report(findings), scannedAt: scannedAt, rampartVersion: "1")
        let read = try await store.findings(scan: record.id)
        let listed = try await store.scans().first { $0.id == record.id }
        try await store.close()

        #expect(read.first { $0.resource.name == "site" }?.muted == accepted)
        #expect(read.first { $0.resource.name == "logs" }?.muted == nil)
        #expect(record.counts[.fail] == 1)
        #expect(record.muted == 1)
        #expect(listed?.muted == 1)
        #expect(StoreFormats.historyTable([record], store: "s").contains("MUTED"))
        #expect(StoreFormats.historyJSON([record]).contains("\"muted\": 1"))
    }

    @Test(arguments: Backend.all)
    func aFindingMutedSinceTheLastScanIsAChangeMarkedMuted(backend: Backend) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await backend.open(in: scratch.path)
        let before = Sample.finding("s3.bucket.tls-required", "site", .fail, severity: .high)
        var after = before
        after.muted = accepted
        let old = try await store.save(Sample.report([before]), scannedAt: scannedAt, rampartVersion: "1")
        let new = try await store.save(Sample.report([after]), scannedAt: scannedAt.addingTimeInterval(60), rampartVersion: "1")
        let diff = try await store.diff(old: old.id, new: new.id)
        try await store.close()

        #expect(diff.changed.map(\.findingId) == [before.findingId])
        #expect(StoreFormats.diffTable(diff).contains("FAIL/high -> FAIL/high (muted)"))
        #expect(StoreFormats.diffJSON(diff).contains("\"rule\": \"marketing-site\""))
    }
}
