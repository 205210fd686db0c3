public import RampartInventory

/// The map the failure simulation walks: Region → Availability Zone (by zone ID) → subnet.
/// Zone names (`us-east-1a`) are shuffled per account, so every placement is keyed by zone ID
/// (`use1-az1`), which names the same physical zone in every account.
public struct Topology: Sendable {
    /// One Availability Zone of one Region.
    public struct Zone: Sendable, Hashable {
        public var id: String
        public var name: String
        public var region: String
    }

    /// Every zone seen, in Region then zone-ID order.
    public private(set) var zones: [Zone] = []
    /// What could not be read (a Region's zone list), for the assumptions.
    public private(set) var gaps: [String] = []
    private var idsByName: [String: String] = [:]
    private var zonesBySubnet: [String: String] = [:]
    private var unreadRegions = Set<String>()

    public init(_ inventory: Inventory) {
        var seen = Set<String>()
        for region in inventory.regions {
            let scope = region.scope
            switch region.ec2.availabilityZones {
            case .known(let list):
                for zone in list where !zone.zoneId.isEmpty {
                    idsByName[key(scope, zone.name)] = zone.zoneId
                    if seen.insert(zone.zoneId).inserted {
                        zones.append(Zone(id: zone.zoneId, name: zone.name, region: scope.region))
                    }
                }
            case .unknown(let reason):
                unreadRegions.insert(key(scope, ""))
                gaps.append("zone IDs of \(scope.region) unknown (\(reason)); zones there are named by their account-specific names")
            }
            for subnet in region.ec2.subnets.value ?? [] {
                if let id = subnet.ref.availabilityZoneId ?? subnet.ref.availabilityZone.flatMap({ idsByName[key(scope, $0)] }) {
                    zonesBySubnet[key(scope, subnet.id)] = id
                }
            }
        }
        zones.sort { ($0.region, $0.id) < ($1.region, $1.id) }
    }

    /// The zone ID of the zone `name` in `scope`'s account and Region; the name itself when
    /// the account's zone list could not be read (so a placement is never dropped); nil when the
    /// list was read and the name is not in it (moto places some EMR clusters in another Region's zone).
    public func zoneId(_ scope: Scope, name: String) -> String? {
        if let id = idsByName[key(scope, name)] { return id }
        return unreadRegions.contains(key(scope, "")) ? name : nil
    }

    /// The zone ID of the subnet, when the subnet is in the inventory.
    public func zoneId(_ scope: Scope, subnet: String) -> String? {
        zonesBySubnet[key(scope, subnet)]
    }

    /// The Region a zone ID belongs to, when the zone is known.
    public func region(ofZone id: String) -> String? {
        zones.first { $0.id == id }?.region
    }

    private func key(_ scope: Scope, _ name: String) -> String { "\(scope.account)|\(scope.region)|\(name)" }
}
