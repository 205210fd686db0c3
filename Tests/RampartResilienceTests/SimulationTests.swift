import RampartInventory
import RampartResilience
import Testing

/// Known topologies and the verdict expected for each failed zone and Region (issue 8's list).
/// Zone IDs: us-east-1a = use1-az4, us-east-1b = use1-az6, us-east-1c = use1-az1.
@Suite struct SimulationTests {
    static let threeZones = ["us-east-1a", "us-east-1b", "us-east-1c"]

    @Test func threeZoneGroupSizedNPlusOneSurvivesAnyZoneButNotItsRegion() {
        var f = TopologyFixture()
        f.groups(TopologyFixture.group("web", min: 2, zones: Self.threeZones, instances: Self.threeZones))
        let sim = f.simulation()
        for zone in ["use1-az4", "use1-az6", "use1-az1"] {
            let r = sim.verdict("asg:us-east-1:web", "az:\(zone)")
            #expect(r?.verdict == .ok, "\(zone)")
            #expect(r?.capacityBefore == 3 && r?.capacityAfter == 2 && r?.capacityRequired == 2)
        }
        let region = sim.verdict("asg:us-east-1:web", "region:us-east-1")
        #expect(region?.verdict == .down)
        #expect(region?.capacityAfter == 0)
        #expect(region?.staticallyStable == true)
        #expect(region?.assumptions.first == "required 2: default, the group's MinSize (2)")
    }

    @Test func threeZoneGroupSizedExactlyForLoadIsDegradedByAnyZone() {
        var f = TopologyFixture()
        f.groups(TopologyFixture.group("api", min: 3, zones: Self.threeZones, instances: Self.threeZones))
        let sim = f.simulation()
        for zone in ["use1-az4", "use1-az6", "use1-az1"] {
            let r = sim.verdict("asg:us-east-1:api", "az:\(zone)")
            #expect(r?.verdict == .degraded, "\(zone)")
            #expect(r?.reason == "loses 1 of 3; 2 left, 3 required")
        }
        #expect(sim.verdict("asg:us-east-1:api", "az:use1-az4")?.staticallyStable == false)
    }

    @Test func twoZoneGroupWithOneEmptyZoneIsDownWhenItsFullZoneFails() {
        var f = TopologyFixture()
        f.groups(TopologyFixture.group("jobs", min: 2, zones: ["us-east-1a", "us-east-1b"], instances: ["us-east-1a", "us-east-1a"]))
        let sim = f.simulation()
        #expect(sim.verdict("asg:us-east-1:jobs", "az:use1-az4")?.verdict == .down)
        let empty = sim.verdict("asg:us-east-1:jobs", "az:use1-az6")
        #expect(empty?.verdict == .ok)
        #expect(empty?.reason == "no capacity in az:use1-az6")
        #expect(empty?.staticallyStable == false)
    }

    @Test func singleZoneDatabaseIsDownWithItsZoneOnly() {
        var f = TopologyFixture()
        f.dbs(instances: [TopologyFixture.db("orders", zone: "us-east-1a")])
        let sim = f.simulation()
        #expect(sim.verdict("rds:us-east-1:orders", "az:use1-az4")?.verdict == .down)
        #expect(sim.verdict("rds:us-east-1:orders", "az:use1-az6")?.verdict == .ok)
        #expect(sim.verdict("rds:us-east-1:orders", "region:us-east-1")?.verdict == .down)
        #expect(sim.verdict("rds:us-east-1:orders", "az:use1-az6")?.drClass.strategy == .backupAndRestore)
    }

