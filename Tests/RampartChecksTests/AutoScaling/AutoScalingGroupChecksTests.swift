import RampartFindings
import Testing

@Suite struct AutoScalingGroupChecksTests {
    static func group(_ name: String, zones: [String], health: String, targetGroups: [String] = [], classic: [String] = []) -> String {
        let quoted = { (list: [String]) in list.map { "\"\($0)\"" }.joined(separator: ", ") }
        return """
            {"AutoScalingGroupName": "\(name)",
             "AutoScalingGroupARN": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0000:autoScalingGroupName/\(name)",
             "MinSize": 2, "MaxSize": 4, "DesiredCapacity": 2, "DefaultCooldown": 300,
             "AvailabilityZones": [\(quoted(zones))], "LoadBalancerNames": [\(quoted(classic))], "TargetGroupARNs": [\(quoted(targetGroups))],
             "HealthCheckType": "\(health)", "HealthCheckGracePeriod": 300, "Instances": [], "Tags": [],
             "VPCZoneIdentifier": "subnet-a,subnet-b"}
            """
    }

    /// Shaped as `aws autoscaling describe-auto-scaling-groups` prints it.
    static let groups = """
        {"AutoScalingGroups": [
          \(group("web", zones: ["us-east-1a", "us-east-1b"], health: "ELB", targetGroups: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"])),
          \(group("worker", zones: ["us-east-1a"], health: "EC2")),
          \(group("legacy", zones: ["us-east-1a", "us-east-1c"], health: "EC2", classic: ["old-clb"])),
          \(group("lattice", zones: ["us-east-1a", "us-east-1b"], health: "EC2,ELB,VPC_LATTICE", targetGroups: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/l/2"]))
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "autoscaling", "describe-auto-scaling-groups", Self.groups)
        return f
    }

    @Test func groupInOneZoneFails() {
        #expect(fixture.status("autoscaling.group.multi-az", on: "autoScalingGroupName/web") == .pass)
        let finding = fixture.run("autoscaling.group.multi-az").first { $0.resource.arn.hasSuffix("autoScalingGroupName/worker") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "Auto Scaling group worker uses a single Availability Zone (us-east-1a).")
    }

    @Test func groupBehindALoadBalancerWithOnlyEC2HealthChecksFails() {
        #expect(fixture.status("autoscaling.group.elb-health-check", on: "autoScalingGroupName/legacy") == .fail)
        #expect(fixture.status("autoscaling.group.elb-health-check", on: "autoScalingGroupName/web") == .pass)
        #expect(fixture.status("autoscaling.group.elb-health-check", on: "autoScalingGroupName/lattice") == .pass)
    }

    @Test func groupWithoutALoadBalancerIsNotJudgedForELBHealthChecks() {
        #expect(fixture.status("autoscaling.group.elb-health-check", on: "autoScalingGroupName/worker") == nil)
    }

    @Test func unreadableGroupsAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "autoscaling", "describe-auto-scaling-groups", code: "AccessDenied")
        #expect(f.run("autoscaling.group.multi-az").map(\.status) == [.unknown])
        #expect(f.run("autoscaling.group.elb-health-check").map(\.status) == [.unknown])
    }
}
