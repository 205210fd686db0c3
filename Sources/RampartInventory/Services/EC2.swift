public import RampartJSON
public import struct Foundation.Date

/// One Availability Zone as this account names it, with the zone ID that is the same in every account.
public struct AvailabilityZone: Sendable, Hashable {
    public var name: String
    public var zoneId: String
    public var state: String
    /// `availability-zone`, `local-zone` or `wavelength-zone`.
    public var zoneType: String
}

/// One rule of a security group: a protocol, a port range and the sources (or destinations) it admits.
public struct PermissionRule: Sendable, Hashable {
    /// `tcp`, `udp`, `icmp`, `icmpv6`, `-1` (all traffic) or a protocol number.
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    public var ipv4Ranges: [String]
    public var ipv6Ranges: [String]
    public var prefixListIds: [String]
    public var groupIds: [String]

    /// True when the rule admits every protocol and port.
    public var isAllTraffic: Bool { ipProtocol == "-1" }

    /// True when the rule admits TCP on `port`.
    public func opensTCP(_ port: Int) -> Bool {
        if isAllTraffic { return true }
        guard ipProtocol == "tcp" || ipProtocol == "6" else { return false }
        guard let from = fromPort, let to = toPort else { return true }
        if from == -1 && to == -1 { return true }
        return from <= port && port <= to
    }

    /// True when any source is the whole IPv4 or IPv6 internet.
    public var isOpenToInternet: Bool {
        ipv4Ranges.contains("0.0.0.0/0") || ipv6Ranges.contains("::/0")
    }
}

public struct SecurityGroup: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var name: String
    public var vpcId: String?
    public var ingress: [PermissionRule]
    public var egress: [PermissionRule]
}

public struct EC2Instance: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    /// `pending`, `running`, `stopping`, `stopped`, `shutting-down` or `terminated`.
    public var state: String
    public var instanceType: String
    public var imageId: String?
    public var subnetId: String?
    public var vpcId: String?
    public var publicIpAddress: String?
    public var privateIpAddress: String?
    /// `required` when IMDSv2 is enforced, `optional` when IMDSv1 still answers; nil when AWS did not say.
    public var metadataHttpTokens: String?
    /// `enabled` or `disabled`; nil when AWS did not say.
    public var metadataHttpEndpoint: String?
    public var instanceProfileArn: String?
    /// The groups of the instance and of each of its network interfaces.
    public var securityGroupIds: [String]
    public var volumeIds: [String]
    public var launchTime: Date?
    /// `hvm` or `paravirtual`; nil when AWS did not say.
    public var virtualizationType: String?
    /// Detailed monitoring: `enabled`, `disabled`, `pending` ...; nil when AWS did not say.
    public var monitoringState: String?
    /// How many network interfaces are attached (EFAs included).
    public var networkInterfaceCount: Int
    /// Why the instance last changed state, e.g. `User initiated (2026-01-02 03:04:05 GMT)`.
    public var stateTransitionReason: String?
    /// IPv6 addresses of the instance's network interfaces; they are globally routable.
    public var ipv6Addresses: [String]
}

public struct NetworkACLEntry: Sendable, Hashable {
    public var ruleNumber: Int
    /// `-1` for all protocols, else a protocol number (`6` TCP, `17` UDP).
    public var protocolNumber: String
    /// `allow` or `deny`.
    public var ruleAction: String
    public var egress: Bool
    public var cidrBlock: String?
    public var ipv6CidrBlock: String?
    public var fromPort: Int?
    public var toPort: Int?

    /// True when this entry's protocol and port range cover TCP `port`.
    public func coversTCP(_ port: Int) -> Bool {
        if protocolNumber == "-1" || protocolNumber == "all" { return true }
        guard protocolNumber == "6" || protocolNumber == "tcp" else { return false }
        guard let from = fromPort, let to = toPort else { return true }
        return from <= port && port <= to
    }
}

public struct NetworkACL: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var vpcId: String?
    public var isDefault: Bool
    public var entries: [NetworkACLEntry]
    public var subnetIds: [String]
}

public struct EBSVolume: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var encrypted: Bool
    public var kmsKeyId: String?
    public var sizeGiB: Int?
    public var state: String
    public var attachedInstanceIds: [String]
}