    @Test func multiAZDatabaseFailsOverToItsStandbyWhicheverZoneFails() {
        var f = TopologyFixture()
        f.dbs(instances: [
            TopologyFixture.db("orders", zone: "us-east-1a", multiAZ: true, secondary: "us-east-1b"),
            TopologyFixture.db("legacy", zone: "us-east-1a", multiAZ: true),
        ])
        let sim = f.simulation()
        let primary = sim.verdict("rds:us-east-1:orders", "az:use1-az4")
        #expect(primary?.verdict == .ok)
        #expect(primary?.reason == "loses 1 of 1; the standby takes over by itself; 1 left, 1 required")
        #expect(sim.verdict("rds:us-east-1:orders", "az:use1-az6")?.verdict == .ok)
        #expect(primary?.staticallyStable == true)
        // moto (and old API answers) leave out the standby's zone: still another zone than the primary's.
        let unplaced = sim.verdict("rds:us-east-1:legacy", "az:use1-az4")
        #expect(unplaced?.verdict == .ok)
        #expect(unplaced?.assumptions.contains("the Multi-AZ standby's zone is not reported; AWS keeps it in a zone other than the primary's") == true)
    }

    @Test func auroraWithAReaderInAnotherZoneKeepsServingWhenTheWriterZoneFails() {
        var f = TopologyFixture()
        f.dbs(
            instances: [
                TopologyFixture.db("ledger-1", zone: "us-east-1a", cluster: "ledger"),
                TopologyFixture.db("ledger-2", zone: "us-east-1c", cluster: "ledger"),
                TopologyFixture.db("solo-1", zone: "us-east-1b", cluster: "solo"),
            ],
            clusters: [
                TopologyFixture.auroraCluster("ledger", writer: "ledger-1", readers: ["ledger-2"]),
                TopologyFixture.auroraCluster("solo", writer: "solo-1", readers: []),
            ])
        let sim = f.simulation()
        let writerZone = sim.verdict("rds-cluster:us-east-1:ledger", "az:use1-az4")
        #expect(writerZone?.verdict == .ok)
        #expect(writerZone?.capacityBefore == 2 && writerZone?.capacityAfter == 1)
        #expect(sim.verdict("rds-cluster:us-east-1:ledger", "az:use1-az1")?.verdict == .ok)
        let solo = sim.verdict("rds-cluster:us-east-1:solo", "az:use1-az6")
        #expect(solo?.verdict == .down)
        #expect(solo?.reason.hasSuffix("Aurora recreates the writer in another zone (minutes)") == true)
    }

    @Test func emrClusterIsDownWithItsZone() {
        var f = TopologyFixture()
        f.emr("j-ETL", zone: "us-east-1c")
        let sim = f.simulation()
        #expect(sim.verdict("emr:us-east-1:j-ETL", "az:use1-az1")?.verdict == .down)
        #expect(sim.verdict("emr:us-east-1:j-ETL", "az:use1-az4")?.verdict == .ok)
        #expect(sim.verdict("emr:us-east-1:j-ETL", "az:use1-az1")?.staticallyStable == false)
    }

    @Test func crossRegionReplicatedBucketKeepsItsDataWhenItsRegionFails() {
        var f = TopologyFixture()
        f.buckets([("data", "us-east-1", "data-dr"), ("data-dr", "eu-west-1", nil), ("logs", "us-east-1", nil)])
        let sim = f.simulation()
        #expect(sim.verdict("s3:us-east-1:data", "az:use1-az4")?.verdict == .ok)
        let region = sim.verdict("s3:us-east-1:data", "region:us-east-1")
        #expect(region?.verdict == .degraded)
        #expect(region?.reason == "loses all 1; a copy in eu-west-1 serves once promoted or switched to by hand")
        #expect(region?.drClass.strategy == .pilotLight)
        #expect(sim.verdict("s3:us-east-1:logs", "region:us-east-1")?.verdict == .down)
        #expect(sim.verdict("s3:us-east-1:data", "region:eu-west-1")?.verdict == .ok)
    }

