import Foundation

/// Where the findings store lives: an SQLite file or a PostgreSQL database. Parsed from
/// `--store PATH_OR_URL` or `RAMPART_STORE`; `description` names it without any password.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file, by absolute path.
    case sqlite(path: String)
    /// A PostgreSQL database; `url` may hold a password, so show `description`, never `url`.
    case postgres(url: String)

    /// The file name under the data directory when no store is named.
    public static let defaultFileName = "rampart.sqlite"

    /// Reads a `--store` value: a file path (relative to `directory`), `sqlite:///abs/path`, or
    /// `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]`.
    public static func parse(_ value: String, relativeTo directory: String? = nil) throws(StoreError) -> StoreLocation {
        let directory = directory ?? FileManager.default.currentDirectoryPath
        guard !value.isEmpty else { throw .badLocation(value, reason: "empty") }
        if let range = value.range(of: "://") {
            let scheme = value[..<range.lowerBound].lowercased()
            switch scheme {
            case "sqlite":
                let rest = String(value[range.upperBound...])
                guard rest.hasPrefix("/"), let path = rest.removingPercentEncoding, path.count > 1 else {
                    throw .badLocation(value, reason: "an sqlite URL takes an absolute path (three slashes)")
                }
                return try checkedFile(path, value: value)
            case "postgres", "postgresql":
                return try checkedPostgres(value)
            default:
                throw .badLocation(Self.redact(value), reason: "unsupported scheme \"\(scheme)\"")
            }
        }
        let absolute = value.hasPrefix("/") ? value : URL(fileURLWithPath: directory).appendingPathComponent(value).path
        return try checkedFile(URL(fileURLWithPath: absolute).standardizedFileURL.path, value: value)
    }

    /// The store used when `--store` is not given: `$RAMPART_STORE` if set, else
    /// `${XDG_DATA_HOME:-$HOME/.local/share}/rampart/rampart.sqlite`.
    public static func defaultLocation(environment: [String: String]) throws(StoreError) -> StoreLocation {
        if let named = environment["RAMPART_STORE"], !named.isEmpty {
            do {
                return try parse(named)
            } catch {
                throw .badLocation(Self.redact(named), reason: "(from RAMPART_STORE) \(Self.reason(of: error))")
            }
        }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg  // the XDG spec: a relative value is invalid and ignored
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            dataHome = home + "/.local/share"
        } else {
            throw .noDefaultLocation("neither XDG_DATA_HOME nor HOME is an absolute path")
        }
        return .sqlite(path: URL(fileURLWithPath: dataHome).appendingPathComponent("rampart").appendingPathComponent(defaultFileName).path)
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): Self.redact(url)
        }
    }

    /// The URL with any password removed, for messages; works on text that does not parse as a URL too.
    static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }

    private static func reason(of error: StoreError) -> String {
        if case .badLocation(_, let reason) = error { return reason }
        return error.description
    }

    private static func checkedFile(_ path: String, value: String) throws(StoreError) -> StoreLocation {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .badLocation(value, reason: "\(path) is a directory, not a database file (try \(path)/\(defaultFileName))")
        }
        return .sqlite(path: path)
    }

    private static func checkedPostgres(_ value: String) throws(StoreError) -> StoreLocation {
        let shown = redact(value)
        guard let components = URLComponents(string: value) else {
            throw .badLocation(shown, reason: "not a valid URL (is the port a number?)")
        }
        guard let host = components.host, !host.isEmpty else { throw .badLocation(shown, reason: "no host") }
        guard let user = components.user, !user.isEmpty else { throw .badLocation(shown, reason: "no user name (postgres://user@host/db)") }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty, !database.contains("/") else { throw .badLocation(shown, reason: "no database name (postgres://user@host/db)") }
        if let port = components.port, !(1...65535).contains(port) { throw .badLocation(shown, reason: "port \(port) is out of range") }
        for item in components.queryItems ?? [] {
            guard ["sslmode", "tlsmode"].contains(item.name.lowercased()) else {
                throw .badLocation(shown, reason: "unknown parameter \"\(item.name)\" (only sslmode is read)")
            }
            guard ["disable", "prefer", "require", "verify-full"].contains(item.value ?? "") else {
                throw .badLocation(shown, reason: "sslmode must be disable, prefer, require or verify-full")
            }
        }
        return .postgres(url: value)
    }
}
