import RampartFindings

/// Why the findings store could not be opened, read or written. Each case prints as one line that
/// names the store (never a password) and says what to do about it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--store` or `RAMPART_STORE` is not a path, an `sqlite:///` URL or a `postgres://` URL.
    case badLocation(String, reason: String)
    /// The default location cannot be worked out (no `HOME`).
    case noDefaultLocation(String)
    /// The SQLite file exists but is not an SQLite database, or is damaged.
    case notADatabase(path: String, reason: String)
    /// The SQLite file is a database, but some other program's.
    case foreignDatabase(path: String)
    /// The database was written by a newer Rampart whose schema this one does not know.
    case newerSchema(store: String, found: Int, supported: Int)
    /// The store could not be reached or opened (permissions, network, authentication).
    case cannotOpen(store: String, reason: String)
    /// A read or write failed after the store was opened.
    case failed(store: String, operation: String, reason: String)
    /// A scan id that the store does not hold.
    case unknownScan(store: String, id: Int)
    /// `diff` needs two scans and the store holds fewer.
    case notEnoughScans(store: String, count: Int)
    /// A read command pointed at an SQLite file that does not exist.
    case missing(path: String)
    /// A run id that no scan in the store was saved under.
    case unknownRun(store: String, id: String)
    /// A shard of a run read another AWS Organization than the run's earlier shards.
    case runMixesOrganizations(store: String, run: String, held: String, given: String)

    public var description: String {
        switch self {
        case .badLocation(let value, let reason):
            "--store \"\(value)\": \(reason); give a file path, sqlite:///absolute/path or postgres://user@host:port/database"
        case .noDefaultLocation(let reason):
            "cannot place the default store: \(reason); pass --store PATH or set RAMPART_STORE"
        case .notADatabase(let path, let reason):
            "\(path): not a readable SQLite database (\(reason)); move it aside or pass another --store"
        case .foreignDatabase(let path):
            "\(path): an SQLite database that is not a Rampart store; pass another --store"
        case .newerSchema(let store, let found, let supported):
            "\(store): schema version \(found) was written by a newer Rampart (this one knows up to \(supported)); upgrade rampart"
        case .cannotOpen(let store, let reason):
            "\(store): cannot open the store: \(reason)"
        case .failed(let store, let operation, let reason):
            "\(store): \(operation) failed: \(reason)"
        case .unknownScan(let store, let id):
            "\(store): no scan with id \(id); 'rampart history' lists the scans"
        case .notEnoughScans(let store, let count):
            "\(store): holds \(count) scan\(count == 1 ? "" : "s"); diff needs two (run 'rampart scan' again)"
        case .missing(let path):
            "\(path): no store here yet; run 'rampart scan' first or pass --store"
        case .unknownRun(let store, let id):
            "\(store): no scan was saved under run id \"\(id.terminalSafe)\"; 'rampart history' lists the runs"
        case .runMixesOrganizations(let store, let run, let held, let given):
            "\(store): run \(run) holds organization \(held.terminalSafe), this shard read \(given.terminalSafe); give each organization its own --run-id"
        }
    }
}