    @Test func regionScaledToZeroIsReportedAsPilotLight() {
        var f = TopologyFixture()
        f.groups(TopologyFixture.group("web", min: 2, zones: Self.threeZones, instances: Self.threeZones, tags: ["app": "shop"]))
        f.groups(
            TopologyFixture.group("web-dr", region: "eu-west-1", min: 0, desired: 0, zones: ["eu-west-1a"], instances: [], tags: ["app": "shop"]),
            region: "eu-west-1")
        let sim = f.simulation()
        let primary = sim.verdict("asg:us-east-1:web", "region:us-east-1")
        #expect(primary?.verdict == .down)
        #expect(primary?.drClass.strategy == .pilotLight)
        #expect(primary?.drClass.reason == "asg:eu-west-1:web-dr in eu-west-1 is stopped or scaled to zero")
        let standby = sim.verdict("asg:eu-west-1:web-dr", "region:eu-west-1")
        #expect(standby?.drClass.strategy == .pilotLight)
        #expect(standby?.drClass.reason == "this capacity is stopped or scaled to zero: cold standby")
        #expect(standby?.capacityBefore == 0)
    }

    @Test func requiredCapacityComesFromThePolicyThenTheTagThenTheDefault() throws {
        var f = TopologyFixture()
        f.groups(
            TopologyFixture.group("a", min: 1, zones: Self.threeZones, instances: Self.threeZones, tags: ["rampart:min-capacity": "3"]),
            TopologyFixture.group("b", min: 1, zones: Self.threeZones, instances: Self.threeZones, tags: ["team": "pay"]),
            TopologyFixture.group("c", min: 1, zones: Self.threeZones, instances: Self.threeZones, tags: ["rampart:min-capacity": "lots"]))
        let policy = try ResiliencyPolicy.parse("""
            workloads:
              - tags: {team: pay}
                capacityFraction: 0.9
            """, file: "p.yaml")
        let sim = f.simulation(policy)
        #expect(sim.verdict("asg:us-east-1:a", "az:use1-az4")?.capacityRequired == 3)
        #expect(sim.verdict("asg:us-east-1:a", "az:use1-az4")?.verdict == .degraded)
        let b = sim.verdict("asg:us-east-1:b", "az:use1-az4")
        #expect(b?.capacityRequired == 3)
        #expect(b?.assumptions.first == "required 3: capacityFraction 0.9 of 3 in p.yaml:2")
        let c = sim.verdict("asg:us-east-1:c", "az:use1-az4")
        #expect(c?.capacityRequired == 1)
        #expect(c?.assumptions.first?.contains("tag rampart:min-capacity=\"lots\" is not a whole number; ignored") == true)
    }

    @Test func unreadableEvidenceMakesTheVerdictUnknownNeverOk() {
        var f = TopologyFixture()
        f.fail("us-east-1", "autoscaling", "describe-auto-scaling-groups")
        f.emr("j-ETL", zone: "us-east-1c")
        f.fail("us-east-1", "emr", "describe-cluster", resource: "j-ETL")
        let sim = f.simulation()
        let results = sim.run(.zone("use1-az4")).results
        let groups = results.first { $0.workload.kind == .autoScalingGroup }
        #expect(groups?.verdict == .unknown)
        #expect(groups?.reason == "cannot tell: autoscaling describe-auto-scaling-groups in 123456789012/us-east-1 failed: AccessDenied")
        #expect(sim.verdict("emr:us-east-1:j-ETL", "az:use1-az4")?.verdict == .unknown)
    }

    @Test func sweepCoversEveryZoneHoldingCapacityThenEveryRegion() {
        var f = TopologyFixture()
        f.groups(TopologyFixture.group("jobs", min: 1, zones: ["us-east-1a", "us-east-1b"], instances: ["us-east-1a"]))
        f.buckets([("data", "eu-west-1", nil)])
        #expect(f.simulation().sweepFailures.map(\.description) == ["az:use1-az4", "region:eu-west-1", "region:us-east-1"])
    }

    @Test func zonesAreNamedByZoneIdNotAccountSpecificName() {
        var f = TopologyFixture()
        f.groups(TopologyFixture.group("web", min: 1, zones: ["us-east-1a"], instances: ["us-east-1a"]))
        let sim = f.simulation()
        #expect(sim.workloads.first?.activeByZone == ["use1-az4": 1])
        #expect(sim.run(.zone("use1-az6")).results.first?.verdict == .ok)
    }
}


