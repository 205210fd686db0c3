import Foundation
import RampartInventory
import RampartJSON
import RampartResilience

/// Builds an inventory from JSON shaped as the AWS CLI prints it, for known topologies.
/// Zone names map to zone IDs that differ from them on purpose (us-east-1a is use1-az4), so a
/// test that passes cannot be confusing the two.
struct TopologyFixture {
    static let account = "123456789012"
    var regions = ["us-east-1", "eu-west-1"]
    var results: [AWSCall: CallResult] = [:]

    static let zoneIds = [
        "us-east-1a": "use1-az4", "us-east-1b": "use1-az6", "us-east-1c": "use1-az1",
        "eu-west-1a": "euw1-az3", "eu-west-1b": "euw1-az1", "eu-west-1c": "euw1-az2",
    ]

    init(regions: [String] = ["us-east-1", "eu-west-1"]) {
        self.regions = regions
        for region in regions {
            let zones = Self.zoneIds.filter { $0.key.hasPrefix(region) }.sorted { $0.key < $1.key }.map {
                "{\"ZoneName\": \"\($0.key)\", \"ZoneId\": \"\($0.value)\", \"State\": \"available\", \"RegionName\": \"\(region)\", \"ZoneType\": \"availability-zone\"}"
            }
            answer(region, "ec2", "describe-availability-zones", "{\"AvailabilityZones\": [\(zones.joined(separator: ","))]}")
        }
    }

    mutating func answer(_ region: String, _ service: String, _ operation: String, resource: String? = nil, _ json: String) {
        results[AWSCall(account: Self.account, region: region, service: service, operation: operation, resource: resource)] =
            .answer(try! JSONParser.parse(json))
    }

    mutating func fail(_ region: String, _ service: String, _ operation: String, resource: String? = nil) {
        results[AWSCall(account: Self.account, region: region, service: service, operation: operation, resource: resource)] =
            .failed(code: "AccessDenied", message: "denied")
    }

    var inventory: Inventory {
        InventoryBuilder.build(
            from: InMemoryCallResults(
                collectedAt: Timestamp.parse("2026-11-29T12:00:00Z")!, accounts: [Self.account], regions: regions, results: results))
    }

    func simulation(_ policy: ResiliencyPolicy = ResiliencyPolicy()) -> Simulation {
        Simulation(inventory: inventory, policy: policy)
    }

    // MARK: - AWS CLI shapes

    /// One `describe-auto-scaling-groups` entry; `instances` are zone names, one per InService instance.
    static func group(
        _ name: String, region: String = "us-east-1", min: Int, desired: Int? = nil, zones: [String], instances: [String],
        tags: [String: String] = [:], targetGroups: [String] = []
    ) -> String {
        let list = instances.enumerated().map { i, zone in
            "{\"InstanceId\": \"i-\(name)\(i)\", \"AvailabilityZone\": \"\(zone)\", \"LifecycleState\": \"InService\", \"HealthStatus\": \"Healthy\"}"
        }
        let tagList = tags.map { "{\"Key\": \"\($0.key)\", \"Value\": \"\($0.value)\", \"PropagateAtLaunch\": true}" }
        return """
            {"AutoScalingGroupName": "\(name)",
             "AutoScalingGroupARN": "arn:aws:autoscaling:\(region):123456789012:autoScalingGroup:0:autoScalingGroupName/\(name)",
             "MinSize": \(min), "MaxSize": 10, "DesiredCapacity": \(desired ?? instances.count),
             "AvailabilityZones": [\(zones.map { "\"\($0)\"" }.joined(separator: ","))],
             "TargetGroupARNs": [\(targetGroups.map { "\"\($0)\"" }.joined(separator: ","))], "LoadBalancerNames": [],
             "HealthCheckType": "ELB", "Instances": [\(list.joined(separator: ","))], "Tags": [\(tagList.joined(separator: ","))]}
            """
    }

    mutating func groups(_ entries: String..., region: String = "us-east-1") {
        answer(region, "autoscaling", "describe-auto-scaling-groups", "{\"AutoScalingGroups\": [\(entries.joined(separator: ","))]}")
    }

