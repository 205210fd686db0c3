public import RampartInventory
public import RampartJSON
import Foundation

/// Writes call results in the snapshot layout: the files a user could have made with the AWS
/// CLI, and `manifest.json`. Everything goes to a temporary directory beside the target, which
/// is renamed into place at the end, so a snapshot is whole or absent; files are owner-only.
public enum SnapshotWriter {
    /// Writes `answers` (one file per call; an empty object as an empty file, as the CLI prints
    /// nothing for an empty response) and `manifest` to `path`, which must not exist yet.
    public static func write(answers: [AWSCall: JSONValue], manifest: Manifest, to path: String) throws(SnapshotWriteError) {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: path) else { throw .exists(path) }
        let target = URL(fileURLWithPath: path)
        let parent = target.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: temporary, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            for (call, value) in answers {
                let file = temporary.appendingPathComponent(SnapshotLayout.relativePath(of: call))
                try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
                let text = value == .object(JSONObject()) ? "" : JSONWriter.string(value, pretty: true) + "\n"
                guard fm.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw SnapshotWriteError.cannotWrite(file.path)
                }
            }
            let manifestText = JSONWriter.string(manifest.json, pretty: true) + "\n"
            guard fm.createFile(atPath: temporary.appendingPathComponent("manifest.json").path, contents: Data(manifestText.utf8),
                                attributes: [.posixPermissions: 0o600])
            else { throw SnapshotWriteError.cannotWrite(temporary.appendingPathComponent("manifest.json").path) }
            guard rename(temporary.path, target.path) == 0 else { throw SnapshotWriteError.cannotWrite(target.path) }
        } catch let error as SnapshotWriteError {
            try? fm.removeItem(at: temporary)
            throw error
        } catch {
            try? fm.removeItem(at: temporary)
            throw .cannotWrite("\(temporary.path): \(error.localizedDescription)")
        }
    }
}

/// Why a snapshot could not be written.
public enum SnapshotWriteError: Error, Sendable, CustomStringConvertible {
    case exists(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path) already exists; choose a new directory for the snapshot"
        case .cannotWrite(let path): "\(path): cannot write"
        }
    }
}
