import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// The sharded-run contract as a job engine runs it: N `rampart scan --run-id` processes writing
/// one store at once (SQLite, and PostgreSQL when CI gives one), then `rampart report --run-id`,
/// `history`, `diff --run-id`; and the per-account views of a scan of several accounts.
@Suite struct ShardedRunTests {
    static let demo = Rampart.packageRoot.appendingPathComponent("Examples/demo-snapshot").path
    static let demoAccount = "123456789012"
    static let accounts = ["123456789012", "210987654321", "333344445555"]
    /// Checks whose resources carry the account in their ARN (S3 bucket ARNs do not, and the
    /// credential report's user ARNs are base64 the copy leaves alone, so two copies of the demo
    /// would share them), over several services.
    static let checks = [
        "dynamodb.table.point-in-time-recovery", "iam.role.trust-not-public", "ec2.volume.encrypted", "rds.db-instance.iam-authentication",
        "iam.password-policy.require-symbol", "lambda.function.supported-runtime",
    ].flatMap { ["--check", $0] }

    /// The demo snapshot as account `account` (every mention of the demo's account id replaced).
    static func demoAs(_ account: String, into folder: String) throws {
        let files = FileManager.default
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try files.copyItem(atPath: demo + "/" + demoAccount, toPath: folder + "/" + account)
        try files.copyItem(atPath: demo + "/manifest.json", toPath: folder + "/manifest.json")
        guard account != demoAccount, let walker = files.enumerator(atPath: folder) else { return }
        for case let relative as String in walker where relative.hasSuffix(".json") {
            let path = folder + "/" + relative
            let text = try String(contentsOfFile: path, encoding: .utf8)
            if text.contains(demoAccount) { try text.replacingOccurrences(of: demoAccount, with: account).write(toFile: path, atomically: true, encoding: .utf8) }
        }
    }

    /// One snapshot per account, and one holding them all (its manifest lists every account and error).
    static func snapshots(in directory: TemporaryDirectory) throws -> (shards: [String], all: String) {
        var shards: [String] = []
        let all = directory.path + "/all"
        try FileManager.default.createDirectory(atPath: all, withIntermediateDirectories: true)
        var errors: [JSONValue] = []
        var manifest = JSONObject()
        for account in accounts {
            let shard = directory.path + "/shard-" + account
            try demoAs(account, into: shard)
            shards.append(shard)
            try FileManager.default.copyItem(atPath: shard + "/" + account, toPath: all + "/" + account)
            let own = try #require(try JSONParser.parse(String(contentsOfFile: shard + "/manifest.json", encoding: .utf8)).objectValue)
            errors += own["errors"]?.arrayValue ?? []
            manifest = own
        }
        manifest["accounts"] = .array(accounts.map { .string($0) })
        manifest["errors"] = .array(errors)
        try JSONWriter.string(.object(manifest), pretty: true).write(toFile: all + "/manifest.json", atomically: true, encoding: .utf8)
        return (shards, all)
    }

    static func stores(in directory: TemporaryDirectory) -> [String: String] {
        var stores = ["sqlite": directory.path + "/store/rampart.sqlite"]
        if let url = ProcessInfo.processInfo.environment["RAMPART_TEST_POSTGRES_URL"], !url.isEmpty { stores["postgres"] = url }
        return stores
    }

