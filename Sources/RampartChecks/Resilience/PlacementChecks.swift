import RampartFindings
import RampartInventory
import RampartJSON
import RampartResilience

/// Business continuity placement: workloads, load balancers and their targets in more than one
/// Availability Zone, copies of critical data in another Region, and health-checked DNS
/// failover. Auto Scaling groups (`autoscaling.group.multi-az`, `autoscaling.group.elb-health-check`),
/// RDS Multi-AZ, backups and S3 replication have their checks beside their services.
enum PlacementChecks {
    static let all: [Check] = [loadBalancerMultiAZ, healthyTargetsMultiAZ, applicationMultiAZ, databaseCrossRegionCopy, tableCrossRegionCopy, failoverHealthChecked]

    /// The tag that asks for Region resilience of a resource, with the value `region`.
    static let resilienceTag = "rampart:resilience"

    static let loadBalancerMultiAZ = Check(
        CheckMetadata(
            id: "elbv2.load-balancer.multi-az",
            title: "Load balancers are enabled in more than one Availability Zone",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ELB.13"]],
            prowler: "elbv2_is_in_multiple_az",
            risk: "A load balancer enabled in one zone stops taking traffic when that zone fails, whatever capacity runs elsewhere.",
            remediation: "Enable the load balancer in a subnet of at least one more Availability Zone.",
            remediationCommand: "aws elbv2 set-subnets --load-balancer-arn <load-balancer-arn> --subnets <subnet-in-zone-a> <subnet-in-zone-b>"),
        evaluate: { ctx in
            ctx.eachRegional(\.elbv2.loadBalancers) { lb, _ in
                let zones = Set(lb.zones.map { $0.zoneId ?? $0.zoneName }).sorted()
                let evidence: JSONObject = ["availabilityZones": .strings(zones)]
                if zones.count >= 2 {
                    return .pass(lb.ref, "Load balancer \(lb.name) is enabled in \(zones.joined(separator: ", ")).", evidence: evidence)
                }
                return .fail(lb.ref, "Load balancer \(lb.name) is enabled only in \(zones.first ?? "no zone").", evidence: evidence)
            }
        })

    static let healthyTargetsMultiAZ = Check(
        CheckMetadata(
            id: "elbv2.load-balancer.healthy-targets-multi-az",
            title: "Load balancers have healthy targets in more than one Availability Zone",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "A load balancer enabled in several zones but with healthy targets in one still loses all its capacity with that zone.",
            remediation: "Register healthy targets in at least two zones, for example through an Auto Scaling group that spans them.",
            remediationCommand: "aws elbv2 register-targets --target-group-arn <target-group-arn> --targets Id=<instance-in-another-zone>"),
        evaluate: { ctx in
            ctx.eachRegional(\.elbv2.loadBalancers) { lb, region in
                guard let groups = region.elbv2.targetGroups.value else {
                    return .unknown(lb.ref, region.elbv2.targetGroups.unknownReason ?? "target groups not read")
                }
                let zoneIdOf = Dictionary(
                    (region.ec2.availabilityZones.value ?? []).map { ($0.name, $0.zoneId) }, uniquingKeysWith: { a, _ in a })
                let instanceZone = Dictionary(
                    (region.ec2.instances.value ?? []).map { ($0.id, $0.ref.availabilityZoneId ?? $0.ref.availabilityZone) },
                    uniquingKeysWith: { a, _ in a })
                var zones = Set<String>()
                var healthy = 0
                for group in groups where group.loadBalancerArns.contains(lb.ref.arn) {
                    guard let health = group.health.value else {
                        return .unknown(lb.ref, group.health.unknownReason ?? "target health of \(group.name) not read")
                    }
                    for target in health where target.state == "healthy" {
                        healthy += 1
                        if let name = target.availabilityZone, name != "all" { zones.insert(zoneIdOf[name] ?? name) }
                        else if let zone = instanceZone[target.targetId] ?? nil { zones.insert(zone) }
                        else { return .unknown(lb.ref, "the zone of target \(target.targetId) in \(group.name) is not in the inventory") }
                    }
                }
                let sorted = zones.sorted()
                let evidence: JSONObject = ["healthyTargets": .number(Double(healthy)), "zones": .strings(sorted)]
                if sorted.count >= 2 {
                    return .pass(lb.ref, "Load balancer \(lb.name) has \(healthy) healthy targets in \(sorted.joined(separator: ", ")).", evidence: evidence)
                }
                if healthy == 0 { return .fail(lb.ref, "Load balancer \(lb.name) has no healthy target.", evidence: evidence) }
                return .fail(lb.ref, "Load balancer \(lb.name) has healthy targets only in \(sorted[0]).", evidence: evidence)
            }
        })

