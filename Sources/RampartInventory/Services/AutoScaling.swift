public import RampartJSON

public struct AutoScalingInstance: Sendable, Hashable {
    public var instanceId: String
    public var availabilityZone: String?
    /// `InService`, `Pending`, `Standby`, `Terminating` ...
    public var lifecycleState: String?
    /// `Healthy` or `Unhealthy`.
    public var healthStatus: String?
}

public struct AutoScalingGroup: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var name: String
    public var minSize: Int
    public var maxSize: Int
    public var desiredCapacity: Int
    public var availabilityZones: [String]
    public var subnetIds: [String]
    public var targetGroupArns: [String]
    public var loadBalancerNames: [String]
    /// `EC2` or `ELB` (or `VPC_LATTICE`, `EBS`).
    public var healthCheckType: String?
    public var instances: [AutoScalingInstance]
    /// The launch template's id or name, directly or through a mixed instances policy.
    public var launchTemplate: String?
    public var launchConfigurationName: String?
    /// Instance types named by the mixed instances policy's overrides.
    public var overrideInstanceTypes: [String]
}

public struct AutoScalingInventory: Sendable {
    public var groups: Known<[AutoScalingGroup]>
}

extension AutoScalingInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> AutoScalingInventory {
        let groups = loader.load(
            AWSCall(account: scope.account, region: scope.region, service: "autoscaling", operation: "describe-auto-scaling-groups")
        ) { (root) throws(JSONShapeError) in
            try root.map("AutoScalingGroups") { (g) throws(JSONShapeError) in
                let name = try g.requiredString("AutoScalingGroupName")
                let direct = try g.optional("LaunchTemplate")
                let mixed = try g.optional("MixedInstancesPolicy")?.optional("LaunchTemplate")
                let spec = try mixed?.optional("LaunchTemplateSpecification")
                var template: String?
                for node in [direct, spec].compactMap({ $0 }) where template == nil {
                    let id = try node.string("LaunchTemplateId")
                    let templateName = try node.string("LaunchTemplateName")
                    template = id ?? templateName
                }
                var overrides: [String] = []
                for o in try mixed?.array("Overrides") ?? [] { if let type = try o.string("InstanceType") { overrides.append(type) } }
                return AutoScalingGroup(
                    ref: ResourceRef(
                        arn: try g.string("AutoScalingGroupARN") ?? scope.arn("autoscaling", "autoScalingGroup:*:autoScalingGroupName/\(name)"),
                        type: "AWS::AutoScaling::AutoScalingGroup", account: scope.account, region: scope.region, name: name),
                    tags: try g.tagList(), name: name, minSize: try g.int("MinSize") ?? 0, maxSize: try g.int("MaxSize") ?? 0,
                    desiredCapacity: try g.int("DesiredCapacity") ?? 0, availabilityZones: try g.strings("AvailabilityZones"),
                    subnetIds: (try g.string("VPCZoneIdentifier") ?? "").split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }.filter { !$0.isEmpty },
                    targetGroupArns: try g.strings("TargetGroupARNs"), loadBalancerNames: try g.strings("LoadBalancerNames"),
                    healthCheckType: try g.string("HealthCheckType"),
                    instances: try g.map("Instances") { (i) throws(JSONShapeError) in
                        AutoScalingInstance(
                            instanceId: try i.string("InstanceId") ?? "", availabilityZone: try i.string("AvailabilityZone"),
                            lifecycleState: try i.string("LifecycleState"), healthStatus: try i.string("HealthStatus"))
                    },
                    launchTemplate: template, launchConfigurationName: try g.string("LaunchConfigurationName"),
                    overrideInstanceTypes: overrides)
            }
        }
        return AutoScalingInventory(groups: groups)
    }
}

import Foundation
