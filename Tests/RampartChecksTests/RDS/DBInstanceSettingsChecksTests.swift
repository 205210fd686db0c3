import RampartFindings
import Testing

@Suite struct DBInstanceSettingsChecksTests {
    static let instances = """
        {"DBInstances": [
          {"DBInstanceIdentifier": "db-good", "Engine": "mysql", "AvailabilityZone": "us-east-1a", "PubliclyAccessible": false,
           "MasterUsername": "orders_admin", "Endpoint": {"Port": 3310}, "MonitoringInterval": 60,
           "EnabledCloudwatchLogsExports": ["audit", "error", "general", "slowquery"], "IAMDatabaseAuthenticationEnabled": true,
           "CopyTagsToSnapshot": true, "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-good"},
          {"DBInstanceIdentifier": "db-bad", "Engine": "postgres", "AvailabilityZone": "us-east-1a", "PubliclyAccessible": false,
           "MasterUsername": "postgres", "Endpoint": {"Port": 5432}, "MonitoringInterval": 0, "EnabledCloudwatchLogsExports": ["upgrade"],
           "IAMDatabaseAuthenticationEnabled": false, "CopyTagsToSnapshot": false,
           "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-bad"},
          {"DBInstanceIdentifier": "db-pg", "Engine": "postgres", "AvailabilityZone": "us-east-1a", "PubliclyAccessible": false,
           "MasterUsername": "app", "DbInstancePort": 5433, "EnabledCloudwatchLogsExports": ["postgresql", "upgrade"],
           "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-pg"},
          {"DBInstanceIdentifier": "db-oracle", "Engine": "oracle-ee", "AvailabilityZone": "us-east-1a", "PubliclyAccessible": false,
           "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-oracle"},
          {"DBInstanceIdentifier": "aurora-1", "Engine": "aurora-mysql", "AvailabilityZone": "us-east-1a", "PubliclyAccessible": false,
           "DBClusterIdentifier": "aurora-c", "MonitoringInterval": 0, "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:aurora-1"}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "rds", "describe-db-instances", Self.instances)
        return f
    }

    static let checkIds = [
        "rds.db-instance.enhanced-monitoring", "rds.db-instance.logs-exported-to-cloudwatch", "rds.db-instance.postgresql-logs-exported",
        "rds.db-instance.iam-authentication", "rds.db-instance.copy-tags-to-snapshots", "rds.db-instance.non-default-port",
        "rds.db-instance.custom-admin-username", "rds.db-instance.not-reachable-from-internet",
    ]

    @Test func wellConfiguredInstancePasses() {
        for check in Self.checkIds where check != "rds.db-instance.postgresql-logs-exported" {
            #expect(fixture.status(check, on: ":db:db-good") == .pass, "\(check)")
        }
        #expect(fixture.status("rds.db-instance.postgresql-logs-exported", on: ":db:db-pg") == .pass)
        #expect(fixture.status("rds.db-instance.non-default-port", on: ":db:db-pg") == .pass, "DbInstancePort stands in for a missing endpoint")
    }

    @Test func defaultsFail() {
        for check in Self.checkIds where check != "rds.db-instance.not-reachable-from-internet" {
            #expect(fixture.status(check, on: ":db:db-bad") == .fail, "\(check)")
        }
        let logs = fixture.run("rds.db-instance.logs-exported-to-cloudwatch").first { $0.resource.arn.hasSuffix(":db:db-bad") }
        #expect(logs?.message == "db-bad (postgres) does not publish postgresql logs to CloudWatch Logs.")
        let user = fixture.run("rds.db-instance.custom-admin-username").first { $0.resource.arn.hasSuffix(":db:db-bad") }
        #expect(user?.message == "db-bad uses the default administrator name \"postgres\".")
    }

    @Test func clusterMembersAreLeftToTheClusterExceptForMonitoring() {
        #expect(fixture.status("rds.db-instance.enhanced-monitoring", on: ":db:aurora-1") == .fail)
        for check in Self.checkIds.dropFirst().dropLast() {
            #expect(fixture.status(check, on: ":db:aurora-1") == nil, "\(check)")
        }
    }

    @Test func missingPortOrUserIsUnknown() {
        #expect(fixture.status("rds.db-instance.non-default-port", on: ":db:db-oracle") == .unknown)
        #expect(fixture.status("rds.db-instance.custom-admin-username", on: ":db:db-oracle") == .unknown)
        #expect(fixture.status("rds.db-instance.not-reachable-from-internet", on: ":db:db-oracle") == .unknown)
    }

    @Test func unreadableInstancesAreUnknownForEveryCheck() {
        var f = Fixture()
        f.fail("us-east-1", "rds", "describe-db-instances", code: "AccessDenied")
        for check in Self.checkIds {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