public struct EBSSnapshot: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var encrypted: Bool
    public var volumeId: String?
    public var ownerId: String?
    public var state: String?
    /// Who may create volumes from it (`describe-snapshot-attribute createVolumePermission`):
    /// groups (`all` makes it public) and account ids.
    public var createVolumePermissions: Known<[String]> = .unknown(reason: "describe-snapshot-attribute was not read")
}

public struct VPC: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var cidrBlock: String?
    public var isDefault: Bool
}

public struct Subnet: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var vpcId: String
    public var cidrBlock: String?
    public var mapPublicIpOnLaunch: Bool
}

public struct Route: Sendable, Hashable {
    public var destinationCidrBlock: String?
    public var destinationIpv6CidrBlock: String?
    public var gatewayId: String?
    public var natGatewayId: String?
    public var state: String?
}

public struct RouteTable: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var vpcId: String
    /// Subnets explicitly associated with this table.
    public var subnetIds: [String]
    /// True when this is the VPC's main table (used by subnets with no explicit association).
    public var isMain: Bool
    public var routes: [Route]
}

public struct InternetGateway: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var attachedVpcIds: [String]
}

public struct FlowLog: Sendable, Hashable {
    public var id: String
    /// The VPC, subnet or network interface the flow log records.
    public var resourceId: String
    /// `ACTIVE` when delivering.
    public var status: String?
    /// `ACCEPT`, `REJECT` or `ALL`.
    public var trafficType: String?
}

/// A managed prefix list and its entries (`get-managed-prefix-list-entries`).
public struct ManagedPrefixList: Sendable {
    public var id: String
    public var name: String?
    /// `IPv4` or `IPv6`.
    public var addressFamily: String?
    public var ownerId: String?
    public var entries: Known<[String]>
}

/// EC2 and VPC resources of one region.
public struct EC2Inventory: Sendable {
    public var availabilityZones: Known<[AvailabilityZone]>
    public var instances: Known<[EC2Instance]>
    public var securityGroups: Known<[SecurityGroup]>
    public var networkACLs: Known<[NetworkACL]>
    public var volumes: Known<[EBSVolume]>
    public var snapshots: Known<[EBSSnapshot]>
    public var vpcs: Known<[VPC]>
    public var subnets: Known<[Subnet]>
    public var routeTables: Known<[RouteTable]>
    public var internetGateways: Known<[InternetGateway]>
    public var flowLogs: Known<[FlowLog]>
    /// Whether new EBS volumes in this region are encrypted by default.
    public var ebsEncryptionByDefault: Known<Bool>
    /// Managed prefix lists (customer and AWS managed) that security-group rules may name.
    public var prefixLists: Known<[ManagedPrefixList]>
}

// MARK: - Reading the AWS CLI's output

/// Maps AZ names to zone IDs for one region, so every zonal resource can carry both.
struct ZoneDirectory: Sendable {
    var idsByName: [String: String] = [:]

    func ref(
        _ scope: Scope, arn: String, type: String, zone: String?, zoneId: String? = nil, name: String
    ) -> ResourceRef {
        ResourceRef(
            arn: arn, type: type, account: scope.account, region: scope.region,
            availabilityZone: zone, availabilityZoneId: zoneId ?? zone.flatMap { idsByName[$0] }, name: name)
    }
}

extension PermissionRule {
    init(cli node: JSONNode) throws(JSONShapeError) {
        ipProtocol = try node.string("IpProtocol") ?? "-1"
        fromPort = try node.int("FromPort")
        toPort = try node.int("ToPort")
        ipv4Ranges = try node.map("IpRanges") { (r) throws(JSONShapeError) in try r.requiredString("CidrIp") }
        ipv6Ranges = try node.map("Ipv6Ranges") { (r) throws(JSONShapeError) in try r.requiredString("CidrIpv6") }
        prefixListIds = try node.map("PrefixListIds") { (r) throws(JSONShapeError) in try r.requiredString("PrefixListId") }
        groupIds = try node.map("UserIdGroupPairs") { (r) throws(JSONShapeError) in try r.string("GroupId") ?? "" }
    }
}

