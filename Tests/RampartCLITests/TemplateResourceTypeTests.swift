import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// Every resource type the templates map, through the real check ids, from CloudFormation
/// (`Examples/templates/cloudformation/services.yaml`) and from a real Terraform plan
/// (`Examples/templates/terraform-services/plan.json`): the planted flaw FAILs, the clean
/// counterpart PASSes, and the one whose setting is unresolved is UNKNOWN, never PASS.
struct TemplateResourceTypeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var check: String
        /// The flawed, clean and unresolved resources: CloudFormation logical ids and Terraform addresses.
        var cloudFormation: [String]
        var terraform: [String]
        var testDescription: String { check }
    }

    static let cases: [Case] = [
        Case(check: "vpc.subnet.no-auto-public-ip", cloudFormation: ["FlawedSubnet", "CleanSubnet", "UnresolvedSubnet"],
             terraform: ["aws_subnet.flawed", "aws_subnet.clean", "aws_subnet.unresolved"]),
        Case(check: "ec2.instance.imdsv2-required", cloudFormation: ["FlawedInstance", "CleanInstance", "UnresolvedInstance"],
             terraform: ["aws_instance.flawed", "aws_instance.clean", "aws_instance.unresolved"]),
        Case(check: "ec2.volume.encrypted", cloudFormation: ["FlawedVolume", "CleanVolume", "UnresolvedVolume"],
             terraform: ["aws_ebs_volume.flawed", "aws_ebs_volume.clean", "aws_ebs_volume.unresolved"]),
        Case(check: "autoscaling.group.multi-az", cloudFormation: ["FlawedGroup", "CleanGroup", "UnresolvedGroup"],
             terraform: ["aws_autoscaling_group.flawed", "aws_autoscaling_group.clean", "aws_autoscaling_group.unresolved"]),
        Case(check: "kms.key.rotation-enabled", cloudFormation: ["FlawedKey", "CleanKey", "UnresolvedKey"],
             terraform: ["aws_kms_key.flawed", "aws_kms_key.clean", "aws_kms_key.unresolved"]),
        Case(check: "dynamodb.table.point-in-time-recovery", cloudFormation: ["FlawedTable", "CleanTable", "UnresolvedTable"],
             terraform: ["aws_dynamodb_table.flawed", "aws_dynamodb_table.clean", "aws_dynamodb_table.unresolved"]),
        Case(check: "sqs.queue.policy-not-public", cloudFormation: ["FlawedQueue", "CleanQueue", "UnresolvedQueue"],
             terraform: ["aws_sqs_queue.flawed", "aws_sqs_queue.clean", "aws_sqs_queue.unresolved"]),
        Case(check: "sns.topic.encrypted-at-rest", cloudFormation: ["FlawedTopic", "CleanTopic", "UnresolvedTopic"],
             terraform: ["aws_sns_topic.flawed", "aws_sns_topic.clean", "aws_sns_topic.unresolved"]),
        Case(check: "lambda.function.not-public", cloudFormation: ["FlawedFunction", "CleanFunction", "UnresolvedFunction"],
             terraform: ["aws_lambda_function.flawed", "aws_lambda_function.clean", "aws_lambda_function.unresolved"]),
        Case(check: "rds.db-cluster.storage-encrypted", cloudFormation: ["FlawedCluster", "CleanCluster", "UnresolvedCluster"],
             terraform: ["aws_rds_cluster.flawed", "aws_rds_cluster.clean", "aws_rds_cluster.unresolved"]),
        Case(check: "cloudtrail.trail.log-file-validation", cloudFormation: ["FlawedTrail", "CleanTrail", "UnresolvedTrail"],
             terraform: ["aws_cloudtrail.flawed", "aws_cloudtrail.clean", "aws_cloudtrail.unresolved"]),
    ]

    static let template = "Examples/templates/cloudformation/services.yaml"
    static let plan = "Examples/templates/terraform-services/plan.json"

    /// Each finding's status by the resource's logical id or Terraform address.
    static func statuses(_ source: [String], check: String) throws -> [String: String] {
        let result = try Rampart.run(["scan", "--check", check, "--format", "json", "--no-store"] + source)
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        guard case .array(let items) = try JSONParser.parse(result.stdout) else { return [:] }
        var out: [String: String] = [:]
        for item in items {
            let location = item["resource"]?["location"]
            guard let key = location?["logicalId"]?.stringValue ?? location?["address"]?.stringValue else { continue }
            out[key] = item["status"]?.stringValue
        }
        return out
    }

    @Test(arguments: cases) func cloudFormationFlawFailsCleanPassesUnresolvedIsUnknown(_ c: Case) throws {
        let statuses = try Self.statuses(["--template", Self.template], check: c.check)
        #expect(statuses[c.cloudFormation[0]] == "FAIL", "\(c.cloudFormation[0]): \(statuses)")
        #expect(statuses[c.cloudFormation[1]] == "PASS", "\(c.cloudFormation[1]): \(statuses)")
        #expect(statuses[c.cloudFormation[2]] == "UNKNOWN", "\(c.cloudFormation[2]): \(statuses)")
    }

    @Test(arguments: cases) func terraformFlawFailsCleanPassesUnresolvedIsUnknown(_ c: Case) throws {
        let statuses = try Self.statuses(["--terraform-plan", Self.plan], check: c.check)
        #expect(statuses[c.terraform[0]] == "FAIL", "\(c.terraform[0]): \(statuses)")
        #expect(statuses[c.terraform[1]] == "PASS", "\(c.terraform[1]): \(statuses)")
        #expect(statuses[c.terraform[2]] == "UNKNOWN", "\(c.terraform[2]): \(statuses)")
    }

    /// References are followed as in a live account: the instance's subnet routes to the internet
    /// gateway, its network ACL admits SSH, its group is open and the subnet gives it a public address.
    @Test func anInstanceIsExposedThroughItsSubnetRouteAclAndGroupInBothForms() throws {
        let check = "ec2.instance.ssh-not-exposed-to-internet"
        let template = try Self.statuses(["--template", Self.template], check: check)
        #expect(template["FlawedInstance"] == "FAIL", "\(template)")
        #expect(template["CleanInstance"] == "PASS", "\(template)")
        let plan = try Self.statuses(["--terraform-plan", Self.plan], check: check)
        #expect(plan["aws_instance.flawed"] == "FAIL", "\(plan)")
        #expect(plan["aws_instance.clean"] == "PASS", "\(plan)")
    }

    @Test func networkACLEntriesJoinTheirACLInBothForms() throws {
        let check = "ec2.network-acl.ingress-open-admin-ports"
        let template = try Self.statuses(["--template", Self.template], check: check)
        #expect(template["FlawedAcl"] == "FAIL", "\(template)")
        #expect(template["CleanAcl"] == "PASS", "\(template)")
        let plan = try Self.statuses(["--terraform-plan", Self.plan], check: check)
        #expect(plan["aws_network_acl.flawed"] == "FAIL", "\(plan)")
        #expect(plan["aws_network_acl.clean"] == "PASS", "\(plan)")
    }

    /// The availability simulation reads the groups' subnets' zones from code: losing the first
    /// zone takes down the group in one zone and leaves the group across two degraded.
    @Test(arguments: [["--template", template], ["--terraform-plan", plan]])
    func losingAZoneTakesDownTheSingleZoneGroupOnly(_ source: [String]) throws {
        let result = try Rampart.run(["resilience", "simulate", "--fail", "az:us-east-1-az1", "--format", "json"] + source)
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        guard case .array(let scenarios) = try JSONParser.parse(result.stdout) else { Issue.record("not JSON"); return }
        var verdicts: [String: String] = [:]
        for workload in scenarios.first?["workloads"]?.arrayValue ?? [] {
            verdicts[workload["id"]?.stringValue ?? ""] = workload["verdict"]?.stringValue
        }
        let flawed = source[0] == "--template" ? "asg:us-east-1:services-FlawedGroup" : "asg:us-east-1:flawed"
        let clean = source[0] == "--template" ? "asg:us-east-1:services-CleanGroup" : "asg:us-east-1:clean"
        #expect(verdicts[flawed] == "down", "\(verdicts)")
        #expect(verdicts[clean] == "degraded", "\(verdicts)")
    }
}
