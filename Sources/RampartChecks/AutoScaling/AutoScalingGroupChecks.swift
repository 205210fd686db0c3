import RampartFindings
import RampartInventory
import RampartJSON

/// EC2 Auto Scaling groups: spread over Availability Zones, and load balancer health checks
/// for groups behind a load balancer.
enum AutoScalingGroupChecks {
    static let all: [Check] = [multiAZ, elbHealthCheck]

    static let multiAZ = Check(
        CheckMetadata(
            id: "autoscaling.group.multi-az",
            title: "Auto Scaling groups span more than one Availability Zone",
            severity: .medium, resourceType: "AWS::AutoScaling::AutoScalingGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["AutoScaling.2"]],
            prowler: "autoscaling_group_multiple_az",
            risk: "A group confined to one Availability Zone cannot replace its instances elsewhere when that zone fails.",
            remediation: "Give the group subnets in at least two Availability Zones so it can balance and relaunch instances across them.",
            remediationCommand:
                "aws autoscaling update-auto-scaling-group --auto-scaling-group-name <group> --vpc-zone-identifier '<subnet-in-zone-a>,<subnet-in-zone-b>'"),
        evaluate: { ctx in
            ctx.eachRegional(\.autoScaling.groups) { group, _ in
                let zones = Set(group.availabilityZones).sorted()
                let evidence: JSONObject = ["availabilityZones": .strings(zones), "subnetIds": .strings(group.subnetIds)]
                if zones.count >= 2 {
                    return .pass(group.ref, "Auto Scaling group \(group.name) spans \(zones.joined(separator: ", ")).", evidence: evidence)
                }
                let only = zones.first.map { " (\($0))" } ?? ""
                return .fail(group.ref, "Auto Scaling group \(group.name) uses a single Availability Zone\(only).", evidence: evidence)
            }
        })

    static let elbHealthCheck = Check(
        CheckMetadata(
            id: "autoscaling.group.elb-health-check",
            title: "Auto Scaling groups behind a load balancer use its health checks",
            severity: .low, resourceType: "AWS::AutoScaling::AutoScalingGroup", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["AutoScaling.1"]],
            prowler: "autoscaling_group_elb_health_check_enabled",
            risk: "With EC2 status checks alone, an instance whose application has stopped answering stays in service: the load balancer routes around it but the group never replaces it.",
            remediation: "Add ELB to the group's health check types so instances the load balancer finds unhealthy are replaced.",
            remediationCommand: "aws autoscaling update-auto-scaling-group --auto-scaling-group-name <group> --health-check-type ELB --health-check-grace-period 300"),
        evaluate: { ctx in
            ctx.eachRegional(\.autoScaling.groups) { group, _ in
                guard !group.targetGroupArns.isEmpty || !group.loadBalancerNames.isEmpty else { return nil }
                // HealthCheckType is a comma-separated list of types (EC2 is always implied).
                let types = (group.healthCheckType ?? "EC2").split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }
                let evidence: JSONObject = [
                    "healthCheckType": .optional(group.healthCheckType), "targetGroupArns": .strings(group.targetGroupArns),
                    "loadBalancerNames": .strings(group.loadBalancerNames),
                ]
                if types.contains("ELB") {
                    return .pass(group.ref, "Auto Scaling group \(group.name) uses load balancer health checks (HealthCheckType=\(types.joined(separator: ","))).",
                                 evidence: evidence)
                }
                return .fail(group.ref, "Auto Scaling group \(group.name) is behind a load balancer but uses only \(types.joined(separator: ",")) health checks.",
                             evidence: evidence)
            }
        })
}
