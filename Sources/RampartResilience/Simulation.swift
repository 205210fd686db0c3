public import RampartInventory
import Foundation

/// A failure to simulate: one Availability Zone (by zone ID) or one whole Region.
public enum Failure: Sendable, Hashable, CustomStringConvertible {
    case zone(String)
    case region(String)

    /// `az:use1-az1` or `region:eu-west-1`, as `--fail` takes it and the JSON prints it.
    public var description: String {
        switch self {
        case .zone(let id): "az:\(id)"
        case .region(let name): "region:\(name)"
        }
    }

    /// Reads `az:<zone-id>` or `region:<name>`; nil for anything else.
    public init?(parsing text: String) {
        if text.hasPrefix("az:"), text.count > 3 { self = .zone(String(text.dropFirst(3))) }
        else if text.hasPrefix("region:"), text.count > 7 { self = .region(String(text.dropFirst(7))) }
        else { return nil }
    }
}

/// What a failure leaves of a workload.
public enum Verdict: String, Sendable {
    /// At least the required capacity keeps serving without anyone acting.
    case ok
    /// Some capacity survives, but less than required, or only after someone acts.
    case degraded
    /// Nothing serves.
    case down
    /// Evidence the answer depends on could not be read.
    case unknown
}

/// The disaster recovery strategies of AWS's whitepaper "Disaster Recovery of Workloads on AWS".
public enum DRStrategy: String, Sendable, CaseIterable {
    case backupAndRestore = "backup-and-restore"
    case pilotLight = "pilot-light"
    case warmStandby = "warm-standby"
    case multiSiteActiveActive = "multi-site-active-active"

    /// The recovery time the strategy implies, as the whitepaper gives it.
    public var impliedRecoveryTime: String {
        switch self {
        case .backupAndRestore: "hours"
        case .pilotLight: "tens of minutes"
        case .warmStandby: "minutes"
        case .multiSiteActiveActive: "near zero"
        }
    }

    /// A lower bound of that recovery time in seconds, to compare with a policy's RTO.
    var typicalRecoverySeconds: Int {
        switch self {
        case .backupAndRestore: 3600
        case .pilotLight: 600
        case .warmStandby: 60
        case .multiSiteActiveActive: 0
        }
    }
}

/// A workload's DR strategy and why it was classed so.
public struct DRClass: Sendable {
    public var strategy: DRStrategy
    public var reason: String
}

/// One workload under one failure.
public struct WorkloadResult: Sendable {
    public var workload: Workload
    public var capacityBefore: Int
    public var capacityAfter: Int
    public var capacityRequired: Int
    public var verdict: Verdict
    public var reason: String
    public var assumptions: [String]
    /// Survives losing its largest zone without scaling (N+1); nil when evidence is missing.
    public var staticallyStable: Bool?
    public var drClass: DRClass
}

/// One failure and what it leaves of every workload it touches.
public struct Scenario: Sendable {
    public var failure: Failure
    public var results: [WorkloadResult]
}

/// Simulates losing zones and Regions against the workloads of one inventory.
public struct Simulation: Sendable {
    public let topology: Topology
    public let workloads: [Workload]
    public let policy: ResiliencyPolicy
    /// Each workload's DR strategy, by id: it depends on the other workloads, not on the failure.
    private var drClasses: [String: DRClass] = [:]
    /// Each workload's N+1 answer, by id: it does not depend on the failure either.
    private var stability: [String: Bool?] = [:]

    public init(inventory: Inventory, policy: ResiliencyPolicy = ResiliencyPolicy()) {
        let topology = Topology(inventory)
        self.init(workloads: WorkloadDerivation.workloads(in: inventory, topology: topology), topology: topology, policy: policy)
    }

    public init(workloads: [Workload], topology: Topology, policy: ResiliencyPolicy = ResiliencyPolicy()) {
        self.topology = topology
        self.workloads = workloads
        self.policy = policy
        let byApplication = Dictionary(grouping: workloads.indices) { workloads[$0].application }
        let routedRegions = Set(workloads.filter { $0.kind == .dnsRecord }.flatMap { $0.placements.map(\.region) })
        for w in workloads {
            let peers = (byApplication[w.application] ?? []).map { workloads[$0] }.filter {
                $0.region != w.region && $0.kind == w.kind && $0.id != w.id
            }
            drClasses[w.id] = Self.classify(w, peers: peers, routedRegions: routedRegions)
        }
        for w in workloads { stability[w.id] = staticallyStable(w) }
    }

