import Foundation
import RampartTestSupport
import Testing

/// The README's output samples (compliance scores, the scan summary, the responsibility matrix,
/// workload counts) are excerpts of what the commands print on the demo, checked like
/// docs/checks.md: each marked sample (`<!-- sample: ARGS -->`) is compared, line by line and in
/// order, with the output of `rampart ARGS` by `scripts/readme_samples.py`.
@Suite struct ReadmeSampleTests {
    @Test func theREADMEsSamplesAreWhatTheCommandsPrint() async throws {
        let root = Rampart.packageRoot.path
        do {
            _ = try await runCommand(
                ["python3", root + "/scripts/readme_samples.py", "--rampart", Rampart.executable.path, root + "/README.md"],
                environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin", "HOME": NSTemporaryDirectory()])
        } catch {
            Issue.record("README samples are stale; regenerate with `swift build && python3 scripts/readme_samples.py --write`:\n\(error)")
        }
    }
}
