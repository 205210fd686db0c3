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

/// What the reader and the timer of one child agree on: who resumes the caller (once), and
/// whether the child has exited (so the timer never signals a process id that was reused).
private final class ChildState: @unchecked Sendable {
    private let lock = NSLock()
    private var resumed = false
    private var exited = false

    /// True for the first caller only.
    func claimResume() -> Bool {
        lock.withLock {
            if resumed { return false }
            resumed = true
            return true
        }
    }

    func markExited() { lock.withLock { exited = true } }

    /// Kills the child unless it has already exited (it is not reaped before `markExited`).
    func kill(_ pid: pid_t) {
        lock.withLock {
            if !exited { _ = Foundation.kill(pid, SIGKILL) }
        }
    }
}

/// Failure to start `/bin/sh`.
struct SpawnError: Error {
    let code: Int32
}

/// Runs `/bin/sh -c command` with no standard input, collecting standard output (at most
/// 1 MiB) and discarding standard error; kills it after `timeout`.
///
/// The child is started with `posix_spawn`, with an empty signal mask and default signal
/// dispositions: the threads of a Swift program block most signals, and a child would
/// otherwise inherit that mask and ignore SIGINT and SIGTERM. The blocking reads, the wait and
/// the timer run on threads of their own, so a busy Dispatch pool cannot delay the timeout.
func runShell(_ command: String, timeout: Duration) async throws -> ProcessOutcome {
    var outPipe: [Int32] = [-1, -1]
    var errPipe: [Int32] = [-1, -1]
    guard pipe(&outPipe) == 0 else { throw SpawnError(code: errno) }
    guard pipe(&errPipe) == 0 else {
        close(outPipe[0]); close(outPipe[1])
        throw SpawnError(code: errno)
    }

    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    var attributes: posix_spawnattr_t? = nil
    #else
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    for descriptor in [outPipe[0], outPipe[1], errPipe[0], errPipe[1]] {
        posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    #if os(Linux)
    // Nothing else of this process (sockets, files) reaches the child (glibc 2.34 and later;
    // looked up at run time because Swift's Glibc module does not export it).
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }
    #endif

    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argumentStrings: [String] = ["sh", "-c", command]
    let arguments: [UnsafeMutablePointer<CChar>?] = argumentStrings.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environ)
    close(outPipe[1])
    close(errPipe[1])
    guard spawned == 0 else {
        close(outPipe[0]); close(errPipe[0])
        throw SpawnError(code: spawned)
    }

    let readOut = outPipe[0]
    let readErr = errPipe[0]
    let child = pid
    let state = ChildState()
    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18

    return await withCheckedContinuation { (continuation: CheckedContinuation<ProcessOutcome, Never>) in
        Thread.detachNewThread {
            let errorDrained = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                // Drained so a chatty process never blocks on a full pipe; never read into errors.
                var buffer = [UInt8](repeating: 0, count: 4096)
                while read(readErr, &buffer, buffer.count) > 0 {}
                close(readErr)
                errorDrained.signal()
            }
            var output: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(readOut, &buffer, buffer.count)
                if count <= 0 { break }
                if output.count < 1 << 20 { output.append(contentsOf: buffer[0..<count]) }
            }
            close(readOut)
            errorDrained.wait()
            // Wait without reaping, note the exit, then reap: until then the pid cannot be reused.
            var info = siginfo_t()
            while waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
            state.markExited()
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
            // Exit code when the child exited, 128 + signal when a signal ended it.
            let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            if state.claimResume() {
                continuation.resume(returning: .finished(status: exitCode, stdout: output))
            }
        }
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: seconds)
            if state.claimResume() {
                state.kill(child)
                continuation.resume(returning: .timedOut)
            }
        }
    }
}
