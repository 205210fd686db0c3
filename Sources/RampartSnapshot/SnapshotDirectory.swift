public import RampartInventory
import RampartJSON
public import struct Foundation.Date
import Foundation
import Synchronization

/// An offline snapshot: one file per AWS CLI call, as `aws ... --output json` printed it,
/// plus `manifest.json`. Files are read when the inventory asks for them.
public final class SnapshotDirectory: CallResults {
    /// The largest single file read; larger files are reported unreadable rather than exhausting memory.
    public static let maxFileBytes = 512 * 1024 * 1024
    /// The largest `manifest.json` read (a manifest lists accounts, regions and failed calls only).
    public static let maxManifestBytes = 64 * 1024 * 1024

    public let path: String
    public let manifest: Manifest
    private let root: URL
    private let rootRealPath: String
    private let errorsByCall: [AWSCall: Manifest.CallError]
    private let readPaths = Mutex<Set<String>>([])

    public var collectedAt: Date { manifest.collectedAt }
    public var accounts: [String] { manifest.accounts }
    public var regions: [String] { manifest.regions }

    /// Opens a snapshot; throws when `path` is not a readable snapshot directory.
    public init(path: String) throws(SnapshotError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path: path) }
        guard isDirectory.boolValue else { throw .notADirectory(path: path) }
        let root = URL(fileURLWithPath: path, isDirectory: true)
        let manifestPath = root.appendingPathComponent("manifest.json").path
        guard FileManager.default.fileExists(atPath: manifestPath) else { throw .missingManifest(path: path) }
        let realRoot = root.resolvingSymlinksInPath().path
        guard URL(fileURLWithPath: manifestPath).resolvingSymlinksInPath().path.hasPrefix(realRoot + "/") else {
            throw .unreadableManifest(path: manifestPath, detail: "links outside the snapshot directory; not read")
        }
        let data: [UInt8]
        switch Self.readRegularFile(manifestPath, limit: Self.maxManifestBytes) {
        case .success(let bytes): data = bytes
        case .failure(let problem): throw .unreadableManifest(path: manifestPath, detail: problem.reason)
        }
        let manifest: Manifest
        do {
            let value = try JSONParser.parse(data)
            manifest = try Manifest(json: JSONNode(value))
        } catch let error as JSONSyntaxError {
            throw .unreadableManifest(path: manifestPath, detail: "not valid JSON: \(error)")
        } catch let error as JSONShapeError {
            throw .unreadableManifest(path: manifestPath, detail: error.description)
        } catch {
            throw .unreadableManifest(path: manifestPath, detail: "\(error)")
        }
        self.path = path
        self.manifest = manifest
        self.root = root
        self.rootRealPath = realRoot
        var errors: [AWSCall: Manifest.CallError] = [:]
        for error in manifest.errors { errors[error.call] = error }
        self.errorsByCall = errors
    }

    public func location(of call: AWSCall) -> String? { "\(path)/\(SnapshotLayout.relativePath(of: call))" }

    public func result(of call: AWSCall) -> CallResult {
        let relative = SnapshotLayout.relativePath(of: call)
        let url = root.appendingPathComponent(relative)
        let display = "\(path)/\(relative)"
        guard FileManager.default.fileExists(atPath: url.path) else {
            if let error = errorsByCall[call] { return .failed(code: error.code, message: error.message) }
            return .notCollected
        }
        readPaths.withLock { _ = $0.insert(relative) }
        let real = url.resolvingSymlinksInPath().path
        guard real.hasPrefix(rootRealPath + "/") else {
            return .unreadable("\(display) links outside the snapshot directory; not read")
        }
        let bytes: [UInt8]
        switch Self.readRegularFile(real, limit: Self.maxFileBytes) {
        case .success(let read): bytes = read
        case .failure(let problem): return .unreadable("\(display) \(problem.reason)")
        }
        // The AWS CLI prints nothing for an empty response.
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .answer(.object(JSONObject())) }
        do {
            return .answer(try JSONParser.parse(bytes))
        } catch {
            return .unreadable("\(display): not valid JSON: \(error)")
        }
    }

    /// Why a file was not read.
    public struct FileProblem: Error {
        public let reason: String
    }

    /// Reads a regular file of at most `limit` bytes straight into one buffer (no second copy).
    /// Devices, FIFOs and directories are refused before anything is read, and no more than the
    /// size checked is ever read, so a file growing meanwhile cannot exceed the limit.
    public static func readRegularFile(_ path: String, limit: Int) -> Result<[UInt8], FileProblem> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(FileProblem(reason: "cannot be read: \(String(cString: strerror(errno)))")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(FileProblem(reason: "is not a regular file"))
        }
        let size = Int(status.st_size)
        guard size <= limit else { return .failure(FileProblem(reason: "is \(size) bytes, over the \(limit)-byte limit")) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return .failure(FileProblem(reason: "cannot be read: \(String(cString: strerror(errno)))")) }
            if count == 0 { break }
            filled += count
        }
        if filled < size { bytes.removeLast(size - filled) }
        return .success(bytes)
    }

    /// Files under the account directories that no call read: typos, or calls Rampart does not use.
    /// Call after the inventory is built.
    public func unreadFiles() -> [SourceProblem] {
        let read = readPaths.withLock { $0 }
        var problems: [SourceProblem] = []
        for account in manifest.accounts {
            let accountURL = root.appendingPathComponent(account)
            guard let walker = FileManager.default.enumerator(atPath: accountURL.path) else { continue }
            while let item = walker.nextObject() as? String {
                let relative = "\(account)/\(item)"
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &isDirectory),
                    !isDirectory.boolValue, !read.contains(relative)
                else { continue }
                let call = SnapshotLayout.call(atRelativePath: relative)
                    ?? AWSCall(account: account, region: "?", service: "?", operation: relative)
                problems.append(SourceProblem(call: call, kind: .ignored, message: "\(path)/\(relative) is not a file Rampart reads; ignored"))
            }
        }
        return problems.sorted { $0.message < $1.message }
    }
}