    /// `--sweep`: every zone that holds active capacity, then every Region that does.
    public var sweepFailures: [Failure] {
        let zones = Set(workloads.flatMap { $0.activeByZone.filter { $0.value > 0 }.keys })
        let regions = Set(workloads.flatMap { w in w.placements.filter { $0.state == .active && $0.units > 0 }.map(\.region) })
        let zoneOrder = zones.sorted { (topology.region(ofZone: $0) ?? "", $0) < (topology.region(ofZone: $1) ?? "", $1) }
        return zoneOrder.map(Failure.zone) + regions.filter { $0 != "global" }.sorted().map(Failure.region)
    }

    public func run(_ failure: Failure) -> Scenario {
        Scenario(failure: failure, results: workloads.filter { touches($0, failure) }.map { result($0, failure) })
    }

    /// Whether a failure concerns a workload: it has capacity in the failed place, or serves from its Region.
    func touches(_ w: Workload, _ failure: Failure) -> Bool {
        switch failure {
        case .zone(let z):
            let region = topology.region(ofZone: z) ?? regionOfZone(z)
            return w.zoneIds.contains(z) || w.region == region || w.placements.contains { $0.region == region }
        case .region(let r):
            return w.region == r || w.placements.contains { $0.region == r } || (w.region == "global" && !w.unknownForRegion.isEmpty)
        }
    }

    /// The Region of a zone missing from the topology, from the workloads placed in it.
    private func regionOfZone(_ z: String) -> String? {
        workloads.lazy.flatMap(\.placements).first { $0.zoneId == z }?.region
    }

    private func lost(_ p: Placement, _ failure: Failure) -> Bool {
        switch failure {
        case .zone(let z): p.zoneId == z
        case .region(let r): p.region == r
        }
    }

    /// Required capacity and where it came from: the policy, else the `rampart:min-capacity` tag, else the default.
    public func required(_ w: Workload) -> (Int, String) {
        let before = w.activeCapacity
        if let rule = policy.rule(for: w) {
            if let n = rule.minimumCapacity { return (n, "required \(n): minimumCapacity in \(rule.location)") }
            if let f = rule.capacityFraction {
                let n = Int((Double(before) * f).rounded(.up))
                return (n, "required \(n): capacityFraction \(f) of \(before) in \(rule.location)")
            }
        }
        if let tag = w.tags["rampart:min-capacity"] {
            if let n = Int(tag.trimmingCharacters(in: .whitespaces)), n >= 0 {
                return (n, "required \(n): tag rampart:min-capacity")
            }
            return (w.defaultRequired, "required \(w.defaultRequired): \(w.defaultRequiredReason) (tag rampart:min-capacity=\"\(tag)\" is not a whole number; ignored)")
        }
        return (w.defaultRequired, "required \(w.defaultRequired): default, \(w.defaultRequiredReason)")
    }

    public func result(_ w: Workload, _ failure: Failure) -> WorkloadResult {
        var r = core(w, failure)
        r.staticallyStable = stability[w.id] ?? staticallyStable(w)
        return r
    }

