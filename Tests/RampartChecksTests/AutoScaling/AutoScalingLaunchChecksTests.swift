import RampartFindings
import Testing

@Suite struct AutoScalingLaunchChecksTests {
    static let groups = """
        {"AutoScalingGroups": [
          {"AutoScalingGroupName": "mixed", "MinSize": 2, "MaxSize": 4, "DesiredCapacity": 2, "AvailabilityZones": ["us-east-1a", "us-east-1b"],
           "MixedInstancesPolicy": {"LaunchTemplate": {"LaunchTemplateSpecification": {"LaunchTemplateId": "lt-1", "Version": "$Latest"},
             "Overrides": [{"InstanceType": "m6i.large"}, {"InstanceType": "m5.large"}]}}, "Instances": []},
          {"AutoScalingGroupName": "legacy", "MinSize": 1, "MaxSize": 1, "DesiredCapacity": 1, "AvailabilityZones": ["us-east-1a"],
           "LaunchConfigurationName": "old-lc", "Instances": []},
          {"AutoScalingGroupName": "template", "MinSize": 1, "MaxSize": 2, "DesiredCapacity": 1, "AvailabilityZones": ["us-east-1a", "us-east-1b"],
           "LaunchTemplate": {"LaunchTemplateName": "web", "Version": "3"}, "Instances": []},
          {"AutoScalingGroupName": "bare", "MinSize": 0, "MaxSize": 0, "DesiredCapacity": 0, "AvailabilityZones": ["us-east-1a"], "Instances": []}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "autoscaling", "describe-auto-scaling-groups", Self.groups)
        return f
    }

    @Test func launchConfigurationFailsAndTemplatesPass() {
        #expect(fixture.status("autoscaling.group.launch-template", on: "autoScalingGroupName/mixed") == .pass)
        #expect(fixture.status("autoscaling.group.launch-template", on: "autoScalingGroupName/template") == .pass)
        #expect(fixture.status("autoscaling.group.launch-template", on: "autoScalingGroupName/legacy") == .fail)
        #expect(fixture.status("autoscaling.group.launch-template", on: "autoScalingGroupName/bare") == .unknown)
    }

    @Test func singleInstanceTypeFails() {
        #expect(fixture.status("autoscaling.group.multiple-instance-types", on: "autoScalingGroupName/mixed") == .pass)
        let finding = fixture.run("autoscaling.group.multiple-instance-types").first { $0.resource.arn.hasSuffix("autoScalingGroupName/template") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "template uses a single instance type in 2 Availability Zones.")
    }

    @Test func unreadableGroupsAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "autoscaling", "describe-auto-scaling-groups", code: "AccessDenied")
        for check in ["autoscaling.group.launch-template", "autoscaling.group.multiple-instance-types"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
