public import RampartInventory

/// Turns an inventory into workloads: the rules are listed in docs/resilience.md, and each
/// workload carries the assumptions its rule made.
public enum WorkloadDerivation {
    /// Tags that name the application a standalone instance belongs to, in the order tried.
    public static let applicationTagKeys = [
        "aws:cloudformation:stack-name", "app", "App", "application", "Application", "workload", "Workload", "service", "Service",
    ]

    /// Every workload in the inventory, in account, Region, kind and name order.
    public static func workloads(in inventory: Inventory, topology: Topology? = nil) -> [Workload] {
        let topology = topology ?? Topology(inventory)
        let multiAccount = inventory.accounts.count > 1
        var builder = Builder(inventory: inventory, topology: topology, multiAccount: multiAccount)
        builder.derive()
        return builder.out
    }

    /// The application a set of tags names, when one of `applicationTagKeys` is set.
    public static func application(of tags: Tags) -> String? {
        for key in applicationTagKeys { if let v = tags[key], !v.isEmpty { return v } }
        return nil
    }
}

private struct Builder {
    let inventory: Inventory
    let topology: Topology
    let multiAccount: Bool
    var out: [Workload] = []

    func id(_ kind: WorkloadKind, _ scope: Scope, _ name: String) -> String {
        (multiAccount ? "\(scope.account):" : "") + "\(kind.idPrefix):\(scope.region):\(name)"
    }

    func zone(_ scope: Scope, _ ref: ResourceRef) -> String? {
        ref.availabilityZoneId ?? ref.availabilityZone.flatMap { topology.zoneId(scope, name: $0) }
    }

    mutating func derive() {
        for account in inventory.accounts {
            for region in account.regions { deriveRegion(region, account: account) }
            deriveBuckets(account)
            deriveDNS(account)
        }
    }

    // MARK: - Per Region

