import RampartFindings
import Testing

@Suite struct DBClusterSettingsChecksTests {
    static let clusters = """
        {"DBClusters": [
          {"DBClusterIdentifier": "am-good", "Engine": "aurora-mysql", "Port": 3307, "MasterUsername": "ops",
           "IAMDatabaseAuthenticationEnabled": true, "CopyTagsToSnapshot": true, "BacktrackWindow": 86400,
           "EnabledCloudwatchLogsExports": ["audit", "error"], "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:am-good"},
          {"DBClusterIdentifier": "am-bad", "Engine": "aurora-mysql", "Port": 3306, "MasterUsername": "admin",
           "IAMDatabaseAuthenticationEnabled": false, "CopyTagsToSnapshot": false, "BacktrackWindow": 0,
           "EnabledCloudwatchLogsExports": [], "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:am-bad"},
          {"DBClusterIdentifier": "apg", "Engine": "aurora-postgresql", "Port": 5432, "MasterUsername": "postgres",
           "EnabledCloudwatchLogsExports": ["postgresql"], "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:apg"},
          {"DBClusterIdentifier": "maz", "Engine": "postgres", "Port": 5432, "MasterUsername": "app", "AutoMinorVersionUpgrade": false,
           "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:maz"},
          {"DBClusterIdentifier": "maz-ok", "Engine": "mysql", "Port": 3306, "AutoMinorVersionUpgrade": true,
           "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:maz-ok"}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "rds", "describe-db-clusters", Self.clusters)
        return f
    }

    static let checkIds = [
        "rds.db-cluster.iam-authentication", "rds.db-cluster.copy-tags-to-snapshots", "rds.db-cluster.backtracking",
        "rds.db-cluster.non-default-port", "rds.db-cluster.custom-admin-username", "rds.db-cluster.auto-minor-version-upgrade",
        "rds.db-cluster.aurora-mysql-audit-logs-exported", "rds.db-cluster.aurora-postgresql-logs-exported",
    ]

    @Test func auroraMySQLSettingsPassOrFail() {
        for check in ["rds.db-cluster.iam-authentication", "rds.db-cluster.copy-tags-to-snapshots", "rds.db-cluster.backtracking",
                      "rds.db-cluster.non-default-port", "rds.db-cluster.custom-admin-username", "rds.db-cluster.aurora-mysql-audit-logs-exported"] {
            #expect(fixture.status(check, on: ":cluster:am-good") == .pass, "\(check)")
            #expect(fixture.status(check, on: ":cluster:am-bad") == .fail, "\(check)")
        }
    }

    @Test func engineSpecificChecksSkipOtherEngines() {
        #expect(fixture.status("rds.db-cluster.backtracking", on: ":cluster:apg") == nil)
        #expect(fixture.status("rds.db-cluster.aurora-mysql-audit-logs-exported", on: ":cluster:apg") == nil)
        #expect(fixture.status("rds.db-cluster.aurora-postgresql-logs-exported", on: ":cluster:apg") == .pass)
        #expect(fixture.status("rds.db-cluster.aurora-postgresql-logs-exported", on: ":cluster:am-good") == nil)
    }

    @Test func minorUpgradesAreJudgedOnMultiAZClustersOnly() {
        #expect(fixture.status("rds.db-cluster.auto-minor-version-upgrade", on: ":cluster:maz") == .fail)
        #expect(fixture.status("rds.db-cluster.auto-minor-version-upgrade", on: ":cluster:maz-ok") == .pass)
        #expect(fixture.status("rds.db-cluster.auto-minor-version-upgrade", on: ":cluster:am-good") == nil)
    }

    @Test func missingAdministratorNameIsUnknown() {
        #expect(fixture.status("rds.db-cluster.custom-admin-username", on: ":cluster:maz-ok") == .unknown)
    }

    @Test func unreadableClustersAreUnknownForEveryCheck() {
        var f = Fixture()
        f.fail("us-east-1", "rds", "describe-db-clusters", code: "AccessDenied")
        for check in Self.checkIds {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
