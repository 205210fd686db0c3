import Foundation
import RampartFindings
import Testing

@Suite struct ECSChecksTests {
    static func arn(_ family: String, _ revision: Int) -> String { "arn:aws:ecs:us-east-1:123456789012:task-definition/\(family):\(revision)" }

    static func taskDefinition(_ family: String, _ revision: Int, networkMode: String = "awsvpc", pidMode: String? = nil, taskRole: String? = nil,
                               containers: [String]) -> String {
        #"""
        {"taskDefinition": {"taskDefinitionArn": "\#(arn(family, revision))", "family": "\#(family)", "revision": \#(revision),
          "networkMode": "\#(networkMode)", \#(pidMode.map { #""pidMode": "\#($0)","# } ?? "") \#(taskRole.map { #""taskRoleArn": "\#($0)","# } ?? "")
          "status": "ACTIVE", "requiresCompatibilities": ["EC2"], "containerDefinitions": [\#(containers.joined(separator: ", "))]}}
        """#
    }

    static let safeContainer = #"""
        {"name": "web", "image": "nginx:1.27", "user": "1000:1000", "privileged": false, "readonlyRootFilesystem": true,
         "environment": [{"name": "PORT", "value": "8080"}], "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}],
         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}}
        """#
    static let flawedContainer = #"""
        {"name": "agent", "image": "agent:latest", "privileged": true,
         "environment": [{"name": "API_TOKEN", "value": "s3cr3t-token-value-123"}, {"name": "MODE", "value": "fast"}]}
        """#

    /// `web` is clean (revision 2; revision 1 was flawed and is superseded); `agent` has every flaw;
    /// `hidden` could not be described.
    var fixture: Fixture {
        var f = Fixture()
        f.computeRoles()
        f.answer("us-east-1", "ecs", "list-task-definitions", """
            {"taskDefinitionArns": ["\(Self.arn("web", 1))", "\(Self.arn("web", 2))", "\(Self.arn("agent", 7))", "\(Self.arn("hidden", 1))"]}
            """)
        f.answer("us-east-1", "ecs", "describe-task-definition", resource: Self.arn("web", 1),
                 Self.taskDefinition("web", 1, networkMode: "host", containers: [Self.flawedContainer]))
        f.answer("us-east-1", "ecs", "describe-task-definition", resource: Self.arn("web", 2),
                 Self.taskDefinition("web", 2, taskRole: ComputeRoleFixtures.appRole, containers: [Self.safeContainer]))
        f.answer("us-east-1", "ecs", "describe-task-definition", resource: Self.arn("agent", 7),
                 Self.taskDefinition("agent", 7, networkMode: "host", pidMode: "host", taskRole: ComputeRoleFixtures.adminRole, containers: [Self.flawedContainer, #"{"name": "sidecar", "image": "busybox"}"#]))
        f.fail("us-east-1", "ecs", "describe-task-definition", resource: Self.arn("hidden", 1), code: "AccessDeniedException")
        f.answer("us-east-1", "ecs", "list-clusters", #"{"clusterArns": ["arn:aws:ecs:us-east-1:123456789012:cluster/prod", "arn:aws:ecs:us-east-1:123456789012:cluster/dev", "arn:aws:ecs:us-east-1:123456789012:cluster/gone"]}"#)
        f.answer("us-east-1", "ecs", "describe-clusters", resource: "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                 #"{"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "clusterName": "prod", "status": "ACTIVE", "settings": [{"name": "containerInsights", "value": "enabled"}]}], "failures": []}"#)
        f.answer("us-east-1", "ecs", "describe-clusters", resource: "arn:aws:ecs:us-east-1:123456789012:cluster/dev",
                 #"{"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/dev", "clusterName": "dev", "status": "ACTIVE", "settings": [{"name": "containerInsights", "value": "disabled"}]}], "failures": []}"#)
        f.answer("us-east-1", "ecs", "describe-clusters", resource: "arn:aws:ecs:us-east-1:123456789012:cluster/gone",
                 #"{"clusters": [], "failures": [{"arn": "arn:aws:ecs:us-east-1:123456789012:cluster/gone", "reason": "MISSING"}]}"#)
        return f
    }

    static let taskDefinitionChecks = [
        "ecs.task-definition.host-network-user", "ecs.task-definition.no-host-network", "ecs.task-definition.no-host-pid",
        "ecs.task-definition.no-privileged-containers", "ecs.task-definition.read-only-root-filesystem", "ecs.task-definition.non-root-user",
        "ecs.task-definition.no-environment-secrets", "ecs.task-definition.logging", "ecs.task-definition.task-role-not-admin",
    ]

    @Test func onlyTheNewestRevisionOfEachFamilyIsJudged() {
        let f = fixture
        for check in Self.taskDefinitionChecks {
            let findings = f.run(check)
            #expect(findings.count == 3, "\(check): web:2, agent:7 and hidden:1")
            #expect(!findings.contains { $0.resource.arn.hasSuffix("web:1") }, "\(check)")
        }
    }

    @Test func everyTaskDefinitionCheckPassesTheCleanFamilyFailsTheFlawedOneAndIsUnknownForTheUnread() {
        let f = fixture
        for check in Self.taskDefinitionChecks {
            #expect(f.status(check, on: "web:2") == .pass, "\(check)")
            #expect(f.status(check, on: "agent:7") == .fail, "\(check)")
            #expect(f.status(check, on: "hidden:1") == .unknown, "\(check)")
        }
    }

    @Test func hostNetworkWithAPrivilegedContainerIsDeliberateForECS1() {
        var f = Fixture()
        f.answer("us-east-1", "ecs", "list-task-definitions", #"{"taskDefinitionArns": ["\#(Self.arn("node", 1))"]}"#)
        f.answer("us-east-1", "ecs", "describe-task-definition", resource: Self.arn("node", 1), Self.taskDefinition("node", 1, networkMode: "host", containers: [
            #"{"name": "root", "image": "x"}"#, #"{"name": "priv", "image": "x", "privileged": true}"#, #"{"name": "app", "image": "x", "user": "app"}"#]))
        let finding = f.run("ecs.task-definition.host-network-user").first
        #expect(finding?.status == .fail)
        #expect(finding?.message.hasSuffix(": root.") == true, "only the root, unprivileged container is named: \(finding?.message ?? "")")
    }

    @Test func environmentSecretsAreNamedNeverShown() {
        let agent = fixture.run("ecs.task-definition.no-environment-secrets").first { $0.resource.arn.hasSuffix("agent:7") }
        #expect(agent?.message.contains("agent/API_TOKEN") == true)
        #expect(agent?.message.contains("MODE") == false)
        #expect(!(agent.map { $0.message + String(describing: $0.evidence) } ?? "").contains("s3cr3t"))
    }

    @Test func containerInsights() {
        let f = fixture
        #expect(f.status("ecs.cluster.container-insights", on: "cluster/prod") == .pass)
        #expect(f.status("ecs.cluster.container-insights", on: "cluster/dev") == .fail)
        #expect(f.status("ecs.cluster.container-insights", on: "cluster/gone") == .unknown, "a cluster describe-clusters reports as a failure")
    }

    @Test func unreadableListingsAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "ecs", "list-task-definitions", code: "AccessDeniedException")
        f.fail("us-east-1", "ecs", "list-clusters", code: "AccessDeniedException")
        for check in Self.taskDefinitionChecks + ["ecs.cluster.container-insights"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
