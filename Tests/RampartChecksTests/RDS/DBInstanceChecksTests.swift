import RampartFindings
import Testing

@Suite struct DBInstanceChecksTests {
    /// Shaped as `aws rds describe-db-instances` prints it.
    static let instances = """
        {"DBInstances": [
          {"DBInstanceIdentifier": "db-good", "DBInstanceClass": "db.m6g.large", "Engine": "mysql", "DBInstanceStatus": "available",
           "AvailabilityZone": "us-east-1a", "SecondaryAvailabilityZone": "us-east-1b", "MultiAZ": true,
           "PubliclyAccessible": false, "StorageEncrypted": true,
           "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1111", "BackupRetentionPeriod": 7, "DeletionProtection": true,
           "AutoMinorVersionUpgrade": true, "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-good",
           "DBSubnetGroup": {"DBSubnetGroupName": "private", "VpcId": "vpc-1",
             "Subnets": [{"SubnetIdentifier": "subnet-a", "SubnetAvailabilityZone": {"Name": "us-east-1a"}, "SubnetStatus": "Active"}]},
           "ReadReplicaDBInstanceIdentifiers": ["db-replica"], "TagList": []},
          {"DBInstanceIdentifier": "db-bad", "Engine": "postgres", "AvailabilityZone": "us-east-1c", "MultiAZ": false,
           "PubliclyAccessible": true, "StorageEncrypted": false, "BackupRetentionPeriod": 0, "DeletionProtection": false,
           "AutoMinorVersionUpgrade": false, "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-bad"},
          {"DBInstanceIdentifier": "db-replica", "Engine": "mysql", "AvailabilityZone": "us-east-1b", "MultiAZ": false,
           "PubliclyAccessible": false, "StorageEncrypted": true, "BackupRetentionPeriod": 0, "DeletionProtection": false,
           "AutoMinorVersionUpgrade": true, "ReadReplicaSourceDBInstanceIdentifier": "db-good",
           "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-replica"},
          {"DBInstanceIdentifier": "db-replica-of-bad", "Engine": "postgres", "AvailabilityZone": "us-east-1c", "MultiAZ": false,
           "PubliclyAccessible": false, "StorageEncrypted": false, "BackupRetentionPeriod": 0, "DeletionProtection": false,
           "AutoMinorVersionUpgrade": true, "ReadReplicaSourceDBInstanceIdentifier": "db-bad",
           "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-replica-of-bad"},
          {"DBInstanceIdentifier": "db-far-replica", "Engine": "mysql", "AvailabilityZone": "us-east-1a", "MultiAZ": false,
           "PubliclyAccessible": false, "StorageEncrypted": true, "BackupRetentionPeriod": 0, "DeletionProtection": true,
           "AutoMinorVersionUpgrade": true, "ReadReplicaSourceDBInstanceIdentifier": "arn:aws:rds:eu-west-1:123456789012:db:far",
           "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-far-replica"},
          {"DBInstanceIdentifier": "aurora-1", "Engine": "aurora-postgresql", "AvailabilityZone": "us-east-1a", "MultiAZ": false,
           "PubliclyAccessible": false, "StorageEncrypted": true, "BackupRetentionPeriod": 1, "DeletionProtection": false,
           "AutoMinorVersionUpgrade": true, "DBClusterIdentifier": "aurora-c",
           "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:aurora-1"}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "rds", "describe-db-instances", Self.instances)
        return f
    }

    @Test func unencryptedInstanceFailsAndEncryptedPasses() {
        #expect(fixture.status("rds.db-instance.storage-encrypted", on: ":db:db-bad") == .fail)
        #expect(fixture.status("rds.db-instance.storage-encrypted", on: ":db:db-good") == .pass)
        let finding = fixture.run("rds.db-instance.storage-encrypted").first { $0.resource.arn.hasSuffix(":db:db-bad") }
        #expect(finding?.message == "db-bad is not encrypted at rest (StorageEncrypted=false).")
        #expect(finding?.frameworks["cis-aws-3.0"] == ["2.3.1"])
    }

    @Test func auroraMembersAreStillJudgedForEncryption() {
        #expect(fixture.status("rds.db-instance.storage-encrypted", on: ":db:aurora-1") == .pass)
    }

    @Test func publiclyAccessibleInstanceFails() {
        #expect(fixture.status("rds.db-instance.not-publicly-accessible", on: ":db:db-bad") == .fail)
        #expect(fixture.status("rds.db-instance.not-publicly-accessible", on: ":db:db-good") == .pass)
        let finding = fixture.run("rds.db-instance.not-publicly-accessible").first { $0.resource.arn.hasSuffix(":db:db-bad") }
        #expect(finding?.message == "db-bad is publicly accessible (PubliclyAccessible=true).")
        #expect(finding?.severity == .critical)
    }

    @Test func singleAZInstanceFailsAndClusterMembersAreLeftToTheCluster() {
        #expect(fixture.status("rds.db-instance.multi-az", on: ":db:db-good") == .pass)
        #expect(fixture.status("rds.db-instance.multi-az", on: ":db:db-bad") == .fail)
        #expect(fixture.status("rds.db-instance.multi-az", on: ":db:aurora-1") == nil)
        let finding = fixture.run("rds.db-instance.multi-az").first { $0.resource.arn.hasSuffix(":db:db-bad") }
        #expect(finding?.message == "db-bad runs in a single Availability Zone in us-east-1c (MultiAZ=false).")
    }

    @Test func zeroBackupRetentionFails() {
        #expect(fixture.status("rds.db-instance.automated-backups", on: ":db:db-good") == .pass)
        #expect(fixture.status("rds.db-instance.automated-backups", on: ":db:db-bad") == .fail)
        #expect(fixture.status("rds.db-instance.automated-backups", on: ":db:aurora-1") == nil)
    }

    @Test func retentionShorterThanTheFSBPMinimumOfSevenDaysFails() {
        var f = Fixture()
        f.answer("us-east-1", "rds", "describe-db-instances", """
            {"DBInstances": [
              {"DBInstanceIdentifier": "db-short", "Engine": "mysql", "PubliclyAccessible": false, "BackupRetentionPeriod": 3, "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-short"},
              {"DBInstanceIdentifier": "db-week", "Engine": "mysql", "PubliclyAccessible": false, "BackupRetentionPeriod": 7, "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-week"}]}
            """)
        let short = f.run("rds.db-instance.automated-backups").first { $0.resource.arn.hasSuffix(":db:db-short") }
        #expect(short?.status == .fail)
        #expect(short?.message == "db-short keeps automated backups for only 3 days (7 needed).")
        #expect(f.status("rds.db-instance.automated-backups", on: ":db:db-week") == .pass)
    }

    @Test func readReplicaWithoutBackupsIsJudgedByItsSource() {
        #expect(fixture.status("rds.db-instance.automated-backups", on: ":db:db-replica") == .pass)
        #expect(fixture.status("rds.db-instance.automated-backups", on: ":db:db-replica-of-bad") == .fail)
        let far = fixture.run("rds.db-instance.automated-backups").first { $0.resource.arn.hasSuffix(":db:db-far-replica") }
        #expect(far?.status == .manual)
        #expect(far?.message.contains("arn:aws:rds:eu-west-1:123456789012:db:far") == true)
    }

    @Test func deletionProtectionOffFails() {
        #expect(fixture.status("rds.db-instance.deletion-protection", on: ":db:db-good") == .pass)
        #expect(fixture.status("rds.db-instance.deletion-protection", on: ":db:db-bad") == .fail)
        #expect(fixture.status("rds.db-instance.deletion-protection", on: ":db:aurora-1") == nil)
    }

    @Test func autoMinorVersionUpgradeOffFails() {
        #expect(fixture.status("rds.db-instance.auto-minor-version-upgrade", on: ":db:db-good") == .pass)
        #expect(fixture.status("rds.db-instance.auto-minor-version-upgrade", on: ":db:db-bad") == .fail)
        #expect(fixture.status("rds.db-instance.auto-minor-version-upgrade", on: ":db:aurora-1") == .pass)
    }

    @Test func unreadableInstancesAreUnknownForEveryInstanceCheck() {
        var f = Fixture()
        f.fail("us-east-1", "rds", "describe-db-instances", code: "AccessDenied")
        for check in DBInstanceChecksTests.checkIds {
            let findings = f.run(check)
            #expect(findings.map(\.status) == [.unknown], "\(check)")
            #expect(findings.first?.message.contains("AccessDenied") == true, "\(check)")
        }
    }

    @Test func instancesNotCollectedAreUnknown() {
        for check in DBInstanceChecksTests.checkIds {
            #expect(Fixture().run(check).map(\.status) == [.unknown], "\(check)")
        }
    }

    static let checkIds = [
        "rds.db-instance.storage-encrypted", "rds.db-instance.not-publicly-accessible", "rds.db-instance.multi-az",
        "rds.db-instance.automated-backups", "rds.db-instance.deletion-protection", "rds.db-instance.auto-minor-version-upgrade",
    ]
}
