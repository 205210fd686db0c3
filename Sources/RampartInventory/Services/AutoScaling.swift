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
                    })
            }
        }
        return AutoScalingInventory(groups: groups)
    }
}

import Foundation
