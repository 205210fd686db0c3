import RampartFindings
import RampartInventory
import RampartJSON

/// Auto Scaling groups: launched from launch templates, with several instance types.
enum AutoScalingLaunchChecks {
    static let all: [Check] = [launchTemplate, multipleInstanceTypes]

    static let launchTemplate = Check(
        CheckMetadata(
            id: "autoscaling.group.launch-template",
            title: "Auto Scaling groups launch from EC2 launch templates",
            severity: .medium, resourceType: "AWS::AutoScaling::AutoScalingGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["AutoScaling.9"]], prowler: "autoscaling_group_using_ec2_launch_template",
            risk: "Launch configurations are deprecated and cannot require IMDSv2 options and other current settings as templates can.",
            remediation: "Create a launch template from the launch configuration and point the group at it.",
            remediationCommand: "aws autoscaling update-auto-scaling-group --auto-scaling-group-name <group> --launch-template LaunchTemplateId=<template-id>,Version='$Latest'"),
        evaluate: { ctx in
            ctx.eachRegional(\.autoScaling.groups) { group, _ in
                let evidence: JSONObject = [
                    "autoScalingGroupName": .string(group.name), "launchTemplate": .optional(group.launchTemplate),
                    "launchConfigurationName": .optional(group.launchConfigurationName),
                ]
                if let template = group.launchTemplate { return .pass(group.ref, "\(group.name) launches from template \(template).", evidence: evidence) }
                if let configuration = group.launchConfigurationName {
                    return .fail(group.ref, "\(group.name) launches from the launch configuration \(configuration).", evidence: evidence)
                }
                return .unknown(group.ref, "describe-auto-scaling-groups names neither a launch template nor a launch configuration for \(group.name).")
            }
        })

    static let multipleInstanceTypes = Check(
        CheckMetadata(
            id: "autoscaling.group.multiple-instance-types",
            title: "Auto Scaling groups use several instance types across several Availability Zones",
            severity: .medium, resourceType: "AWS::AutoScaling::AutoScalingGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["AutoScaling.6"]], prowler: "autoscaling_group_multiple_instance_types",
            risk: "A group tied to one instance type cannot launch when that type runs out of capacity in a zone.",
            remediation: "Use a mixed instances policy listing several instance types, over subnets in several zones.",
            remediationCommand:
                "aws autoscaling update-auto-scaling-group --auto-scaling-group-name <group> --mixed-instances-policy file://<mixed-instances-policy>.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.autoScaling.groups) { group, _ in
                let types = Set(group.overrideInstanceTypes).sorted()
                let zones = Set(group.availabilityZones).sorted()
                let evidence: JSONObject = [
                    "autoScalingGroupName": .string(group.name), "instanceTypes": .strings(types), "availabilityZones": .strings(zones),
                ]
                if types.count >= 2 && zones.count >= 2 {
                    return .pass(group.ref, "\(group.name) uses \(types.joined(separator: ", ")) across \(zones.joined(separator: ", ")).", evidence: evidence)
                }
                return .fail(group.ref, "\(group.name) uses \(types.count < 2 ? "a single instance type" : "\(types.count) instance types") in \(zones.count) Availability Zone\(zones.count == 1 ? "" : "s").", evidence: evidence)
            }
        })
}
