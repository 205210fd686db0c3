import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// `rampart scan` saving to the store, `rampart history` and `rampart diff`, as a user runs them:
/// the default location, a fixed and a new flaw between two scans, a scan killed while saving,
/// two scans saving at once, and bad or damaged stores.
@Suite struct StoreCommandTests {
    static let demo = Rampart.packageRoot.appendingPathComponent("Examples/demo-snapshot").path

    /// The stores a test runs on: a new SQLite file in `directory`, and PostgreSQL when CI gives one.
    static func stores(in directory: TemporaryDirectory) -> [String] {
        var stores = [directory.path + "/rampart.sqlite"]
        if let url = ProcessInfo.processInfo.environment["RAMPART_TEST_POSTGRES_URL"], !url.isEmpty { stores.append(url) }
        return stores
    }

    /// The scans in `store` made from `snapshot`; a PostgreSQL store is shared by tests running at once.
    func history(_ store: String, of snapshot: String) throws -> [JSONValue] {
        let result = try Rampart.run(["history", "--store", store, "--format", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONParser.parse(result.stdout).arrayValue).filter { $0["source"]?.stringValue == "snapshot \(snapshot)" }
    }

    /// A copy of the demo snapshot of this test's own, so its scans can be told from other tests'.
    func demoCopy(in directory: TemporaryDirectory) throws -> String {
        let copy = directory.path + "/snap"
        try FileManager.default.copyItem(atPath: Self.demo, toPath: copy)
        return copy
    }

    func ids(_ scans: [JSONValue]) -> [Int] {
        scans.compactMap { scan in
            guard case .number(let n)? = scan["id"] else { return nil }
            return Int(n)
        }
    }

    /// Runs a small scan (one check over the demo) that saves to `store`.
    func scan(_ store: String, snapshot: String, environment: [String: String] = [:]) throws -> Rampart.Result {
        try Rampart.run(
            ["scan", "--snapshot", snapshot, "--quiet", "--format", "json", "--store", store, "--check", "dynamodb.table.point-in-time-recovery"],
            environment: environment)
    }

    @Test func aScanIsSavedByDefaultUnderHomeOwnerOnly() throws {
        let home = try TemporaryDirectory()
        let environment = ["HOME": home.path, "RAMPART_STORE": "", "XDG_DATA_HOME": ""]
        let result = try Rampart.run(["scan", "--demo", "--format", "json"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let file = home.path + "/.local/share/rampart/rampart.sqlite"
        #expect(result.stderr.contains("rampart: saved as scan 1 in \(file)"))
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: home.path + "/.local/share/rampart")[.posixPermissions] as? Int == 0o700)

        let findings = try #require(try JSONParser.parse(result.stdout).arrayValue)
        let listed = try Rampart.run(["history", "--format", "json"], environment: environment)
        let scans = try #require(try JSONParser.parse(listed.stdout).arrayValue)
        #expect(scans.count == 1)
        for status in ["PASS", "FAIL", "UNKNOWN", "MANUAL"] {
            let count = findings.filter { $0["status"]?.stringValue == status }.count
            #expect(scans.first?["counts"]?[status] == .number(Double(count)), "\(status)")
        }
        #expect(scans.first?["source"]?.stringValue == "the demo snapshot")
        let table = try Rampart.run(["history"], environment: environment)
        #expect(table.stdout.hasPrefix("Scans in \(file), newest first\n  ID  SCANNED (UTC)"))
    }

    @Test func noStoreSavesNothing() throws {
        let home = try TemporaryDirectory()
        let result = try Rampart.run(
            ["scan", "--demo", "--quiet", "--no-store", "--check", "s3.bucket.tls-required"],
            environment: ["HOME": home.path, "RAMPART_STORE": "", "XDG_DATA_HOME": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).isEmpty)
    }

    /// A copy of the demo where one table gains point-in-time recovery and another loses it.
    @Test(arguments: ["sqlite", "postgres"])
    func diffShowsTheFixedAndTheNewFlaw(backend: String) throws {
        let directory = try TemporaryDirectory()
        guard let store = Self.stores(in: directory).first(where: { backend == "sqlite" ? !$0.contains("://") : $0.contains("://") }) else { return }
        let original = try demoCopy(in: directory)
        let copy = directory.path + "/changed"
        try FileManager.default.copyItem(atPath: Self.demo, toPath: copy)
        let backups = copy + "/123456789012/us-east-1/dynamodb/describe-continuous-backups/"
        let enabled = try Data(contentsOf: URL(fileURLWithPath: backups + "acme-sessions.json"))
        let disabled = try Data(contentsOf: URL(fileURLWithPath: backups + "acme-feature-flags.json"))
        try enabled.write(to: URL(fileURLWithPath: backups + "acme-feature-flags.json"))
        try disabled.write(to: URL(fileURLWithPath: backups + "acme-sessions.json"))

        #expect(try scan(store, snapshot: original).status == 0)
        #expect(try scan(store, snapshot: copy).status == 0)
        let scans = ids(try history(store, of: copy) + history(store, of: original))
        let result = try Rampart.run(["diff", String(scans[1]), String(scans[0]), "--store", store, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let diff = try JSONParser.parse(result.stdout)
        let arn = "arn:aws:dynamodb:us-east-1:123456789012:table/"
        #expect(diff["newFindings"]?.arrayValue?.compactMap { $0["findingId"]?.stringValue } == ["dynamodb.table.point-in-time-recovery/\(arn)acme-sessions"])
        #expect(diff["fixed"]?.arrayValue?.compactMap { $0["findingId"]?.stringValue } == ["dynamodb.table.point-in-time-recovery/\(arn)acme-feature-flags"])
        #expect(diff["changed"]?.arrayValue?.isEmpty == true)
        #expect(diff["old"]?["id"] == .number(Double(scans[1])))

        if backend == "sqlite" {
            // Without ids: the two latest scans, as a table.
            let table = try Rampart.run(["diff", "--store", store])
            #expect(table.status == 0)
            #expect(table.stdout.contains("NEW 1   FIXED 1   CHANGED 0"))
            #expect(table.stdout.contains(
                "\n  MEDIUM       dynamodb.table.point-in-time-recovery  acme-sessions  [123456789012/us-east-1]  PASS/medium -> FAIL/medium\n"))
            #expect(table.stdout.contains(
                "\n  MEDIUM       dynamodb.table.point-in-time-recovery  acme-feature-flags  [123456789012/us-east-1]  FAIL/medium -> PASS/medium\n"))
        }
    }

    /// Killed with SIGKILL inside the save transaction: the store holds no part of that scan, and
    /// the next scan saves normally.
    @Test(arguments: ["sqlite", "postgres"])
    func aScanKilledWhileSavingLeavesNoHalfScan(backend: String) async throws {
        let directory = try TemporaryDirectory()
        guard let store = Self.stores(in: directory).first(where: { backend == "sqlite" ? !$0.contains("://") : $0.contains("://") }) else { return }
        let snapshot = try demoCopy(in: directory)
        #expect(try scan(store, snapshot: snapshot).status == 0)
        let before = ids(try history(store, of: snapshot))

        let paused = try PausedScan(store: store, snapshot: snapshot, seconds: 120)
        try await paused.waitUntilInsideTheTransaction()
        paused.killNow()

        #expect(ids(try history(store, of: snapshot)) == before)
        if backend == "sqlite" {
            #expect(try sqlite(store, "SELECT (SELECT COUNT(*) FROM scans), (SELECT COUNT(*) FROM findings WHERE scan_id NOT IN (SELECT id FROM scans)), (SELECT COUNT(*) FROM resources WHERE scan_id NOT IN (SELECT id FROM scans))") == "1|0|0")
        }
        #expect(try scan(store, snapshot: snapshot).status == 0)
        #expect(try history(store, of: snapshot).count == before.count + 1)
    }

    /// Two scans write at the same time, the first holding its transaction open for a while.
    @Test(arguments: ["sqlite", "postgres"])
    func twoConcurrentScansBothSave(backend: String) async throws {
        let directory = try TemporaryDirectory()
        guard let store = Self.stores(in: directory).first(where: { backend == "sqlite" ? !$0.contains("://") : $0.contains("://") }) else { return }
        let snapshot = try demoCopy(in: directory)
        let slow = try PausedScan(store: store, snapshot: snapshot, seconds: 2)
        try await slow.waitUntilInsideTheTransaction()
        let fast = try scan(store, snapshot: snapshot)
        #expect(fast.status == 0, "\(fast.stderr)")
        #expect(slow.wait() == 0)
        let scans = try history(store, of: snapshot)
        #expect(scans.count == 2)
        #expect(scans.first?["counts"] == scans.last?["counts"])
    }

    @Test(arguments: [
        (["scan", "--demo", "--store", "mysql://u@h/db"], "rampart: --store \"mysql://u@h/db\": unsupported scheme \"mysql\"; give a file path, sqlite:///absolute/path or postgres://user@host:port/database\n"),
        (["scan", "--demo", "--store", "x.sqlite", "--no-store"], "rampart: --store and --no-store cannot be used together\n"),
        (["history", "--store", "sqlite://relative"], "rampart: --store \"sqlite://relative\": an sqlite URL takes an absolute path (three slashes); give a file path, sqlite:///absolute/path or postgres://user@host:port/database\n"),
        (["history", "--format", "xml"], "rampart: unknown --format \"xml\"; choose from table, json\n"),
        (["diff", "--store", "postgres://rampart:hunter2@db/"], "rampart: --store \"postgres://rampart@db/\": no database name (postgres://user@host/db); give a file path, sqlite:///absolute/path or postgres://user@host:port/database\n"),
    ])
    func badStoreValuesExitTwoWithOneLine(arguments: [String], expected: String) throws {
        let result = try Rampart.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == expected)
        #expect(result.stdout.isEmpty)
    }

    @Test func diffNeedsTwoScans() throws {
        let directory = try TemporaryDirectory()
        let store = directory.path + "/rampart.sqlite"
        let missing = try Rampart.run(["diff", "--store", store])
        #expect(missing.status == 2)
        #expect(missing.stderr == "rampart: \(store): no store here yet; run 'rampart scan' first or pass --store\n")
        #expect(try scan(store, snapshot: Self.demo).status == 0)
        let one = try Rampart.run(["diff", "--store", store])
        #expect(one.status == 2)
        #expect(one.stderr == "rampart: \(store): holds 1 scan; diff needs two (run 'rampart scan' again)\n")
        let unknown = try Rampart.run(["diff", "1", "42", "--store", store])
        #expect(unknown.stderr == "rampart: \(store): no scan with id 42; 'rampart history' lists the scans\n")
    }

    /// The scan's reports are written; then the damaged store is named, in one line, exit 2.
    @Test func aCorruptStoreFileExitsTwoNamingItAfterTheReports() throws {
        let directory = try TemporaryDirectory()
        let store = try directory.write("rampart.sqlite", String(repeating: "garbage ", count: 1000))
        let output = directory.path + "/out"
        let result = try Rampart.run(
            ["scan", "--demo", "--quiet", "--format", "json", "--output-dir", output, "--store", store, "--check", "s3.bucket.tls-required"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")  // --quiet: no "wrote FILE" lines either
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("rampart: \(store): not a readable SQLite database") == true)
        #expect(FileManager.default.fileExists(atPath: output + "/rampart-findings.json"))
        let history = try Rampart.run(["history", "--store", store])
        #expect(history.status == 2)
        #expect(history.stderr.hasPrefix("rampart: \(store): not a readable SQLite database"))
    }

    @Test func anUnreachablePostgresServerIsOneLineWithoutThePassword() throws {
        let port = try freePort()
        let result = try Rampart.run(["history", "--store", "postgres://rampart:hunter2@127.0.0.1:\(port)/rampart?sslmode=disable"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("rampart: postgres://rampart@127.0.0.1:\(port)/rampart?sslmode=disable: cannot open the store: "))
        #expect(!result.stderr.contains("hunter2"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    private func sqlite(_ path: String, _ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import sqlite3, sys; print('|'.join(str(v) for v in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()))", path,
            query,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A `rampart scan` that pauses inside its store transaction (the test hook), to be killed or waited for.
final class PausedScan: @unchecked Sendable {
    let process = Process()
    let stderr = Pipe()

    init(store: String, snapshot: String, seconds: Int) throws {
        process.executableURL = Rampart.executable
        process.arguments = [
            "scan", "--snapshot", snapshot, "--quiet", "--format", "json", "--store", store, "--check", "dynamodb.table.point-in-time-recovery",
        ]
        process.environment = Rampart.environment(["RAMPART_TEST_PAUSE_IN_STORE_TRANSACTION": String(seconds)])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
    }

    /// Returns once the scan says it is paused inside the transaction.
    func waitUntilInsideTheTransaction() async throws {
        let line = try await ChildProcess.firstLine(of: stderr, timeout: 60)
        try #require(line.hasPrefix("rampart: test hook: pausing"), "the scan printed \(line)")
    }

    func killNow() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}