    /// The verdict without the N+1 answer (which is itself made of verdicts).
    func core(_ w: Workload, _ failure: Failure) -> WorkloadResult {
        let (req, reqReason) = required(w)
        let before = w.activeCapacity
        var assumptions = [reqReason] + w.assumptions + topology.gaps.filter { $0.hasPrefix("zone IDs of \(w.region) ") }
        let rule = policy.rule(for: w)
        if let rule, !rule.targets.isEmpty {
            let targets = DisruptionType.allCases.compactMap { type in
                rule.targets[type].map { t in
                    "\(type.rawValue) RTO \(t.rtoSeconds.map(RecoveryTarget.format) ?? "-") RPO \(t.rpoSeconds.map(RecoveryTarget.format) ?? "-")"
                }
            }
            assumptions.append("policy targets (\(rule.location)): \(targets.joined(separator: "; "))")
        }
        let dr = drClass(w)
        let unknowns: [String] = {
            switch failure {
            case .zone: w.unknownForZones
            case .region: w.unknownForZones + w.unknownForRegion
            }
        }()
        if !unknowns.isEmpty {
            return WorkloadResult(
                workload: w, capacityBefore: before, capacityAfter: before, capacityRequired: req, verdict: .unknown,
                reason: "cannot tell: \(unknowns.joined(separator: "; "))", assumptions: assumptions,
                staticallyStable: nil, drClass: dr)
        }
        let lostActive = w.placements.filter { $0.state == .active && lost($0, failure) }.reduce(0) { $0 + $1.units }
        let surviving = before - lostActive
        let standby = w.placements.filter { $0.state == .standby && !lost($0, failure) }.reduce(0) { $0 + $1.units }
        let promoted = min(lostActive, standby)
        let automatic = surviving + promoted
        let manualPlaces = w.placements.filter { ($0.state == .replica || $0.state == .copy) && !lost($0, failure) }
        let manual = manualPlaces.reduce(0) { $0 + $1.units }
        let cold = w.placements.filter { $0.state == .stopped && !lost($0, failure) }
        var after = automatic
        var verdict: Verdict
        var reason: String
        let place = failure.description
        if lostActive == 0 && !(before == 0 && req > 0) {
            verdict = automatic >= req ? .ok : (automatic > 0 ? .degraded : .down)
            reason = before == 0 ? "no active capacity" : "no capacity in \(place)"
            if verdict != .ok { reason += "; \(automatic) left of \(req) required even before the failure" }
        } else if automatic >= req && automatic > 0 {
            verdict = .ok
            reason = "loses \(lostActive) of \(before)"
            if promoted > 0 { reason += "; the standby takes over by itself" }
            reason += "; \(automatic) left, \(req) required"
        } else if automatic > 0 {
            verdict = .degraded
            reason = "loses \(lostActive) of \(before); \(automatic) left, \(req) required"
        } else if manual > 0 {
            verdict = .degraded
            after = min(manual, max(req, 1))
            let regions = Set(manualPlaces.map(\.region)).sorted().joined(separator: ", ")
            reason = "loses all \(before); a copy in \(regions) serves once promoted or switched to by hand"
        } else {
            verdict = .down
            reason = before == 0 ? "no active capacity" : "loses all \(before)"
            if !cold.isEmpty { reason += "; cold standby must be started first (\(dr.strategy.rawValue): \(dr.strategy.impliedRecoveryTime))" }
            if w.kind == .dbCluster && w.placements.count == 1 { reason += "; Aurora recreates the writer in another zone (minutes)" }
            let backups = Set(w.placements.filter { $0.state == .backup && !lost($0, failure) }.map(\.region)).sorted()
            if !backups.isEmpty { reason += "; backups copied to \(backups.joined(separator: ", ")) can be restored there (hours)" }
        }
        if let entry = w.entryZones, case .zone(let z) = failure, entry.contains(z) {
            let left = entry.filter { $0 != z }
            if left.isEmpty {
                verdict = .down
                after = 0
                reason += "; its load balancer is enabled only in \(z)"
            } else if w.activeByZone.contains(where: { $0.value > 0 && !entry.contains($0.key) }) {
                assumptions.append("instances in zones where the load balancer is not enabled receive no traffic through it")
            }
        }
        if !w.failsOverAutomatically && lostActive > 0 && verdict == .ok {
            verdict = .degraded
            reason += "; without health checks Route 53 keeps answering with the failed Region's endpoint"
        }
        if case .region = failure, verdict != .ok, let rto = rule?.targets[.region]?.rtoSeconds,
           dr.strategy.typicalRecoverySeconds > rto {
            reason += "; Region RTO target \(RecoveryTarget.format(rto)) is shorter than \(dr.strategy.rawValue) recovery (\(dr.strategy.impliedRecoveryTime))"
        }
        if case .region = failure, lostActive > 0, automatic < req, manual > 0, let rpo = rule?.targets[.region]?.rpoSeconds, rpo == 0 {
            reason += "; cross-Region replication is asynchronous, so the Region RPO target 0s cannot be met"
        }
        return WorkloadResult(
            workload: w, capacityBefore: before, capacityAfter: after, capacityRequired: req, verdict: verdict, reason: reason,
            assumptions: assumptions, staticallyStable: nil, drClass: dr)
    }

