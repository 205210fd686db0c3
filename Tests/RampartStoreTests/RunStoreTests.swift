import Foundation
import RampartFindings
import RampartInventory
import RampartJSON
import RampartStore
import Testing

/// Scans saved as shards of a sharded run (`--run-id`): read back as one scan, a re-run shard
/// replacing its own accounts, one organization per run, and shards saving at once.
@Suite struct RunStoreTests {
    static func finding(_ checkId: String, account: String, _ name: String, _ status: Status) -> Finding {
        var finding = Sample.finding(checkId, name, status)
        finding.resource = ResourceRef(
            arn: "arn:aws:dynamodb:us-east-1:\(account):table/\(name)", type: "AWS::DynamoDB::Table", account: account, region: "us-east-1",
            availabilityZone: nil, availabilityZoneId: nil, name: name)
        finding.evidence = JSONObject(["table": .string(name), "account": .string(account)])
        return finding
    }

    static func shard(_ account: String, _ findings: [Finding], problems: [SourceProblem] = []) -> ScanReport {
        var report = Sample.report(findings)
        report.accounts = [account]
        report.problems = problems
        report.resourceCounts = ["AWS::DynamoDB::Table": findings.count]
        report.notes = ["a note from \(account)"]
        return report
    }

    /// Runs `body` with the store open, closing it whatever happens (an SQLite connection must be
    /// closed before it goes away).
    static func using(_ backend: Backend, _ directory: ScratchDirectory, _ body: (SQLFindingStore) async throws -> Void) async throws {
        let store = try await backend.open(in: directory.path)
        do {
            try await body(store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    static func runId() -> String { "test-" + UUID().uuidString }

    @Test(arguments: Backend.all)
    func theShardsOfARunReadBackAsOneScan(backend: Backend) async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try await Self.using(backend, directory) { store in
            let run = Self.runId()
            let problem = SourceProblem(
                call: AWSCall(account: "222222222222", region: "us-east-1", service: "dynamodb", operation: "list-tables"), kind: .failed,
                message: "AccessDenied")
            let a = try await store.save(
                Self.shard("111111111111", [Self.finding("c.one", account: "111111111111", "t1", .fail)]), scannedAt: Date(timeIntervalSince1970: 1_795_000_100),
                rampartVersion: "t", run: RunTag(id: run, organization: "o-abc"))
            let outside = try await store.save(Sample.report([Sample.finding("c.one", "b", .pass)]), scannedAt: Date(timeIntervalSince1970: 1_795_000_150), rampartVersion: "t")
            let b = try await store.save(
                Self.shard("222222222222", [Self.finding("c.one", account: "222222222222", "t2", .pass), Self.finding("c.two", account: "222222222222", "t2", .unknown)], problems: [problem]),
                scannedAt: Date(timeIntervalSince1970: 1_795_000_200), rampartVersion: "t", run: RunTag(id: run, organization: "o-abc"))

            let read = try await store.run(id: run)
            #expect(read.scans.map(\.id) == [a.id, b.id])
            #expect(read.record.accounts == ["111111111111", "222222222222"])
            #expect(read.record.counts == [.pass: 1, .fail: 1, .unknown: 1, .manual: 0])
            #expect(read.record.shards == 2)
            #expect(read.record.runId == run)
            let findings = try await store.findings(run: read)
            #expect(findings.map(\.findingId) == [
                "c.one/arn:aws:dynamodb:us-east-1:111111111111:table/t1", "c.one/arn:aws:dynamodb:us-east-1:222222222222:table/t2",
                "c.two/arn:aws:dynamodb:us-east-1:222222222222:table/t2",
            ])
            // A shard keeps what the outputs need: evidence, risk, aliases, and the scan's details.
            #expect(findings[0].evidenceJSON.flatMap { try? JSONParser.parse($0) } == .object(JSONObject(["table": "t1", "account": "111111111111"])))
            #expect(findings[0].risk == "risk")
            #expect(findings[0].aliases == ["prowler": "s3_bucket_secure_transport_policy"])
            let details = try #require(try await store.details(scan: b.id))
            #expect(details == ScanDetails(organization: "o-abc", resourceCounts: ["AWS::DynamoDB::Table": 2], problems: [problem], notes: ["a note from 222222222222"]))

            // Outside a run nothing beyond names and messages is kept, as before.
            #expect(try await store.findings(scan: outside.id).allSatisfy { $0.evidenceJSON == nil && $0.risk == nil && $0.aliases == nil })
            #expect(try await store.details(scan: outside.id) == nil)

            // history: the run once, where its newest shard is, beside the other scan.
            let lines = try await store.scansAndRuns().filter { $0.runId == run || $0.id == outside.id }
            #expect(lines.map(\.runId) == [run, nil])
        }
    }

