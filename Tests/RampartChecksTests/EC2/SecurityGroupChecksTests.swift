import RampartFindings
import Testing

@Suite struct SecurityGroupChecksTests {
    /// Shaped as `aws ec2 describe-security-groups` prints it.
    static let groups = """
        {"SecurityGroups": [
          {"GroupId": "sg-ssh", "GroupName": "bastion", "VpcId": "vpc-1", "OwnerId": "123456789012",
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                              "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}],
           "IpPermissionsEgress": []},
          {"GroupId": "sg-rdp6", "GroupName": "win", "VpcId": "vpc-1",
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 3000, "ToPort": 4000, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}],
           "IpPermissionsEgress": []},
          {"GroupId": "sg-web", "GroupName": "web", "VpcId": "vpc-1",
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                             {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}],
           "IpPermissionsEgress": []},
          {"GroupId": "sg-all", "GroupName": "wide-open", "VpcId": "vpc-1",
           "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "IpPermissionsEgress": []},
          {"GroupId": "sg-def1", "GroupName": "default", "VpcId": "vpc-1", "IpPermissions": [],
           "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
          {"GroupId": "sg-def2", "GroupName": "default", "VpcId": "vpc-2", "IpPermissions": [], "IpPermissionsEgress": []}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-security-groups", Self.groups)
        return f
    }

    @Test func sshOpenToTheIPv4InternetFails() {
        #expect(fixture.status("ec2.security-group.ingress-open-admin-ports", on: "sg-ssh") == .fail)
        #expect(fixture.status("ec2.security-group.ingress-open-admin-ports", on: "sg-web") == .pass)
        let finding = fixture.run("ec2.security-group.ingress-open-admin-ports").first { $0.resource.arn.hasSuffix("sg-ssh") }
        #expect(finding?.message == "sg-ssh admits TCP port 22 from 0.0.0.0/0.")
        #expect(finding?.resource.arn == "arn:aws:ec2:us-east-1:123456789012:security-group/sg-ssh")
    }

    @Test func aPortRangeCoveringRDPOpenToIPv6Fails() {
        #expect(fixture.status("ec2.security-group.ingress-open-admin-ports-ipv6", on: "sg-rdp6") == .fail)
        #expect(fixture.status("ec2.security-group.ingress-open-admin-ports-ipv6", on: "sg-ssh") == .pass)
        #expect(fixture.status("ec2.security-group.ingress-open-admin-ports", on: "sg-rdp6") == .pass)
    }

    @Test func allTrafficFromTheInternetFailsAndAlsoOpensAdminPorts() {
        #expect(fixture.status("ec2.security-group.ingress-open-all-traffic", on: "sg-all") == .fail)
        #expect(fixture.status("ec2.security-group.ingress-open-admin-ports", on: "sg-all") == .fail)
        #expect(fixture.status("ec2.security-group.ingress-open-all-traffic", on: "sg-web") == .pass)
    }

    @Test func defaultGroupWithAnyRuleFails() {
        #expect(fixture.status("ec2.security-group.default-restricts-all", on: "sg-def1") == .fail)
        #expect(fixture.status("ec2.security-group.default-restricts-all", on: "sg-def2") == .pass)
        #expect(fixture.run("ec2.security-group.default-restricts-all").count == 2)
    }

    @Test func unreadableSecurityGroupsAreUnknownNeverPass() {
        var f = Fixture()
        f.fail("us-east-1", "ec2", "describe-security-groups", code: "UnauthorizedOperation")
        let findings = f.run("ec2.security-group.ingress-open-admin-ports")
        #expect(findings.map(\.status) == [.unknown])
        #expect(findings.first?.message.contains("UnauthorizedOperation") == true)
    }

    @Test func securityGroupsNotCollectedAreUnknown() {
        #expect(Fixture().run("ec2.security-group.default-restricts-all").map(\.status) == [.unknown])
    }

    @Test func aMalformedRuleMakesTheRegionUnknown() {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-security-groups", #"{"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": {"oops": 1}}]}"#)
        let findings = f.run("ec2.security-group.ingress-open-admin-ports")
        #expect(findings.map(\.status) == [.unknown])
        #expect(findings.first?.message.contains("$.SecurityGroups[0].IpPermissions: expected an array, found an object") == true)
    }

    /// AWS always prints both rule lists; a group without them is unreadable, not "no rules".
    @Test func aGroupWithoutItsRuleListsIsUnknownNotOpenOrClosed() {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-security-groups", #"{"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "x"}]}"#)
        let findings = f.run("ec2.security-group.ingress-open-admin-ports")
        #expect(findings.map(\.status) == [.unknown])
        #expect(findings.first?.message.contains("missing required member \"IpPermissions\"") == true)
    }
}
