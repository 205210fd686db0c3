import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// One planted resource (a security group admitting SSH from the whole internet) gives the same
/// verdict from a CloudFormation template, from a Terraform plan and from a live (moto) account:
/// the three sources fill one inventory and run one check.
@Suite(.serialized) struct SameVerdictTests {
    static let check = "ec2.security-group.ingress-open-admin-ports"

    static func verdicts(_ result: Rampart.Result) throws -> [(name: String, status: String)] {
        guard case .array(let items) = try JSONParser.parse(result.stdout) else { return [] }
        return items.map { ($0["resource"]?["name"]?.stringValue ?? "", $0["status"]?.stringValue ?? "") }
    }

    @Test func sshOpenToTheInternetFailsFromTemplatePlanAndLiveAccount() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let created = try await moto.aws(["ec2", "create-security-group", "--group-name", "planted", "--description", "planted", "--region", "us-east-1"])
        let groupId = try #require(try JSONParser.parse(created)["GroupId"]?.stringValue)
        _ = try await moto.aws([
            "ec2", "authorize-security-group-ingress", "--group-id", groupId, "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0",
            "--region", "us-east-1",
        ])
        let environment = [
            "AWS_ACCESS_KEY_ID": moto.admin.accessKeyId, "AWS_SECRET_ACCESS_KEY": moto.admin.secretAccessKey,
            "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1",
        ]
        let live = try Self.verdicts(try Rampart.run(
            ["scan", "--endpoint-url", moto.endpoint, "--region", "us-east-1", "--check", Self.check, "--format", "json", "--no-store", "--quiet"],
            environment: environment))
        let liveVerdict = live.first { $0.name.contains("planted") }?.status
        let template = try Self.verdicts(try Rampart.run([
            "scan", "--template", "Examples/templates/cloudformation/web-flawed.yaml", "--check", Self.check, "--format", "json", "--no-store",
        ]))
        let plan = try Self.verdicts(try Rampart.run([
            "scan", "--terraform-plan", "Examples/templates/terraform/plan.json", "--check", Self.check, "--format", "json", "--no-store",
        ]))
        #expect(liveVerdict == "FAIL", "\(live)")
        #expect(template.map(\.status) == ["FAIL"])
        #expect(plan.map(\.status) == ["FAIL"])
    }
}