    @Test(arguments: Backend.all)
    func aReRunShardReplacesItsOwnAccountsAndNothingElse(backend: Backend) async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try await Self.using(backend, directory) { store in
            let run = Self.runId()
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            _ = try await store.save(Self.shard("111111111111", [Self.finding("c.one", account: "111111111111", "t1", .fail)]), scannedAt: now, rampartVersion: "t", run: RunTag(id: run))
            let other = try await store.save(Self.shard("222222222222", [Self.finding("c.one", account: "222222222222", "t2", .fail)]), scannedAt: now, rampartVersion: "t", run: RunTag(id: run))
            _ = try await store.save(Self.shard("111111111111", [Self.finding("c.one", account: "111111111111", "t1", .pass)]), scannedAt: now, rampartVersion: "t", run: RunTag(id: run))
            let read = try await store.run(id: run)
            #expect(read.scans.count == 2)
            #expect(read.scans.first?.id == other.id)
            let statuses = try await store.findings(run: read).map { "\($0.resource.account) \($0.status.rawValue)" }
            #expect(statuses == ["111111111111 PASS", "222222222222 FAIL"])
            // Another run with the same accounts is untouched.
            let second = Self.runId()
            _ = try await store.save(Self.shard("111111111111", [Self.finding("c.one", account: "111111111111", "t1", .unknown)]), scannedAt: now, rampartVersion: "t", run: RunTag(id: second))
            #expect(try await store.run(id: run).scans.count == 2)
        }
    }

    @Test(arguments: Backend.all)
    func aShardOfAnotherOrganizationIsRefused(backend: Backend) async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try await Self.using(backend, directory) { store in
            let run = Self.runId()
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            _ = try await store.save(Self.shard("111111111111", [Self.finding("c.one", account: "111111111111", "t1", .fail)]), scannedAt: now, rampartVersion: "t", run: RunTag(id: run, organization: "o-one"))
            await #expect(throws: StoreError.runMixesOrganizations(store: store.name, run: run, held: "o-one", given: "o-two")) {
                _ = try await store.save(Self.shard("222222222222", [Self.finding("c.one", account: "222222222222", "t2", .fail)]), scannedAt: now, rampartVersion: "t", run: RunTag(id: run, organization: "o-two"))
            }
            #expect(try await store.run(id: run).scans.count == 1)
            await #expect(throws: StoreError.unknownRun(store: store.name, id: "no-such-run")) { _ = try await store.run(id: "no-such-run") }
        }
    }

    /// N connections (as N shard processes would have) save shards of one run to PostgreSQL at
    /// once. (SQLite writers in one process would wait on each other inside SQLiteNIO's few threads;
    /// ShardedRunTests runs N processes against an SQLite file.)
    @Test(.enabled(if: Backend.postgresURL != nil, "PostgreSQL not found (set RAMPART_TEST_POSTGRES_URL; README, Running the tests)"))
    func shardsSavingAtOnceAllLand() async throws {
        let backend = Backend.postgres
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try await Self.using(backend, directory) { first in
            let run = Self.runId()
            let accounts = (1...6).map { String(format: "%012d", $0) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for account in accounts {
                    group.addTask {
                        try await Self.using(backend, directory) { store in
                            let findings = (0..<50).map { Self.finding("c.one", account: account, "t\($0)", $0 % 3 == 0 ? .fail : .pass) }
                            _ = try await store.save(Self.shard(account, findings), scannedAt: Date(), rampartVersion: "t", run: RunTag(id: run, organization: "o-abc"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let read = try await first.run(id: run)
            #expect(read.scans.count == accounts.count)
            #expect(read.record.accounts == accounts)
            #expect(try await first.findings(run: read).count == accounts.count * 50)
            #expect(read.record.counts[.fail] == accounts.count * 17)
        }
    }

    @Test func runIdsAreCheckedCharacters() {
        #expect(RunTag.problem(with: "nightly-2026-12-07") == nil)
        #expect(RunTag.problem(with: "3f2a9c1e-7d1b-4c1e-9a55-0c8f0d1e2a3b") == nil)
        #expect(RunTag.problem(with: "") != nil)
        #expect(RunTag.problem(with: "a b") != nil)
        #expect(RunTag.problem(with: String(repeating: "a", count: 129)) != nil)
        #expect(RunTag.problem(with: "x\u{1B}[31m")?.contains("\\u{1B}") == true)
    }
}