    /// Starts every shard at once, each holding its save transaction open a moment so that they
    /// overlap in the store, and waits for all of them.
    static func runShards(_ shards: [String], runId: String, store: String, extra: [String] = []) throws -> [(Int32, String)] {
        let processes: [(Process, Pipe)] = try shards.map { shard in
            let process = Process()
            process.executableURL = Rampart.executable
            process.arguments = ["scan", "--snapshot", shard, "--run-id", runId, "--store", store, "--format", "json", "--output-dir", shard + "-out"] + checks + extra
            process.environment = Rampart.environment(["RAMPART_TEST_PAUSE_IN_STORE_TRANSACTION": "1"])
            let err = Pipe()
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = err
            try process.run()
            return (process, err)
        }
        return processes.map { process, err in
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
    }

    static func findingsById(_ json: String) throws -> [String: JSONValue] {
        let array = try #require(try JSONParser.parse(json).arrayValue)
        var out: [String: JSONValue] = [:]
        for finding in array {
            let id = (finding["checkId"]?.stringValue ?? "?") + "/" + (finding["resource"]?["arn"]?.stringValue ?? "?")
            #expect(out[id] == nil, "\(id) twice")
            out[id] = finding
        }
        return out
    }

    @Test(arguments: ["sqlite", "postgres"])
    func shardsWrittenAtOnceReportExactlyTheFindingsOfOneScan(backend: String) throws {
        let directory = try TemporaryDirectory()
        guard let store = Self.stores(in: directory)[backend] else { return }
        let (shards, all) = try Self.snapshots(in: directory)
        let runId = "test-\(UUID().uuidString)"
        for (status, stderr) in try Self.runShards(shards, runId: runId, store: store) {
            #expect(status == 0, "\(stderr)")
            #expect(stderr.contains("of run \(runId) in "), "\(stderr)")
        }
        let single = try Rampart.run(["scan", "--snapshot", all, "--no-store", "--format", "json"] + Self.checks)
        try #require(single.status == 0, "\(single.stderr)")
        let report = try Rampart.run(["report", "--run-id", runId, "--store", store, "--format", "json"])
        try #require(report.status == 0, "\(report.stderr)")
        let expected = try Self.findingsById(single.stdout)
        let got = try Self.findingsById(report.stdout)
        #expect(!expected.isEmpty)
        #expect(Set(got.keys) == Set(expected.keys))
        for (id, finding) in expected { #expect(got[id] == finding, "\(id)") }
        #expect(Set(got.values.compactMap { $0["resource"]?["account"]?.stringValue }) == Set(Self.accounts))

        // history: the run is one line with every shard's accounts and the counts of the single scan.
        let history = try Rampart.run(["history", "--store", store, "--format", "json"])
        let entries = try #require(try JSONParser.parse(history.stdout).arrayValue).filter { $0["runId"]?.stringValue == runId }
        try #require(entries.count == 1, "\(history.stdout)")
        #expect(entries[0]["shards"] == .number(3))
        #expect(entries[0]["accounts"]?.arrayValue?.compactMap(\.stringValue) == Self.accounts)
        for status in ["PASS", "FAIL", "UNKNOWN", "MANUAL"] {
            #expect(entries[0]["counts"]?[status] == .number(Double(expected.values.filter { $0["status"]?.stringValue == status }.count)), "\(status)")
        }
        let table = try Rampart.run(["history", "--store", store])
        #expect(table.stdout.contains("run:\(runId)"))
        #expect(table.stdout.contains("run \(runId) (3 shards)"))
    }

    @Test func aReRunShardReplacesItsOwnAccountsOnly() throws {
        let directory = try TemporaryDirectory()
        let store = directory.path + "/store/rampart.sqlite"
        let (shards, _) = try Self.snapshots(in: directory)
        for (status, stderr) in try Self.runShards(shards, runId: "nightly", store: store) { #expect(status == 0, "\(stderr)") }
        let before = try Self.findingsById(try Rampart.run(["report", "--run-id", "nightly", "--store", store, "--format", "json"]).stdout)
        // Shard 1 runs again with fewer checks: its account's findings are replaced, the others stay.
        let rerun = try Rampart.run(
            ["scan", "--snapshot", shards[1], "--run-id", "nightly", "--store", store, "--quiet", "--format", "json", "--check", "lambda.function.supported-runtime"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let after = try Self.findingsById(try Rampart.run(["report", "--run-id", "nightly", "--store", store, "--format", "json"]).stdout)
        let rerunAccount = Self.accounts[1]
        func ofAccount(_ findings: [String: JSONValue], _ account: String) -> [String: JSONValue] {
            findings.filter { $0.value["resource"]?["account"]?.stringValue == account }
        }
        for account in Self.accounts where account != rerunAccount {
            #expect(ofAccount(after, account) == ofAccount(before, account), "\(account)")
        }
        let replaced = ofAccount(after, rerunAccount)
        #expect(!replaced.isEmpty)
        #expect(replaced.values.allSatisfy { $0["checkId"]?.stringValue == "lambda.function.supported-runtime" })
        let history = try #require(try JSONParser.parse(try Rampart.run(["history", "--store", store, "--format", "json"]).stdout).arrayValue)
        #expect(history.count == 1)
        #expect(history.first?["shards"] == .number(3))
    }

    @Test func theReportWritesEveryScanFormat() throws {
        let directory = try TemporaryDirectory()
        let store = directory.path + "/store/rampart.sqlite"
        let (shards, _) = try Self.snapshots(in: directory)
        for (status, stderr) in try Self.runShards(Array(shards.prefix(2)), runId: "r1", store: store) { #expect(status == 0, "\(stderr)") }
        let out = directory.path + "/report"
        let formats = ["table", "json", "ocsf", "asff", "csv", "junit", "sarif", "html"]
        let result = try Rampart.run(["report", "--run-id", "r1", "--store", store, "--output-dir", out] + formats.flatMap { ["--format", $0] })
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.count == formats.count, "\(files)")
        // The table (also on stdout) has the per-account breakdown and the organization's total.
        #expect(result.stdout.contains("Rampart scan of run r1 (2 shards)"))
        #expect(result.stdout.contains("Per account (2 accounts"))
        #expect(result.stdout.contains("\n  123456789012  "))
        #expect(result.stdout.contains("\n  210987654321  "))
        #expect(result.stdout.contains("\n  organization  "))
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("<table id=\"accounts\">"))
        #expect(html.contains("Organization (all accounts)"))
        let sarif = try JSONParser.parse(String(contentsOfFile: out + "/" + (files.first { $0.hasSuffix(".sarif") || $0.contains("sarif") } ?? "?"), encoding: .utf8))
        #expect(sarif["runs"]?.arrayValue?.isEmpty == false)
    }

    @Test func unknownOrBadRunIdsAreOneLineExit2() throws {
        let directory = try TemporaryDirectory()
        let store = directory.path + "/store/rampart.sqlite"
        let scan = try Rampart.run(["scan", "--demo", "--quiet", "--store", store, "--format", "json", "--check", "iam.user.console-mfa"])
        #expect(scan.status == 0, "\(scan.stderr)")
        for arguments in [
            ["report", "--run-id", "nope", "--store", store], ["report", "--run-id", "nope", "--store", directory.path + "/none.sqlite"],
            ["report", "--run-id", "bad id", "--store", store], ["scan", "--demo", "--run-id", "a/b", "--store", store],
            ["scan", "--demo", "--run-id", "x", "--no-store"], ["diff", "--run-id", "nope", "--run-id", "other", "--store", store],
            ["diff", "--run-id", "only-one", "--store", store],
        ] {
            let result = try Rampart.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        let unknown = try Rampart.run(["report", "--run-id", "nope", "--store", store])
        #expect(unknown.stderr == "rampart: \(store): no scan was saved under run id \"nope\"; 'rampart history' lists the runs\n")
    }

    /// Two runs of the same accounts, the second with a table's point-in-time recovery turned off.
    @Test func diffComparesTwoRuns() throws {
        let directory = try TemporaryDirectory()
        let store = directory.path + "/store/rampart.sqlite"
        let (shards, _) = try Self.snapshots(in: directory)
        for (status, stderr) in try Self.runShards(shards, runId: "monday", store: store) { #expect(status == 0, "\(stderr)") }
        let account = Self.accounts[2]
        let backups = shards[2] + "/\(account)/us-east-1/dynamodb/describe-continuous-backups/"
        let disabled = try Data(contentsOf: URL(fileURLWithPath: backups + "acme-feature-flags.json"))
        try disabled.write(to: URL(fileURLWithPath: backups + "acme-sessions.json"))
        for (status, stderr) in try Self.runShards(shards, runId: "tuesday", store: store) { #expect(status == 0, "\(stderr)") }

        let result = try Rampart.run(["diff", "--run-id", "monday", "--run-id", "tuesday", "--store", store, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let diff = try JSONParser.parse(result.stdout)
        #expect(diff["newFindings"]?.arrayValue?.compactMap { $0["findingId"]?.stringValue }
            == ["dynamodb.table.point-in-time-recovery/arn:aws:dynamodb:us-east-1:\(account):table/acme-sessions"])
        #expect(diff["fixed"]?.arrayValue?.isEmpty == true)
        #expect(diff["old"]?["runId"]?.stringValue == "monday")
        #expect(diff["new"]?["runId"]?.stringValue == "tuesday")
        // Without ids: the two latest history lines are the two runs, not two shards of one.
        let latest = try Rampart.run(["diff", "--store", store])
        #expect(latest.status == 0, "\(latest.stderr)")
        #expect(latest.stdout.hasPrefix("Scan run:monday ("), "\(latest.stdout)")
        #expect(latest.stdout.contains("NEW 1   FIXED 0   CHANGED 0"))
    }

    @Test func severalAccountsShowEachAccountAndTheOrganization() throws {
        let directory = try TemporaryDirectory()
        let (_, all) = try Self.snapshots(in: directory)
        let scan = try Rampart.run(["scan", "--snapshot", all, "--no-store"] + Self.checks)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(scan.stdout.contains("Per account (3 accounts; score = PASS / (PASS + FAIL + UNKNOWN)):\n  ACCOUNT "))
        for account in Self.accounts { #expect(scan.stdout.contains("\n  \(account)  ")) }

        let matrix = try JSONParser.parse(try Rampart.run(["responsibilities", "--snapshot", all, "--format", "json"]).stdout)
        let rows = (matrix["services"]?.arrayValue ?? []).flatMap { $0["responsibilities"]?.arrayValue ?? [] }
        let judged = rows.filter { $0["byAccount"] != nil }
        #expect(!judged.isEmpty)
        #expect(judged.allSatisfy { Set($0["byAccount"]?.objectValue?.keys ?? []) .isSubset(of: Set(Self.accounts)) })

        // One account's own matrix: its rows have no per-account part, and only its failures count.
        let one = try Rampart.run(["responsibilities", "--snapshot", all, "--format", "json", "--account", Self.accounts[1]])
        #expect(one.status == 0, "\(one.stderr)")
        let oneMatrix = try JSONParser.parse(one.stdout)
        #expect(oneMatrix["accounts"]?.arrayValue?.compactMap(\.stringValue) == [Self.accounts[1]])
        #expect((oneMatrix["services"]?.arrayValue ?? []).flatMap { $0["responsibilities"]?.arrayValue ?? [] }.allSatisfy { $0["byAccount"] == nil })

        let compliance = try JSONParser.parse(try Rampart.run(["compliance", "--snapshot", all, "--framework", "cis-aws-5.0", "--format", "json"]).stdout)
        let scores = try #require(compliance["frameworks"]?.arrayValue?.first?["accountScores"]?.objectValue)
        #expect(scores.keys.sorted() == Self.accounts)
        let table = try Rampart.run(["compliance", "--snapshot", all, "--framework", "cis-aws-5.0", "--account", Self.accounts[0]])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(!table.stdout.contains("Account \(Self.accounts[0]): score"))

        let bad = try Rampart.run(["compliance", "--snapshot", all, "--framework", "cis-aws-5.0", "--account", "999999999999"])
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(bad.stderr.contains("--account 999999999999: not an account of this source"))
    }

    @Test func aSingleAccountShowsNoBreakdown() throws {
        let scan = try Rampart.run(["scan", "--demo", "--no-store", "--check", "iam.user.console-mfa"])
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(!scan.stdout.contains("Per account"))
        let matrix = try Rampart.run(["responsibilities", "--demo", "--format", "json"])
        #expect(!matrix.stdout.contains("byAccount"))
    }
}
