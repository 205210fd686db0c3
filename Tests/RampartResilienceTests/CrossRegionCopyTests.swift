import RampartInventory
import RampartResilience
import Testing

/// Copies in another Region that the simulation counts: global-table replicas, cross-Region
/// automated backups and Aurora global databases.
@Suite struct CrossRegionCopyTests {
    static let tableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/"

    /// Tables in us-east-1 with their replica Regions and tags.
    static func tables(_ f: inout TopologyFixture, _ entries: [(name: String, replicas: [String], tags: [String: String])]) {
        f.answer("us-east-1", "dynamodb", "list-tables", "{\"TableNames\": [\(entries.map { "\"\($0.name)\"" }.joined(separator: ","))]}")
        for t in entries {
            let replicas = (["us-east-1"] + t.replicas).map { "{\"RegionName\": \"\($0)\"}" }.joined(separator: ",")
            f.answer("us-east-1", "dynamodb", "describe-table", resource: t.name,
                     "{\"Table\": {\"TableName\": \"\(t.name)\", \"Replicas\": [\(t.replicas.isEmpty ? "" : replicas)]}}")
            let tags = t.tags.map { "{\"Key\": \"\($0.key)\", \"Value\": \"\($0.value)\"}" }.joined(separator: ",")
            f.answer("us-east-1", "dynamodb", "list-tags-of-resource", resource: Self.tableArn + t.name, "{\"Tags\": [\(tags)]}")
        }
    }

    @Test func aReplicatedTableKeepsServingWhenItsRegionFailsAndItsMinCapacityTagCounts() {
        var f = TopologyFixture()
        Self.tables(&f, [
            ("ledger", ["eu-west-1"], ["rampart:resilience": "region"]),
            ("ledger-strict", ["eu-west-1"], ["rampart:min-capacity": "2"]),
            ("archive", [], ["rampart:resilience": "region"]),
        ])
        let sim = f.simulation()
        let ledger = sim.verdict("dynamodb:us-east-1:ledger", "region:us-east-1")
        #expect(ledger?.verdict == .ok)
        #expect(ledger?.capacityBefore == 2 && ledger?.capacityAfter == 1)
        #expect(ledger?.drClass.strategy == .multiSiteActiveActive)
        #expect(sim.workloads.first { $0.id == "dynamodb:us-east-1:ledger" }?.tags["rampart:resilience"] == "region")
        // The tag read from list-tags-of-resource sets the required capacity.
        let strict = sim.verdict("dynamodb:us-east-1:ledger-strict", "region:us-east-1")
        #expect(strict?.capacityRequired == 2)
        #expect(strict?.verdict == .degraded)
        #expect(strict?.assumptions.first == "required 2: tag rampart:min-capacity")
        let archive = sim.verdict("dynamodb:us-east-1:archive", "region:us-east-1")
        #expect(archive?.verdict == .down)
        #expect(archive?.drClass.strategy == .backupAndRestore)
    }

    @Test func replicatedAutomatedBackupsAreRestoredNotPromoted() {
        var f = TopologyFixture()
        // The source names its replicated backups (describe-db-instances); the destination lists them too.
        let orders = TopologyFixture.db("orders", zone: "us-east-1a").replacingOccurrences(
            of: "\"TagList\": []",
            with: "\"TagList\": [], \"DBInstanceAutomatedBackupsReplications\": [{\"DBInstanceAutomatedBackupsArn\": \"arn:aws:rds:eu-west-1:123456789012:auto-backup:ab-1\"}]")
        f.dbs(instances: [orders, TopologyFixture.db("billing", zone: "us-east-1a")])
        f.dbs("eu-west-1", instances: [])
        f.answer("eu-west-1", "rds", "describe-db-instance-automated-backups", """
            {"DBInstanceAutomatedBackups": [
              {"DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:billing", "Region": "us-east-1", "Status": "replicating",
               "DBInstanceAutomatedBackupsArn": "arn:aws:rds:eu-west-1:123456789012:auto-backup:ab-2"}]}
            """)
        let sim = f.simulation()
        for id in ["orders", "billing"] {
            let r = sim.verdict("rds:us-east-1:\(id)", "region:us-east-1")
            #expect(r?.verdict == .down, "\(id)")
            #expect(r?.capacityAfter == 0)
            #expect(r?.reason == "loses all 1; backups copied to eu-west-1 can be restored there (hours)", "\(id)")
            #expect(r?.drClass.strategy == .backupAndRestore)
            #expect(r?.drClass.reason == "backups are copied to eu-west-1; restore there", "\(id)")
        }
        // A backup copy is not capacity: losing the copy's Region changes nothing.
        #expect(sim.verdict("rds:us-east-1:orders", "region:eu-west-1")?.verdict == .ok)
    }

    static func globalCluster(_ id: String, region: String, instance: String, zone: String, global: String?) -> (String, String) {
        let db = TopologyFixture.db(instance, region: region, zone: zone, cluster: id)
        var cluster = TopologyFixture.auroraCluster(id, writer: instance, readers: [])
            .replacingOccurrences(of: "arn:aws:rds:us-east-1:", with: "arn:aws:rds:\(region):")
        if let global { cluster = cluster.replacingOccurrences(of: "\"TagList\": []", with: "\"TagList\": [], \"GlobalClusterIdentifier\": \"\(global)\"") }
        return (db, cluster)
    }

    static let globalClusters = """
        {"GlobalClusters": [{"GlobalClusterIdentifier": "ledger-global", "GlobalClusterMembers": [
          {"DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:ledger", "IsWriter": true,
           "Readers": ["arn:aws:rds:eu-west-1:123456789012:cluster:ledger-dr"]},
          {"DBClusterArn": "arn:aws:rds:eu-west-1:123456789012:cluster:ledger-dr", "IsWriter": false}]}]}
        """

    var globalFixture: TopologyFixture {
        var f = TopologyFixture()
        let (db, cluster) = Self.globalCluster("ledger", region: "us-east-1", instance: "ledger-1", zone: "us-east-1a", global: "ledger-global")
        let (drDb, drCluster) = Self.globalCluster("ledger-dr", region: "eu-west-1", instance: "ledger-dr-1", zone: "eu-west-1a", global: "ledger-global")
        f.dbs(instances: [db], clusters: [cluster])
        f.dbs("eu-west-1", instances: [drDb], clusters: [drCluster])
        for region in ["us-east-1", "eu-west-1"] { f.answer(region, "rds", "describe-global-clusters", Self.globalClusters) }
        return f
    }

    @Test func anAuroraGlobalDatabaseSecondaryIsAWarmStandbyInTheOtherRegion() {
        let sim = globalFixture.simulation()
        #expect(!sim.workloads.contains { $0.id == "rds-cluster:eu-west-1:ledger-dr" }, "the secondary belongs to its writer's workload")
        let r = sim.verdict("rds-cluster:us-east-1:ledger", "region:us-east-1")
        #expect(r?.verdict == .degraded)
        #expect(r?.capacityAfter == 1)
        #expect(r?.reason == "loses all 1; a copy in eu-west-1 serves once promoted or switched to by hand")
        #expect(r?.drClass.strategy == .warmStandby)
        #expect(r?.assumptions.contains("Aurora global database: secondary cluster ledger-dr in eu-west-1 is read-only until a failover promotes it") == true)
        #expect(r?.resultResources.contains("arn:aws:rds:eu-west-1:123456789012:cluster:ledger-dr") == true)
    }

    @Test func anUnreadableGlobalDatabaseMakesTheRegionVerdictUnknown() {
        var f = globalFixture
        for region in ["us-east-1", "eu-west-1"] { f.fail(region, "rds", "describe-global-clusters") }
        let sim = f.simulation()
        #expect(sim.verdict("rds-cluster:us-east-1:ledger", "region:us-east-1")?.verdict == .unknown)
        // A zone failure does not depend on the other Region.
        #expect(sim.verdict("rds-cluster:us-east-1:ledger", "az:use1-az4")?.verdict == .down)
    }
}
