import RampartFindings
import Testing

@Suite struct InstanceExposureChecksTests {
    static func instance(_ id: String, groups: [String], publicIP: String? = nil, ipv6: String? = nil, subnet: String = "subnet-pub",
                         state: String = "running") -> String {
        let address = publicIP.map { #""PublicIpAddress": "\#($0)","# } ?? ""
        let v6 = ipv6.map { #"[{"Ipv6Address": "\#($0)"}]"# } ?? "[]"
        return """
            {"InstanceId": "\(id)", "InstanceType": "t3.micro", "State": {"Name": "\(state)"}, \(address)
             "SubnetId": "\(subnet)", "VpcId": "vpc-1", "Placement": {"AvailabilityZone": "us-east-1a"},
             "SecurityGroups": [\(groups.map { #"{"GroupId": "\#($0)", "GroupName": "\#($0)"}"# }.joined(separator: ","))],
             "NetworkInterfaces": [{"NetworkInterfaceId": "eni-\(id)", "Ipv6Addresses": \(v6)}]}
            """
    }

    var fixture: Fixture {
        var f = Fixture()
        f.network()
        let instances = [
            Self.instance("i-open", groups: ["sg-all"], publicIP: "203.0.113.10"),
            Self.instance("i-v6", groups: ["sg-v6"], ipv6: "2001:db8::10"),
            Self.instance("i-v6-private-v4", groups: ["sg-mysql"], ipv6: "2001:db8::11"),
            Self.instance("i-private", groups: ["sg-all"]),
            Self.instance("i-web", groups: ["sg-web"], publicIP: "203.0.113.12"),
            Self.instance("i-gone", groups: ["sg-all"], publicIP: "203.0.113.13", state: "terminated"),
        ]
        f.answer("us-east-1", "ec2", "describe-instances",
                 #"{"Reservations": [{"ReservationId": "r-1", "Instances": [\#(instances.joined(separator: ","))]}]}"#)
        return f
    }

    @Test func allTrafficGroupOnAPublicInstanceExposesEveryServicePort() {
        let finding = fixture.run("ec2.instance.ssh-not-exposed-to-internet").first { $0.resource.arn.hasSuffix("/i-open") }
        #expect(finding?.status == .fail)
        #expect(finding?.message.hasPrefix("i-open exposes SSH to the internet: TCP 22 (sg-all admits all traffic from 0.0.0.0/0") == true)
        #expect(finding?.aliases["prowler"] == "ec2_instance_port_ssh_exposed_to_internet")
    }

    @Test func ipv6RuleExposesAnInstanceThroughItsIPv6Address() {
        #expect(fixture.status("ec2.instance.mysql-not-exposed-to-internet", on: "/i-v6") == .fail)
    }

    @Test func ipv4RuleDoesNotExposeAnInstanceReachableOnlyOverIPv6() {
        let finding = fixture.run("ec2.instance.mysql-not-exposed-to-internet").first { $0.resource.arn.hasSuffix("/i-v6-private-v4") }
        #expect(finding?.status == .pass)
        #expect(finding?.message.contains("no security group admits TCP 3306 from ::/0") == true)
    }

    @Test func instanceWithoutPublicAddressIsNotExposed() {
        let finding = fixture.run("ec2.instance.rdp-not-exposed-to-internet").first { $0.resource.arn.hasSuffix("/i-private") }
        #expect(finding?.status == .pass)
        #expect(finding?.message == "i-private does not expose RDP to the internet (TCP 3389: has no public IPv4 address and no IPv6 address).")
    }

    @Test func webGroupExposesNoDatabasePortAndTerminatedInstancesAreSkipped() {
        for check in ["ec2.instance.mysql-not-exposed-to-internet", "ec2.instance.ssh-not-exposed-to-internet"] {
            #expect(fixture.status(check, on: "/i-web") == .pass, "\(check)")
            #expect(fixture.status(check, on: "/i-gone") == nil, "\(check)")
        }
    }

    @Test func unreadableSecurityGroupsMakeEveryPortCheckUnknown() {
        var f = fixture
        f.fail("us-east-1", "ec2", "describe-security-groups", code: "UnauthorizedOperation")
        for check in InstanceExposureChecksTests.checkIds {
            #expect(f.status(check, on: "/i-open") == .unknown, "\(check)")
        }
    }

    @Test func instancesNotCollectedAreUnknown() {
        for check in InstanceExposureChecksTests.checkIds {
            #expect(Fixture().run(check).map(\.status) == [.unknown], "\(check)")
        }
    }

    static let checkIds = [
        "ssh", "rdp", "telnet", "ftp", "mysql", "postgresql", "sql-server", "oracle", "mongodb", "redis", "memcached", "cassandra",
        "elasticsearch-kibana", "kafka", "ldap", "kerberos", "cifs",
    ].map { "ec2.instance.\($0)-not-exposed-to-internet" }
}