    /// One `describe-db-instances` entry.
    static func db(
        _ id: String, region: String = "us-east-1", zone: String, multiAZ: Bool = false, secondary: String? = nil,
        cluster: String? = nil, replicaOf: String? = nil, backups: Int = 7
    ) -> String {
        var extra = ""
        if let secondary { extra += ", \"SecondaryAvailabilityZone\": \"\(secondary)\"" }
        if let cluster { extra += ", \"DBClusterIdentifier\": \"\(cluster)\"" }
        if let replicaOf { extra += ", \"ReadReplicaSourceDBInstanceIdentifier\": \"\(replicaOf)\"" }
        return """
            {"DBInstanceIdentifier": "\(id)", "DBInstanceArn": "arn:aws:rds:\(region):123456789012:db:\(id)",
             "Engine": "postgres", "DBInstanceStatus": "available", "AvailabilityZone": "\(zone)", "MultiAZ": \(multiAZ),
             "PubliclyAccessible": false, "BackupRetentionPeriod": \(backups), "TagList": []\(extra)}
            """
    }

    mutating func dbs(_ region: String = "us-east-1", instances: [String], clusters: [String] = []) {
        answer(region, "rds", "describe-db-instances", "{\"DBInstances\": [\(instances.joined(separator: ","))]}")
        answer(region, "rds", "describe-db-clusters", "{\"DBClusters\": [\(clusters.joined(separator: ","))]}")
    }

    static func auroraCluster(_ id: String, writer: String, readers: [String]) -> String {
        let members = (["{\"DBInstanceIdentifier\": \"\(writer)\", \"IsClusterWriter\": true}"]
            + readers.map { "{\"DBInstanceIdentifier\": \"\($0)\", \"IsClusterWriter\": false}" }).joined(separator: ",")
        return """
            {"DBClusterIdentifier": "\(id)", "DBClusterArn": "arn:aws:rds:us-east-1:123456789012:cluster:\(id)",
             "Engine": "aurora-postgresql", "Status": "available", "MultiAZ": \(!readers.isEmpty),
             "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"], "DBClusterMembers": [\(members)],
             "BackupRetentionPeriod": 7, "TagList": []}
            """
    }

    mutating func emr(_ id: String, zone: String, region: String = "us-east-1") {
        answer(region, "emr", "list-clusters", "{\"Clusters\": [{\"Id\": \"\(id)\", \"Name\": \"etl\", \"Status\": {\"State\": \"WAITING\"}}]}")
        answer(region, "emr", "describe-cluster", resource: id, """
            {"Cluster": {"Id": "\(id)", "Name": "etl", "Ec2InstanceAttributes": {"Ec2AvailabilityZone": "\(zone)"}, "Tags": []}}
            """)
    }

    /// A bucket in `region`, replicating to `replicaTo` when given.
    mutating func buckets(_ entries: [(name: String, region: String, replicaTo: String?)]) {
        let list = entries.map { "{\"Name\": \"\($0.name)\", \"CreationDate\": \"2026-01-01T00:00:00Z\"}" }
        answer("global", "s3api", "list-buckets", "{\"Buckets\": [\(list.joined(separator: ","))]}")
        for b in entries {
            answer("global", "s3api", "get-bucket-location", resource: b.name,
                   b.region == "us-east-1" ? "{\"LocationConstraint\": null}" : "{\"LocationConstraint\": \"\(b.region)\"}")
            if let dest = b.replicaTo {
                answer("global", "s3api", "get-bucket-replication", resource: b.name, """
                    {"ReplicationConfiguration": {"Role": "arn:aws:iam::123456789012:role/r",
                     "Rules": [{"ID": "all", "Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::\(dest)"}}]}}
                    """)
            } else {
                results[AWSCall(account: Self.account, region: "global", service: "s3api", operation: "get-bucket-replication", resource: b.name)] =
                    .failed(code: "ReplicationConfigurationNotFoundError", message: "none")
            }
            answer("global", "s3api", "get-bucket-versioning", resource: b.name, "{\"Status\": \"Enabled\"}")
        }
    }
}

extension Simulation {
    /// The result for the workload with this id under `failure`; nil when the failure does not touch it.
    func verdict(_ id: String, _ failure: String) -> WorkloadResult? {
        run(Failure(parsing: failure)!).results.first { $0.workload.id == id }
    }
}