@Suite struct ZonePlacementTests {
    @Test func aZoneNameThatIsNotTheRegionsMakesTheVerdictUnknown() {
        // moto answers describe-cluster in eu-west-1 with a us-east-1 zone.
        var f = TopologyFixture()
        f.emr("j-ODD", zone: "us-east-1a", region: "eu-west-1")
        let r = f.simulation().verdict("emr:eu-west-1:j-ODD", "az:euw1-az3")
        #expect(r?.verdict == .unknown)
        #expect(r?.reason == "cannot tell: the cluster's zone us-east-1a is not a zone of eu-west-1")
    }

    @Test func zoneNamesStandInForIdsWhenTheZoneListIsUnreadable() {
        var f = TopologyFixture(regions: ["us-east-1"])
        f.fail("us-east-1", "ec2", "describe-availability-zones")
        f.groups(TopologyFixture.group("web", min: 1, zones: ["us-east-1a", "us-east-1b"], instances: ["us-east-1a", "us-east-1b"]))
        let sim = f.simulation()
        let r = sim.verdict("asg:us-east-1:web", "az:us-east-1a")
        #expect(r?.verdict == .ok)
        #expect(r?.assumptions.contains { $0.hasPrefix("zone IDs of us-east-1 unknown") } == true)
    }
}

@Suite struct RecoveryTargetTests {
    @Test func regionTargetsThePolicySetsAreComparedWithTheDRStrategy() throws {
        var f = TopologyFixture()
        f.buckets([("data", "us-east-1", "data-dr"), ("data-dr", "eu-west-1", nil)])
        let policy = try ResiliencyPolicy.parse("""
            workloads:
              - id: s3:us-east-1:data
                targets:
                  region: {rto: 5m, rpo: 0}
            """, file: "p.yaml")
        let r = f.simulation(policy).verdict("s3:us-east-1:data", "region:us-east-1")
        #expect(r?.verdict == .degraded)
        #expect(r?.reason == "loses all 1; a copy in eu-west-1 serves once promoted or switched to by hand"
            + "; Region RTO target 5m is shorter than pilot-light recovery (tens of minutes)"
            + "; cross-Region replication is asynchronous, so the Region RPO target 0s cannot be met")
        #expect(r?.assumptions.contains("policy targets (p.yaml:2): region RTO 5m RPO 0s") == true)
    }
}

@Suite struct CrossRegionReplicaTests {
    @Test func aCrossRegionReadReplicaIsAWarmStandbyThatAPersonPromotes() {
        var f = TopologyFixture()
        f.dbs(instances: [TopologyFixture.db("orders", zone: "us-east-1a", multiAZ: true, secondary: "us-east-1b")])
        f.dbs("eu-west-1", instances: [
            TopologyFixture.db("orders-dr", region: "eu-west-1", zone: "eu-west-1a", replicaOf: "arn:aws:rds:us-east-1:123456789012:db:orders"),
        ])
        let sim = f.simulation()
        #expect(!sim.workloads.contains { $0.id == "rds:eu-west-1:orders-dr" }, "the replica belongs to its source's workload")
        let region = sim.verdict("rds:us-east-1:orders", "region:us-east-1")
        #expect(region?.verdict == .degraded)
        #expect(region?.capacityAfter == 1)
        #expect(region?.drClass.strategy == .warmStandby)
        #expect(region?.resultResources == ["arn:aws:rds:us-east-1:123456789012:db:orders", "arn:aws:rds:eu-west-1:123456789012:db:orders-dr"])
    }
}

extension WorkloadResult {
    var resultResources: [String] { workload.resources.map(\.arn) }
}

@Suite struct UnplacedBucketTests {
    @Test func aBucketWhoseRegionIsUnreadableIsUnknownInEveryRegionScenario() {
        var f = TopologyFixture()
        f.buckets([("data", "us-east-1", nil)])
        f.fail("global", "s3api", "get-bucket-location", resource: "data")
        let sim = f.simulation()
        for region in ["us-east-1", "eu-west-1"] {
            let r = sim.verdict("s3:global:data", "region:\(region)")
            #expect(r?.verdict == .unknown, "\(region)")
            #expect(r?.reason == "cannot tell: the bucket's Region (get-bucket-location was not read)")
        }
    }
}
