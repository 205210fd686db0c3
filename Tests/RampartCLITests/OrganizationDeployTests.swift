import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// What ships for organization scans: the audit role generated from the plan, the Kubernetes
/// manifests (validated against Kubernetes' schemas) and the container image definition (no Docker
/// engine here, so it is checked statically).
@Suite struct OrganizationDeployTests {
    static let root = MotoServer.repositoryRoot

    @Test func theCommittedAuditRoleTemplateIsWhatTheCommandGenerates() throws {
        let result = try Rampart.run(["org", "audit-role-template"])
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try String(contentsOf: Self.root.appendingPathComponent("deploy/rampart-audit-role.template.json"), encoding: .utf8)
        #expect(try JSONParser.parse(Array(committed.utf8)) == JSONParser.parse(Array(result.stdout.utf8)),
                "regenerate with: rampart org audit-role-template > deploy/rampart-audit-role.template.json")
    }

    @Test func badShardIndexesAreOneLineExit2() throws {
        for arguments in [["--shard-index", "4", "--shard-count", "4"], ["--shard-index", "-1", "--shard-count", "2"], ["--shard-count", "0", "--shard-index", "0"]] {
            let result = try Rampart.run(["scan", "--org", "--endpoint-url", "http://127.0.0.1:9", "--quiet"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("shard"), "\(result.stderr)")
        }
        let fromEnvironment = try Rampart.run(
            ["scan", "--org", "--shard-count", "2", "--endpoint-url", "http://127.0.0.1:9", "--quiet"], environment: ["JOB_COMPLETION_INDEX": "2"])
        #expect(fromEnvironment.status == 2)
        #expect(fromEnvironment.stderr.contains("shard index 2 is out of range"), "\(fromEnvironment.stderr)")
    }

    @Test func theKubernetesManifestsValidate() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import kubernetes_validate"]
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == nil {
                try Test.cancel("kubernetes-validate is not installed (python3 -m pip install kubernetes-validate); CI is unset, so skipping")
            }
            Issue.record("CI is set but kubernetes-validate is not installed: .ci/run must install it")
            return
        }
        let folder = Self.root.appendingPathComponent("deploy/kubernetes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files == ["job.yaml", "namespace.yaml", "secret.yaml", "serviceaccount.yaml"])
        for file in files {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-m", "kubernetes_validate", "-k", "1.31.0", "--strict", folder.appendingPathComponent(file).path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 && text.contains("passed"), "\(file): \(text)")
        }
        let job = try String(contentsOf: folder.appendingPathComponent("job.yaml"), encoding: .utf8)
        #expect(job.contains("completionMode: Indexed"))
        #expect(job.contains("backoffLimitPerIndex:"))
        #expect(job.contains("serviceAccountName: rampart"))
        #expect(job.contains("secretKeyRef:"))
        // The shard count the pods pass is the Job's number of completions.
        let completions = job.split(separator: "\n").first { $0.contains("completions:") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
        #expect(job.contains("- --shard-count\n            - \"\(completions ?? "?")\""))
    }

    /// A static lint of the Dockerfile (hadolint is not on PyPI): multi-stage on the official Swift
    /// image with pinned tags, a non-root user, exec-form entrypoint, and sources that exist.
    @Test func theDockerfileIsAMultiStageBuildOnTheOfficialSwiftImage() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let froms = lines.filter { $0.hasPrefix("FROM ") }
        #expect(froms.count >= 2, "multi-stage")
        for from in froms {
            let image = from.split(separator: " ")[1]
            #expect(image.hasPrefix("swift:"), "\(from): the official Swift image")
            #expect(!image.hasSuffix(":latest") && image.contains(":"), "\(from): a pinned tag")
        }
        #expect(froms.first?.hasSuffix(" AS build") == true)
        #expect(lines.contains { $0.hasPrefix("COPY --from=build ") })
        let user = lines.last { $0.hasPrefix("USER ") }
        #expect(user != nil && user != "USER root" && user != "USER 0")
        #expect(lines.contains { $0.hasPrefix("ENTRYPOINT [") })
        #expect(!lines.contains { $0.hasPrefix("ADD ") }, "COPY, never ADD")
        for line in lines where line.hasPrefix("COPY ") && !line.contains("--from=") {
            let parts = line.split(separator: " ").dropFirst().dropLast()
            for source in parts {
                #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(String(source)).path), "\(line): \(source) is missing")
            }
        }
    }
}
