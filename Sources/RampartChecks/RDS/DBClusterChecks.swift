import RampartFindings
import RampartInventory
import RampartJSON

/// RDS DB clusters (Aurora, Multi-AZ DB clusters, and the Neptune and DocumentDB clusters the
/// RDS API also lists): encryption at rest, deletion protection and spread over Availability Zones.
enum DBClusterChecks {
    static let all: [Check] = [storageEncrypted, deletionProtection, multiAZ]

    static func evidence(_ cluster: DBCluster, _ extra: KeyValuePairs<String, JSONValue> = [:]) -> JSONObject {
        var object: JSONObject = ["dbClusterIdentifier": .string(cluster.id), "engine": .string(cluster.engine)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    static let storageEncrypted = Check(
        CheckMetadata(
            id: "rds.db-cluster.storage-encrypted",
            title: "RDS DB clusters are encrypted at rest",
            severity: .medium, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.27"]],
            prowler: "rds_cluster_storage_encrypted",
            risk: "An unencrypted cluster volume, its backups and snapshots can be read by anyone who obtains the storage or a shared snapshot.",
            remediation: "Encryption cannot be turned on in place: snapshot the cluster, restore it from the snapshot with a KMS key, and move the application to the new cluster.",
            remediationCommand:
                "aws rds restore-db-cluster-from-snapshot --db-cluster-identifier <new-cluster> --snapshot-identifier <cluster-snapshot> --engine <engine> --kms-key-id <kms-key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.clusters) { cluster, _ in
                let evidence = evidence(cluster, ["storageEncrypted": .bool(cluster.storageEncrypted)])
                if cluster.storageEncrypted {
                    return .pass(cluster.ref, "Cluster \(cluster.id) is encrypted at rest (StorageEncrypted=true).", evidence: evidence)
                }
                return .fail(cluster.ref, "Cluster \(cluster.id) is not encrypted at rest (StorageEncrypted=false).", evidence: evidence)
            }
        })

    static let deletionProtection = Check(
        CheckMetadata(
            id: "rds.db-cluster.deletion-protection",
            title: "RDS DB clusters have deletion protection enabled",
            severity: .low, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.7"]],
            prowler: "rds_cluster_deletion_protection",
            risk: "Without deletion protection a single API call, script error or compromised credential deletes the cluster and its storage.",
            remediation: "Enable deletion protection on the cluster.",
            remediationCommand: "aws rds modify-db-cluster --db-cluster-identifier <db-cluster> --deletion-protection --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.clusters) { cluster, _ in
                let evidence = evidence(cluster, ["deletionProtection": .bool(cluster.deletionProtection)])
                if cluster.deletionProtection {
                    return .pass(cluster.ref, "Cluster \(cluster.id) has deletion protection enabled (DeletionProtection=true).", evidence: evidence)
                }
                return .fail(cluster.ref, "Cluster \(cluster.id) has deletion protection disabled (DeletionProtection=false).", evidence: evidence)
            }
        })

    static let multiAZ = Check(
        CheckMetadata(
            id: "rds.db-cluster.multi-az",
            title: "RDS DB clusters run instances in more than one Availability Zone",
            severity: .medium, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["cis-aws-5.0": ["2.2.4"], "aws-fsbp": ["RDS.15"]],
            prowler: "rds_cluster_multi_az",
            risk: "When every instance of a cluster is in one Availability Zone, losing that zone takes the database down even though its storage survives elsewhere.",
            remediation: "Add a reader instance in another Availability Zone so the cluster can fail over to it.",
            remediationCommand:
                "aws rds create-db-instance --db-cluster-identifier <db-cluster> --db-instance-identifier <db-cluster>-reader --engine <engine> --db-instance-class <class> --availability-zone <other-zone>"),
        evaluate: { ctx in ctx.eachRegional(\.rds.clusters) { cluster, region in judgeZones(cluster, region) } })

    /// Passes on `MultiAZ=true`, or when the cluster's instances sit in two or more zones. The
    /// cluster's own `AvailabilityZones` list is where its storage may live, not where it runs,
    /// so it does not count.
    static func judgeZones(_ cluster: DBCluster, _ region: RegionInventory) -> CheckOutcome {
        let memberIds = cluster.members.map(\.instanceId)
        var facts = evidence(cluster, ["multiAZ": .bool(cluster.multiAZ), "members": .strings(memberIds)])
        if cluster.multiAZ {
            return .pass(cluster.ref, "Cluster \(cluster.id) is Multi-AZ (MultiAZ=true).", evidence: facts)
        }
        if memberIds.isEmpty {
            return .fail(cluster.ref, "Cluster \(cluster.id) has no DB instances, so nothing can serve it from another zone (MultiAZ=false).", evidence: facts)
        }
        guard case .known(let instances) = region.rds.instances else {
            return .unknown(cluster.ref, region.rds.instances.unknownReason ?? "DB instances could not be read")
        }
        let zonesById = Dictionary(instances.map { ($0.id, $0.ref.availabilityZone) }, uniquingKeysWith: { first, _ in first })
        let zones = Set(memberIds.compactMap { zonesById[$0] ?? nil }).sorted()
        facts["memberZones"] = .strings(zones)
        if zones.count >= 2 {
            return .pass(cluster.ref, "Cluster \(cluster.id) has instances in \(zones.joined(separator: ", ")).", evidence: facts)
        }
        let unplaced = memberIds.filter { (zonesById[$0] ?? nil) == nil }
        if !unplaced.isEmpty {
            return .unknown(cluster.ref, "Cluster \(cluster.id): the Availability Zone of member \(unplaced.joined(separator: ", ")) is not in describe-db-instances.")
        }
        return .fail(cluster.ref, "Cluster \(cluster.id) has all \(memberIds.count) instance(s) in \(zones.first ?? "one zone") (MultiAZ=false).", evidence: facts)
    }
}
