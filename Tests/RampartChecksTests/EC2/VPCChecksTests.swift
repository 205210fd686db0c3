import RampartFindings
import Testing

@Suite struct VPCChecksTests {
    static let flowCheck = "vpc.vpc.flow-logs-enabled"
    static let subnetCheck = "vpc.subnet.no-auto-public-ip"

    /// Shaped as `aws ec2 describe-vpcs` prints it.
    static let vpcs = """
        {"Vpcs": [
          {"VpcId": "vpc-logged", "CidrBlock": "10.0.0.0/16", "State": "available", "IsDefault": false, "OwnerId": "123456789012"},
          {"VpcId": "vpc-subnetonly", "CidrBlock": "10.1.0.0/16", "State": "available", "IsDefault": false},
          {"VpcId": "vpc-acceptonly", "CidrBlock": "10.2.0.0/16", "State": "available", "IsDefault": false},
          {"VpcId": "vpc-none", "CidrBlock": "172.31.0.0/16", "State": "available", "IsDefault": true}
        ]}
        """

    /// Shaped as `aws ec2 describe-subnets` prints it.
    static let subnets = """
        {"Subnets": [
          {"SubnetId": "subnet-a", "VpcId": "vpc-subnetonly", "CidrBlock": "10.1.0.0/24", "AvailabilityZone": "us-east-1a",
           "AvailabilityZoneId": "use1-az1", "MapPublicIpOnLaunch": false, "DefaultForAz": false, "State": "available",
           "SubnetArn": "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-a"},
          {"SubnetId": "subnet-pub", "VpcId": "vpc-none", "CidrBlock": "172.31.0.0/20", "AvailabilityZone": "us-east-1b",
           "AvailabilityZoneId": "use1-az2", "MapPublicIpOnLaunch": true, "DefaultForAz": true, "State": "available",
           "SubnetArn": "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-pub"}
        ]}
        """

    /// Shaped as `aws ec2 describe-flow-logs` prints it.
    static let flowLogs = """
        {"FlowLogs": [
          {"FlowLogId": "fl-vpc", "ResourceId": "vpc-logged", "FlowLogStatus": "ACTIVE", "TrafficType": "REJECT",
           "DeliverLogsStatus": "SUCCESS", "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::flow-logs",
           "CreationTime": "2025-01-01T00:00:00.000Z"},
          {"FlowLogId": "fl-subnet", "ResourceId": "subnet-a", "FlowLogStatus": "ACTIVE", "TrafficType": "ALL",
           "LogDestinationType": "cloud-watch-logs", "LogGroupName": "flows"},
          {"FlowLogId": "fl-accept", "ResourceId": "vpc-acceptonly", "FlowLogStatus": "ACTIVE", "TrafficType": "ACCEPT",
           "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::flow-logs"}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-vpcs", Self.vpcs)
        f.answer("us-east-1", "ec2", "describe-subnets", Self.subnets)
        f.answer("us-east-1", "ec2", "describe-flow-logs", Self.flowLogs)
        return f
    }

    @Test func vpcWithActiveRejectFlowLogPasses() {
        #expect(fixture.status(Self.flowCheck, on: "vpc-logged") == .pass)
        let finding = fixture.run(Self.flowCheck).first { $0.resource.arn.hasSuffix("vpc-logged") }
        #expect(finding?.message == "vpc-logged has an active flow log fl-vpc recording REJECT traffic.")
        #expect(finding?.resource.arn == "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-logged")
    }

    @Test func vpcWithOnlySubnetFlowLogsFailsAndSaysSo() {
        #expect(fixture.status(Self.flowCheck, on: "vpc-subnetonly") == .fail)
        let finding = fixture.run(Self.flowCheck).first { $0.resource.arn.hasSuffix("vpc-subnetonly") }
        #expect(finding?.message == "vpc-subnetonly has no VPC-level flow log (subnet flow logs on subnet-a do not cover the whole VPC).")
    }

    @Test func flowLogRecordingOnlyAcceptedTrafficFails() {
        #expect(fixture.status(Self.flowCheck, on: "vpc-acceptonly") == .fail)
        #expect(fixture.status(Self.flowCheck, on: "vpc-none") == .fail)
    }

    @Test func unreadableFlowLogsMakeEveryVPCUnknown() {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-vpcs", Self.vpcs)
        f.fail("us-east-1", "ec2", "describe-flow-logs", code: "UnauthorizedOperation")
        let findings = f.run(Self.flowCheck)
        #expect(findings.count == 4)
        #expect(findings.allSatisfy { $0.status == .unknown })
        #expect(findings.first?.message == "ec2 describe-flow-logs in 123456789012/us-east-1 failed: UnauthorizedOperation")
    }

    @Test func subnetThatAssignsPublicAddressesFails() {
        #expect(fixture.status(Self.subnetCheck, on: "subnet-pub") == .fail)
        #expect(fixture.status(Self.subnetCheck, on: "subnet-a") == .pass)
        let finding = fixture.run(Self.subnetCheck).first { $0.status == .fail }
        #expect(finding?.message == "subnet-pub in vpc-none assigns public IPv4 addresses on launch (MapPublicIpOnLaunch=true).")
    }

    @Test func subnetsNotCollectedAreUnknown() {
        #expect(Fixture().run(Self.subnetCheck).map(\.status) == [.unknown])
    }
}
