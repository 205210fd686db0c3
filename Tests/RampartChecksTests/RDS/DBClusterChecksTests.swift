import RampartFindings
import Testing

@Suite struct DBClusterChecksTests {
    /// Shaped as `aws rds describe-db-clusters` prints it.
    static let clusters = """
        {"DBClusters": [
          {"DBClusterIdentifier": "spread", "Engine": "aurora-mysql", "Status": "available", "MultiAZ": false,
           "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
           "DBClusterMembers": [{"DBInstanceIdentifier": "spread-1", "IsClusterWriter": true},
                                {"DBInstanceIdentifier": "spread-2", "IsClusterWriter": false}],
           "StorageEncrypted": true, "DeletionProtection": true, "BackupRetentionPeriod": 7,
           "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:spread"},
          {"DBClusterIdentifier": "lonely", "Engine": "aurora-postgresql", "MultiAZ": false,
           "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
           "DBClusterMembers": [{"DBInstanceIdentifier": "lonely-1", "IsClusterWriter": true},
                                {"DBInstanceIdentifier": "lonely-2", "IsClusterWriter": false}],
           "StorageEncrypted": false, "DeletionProtection": false, "BackupRetentionPeriod": 1,
           "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:lonely"},
          {"DBClusterIdentifier": "maz", "Engine": "postgres", "MultiAZ": true, "AvailabilityZones": ["us-east-1a"],
           "DBClusterMembers": [], "StorageEncrypted": true, "DeletionProtection": true,
           "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:maz"},
          {"DBClusterIdentifier": "empty", "Engine": "aurora-mysql", "MultiAZ": false, "DBClusterMembers": [],
           "StorageEncrypted": true, "DeletionProtection": false,
           "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:empty"},
          {"DBClusterIdentifier": "ghostly", "Engine": "aurora-mysql", "MultiAZ": false,
           "DBClusterMembers": [{"DBInstanceIdentifier": "ghost", "IsClusterWriter": true}],
           "StorageEncrypted": true, "DeletionProtection": true,
           "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:ghostly"}
        ]}
        """

    static let instances = """
        {"DBInstances": [
          {"DBInstanceIdentifier": "spread-1", "PubliclyAccessible": false, "Engine": "aurora-mysql", "AvailabilityZone": "us-east-1a", "DBClusterIdentifier": "spread"},
          {"DBInstanceIdentifier": "spread-2", "PubliclyAccessible": false, "Engine": "aurora-mysql", "AvailabilityZone": "us-east-1b", "DBClusterIdentifier": "spread"},
          {"DBInstanceIdentifier": "lonely-1", "PubliclyAccessible": false, "Engine": "aurora-postgresql", "AvailabilityZone": "us-east-1a", "DBClusterIdentifier": "lonely"},
          {"DBInstanceIdentifier": "lonely-2", "PubliclyAccessible": false, "Engine": "aurora-postgresql", "AvailabilityZone": "us-east-1a", "DBClusterIdentifier": "lonely"}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "rds", "describe-db-clusters", Self.clusters)
        f.answer("us-east-1", "rds", "describe-db-instances", Self.instances)
        return f
    }

    @Test func unencryptedClusterFails() {
        #expect(fixture.status("rds.db-cluster.storage-encrypted", on: ":cluster:lonely") == .fail)
        #expect(fixture.status("rds.db-cluster.storage-encrypted", on: ":cluster:spread") == .pass)
    }

    @Test func clusterWithoutDeletionProtectionFails() {
        #expect(fixture.status("rds.db-cluster.deletion-protection", on: ":cluster:lonely") == .fail)
        #expect(fixture.status("rds.db-cluster.deletion-protection", on: ":cluster:spread") == .pass)
        let finding = fixture.run("rds.db-cluster.deletion-protection").first { $0.resource.arn.hasSuffix(":cluster:lonely") }
        #expect(finding?.message == "Cluster lonely has deletion protection disabled (DeletionProtection=false).")
    }

    @Test func clusterWithInstancesInTwoZonesPassesEvenWithoutTheMultiAZFlag() {
        #expect(fixture.status("rds.db-cluster.multi-az", on: ":cluster:spread") == .pass)
        #expect(fixture.status("rds.db-cluster.multi-az", on: ":cluster:maz") == .pass)
    }

    @Test func clusterWhoseInstancesShareOneZoneFails() {
        let finding = fixture.run("rds.db-cluster.multi-az").first { $0.resource.arn.hasSuffix(":cluster:lonely") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "Cluster lonely has all 2 instance(s) in us-east-1a (MultiAZ=false).")
    }

    @Test func storageZonesAloneDoNotMakeAClusterMultiAZ() {
        #expect(fixture.status("rds.db-cluster.multi-az", on: ":cluster:empty") == .fail)
    }

    @Test func memberMissingFromTheInstanceListIsUnknown() {
        #expect(fixture.status("rds.db-cluster.multi-az", on: ":cluster:ghostly") == .unknown)
    }

    @Test func unreadableInstancesMakeNonMultiAZClustersUnknown() {
        var f = Fixture()
        f.answer("us-east-1", "rds", "describe-db-clusters", Self.clusters)
        f.fail("us-east-1", "rds", "describe-db-instances", code: "Throttling")
        #expect(f.status("rds.db-cluster.multi-az", on: ":cluster:spread") == .unknown)
        #expect(f.status("rds.db-cluster.multi-az", on: ":cluster:maz") == .pass)
    }

    @Test func unreadableClustersAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "rds", "describe-db-clusters", code: "AccessDenied")
        for check in ["rds.db-cluster.storage-encrypted", "rds.db-cluster.deletion-protection", "rds.db-cluster.multi-az"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