    mutating func deriveRegion(_ region: RegionInventory, account: AccountInventory) {
        let scope = region.scope
        let instances = region.ec2.instances.value ?? []
        let instancesById = Dictionary(instances.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let loadBalancers = region.elbv2.loadBalancers.value ?? []
        let targetGroups = region.elbv2.targetGroups.value ?? []
        let groups = region.autoScaling.groups

        // Auto Scaling groups.
        var asgTargetGroups = Set<String>()
        var asgInstanceIds = Set<String>()
        if case .unknown(let reason) = groups {
            out.append(unknownWorkload(.autoScalingGroup, scope, "auto-scaling-groups", reason))
        }
        for group in groups.value ?? [] {
            asgTargetGroups.formUnion(group.targetGroupArns)
            for i in group.instances { asgInstanceIds.insert(i.instanceId) }
            var byZone: [String: Int] = [:]
            var notServing = 0
            var unplaced: [String] = []
            for zoneName in group.availabilityZones { if let z = topology.zoneId(scope, name: zoneName) { byZone[z, default: 0] += 0 } }
            for i in group.instances {
                guard let zoneName = i.availabilityZone else { notServing += 1; continue }
                guard let zoneId = topology.zoneId(scope, name: zoneName) else { unplaced.append("\(i.instanceId) in \(zoneName)"); continue }
                let serving = (i.lifecycleState ?? "InService") == "InService" && (i.healthStatus ?? "Healthy") == "Healthy"
                if serving { byZone[zoneId, default: 0] += 1 } else { notServing += 1 }
            }
            var placements = byZone.sorted { $0.key < $1.key }.map {
                Placement(region: scope.region, zoneId: $0.key, units: $0.value, state: .active)
            }
            var assumptions = ["capacity = InService, Healthy instances of the group; the group's scaling is not counted on (static stability)"]
            if notServing > 0 { assumptions.append("\(notServing) instance(s) not InService and Healthy are not counted") }
            if group.desiredCapacity == 0 && group.instances.isEmpty {
                placements = [Placement(region: scope.region, zoneId: nil, units: 0, state: .stopped)]
                assumptions.append("the group is scaled to zero: cold standby")
            }
            let tgRefs = targetGroups.filter { group.targetGroupArns.contains($0.ref.arn) }
            let lbArns = Set(tgRefs.flatMap(\.loadBalancerArns))
            let lbs = loadBalancers.filter { lbArns.contains($0.ref.arn) }
            var w = Workload(
                id: id(.autoScalingGroup, scope, group.name), kind: .autoScalingGroup, name: group.name, account: scope.account,
                region: scope.region, resources: [group.ref] + tgRefs.map(\.ref) + lbs.map(\.ref),
                tags: mergedTags(group.tags, group.instances.compactMap { instancesById[$0.instanceId]?.tags }),
                placements: placements, defaultRequired: max(group.minSize, 1),
                defaultRequiredReason: "the group's MinSize (\(group.minSize))\(group.minSize < 1 ? ", at least 1" : "")",
                assumptions: assumptions,
                application: WorkloadDerivation.application(of: group.tags) ?? group.name)
            if !lbs.isEmpty { w.entryZones = lbZones(lbs, scope) }
            if !unplaced.isEmpty { w.unknownForZones.append("zones not among \(scope.region)'s: \(unplaced.joined(separator: ", "))") }
            if !group.targetGroupArns.isEmpty && region.elbv2.targetGroups.value == nil {
                w.unknownForZones.append("the group's target groups: \(region.elbv2.targetGroups.unknownReason ?? "not read")")
            }
            out.append(w)
        }

        // Load balancers whose targets are not an Auto Scaling group's.
        if case .unknown(let reason) = region.elbv2.loadBalancers {
            out.append(unknownWorkload(.loadBalancer, scope, "load-balancers", reason))
        }
        for lb in loadBalancers {
            let tgs = targetGroups.filter { $0.loadBalancerArns.contains(lb.ref.arn) }
            if !tgs.isEmpty && tgs.allSatisfy({ asgTargetGroups.contains($0.ref.arn) }) { continue }
            var byZone: [String: Int] = [:]
            for z in lbZones([lb], scope) { byZone[z] = 0 }
            var w = Workload(
                id: id(.loadBalancer, scope, lb.name), kind: .loadBalancer, name: lb.name, account: scope.account,
                region: scope.region, resources: [lb.ref] + tgs.map(\.ref), tags: lb.tags, placements: [],
                defaultRequired: 1, defaultRequiredReason: "one healthy target",
                assumptions: ["capacity = healthy targets of the load balancer's target groups, in the target's zone"],
                application: lb.name)
            w.entryZones = lbZones([lb], scope)
            if region.elbv2.targetGroups.value == nil {
                w.unknownForZones.append("target groups: \(region.elbv2.targetGroups.unknownReason ?? "not read")")
            }
            for tg in tgs {
                switch tg.health {
                case .known(let health):
                    for t in health where t.state == "healthy" {
                        var zoneId: String?
                        if let name = t.availabilityZone, name != "all" { zoneId = topology.zoneId(scope, name: name) }
                        else if let instance = instancesById[t.targetId] { zoneId = zone(scope, instance.ref) }
                        if let zoneId { byZone[zoneId, default: 0] += 1 } else {
                            w.unknownForZones.append("zone of target \(t.targetId) in \(tg.name)")
                        }
                    }
                case .unknown(let reason):
                    w.unknownForZones.append("health of \(tg.name): \(reason)")
                }
            }
            w.placements = byZone.sorted { $0.key < $1.key }.map {
                Placement(region: scope.region, zoneId: $0.key, units: $0.value, state: .active)
            }
            out.append(w)
        }

        // Standalone instances, grouped by stack or application tag.
        if case .unknown(let reason) = region.ec2.instances {
            out.append(unknownWorkload(.instance, scope, "instances", reason))
        }
        var grouped: [String: [EC2Instance]] = [:]
        var singles: [EC2Instance] = []
        for instance in instances where !["terminated", "shutting-down"].contains(instance.state) {
            if asgInstanceIds.contains(instance.id) || instance.tags["aws:autoscaling:groupName"] != nil { continue }
            if let app = WorkloadDerivation.application(of: instance.tags) { grouped[app, default: []].append(instance) } else {
                singles.append(instance)
            }
        }
        for (app, members) in grouped.sorted(by: { $0.key < $1.key }) {
            out.append(instanceWorkload(.instanceGroup, scope, name: app, members))
        }
        for instance in singles.sorted(by: { $0.id < $1.id }) {
            out.append(instanceWorkload(.instance, scope, name: instance.ref.name == instance.id ? instance.id : "\(instance.ref.name) (\(instance.id))", [instance]))
        }

        deriveDatabases(region, account: account)
        deriveDynamoDB(region, account: account)
        deriveAnalytics(region)
        deriveWorkSpaces(region)
        deriveDataServices(region)
        deriveMessaging(region)
        deriveServerless(region)
    }

    func lbZones(_ lbs: [LoadBalancer], _ scope: Scope) -> [String] {
        Array(Set(lbs.flatMap { lb in lb.zones.compactMap { $0.zoneId ?? topology.zoneId(scope, name: $0.zoneName) } })).sorted()
    }

    func instanceWorkload(_ kind: WorkloadKind, _ scope: Scope, name: String, _ members: [EC2Instance]) -> Workload {
        var byZone: [String: (running: Int, stopped: Int)] = [:]
        var assumptions = ["capacity = running instances; stopped instances are cold standby"]
        var unplaced: [String] = []
        for i in members {
            guard let z = zone(scope, i.ref) else { unplaced.append(i.id); continue }
            if ["running", "pending"].contains(i.state) { byZone[z, default: (0, 0)].running += 1 } else { byZone[z, default: (0, 0)].stopped += 1 }
        }
        var placements: [Placement] = []
        for (z, counts) in byZone.sorted(by: { $0.key < $1.key }) {
            if counts.running > 0 || counts.stopped == 0 {
                placements.append(Placement(region: scope.region, zoneId: z, units: counts.running, state: .active))
            }
            if counts.stopped > 0 { placements.append(Placement(region: scope.region, zoneId: z, units: counts.stopped, state: .stopped)) }
        }
        let tags = mergedTags([:], members.map(\.tags))
        let app = WorkloadDerivation.application(of: tags)
        if kind == .instanceGroup {
            let key = WorkloadDerivation.applicationTagKeys.first { tags[$0] == name } ?? "app"
            assumptions.insert("instances not in an Auto Scaling group, grouped by the tag \(key)=\(name)", at: 0)
        }
        var w = Workload(
            id: id(kind, scope, kind == .instance ? members[0].id : name), kind: kind, name: name, account: scope.account,
            region: scope.region, resources: members.map(\.ref), tags: tags, placements: placements, defaultRequired: 1,
            defaultRequiredReason: "one healthy instance", assumptions: assumptions, application: app ?? name)
        if !unplaced.isEmpty { w.unknownForZones.append("the zone of \(unplaced.joined(separator: ", "))") }
        return w
    }

    func unknownWorkload(_ kind: WorkloadKind, _ scope: Scope, _ what: String, _ reason: String) -> Workload {
        var w = Workload(
            id: id(kind, scope, "?\(what)"), kind: kind, name: "\(what) in \(scope.region) (unreadable)", account: scope.account,
            region: scope.region, resources: [], tags: [:], placements: [], defaultRequired: 1,
            defaultRequiredReason: "unknown", application: "?")
        w.unknownForZones = [reason]
        w.unknownForRegion = [reason]
        return w
    }

    func mergedTags(_ primary: Tags, _ others: [Tags]) -> Tags {
        var tags: Tags = [:]
        for t in others { tags.merge(t) { a, _ in a } }
        tags.merge(primary) { _, b in b }
        return tags
    }

    // MARK: - Databases

    mutating func deriveDatabases(_ region: RegionInventory, account: AccountInventory) {
        let scope = region.scope
        if case .unknown(let reason) = region.rds.instances {
            out.append(unknownWorkload(.rdsInstance, scope, "db-instances", reason))
            return
        }
        let instances = region.rds.instances.value ?? []
        let allRegions = account.regions
        // Replicas of an instance, wherever they are: the replica names its source by id (same Region) or ARN.
        var bySource: [String: [DBInstance]] = [:]
        for r in allRegions {
            for replica in r.rds.instances.value ?? [] {
                guard let source = replica.readReplicaSource else { continue }
                // A same-Region source is named by id, a cross-Region one by ARN.
                let key = source.hasPrefix("arn:") ? source : "\(r.scope.region)|\(source)"
                bySource[key, default: []].append(replica)
            }
        }
        func replicas(of db: DBInstance) -> [DBInstance] {
            (bySource[db.ref.arn] ?? []) + (bySource["\(scope.region)|\(db.id)"] ?? [])
        }
        // A replica whose source is not in the inventory is a workload of its own.
        let arns = Set(allRegions.flatMap { ($0.rds.instances.value ?? []).map(\.ref.arn) })
        let ids = Set(instances.map(\.id))
        func orphan(_ db: DBInstance) -> Bool {
            guard let source = db.readReplicaSource else { return false }
            return source.hasPrefix("arn:") ? !arns.contains(source) : !ids.contains(source)
        }
        for db in instances where db.clusterIdentifier == nil && (db.readReplicaSource == nil || orphan(db)) {
            let primaryZone = zone(scope, db.ref)
            let running = db.status.map { !["stopped", "stopping", "deleting", "failed", "inaccessible-encryption-credentials"].contains($0) } ?? true
            var placements = [Placement(region: scope.region, zoneId: primaryZone, units: 1, state: running ? .active : .stopped)]
            var assumptions: [String] = []
            if let source = db.readReplicaSource { assumptions.append("a read replica of \(source), which is not in the inventory") }

            if db.multiAZ {
                if let secondary = db.secondaryAvailabilityZone {
                    placements.append(Placement(region: scope.region, zoneId: topology.zoneId(scope, name: secondary), units: 1, state: .standby))
                } else {
                    placements.append(Placement(region: scope.region, zoneId: nil, units: 1, state: .standby))
                    assumptions.append("the Multi-AZ standby's zone is not reported; AWS keeps it in a zone other than the primary's")
                }
                assumptions.append("Multi-AZ failover to the standby is automatic (typically one to two minutes)")
            }
            var refs = [db.ref]
            for replica in replicas(of: db) {
                let replicaScope = Scope(partition: scope.partition, account: scope.account, region: replica.ref.region)
                placements.append(Placement(region: replica.ref.region, zoneId: zone(replicaScope, replica.ref), units: 1, state: .replica))
                refs.append(replica.ref)
                assumptions.append("read replica \(replica.id) in \(replica.ref.region) takes over only when promoted by hand")
            }
            for backupRegion in account.backupCopyRegions(of: db) {
                placements.append(Placement(region: backupRegion, zoneId: nil, units: 0, state: .backup))
                assumptions.append("automated backups are replicated to \(backupRegion): a new instance must be restored there before it serves")
            }
            var w = Workload(
                id: id(.rdsInstance, scope, db.id), kind: .rdsInstance, name: db.id, account: scope.account, region: scope.region,
                resources: refs, tags: db.tags, placements: placements, defaultRequired: 1,
                defaultRequiredReason: "one available database instance", assumptions: assumptions,
                application: WorkloadDerivation.application(of: db.tags) ?? db.id)
            w.hasBackups = db.backupRetentionPeriod > 0
            if primaryZone == nil { w.unknownForZones.append("the zone of \(db.id) (\(db.ref.availabilityZone ?? "not reported"))") }
            out.append(w)
        }
        if case .unknown(let reason) = region.rds.clusters {
            out.append(unknownWorkload(.dbCluster, scope, "db-clusters", reason))
            return
        }
        let byId = Dictionary(instances.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let clustersByArn = Dictionary(
            allRegions.flatMap { $0.rds.clusters.value ?? [] }.map { ($0.ref.arn, $0) }, uniquingKeysWith: { a, _ in a })
        for cluster in region.rds.clusters.value ?? [] {
            let peers = account.globalDatabasePeers(of: cluster)
            // A secondary cluster of a global database is counted with its writer's workload when the writer is scanned.
            if let members = peers.value, members.contains(where: { $0.isWriter && clustersByArn[$0.clusterArn] != nil }) { continue }
            var placements: [Placement] = []
            var unplaced: [String] = []
            var refs = [cluster.ref]
            var assumptions = ["capacity = cluster members (writer and readers); a reader is promoted automatically when the writer fails"]
            for peer in peers.value ?? [] where peer.isWriter && peer.region != scope.region {
                assumptions.append("a secondary cluster of an Aurora global database whose writer \(peer.clusterArn) is not in the inventory")
            }
            for peer in peers.value ?? [] where !peer.isWriter && peer.region != scope.region && !peer.region.isEmpty {
                let secondary = clustersByArn[peer.clusterArn]
                if let secondary { refs.append(secondary.ref) }
                placements.append(Placement(region: peer.region, zoneId: nil, units: max(secondary?.members.count ?? 1, 1), state: .replica))
                let name = secondary?.id ?? peer.clusterArn
                assumptions.append("Aurora global database: secondary cluster \(name) in \(peer.region) is read-only until a failover promotes it")
            }
            for member in cluster.members {
                guard let db = byId[member.instanceId] else {
                    assumptions.append("member \(member.instanceId) not in describe-db-instances; not counted")
                    continue
                }
                refs.append(db.ref)
                let running = db.status.map { !["stopped", "stopping", "deleting", "failed"].contains($0) } ?? true
                guard let z = zone(scope, db.ref) else { unplaced.append(db.id); continue }
                placements.append(Placement(region: scope.region, zoneId: z, units: 1, state: running ? .active : .stopped))
            }
            if cluster.members.count == 1 {
                assumptions.append("a cluster without a reader survives a zone failure only once Aurora recreates the writer (its storage spans three zones)")
            }
            var w = Workload(
                id: id(.dbCluster, scope, cluster.id), kind: .dbCluster, name: cluster.id, account: scope.account, region: scope.region,
                resources: refs, tags: cluster.tags, placements: placements, defaultRequired: 1,
                defaultRequiredReason: "one writer", assumptions: assumptions,
                application: WorkloadDerivation.application(of: cluster.tags) ?? cluster.id)
            w.hasBackups = cluster.backupRetentionPeriod > 0
            if !unplaced.isEmpty { w.unknownForZones.append("the zone of member(s) \(unplaced.joined(separator: ", "))") }
            if let reason = peers.unknownReason { w.unknownForRegion.append("Aurora global database: \(reason)") }
            out.append(w)
        }
    }

    /// SQS queues, SNS topics and Kinesis streams: Regional services that AWS spreads over the
    /// Region's zones, so they survive a zone's loss but not the Region's (no cross-Region copy).
    mutating func deriveMessaging(_ region: RegionInventory) {
        func regional<R: Resource>(_ kind: WorkloadKind, _ known: Known<[R]>, _ what: String, name: (R) -> String, assumption: String) {
            if case .unknown(let reason) = known {
                out.append(unknownWorkload(kind, region.scope, what, reason))
                return
            }
            for resource in known.value ?? [] {
                let scope = region.scope
                out.append(Workload(
                    id: id(kind, scope, name(resource)), kind: kind, name: name(resource), account: scope.account, region: scope.region,
                    resources: [resource.ref], tags: resource.tags,
                    placements: [Placement(region: scope.region, zoneId: nil, units: 1, state: .active)], defaultRequired: 1,
                    defaultRequiredReason: "the Regional endpoint", assumptions: [assumption],
                    application: WorkloadDerivation.application(of: resource.tags) ?? name(resource)))
            }
        }
        regional(.sqsQueue, region.sqs.queues, "queues", name: \.name,
                 assumption: "SQS stores every message redundantly across the Availability Zones of its Region")
        regional(.snsTopic, region.sns.topics, "topics", name: \.name,
                 assumption: "SNS stores and delivers messages from several Availability Zones of its Region")
        regional(.kinesisStream, region.kinesis.streams, "streams", name: \.name,
                 assumption: "Kinesis Data Streams replicates records synchronously across three Availability Zones of its Region")
    }

    mutating func deriveDynamoDB(_ region: RegionInventory, account: AccountInventory) {
        let scope = region.scope
        if case .unknown(let reason) = region.dynamodb.tables {
            out.append(unknownWorkload(.dynamoDBTable, scope, "tables", reason))
            return
        }
        for table in region.dynamodb.tables.value ?? [] {
            let replicas = table.description.value?.replicaRegions.filter { $0 != scope.region } ?? []
            // A global table is listed in each of its Regions: keep the first.
            if !replicas.isEmpty, out.contains(where: {
                $0.kind == .dynamoDBTable && $0.name == table.name && $0.account == scope.account && replicas.contains($0.region)
            }) { continue }
            var placements = [Placement(region: scope.region, zoneId: nil, units: 1, state: .active)]
            for r in replicas { placements.append(Placement(region: r, zoneId: nil, units: 1, state: .active)) }
            var w = Workload(
                id: id(.dynamoDBTable, scope, table.name), kind: .dynamoDBTable, name: table.name, account: scope.account,
                region: scope.region, resources: [table.ref], tags: table.tags, placements: placements, defaultRequired: 1,
                defaultRequiredReason: "one readable and writable replica",
                assumptions: ["DynamoDB replicates every table across three zones of its Region"]
                    + (replicas.isEmpty ? [] : ["global table replicas in \(replicas.joined(separator: ", ")) accept reads and writes"]),
                application: WorkloadDerivation.application(of: table.tags) ?? table.name)
            if let reason = table.description.unknownReason { w.unknownForRegion.append("global table replicas: \(reason)") }
            w.hasBackups = table.pointInTimeRecovery.value
            out.append(w)
        }
    }

    mutating func deriveAnalytics(_ region: RegionInventory) {
        let scope = region.scope
        if case .unknown(let reason) = region.emr.clusters {
            out.append(unknownWorkload(.emrCluster, scope, "emr-clusters", reason))
        }
        for cluster in region.emr.clusters.value ?? [] where cluster.isActive {
            var w = Workload(
                id: id(.emrCluster, scope, cluster.id), kind: .emrCluster, name: cluster.name.isEmpty ? cluster.id : cluster.name,
                account: scope.account, region: scope.region, resources: [cluster.ref], tags: cluster.tags,
                placements: [Placement(region: scope.region, zoneId: zone(scope, cluster.ref), units: 1, state: .active)],
                defaultRequired: 1, defaultRequiredReason: "the cluster",
                assumptions: ["an EMR cluster runs in one zone by design; recovery means launching a new cluster in another zone"],
                application: WorkloadDerivation.application(of: cluster.tags) ?? cluster.name)
            if let reason = cluster.details.unknownReason { w.unknownForZones.append("the cluster's zone: \(reason)") }
            else if zone(scope, cluster.ref) == nil {
                w.unknownForZones.append("the cluster's zone \(cluster.details.value?.availabilityZone ?? "(not reported)") is not a zone of \(scope.region)")
            }
            out.append(w)
        }
        if case .unknown(let reason) = region.redshift.clusters {
            out.append(unknownWorkload(.redshiftCluster, scope, "redshift-clusters", reason))
        }
        for cluster in region.redshift.clusters.value ?? [] {
            let multiAZ = cluster.multiAZ?.lowercased() == "enabled"
            var placements = [Placement(region: scope.region, zoneId: zone(scope, cluster.ref), units: 1, state: .active)]
            var assumptions: [String] = []
            if multiAZ {
                placements.append(Placement(region: scope.region, zoneId: nil, units: 1, state: .standby))
                assumptions.append("Multi-AZ Redshift keeps compute in a second zone and fails over by itself")
            } else {
                assumptions.append("a single-AZ cluster is down with its zone; relocation (RA3) is not counted on")
            }
            var w = Workload(
                id: id(.redshiftCluster, scope, cluster.id), kind: .redshiftCluster, name: cluster.id, account: scope.account,
                region: scope.region, resources: [cluster.ref], tags: cluster.tags, placements: placements, defaultRequired: 1,
                defaultRequiredReason: "the cluster", assumptions: assumptions,
                application: WorkloadDerivation.application(of: cluster.tags) ?? cluster.id)
            w.hasBackups = cluster.automatedSnapshotRetentionPeriod > 0
            if zone(scope, cluster.ref) == nil { w.unknownForZones.append("the cluster's zone (\(cluster.ref.availabilityZone ?? "not reported"))") }
            out.append(w)
        }
    }

    mutating func deriveWorkSpaces(_ region: RegionInventory) {
        let scope = region.scope
        if case .unknown(let reason) = region.workspaces.directories {
            out.append(unknownWorkload(.workspacesDirectory, scope, "workspaces-directories", reason))
        }
        for directory in region.workspaces.directories.value ?? [] {
            var byZone: [String: Int] = [:]
            for subnet in directory.subnetIds { if let z = topology.zoneId(scope, subnet: subnet) { byZone[z] = 0 } }
            var w = Workload(
                id: id(.workspacesDirectory, scope, directory.id), kind: .workspacesDirectory,
                name: directory.alias ?? directory.id, account: scope.account, region: scope.region, resources: [directory.ref],
                tags: directory.tags, placements: [], defaultRequired: 1, defaultRequiredReason: "every WorkSpace (set below)",
                assumptions: ["each WorkSpace is one person's desktop in one zone; it does not move when its zone fails"],
                application: directory.alias ?? directory.id)
            switch region.workspaces.workspaces {
            case .known(let all):
                var unplaced: [String] = []
                let mine = all.filter { $0.directoryId == directory.id && !["TERMINATED", "TERMINATING", "ERROR"].contains($0.state ?? "") }
                for ws in mine {
                    w.resources.append(ws.ref)
                    if let subnet = ws.subnetId, let z = topology.zoneId(scope, subnet: subnet) { byZone[z, default: 0] += 1 } else {
                        unplaced.append(ws.id)
                    }
                }
                if !unplaced.isEmpty {
                    w.unknownForZones.append("the zone of \(unplaced.count) WorkSpace(s) (\(unplaced.prefix(3).joined(separator: ", "))\(unplaced.count > 3 ? ", ..." : "")): describe-workspaces gave no SubnetId in the inventory's subnets")
                }
                w.defaultRequired = max(mine.count, 1)
                w.defaultRequiredReason = "every WorkSpace (\(mine.count)): each is one person's desktop"
            case .unknown(let reason):
                w.unknownForZones.append("WorkSpaces: \(reason)")
            }
            w.placements = byZone.sorted { $0.key < $1.key }.map { Placement(region: scope.region, zoneId: $0.key, units: $0.value, state: .active) }
            out.append(w)
        }
    }

    /// Lambda functions (Regional outside a VPC; in a VPC, one unit per zone of their subnets,
    /// as Lambda runs them only there) and Step Functions state machines (Regional).
    mutating func deriveServerless(_ region: RegionInventory) {
        let scope = region.scope
        if case .unknown(let reason) = region.lambda.functions {
            out.append(unknownWorkload(.lambdaFunction, scope, "lambda-functions", reason))
        }
        for f in region.lambda.functions.value ?? [] {
            var w = Workload(
                id: id(.lambdaFunction, scope, f.name), kind: .lambdaFunction, name: f.name, account: scope.account, region: scope.region,
                resources: [f.ref], tags: f.tags, placements: [], defaultRequired: 1, defaultRequiredReason: "one zone able to run the function",
                application: WorkloadDerivation.application(of: f.tags) ?? f.name)
            if f.inVPC {
                var zones = Set<String>()
                for subnet in f.vpcConfig.subnetIds {
                    if let z = topology.zoneId(scope, subnet: subnet) { zones.insert(z) } else {
                        w.unknownForZones.append("the zone of subnet \(subnet) of function \(f.name): not among the inventory's subnets")
                    }
                }
                w.placements = zones.sorted().map { Placement(region: scope.region, zoneId: $0, units: 1, state: .active) }
                w.assumptions = ["a VPC function runs only in the zones of its subnets; any one of them can serve"]
            } else {
                w.placements = [Placement(region: scope.region, zoneId: nil, units: 1, state: .active)]
                w.assumptions = ["a function outside a VPC runs in every zone of its Region (Lambda's own multi-AZ placement)"]
            }
            out.append(w)
        }
        if case .unknown(let reason) = region.stepFunctions.stateMachines {
            out.append(unknownWorkload(.stateMachine, scope, "state-machines", reason))
        }
        for m in region.stepFunctions.stateMachines.value ?? [] {
            out.append(Workload(
                id: id(.stateMachine, scope, m.name), kind: .stateMachine, name: m.name, account: scope.account, region: scope.region,
                resources: [m.ref], tags: m.tags, placements: [Placement(region: scope.region, zoneId: nil, units: 1, state: .active)],
                defaultRequired: 1, defaultRequiredReason: "the Regional service",
                assumptions: ["Step Functions is a Regional service that AWS runs across the Region's zones"],
                application: WorkloadDerivation.application(of: m.tags) ?? m.name))
        }
    }

    // MARK: - Account-wide

    mutating func deriveBuckets(_ account: AccountInventory) {
        let scope = account.scope
        guard let buckets = account.s3.buckets.value else {
            if let reason = account.s3.buckets.unknownReason { out.append(unknownWorkload(.s3Bucket, scope, "buckets", reason)) }
            return
        }
        let regionOf = Dictionary(buckets.map { ($0.name, $0.ref.region) }, uniquingKeysWith: { a, _ in a })
        for bucket in buckets {
            let region = bucket.ref.region
            let bucketScope = Scope(partition: scope.partition, account: scope.account, region: region)
            var placements = [Placement(region: region, zoneId: nil, units: 1, state: .active)]
            var assumptions = ["S3 stores objects across at least three zones of the bucket's Region"]
            var w = Workload(
                id: id(.s3Bucket, bucketScope, bucket.name), kind: .s3Bucket, name: bucket.name, account: scope.account,
                region: region, resources: [bucket.ref], tags: bucket.tags, placements: [], defaultRequired: 1,
                defaultRequiredReason: "one readable copy of the data", assumptions: [],
                application: WorkloadDerivation.application(of: bucket.tags) ?? bucket.name)
            switch bucket.replication {
            case .known(let rules):
                for rule in rules ?? [] where rule.status == "Enabled" {
                    let dest = rule.destinationBucket.split(separator: ":").last.map(String.init) ?? rule.destinationBucket
                    if let destRegion = regionOf[dest] {
                        if destRegion != region {
                            placements.append(Placement(region: destRegion, zoneId: nil, units: 1, state: .copy))
                            assumptions.append("replication rule copies objects to \(dest) in \(destRegion) (asynchronously: recent writes may be missing)")
                        } else {
                            assumptions.append("replication to \(dest) stays in \(region): no copy outside the Region")
                        }
                    } else {
                        w.unknownForRegion.append("Region of replication destination \(dest) (not in the inventory)")
                    }
                }
            case .unknown(let reason):
                w.unknownForRegion.append("replication: \(reason)")
            }
            if region == "global" { w.unknownForRegion.append("the bucket's Region (get-bucket-location was not read)") }
            if let versioning = bucket.versioning.value { w.hasBackups = versioning.status == "Enabled" }
            w.placements = placements
            w.assumptions = assumptions
            out.append(w)
        }
    }

    mutating func deriveDNS(_ account: AccountInventory) {
        let scope = account.scope
        guard let zones = account.route53.hostedZones.value else {
            if let reason = account.route53.hostedZones.unknownReason { out.append(unknownWorkload(.dnsRecord, scope, "hosted-zones", reason)) }
            return
        }
        let regionNames = Set(inventory.regions.map(\.scope.region))
        var lbRegion: [String: String] = [:]
        var ipRegion: [String: String] = [:]
        for region in account.regions {
            for lb in region.elbv2.loadBalancers.value ?? [] { if let dns = lb.dnsName { lbRegion[Self.normalized(dns)] = region.scope.region } }
            for i in region.ec2.instances.value ?? [] { if let ip = i.publicIpAddress { ipRegion[ip] = region.scope.region } }
        }
        for zone in zones where !zone.isPrivate {
            guard let records = zone.recordSets.value else {
                out.append(unknownWorkload(.dnsRecord, scope, zone.name, zone.recordSets.unknownReason ?? "records not read"))
                continue
            }
            let routed = Dictionary(grouping: records.filter { $0.setIdentifier != nil }) { "\($0.name) \($0.type)" }
            for (key, set) in routed.sorted(by: { $0.key < $1.key }) {
                var placements: [Placement] = []
                var assumptions: [String] = []
                var automatic = true
                var unknown: [String] = []
                for record in set {
                    let names = [record.aliasTargetDNSName].compactMap { $0 } + record.values
                    let known = names.compactMap { lbRegion[Self.normalized($0)] ?? ipRegion[$0] }.first
                    let named = names.compactMap { dns in regionNames.first { dns.contains(".\($0).") } }.first
                    let target = record.region ?? known ?? named
                    let checked = record.healthCheckId != nil || record.aliasEvaluatesTargetHealth == true
                    if !checked { automatic = false }
                    let label = record.setIdentifier ?? "?"
                    guard let target else {
                        unknown.append("the Region record \(label) routes to (\(names.joined(separator: ", ")) is no load balancer, instance or regional endpoint in the inventory)")
                        continue
                    }
                    let standby = record.failover == "SECONDARY"
                    placements.append(Placement(region: target, zoneId: nil, units: 1, state: standby ? .standby : .active))
                    assumptions.append("record \(label) routes to \(target)\(record.failover.map { " (\($0))" } ?? "")\(checked ? ", health-checked" : ", no health check")")
                }
                let name = key.replacingOccurrences(of: ". ", with: " ")
                var w = Workload(
                    id: id(.dnsRecord, scope, name), kind: .dnsRecord, name: name, account: scope.account,
                    region: placements.first(where: { $0.state == .active })?.region ?? "global",
                    resources: [zone.ref], tags: [:], placements: placements, defaultRequired: 1,
                    defaultRequiredReason: "one healthy Region answering", assumptions: assumptions, application: name)
                w.failsOverAutomatically = automatic
                w.unknownForRegion = unknown
                out.append(w)
            }
        }
    }

    static func normalized(_ dns: String) -> String {
        var d = dns.lowercased()
        if d.hasSuffix(".") { d.removeLast() }
        if d.hasPrefix("dualstack.") { d.removeFirst("dualstack.".count) }
        return d
    }

    // MARK: - ElastiCache, OpenSearch, EFS

    mutating func deriveDataServices(_ region: RegionInventory) {
        let scope = region.scope
        if case .unknown(let reason) = region.elastiCache.replicationGroups {
            out.append(unknownWorkload(.elastiCacheReplicationGroup, scope, "elasticache-replication-groups", reason))
        }
        for group in region.elastiCache.replicationGroups.value ?? [] {
            out.append(cacheWorkload(group, scope))
        }
        if case .unknown(let reason) = region.openSearch.domains {
            out.append(unknownWorkload(.openSearchDomain, scope, "opensearch-domains", reason))
        }
        for domain in region.openSearch.domains.value ?? [] {
            out.append(searchWorkload(domain, scope))
        }
        if case .unknown(let reason) = region.efs.fileSystems {
            out.append(unknownWorkload(.efsFileSystem, scope, "efs-file-systems", reason))
        }
        for fs in region.efs.fileSystems.value ?? [] {
            var placements: [Placement]
            var assumptions: [String]
            var unknown: [String] = []
            if let zoneName = fs.oneZone {
                let zoneId = fs.ref.availabilityZoneId ?? topology.zoneId(scope, name: zoneName)
                if zoneId == nil { unknown.append("the zone of One Zone file system \(fs.id) (\(zoneName))") }
                placements = [Placement(region: scope.region, zoneId: zoneId, units: 1, state: .active)]
                assumptions = ["a One Zone file system stores its data in one zone and is unavailable when that zone is lost"]
            } else {
                placements = [Placement(region: scope.region, zoneId: nil, units: 1, state: .active)]
                assumptions = ["a Regional file system stores its data across the Region's zones; clients reach it through a mount target in their own zone"]
            }
            var w = Workload(
                id: id(.efsFileSystem, scope, fs.id), kind: .efsFileSystem, name: fs.ref.name, account: scope.account, region: scope.region,
                resources: [fs.ref], tags: fs.tags, placements: placements, defaultRequired: 1,
                defaultRequiredReason: "the file system", assumptions: assumptions,
                application: WorkloadDerivation.application(of: fs.tags) ?? fs.ref.name)
            w.hasBackups = fs.automaticBackups.value
            w.unknownForZones = unknown
            out.append(w)
        }
    }

    /// A replication group: each shard's primary serves in its node's zone; with automatic failover a
    /// replica in another zone is a standby that takes over by itself, without it a replica someone must promote.
    func cacheWorkload(_ group: ElastiCacheReplicationGroup, _ scope: Scope) -> Workload {
        var placements: [Placement] = []
        var unplaced: [String] = []
        let failover = group.automaticFailover == "enabled"
        var assumptions = ["capacity = one primary node per shard (\(group.nodeGroups.count) shard\(group.nodeGroups.count == 1 ? "" : "s"))"]
        assumptions.append(failover
            ? "automatic failover promotes a replica in another zone by itself"
            : "automatic failover is off: a replica serves writes only once promoted by hand")
        for shard in group.nodeGroups {
            let primary = shard.first { $0.role == "primary" } ?? shard.first
            guard let primary else { continue }
            func zoneId(_ m: ElastiCacheNodeGroupMember) -> String? {
                guard let name = m.availabilityZone else { unplaced.append(m.cacheClusterId ?? "a node"); return nil }
                guard let z = topology.zoneId(scope, name: name) else { unplaced.append("\(m.cacheClusterId ?? "a node") in \(name)"); return nil }
                return z
            }
            let primaryZone = zoneId(primary)
            placements.append(Placement(region: scope.region, zoneId: primaryZone, units: 1, state: .active))
            let replicas = shard.filter { $0 != primary }
            if let replica = replicas.first(where: { $0.availabilityZone != primary.availabilityZone }) ?? replicas.first {
                placements.append(Placement(region: scope.region, zoneId: zoneId(replica), units: 1, state: failover ? .standby : .replica))
            }
        }
        var w = Workload(
            id: id(.elastiCacheReplicationGroup, scope, group.id), kind: .elastiCacheReplicationGroup, name: group.id,
            account: scope.account, region: scope.region, resources: [group.ref], tags: group.tags, placements: placements,
            defaultRequired: max(group.nodeGroups.count, 1), defaultRequiredReason: "a primary for every shard", assumptions: assumptions,
            application: group.id)
        w.hasBackups = group.snapshotRetentionLimit.map { $0 > 0 }
        if group.nodeGroups.isEmpty { w.unknownForZones.append("describe-replication-groups gave no NodeGroups for \(group.id)") }
        if !unplaced.isEmpty { w.unknownForZones.append("the zone of \(unplaced.joined(separator: ", "))") }
        return w
    }

    /// A domain: its data nodes spread evenly over its zones (zone awareness), or all in one zone.
    func searchWorkload(_ domain: OpenSearchDomain, _ scope: Scope) -> Workload {
        var w = Workload(
            id: id(.openSearchDomain, scope, domain.name), kind: .openSearchDomain, name: domain.name, account: scope.account,
            region: scope.region, resources: [domain.ref], tags: domain.tags, placements: [], defaultRequired: 1,
            defaultRequiredReason: "one data node holding a copy of every shard",
            assumptions: ["indices keep at least one replica, so the domain serves while a zone's data nodes survive"],
            application: domain.name)
        guard let status = domain.status.value else {
            w.unknownForZones = ["the domain's cluster: \(domain.status.unknownReason ?? "not read")"]
            return w
        }
        guard let count = status.instanceCount else {
            w.unknownForZones = ["describe-domain gave no InstanceCount for \(domain.name)"]
            return w
        }
        let zoneIds = status.vpcZones.compactMap { topology.zoneId(scope, name: $0) }
        let zoned = status.zoneAwarenessEnabled == true
        if zoneIds.isEmpty || zoneIds.count != status.vpcZones.count {
            if zoned {
                // A public domain does not report its zones: AWS spreads the nodes over AvailabilityZoneCount zones.
                let zones = status.availabilityZoneCount ?? 2
                w.placements = [Placement(region: scope.region, zoneId: nil, units: count, state: .active)]
                w.assumptions.append("zone awareness spreads \(count) data nodes over \(zones) zones the domain does not name; losing one zone leaves the others serving")
            } else {
                w.unknownForZones = ["the zone of \(domain.name)'s data nodes (not reported for a domain without zone awareness outside a VPC)"]
            }
            return w
        }
        let used = zoned ? zoneIds : [zoneIds[0]]
        for (i, z) in used.enumerated() {
            let units = count / used.count + (i < count % used.count ? 1 : 0)
            w.placements.append(Placement(region: scope.region, zoneId: z, units: units, state: .active))
        }
        w.assumptions.append(zoned ? "zone awareness spreads the \(count) data nodes evenly over \(used.count) zones"
                                   : "without zone awareness every data node is in one zone")
        return w
    }
}
