import RampartFindings
import Testing

@Suite struct RedshiftClusterSettingsChecksTests {
    static func cluster(_ id: String, good: Bool, publiclyAccessible: Bool = false, groups: [String] = [], port: Int = 5439,
                        subnetGroup: String = "public-dw") -> String {
        """
        {"ClusterIdentifier": "\(id)", "ClusterSubnetGroupName": "\(subnetGroup)", "AvailabilityZone": "us-east-1a", "NodeType": "ra3.xlplus", "ClusterStatus": "available", "NumberOfNodes": 2,
         "PubliclyAccessible": \(publiclyAccessible), "Encrypted": true, "VpcId": "vpc-1", "Endpoint": {"Address": "\(id).example", "Port": \(port)},
         "AutomatedSnapshotRetentionPeriod": \(good ? 7 : 1), "AllowVersionUpgrade": \(good), "EnhancedVpcRouting": \(good),
         "MasterUsername": "\(good ? "warehouse_admin" : "awsuser")", "DBName": "\(good ? "sales" : "dev")", "MultiAZ": "\(good ? "Enabled" : "Disabled")",
         "VpcSecurityGroups": [\(groups.map { #"{"VpcSecurityGroupId": "\#($0)", "Status": "active"}"# }.joined(separator: ","))],
         "ClusterNodes": [{"NodeRole": "LEADER", "PrivateIPAddress": "10.0.1.5"}]}
        """
    }

    var fixture: Fixture {
        var f = Fixture()
        f.network()
        let clusters = [
            Self.cluster("rs-good", good: true, publiclyAccessible: true, groups: ["sg-mysql"]),
            Self.cluster("rs-bad", good: false, publiclyAccessible: true, groups: ["sg-redshift"]),
            Self.cluster("rs-private", good: true, groups: ["sg-redshift"]),
        ]
        f.answer("us-east-1", "redshift", "describe-clusters", #"{"Clusters": [\#(clusters.joined(separator: ","))]}"#)
        return f
    }

    static let settingChecks = [
        "redshift.cluster.automated-snapshots", "redshift.cluster.automatic-major-upgrades", "redshift.cluster.enhanced-vpc-routing",
        "redshift.cluster.non-default-admin-username", "redshift.cluster.non-default-database-name", "redshift.cluster.multi-az",
    ]

    @Test func settingsPassOnTheGoodClusterAndFailOnTheBadOne() {
        for check in Self.settingChecks {
            #expect(fixture.status(check, on: ":cluster:rs-good") == .pass, "\(check)")
            #expect(fixture.status(check, on: ":cluster:rs-bad") == .fail, "\(check)")
        }
        let snapshots = fixture.run("redshift.cluster.automated-snapshots").first { $0.resource.arn.hasSuffix(":cluster:rs-bad") }
        #expect(snapshots?.message == "rs-bad keeps automated snapshots for only 1 days (7 needed).")
    }

    @Test func aGroupOpeningOnlyMySQLDoesNotExposeTheWarehousePort() {
        let finding = fixture.run("redshift.cluster.not-reachable-from-internet").first { $0.resource.arn.hasSuffix(":cluster:rs-good") }
        #expect(finding?.status == .pass)
        #expect(finding?.message == "rs-good is not reachable from the internet on TCP 5439: no security group admits TCP 5439 from 0.0.0.0/0.")
    }

    @Test func openWarehousePortWithUncollectedSubnetGroupIsUnknown() {
        let finding = fixture.run("redshift.cluster.not-reachable-from-internet").first { $0.resource.arn.hasSuffix(":cluster:rs-bad") }
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("sg-redshift admits tcp 5439 from 0.0.0.0/0") == true)
        #expect(fixture.status("redshift.cluster.not-reachable-from-internet", on: ":cluster:rs-private") == .pass)
    }

    @Test func collectedSubnetGroupsMakeTheVerdictExact() {
        var f = fixture
        f.answer("us-east-1", "redshift", "describe-cluster-subnet-groups", """
            {"ClusterSubnetGroups": [
              {"ClusterSubnetGroupName": "public-dw", "VpcId": "vpc-1", "Subnets": [{"SubnetIdentifier": "subnet-pub"}]},
              {"ClusterSubnetGroupName": "private-dw", "VpcId": "vpc-1", "Subnets": [{"SubnetIdentifier": "subnet-priv"}]}]}
            """)
        f.answer("us-east-1", "redshift", "describe-clusters", #"{"Clusters": [\#(Self.cluster("rs-bad", good: false, publiclyAccessible: true, groups: ["sg-redshift"])), \#(Self.cluster("rs-hidden", good: false, publiclyAccessible: true, groups: ["sg-redshift"], subnetGroup: "private-dw"))]}"#)
        let open = f.run("redshift.cluster.not-reachable-from-internet").first { $0.resource.arn.hasSuffix(":cluster:rs-bad") }
        #expect(open?.status == .fail)
        #expect(open?.message.contains("subnet-pub routes 0.0.0.0/0 to igw-1") == true)
        #expect(f.status("redshift.cluster.not-reachable-from-internet", on: ":cluster:rs-hidden") == .pass)
    }

    @Test func unreadableClustersAreUnknownForEveryCheck() {
        var f = Fixture()
        f.fail("us-east-1", "redshift", "describe-clusters", code: "AccessDenied")
        for check in Self.settingChecks + ["redshift.cluster.not-reachable-from-internet"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
