import RampartFindings
import Testing

/// The primary node's exposure, judged over the network fixture's VPC: public and private
/// subnets, groups opening 80/443 to everyone, 3306 only to another group, or a prefix list
/// whose entries were not collected.
@Suite struct EMRClusterExposureTests {
    static let check = "emr.cluster.primary-node-not-reachable-from-internet"

    static func describe(_ id: String, dns: String?, subnet: String, groups: [String]) -> String {
        let master = groups.first.map { #""EmrManagedMasterSecurityGroup": "\#($0)","# } ?? ""
        let extra = groups.dropFirst().map { "\"\($0)\"" }.joined(separator: ",")
        return """
            {"Cluster": {"Id": "\(id)", "Name": "\(id)", "Status": {"State": "WAITING"}\(dns.map { #", "MasterPublicDnsName": "\#($0)""# } ?? ""),
              "Ec2InstanceAttributes": {"Ec2SubnetId": "\(subnet)", "Ec2AvailabilityZone": "us-east-1a", \(master)
                "EmrManagedSlaveSecurityGroup": "sg-ref", "AdditionalMasterSecurityGroups": [\(extra)], "AdditionalSlaveSecurityGroups": []},
              "Tags": []}}
            """
    }

    static let publicName = "ec2-54-1-2-3.compute-1.amazonaws.com"

    var fixture: Fixture {
        var f = Fixture()
        f.network()
        let clusters: [(String, String?, String, [String])] = [
            ("j-OPEN", Self.publicName, "subnet-pub", ["sg-ref", "sg-web"]),
            ("j-CLOSED", Self.publicName, "subnet-pub", ["sg-ref"]),
            ("j-NOROUTE", Self.publicName, "subnet-priv", ["sg-web"]),
            ("j-PRIVATE", "ip-10-0-1-5.ec2.internal", "subnet-pub", ["sg-web"]),
            ("j-NODNS", nil, "subnet-pub", ["sg-web"]),
            ("j-PREFIX", Self.publicName, "subnet-pub", ["sg-pl"]),
        ]
        let listing = clusters.map { #"{"Id": "\#($0.0)", "Name": "\#($0.0)", "Status": {"State": "WAITING"}}"# }.joined(separator: ",")
        f.answer("us-east-1", "emr", "list-clusters", #"{"Clusters": [\#(listing)]}"#)
        for (id, dns, subnet, groups) in clusters {
            f.answer("us-east-1", "emr", "describe-cluster", resource: id, Self.describe(id, dns: dns, subnet: subnet, groups: groups))
        }
        return f
    }

    @Test func additionalPrimaryGroupOpeningWebPortsInPublicSubnetFails() {
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix("/j-OPEN") }
        #expect(finding?.status == .fail)
        #expect(finding?.message.contains("TCP 80 (sg-web admits tcp 80 from 0.0.0.0/0; subnet-pub routes 0.0.0.0/0 to igw-1") == true)
        #expect(finding?.message.contains("TCP 443") == true)
        // sg-web admits SSH only from private and documentation ranges: not the internet.
        #expect(finding?.message.contains("TCP 22") == false)
    }

    @Test func publicAddressWithGroupsAdmittingOnlyOtherGroupsPasses() {
        #expect(fixture.status(Self.check, on: "/j-CLOSED") == .pass)
    }

    @Test func openGroupInSubnetWithoutInternetGatewayRoutePasses() {
        #expect(fixture.status(Self.check, on: "/j-NOROUTE") == .pass)
        // FSBP EMR.1 still fails it: the address is public even if no packet gets there.
        #expect(fixture.status("emr.cluster.primary-node-no-public-ip", on: "/j-NOROUTE") == .fail)
    }

    @Test func privateAddressPassesEvenWithOpenGroups() {
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix("/j-PRIVATE") }
        #expect(finding?.status == .pass)
        #expect(finding?.message == "j-PRIVATE's primary node has no public address (ip-10-0-1-5.ec2.internal).")
    }

    @Test func missingDNSNameOrUncollectedPrefixListIsUnknown() {
        #expect(fixture.status(Self.check, on: "/j-NODNS") == .unknown)
        #expect(fixture.status("emr.cluster.primary-node-no-public-ip", on: "/j-NODNS") == .unknown)
        let prefix = fixture.run(Self.check).first { $0.resource.arn.hasSuffix("/j-PREFIX") }
        #expect(prefix?.status == .unknown)
        #expect(prefix?.message.contains("prefix list pl-0abc, whose entries were not collected") == true)
    }

    @Test func unreadableSecurityGroupsAreUnknown() {
        var f = fixture
        f.fail("us-east-1", "ec2", "describe-security-groups", code: "UnauthorizedOperation")
        #expect(f.status(Self.check, on: "/j-OPEN") == .unknown)
    }
}
