import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// Huge and hostile input given to the `rampart` binary: it answers with a bounded amount of
/// memory and time, a correct result where the input is valid, and otherwise the affected
/// checks UNKNOWN (or, with `--strict` and for unusable input, one line naming the file and
/// exit 2), never a crash and never a half-written report.
@Suite(.serialized) struct HostileInputTests {
    static let account = "123456789012"
    /// Memory any of these runs may use: the demo scan itself needs well under this.
    static let maxResidentMB = 400.0
    static let maxSeconds = 120.0

    /// What a measured run of the binary printed and used.
    struct Measured {
        var result: Rampart.Result
        var residentMB: Double
        var seconds: Double
    }

    /// Runs `rampart` under a small Python parent that reports the child's peak resident memory
    /// (getrusage of its only child) and wall time.
    static func measured(_ arguments: [String]) throws -> Measured {
        let report = try TemporaryDirectory()
        let wrapper = """
            import resource, subprocess, sys, time
            t = time.time(); r = subprocess.run(sys.argv[2:])
            open(sys.argv[1], 'w').write('%d %.3f' % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.time() - t))
            sys.exit(r.returncode if r.returncode >= 0 else 128 - r.returncode)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", wrapper, report.path + "/usage", Rampart.executable.path] + arguments
        process.currentDirectoryURL = Rampart.packageRoot
        process.environment = Rampart.environment()
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box()
        let reader = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            outBox.data = out.fileHandleForReading.readDataToEndOfFile()
            reader.signal()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        reader.wait()
        process.waitUntilExit()
        let usage = (try? String(contentsOfFile: report.path + "/usage", encoding: .utf8))?.split(separator: " ") ?? []
        return Measured(
            result: Rampart.Result(
                status: process.terminationStatus, stdout: String(decoding: outBox.data, as: UTF8.self),
                stderr: String(decoding: errData, as: UTF8.self)),
            residentMB: (usage.first.flatMap { Double($0) } ?? -1) / 1024, seconds: usage.dropFirst().first.flatMap { Double($0) } ?? -1)
    }

    /// A copy of the demo snapshot in a temporary directory, to spoil one file of.
    static func demoCopy() throws -> (TemporaryDirectory, String) {
        let parent = try TemporaryDirectory()
        let path = parent.path + "/snapshot"
        try FileManager.default.copyItem(atPath: Rampart.packageRoot.appendingPathComponent("Examples/demo-snapshot").path, toPath: path)
        return (parent, path)
    }

    static func instancesFile(_ snapshot: String) -> String { "\(snapshot)/\(account)/us-east-1/ec2/describe-instances.json" }

    /// Scans `snapshot` twice: leniently (the instance checks must all be UNKNOWN with `reason`
    /// in the summary) and with `--strict` (exit 2, one line naming the file and `reason`).
    func expectInstancesUnreadable(_ snapshot: String, reason: String, label: String) throws {
        let output = try TemporaryDirectory()
        let lenient = try Self.measured(["scan", "--snapshot", snapshot, "--format", "json", "--format", "table", "--output-dir", output.path, "--quiet"])
        #expect(lenient.result.status == 0, "\(label): \(lenient.result.stderr)")
        let findings = try JSONParser.parse(String(contentsOfFile: output.path + "/rampart-findings.json", encoding: .utf8)).arrayValue ?? []
        let instanceFindings = findings.filter {
            ($0["checkId"]?.stringValue ?? "").hasPrefix("ec2.instance.") && $0["resource"]?["region"]?.stringValue == "us-east-1"
        }
        #expect(!instanceFindings.isEmpty, "\(label): no instance findings")
        #expect(instanceFindings.allSatisfy { $0["status"]?.stringValue == "UNKNOWN" }, "\(label): an instance check decided without its data")
        let summary = try String(contentsOfFile: output.path + "/rampart-summary.txt", encoding: .utf8)
        #expect(summary.contains(reason), "\(label): the summary does not say why: \(summary.suffix(1500))")

        let strictOutput = try TemporaryDirectory()
        let strict = try Self.measured(["scan", "--snapshot", snapshot, "--strict", "--format", "json", "--output-dir", strictOutput.path + "/out"])
        #expect(strict.result.status == 2, "\(label) --strict")
        #expect(strict.result.stderr.hasPrefix("rampart: ") && strict.result.stderr.filter { $0 == "\n" }.count == 1, "\(label): \(strict.result.stderr)")
        #expect(strict.result.stderr.contains("describe-instances.json") && strict.result.stderr.contains(reason), "\(label): \(strict.result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: strictOutput.path + "/out/rampart-findings.json"), "\(label): nothing is written on exit 2")
        for run in [lenient, strict] {
            #expect(run.residentMB < Self.maxResidentMB && run.seconds < Self.maxSeconds, "\(label): \(run.residentMB) MB, \(run.seconds) s")
        }
        print("hostile input \(label): \(String(format: "%.0f", max(lenient.residentMB, strict.residentMB))) MB peak, "
            + "\(String(format: "%.1f", lenient.seconds)) s lenient, \(String(format: "%.1f", strict.seconds)) s strict")
    }

    @Test func aOneGigabyteSnapshotFileIsSetAsideUnreadWithinTheMemoryBound() throws {
        let (parent, snapshot) = try Self.demoCopy()
        defer { parent.remove() }
        let file = Self.instancesFile(snapshot)
        try FileManager.default.removeItem(atPath: file)
        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        try expectInstancesUnreadable(snapshot, reason: "is 1073741824 bytes, over the 536870912-byte limit", label: "1 GB file")
    }

    @Test func aOneGigabyteManifestIsRefusedInOneLine() throws {
        let (parent, snapshot) = try Self.demoCopy()
        defer { parent.remove() }
        let manifest = snapshot + "/manifest.json"
        let handle = try #require(FileHandle(forWritingAtPath: manifest))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let run = try Self.measured(["scan", "--snapshot", snapshot])
        #expect(run.result.status == 2)
        #expect(run.result.stderr == "rampart: \(manifest): is 1073741824 bytes, over the 67108864-byte limit\n")
        #expect(run.residentMB < Self.maxResidentMB, "\(run.residentMB) MB")
    }

    @Test func jsonNested100000DeepIsUnreadableNotACrash() throws {
        let (parent, snapshot) = try Self.demoCopy()
        defer { parent.remove() }
        let deep = #"{"Reservations": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        try deep.write(toFile: Self.instancesFile(snapshot), atomically: false, encoding: .utf8)
        try expectInstancesUnreadable(snapshot, reason: "nesting deeper than 512 levels", label: "100,000 deep")
    }

    @Test func invalidUTF8IsUnreadableWithItsPlace() throws {
        let (parent, snapshot) = try Self.demoCopy()
        defer { parent.remove() }
        let bytes = Array(#"{"Reservations": [{"Instances": [{"InstanceId": "i-"#.utf8) + [0xC3, 0x28, 0xFF] + Array(#""}]}]}"#.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: Self.instancesFile(snapshot)))
        try expectInstancesUnreadable(snapshot, reason: "UTF-8", label: "invalid UTF-8")
    }

    @Test func aSymlinkOutOfTheSnapshotIsNotFollowed() throws {
        let (parent, snapshot) = try Self.demoCopy()
        defer { parent.remove() }
        // Outside the snapshot: perfectly good evidence, which must still not be read.
        let outside = parent.path + "/outside.json"
        try FileManager.default.copyItem(atPath: Self.instancesFile(snapshot), toPath: outside)
        try FileManager.default.removeItem(atPath: Self.instancesFile(snapshot))
        try FileManager.default.createSymbolicLink(atPath: Self.instancesFile(snapshot), withDestinationPath: outside)
        try expectInstancesUnreadable(snapshot, reason: "links outside the snapshot directory; not read", label: "symlink out")
    }

    @Test func aManifestLinkedToADeviceIsRefusedAtOnce() throws {
        let (parent, snapshot) = try Self.demoCopy()
        defer { parent.remove() }
        let manifest = snapshot + "/manifest.json"
        try FileManager.default.removeItem(atPath: manifest)
        try FileManager.default.createSymbolicLink(atPath: manifest, withDestinationPath: "/dev/zero")
        let run = try Self.measured(["scan", "--snapshot", snapshot])
        #expect(run.result.status == 2)
        #expect(run.result.stderr == "rampart: \(manifest): links outside the snapshot directory; not read\n")
        #expect(run.seconds < 30 && run.residentMB < Self.maxResidentMB)
    }

    @Test func aFIFOInTheSnapshotIsRefusedWithoutWaitingOnIt() throws {
        let (parent, snapshot) = try Self.demoCopy()
        defer { parent.remove() }
        try FileManager.default.removeItem(atPath: Self.instancesFile(snapshot))
        #expect(mkfifo(Self.instancesFile(snapshot), 0o600) == 0)
        try expectInstancesUnreadable(snapshot, reason: "is not a regular file", label: "FIFO")
    }

    @Test func aPolicyWithTenThousandStatementsIsEvaluatedCorrectly() throws {
        let directory = try TemporaryDirectory()
        var statements = (0..<9_999).map { index in
            #"{"Sid": "S\#(index)", "Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "arn:aws:ec2:us-east-1:123456789012:instance/i-\#(index)"}"#
        }
        statements.append(#"{"Sid": "Last", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secret/*"}"#)
        statements.insert(#"{"Sid": "Reads", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#, at: 5_000)
        let policy = try directory.write("policy.json", #"{"Version": "2012-10-17", "Statement": ["# + statements.joined(separator: ",\n") + "]}")
        let run = try Self.measured([
            "iam", "simulate-custom-policy", "--policy-input-list", "file://\(policy)", "--action-names", "s3:GetObject",
            "--resource-arns", "arn:aws:s3:::secret/a", "arn:aws:s3:::public/a", "--output", "json",
        ])
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let results = try JSONParser.parse(run.result.stdout)["EvaluationResults"]?.arrayValue ?? []
        let decisions = results.map { "\($0["EvalResourceName"]?.stringValue ?? "") \($0["EvalDecision"]?.stringValue ?? "")" }
        #expect(decisions == ["arn:aws:s3:::secret/a explicitDeny", "arn:aws:s3:::public/a allowed"])
        #expect(run.residentMB < Self.maxResidentMB && run.seconds < 60, "\(run.residentMB) MB, \(run.seconds) s")
        print("hostile input 10,000 statements: \(String(format: "%.0f", run.residentMB)) MB peak, \(String(format: "%.2f", run.seconds)) s")
    }

    @Test(arguments: [
        ["scan", "--no-such-flag"], ["scan", "--snapshot"], ["collect"], ["frobnicate"], ["scan", "--format", "json", "--max-rate", "fast"],
    ])
    func unknownFlagsAndBadUsageExitTwoInOneLine(arguments: [String]) throws {
        let result = try Rampart.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr.hasPrefix("rampart: ") && result.stderr.filter { $0 == "\n" }.count == 1, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
