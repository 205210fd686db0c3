import Foundation
import RampartFindings
import RampartJSON
import RampartStore
import Testing

/// What `rampart history` and `rampart diff` print.
@Suite struct StoreFormatsTests {
    let scan = ScanRecord(
        id: 7, scannedAt: Date(timeIntervalSince1970: 1_795_000_000), collectedAt: Date(timeIntervalSince1970: 1_794_999_000),
        source: "snapshot ./evil\u{1B}[2J", accounts: ["123456789012"], regions: ["us-east-1"], checksRun: 190, resourceCount: 241,
        problemCount: 2, counts: [.pass: 1426, .fail: 401, .unknown: 8, .manual: 0], rampartVersion: "0.1.0")

    @Test func historyTableShowsCountsAndEscapesControlCharacters() {
        let text = StoreFormats.historyTable([scan], store: "/tmp/r.sqlite")
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("snapshot ./evil\\u{1b}[2J"))
        let row = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(row.split(separator: " ").filter { !$0.isEmpty }.suffix(6) == ["241", "1426", "401", "8", "0", "0"])
        #expect(StoreFormats.historyTable([], store: "/tmp/r.sqlite") == "No scans in /tmp/r.sqlite yet; 'rampart scan' saves one.\n")
    }

    @Test func historyJSONIsAnArrayOfScans() throws {
        let parsed = try JSONParser.parse(StoreFormats.historyJSON([scan]))
        let first = try #require(parsed.arrayValue?.first)
        #expect(first["id"] == .number(7))
        #expect(first["scannedAt"]?.stringValue == "2026-11-18T11:06:40Z")
        #expect(first["counts"]?["FAIL"] == .number(401))
        #expect(first["source"]?.stringValue == "snapshot ./evil\u{1B}[2J")
    }

    @Test func diffJSONListsEachKindWithBeforeAndAfter() throws {
        var newer = scan
        newer.id = 8
        let diff = ScanDiff(
            old: scan, new: newer, oldFindings: [StoredFinding(Sample.finding("c.tls", "a", .fail))],
            newFindings: [StoredFinding(Sample.finding("c.tls", "a", .pass)), StoredFinding(Sample.finding("c.tls", "b", .fail))])
        let parsed = try JSONParser.parse(StoreFormats.diffJSON(diff))
        #expect(parsed["summary"]?["new"] == .number(1))
        #expect(parsed["fixed"]?.arrayValue?.first?["before"]?["status"]?.stringValue == "FAIL")
        #expect(parsed["fixed"]?.arrayValue?.first?["after"]?["status"]?.stringValue == "PASS")
        #expect(parsed["newFindings"]?.arrayValue?.first?["before"] == .null)
        #expect(parsed["newFindings"]?.arrayValue?.first?["resource"]?["name"]?.stringValue == "b")
        let table = StoreFormats.diffTable(diff)
        #expect(table.contains("NEW 1   FIXED 1   CHANGED 0   UNCHANGED 0"))
        #expect(table.contains("c.tls  a  [123456789012/us-east-1]  FAIL/high -> PASS/high"))
    }
}
