public import Foundation
public import RampartFindings
import RampartInventory
import RampartJSON
import PostgresKit
import SQLiteKit

/// The findings store on SQLite (a local file, the default) or PostgreSQL (shared by a team),
/// through SQLKit with one set of queries. One connection per store; an actor, so one request
/// runs at a time on it. Open with `open(_:create:)` and `close()` when done.
public actor SQLFindingStore: FindingStore {
    /// How long an SQLite writer waits for another scan's transaction before giving up.
    public static let busyTimeoutMilliseconds = 60_000
    /// Rows per INSERT statement: well under SQLite's 32766 and PostgreSQL's 65535 bound values.
    static let rowsPerInsert = 200

    /// The store as messages name it (never with a password).
    public nonisolated let name: String
    private let db: any SQLDatabase
    private let dialect: StoreSchema.Dialect
    private let closeConnection: @Sendable () async throws -> Void
    /// Runs inside the save transaction just before COMMIT (tests use it to kill a scan mid-write).
    private let beforeCommit: (@Sendable () async -> Void)?
    private var closed = false

    private init(
        name: String, db: any SQLDatabase, dialect: StoreSchema.Dialect, close: @escaping @Sendable () async throws -> Void,
        beforeCommit: (@Sendable () async -> Void)?
    ) {
        self.name = name
        self.db = db
        self.dialect = dialect
        self.closeConnection = close
        self.beforeCommit = beforeCommit
    }

    /// Opens the store, creating it (and, for SQLite, its file mode 0600 in a directory made mode
    /// 0700) when `create` is set, and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - password: used for PostgreSQL when the URL carries none (the CLI passes `PGPASSWORD`).
    ///   - beforeCommit: called inside the save transaction before COMMIT; for tests.
    public static func open(
        _ location: StoreLocation, create: Bool, password: String? = nil, beforeCommit: (@Sendable () async -> Void)? = nil
    ) async throws(StoreError) -> SQLFindingStore {
        let store: SQLFindingStore
        switch location {
        case .sqlite(let path):
            store = try await openSQLite(path: path, create: create, beforeCommit: beforeCommit)
        case .postgres(let url):
            store = try await openPostgres(url: url, shown: location.description, password: password, beforeCommit: beforeCommit)
        }
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// Closes the connection; the store cannot be used afterwards.
    public func close() async throws {
        guard !closed else { return }
        closed = true
        try await closeConnection()
    }

    private static var quietLogger: Logger {
        var logger = Logger(label: "rampart.store")
        logger.logLevel = .critical
        return logger
    }

    private static func openSQLite(path: String, create: Bool, beforeCommit: (@Sendable () async -> Void)?) async throws(StoreError)
        -> SQLFindingStore
    {
        let files = FileManager.default
        if !files.fileExists(atPath: path) {
            guard create else { throw .missing(path: path) }
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotOpen(store: path, reason: "cannot create the directory \(directory)")
            }
            if let failure = createOwnerOnlyFile(path) { throw .cannotOpen(store: path, reason: failure) }
        } else if access(path, R_OK | W_OK) != 0 {
            throw .cannotOpen(store: path, reason: String(cString: strerror(errno)))
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: quietLogger)
        } catch {
            throw .cannotOpen(store: path, reason: describe(error))
        }
        let db = connection.sql(queryLogLevel: nil)
        do {
            try await db.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
            try await db.raw("PRAGMA journal_mode = WAL").run()
            try await db.raw("PRAGMA foreign_keys = ON").run()
            let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            if !tables.isEmpty, !tables.contains("schema_version") {
                try? await connection.close()
                throw StoreError.foreignDatabase(path: path)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            try? await connection.close()
            throw .notADatabase(path: path, reason: describe(error))
        }
        return SQLFindingStore(
            name: path, db: db, dialect: .sqlite, close: { try await connection.close() }, beforeCommit: beforeCommit)
    }

    private static func openPostgres(url: String, shown: String, password: String?, beforeCommit: (@Sendable () async -> Void)?)
        async throws(StoreError) -> SQLFindingStore
    {
        var configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw .badLocation(shown, reason: "not a PostgreSQL URL this Rampart reads")
        }
        if configuration.coreConfiguration.password == nil, let password {
            configuration.coreConfiguration.password = password
        }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration.coreConfiguration, id: 1, logger: quietLogger)
        } catch {
            throw .cannotOpen(store: shown, reason: describe(error))
        }
        return SQLFindingStore(
            name: shown, db: connection.sql(queryLogLevel: nil), dialect: .postgres, close: { try await connection.close() },
            beforeCommit: beforeCommit)
    }

    /// One line about a database error, without the query text or anything the connection was given.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if let underlying = error.underlying { return "\(error.code): \(oneLine(String(describing: underlying)))" }
            return "\(error.code)"
        }
        if let error = error as? SQLiteError { return oneLine(error.message) }
        return oneLine(String(describing: error))
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    // MARK: - Schema

    private var schemaVersion: Int {
        get async throws {
            try await db.raw("SELECT MAX(version) AS version FROM schema_version").first()?
                .decode(column: "version", as: Int?.self) ?? 0
        }
    }

    private func migrate() async throws(StoreError) {
        do {
            // A store already up to date needs no write lock, so reading never waits for a scan.
            if try await tableExists("schema_version") {
                let current = try await schemaVersion
                if current > StoreSchema.version { throw StoreError.newerSchema(store: name, found: current, supported: StoreSchema.version) }
                if current == StoreSchema.version { return }
            }
            try await inTransaction(lock: dialect.migrationLock) {
                try await self.db.raw(SQLQueryString(StoreSchema.versionTable)).run()
                let current = try await self.schemaVersion
                if current > StoreSchema.version {
                    throw StoreError.newerSchema(store: self.name, found: current, supported: StoreSchema.version)
                }
                for (index, statements) in StoreSchema.migrations(self.dialect).enumerated() where index + 1 > current {
                    for statement in statements { try await self.db.raw(SQLQueryString(statement)).run() }
                    try await self.db.raw("INSERT INTO schema_version (version) VALUES (\(bind: index + 1))").run()
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw wrap(error, "preparing the schema")
        }
    }

    private func tableExists(_ table: String) async throws -> Bool {
        let query: SQLQueryString =
            switch dialect {
            case .sqlite: "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)"
            case .postgres: "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(bind: table)"
            }
        return try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }

    /// Runs `body` in one transaction: all of it is committed, or none of it.
    private func inTransaction<T>(lock: [String] = [], _ body: () async throws -> T) async throws -> T {
        for statement in dialect.beginWrite + lock { try await db.raw(SQLQueryString(statement)).run() }
        do {
            let result = try await body()
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    private func wrap(_ error: any Error, _ operation: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return .failed(store: name, operation: operation, reason: Self.describe(error))
    }

    // MARK: - FindingStore

    public func save(_ report: ScanReport, scannedAt: Date, rampartVersion: String, run: RunTag?) async throws -> ScanRecord {
        let counts = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, report.count($0)) })
        var record = ScanRecord(
            id: 0, scannedAt: scannedAt, collectedAt: report.collectedAt, source: report.source, accounts: report.accounts,
            regions: report.regions, checksRun: report.checksRun, resourceCount: report.resourceCounts.values.reduce(0, +),
            problemCount: report.problems.count, counts: counts, rampartVersion: rampartVersion)
        record.muted = report.muted.count
        record.runId = run?.id
        let details = run.map { ScanDetails(organization: $0.organization, resourceCounts: report.resourceCounts, problems: report.problems, notes: report.notes) }
        // Outside a run, nothing read from the account beyond names and messages is kept.
        let findings = Self.uniqueFindings(report.findings, keepingEvidence: run != nil)
        var resources: [ResourceRef] = []
        var seenArns = Set<String>()
        for finding in findings where seenArns.insert(finding.resource.arn).inserted { resources.append(finding.resource) }
        let draft = record
        do {
            record.id = try await inTransaction(lock: run == nil ? [] : dialect.runLock) {
                if let run { try await replaceShard(of: run, accounts: draft.accounts) }
                let id = try await insertScan(draft, details: details)
                for batch in stride(from: 0, to: resources.count, by: Self.rowsPerInsert) {
                    let rows = resources[batch..<min(batch + Self.rowsPerInsert, resources.count)]
                    let insert = db.insert(into: "resources")
                        .columns("scan_id", "arn", "type", "account", "region", "availability_zone", "availability_zone_id", "name")
                    for r in rows { insert.values([id, r.arn, r.type, r.account, r.region, r.availabilityZone, r.availabilityZoneId, r.name]) }
                    try await insert.run()
                }
                for batch in stride(from: 0, to: findings.count, by: Self.rowsPerInsert) {
                    let rows = findings[batch..<min(batch + Self.rowsPerInsert, findings.count)]
                    let insert = db.insert(into: "findings")
                        .columns(
                            "scan_id", "finding_id", "check_id", "resource_arn", "title", "status", "severity", "service", "message",
                            "remediation", "owner", "service_model", "frameworks", "muted_rule", "muted_reason", "muted_owner", "muted_expires",
                            "risk", "aliases", "evidence")
                    for f in rows {
                        insert.values([
                            id, f.findingId, f.checkId, f.resource.arn, f.title, f.status.rawValue, f.severity.rawValue, f.service,
                            f.message, f.remediation, f.owner.rawValue, f.serviceModel.rawValue, Self.encode(f.frameworks),
                            f.muted?.rule, f.muted?.reason, f.muted?.owner, f.muted?.expires,
                            f.risk, f.aliases.map(Self.encode), f.evidenceJSON,
                        ])
                    }
                    try await insert.run()
                }
                if let beforeCommit { await beforeCommit() }
                return id
            }
        } catch {
            throw wrap(error, "saving the scan")
        }
        return record
    }

    /// The stored form of each finding, one per finding id: should a scan judge the same check on
    /// the same resource twice, the worst verdict is kept (FAIL over UNKNOWN over MANUAL over PASS).
    static func uniqueFindings(_ findings: [Finding], keepingEvidence: Bool = false) -> [StoredFinding] {
        func weight(_ status: Status) -> Int {
            switch status {
            case .fail: 3
            case .unknown: 2
            case .manual: 1
            case .pass: 0
            }
        }
        var index: [String: Int] = [:]
        var out: [StoredFinding] = []
        for finding in findings {
            var stored = StoredFinding(finding)
            if keepingEvidence {
                stored.risk = finding.risk
                stored.aliases = finding.aliases
                stored.evidenceJSON = JSONWriter.string(.object(finding.evidence))
            }
            if let at = index[stored.findingId] {
                let kept = out[at]
                if (weight(stored.status), stored.severity) > (weight(kept.status), kept.severity) { out[at] = stored }
            } else {
                index[stored.findingId] = out.count
                out.append(stored)
            }
        }
        return out
    }

    /// Inside a run's save: refuses a shard of another organization than the run's, and deletes
    /// the run's earlier scans of any of `accounts` (a re-run shard replaces its own accounts only).
    private func replaceShard(of run: RunTag, accounts: [String]) async throws {
        let rows = try await db.raw("SELECT id, accounts, details FROM scans WHERE run_id = \(bind: run.id)").all()
        let mine = Set(accounts)
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            if let given = run.organization, let text = try row.decode(column: "details", as: String?.self),
                let held = try Self.details(text).organization, held != given
            {
                throw StoreError.runMixesOrganizations(store: name, run: run.id, held: held, given: given)
            }
            if !mine.isDisjoint(with: try Self.strings(row.decode(column: "accounts", as: String.self))) {
                try await db.raw("DELETE FROM findings WHERE scan_id = \(bind: id)").run()
                try await db.raw("DELETE FROM resources WHERE scan_id = \(bind: id)").run()
                try await db.raw("DELETE FROM scans WHERE id = \(bind: id)").run()
            }
        }
    }

    private func insertScan(_ record: ScanRecord, details: ScanDetails?) async throws -> Int {
        let row = try await db.raw(
            """
            INSERT INTO scans (scanned_at, collected_at, source, accounts, regions, checks_run, resource_count, problem_count,
                pass_count, fail_count, unknown_count, manual_count, rampart_version, muted_count, run_id, details)
            VALUES (\(bind: Self.timestamp(record.scannedAt)), \(bind: Self.timestamp(record.collectedAt)), \(bind: record.source),
                \(bind: Self.encode(record.accounts)), \(bind: Self.encode(record.regions)), \(bind: record.checksRun),
                \(bind: record.resourceCount), \(bind: record.problemCount), \(bind: record.counts[.pass] ?? 0),
                \(bind: record.counts[.fail] ?? 0), \(bind: record.counts[.unknown] ?? 0), \(bind: record.counts[.manual] ?? 0),
                \(bind: record.rampartVersion), \(bind: record.muted), \(bind: record.runId), \(bind: details.map(Self.encode)))
            RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.failed(store: name, operation: "saving the scan", reason: "the database returned no scan id") }
        return try row.decode(column: "id", as: Int.self)
    }

    public func scans() async throws -> [ScanRecord] {
        do {
            return try await db.raw("SELECT * FROM scans ORDER BY id DESC").all().map(Self.scanRecord)
        } catch {
            throw wrap(error, "listing the scans")
        }
    }

    public func scan(id: Int) async throws -> ScanRecord {
        let row: (any SQLRow)?
        do {
            row = try await db.raw("SELECT * FROM scans WHERE id = \(bind: id)").first()
        } catch {
            throw wrap(error, "reading scan \(id)")
        }
        guard let row else { throw StoreError.unknownScan(store: name, id: id) }
        do {
            return try Self.scanRecord(row)
        } catch {
            throw wrap(error, "reading scan \(id)")
        }
    }

    public func run(id: String) async throws -> ScanRun {
        let scans: [ScanRecord]
        do {
            scans = try await db.raw("SELECT * FROM scans WHERE run_id = \(bind: id) ORDER BY id").all().map(Self.scanRecord)
        } catch {
            throw wrap(error, "reading run \(id)")
        }
        guard !scans.isEmpty else { throw StoreError.unknownRun(store: name, id: id) }
        return ScanRun(id: id, scans: scans)
    }

    public func details(scan id: Int) async throws -> ScanDetails? {
        let row: (any SQLRow)?
        do {
            row = try await db.raw("SELECT details FROM scans WHERE id = \(bind: id)").first()
        } catch {
            throw wrap(error, "reading scan \(id)")
        }
        guard let row else { throw StoreError.unknownScan(store: name, id: id) }
        do {
            return try row.decode(column: "details", as: String?.self).map(Self.details)
        } catch {
            throw wrap(error, "reading scan \(id)")
        }
    }

    public func findings(scan id: Int) async throws -> [StoredFinding] {
        _ = try await scan(id: id)
        do {
            let rows = try await db.raw(
                """
                SELECT f.finding_id, f.check_id, f.title, f.status, f.severity, f.service, f.message, f.remediation, f.owner,
                    f.service_model, f.frameworks, f.muted_rule, f.muted_reason, f.muted_owner, f.muted_expires, f.risk, f.aliases, f.evidence, r.arn, r.type, r.account, r.region, r.availability_zone, r.availability_zone_id, r.name
                FROM findings f JOIN resources r ON r.scan_id = f.scan_id AND r.arn = f.resource_arn
                WHERE f.scan_id = \(bind: id)
                """
            ).all()
            // Sorted here, not in SQL: PostgreSQL's text order follows the database's locale.
            return try rows.map(Self.storedFinding).sorted { $0.findingId < $1.findingId }
        } catch {
            throw wrap(error, "reading the findings of scan \(id)")
        }
    }

    // MARK: - Rows

    private static func scanRecord(_ row: any SQLRow) throws -> ScanRecord {
        func int(_ column: String) throws -> Int { try row.decode(column: column, as: Int.self) }
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        var record = ScanRecord(
            id: try int("id"), scannedAt: try date(text("scanned_at")), collectedAt: try date(text("collected_at")),
            source: try text("source"), accounts: try strings(text("accounts")), regions: try strings(text("regions")),
            checksRun: try int("checks_run"), resourceCount: try int("resource_count"), problemCount: try int("problem_count"),
            counts: [.pass: try int("pass_count"), .fail: try int("fail_count"), .unknown: try int("unknown_count"), .manual: try int("manual_count")],
            rampartVersion: try text("rampart_version"))
        record.muted = try int("muted_count")
        record.runId = try row.decode(column: "run_id", as: String?.self)
        return record
    }

    private static func storedFinding(_ row: any SQLRow) throws -> StoredFinding {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func known<T: RawRepresentable>(_ column: String, _ type: T.Type) throws -> T where T.RawValue == String {
            let raw = try text(column)
            guard let value = T(rawValue: raw) else { throw StoreDataError(description: "\(column) holds \"\(raw)\"") }
            return value
        }
        let resource = ResourceRef(
            arn: try text("arn"), type: try text("type"), account: try text("account"), region: try text("region"),
            availabilityZone: try row.decode(column: "availability_zone", as: String?.self),
            availabilityZoneId: try row.decode(column: "availability_zone_id", as: String?.self), name: try text("name"))
        var finding = StoredFinding(
            findingId: try text("finding_id"), checkId: try text("check_id"), title: try text("title"), status: try known("status", Status.self),
            severity: try known("severity", Severity.self), service: try text("service"), resource: resource, message: try text("message"),
            remediation: try text("remediation"), owner: try known("owner", Owner.self), serviceModel: try known("service_model", ServiceModel.self),
            frameworks: try frameworks(text("frameworks")))
        if let rule = try row.decode(column: "muted_rule", as: String?.self) {
            finding.muted = Muted(
                reason: try row.decode(column: "muted_reason", as: String?.self) ?? "",
                owner: try row.decode(column: "muted_owner", as: String?.self) ?? "",
                expires: try row.decode(column: "muted_expires", as: String?.self), rule: rule)
        }
        finding.risk = try row.decode(column: "risk", as: String?.self)
        finding.aliases = try row.decode(column: "aliases", as: String?.self).map(aliases)
        finding.evidenceJSON = try row.decode(column: "evidence", as: String?.self)
        return finding
    }

    /// A value in the database that this Rampart cannot read back.
    struct StoreDataError: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: - Encodings (TEXT columns, the same on both databases)

    /// UTC, whole seconds, ISO 8601: sorts as text and reads the same everywhere.
    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    static func date(_ text: String) throws -> Date {
        do {
            return try Date(text, strategy: .iso8601)
        } catch {
            throw StoreDataError(description: "\"\(text)\" is not an ISO 8601 time")
        }
    }

    static func encode(_ strings: [String]) -> String { JSONWriter.string(.array(strings.map { .string($0) })) }

    static func encode(_ frameworks: [String: [String]]) -> String {
        JSONWriter.string(.object(JSONObject(pairs: frameworks.keys.sorted().map { ($0, .array(frameworks[$0]!.map { .string($0) })) })))
    }

    static func encode(_ aliases: [String: String]) -> String {
        JSONWriter.string(.object(JSONObject(pairs: aliases.keys.sorted().map { ($0, .string(aliases[$0]!)) })))
    }

    static func aliases(_ text: String) throws -> [String: String] {
        guard let object = try JSONParser.parse(text).objectValue else { throw StoreDataError(description: "expected a JSON object") }
        var out: [String: String] = [:]
        for key in object.keys { out[key] = object[key]?.stringValue }
        return out
    }

    static func encode(_ details: ScanDetails) -> String {
        let problems: [JSONValue] = details.problems.map { p in
            .object(
                JSONObject(pairs: [
                    ("account", .string(p.call.account)), ("region", .string(p.call.region)), ("service", .string(p.call.service)),
                    ("operation", .string(p.call.operation)), ("resource", p.call.resource.map { .string($0) } ?? .null),
                    ("kind", .string(p.kind.rawValue)), ("message", .string(p.message)),
                ]))
        }
        return JSONWriter.string(
            .object(
                JSONObject(pairs: [
                    ("organization", details.organization.map { .string($0) } ?? .null),
                    ("resourceCounts", .object(JSONObject(pairs: details.resourceCounts.keys.sorted().map { ($0, .number(Double(details.resourceCounts[$0]!))) }))),
                    ("problems", .array(problems)), ("notes", .array(details.notes.map { .string($0) })),
                ])))
    }

    static func details(_ text: String) throws -> ScanDetails {
        let value = try JSONParser.parse(text)
        guard let object = value.objectValue else { throw StoreDataError(description: "scan details: expected a JSON object") }
        var counts: [String: Int] = [:]
        if let countObject = object["resourceCounts"]?.objectValue {
            for key in countObject.keys { if case .number(let n)? = countObject[key] { counts[key] = Int(n) } }
        }
        let problems: [SourceProblem] = (object["problems"]?.arrayValue ?? []).compactMap { item in
            guard let account = item["account"]?.stringValue, let region = item["region"]?.stringValue, let service = item["service"]?.stringValue,
                let operation = item["operation"]?.stringValue, let kind = item["kind"]?.stringValue.flatMap(SourceProblem.Kind.init(rawValue:)),
                let message = item["message"]?.stringValue
            else { return nil }
            return SourceProblem(
                call: AWSCall(account: account, region: region, service: service, operation: operation, resource: item["resource"]?.stringValue),
                kind: kind, message: message)
        }
        return ScanDetails(
            organization: object["organization"]?.stringValue, resourceCounts: counts, problems: problems,
            notes: (object["notes"]?.arrayValue ?? []).compactMap(\.stringValue))
    }

    static func strings(_ text: String) throws -> [String] {
        guard let array = try JSONParser.parse(text).arrayValue else { throw StoreDataError(description: "expected a JSON array") }
        return array.compactMap(\.stringValue)
    }

    static func frameworks(_ text: String) throws -> [String: [String]] {
        guard let object = try JSONParser.parse(text).objectValue else { throw StoreDataError(description: "expected a JSON object") }
        var out: [String: [String]] = [:]
        for key in object.keys { out[key] = object[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        return out
    }
}

/// Creates `path` readable and writable by the owner only; nil when done (or it already exists),
/// else why not. Outside the actor, whose `open` and `close` would hide the C functions.
private func createOwnerOnlyFile(_ path: String) -> String? {
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    if descriptor >= 0 {
        close(descriptor)
        return nil
    }
    return errno == EEXIST ? nil : String(cString: strerror(errno))
}