extension EC2Inventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> (EC2Inventory, ZoneDirectory) {
        func call(_ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "ec2", operation: operation)
        }
        let zones = loader.load(call("describe-availability-zones")) { (root) throws(JSONShapeError) in
            try root.map("AvailabilityZones") { (z) throws(JSONShapeError) in
                AvailabilityZone(
                    name: try z.requiredString("ZoneName"), zoneId: try z.string("ZoneId") ?? "",
                    state: try z.string("State") ?? "available", zoneType: try z.string("ZoneType") ?? "availability-zone")
            }
        }
        var directory = ZoneDirectory()
        for zone in zones.value ?? [] where !zone.zoneId.isEmpty { directory.idsByName[zone.name] = zone.zoneId }
        let dir = directory

        let instances = loader.load(call("describe-instances")) { (root) throws(JSONShapeError) in
            var out: [EC2Instance] = []
            for reservation in try root.array("Reservations") {
                for i in try reservation.array("Instances") {
                    let id = try i.requiredString("InstanceId")
                    let tags = try i.tagList()
                    let zone = try i.optional("Placement")?.string("AvailabilityZone")
                    let metadata = try i.optional("MetadataOptions")
                    var ipv6: [String] = []
                    var groupIds = try i.map("SecurityGroups") { (g) throws(JSONShapeError) in try g.requiredString("GroupId") }
                    for interface in try i.array("NetworkInterfaces") {
                        for address in try interface.array("Ipv6Addresses") {
                            if let value = try address.string("Ipv6Address") { ipv6.append(value) }
                        }
                        // Every interface's groups apply to traffic it receives.
                        for group in try interface.array("Groups") {
                            if let id = try group.string("GroupId"), !groupIds.contains(id) { groupIds.append(id) }
                        }
                    }
                    out.append(EC2Instance(
                        ref: dir.ref(scope, arn: scope.arn("ec2", "instance/\(id)"), type: "AWS::EC2::Instance",
                                     zone: zone, name: tags.nameTag ?? id),
                        tags: tags, id: id,
                        state: try i.optional("State")?.string("Name") ?? "unknown",
                        instanceType: try i.string("InstanceType") ?? "",
                        imageId: try i.string("ImageId"),
                        subnetId: try i.string("SubnetId"), vpcId: try i.string("VpcId"),
                        publicIpAddress: try i.string("PublicIpAddress"),
                        privateIpAddress: try i.string("PrivateIpAddress"),
                        metadataHttpTokens: try metadata?.string("HttpTokens"),
                        metadataHttpEndpoint: try metadata?.string("HttpEndpoint"),
                        instanceProfileArn: try i.optional("IamInstanceProfile")?.string("Arn"),
                        securityGroupIds: groupIds,
                        volumeIds: try i.map("BlockDeviceMappings") { (m) throws(JSONShapeError) in
                            try m.optional("Ebs")?.string("VolumeId") ?? ""
                        }.filter { !$0.isEmpty },
                        launchTime: try i.timestamp("LaunchTime"),
                        virtualizationType: try i.string("VirtualizationType"),
                        monitoringState: try i.optional("Monitoring")?.string("State"),
                        networkInterfaceCount: try i.array("NetworkInterfaces").count,
                        stateTransitionReason: try i.string("StateTransitionReason"),
                        ipv6Addresses: ipv6))
                }
            }
            return out
        }

        let securityGroups = loader.load(call("describe-security-groups")) { (root) throws(JSONShapeError) in
            try root.map("SecurityGroups") { (g) throws(JSONShapeError) in
                let id = try g.requiredString("GroupId")
                let name = try g.string("GroupName") ?? id
                let tags = try g.tagList()
                return SecurityGroup(
                    ref: dir.ref(scope, arn: scope.arn("ec2", "security-group/\(id)"), type: "AWS::EC2::SecurityGroup",
                                 zone: nil, name: tags.nameTag ?? "\(name) (\(id))"),
                    tags: tags, id: id, name: name, vpcId: try g.string("VpcId"),
                    // Required: an absent rule list read as "no rules" would pass every exposure check.
                    ingress: try g.required("IpPermissions").array().map { (r) throws(JSONShapeError) in try PermissionRule(cli: r) },
                    egress: try g.required("IpPermissionsEgress").array().map { (r) throws(JSONShapeError) in try PermissionRule(cli: r) })
            }
        }

        let networkACLs = loader.load(call("describe-network-acls")) { (root) throws(JSONShapeError) in
            try root.map("NetworkAcls") { (acl) throws(JSONShapeError) in
                let id = try acl.requiredString("NetworkAclId")
                let tags = try acl.tagList()
                return NetworkACL(
                    ref: dir.ref(scope, arn: scope.arn("ec2", "network-acl/\(id)"), type: "AWS::EC2::NetworkAcl",
                                 zone: nil, name: tags.nameTag ?? id),
                    tags: tags, id: id, vpcId: try acl.string("VpcId"), isDefault: try acl.bool("IsDefault") ?? false,
                    entries: try acl.required("Entries").array().map { (e) throws(JSONShapeError) in
                        let range = try e.optional("PortRange")
                        return NetworkACLEntry(
                            ruleNumber: try e.int("RuleNumber") ?? 0, protocolNumber: try e.string("Protocol") ?? "-1",
                            ruleAction: try e.requiredString("RuleAction"), egress: try e.bool("Egress") ?? false,
                            cidrBlock: try e.string("CidrBlock"), ipv6CidrBlock: try e.string("Ipv6CidrBlock"),
                            fromPort: try range?.int("From"), toPort: try range?.int("To"))
                    },
                    subnetIds: try acl.map("Associations") { (a) throws(JSONShapeError) in try a.string("SubnetId") ?? "" }
                        .filter { !$0.isEmpty })
            }
        }

        let volumes = loader.load(call("describe-volumes")) { (root) throws(JSONShapeError) in
            try root.map("Volumes") { (v) throws(JSONShapeError) in
                let id = try v.requiredString("VolumeId")
                let tags = try v.tagList()
                return EBSVolume(
                    ref: dir.ref(scope, arn: scope.arn("ec2", "volume/\(id)"), type: "AWS::EC2::Volume",
                                 zone: try v.string("AvailabilityZone"), name: tags.nameTag ?? id),
                    tags: tags, id: id, encrypted: try v.bool("Encrypted") ?? false, kmsKeyId: try v.string("KmsKeyId"),
                    sizeGiB: try v.int("Size"), state: try v.string("State") ?? "unknown",
                    attachedInstanceIds: try v.map("Attachments") { (a) throws(JSONShapeError) in try a.string("InstanceId") ?? "" }
                        .filter { !$0.isEmpty })
            }
        }

        let snapshots = loader.load(call("describe-snapshots")) { (root) throws(JSONShapeError) in
            try root.map("Snapshots") { (s) throws(JSONShapeError) in
                let id = try s.requiredString("SnapshotId")
                let tags = try s.tagList()
                return EBSSnapshot(
                    ref: dir.ref(scope, arn: scope.arn("ec2", "snapshot/\(id)"), type: "AWS::EC2::Snapshot",
                                 zone: nil, name: tags.nameTag ?? id),
                    tags: tags, id: id, encrypted: try s.bool("Encrypted") ?? false, volumeId: try s.string("VolumeId"),
                    ownerId: try s.string("OwnerId"), state: try s.string("State"))
            }
        }

        let snapshotsWithPermissions: Known<[EBSSnapshot]> = snapshots.map { list in
            list.map { snapshot in
                var s = snapshot
                s.createVolumePermissions = loader.load(
                    AWSCall(account: scope.account, region: scope.region, service: "ec2", operation: "describe-snapshot-attribute", resource: snapshot.id)
                ) { (root) throws(JSONShapeError) in
                    try root.required("CreateVolumePermissions").array().map { (p) throws(JSONShapeError) in
                        let group = try p.string("Group")
                        let user = try p.string("UserId")
                        return group.map { "group:\($0)" } ?? "account:\(user ?? "")"
                    }
                }
                return s
            }
        }

        let vpcs = loader.load(call("describe-vpcs")) { (root) throws(JSONShapeError) in
            try root.map("Vpcs") { (v) throws(JSONShapeError) in
                let id = try v.requiredString("VpcId")
                let tags = try v.tagList()
                return VPC(
                    ref: dir.ref(scope, arn: scope.arn("ec2", "vpc/\(id)"), type: "AWS::EC2::VPC", zone: nil,
                                 name: tags.nameTag ?? id),
                    tags: tags, id: id, cidrBlock: try v.string("CidrBlock"), isDefault: try v.bool("IsDefault") ?? false)
            }
        }

        let subnets = loader.load(call("describe-subnets")) { (root) throws(JSONShapeError) in
            try root.map("Subnets") { (s) throws(JSONShapeError) in
                let id = try s.requiredString("SubnetId")
                let tags = try s.tagList()
                return Subnet(
                    ref: dir.ref(scope, arn: try s.string("SubnetArn") ?? scope.arn("ec2", "subnet/\(id)"),
                                 type: "AWS::EC2::Subnet", zone: try s.string("AvailabilityZone"),
                                 zoneId: try s.string("AvailabilityZoneId"), name: tags.nameTag ?? id),
                    tags: tags, id: id, vpcId: try s.string("VpcId") ?? "", cidrBlock: try s.string("CidrBlock"),
                    mapPublicIpOnLaunch: try s.required("MapPublicIpOnLaunch").bool())
            }
        }

        let routeTables = loader.load(call("describe-route-tables")) { (root) throws(JSONShapeError) in
            try root.map("RouteTables") { (t) throws(JSONShapeError) in
                let id = try t.requiredString("RouteTableId")
                let tags = try t.tagList()
                var subnetIds: [String] = []
                var isMain = false
                for a in try t.array("Associations") {
                    if try a.bool("Main") == true { isMain = true }
                    if let subnet = try a.string("SubnetId") { subnetIds.append(subnet) }
                }
                return RouteTable(
                    ref: dir.ref(scope, arn: scope.arn("ec2", "route-table/\(id)"), type: "AWS::EC2::RouteTable",
                                 zone: nil, name: tags.nameTag ?? id),
                    tags: tags, id: id, vpcId: try t.string("VpcId") ?? "", subnetIds: subnetIds, isMain: isMain,
                    routes: try t.map("Routes") { (r) throws(JSONShapeError) in
                        Route(
                            destinationCidrBlock: try r.string("DestinationCidrBlock"),
                            destinationIpv6CidrBlock: try r.string("DestinationIpv6CidrBlock"),
                            gatewayId: try r.string("GatewayId"), natGatewayId: try r.string("NatGatewayId"),
                            state: try r.string("State"))
                    })
            }
        }

        let internetGateways = loader.load(call("describe-internet-gateways")) { (root) throws(JSONShapeError) in
            try root.map("InternetGateways") { (g) throws(JSONShapeError) in
                let id = try g.requiredString("InternetGatewayId")
                let tags = try g.tagList()
                return InternetGateway(
                    ref: dir.ref(scope, arn: scope.arn("ec2", "internet-gateway/\(id)"), type: "AWS::EC2::InternetGateway",
                                 zone: nil, name: tags.nameTag ?? id),
                    tags: tags, id: id,
                    attachedVpcIds: try g.map("Attachments") { (a) throws(JSONShapeError) in try a.string("VpcId") ?? "" })
            }
        }

        let flowLogs = loader.load(call("describe-flow-logs")) { (root) throws(JSONShapeError) in
            try root.map("FlowLogs") { (f) throws(JSONShapeError) in
                FlowLog(
                    id: try f.string("FlowLogId") ?? "", resourceId: try f.string("ResourceId") ?? "",
                    status: try f.string("FlowLogStatus"), trafficType: try f.string("TrafficType"))
            }
        }

        let ebsDefault = loader.load(call("get-ebs-encryption-by-default")) { (root) throws(JSONShapeError) in
            try root.required("EbsEncryptionByDefault").bool()
        }

        let prefixListing = loader.load(call("describe-managed-prefix-lists")) { (root) throws(JSONShapeError) in
            try root.map("PrefixLists") { (p) throws(JSONShapeError) in
                (id: try p.requiredString("PrefixListId"), name: try p.string("PrefixListName"), family: try p.string("AddressFamily"),
                 owner: try p.string("OwnerId"))
            }
        }
        let prefixLists = prefixListing.map { lists in
            lists.map { p in
                ManagedPrefixList(
                    id: p.id, name: p.name, addressFamily: p.family, ownerId: p.owner,
                    entries: loader.load(
                        AWSCall(account: scope.account, region: scope.region, service: "ec2", operation: "get-managed-prefix-list-entries", resource: p.id)
                    ) { (root) throws(JSONShapeError) in
                        try root.required("Entries").array().map { (e) throws(JSONShapeError) in try e.requiredString("Cidr") }
                    })
            }
        }

        return (
            EC2Inventory(
                availabilityZones: zones, instances: instances, securityGroups: securityGroups, networkACLs: networkACLs,
                volumes: volumes, snapshots: snapshotsWithPermissions, vpcs: vpcs, subnets: subnets, routeTables: routeTables,
                internetGateways: internetGateways, flowLogs: flowLogs, ebsEncryptionByDefault: ebsDefault, prefixLists: prefixLists),
            dir
        )
    }
}
