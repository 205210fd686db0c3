import Foundation
import RampartStore
import Testing

/// `--store` values and the default location, as a user writes them.
@Suite struct StoreLocationTests {
    @Test func pathsAndSQLiteURLsAreFiles() throws {
        #expect(try StoreLocation.parse("scans.sqlite", relativeTo: "/work/here") == .sqlite(path: "/work/here/scans.sqlite"))
        #expect(try StoreLocation.parse("/var/lib/rampart.sqlite") == .sqlite(path: "/var/lib/rampart.sqlite"))
        #expect(try StoreLocation.parse("sqlite:///var/lib/my%20store.sqlite") == .sqlite(path: "/var/lib/my store.sqlite"))
    }

    @Test func postgresURLsAreKeptAndShownWithoutThePassword() throws {
        let location = try StoreLocation.parse("postgres://rampart:s3cret@db.internal:5433/findings?sslmode=require")
        #expect(location == .postgres(url: "postgres://rampart:s3cret@db.internal:5433/findings?sslmode=require"))
        #expect(location.description == "postgres://rampart@db.internal:5433/findings?sslmode=require")
        #expect(try StoreLocation.parse("postgresql://rampart@localhost/findings").description == "postgresql://rampart@localhost/findings")
    }

    @Test(arguments: [
        ("", "empty"),
        ("sqlite://relative.db", "an sqlite URL takes an absolute path (three slashes)"),
        ("mysql://u@h/db", "unsupported scheme \"mysql\""),
        ("postgres://db.internal/findings", "no user name (postgres://user@host/db)"),
        ("postgres://rampart@db.internal", "no database name (postgres://user@host/db)"),
        ("postgres://rampart@db.internal:99999/findings", "port 99999 is out of range"),
        ("postgres://rampart@db.internal/findings?application=x", "unknown parameter \"application\" (only sslmode is read)"),
    ])
    func badValuesSayWhatIsWrong(value: String, reason: String) {
        #expect(throws: StoreError.badLocation(value, reason: reason)) { try StoreLocation.parse(value) }
    }

    @Test func aBadURLNeverShowsItsPassword() {
        do {
            _ = try StoreLocation.parse("postgres://rampart:s3cret@db.internal:port/findings")
            Issue.record("a URL with a non-numeric port was accepted")
        } catch {
            #expect(!error.description.contains("s3cret"))
            #expect(error.description.contains("postgres://rampart@db.internal:port/findings"))
        }
    }

    @Test func aDirectoryIsNotAStoreFile() {
        let directory = NSTemporaryDirectory()
        #expect(throws: StoreError.self) { try StoreLocation.parse(directory) }
    }

    @Test func theDefaultFollowsRampartStoreThenXDGThenHome() throws {
        #expect(
            try StoreLocation.defaultLocation(environment: ["RAMPART_STORE": "/srv/r.sqlite", "HOME": "/home/u"]) == .sqlite(path: "/srv/r.sqlite"))
        #expect(
            try StoreLocation.defaultLocation(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"])
                == .sqlite(path: "/data/rampart/rampart.sqlite"))
        #expect(
            try StoreLocation.defaultLocation(environment: ["RAMPART_STORE": "", "XDG_DATA_HOME": "relative", "HOME": "/home/u"])
                == .sqlite(path: "/home/u/.local/share/rampart/rampart.sqlite"))
        #expect(throws: StoreError.self) { try StoreLocation.defaultLocation(environment: [:]) }
    }
}
