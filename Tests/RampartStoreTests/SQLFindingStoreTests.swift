import Foundation
import RampartFindings
import RampartStore
import Testing

/// The store on a real database: what is saved reads back the same, scans list newest first,
/// concurrent writers both succeed, files are private, and bad files are refused by name.
@Suite struct SQLFindingStoreTests {
    let scannedAt = Date(timeIntervalSince1970: 1_795_000_100)

    @Test(arguments: Backend.all)
    func aSavedScanReadsBackWithEveryStoredField(backend: Backend) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await backend.open(in: scratch.path)
        let findings = [
            Sample.finding("s3.bucket.tls-required", "logs", .fail, severity: .high, message: "logs has no TLS-only policy \u{1B}[31m"),
            Sample.finding("s3.bucket.versioning", "logs", .pass, severity: .medium),
            Sample.finding("s3.bucket.tls-required", "assets", .unknown, severity: .high, region: "global"),
        ]
        let record = try await store.save(Sample.report(findings), scannedAt: scannedAt, rampartVersion: "9.9.9")
        let read = try await store.findings(scan: record.id)
        try await store.close()

        #expect(read == findings.map(StoredFinding.init).sorted { $0.findingId < $1.findingId })
        #expect(read.first { $0.findingId == "s3.bucket.tls-required/arn:aws:s3:::logs" }?.message == "logs has no TLS-only policy \u{1B}[31m")
        #expect(record.counts == [.pass: 1, .fail: 1, .unknown: 1, .manual: 0])
        #expect(record.scannedAt == scannedAt)
        #expect(record.resourceCount == 2)
    }

    @Test(arguments: Backend.all)
    func scansAreListedNewestFirstWithTheirCounts(backend: Backend) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await backend.open(in: scratch.path)
        let first = try await store.save(
            Sample.report([Sample.finding("s3.bucket.tls-required", "logs", .fail)], source: "snapshot first"), scannedAt: scannedAt,
            rampartVersion: "1")
        let second = try await store.save(
            Sample.report([Sample.finding("s3.bucket.tls-required", "logs", .pass)], source: "snapshot second"),
            scannedAt: scannedAt.addingTimeInterval(60), rampartVersion: "1")
        let listed = try await store.scans()
        try await store.close()

        #expect(second.id > first.id)
        let mine = listed.filter { [first.id, second.id].contains($0.id) }
        #expect(mine.map(\.source) == ["snapshot second", "snapshot first"])
        #expect(mine.first == second)
        #expect(mine.last?.counts[.fail] == 1)
        #expect(mine.last?.accounts == [Sample.account])
    }

    @Test(arguments: Backend.all)
    func anUnknownScanIdIsNamed(backend: Backend) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await backend.open(in: scratch.path)
        await #expect(throws: StoreError.unknownScan(store: store.name, id: 987_654_321)) {
            try await store.findings(scan: 987_654_321)
        }
        try await store.close()
    }

    @Test(arguments: Backend.all)
    func openingAgainKeepsTheScansAndTheSchema(backend: Backend) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await backend.open(in: scratch.path)
        let saved = try await store.save(Sample.report([Sample.finding("s3.bucket.tls-required", "logs", .fail)]), scannedAt: scannedAt, rampartVersion: "1")
        try await store.close()
        for _ in 0..<2 {
            let again = try await backend.open(in: scratch.path)
            #expect(try await again.scan(id: saved.id) == saved)
            try await again.close()
        }
    }

    /// Two writers on two connections at once (two scans saving to the same database).
    @Test(arguments: Backend.all)
    func twoConcurrentSavesBothSucceed(backend: Backend) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let findings = (0..<500).map { Sample.finding("s3.bucket.tls-required", "bucket-\($0)", $0 % 3 == 0 ? .fail : .pass) }
        let a = try await backend.open(in: scratch.path)
        let b = try await backend.open(in: scratch.path)
        async let savedA = a.save(Sample.report(findings, source: "writer a"), scannedAt: scannedAt, rampartVersion: "1")
        async let savedB = b.save(Sample.report(findings, source: "writer b"), scannedAt: scannedAt, rampartVersion: "1")
        let (ra, rb) = try await (savedA, savedB)
        #expect(ra.id != rb.id)
        #expect(try await a.findings(scan: rb.id).count == 500)
        #expect(try await b.findings(scan: ra.id).count == 500)
        try await a.close()
        try await b.close()
    }

    /// Should a scan judge the same check on the same resource twice, the worse verdict is kept.
    @Test func aDuplicateFindingIdKeepsTheWorseVerdict() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await Backend.sqlite.open(in: scratch.path)
        let findings = [Sample.finding("s3.bucket.tls-required", "logs", .pass), Sample.finding("s3.bucket.tls-required", "logs", .fail)]
        let saved = try await store.save(Sample.report(findings), scannedAt: scannedAt, rampartVersion: "1")
        #expect(try await store.findings(scan: saved.id).map(\.status) == [.fail])
        try await store.close()
    }

    @Test func theFileIsOwnerOnlyInAnOwnerOnlyDirectory() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await Backend.sqlite.open(in: scratch.path)
        _ = try await store.save(Sample.report([Sample.finding("s3.bucket.tls-required", "logs", .fail)]), scannedAt: scannedAt, rampartVersion: "1")
        let file = scratch.path + "/store/rampart.sqlite"
        for path in [file, file + "-wal", file + "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
        try await store.close()
        let directoryMode = try FileManager.default.attributesOfItem(atPath: scratch.path + "/store")[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
    }

    @Test func aFileThatIsNotSQLiteIsRefusedByName() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/rampart.sqlite"
        try Data(String(repeating: "not a database ", count: 400).utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try await SQLFindingStore.open(.sqlite(path: path), create: true)
            Issue.record("a text file opened as a store")
        } catch {
            guard case .notADatabase(let named, _) = error else {
                Issue.record("expected notADatabase, got \(error)")
                return
            }
            #expect(named == path)
            #expect(error.description.hasPrefix("\(path): not a readable SQLite database"))
        }
    }

    @Test func readingAStoreThatDoesNotExistCreatesNothing() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/none/rampart.sqlite"
        await #expect(throws: StoreError.missing(path: path)) { try await SQLFindingStore.open(.sqlite(path: path), create: false) }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/none"))
    }

    @Test func anotherProgramsSQLiteDatabaseIsRefused() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/other.sqlite"
        try sqlite(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        await #expect(throws: StoreError.foreignDatabase(path: path)) { try await SQLFindingStore.open(.sqlite(path: path), create: true) }
    }

    @Test func aStoreFromANewerRampartIsRefused() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let store = try await Backend.sqlite.open(in: scratch.path)
        try await store.close()
        let path = scratch.path + "/store/rampart.sqlite"
        try sqlite(path, "INSERT INTO schema_version (version) VALUES (99)")
        await #expect(throws: StoreError.newerSchema(store: path, found: 99, supported: 3)) {
            try await SQLFindingStore.open(.sqlite(path: path), create: true)
        }
    }

    /// Runs one statement with Python's sqlite3 module (CI installs Python for moto).
    private func sqlite(_ path: String, _ statement: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", path, statement]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }
}

/// CI must exercise PostgreSQL: a missing server there is a failure, not a silent skip.
@Suite struct PostgresAvailabilityTests {
    @Test func ciProvidesAPostgreSQLServer() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(Backend.postgresURL != nil, "CI is set but RAMPART_TEST_POSTGRES_URL is not: .ci/run must start PostgreSQL")
        }
    }

    /// Without a server this test is reported as skipped with its reason, so the run says that the
    /// store tests ran on SQLite only instead of dropping PostgreSQL silently.
    @Test(.enabled(if: Backend.postgresURL != nil, "PostgreSQL not found (set RAMPART_TEST_POSTGRES_URL; README, Running the tests)"))
    func theStoreTestsReachPostgreSQL() async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try await Backend.postgres.open(in: directory.path)
        _ = try await store.scans()
        try await store.close()
    }
}
