import Foundation
public import RampartSigning

/// Runs a profile's `credential_process` command with `/bin/sh -c` and reads the JSON it
/// prints: `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`.
/// Neither the command nor its output ever reaches an error: both may hold secrets.
public struct CredentialProcessProvider: CredentialProvider, CustomStringConvertible {
    private let command: Sensitive<String?>
    public let profile: String
    public let timeout: Duration

    /// `command` nil means the profile has no `credential_process`: the provider reports
    /// "not found" and a chain moves on.
    public init(command: String?, profile: String, timeout: Duration = .seconds(120)) {
        self.command = Sensitive(command.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 })
        self.profile = profile
        self.timeout = timeout
    }

    public static let name = "credential_process"

    public func credentials() async throws -> AWSCredentials {
        guard let command = command.value else {
            throw CredentialError.notFound(provider: Self.name, reason: "not set in profile \"\(profile)\"")
        }
        let outcome: ProcessOutcome
        do {
            outcome = try await runShell(command, timeout: timeout)
        } catch {
            throw CredentialError.credentialProcessFailed(profile: profile, reason: "could not be started")
        }
        switch outcome {
        case .timedOut:
            throw CredentialError.credentialProcessFailed(
                profile: profile, reason: "did not finish within \(timeout.shortText) and was stopped")
        case .finished(let status, let output):
            guard status == 0 else {
                throw CredentialError.credentialProcessFailed(
                    profile: profile,
                    reason: "exited with status \(status) (its output is not shown: it may hold secrets)")
            }
            return try Self.parse(output, profile: profile)
        }
    }

    /// Reads the JSON a credential process prints.
    static func parse(_ output: [UInt8], profile: String) throws -> AWSCredentials {
        let shape = "the JSON of a credential process ({\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...})"
        guard let document = CredentialDocument.decode(output) else {
            throw CredentialError.credentialProcessFailed(profile: profile, reason: "printed something that is not \(shape)")
        }
        guard document.Version == 1 else {
            throw CredentialError.credentialProcessFailed(
                profile: profile, reason: "printed Version \(document.Version.map(String.init) ?? "(missing)"); only Version 1 is supported")
        }
        guard let keyId = document.AccessKeyId, !keyId.isEmpty else {
            throw CredentialError.credentialProcessFailed(profile: profile, reason: "printed no AccessKeyId")
        }
        guard let secret = document.SecretAccessKey, !secret.isEmpty else {
            throw CredentialError.credentialProcessFailed(profile: profile, reason: "printed no SecretAccessKey")
        }
        var expiration: Date?
        if let text = document.Expiration {
            guard let date = parseTimestamp(text) else {
                throw CredentialError.credentialProcessFailed(profile: profile, reason: "printed an Expiration that is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: document.SessionToken, expiration: expiration)
    }

    public var description: String { "CredentialProcessProvider(profile: \(profile))" }
}

enum ProcessOutcome: Sendable {
    case finished(status: Int32, stdout: [UInt8])
    case timedOut
}

/// Resumes a continuation once, from whichever of two threads gets there first.
private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}

private final class ProcessBox: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}

/// Runs `/bin/sh -c command` with no standard input, collecting standard output (at most
/// 1 MiB) and discarding standard error; stops it after `timeout`. The blocking reads and the
/// wait run on Dispatch threads, off Swift's cooperative pool.
func runShell(_ command: String, timeout: Duration) async throws -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.standardInput = FileHandle.nullDevice
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let box = ProcessBox(process)
    let once = Once()
    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18

    return await withCheckedContinuation { (continuation: CheckedContinuation<ProcessOutcome, Never>) in
        DispatchQueue.global().async {
            let errorDrained = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                // Drained so a chatty process never blocks on a full pipe; never read into errors.
                while !stderr.fileHandleForReading.availableData.isEmpty {}
                errorDrained.signal()
            }
            var output: [UInt8] = []
            while true {
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                if output.count < 1 << 20 { output.append(contentsOf: chunk) }
            }
            errorDrained.wait()
            box.process.waitUntilExit()
            if once.claim() {
                continuation.resume(returning: .finished(status: box.process.terminationStatus, stdout: output))
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            if once.claim() {
                if box.process.isRunning { box.process.terminate() }
                continuation.resume(returning: .timedOut)
            }
        }
    }
}
