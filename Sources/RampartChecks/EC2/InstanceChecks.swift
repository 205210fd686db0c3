import RampartFindings
import RampartInventory
import RampartJSON

/// EC2 instances: how the instance metadata service answers, and whether an instance has a
/// public IPv4 address. Terminated instances are gone and are not judged.
enum InstanceChecks {
    static let all: [Check] = [imdsv2Required, noPublicIPv4]

    /// Calls `judge` for every instance that still exists.
    static func eachLiveInstance(_ ctx: CheckContext, _ judge: (EC2Instance) -> CheckOutcome) -> [CheckOutcome] {
        ctx.eachRegional(\.ec2.instances) { instance, _ in
            instance.state == "terminated" ? nil : judge(instance)
        }
    }

    static let imdsv2Required = Check(
        CheckMetadata(
            id: "ec2.instance.imdsv2-required",
            title: "EC2 instances require IMDSv2",
            severity: .high, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["5.6"], "cis-aws-5.0": ["5.7"], "aws-fsbp": ["EC2.8"]],
            prowler: "ec2_instance_imdsv2_enabled",
            risk: "With IMDSv1 a server-side request forgery in any application on the instance can read the instance role's credentials.",
            remediation: "Require session tokens (IMDSv2) on the instance, after checking that its software uses a current AWS SDK.",
            remediationCommand: "aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled"),
        evaluate: { ctx in
            eachLiveInstance(ctx) { instance in
                let evidence: JSONObject = [
                    "instanceId": .string(instance.id), "state": .string(instance.state),
                    "httpTokens": .optional(instance.metadataHttpTokens), "httpEndpoint": .optional(instance.metadataHttpEndpoint),
                ]
                if instance.metadataHttpEndpoint == "disabled" {
                    return .pass(instance.ref, "\(instance.id) has the instance metadata endpoint disabled (HttpEndpoint=disabled).",
                                 evidence: evidence)
                }
                switch instance.metadataHttpTokens {
                case "required":
                    return .pass(instance.ref, "\(instance.id) requires IMDSv2 (HttpTokens=required).", evidence: evidence)
                case let tokens?:
                    return .fail(instance.ref, "\(instance.id) still answers IMDSv1 requests (HttpTokens=\(tokens)).", evidence: evidence)
                case nil:
                    return .unknown(instance.ref, "describe-instances gave no MetadataOptions.HttpTokens for \(instance.id).")
                }
            }
        })

    static let noPublicIPv4 = Check(
        CheckMetadata(
            id: "ec2.instance.no-public-ipv4",
            title: "EC2 instances have no public IPv4 address",
            severity: .medium, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.9"]],
            prowler: "ec2_instance_public_ip",
            risk: "An instance with a public address is one security-group mistake away from being reachable from the internet.",
            remediation: "Serve the workload through a load balancer or NAT and remove the public address from the instance's network interface.",
            remediationCommand: "aws ec2 modify-network-interface-attribute --network-interface-id <eni-id> --no-associate-public-ip-address"),
        evaluate: { ctx in
            eachLiveInstance(ctx) { instance in
                let evidence: JSONObject = [
                    "instanceId": .string(instance.id), "state": .string(instance.state),
                    "publicIpAddress": .optional(instance.publicIpAddress), "subnetId": .optional(instance.subnetId),
                ]
                guard let address = instance.publicIpAddress else {
                    return .pass(instance.ref, "\(instance.id) has no public IPv4 address.", evidence: evidence)
                }
                return .fail(instance.ref, "\(instance.id) has the public IPv4 address \(address).", evidence: evidence)
            }
        })
}
