import RampartFindings
import RampartInventory
import RampartJSON

/// Placement over Availability Zones of the data services (ElastiCache replication groups,
/// OpenSearch domains, EFS file systems) and of VPCs: what a zone failure takes with it.
enum DataServicePlacementChecks {
    static let all: [Check] = [cacheNodesMultiAZ, searchDomainMultiAZ, fileSystemRegional, fileSystemMountTargetsMultiAZ, vpcSubnetsMultiAZ]

    static let cacheNodesMultiAZ = Check(
        CheckMetadata(
            id: "elasticache.replication-group.nodes-multi-az",
            title: "ElastiCache replication groups have nodes in more than one Availability Zone",
            severity: .medium, resourceType: "AWS::ElastiCache::ReplicationGroup", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "When every node of a group is in one zone, losing that zone loses the cache, Multi-AZ setting or not.",
            remediation: "Add a replica in another Availability Zone to each shard.",
            remediationCommand: "aws elasticache increase-replica-count --replication-group-id <group> --new-replica-count 1 --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.elastiCache.replicationGroups) { g, _ in
                let members = g.nodeGroups.flatMap { $0 }
                if members.isEmpty { return .unknown(g.ref, "elasticache describe-replication-groups gave no node groups for \(g.id).") }
                if let missing = members.first(where: { $0.availabilityZone == nil }) {
                    return .unknown(g.ref, "elasticache describe-replication-groups gave no zone for node \(missing.cacheClusterId ?? "?") of \(g.id).")
                }
                let zones = Set(members.compactMap(\.availabilityZone)).sorted()
                let facts: JSONObject = ["replicationGroupId": .string(g.id), "zones": .strings(zones)]
                if zones.count >= 2 { return .pass(g.ref, "\(g.id) has nodes in \(zones.joined(separator: ", ")).", evidence: facts) }
                return .fail(g.ref, "\(g.id) has every node in \(zones[0]).", evidence: facts)
            }
        })

    static let searchDomainMultiAZ = Check(
        CheckMetadata(
            id: "opensearch.domain.multi-az",
            title: "OpenSearch domains spread their data nodes over more than one Availability Zone",
            severity: .medium, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Without zone awareness every data node is in one zone, and the domain is down while that zone is.",
            remediation: "Turn on zone awareness over two or three zones (and give the VPC domain subnets in them).",
            remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --cluster-config ZoneAwarenessEnabled=true,ZoneAwarenessConfig={AvailabilityZoneCount=3}"),
        evaluate: { ctx in
            OpenSearchDomainChecks.eachDomain(ctx) { d, s in
                guard let zoned = s.zoneAwarenessEnabled else {
                    return .unknown(d.ref, "opensearch describe-domain gave no ClusterConfig.ZoneAwarenessEnabled for \(d.name).")
                }
                let zones = zoned ? (s.availabilityZoneCount ?? max(s.vpcZones.count, 2)) : 1
                let facts: JSONObject = ["domainName": .string(d.name), "zoneAwarenessEnabled": .bool(zoned), "zones": .number(Double(zones))]
                if zoned && zones >= 2 { return .pass(d.ref, "\(d.name) spreads its data nodes over \(zones) zones.", evidence: facts) }
                return .fail(d.ref, "\(d.name) keeps all its data nodes in one zone (zone awareness off).", evidence: facts)
            }
        })

    static let fileSystemRegional = Check(
        CheckMetadata(
            id: "efs.file-system.regional",
            title: "EFS file systems store data across Availability Zones (Regional, not One Zone)",
            severity: .medium, resourceType: "AWS::EFS::FileSystem", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "A One Zone file system is unavailable, and its data can be lost, when its zone is.",
            remediation: "Replicate the file system to a Regional one (EFS replication) and move clients to it.",
            remediationCommand: "aws efs create-replication-configuration --source-file-system-id <file-system> --destinations Region=<region>"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.fileSystems) { f, _ in
                let facts: JSONObject = ["fileSystemId": .string(f.id), "availabilityZoneName": f.oneZone.map(JSONValue.string) ?? .null]
                if let zone = f.oneZone { return .fail(f.ref, "\(f.id) is a One Zone file system in \(zone).", evidence: facts) }
                return .pass(f.ref, "\(f.id) is a Regional file system.", evidence: facts)
            }
        })

    static let fileSystemMountTargetsMultiAZ = Check(
        CheckMetadata(
            id: "efs.file-system.mount-targets-multi-az",
            title: "Regional EFS file systems have mount targets in more than one Availability Zone",
            severity: .low, resourceType: "AWS::EFS::FileSystem", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "With mount targets in one zone only, clients in other zones cross zones to reach the files and lose them with that zone.",
            remediation: "Create a mount target in each Availability Zone the clients run in.",
            remediationCommand: "aws efs create-mount-target --file-system-id <file-system> --subnet-id <subnet-in-another-zone> --security-groups <group>"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.fileSystems) { f, region in
                guard f.oneZone == nil else { return nil }
                let targets: [EFSMountTarget]
                switch f.mountTargets {
                case .unknown(let reason): return .unknown(f.ref, reason)
                case .known(let known): targets = known
                }
                var subnetZones: [String: String] = [:]
                for subnet in region.ec2.subnets.value ?? [] {
                    if let zone = subnet.ref.availabilityZoneId ?? subnet.ref.availabilityZone { subnetZones[subnet.id] = zone }
                }
                var zones = Set<String>()
                for t in targets {
                    guard let zone = t.availabilityZoneId ?? t.availabilityZone ?? subnetZones[t.subnetId] else {
                        return .unknown(f.ref, "the zone of \(f.id)'s mount target \(t.id) (subnet \(t.subnetId)) is not known.")
                    }
                    zones.insert(zone)
                }
                let sorted = zones.sorted()
                let facts: JSONObject = ["fileSystemId": .string(f.id), "mountTargetZones": .strings(sorted)]
                if sorted.count >= 2 { return .pass(f.ref, "\(f.id) has mount targets in \(sorted.joined(separator: ", ")).", evidence: facts) }
                if sorted.isEmpty { return .fail(f.ref, "\(f.id) has no mount targets.", evidence: facts) }
                return .fail(f.ref, "\(f.id) has mount targets only in \(sorted[0]).", evidence: facts)
            }
        })

    static let vpcSubnetsMultiAZ = Check(
        CheckMetadata(
            id: "vpc.vpc.subnets-multi-az",
            title: "VPCs with subnets have them in more than one Availability Zone",
            severity: .medium, resourceType: "AWS::EC2::VPC", serviceModel: .infrastructure,
            frameworks: [:], prowler: "vpc_subnet_different_az",
            risk: "When every subnet of a VPC is in one zone, nothing in the VPC can be placed to survive that zone's failure.",
            remediation: "Add subnets in at least one more Availability Zone and spread the workloads over them.",
            remediationCommand: "aws ec2 create-subnet --vpc-id <vpc> --cidr-block <cidr> --availability-zone <another-zone>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.vpcs) { vpc, region in
                guard let subnets = region.ec2.subnets.value else {
                    return .unknown(vpc.ref, "the subnets of \(vpc.id) are unknown: \(region.ec2.subnets.unknownReason ?? "not read")")
                }
                let mine = subnets.filter { $0.vpcId == vpc.id }
                if mine.isEmpty { return nil }
                var zones = Set<String>()
                for s in mine {
                    guard let zone = s.ref.availabilityZoneId ?? s.ref.availabilityZone else {
                        return .unknown(vpc.ref, "ec2 describe-subnets gave no zone for \(s.id).")
                    }
                    zones.insert(zone)
                }
                let sorted = zones.sorted()
                let facts: JSONObject = ["vpcId": .string(vpc.id), "subnets": .number(Double(mine.count)), "zones": .strings(sorted)]
                if sorted.count >= 2 { return .pass(vpc.ref, "\(vpc.id) has subnets in \(sorted.joined(separator: ", ")).", evidence: facts) }
                return .fail(vpc.ref, "Every subnet of \(vpc.id) (\(mine.count)) is in \(sorted[0]).", evidence: facts)
            }
        })
}
