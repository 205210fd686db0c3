import RampartFindings
import Testing

/// Exposure is decided by the ports a rule really opens, per address family, then by the
/// subnet's route to an internet gateway and its network ACL.
@Suite struct NetworkExposureTests {
    static func db(_ id: String, port: Int = 3306, groups: [String], subnet: String = "subnet-pub", zone: String = "us-east-1a",
                   publiclyAccessible: Bool = true) -> String {
        """
        {"DBInstanceIdentifier": "\(id)", "Engine": "mysql", "AvailabilityZone": "\(zone)", "MultiAZ": false,
         "PubliclyAccessible": \(publiclyAccessible), "StorageEncrypted": true, "BackupRetentionPeriod": 7,
         "Endpoint": {"Address": "\(id).example", "Port": \(port)},
         "VpcSecurityGroups": [\(groups.map { #"{"VpcSecurityGroupId": "\#($0)", "Status": "active"}"# }.joined(separator: ","))],
         "DBSubnetGroup": {"VpcId": "vpc-1", "Subnets": [
            {"SubnetIdentifier": "\(subnet)", "SubnetAvailabilityZone": {"Name": "\(zone)"}},
            {"SubnetIdentifier": "subnet-priv", "SubnetAvailabilityZone": {"Name": "us-east-1b"}}]},
         "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:\(id)"}
        """
    }

    var fixture: Fixture {
        var f = Fixture()
        f.network()
        let instances = [
            Self.db("db-redshift-rule", groups: ["sg-redshift"]),
            Self.db("db-open", groups: ["sg-mysql"]),
            Self.db("db-private", groups: ["sg-mysql"], subnet: "subnet-priv", zone: "us-east-1b"),
            Self.db("db-nacl", groups: ["sg-mysql"], subnet: "subnet-pub2", zone: "us-east-1c"),
            Self.db("db-prefix-list", groups: ["sg-pl"]),
            Self.db("db-group-ref", groups: ["sg-ref"]),
            Self.db("db-not-public", groups: ["sg-mysql"], publiclyAccessible: false),
            Self.db("db-missing-group", groups: ["sg-gone"]),
        ]
        f.answer("us-east-1", "rds", "describe-db-instances", #"{"DBInstances": [\#(instances.joined(separator: ","))]}"#)
        return f
    }

    static let check = "rds.db-instance.not-reachable-from-internet"

    @Test func aRuleOpeningOnlyTheRedshiftPortDoesNotExposeAMySQLInstance() {
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix(":db:db-redshift-rule") }
        #expect(finding?.status == .pass)
        #expect(finding?.message == "db-redshift-rule is not reachable from the internet on TCP 3306: no security group admits TCP 3306 from 0.0.0.0/0.")
    }

    @Test func openPortInPublicSubnetWithPermissiveACLIsReachable() {
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix(":db:db-open") }
        #expect(finding?.status == .fail)
        #expect(finding?.message.contains("sg-mysql admits tcp 3306 from 0.0.0.0/0") == true)
        #expect(finding?.message.contains("routes 0.0.0.0/0 to igw-1") == true)
        #expect(finding?.message.contains("network ACL acl-default rule 100") == true)
    }

    @Test func subnetWithoutInternetGatewayRouteBlocksExposure() {
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix(":db:db-private") }
        #expect(finding?.status == .pass)
        #expect(finding?.message.contains("subnet-priv's route table rtb-main has no IPv4 route to an internet gateway") == true)
    }

    @Test func networkACLDenyingThePortBeforeAllowingAllBlocksExposure() {
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix(":db:db-nacl") }
        #expect(finding?.status == .pass)
        #expect(finding?.message.contains("network ACL acl-nomysql of subnet-pub2 admits no internet address to TCP 3306") == true)
    }

    @Test func prefixListRuleWithoutEntriesIsUnknownNotPass() {
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix(":db:db-prefix-list") }
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("pl-0abc") == true)
    }

    @Test func ruleReferencingAnotherGroupAdmitsThatGroupNotTheInternet() {
        #expect(fixture.status(Self.check, on: ":db:db-group-ref") == .pass)
    }

    @Test func instanceThatIsNotPubliclyAccessibleIsNotReachable() {
        let finding = fixture.run(Self.check).first { $0.resource.arn.hasSuffix(":db:db-not-public") }
        #expect(finding?.status == .pass)
        #expect(finding?.message.hasSuffix("it is not publicly accessible (PubliclyAccessible=false).") == true)
    }

    @Test func groupMissingFromTheInventoryIsUnknown() {
        #expect(fixture.status(Self.check, on: ":db:db-missing-group") == .unknown)
    }

    @Test func unreadableRouteTablesMakeAnOpenGroupUnknown() {
        var f = fixture
        f.fail("us-east-1", "ec2", "describe-route-tables", code: "UnauthorizedOperation")
        #expect(f.status(Self.check, on: ":db:db-open") == .unknown)
        #expect(f.status(Self.check, on: ":db:db-redshift-rule") == .pass, "a closed security group decides without routes")
    }
}

/// Prefix lists are resolved through their collected entries.
@Suite struct PrefixListExposureTests {
    func fixture(entries: String) -> Fixture {
        var f = Fixture()
        f.network()
        f.answer("us-east-1", "ec2", "describe-managed-prefix-lists",
                 #"{"PrefixLists": [{"PrefixListId": "pl-0abc", "AddressFamily": "IPv4", "PrefixListName": "partners", "OwnerId": "123456789012"}]}"#)
        f.answer("us-east-1", "ec2", "get-managed-prefix-list-entries", resource: "pl-0abc", #"{"Entries": [\#(entries)]}"#)
        f.answer("us-east-1", "rds", "describe-db-instances", #"{"DBInstances": [\#(NetworkExposureTests.db("db-prefix-list", groups: ["sg-pl"]))]}"#)
        return f
    }

    @Test func prefixListHoldingEveryAddressOpensThePort() {
        let f = fixture(entries: #"{"Cidr": "203.0.113.0/24"}, {"Cidr": "0.0.0.0/0"}"#)
        #expect(f.status("rds.db-instance.not-reachable-from-internet", on: ":db:db-prefix-list") == .fail)
        let group = f.run("ec2.security-group.ingress-open-mysql").first { $0.resource.arn.hasSuffix("/sg-pl") }
        #expect(group?.status == .fail)
        #expect(group?.message.contains("0.0.0.0/0 (prefix list pl-0abc)") == true)
    }

    @Test func prefixListOfSpecificRangesDoesNotOpenThePortToEveryone() {
        let f = fixture(entries: #"{"Cidr": "203.0.113.0/24"}"#)
        #expect(f.status("rds.db-instance.not-reachable-from-internet", on: ":db:db-prefix-list") == .pass)
        #expect(f.status("ec2.security-group.ingress-open-mysql", on: "/sg-pl") == .pass)
    }

    @Test func unreadableEntriesLeaveThePortUnknown() {
        var f = fixture(entries: "")
        f.fail("us-east-1", "ec2", "get-managed-prefix-list-entries", resource: "pl-0abc", code: "UnauthorizedOperation")
        #expect(f.status("ec2.security-group.ingress-open-mysql", on: "/sg-pl") == .unknown)
    }
}