    /// N+1: the workload keeps its required capacity, without scaling, whichever one of its zones
    /// fails (so after losing its largest zone, and a load balancer's only zone).
    public func staticallyStable(_ w: Workload) -> Bool? {
        guard w.unknownForZones.isEmpty else { return nil }
        let zones = Set(w.activeByZone.filter { $0.value > 0 }.keys).union(w.entryZones ?? [])
        guard !zones.isEmpty else {
            // Nothing zonal: regional services survive any one zone; nothing active survives nothing.
            return w.activeCapacity >= required(w).0 && w.activeCapacity > 0
        }
        return zones.allSatisfy { core(w, .zone($0)).verdict == .ok }
    }

    /// The workload's DR strategy, from its own placements in other Regions and its application's copies there.
    public func drClass(_ w: Workload) -> DRClass {
        drClasses[w.id] ?? Self.classify(w, peers: [], routedRegions: [])
    }

    static func classify(_ w: Workload, peers: [Workload], routedRegions: Set<String>) -> DRClass {
        let home = w.region
        let elsewhere = w.placements.filter { $0.region != home }
        let ownActive = w.activeCapacity
        if w.kind == .dnsRecord {
            let regions = Set(w.placements.map(\.region))
            if regions.count < 2 {
                let why = w.unknownForRegion.isEmpty ? "its records route to one Region only" : "the Regions its records route to are not known"
                return DRClass(strategy: .backupAndRestore, reason: why)
            }
            if w.placements.contains(where: { $0.state == .standby }) {
                return DRClass(strategy: .warmStandby, reason: "failover records: a secondary Region takes traffic when the primary fails")
            }
            return DRClass(strategy: .multiSiteActiveActive, reason: "records route to \(regions.sorted().joined(separator: ", ")) at once")
        }
        if ownActive == 0 && w.placements.contains(where: { $0.state == .stopped }) {
            return DRClass(strategy: .pilotLight, reason: "this capacity is stopped or scaled to zero: cold standby")
        }
        if elsewhere.contains(where: { $0.state == .active && $0.units > 0 }) {
            let regions = Set(elsewhere.filter { $0.state == .active }.map(\.region)).sorted().joined(separator: ", ")
            return DRClass(strategy: .multiSiteActiveActive, reason: "active in \(regions) too")
        }
        if let peer = peers.first(where: { $0.activeCapacity > 0 }) {
            if routedRegions.contains(peer.region) {
                if peer.activeCapacity >= ownActive {
                    return DRClass(strategy: .multiSiteActiveActive, reason: "\(peer.id) serves the same application in \(peer.region) at full size")
                }
                return DRClass(strategy: .warmStandby, reason: "\(peer.id) runs scaled down in \(peer.region) (\(peer.activeCapacity) of \(ownActive))")
            }
            return DRClass(strategy: .pilotLight, reason: "\(peer.id) runs in \(peer.region), but no DNS record routes to that Region: switching needs a person")
        }
        if let replica = elsewhere.first(where: { $0.state == .replica }) {
            return DRClass(strategy: .warmStandby, reason: "a running replica in \(replica.region) can be promoted")
        }
        if let copy = elsewhere.first(where: { $0.state == .copy || $0.state == .stopped }) {
            return DRClass(strategy: .pilotLight, reason: "data is copied to \(copy.region), but nothing runs there to serve it")
        }
        if let peer = peers.first {
            return DRClass(strategy: .pilotLight, reason: "\(peer.id) in \(peer.region) is stopped or scaled to zero")
        }
        let backupRegions = Set(elsewhere.filter { $0.state == .backup }.map(\.region)).sorted()
        if !backupRegions.isEmpty {
            return DRClass(strategy: .backupAndRestore, reason: "backups are copied to \(backupRegions.joined(separator: ", ")); restore there")
        }
        switch w.hasBackups {
        case true?: return DRClass(strategy: .backupAndRestore, reason: "backups only; no copy outside \(home)")
        case false?: return DRClass(strategy: .backupAndRestore, reason: "no copy outside \(home), and no backup seen")
        case nil: return DRClass(strategy: .backupAndRestore, reason: "no copy outside \(home)")
        }
    }
}