    static let applicationMultiAZ = Check(
        CheckMetadata(
            id: "ec2.application.multi-az",
            title: "Instances of one application run in more than one Availability Zone",
            severity: .medium, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: [:], prowler: nil,
            risk: "An application whose instances all sit in one zone is down when that zone fails.",
            remediation: "Run the application's instances in at least two zones, preferably from an Auto Scaling group that spans them.",
            remediationCommand: "aws ec2 run-instances --launch-template LaunchTemplateName=<template> --subnet-id <subnet-in-another-zone>"),
        evaluate: { ctx in
            var out: [CheckOutcome] = []
            for region in ctx.inventory.regions {
                if let reason = region.ec2.instances.unknownReason {
                    out.append(.unknown(ctx.scopeRef(region.scope), reason))
                }
            }
            // Instances grouped by stack or application tag (docs/resilience.md); lone instances are not applications.
            for w in WorkloadDerivation.workloads(in: ctx.inventory) where w.kind == .instanceGroup {
                guard var ref = w.resources.first else { continue }
                ref.name = "application \(w.name) in \(w.region)"
                let zones = w.activeByZone.filter { $0.value > 0 }.keys.sorted()
                let evidence: JSONObject = ["instances": .strings(w.resources.map(\.arn)), "zones": .strings(zones)]
                if zones.count >= 2 {
                    out.append(.pass(ref, "Application \(w.name) runs in \(zones.joined(separator: ", ")).", evidence: evidence))
                } else if zones.isEmpty {
                    out.append(.fail(ref, "Application \(w.name) has no running instance.", evidence: evidence))
                } else {
                    out.append(.fail(ref, "Application \(w.name) runs only in \(zones[0]) (\(w.activeCapacity) instance(s)).", evidence: evidence))
                }
            }
            return out
        })

    static let databaseCrossRegionCopy = Check(
        CheckMetadata(
            id: "rds.db-instance.cross-region-copy",
            title: "Databases that must survive a Region failure have a copy in another Region",
            severity: .high, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "A database tagged for Region resilience without a cross-Region replica is lost with its Region until restored from backup.",
            remediation: "Create a cross-Region read replica, an Aurora global database or cross-Region automated-backup replication for instances tagged rampart:resilience=region.",
            remediationCommand: "aws rds create-db-instance-read-replica --region <other-region> --db-instance-identifier <replica> --source-db-instance-identifier <source-arn>"),
        evaluate: { ctx in
            var out: [CheckOutcome] = []
            for account in ctx.inventory.accounts {
                let unreadable = account.regions.compactMap { r in r.rds.instances.unknownReason.map { "\(r.scope.region): \($0)" } }
                let all = account.regions.flatMap { $0.rds.instances.value ?? [] }
                let clusters = account.regions.flatMap { $0.rds.clusters.value ?? [] }
                for db in all where db.tags[resilienceTag]?.lowercased() == "region" && db.readReplicaSource == nil {
                    let replicas = all.filter { $0.readReplicaSource == db.ref.arn && $0.ref.region != db.ref.region }
                    let backupRegions = account.backupCopyRegions(of: db)
                    var peers: [DBGlobalClusterMember] = []
                    var unknown = unreadable
                    if let id = db.clusterIdentifier, let cluster = clusters.first(where: { $0.id == id && $0.ref.region == db.ref.region }) {
                        switch account.globalDatabasePeers(of: cluster) {
                        case .known(let members): peers = members.filter { $0.region != db.ref.region && !$0.region.isEmpty }
                        case .unknown(let reason): unknown.append(reason)
                        }
                    }
                    let copies = replicas.map { "read replica \($0.id) in \($0.ref.region)" }
                        + peers.map { "global database cluster \($0.clusterArn)" }
                        + backupRegions.map { "automated backups replicated to \($0)" }
                    let evidence: JSONObject = [
                        "replicas": .strings(replicas.map(\.ref.arn)), "globalDatabaseClusters": .strings(peers.map(\.clusterArn)),
                        "backupCopyRegions": .strings(backupRegions),
                    ]
                    if !copies.isEmpty {
                        out.append(.pass(db.ref, "Database \(db.id) has a copy in another Region: \(copies.joined(separator: "; ")).", evidence: evidence))
                    } else if !unknown.isEmpty {
                        out.append(.unknown(db.ref, "Copies in other Regions cannot be seen: \(unknown.joined(separator: "; "))"))
                    } else {
                        let scanned = account.regions.map(\.scope.region).joined(separator: ", ")
                        out.append(.fail(db.ref, "Database \(db.id) is tagged \(resilienceTag)=region but has no read replica, global database cluster or replicated automated backups in another Region (scanned: \(scanned)).", evidence: evidence))
                    }
                }
            }
            for region in ctx.inventory.regions where region.rds.instances.value == nil {
                out.append(.unknown(ctx.scopeRef(region.scope), region.rds.instances.unknownReason ?? "not read"))
            }
            return out
        })

