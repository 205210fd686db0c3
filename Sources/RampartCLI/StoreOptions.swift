import ArgumentParser
import Foundation
import RampartStore

/// `--store PATH_OR_URL`, shared by `scan`, `history` and `diff`: where scans are kept.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The findings store: a file path, sqlite:///abs/path or postgres://user@host:port/db (default: $RAMPART_STORE, else ${XDG_DATA_HOME:-$HOME/.local/share}/rampart/rampart.sqlite).",
            valueName: "PATH_OR_URL"))
    var store: String?

    /// The store named by `--store`, else the default; a bad value is a one-line error.
    func location() throws -> StoreLocation {
        do {
            if let store { return try StoreLocation.parse(store) }
            return try StoreLocation.defaultLocation(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw RampartError(error.description)
        }
    }

    /// Opens the store at `location`; `create` for a command that writes.
    func open(_ location: StoreLocation, create: Bool) async throws -> SQLFindingStore {
        let environment = ProcessInfo.processInfo.environment
        do {
            return try await SQLFindingStore.open(
                location, create: create, password: environment["PGPASSWORD"], beforeCommit: Self.testPause(environment))
        } catch {
            throw RampartError(error.description)
        }
    }

    /// For tests of a scan killed while saving: `RAMPART_TEST_PAUSE_IN_STORE_TRANSACTION=SECONDS`
    /// says so on stderr and sleeps inside the transaction, before COMMIT.
    private static func testPause(_ environment: [String: String]) -> (@Sendable () async -> Void)? {
        guard let value = environment["RAMPART_TEST_PAUSE_IN_STORE_TRANSACTION"], let seconds = Double(value), seconds > 0 else { return nil }
        return {
            note("rampart: test hook: pausing \(value) s inside the store transaction")
            try? await Task.sleep(for: .seconds(seconds))
        }
    }
}

/// Runs `body` with the store open and closes it afterwards, whatever happens; store errors
/// become one-line `RampartError`s.
func withStore<T>(_ options: StoreOptions, _ location: StoreLocation, create: Bool, _ body: (SQLFindingStore) async throws -> T)
    async throws -> T
{
    let store = try await options.open(location, create: create)
    do {
        let result = try await body(store)
        try? await store.close()
        return result
    } catch let error as StoreError {
        try? await store.close()
        throw RampartError(error.description)
    } catch {
        try? await store.close()
        throw error
    }
}
