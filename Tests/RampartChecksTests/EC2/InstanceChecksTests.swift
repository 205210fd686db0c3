import RampartFindings
import Testing

@Suite struct InstanceChecksTests {
    /// Shaped as `aws ec2 describe-instances` prints it.
    static let instances = """
        {"Reservations": [
          {"ReservationId": "r-1", "OwnerId": "123456789012", "Instances": [
            {"InstanceId": "i-v2", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"},
             "Placement": {"AvailabilityZone": "us-east-1a"}, "SubnetId": "subnet-1", "VpcId": "vpc-1",
             "PrivateIpAddress": "10.0.0.5",
             "MetadataOptions": {"State": "applied", "HttpTokens": "required", "HttpPutResponseHopLimit": 2, "HttpEndpoint": "enabled"},
             "SecurityGroups": [{"GroupName": "web", "GroupId": "sg-1"}], "BlockDeviceMappings": []},
            {"InstanceId": "i-v1", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"},
             "PublicIpAddress": "203.0.113.10", "PrivateIpAddress": "10.0.0.6",
             "MetadataOptions": {"State": "applied", "HttpTokens": "optional", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"}},
            {"InstanceId": "i-off", "InstanceType": "t3.micro", "State": {"Code": 80, "Name": "stopped"},
             "MetadataOptions": {"State": "applied", "HttpTokens": "optional", "HttpEndpoint": "disabled"}},
            {"InstanceId": "i-gone", "InstanceType": "t3.micro", "State": {"Code": 48, "Name": "terminated"},
             "MetadataOptions": {"State": "pending", "HttpTokens": "optional", "HttpEndpoint": "enabled"}},
            {"InstanceId": "i-nometa", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"}}
          ]}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-instances", Self.instances)
        return f
    }

    @Test func instanceThatStillAnswersIMDSv1Fails() {
        let findings = fixture.run("ec2.instance.imdsv2-required")
        #expect(fixture.status("ec2.instance.imdsv2-required", on: "i-v1") == .fail)
        #expect(fixture.status("ec2.instance.imdsv2-required", on: "i-v2") == .pass)
        let message = findings.first { $0.resource.arn.hasSuffix("i-v1") }?.message
        #expect(message == "i-v1 still answers IMDSv1 requests (HttpTokens=optional).")
        #expect(findings.first?.resource.arn == "arn:aws:ec2:us-east-1:123456789012:instance/i-v2")
    }

    @Test func disabledMetadataEndpointPassesAndTerminatedInstancesAreSkipped() {
        #expect(fixture.status("ec2.instance.imdsv2-required", on: "i-off") == .pass)
        #expect(fixture.status("ec2.instance.imdsv2-required", on: "i-gone") == nil)
        #expect(fixture.run("ec2.instance.imdsv2-required").count == 4)
    }

    @Test func instanceWithoutMetadataOptionsIsUnknownNeverPass() {
        let finding = fixture.run("ec2.instance.imdsv2-required").first { $0.resource.arn.hasSuffix("i-nometa") }
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("HttpTokens") == true)
    }

    @Test func instanceWithPublicIPv4Fails() {
        #expect(fixture.status("ec2.instance.no-public-ipv4", on: "i-v1") == .fail)
        #expect(fixture.status("ec2.instance.no-public-ipv4", on: "i-v2") == .pass)
        #expect(fixture.status("ec2.instance.no-public-ipv4", on: "i-gone") == nil)
        let finding = fixture.run("ec2.instance.no-public-ipv4").first { $0.resource.arn.hasSuffix("i-v1") }
        #expect(finding?.message == "i-v1 has the public IPv4 address 203.0.113.10.")
        #expect(finding?.evidence["publicIpAddress"] == .string("203.0.113.10"))
    }

    @Test func unreadableInstancesAreUnknownForBothChecks() {
        var f = Fixture()
        f.fail("us-east-1", "ec2", "describe-instances", code: "UnauthorizedOperation")
        #expect(f.run("ec2.instance.imdsv2-required").map(\.status) == [.unknown])
        #expect(f.run("ec2.instance.no-public-ipv4").map(\.status) == [.unknown])
        #expect(f.run("ec2.instance.no-public-ipv4").first?.message.contains("UnauthorizedOperation") == true)
    }
}