    static let tableCrossRegionCopy = Check(
        CheckMetadata(
            id: "dynamodb.table.cross-region-copy",
            title: "Tables that must survive a Region failure have a replica in another Region",
            severity: .high, resourceType: "AWS::DynamoDB::Table", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "A table tagged for Region resilience without a global-table replica is unavailable with its Region, and restoring it elsewhere needs a backup copied there first.",
            remediation: "Add a replica in another Region (global tables, version 2019.11.21) to tables tagged rampart:resilience=region.",
            remediationCommand: "aws dynamodb update-table --table-name <table> --replica-updates '[{\"Create\": {\"RegionName\": \"<other-region>\"}}]'"),
        evaluate: { ctx in
            ctx.eachRegional(\.dynamodb.tables) { table, region in
                let home = region.scope.region
                let elsewhere = table.description.value.map { Array(Set($0.replicaRegions.filter { $0 != home && !$0.isEmpty })).sorted() }
                let evidence: JSONObject = ["replicaRegions": elsewhere.map(JSONValue.strings) ?? .null]
                switch table.tagSet {
                case .unknown(let reason):
                    // Untagged tables are not judged; a table whose tags are unread is judged only when it already has a replica.
                    if let elsewhere, !elsewhere.isEmpty {
                        return .pass(table.ref, "Table \(table.name) has replicas in \(elsewhere.joined(separator: ", ")).", evidence: evidence)
                    }
                    return .unknown(table.ref, "Whether table \(table.name) must survive a Region failure is not known: its tags were not read (\(reason)).")
                case .known(let tags):
                    guard tags[resilienceTag]?.lowercased() == "region" else { return nil }
                    guard let elsewhere else {
                        return .unknown(table.ref, "The replicas of table \(table.name) are not known: \(table.description.unknownReason ?? "describe-table not read").")
                    }
                    if elsewhere.isEmpty {
                        return .fail(table.ref, "Table \(table.name) is tagged \(resilienceTag)=region but has no replica outside \(home).", evidence: evidence)
                    }
                    return .pass(table.ref, "Table \(table.name) has replicas in \(elsewhere.joined(separator: ", ")).", evidence: evidence)
                }
            }
        })

    static let failoverHealthChecked = Check(
        CheckMetadata(
            id: "route53.record-set.failover-health-checked",
            title: "DNS records that route between endpoints are health-checked",
            severity: .medium, resourceType: "AWS::Route53::RecordSet", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Failover, latency or weighted records without health checks keep sending users to an endpoint whose Region or zone has failed.",
            remediation: "Attach a Route 53 health check to each record of the set, or use alias records with EvaluateTargetHealth.",
            remediationCommand: "aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch file://add-health-check.json"),
        evaluate: { ctx in
            ctx.eachGlobal(\.route53.hostedZones) { zone, _ in nil }
                + ctx.inventory.accounts.flatMap { account in
                    (account.route53.hostedZones.value ?? []).flatMap { zone -> [CheckOutcome] in
                        let shortId = zone.id.split(separator: "/").last.map(String.init) ?? zone.id
                        guard let records = zone.recordSets.value else {
                            return [.unknown(zone.ref, zone.recordSets.unknownReason ?? "records of \(zone.name) not read")]
                        }
                        return records.filter { $0.setIdentifier != nil }.map { r in
                            let ref = ResourceRef(
                                arn: "arn:\(account.scope.partition):route53:::hostedzone/\(shortId)/recordset/\(r.name)/\(r.type)/\(r.setIdentifier ?? "")",
                                type: "AWS::Route53::RecordSet", account: account.id, region: "global",
                                name: "\(r.name) \(r.type) (\(r.setIdentifier ?? ""))")
                            let evidence: JSONObject = [
                                "failover": .optional(r.failover), "healthCheckId": .optional(r.healthCheckId),
                                "evaluateTargetHealth": r.aliasEvaluatesTargetHealth.map(JSONValue.bool) ?? .null,
                            ]
                            if r.healthCheckId != nil || r.aliasEvaluatesTargetHealth == true {
                                return .pass(ref, "Record \(r.name) \(r.type) (\(r.setIdentifier ?? "")) is health-checked.", evidence: evidence)
                            }
                            return .fail(ref, "Record \(r.name) \(r.type) (\(r.setIdentifier ?? "")) routes without a health check.", evidence: evidence)
                        }
                    }
                }
        })
}
