import struct Foundation.Date
import RampartFindings
import RampartInventory
import RampartJSON

/// EC2 instances: network interfaces, virtualization type, monitoring, instance profiles, and
/// instances left stopped.
enum InstanceConfigurationChecks {
    static let all: [Check] = [singleENI, notParavirtual, detailedMonitoring, instanceProfileAttached, publicWithInstanceProfile, stoppedNotKept]

    static func evidence(_ i: EC2Instance, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var object: JSONObject = ["instanceId": .string(i.id), "state": .string(i.state)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    static let singleENI = Check(
        CheckMetadata(
            id: "ec2.instance.single-network-interface",
            title: "EC2 instances use a single network interface",
            severity: .low, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.17"]], prowler: "ec2_instance_uses_single_eni",
            risk: "An instance with interfaces in several subnets bridges networks that were meant to be separate.",
            remediation: "Detach the extra network interfaces unless the instance is an appliance that needs them.",
            remediationCommand: "aws ec2 detach-network-interface --attachment-id <attachment-id>"),
        evaluate: { ctx in
            InstanceChecks.eachLiveInstance(ctx) { i in
                let facts = evidence(i, ["networkInterfaces": .number(Double(i.networkInterfaceCount))])
                if i.networkInterfaceCount <= 1 { return .pass(i.ref, "\(i.id) has \(i.networkInterfaceCount) network interface.", evidence: facts) }
                return .fail(i.ref, "\(i.id) has \(i.networkInterfaceCount) network interfaces.", evidence: facts)
            }
        })

    static let notParavirtual = Check(
        CheckMetadata(
            id: "ec2.instance.not-paravirtual",
            title: "EC2 instances use HVM, not paravirtual, virtualization",
            severity: .medium, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.24"]], prowler: "ec2_instance_paravirtual_type",
            risk: "Paravirtual instances run on old instance types and AMIs that no longer get the hardware security features of current generations.",
            remediation: "Rebuild the workload on an HVM AMI and a current instance type.",
            remediationCommand: "aws ec2 run-instances --image-id <hvm-ami-id> --instance-type <current-type>"),
        evaluate: { ctx in
            InstanceChecks.eachLiveInstance(ctx) { i in
                let facts = evidence(i, ["virtualizationType": .optional(i.virtualizationType)])
                switch i.virtualizationType {
                case "paravirtual"?: return .fail(i.ref, "\(i.id) uses paravirtual virtualization.", evidence: facts)
                case let type?: return .pass(i.ref, "\(i.id) uses \(type) virtualization.", evidence: facts)
                case nil: return .unknown(i.ref, "describe-instances gave no VirtualizationType for \(i.id).")
                }
            }
        })

    static let detailedMonitoring = Check(
        CheckMetadata(
            id: "ec2.instance.detailed-monitoring",
            title: "EC2 instances have detailed monitoring enabled",
            severity: .low, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: [:], prowler: "ec2_instance_detailed_monitoring_enabled",
            risk: "With five-minute metrics, short spikes and the start of an incident are averaged away.",
            remediation: "Enable detailed (one-minute) monitoring.",
            remediationCommand: "aws ec2 monitor-instances --instance-ids <instance-id>"),
        evaluate: { ctx in
            InstanceChecks.eachLiveInstance(ctx) { i in
                let facts = evidence(i, ["monitoring": .optional(i.monitoringState)])
                switch i.monitoringState {
                case "enabled"?: return .pass(i.ref, "\(i.id) has detailed monitoring enabled.", evidence: facts)
                case let state?: return .fail(i.ref, "\(i.id) has detailed monitoring \(state).", evidence: facts)
                case nil: return .unknown(i.ref, "describe-instances gave no Monitoring.State for \(i.id).")
                }
            }
        })

    static let instanceProfileAttached = Check(
        CheckMetadata(
            id: "ec2.instance.instance-profile-attached",
            title: "EC2 instances get AWS credentials from an instance profile",
            severity: .low, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["1.18"], "cis-aws-5.0": ["1.17"]], prowler: "ec2_instance_profile_attached",
            risk: "An instance without a role tends to get long-lived access keys copied onto its disk instead.",
            remediation: "Attach an instance profile with the role the workload needs, and remove stored keys.",
            remediationCommand: "aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile>"),
        evaluate: { ctx in
            InstanceChecks.eachLiveInstance(ctx) { i in
                let facts = evidence(i, ["instanceProfileArn": .optional(i.instanceProfileArn)])
                if let profile = i.instanceProfileArn { return .pass(i.ref, "\(i.id) uses the instance profile \(profile).", evidence: facts) }
                return .fail(i.ref, "\(i.id) has no instance profile.", evidence: facts)
            }
        })

    static let publicWithInstanceProfile = Check(
        CheckMetadata(
            id: "ec2.instance.public-without-instance-profile",
            title: "EC2 instances with a public IPv4 address carry no instance profile",
            severity: .medium, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: [:], prowler: "ec2_instance_internet_facing_with_instance_profile",
            risk: "A compromised internet-facing instance hands the attacker its role's credentials through the metadata service.",
            remediation: "Put the instance behind a load balancer without a public address, or reduce its role to the minimum.",
            remediationCommand: "aws ec2 disassociate-iam-instance-profile --association-id <association-id>"),
        evaluate: { ctx in
            InstanceChecks.eachLiveInstance(ctx) { i in
                let facts = evidence(i, ["publicIpAddress": .optional(i.publicIpAddress), "instanceProfileArn": .optional(i.instanceProfileArn)])
                if let address = i.publicIpAddress, let profile = i.instanceProfileArn {
                    return .fail(i.ref, "\(i.id) has the public address \(address) and the instance profile \(profile).", evidence: facts)
                }
                if i.publicIpAddress == nil { return .pass(i.ref, "\(i.id) has no public IPv4 address.", evidence: facts) }
                return .pass(i.ref, "\(i.id) has a public IPv4 address but no instance profile.", evidence: facts)
            }
        })

    /// FSBP EC2.4's default: stopped for more than 30 days.
    static let maxStoppedDays = 30

    /// The time in `User initiated (2026-01-02 03:04:05 GMT)`, the form AWS uses when an instance stops.
    static func stoppedAt(_ reason: String?) -> Date? {
        guard let reason, let open = reason.firstIndex(of: "("), let close = reason.lastIndex(of: ")"), open < close else { return nil }
        let parts = reason[reason.index(after: open)..<close].split(separator: " ")
        guard parts.count == 3, parts[2] == "GMT" else { return nil }
        return Timestamp.parse("\(parts[0])T\(parts[1])Z")
    }

    static let stoppedNotKept = Check(
        CheckMetadata(
            id: "ec2.instance.not-stopped-long",
            title: "EC2 instances are not left stopped for more than 30 days",
            severity: .medium, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.4"]], prowler: "ec2_instance_stopped_older_than_specific_days",
            risk: "A long-stopped instance misses every patch; started again, it runs old software with its old permissions.",
            remediation: "Terminate instances no longer needed, after keeping an AMI or snapshot if required.",
            remediationCommand: "aws ec2 terminate-instances --instance-ids <instance-id>"),
        evaluate: { ctx in
            InstanceChecks.eachLiveInstance(ctx) { i in
                guard i.state == "stopped" else {
                    return .pass(i.ref, "\(i.id) is \(i.state).", evidence: evidence(i, [:]))
                }
                guard let since = stoppedAt(i.stateTransitionReason) else {
                    return .unknown(i.ref, "\(i.id) is stopped, but its StateTransitionReason (\(i.stateTransitionReason ?? "absent")) gives no date.")
                }
                let days = ctx.daysSince(since)
                let facts = evidence(i, ["stoppedSince": .string(Timestamp.format(since)), "stoppedDays": .number(Double(days))])
                if days > maxStoppedDays { return .fail(i.ref, "\(i.id) has been stopped for \(days) days.", evidence: facts) }
                return .pass(i.ref, "\(i.id) has been stopped for \(days) days.", evidence: facts)
            }
        })
}
