import RampartFindings
import RampartInventory
import RampartJSON

/// VPCs and subnets: flow logging of each VPC, and subnets that hand out public addresses.
enum VPCChecks {
    static let all: [Check] = [flowLogsEnabled, subnetNoAutoPublicIP]

    /// Traffic types that record rejected traffic, which CIS and FSBP ask for.
    static let rejectCapturing: Set<String> = ["ALL", "REJECT"]

    static func flowLogVerdict(_ vpc: VPC, _ flowLogs: [FlowLog], subnets: [Subnet]?) -> CheckOutcome {
        let own = flowLogs.filter { $0.resourceId == vpc.id }
        let subnetIds = Set((subnets ?? []).filter { $0.vpcId == vpc.id }.map(\.id))
        let narrower = flowLogs.filter { subnetIds.contains($0.resourceId) }.map(\.resourceId)
        let evidence: JSONObject = [
            "vpcId": .string(vpc.id),
            "flowLogs": .array(own.map { ["flowLogId": .string($0.id), "status": .optional($0.status), "trafficType": .optional($0.trafficType)] }),
            "subnetFlowLogs": .strings(narrower),
        ]
        let active = own.filter { $0.status == "ACTIVE" }
        if let log = active.first(where: { rejectCapturing.contains($0.trafficType ?? "") }) {
            return .pass(vpc.ref, "\(vpc.id) has an active flow log \(log.id) recording \(log.trafficType ?? "") traffic.", evidence: evidence)
        }
        if let log = active.first(where: { $0.trafficType == nil }) {
            return .unknown(vpc.ref, "describe-flow-logs gave no TrafficType for flow log \(log.id) of \(vpc.id).")
        }
        if !active.isEmpty {
            return .fail(vpc.ref, "\(vpc.id) has flow logs recording only accepted traffic; rejected traffic is not recorded.",
                         evidence: evidence)
        }
        if let log = own.first(where: { $0.status == nil }) {
            return .unknown(vpc.ref, "describe-flow-logs gave no FlowLogStatus for flow log \(log.id) of \(vpc.id).")
        }
        if !own.isEmpty {
            return .fail(vpc.ref, "\(vpc.id) has no active flow log (\(own.map { "\($0.id): \($0.status ?? "")" }.joined(separator: ", "))).",
                         evidence: evidence)
        }
        let note = narrower.isEmpty ? "" : " (subnet flow logs on \(narrower.joined(separator: ", ")) do not cover the whole VPC)"
        return .fail(vpc.ref, "\(vpc.id) has no VPC-level flow log\(note).", evidence: evidence)
    }

    static let flowLogsEnabled = Check(
        CheckMetadata(
            id: "vpc.vpc.flow-logs-enabled",
            title: "VPC flow logging is enabled in every VPC",
            severity: .medium, resourceType: "AWS::EC2::VPC", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["3.7"], "cis-aws-5.0": ["3.7"], "aws-fsbp": ["EC2.6"]],
            prowler: "vpc_flow_logs_enabled",
            risk: "Without flow logs there is no record of the connections made or refused in the VPC to investigate an incident with.",
            remediation: "Create a VPC-level flow log that records at least rejected traffic, to CloudWatch Logs or S3.",
            remediationCommand:
                "aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type REJECT --log-destination-type s3 --log-destination arn:aws:s3:::<log-bucket>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.vpcs) { vpc, region in
                switch region.ec2.flowLogs {
                case .unknown(let reason): .unknown(vpc.ref, reason)
                case .known(let flowLogs): flowLogVerdict(vpc, flowLogs, subnets: region.ec2.subnets.value)
                }
            }
        })

    static let subnetNoAutoPublicIP = Check(
        CheckMetadata(
            id: "vpc.subnet.no-auto-public-ip",
            title: "Subnets do not assign public IPv4 addresses automatically",
            severity: .medium, resourceType: "AWS::EC2::Subnet", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.15"]],
            prowler: "vpc_subnet_no_public_ip_by_default",
            risk: "Every instance launched into the subnet gets a public address unless its launcher remembers to refuse one.",
            remediation: "Turn off automatic public IPv4 assignment on the subnet; give public addresses explicitly where they are needed.",
            remediationCommand: "aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.subnets) { subnet, _ in
                let evidence: JSONObject = [
                    "subnetId": .string(subnet.id), "vpcId": .string(subnet.vpcId), "mapPublicIpOnLaunch": .bool(subnet.mapPublicIpOnLaunch),
                ]
                if subnet.mapPublicIpOnLaunch {
                    return .fail(subnet.ref, "\(subnet.id) in \(subnet.vpcId) assigns public IPv4 addresses on launch (MapPublicIpOnLaunch=true).",
                                 evidence: evidence)
                }
                return .pass(subnet.ref, "\(subnet.id) in \(subnet.vpcId) does not assign public IPv4 addresses on launch.", evidence: evidence)
            }
        })
}
