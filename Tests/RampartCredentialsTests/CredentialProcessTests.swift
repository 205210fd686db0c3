import RampartTestSupport
import Foundation
import RampartCredentials
import RampartSigning
import Testing

@Suite struct CredentialProcessTests {
    static let secret = "PROCESS-SECRET-wJalrXUtnFEMI"
    static let token = "PROCESS-TOKEN-FQoGZXIvYXdz"

    /// A command running a script that prints `output` and exits with `status`. The script is
    /// run by `sh` rather than executed: a file just written may still be open in a process
    /// another test is starting, and executing it would then fail with "text file busy".
    static func script(in directory: TemporaryDirectory, output: String, status: Int = 0) throws -> String {
        let path = try directory.write("creds.sh", "cat <<'EOF'\n\(output)\nEOF\nexit \(status)\n")
        return "sh '\(path)'"
    }

    @Test func theProcessJSONBecomesCredentialsWithTheirExpiry() async throws {
        try await withTemporaryDirectory { directory async throws in
            let json = #"{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "\#(Self.secret)", "SessionToken": "\#(Self.token)", "Expiration": "2030-01-02T03:04:05Z"}"#
            let command = try Self.script(in: directory, output: json)
            let credentials = try await CredentialProcessProvider(command: command, profile: "p").credentials()
            #expect(credentials.accessKeyId == "ASIAPROCESS")
            #expect(credentials.secretAccessKey == Self.secret)
            #expect(credentials.sessionToken == Self.token)
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_553_445))
        }
    }

    @Test func theCommandRunsThroughTheShellWithItsArguments() async throws {
        try await withTemporaryDirectory { directory async throws in
            let command = #"printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s","Expiration":"2030-01-01T00:00:00.123Z"}' "AKIA$((40 + 2))" 'quoted secret'"#
            let credentials = try await CredentialProcessProvider(command: command, profile: "p").credentials()
            #expect(credentials.accessKeyId == "AKIA42")
            #expect(credentials.secretAccessKey == "quoted secret")
            #expect(credentials.sessionToken == nil)
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000.123))
        }
    }

    @Test func theProcessStartsWithNoBlockedSignalsAndNoneOfOurDescriptors() async throws {
        // Reported through the JSON itself: the shell's blocked-signal mask, and the kinds of
        // its open descriptors (standard input is /dev/null; output, error and the command
        // substitution are pipes; no socket, file or event descriptor of the test process).
        let command = #"printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s"}' "$(grep SigBlk /proc/$$/status | tr -d ' \t')" "$(for f in /proc/$$/fd/*; do readlink $f; done | sed 's/:.*//' | sort -u | tr '\n' ' ')""#
        let credentials = try await CredentialProcessProvider(command: command, profile: "p").credentials()
        #expect(credentials.accessKeyId == "SigBlk:0000000000000000")
        #expect(credentials.secretAccessKey == "/dev/null pipe ")
    }

    @Test func aNonZeroExitIsAnErrorThatDoesNotEchoTheOutput() async throws {
        try await withTemporaryDirectory { directory async throws in
            let json = #"{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "\#(Self.secret)", "SessionToken": "\#(Self.token)"}"#
            let command = try Self.script(in: directory, output: json, status: 3)
            await #expect {
                _ = try await CredentialProcessProvider(command: command, profile: "ops").credentials()
            } throws: { error in
                let text = String(describing: error)
                return error as? CredentialError == .credentialProcessFailed(profile: "ops", reason: "exited with status 3 (its output is not shown: it may hold secrets)")
                    && !text.contains(Self.secret) && !text.contains(Self.token) && !text.contains(command)
            }
        }
    }

    @Test(arguments: [
        ("not json at all \(CredentialProcessTests.secret)", "printed something that is not the JSON of a credential process"),
        (#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "\#(CredentialProcessTests.secret)"}"#, "printed Version 2; only Version 1 is supported"),
        (#"{"AccessKeyId": "A", "SecretAccessKey": "\#(CredentialProcessTests.secret)"}"#, "printed Version (missing); only Version 1 is supported"),
        (#"{"Version": 1, "SecretAccessKey": "\#(CredentialProcessTests.secret)"}"#, "printed no AccessKeyId"),
        (#"{"Version": 1, "AccessKeyId": "A"}"#, "printed no SecretAccessKey"),
        (#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "\#(CredentialProcessTests.secret)", "Expiration": "tomorrow"}"#, "printed an Expiration that is not an ISO 8601 time"),
    ])
    func unusableOutputIsAnErrorThatNeverQuotesIt(output: String, reason: String) async throws {
        try await withTemporaryDirectory { directory async throws in
            let command = try Self.script(in: directory, output: output)
            do {
                _ = try await CredentialProcessProvider(command: command, profile: "ops").credentials()
                Issue.record("expected an error")
            } catch {
                let text = String(describing: error)
                #expect(text.contains(reason), "\(text)")
                #expect(!text.contains(Self.secret))
                #expect(text.hasPrefix("credential_process of profile \"ops\": "))
            }
        }
    }

    @Test func aCommandThatHangsIsStoppedAtTheTimeout() async throws {
        let started = Date()
        await #expect {
            _ = try await CredentialProcessProvider(command: "exec sleep 3600", profile: "slow", timeout: .milliseconds(500)).credentials()
        } throws: { error in
            (error as? CredentialError) == .credentialProcessFailed(profile: "slow", reason: "did not finish within 500 ms and was stopped")
        }
        // Well under the command's hour: it was stopped, not waited for. (The bound is loose because
        // other suites' blocking work can delay this task's resumption on a busy 2-core machine.)
        #expect(Date().timeIntervalSince(started) < 1200, "a hang, not slowness: the command sleeps 3600 s")
    }

    @Test func noCommandMeansNotFoundSoTheChainMovesOn() async throws {
        await #expect(throws: CredentialError.notFound(provider: "credential_process", reason: "not set in profile \"p\"")) {
            _ = try await CredentialProcessProvider(command: nil, profile: "p").credentials()
        }
        await #expect(throws: CredentialError.notFound(provider: "credential_process", reason: "not set in profile \"p\"")) {
            _ = try await CredentialProcessProvider(command: "  ", profile: "p").credentials()
        }
    }

    @Test func aProfileWithCredentialProcessGetsItsCredentialsThroughTheChain() async throws {
        try await withTemporaryDirectory { directory async throws in
            let command = try Self.script(in: directory, output: #"{"Version": 1, "AccessKeyId": "AKIACHAIN", "SecretAccessKey": "s"}"#)
            try await withFixture(config: "[profile tool]\ncredential_process = \(command) --profile tool\n") { fixture async throws in
                let credentials = try await fixture.credentials(profile: "tool")
                #expect(credentials.value?.accessKeyId == "AKIACHAIN")
            }
        }
    }
}
