import RampartFindings
import Testing

@Suite struct SecurityGroupPortChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.network()
        return f
    }

    static let portChecks = [
        "telnet", "ftp", "mysql", "postgresql", "redis", "mongodb", "sql-server", "oracle", "cassandra", "elasticsearch-kibana", "kafka",
        "memcached", "cifs",
    ].map { "ec2.security-group.ingress-open-\($0)" }

    static let otherChecks = [
        "ec2.security-group.ingress-open-high-risk-ports", "ec2.security-group.ingress-open-unauthorized-ports",
        "ec2.security-group.no-wide-public-ipv4-ranges", "ec2.security-group.rule-count-reviewable", "ec2.security-group.not-launch-wizard",
    ]

    @Test func aGroupIsJudgedByThePortsItOpens() {
        #expect(fixture.status("ec2.security-group.ingress-open-mysql", on: "/sg-mysql") == .fail)
        #expect(fixture.status("ec2.security-group.ingress-open-mysql", on: "/sg-redshift") == .pass)
        #expect(fixture.status("ec2.security-group.ingress-open-postgresql", on: "/sg-mysql") == .pass)
        let finding = fixture.run("ec2.security-group.ingress-open-mysql").first { $0.resource.arn.hasSuffix("/sg-v6") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "sg-v6 admits MySQL (TCP 3306) from the whole internet: sg-v6 admits tcp 3306 from ::/0.")
    }

    @Test func allTrafficRuleOpensEveryServicePort() {
        for check in Self.portChecks + ["ec2.security-group.ingress-open-high-risk-ports", "ec2.security-group.ingress-open-unauthorized-ports"] {
            #expect(fixture.status(check, on: "/sg-all") == .fail, "\(check)")
        }
    }

    @Test func prefixListAndGroupReferencesAreNotTheInternet() {
        #expect(fixture.status("ec2.security-group.ingress-open-mysql", on: "/sg-pl") == .unknown)
        #expect(fixture.status("ec2.security-group.ingress-open-mysql", on: "/sg-ref") == .pass)
    }

    @Test func webPortsAreAuthorizedButOthersAreNot() {
        #expect(fixture.status("ec2.security-group.ingress-open-unauthorized-ports", on: "/sg-web") == .pass)
        #expect(fixture.status("ec2.security-group.ingress-open-unauthorized-ports", on: "/sg-redshift") == .fail)
        #expect(fixture.status("ec2.security-group.ingress-open-high-risk-ports", on: "/sg-web") == .pass,
                "port 22 is open only to 10.0.0.0/8 and 198.51.0.0/16")
    }

    @Test func widePublicRangeFailsAndPrivateRangesDoNot() {
        let finding = fixture.run("ec2.security-group.no-wide-public-ipv4-ranges").first { $0.resource.arn.hasSuffix("/sg-web") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "sg-web has rules for wide public IPv4 ranges: 198.51.0.0/16.")
        #expect(fixture.status("ec2.security-group.no-wide-public-ipv4-ranges", on: "/sg-mysql") == .pass)
    }

    @Test func launchWizardGroupFails() {
        #expect(fixture.status("ec2.security-group.not-launch-wizard", on: "/sg-all") == .fail)
        #expect(fixture.status("ec2.security-group.not-launch-wizard", on: "/sg-web") == .pass)
    }

    @Test func groupWithMoreThanFiftyRulesFails() {
        var f = Fixture()
        let sources = (1...51).map { #"{"CidrIp": "10.0.\#($0).0/24"}"# }.joined(separator: ",")
        f.answer("us-east-1", "ec2", "describe-security-groups", """
            {"SecurityGroups": [{"GroupId": "sg-big", "GroupName": "big", "IpPermissionsEgress": [],
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [\(sources)]}]}]}
            """)
        #expect(f.status("ec2.security-group.rule-count-reviewable", on: "/sg-big") == .fail)
        #expect(fixture.status("ec2.security-group.rule-count-reviewable", on: "/sg-web") == .pass)
    }

    @Test func unreadableGroupsAreUnknownForEveryCheck() {
        var f = Fixture()
        f.fail("us-east-1", "ec2", "describe-security-groups", code: "UnauthorizedOperation")
        for check in Self.portChecks + Self.otherChecks {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
