import RampartInventory
import RampartResilience
import Testing

/// ElastiCache replication groups, OpenSearch domains and EFS file systems under zone and Region failure.
/// Zone IDs: us-east-1a = use1-az4, us-east-1b = use1-az6, us-east-1c = use1-az1.
@Suite struct DataServiceWorkloadTests {
    static func group(_ id: String, failover: Bool, zones: [String]) -> String {
        let members = zones.enumerated().map { i, z in
            #"{"CacheClusterId": "\#(id)-00\#(i + 1)", "CacheNodeId": "0001", "PreferredAvailabilityZone": "\#(z)", "CurrentRole": "\#(i == 0 ? "primary" : "replica")"}"#
        }
        return """
        {"ReplicationGroupId": "\(id)", "Status": "available", "MemberClusters": [],
         "NodeGroups": [{"NodeGroupId": "0001", "NodeGroupMembers": [\(members.joined(separator: ","))]}],
         "AutomaticFailover": "\(failover ? "enabled" : "disabled")", "MultiAZ": "\(failover ? "enabled" : "disabled")", "SnapshotRetentionLimit": 1,
         "ARN": "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:\(id)"}
        """
    }

    var fixture: TopologyFixture {
        var f = TopologyFixture(regions: ["us-east-1"])
        f.answer("us-east-1", "elasticache", "describe-replication-groups", """
            {"ReplicationGroups": [\(Self.group("sessions", failover: true, zones: ["us-east-1a", "us-east-1b"])),
                                   \(Self.group("manual", failover: false, zones: ["us-east-1a", "us-east-1b"])),
                                   \(Self.group("single", failover: false, zones: ["us-east-1a"]))]}
            """)
        f.answer("us-east-1", "efs", "describe-file-systems", """
            {"FileSystems": [
              {"FileSystemId": "fs-regional", "FileSystemArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-regional", "Encrypted": true, "Tags": []},
              {"FileSystemId": "fs-onezone", "FileSystemArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-onezone", "Encrypted": true,
               "AvailabilityZoneName": "us-east-1b", "AvailabilityZoneId": "use1-az6", "Tags": []}]}
            """)
        f.answer("us-east-1", "opensearch", "list-domain-names", #"{"DomainNames": [{"DomainName": "zoned"}, {"DomainName": "flat"}]}"#)
        f.answer("us-east-1", "opensearch", "describe-domain", resource: "zoned", """
            {"DomainStatus": {"DomainName": "zoned", "ClusterConfig": {"InstanceCount": 3, "ZoneAwarenessEnabled": true, "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3}},
             "VPCOptions": {"VPCId": "vpc-1", "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"]}}}
            """)
        f.answer("us-east-1", "opensearch", "describe-domain", resource: "flat", """
            {"DomainStatus": {"DomainName": "flat", "ClusterConfig": {"InstanceCount": 2, "ZoneAwarenessEnabled": false},
             "VPCOptions": {"VPCId": "vpc-1", "AvailabilityZones": ["us-east-1c"]}}}
            """)
        return f
    }

    @Test func aReplicationGroupWithAutomaticFailoverSurvivesItsPrimaryZone() {
        let sim = fixture.simulation()
        let r = sim.verdict("elasticache:us-east-1:sessions", "az:use1-az4")
        #expect(r?.verdict == .ok)
        #expect(r?.reason == "loses 1 of 1; the standby takes over by itself; 1 left, 1 required")
        #expect(sim.verdict("elasticache:us-east-1:sessions", "region:us-east-1")?.verdict == .down)
    }

    @Test func withoutAutomaticFailoverTheReplicaServesOnlyOncePromoted() {
        let sim = fixture.simulation()
        #expect(sim.verdict("elasticache:us-east-1:manual", "az:use1-az4")?.verdict == .degraded)
        #expect(sim.verdict("elasticache:us-east-1:single", "az:use1-az4")?.verdict == .down)
        #expect(sim.verdict("elasticache:us-east-1:single", "az:use1-az6")?.verdict == .ok)
    }

    @Test func aOneZoneFileSystemIsDownWithItsZoneAndARegionalOneIsNot() {
        let sim = fixture.simulation()
        #expect(sim.verdict("efs:us-east-1:fs-onezone", "az:use1-az6")?.verdict == .down)
        #expect(sim.verdict("efs:us-east-1:fs-onezone", "az:use1-az4")?.verdict == .ok)
        for zone in ["use1-az4", "use1-az6", "use1-az1"] {
            #expect(sim.verdict("efs:us-east-1:fs-regional", "az:\(zone)")?.verdict == .ok, "\(zone)")
        }
        #expect(sim.verdict("efs:us-east-1:fs-regional", "region:us-east-1")?.verdict == .down)
    }

    @Test func aZoneAwareDomainKeepsServingAndAFlatOneFallsWithItsZone() {
        let sim = fixture.simulation()
        let zoned = sim.verdict("opensearch:us-east-1:zoned", "az:use1-az4")
        #expect(zoned?.verdict == .ok)
        #expect(zoned?.capacityBefore == 3 && zoned?.capacityAfter == 2)
        #expect(sim.verdict("opensearch:us-east-1:flat", "az:use1-az1")?.verdict == .down)
        #expect(sim.verdict("opensearch:us-east-1:flat", "az:use1-az4")?.verdict == .ok)
    }

    @Test func unreadableDataServicesAreUnknownNotSafe() {
        var f = TopologyFixture(regions: ["us-east-1"])
        f.fail("us-east-1", "elasticache", "describe-replication-groups")
        f.answer("us-east-1", "opensearch", "list-domain-names", #"{"DomainNames": [{"DomainName": "hidden"}]}"#)
        f.fail("us-east-1", "opensearch", "describe-domain", resource: "hidden")
        let sim = f.simulation()
        #expect(sim.verdict("elasticache:us-east-1:?elasticache-replication-groups", "az:use1-az4")?.verdict == .unknown)
        #expect(sim.verdict("opensearch:us-east-1:hidden", "az:use1-az4")?.verdict == .unknown)
    }
}
