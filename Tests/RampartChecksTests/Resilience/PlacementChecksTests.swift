import RampartFindings
import Testing

@Suite struct PlacementChecksTests {
    static let zones = """
        {"AvailabilityZones": [
          {"ZoneName": "us-east-1a", "ZoneId": "use1-az4", "State": "available"},
          {"ZoneName": "us-east-1b", "ZoneId": "use1-az6", "State": "available"}]}
        """

    static func lb(_ name: String, zones: [String]) -> String {
        let list = zones.map { "{\"ZoneName\": \"\($0)\", \"SubnetId\": \"subnet-\($0)\"}" }.joined(separator: ",")
        return """
            {"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/\(name)/1",
             "LoadBalancerName": "\(name)", "Type": "application", "Scheme": "internet-facing", "AvailabilityZones": [\(list)]}
            """
    }

    static func targetGroup(_ name: String, lb: String) -> String {
        """
        {"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/\(name)/1", "TargetGroupName": "\(name)",
         "LoadBalancerArns": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/\(lb)/1"]}
        """
    }

    static func instance(_ id: String, zone: String, app: String?, state: String = "running") -> String {
        let tags = app.map { "[{\"Key\": \"app\", \"Value\": \"\($0)\"}]" } ?? "[]"
        return "{\"InstanceId\": \"\(id)\", \"State\": {\"Name\": \"\(state)\"}, \"Placement\": {\"AvailabilityZone\": \"\(zone)\"}, \"Tags\": \(tags)}"
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-availability-zones", Self.zones)
        f.answer("us-east-1", "elbv2", "describe-load-balancers", """
            {"LoadBalancers": [\(Self.lb("spread", zones: ["us-east-1a", "us-east-1b"])), \(Self.lb("lonely", zones: ["us-east-1a"]))]}
            """)
        f.answer("us-east-1", "elbv2", "describe-target-groups", """
            {"TargetGroups": [\(Self.targetGroup("spread-tg", lb: "spread")), \(Self.targetGroup("lonely-tg", lb: "lonely"))]}
            """)
        f.answer("us-east-1", "elbv2", "describe-target-health", resource: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/spread-tg/1", """
            {"TargetHealthDescriptions": [
              {"Target": {"Id": "i-a1", "Port": 80}, "TargetHealth": {"State": "healthy"}},
              {"Target": {"Id": "i-b1", "Port": 80}, "TargetHealth": {"State": "healthy"}}]}
            """)
        f.answer("us-east-1", "elbv2", "describe-target-health", resource: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lonely-tg/1", """
            {"TargetHealthDescriptions": [
              {"Target": {"Id": "i-a2", "Port": 80}, "TargetHealth": {"State": "healthy"}},
              {"Target": {"Id": "i-b2", "Port": 80}, "TargetHealth": {"State": "unhealthy"}}]}
            """)
        f.answer("us-east-1", "ec2", "describe-instances", """
            {"Reservations": [{"Instances": [
              \(Self.instance("i-a1", zone: "us-east-1a", app: "shop")), \(Self.instance("i-b1", zone: "us-east-1b", app: "shop")),
              \(Self.instance("i-a2", zone: "us-east-1a", app: "admin")), \(Self.instance("i-b2", zone: "us-east-1b", app: "admin", state: "stopped")),
              \(Self.instance("i-solo", zone: "us-east-1a", app: nil))]}]}
            """)
        return f
    }

    @Test func loadBalancerEnabledInOneZoneFails() {
        #expect(fixture.status("elbv2.load-balancer.multi-az", on: "app/spread/1") == .pass)
        let lonely = fixture.run("elbv2.load-balancer.multi-az").first { $0.resource.arn.hasSuffix("app/lonely/1") }
        #expect(lonely?.status == .fail)
        #expect(lonely?.message == "Load balancer lonely is enabled only in use1-az4.")
    }

    @Test func loadBalancerWithHealthyTargetsInOneZoneFails() {
        #expect(fixture.status("elbv2.load-balancer.healthy-targets-multi-az", on: "app/spread/1") == .pass)
        let lonely = fixture.run("elbv2.load-balancer.healthy-targets-multi-az").first { $0.resource.arn.hasSuffix("app/lonely/1") }
        #expect(lonely?.status == .fail)
        #expect(lonely?.message == "Load balancer lonely has healthy targets only in use1-az4.")
    }

    @Test func unreadableTargetHealthIsUnknown() {
        var f = fixture
        f.fail("us-east-1", "elbv2", "describe-target-health", resource: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/spread-tg/1", code: "AccessDenied")
        #expect(f.status("elbv2.load-balancer.healthy-targets-multi-az", on: "app/spread/1") == .unknown)
        var g = Fixture()
        g.fail("us-east-1", "elbv2", "describe-load-balancers", code: "AccessDenied")
        #expect(g.run("elbv2.load-balancer.multi-az").map(\.status) == [.unknown])
    }

    @Test func applicationInstancesInOneZoneFail() {
        let findings = fixture.run("ec2.application.multi-az")
        #expect(findings.first { $0.resource.name == "application shop in us-east-1" }?.status == .pass)
        let admin = findings.first { $0.resource.name == "application admin in us-east-1" }
        #expect(admin?.status == .fail)
        #expect(admin?.message == "Application admin runs only in use1-az4 (1 instance(s)).")
        // A lone instance without an application tag is not judged as an application.
        #expect(findings.count == 2)
        var f = Fixture()
        f.fail("us-east-1", "ec2", "describe-instances", code: "AccessDenied")
        #expect(f.run("ec2.application.multi-az").map(\.status) == [.unknown])
    }

    static func db(_ id: String, region: String, tagged: Bool, source: String? = nil) -> String {
        """
        {"DBInstanceIdentifier": "\(id)", "DBInstanceArn": "arn:aws:rds:\(region):123456789012:db:\(id)", "Engine": "postgres",
         "AvailabilityZone": "\(region)a", "PubliclyAccessible": false,
         "TagList": [\(tagged ? "{\"Key\": \"rampart:resilience\", \"Value\": \"region\"}" : "")]
         \(source.map { ", \"ReadReplicaSourceDBInstanceIdentifier\": \"\($0)\"" } ?? "")}
        """
    }

    @Test func databaseTaggedForRegionResilienceNeedsAReplicaElsewhere() {
        var f = Fixture()
        f.regions = ["us-east-1", "eu-west-1"]
        f.answer("us-east-1", "rds", "describe-db-instances", """
            {"DBInstances": [\(Self.db("orders", region: "us-east-1", tagged: true)), \(Self.db("ledger", region: "us-east-1", tagged: true)),
                             \(Self.db("scratch", region: "us-east-1", tagged: false))]}
            """)
        f.answer("eu-west-1", "rds", "describe-db-instances", """
            {"DBInstances": [\(Self.db("orders-dr", region: "eu-west-1", tagged: false, source: "arn:aws:rds:us-east-1:123456789012:db:orders"))]}
            """)
        let findings = f.run("rds.db-instance.cross-region-copy")
        #expect(findings.count == 2)
        #expect(f.status("rds.db-instance.cross-region-copy", on: "db:orders") == .pass)
        #expect(f.status("rds.db-instance.cross-region-copy", on: "db:ledger") == .fail)
        var g = f
        g.fail("eu-west-1", "rds", "describe-db-instances", code: "AccessDenied")
        #expect(g.status("rds.db-instance.cross-region-copy", on: "db:ledger") == .unknown)
    }

    static func tableArn(_ name: String) -> String { "arn:aws:dynamodb:us-east-1:123456789012:table/\(name)" }

    /// Three tables in us-east-1: `orders` (tagged, replica in eu-west-1), `ledger` (tagged, no replica),
    /// `scratch` (untagged, no replica).
    var tables: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "dynamodb", "list-tables", #"{"TableNames": ["orders", "ledger", "scratch"]}"#)
        let replicas = ["orders": #"[{"RegionName": "us-east-1"}, {"RegionName": "eu-west-1"}]"#, "ledger": "[]", "scratch": "[]"]
        for (name, list) in replicas {
            f.answer("us-east-1", "dynamodb", "describe-table", resource: name, #"{"Table": {"TableName": "\#(name)", "Replicas": \#(list)}}"#)
            let tags = name == "scratch" ? "[]" : #"[{"Key": "rampart:resilience", "Value": "region"}]"#
            f.answer("us-east-1", "dynamodb", "list-tags-of-resource", resource: Self.tableArn(name), #"{"Tags": \#(tags)}"#)
        }
        return f
    }

    @Test func tableTaggedForRegionResilienceNeedsAReplicaElsewhere() {
        let findings = tables.run("dynamodb.table.cross-region-copy")
        #expect(findings.count == 2)
        #expect(tables.status("dynamodb.table.cross-region-copy", on: "table/orders") == .pass)
        let ledger = findings.first { $0.resource.arn == Self.tableArn("ledger") }
        #expect(ledger?.status == .fail)
        #expect(ledger?.message == "Table ledger is tagged rampart:resilience=region but has no replica outside us-east-1.")
    }

    @Test func tableWithUnreadTagsOrReplicasIsUnknown() {
        var f = tables
        f.fail("us-east-1", "dynamodb", "list-tags-of-resource", resource: Self.tableArn("ledger"), code: "AccessDenied")
        f.fail("us-east-1", "dynamodb", "describe-table", resource: "orders", code: "AccessDenied")
        #expect(f.status("dynamodb.table.cross-region-copy", on: "table/ledger") == .unknown)
        #expect(f.status("dynamodb.table.cross-region-copy", on: "table/orders") == .unknown)
        // A table that already has a replica passes even when its tags are unread.
        var g = tables
        g.fail("us-east-1", "dynamodb", "list-tags-of-resource", resource: Self.tableArn("orders"), code: "AccessDenied")
        #expect(g.status("dynamodb.table.cross-region-copy", on: "table/orders") == .pass)
        var h = Fixture()
        h.fail("us-east-1", "dynamodb", "list-tables", code: "AccessDenied")
        #expect(h.run("dynamodb.table.cross-region-copy").map(\.status) == [.unknown])
    }

    @Test func routedRecordsWithoutHealthChecksFail() {
        var f = Fixture()
        f.answer("global", "route53", "list-hosted-zones", """
            {"HostedZones": [{"Id": "/hostedzone/Z1", "Name": "example.com.", "Config": {"PrivateZone": false}}]}
            """)
        f.answer("global", "route53", "list-resource-record-sets", resource: "/hostedzone/Z1", """
            {"ResourceRecordSets": [
              {"Name": "api.example.com.", "Type": "A", "SetIdentifier": "primary", "Failover": "PRIMARY", "HealthCheckId": "hc-1",
               "ResourceRecords": [{"Value": "198.51.100.1"}]},
              {"Name": "api.example.com.", "Type": "A", "SetIdentifier": "secondary", "Failover": "SECONDARY",
               "ResourceRecords": [{"Value": "203.0.113.1"}]},
              {"Name": "www.example.com.", "Type": "A", "ResourceRecords": [{"Value": "203.0.113.9"}]}]}
            """)
        let findings = f.run("route53.record-set.failover-health-checked")
        #expect(findings.map(\.status) == [.pass, .fail])
        #expect(findings.last?.message == "Record api.example.com. A (secondary) routes without a health check.")
        var g = Fixture()
        g.answer("global", "route53", "list-hosted-zones", """
            {"HostedZones": [{"Id": "/hostedzone/Z1", "Name": "example.com.", "Config": {"PrivateZone": false}}]}
            """)
        #expect(g.run("route53.record-set.failover-health-checked").map(\.status) == [.unknown])
    }
}

/// `rds.db-instance.cross-region-copy` counts replicated automated backups and Aurora global
/// database clusters as copies, besides read replicas.
@Suite struct DatabaseCopyKindsTests {
    static let tag = "[{\"Key\": \"rampart:resilience\", \"Value\": \"region\"}]"

    var fixture: Fixture {
        var f = Fixture()
        f.regions = ["us-east-1", "eu-west-1"]
        let backups = ", \"DBInstanceAutomatedBackupsReplications\": [{\"DBInstanceAutomatedBackupsArn\": \"arn:aws:rds:eu-west-1:123456789012:auto-backup:ab-1\"}]"
        func db(_ id: String, _ extra: String = "") -> String {
            """
            {"DBInstanceIdentifier": "\(id)", "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:\(id)", "Engine": "postgres",
             "AvailabilityZone": "us-east-1a", "PubliclyAccessible": false, "TagList": \(Self.tag)\(extra)}
            """
        }
        f.answer("us-east-1", "rds", "describe-db-instances", """
            {"DBInstances": [\(db("orders", backups)), \(db("billing")), \(db("ledger-1", ", \"DBClusterIdentifier\": \"ledger\"")),
                             \(db("solo-1", ", \"DBClusterIdentifier\": \"solo\""))]}
            """)
        f.answer("eu-west-1", "rds", "describe-db-instances", #"{"DBInstances": []}"#)
        f.answer("eu-west-1", "rds", "describe-db-instance-automated-backups", """
            {"DBInstanceAutomatedBackups": [{"DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:billing", "Region": "us-east-1",
              "Status": "replicating", "DBInstanceAutomatedBackupsArn": "arn:aws:rds:eu-west-1:123456789012:auto-backup:ab-2"}]}
            """)
        f.answer("us-east-1", "rds", "describe-db-clusters", """
            {"DBClusters": [
              {"DBClusterIdentifier": "ledger", "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:ledger", "Engine": "aurora-postgresql",
               "GlobalClusterIdentifier": "ledger-global", "DBClusterMembers": [{"DBInstanceIdentifier": "ledger-1", "IsClusterWriter": true}]},
              {"DBClusterIdentifier": "solo", "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:solo", "Engine": "aurora-postgresql",
               "DBClusterMembers": [{"DBInstanceIdentifier": "solo-1", "IsClusterWriter": true}]}]}
            """)
        f.answer("us-east-1", "rds", "describe-global-clusters", """
            {"GlobalClusters": [{"GlobalClusterIdentifier": "ledger-global", "GlobalClusterMembers": [
              {"DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:ledger", "IsWriter": true},
              {"DBClusterArn": "arn:aws:rds:eu-west-1:123456789012:cluster:ledger-dr", "IsWriter": false}]}]}
            """)
        return f
    }

    @Test func replicatedBackupsAndGlobalDatabasesAreCopiesInAnotherRegion() {
        let f = fixture
        let findings = f.run("rds.db-instance.cross-region-copy")
        let orders = findings.first { $0.resource.arn.hasSuffix("db:orders") }
        #expect(orders?.status == .pass)
        #expect(orders?.message == "Database orders has a copy in another Region: automated backups replicated to eu-west-1.")
        #expect(f.status("rds.db-instance.cross-region-copy", on: "db:billing") == .pass)
        let ledger = findings.first { $0.resource.arn.hasSuffix("db:ledger-1") }
        #expect(ledger?.status == .pass)
        #expect(ledger?.message == "Database ledger-1 has a copy in another Region: global database cluster arn:aws:rds:eu-west-1:123456789012:cluster:ledger-dr.")
        // Not in a global database, no replica, no replicated backups.
        #expect(f.status("rds.db-instance.cross-region-copy", on: "db:solo-1") == .fail)
    }

    @Test func aGlobalDatabaseWhoseMembersAreUnreadableIsUnknown() {
        var f = fixture
        f.fail("us-east-1", "rds", "describe-global-clusters", code: "AccessDenied")
        #expect(f.status("rds.db-instance.cross-region-copy", on: "db:ledger-1") == .unknown)
        // A cluster that names no global database needs no global-cluster listing.
        #expect(f.status("rds.db-instance.cross-region-copy", on: "db:solo-1") == .fail)
    }
}
