import RampartFindings
import Testing

@Suite struct EMRClusterChecksTests {
    static func describe(_ id: String, dns: String) -> String {
        """
        {"Cluster": {"Id": "\(id)", "Name": "\(id)", "Status": {"State": "WAITING"}, "MasterPublicDnsName": "\(dns)",
          "Ec2InstanceAttributes": {"Ec2SubnetId": "subnet-1", "Ec2AvailabilityZone": "us-east-1a"}, "Tags": []}}
        """
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "emr", "list-clusters", """
            {"Clusters": [{"Id": "j-PUBLIC", "Name": "j-PUBLIC", "Status": {"State": "RUNNING"}},
                          {"Id": "j-PRIVATE", "Name": "j-PRIVATE", "Status": {"State": "WAITING"}},
                          {"Id": "j-UNREAD", "Name": "j-UNREAD", "Status": {"State": "RUNNING"}},
                          {"Id": "j-DONE", "Name": "j-DONE", "Status": {"State": "TERMINATED"}}]}
            """)
        f.answer("us-east-1", "emr", "describe-cluster", resource: "j-PUBLIC", Self.describe("j-PUBLIC", dns: "ec2-54-1-2-3.compute-1.amazonaws.com"))
        f.answer("us-east-1", "emr", "describe-cluster", resource: "j-PRIVATE", Self.describe("j-PRIVATE", dns: "ip-10-0-1-5.ec2.internal"))
        f.fail("us-east-1", "emr", "describe-cluster", resource: "j-UNREAD", code: "AccessDeniedException")
        return f
    }

    @Test func primaryNodeWithPublicAddressFails() {
        let check = "emr.cluster.primary-node-no-public-ip"
        #expect(fixture.status(check, on: "/j-PUBLIC") == .fail)
        #expect(fixture.status(check, on: "/j-PRIVATE") == .pass)
        #expect(fixture.status(check, on: "/j-UNREAD") == .unknown)
        #expect(fixture.status(check, on: "/j-DONE") == nil)
        #expect(Fixture().run(check).map(\.status) == [.unknown])
    }
}
