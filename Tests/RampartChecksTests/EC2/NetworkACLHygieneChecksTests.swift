import RampartFindings
import Testing

@Suite struct NetworkACLHygieneChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.network()
        return f
    }

    @Test func customACLWithoutSubnetsFailsAndDefaultIsSkipped() {
        #expect(fixture.status("ec2.network-acl.in-use", on: "/acl-spare") == .fail)
        #expect(fixture.status("ec2.network-acl.in-use", on: "/acl-nomysql") == .pass)
        #expect(fixture.status("ec2.network-acl.in-use", on: "/acl-default") == nil)
    }

    @Test func allowAllFromEverywhereFails() {
        let finding = fixture.run("ec2.network-acl.ingress-open-all-traffic").first { $0.resource.arn.hasSuffix("/acl-default") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "acl-default: rule 100 allows all traffic from 0.0.0.0/0; rule 101 allows all traffic from ::/0.")
        #expect(fixture.status("ec2.network-acl.ingress-open-all-traffic", on: "/acl-spare") == .pass)
    }

    @Test func unreadableACLsAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "ec2", "describe-network-acls", code: "UnauthorizedOperation")
        for check in ["ec2.network-acl.in-use", "ec2.network-acl.ingress-open-all-traffic"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
