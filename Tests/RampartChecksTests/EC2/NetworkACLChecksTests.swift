import RampartFindings
import Testing

@Suite struct NetworkACLChecksTests {
    static let check = "ec2.network-acl.ingress-open-admin-ports"

    /// One network ACL as `aws ec2 describe-network-acls` prints it, with the given inbound entries
    /// plus AWS's default deny-all entries (rule 32767).
    static func acl(_ id: String, _ entries: String, subnets: [String] = ["subnet-1"]) -> String {
        let associations = subnets.map {
            #"{"NetworkAclAssociationId": "aclassoc-\#($0)", "NetworkAclId": "\#(id)", "SubnetId": "\#($0)"}"#
        }.joined(separator: ",")
        return """
            {"NetworkAclId": "\(id)", "VpcId": "vpc-1", "IsDefault": false, "OwnerId": "123456789012", "Tags": [],
             "Associations": [\(associations)],
             "Entries": [\(entries)
               {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
               {"Ipv6CidrBlock": "::/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768},
               {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100}]}
            """
    }

    static let acls = """
        {"NetworkAcls": [
          \(acl("acl-default-open", """
            {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
            """)),
          \(acl("acl-deny-first", """
            {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "PortRange": {"From": 22, "To": 22}, "RuleAction": "deny", "RuleNumber": 90},
            {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "PortRange": {"From": 3389, "To": 3389}, "RuleAction": "deny", "RuleNumber": 91},
            {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "PortRange": {"From": 0, "To": 65535}, "RuleAction": "allow", "RuleNumber": 100},
            """)),
          \(acl("acl-narrow-deny", """
            {"CidrBlock": "198.51.100.0/24", "Egress": false, "Protocol": "6", "PortRange": {"From": 22, "To": 22}, "RuleAction": "deny", "RuleNumber": 50},
            {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "PortRange": {"From": 22, "To": 22}, "RuleAction": "allow", "RuleNumber": 100},
            """)),
          \(acl("acl-ipv6-rdp", """
            {"Ipv6CidrBlock": "::/0", "Egress": false, "Protocol": "6", "PortRange": {"From": 3000, "To": 4000}, "RuleAction": "allow", "RuleNumber": 120},
            """, subnets: [])),
          \(acl("acl-web", """
            {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "PortRange": {"From": 443, "To": 443}, "RuleAction": "allow", "RuleNumber": 100},
            {"CidrBlock": "10.0.0.0/8", "Egress": false, "Protocol": "6", "PortRange": {"From": 22, "To": 22}, "RuleAction": "allow", "RuleNumber": 110},
            """))
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-network-acls", Self.acls)
        return f
    }

    @Test func allTrafficAllowedFromTheInternetFails() {
        #expect(fixture.status(Self.check, on: "acl-default-open") == .fail)
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix("acl-default-open") }
        #expect(finding?.message
            == "acl-default-open (subnets subnet-1) admits port 22 from 0.0.0.0/0 (rule 100), port 3389 from 0.0.0.0/0 (rule 100).")
        #expect(finding?.resource.arn == "arn:aws:ec2:us-east-1:123456789012:network-acl/acl-default-open")
    }

    @Test func aLowerNumberedDenyClosesThePortDespiteALaterAllow() {
        #expect(fixture.status(Self.check, on: "acl-deny-first") == .pass)
    }

    @Test func aNarrowerDenyLeavesTheRestOfTheInternetOpen() {
        #expect(fixture.status(Self.check, on: "acl-narrow-deny") == .fail)
    }

    @Test func aPortRangeCoveringRDPFromIPv6Fails() {
        #expect(fixture.status(Self.check, on: "acl-ipv6-rdp") == .fail)
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix("acl-ipv6-rdp") }
        #expect(finding?.message == "acl-ipv6-rdp (no subnets) admits port 3389 from ::/0 (rule 120).")
    }

    @Test func webOnlyACLWithSSHFromPrivateRangePasses() {
        #expect(fixture.status(Self.check, on: "acl-web") == .pass)
    }

    @Test func unreadableNetworkACLsAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "ec2", "describe-network-acls", code: "UnauthorizedOperation")
        #expect(f.run(Self.check).map(\.status) == [.unknown])
    }
}
