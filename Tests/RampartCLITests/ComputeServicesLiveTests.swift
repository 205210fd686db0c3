import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// The compute services of the demo company (Examples/demo-generator/seed.py, `seed_compute_services`)
/// scanned live on moto and from the snapshot collected from it: every planted flaw fails and
/// every clean counterpart passes, in both.
@Suite(.unauthenticatedDemoMotoServer, .serialized) struct ComputeServicesLiveTests {
    func environment(_ moto: MotoServer) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": moto.admin.accessKeyId, "AWS_SECRET_ACCESS_KEY": moto.admin.secretAccessKey,
            "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1",
        ]
    }

    /// (check, resource ARN suffix, expected status) for each planted flaw and its clean counterpart.
    static let expected: [(String, String, String)] = [
        ("lambda.function.not-public", "function:acme-legacy-webhook", "FAIL"),
        ("lambda.function.not-public", "function:acme-settlement", "PASS"),
        ("lambda.function.supported-runtime", "function:acme-legacy-webhook", "FAIL"),
        ("lambda.function.supported-runtime", "function:acme-settlement", "PASS"),
        ("lambda.function.no-secrets-in-environment", "function:acme-legacy-webhook", "FAIL"),
        ("lambda.function.no-secrets-in-environment", "function:acme-settlement", "PASS"),
        ("lambda.function.in-vpc", "function:acme-legacy-webhook", "FAIL"),
        ("lambda.function.in-vpc", "function:acme-settlement", "PASS"),
        ("lambda.function.execution-role-not-admin", "function:acme-legacy-webhook", "FAIL"),
        ("lambda.function.execution-role-not-admin", "function:acme-settlement", "PASS"),
        ("ecs.task-definition.no-privileged-containers", "task-definition/acme-node-agent:1", "FAIL"),
        ("ecs.task-definition.no-privileged-containers", "task-definition/acme-web:1", "PASS"),
        ("ecs.task-definition.no-environment-secrets", "task-definition/acme-node-agent:1", "FAIL"),
        ("ecs.task-definition.no-environment-secrets", "task-definition/acme-web:1", "PASS"),
        ("ecs.task-definition.no-host-pid", "task-definition/acme-node-agent:1", "FAIL"),
        ("ecs.task-definition.no-host-pid", "task-definition/acme-web:1", "PASS"),
        ("ecs.task-definition.task-role-not-admin", "task-definition/acme-node-agent:1", "FAIL"),
        ("ecs.task-definition.task-role-not-admin", "task-definition/acme-web:1", "PASS"),
        ("ecs.cluster.container-insights", "cluster/acme-batch", "FAIL"),
        ("ecs.cluster.container-insights", "cluster/acme-prod", "PASS"),
        ("eks.cluster.endpoint-not-public", "cluster/acme-legacy-k8s", "FAIL"),
        ("eks.cluster.endpoint-not-public", "cluster/acme-platform", "PASS"),
        ("eks.cluster.supported-version", "cluster/acme-legacy-k8s", "FAIL"),
        ("eks.cluster.secrets-encrypted", "cluster/acme-legacy-k8s", "FAIL"),
        ("eks.cluster.secrets-encrypted", "cluster/acme-platform", "PASS"),
        ("codebuild.project.source-url-no-credentials", "project/acme-legacy-build", "FAIL"),
        ("codebuild.project.source-url-no-credentials", "project/acme-app-build", "PASS"),
        ("codebuild.project.no-plaintext-secrets", "project/acme-legacy-build", "FAIL"),
        ("codebuild.project.no-plaintext-secrets", "project/acme-app-build", "PASS"),
        ("codebuild.project.no-privileged-mode", "project/acme-legacy-build", "FAIL"),
        ("codebuild.project.no-privileged-mode", "project/acme-app-build", "PASS"),
        ("stepfunctions.state-machine.logging", "stateMachine:acme-ops-runbook", "FAIL"),
        ("stepfunctions.state-machine.logging", "stateMachine:acme-settlement-flow", "PASS"),
        ("sagemaker.notebook-instance.no-direct-internet-access", "notebook-instance/acme-sandbox", "FAIL"),
        ("sagemaker.notebook-instance.no-direct-internet-access", "notebook-instance/acme-research", "PASS"),
        ("sagemaker.notebook-instance.in-vpc", "notebook-instance/acme-sandbox", "FAIL"),
        ("sagemaker.notebook-instance.in-vpc", "notebook-instance/acme-research", "PASS"),
        ("glue.job.security-configuration", "job/acme-adhoc-export", "FAIL"),
        ("glue.job.security-configuration", "job/acme-settlement-etl", "PASS"),
        ("glue.job.role-not-admin", "job/acme-adhoc-export", "FAIL"),
        ("glue.job.role-not-admin", "job/acme-settlement-etl", "PASS"),
    ]

    func statuses(_ json: String) -> [String: String] {
        var out: [String: String] = [:]
        for f in (try? JSONParser.parse(json).arrayValue) ?? [] {
            out["\(f["checkId"]?.stringValue ?? "") \(f["resource"]?["arn"]?.stringValue ?? "")"] = f["status"]?.stringValue
        }
        return out
    }

    func status(_ all: [String: String], _ check: String, _ suffix: String) -> String? {
        all.first { $0.key.hasPrefix(check + " ") && $0.key.hasSuffix(suffix) }?.value
    }

    @Test
    func plantedFlawsFailAndCleanCounterpartsPassLiveAndFromTheSnapshot() throws {
        let moto = try #require(MotoServer.current)
        let parent = try TemporaryDirectory()
        let output = parent.path + "/snapshot"
        let live = ["--endpoint-url", moto.endpoint, "--region", "us-east-1"]
        #expect(try Rampart.run(["collect", "--output", output, "--quiet"] + live, environment: environment(moto)).status == 0)
        let liveScan = try Rampart.run(["scan", "--quiet", "--format", "json"] + live, environment: environment(moto))
        let offlineScan = try Rampart.run(["scan", "--quiet", "--format", "json", "--snapshot", output], environment: environment(moto))
        for (name, scan) in [("live", liveScan), ("snapshot", offlineScan)] {
            let all = statuses(scan.stdout)
            for (check, suffix, want) in Self.expected {
                #expect(status(all, check, suffix) == want, "\(name): \(check) on \(suffix)")
            }
            #expect(!scan.stdout.contains("sk_live_FAKE") && !scan.stdout.contains("FAKE-agent-token") && !scan.stdout.contains("FAKE-pass-0000"),
                    "\(name): a planted secret is shown")
        }
    }
}
