/// Why a directory cannot be read as a snapshot at all. Each names the path and what to do.
public enum SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case notADirectory(path: String)
    case missingManifest(path: String)
    case unreadableManifest(path: String, detail: String)
    case unsupportedFormat(path: String, found: String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such directory"
        case .notADirectory(let path): "\(path): not a directory (a snapshot is a directory with a manifest.json)"
        case .missingManifest(let path):
            "\(path): not a Rampart snapshot: manifest.json is missing (see README, \"Building a snapshot with the AWS CLI\")"
        case .unreadableManifest(let path, let detail): "\(path): \(detail)"
        case .unsupportedFormat(let path, let found):
            "\(path): $.format: unsupported snapshot format \"\(found)\"; this Rampart reads \"\(Manifest.format)\""
        }
    }
}
