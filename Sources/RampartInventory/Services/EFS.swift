public import RampartJSON

/// A mount target of an EFS file system: the subnet (and so the zone) clients reach it in.
public struct EFSMountTarget: Sendable, Hashable {
    public var id: String
    public var subnetId: String
    public var availabilityZone: String?
    public var availabilityZoneId: String?
}

/// An EFS file system: its description, backup policy, file system policy and mount targets,
/// each read by its own call.
public struct EFSFileSystem: ResourcePolicyBearing {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    /// nil when `describe-file-systems` did not say (the checks report UNKNOWN).
    public var encrypted: Bool?
    public var kmsKeyId: String?
    /// The zone of a One Zone file system; nil for a Regional one.
    public var oneZone: String?
    /// Whether automatic backups are on (`describe-backup-policy`); `.known(false)` when the file
    /// system has no backup policy.
    public var automaticBackups: Known<Bool>
    /// The file system policy's JSON text; `.known(nil)` when it has none.
    public var resourcePolicy: Known<String?>
    public var mountTargets: Known<[EFSMountTarget]>
}

/// An EFS access point: the POSIX identity and root directory it imposes on its clients.
public struct EFSAccessPoint: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var fileSystemId: String?
    /// `PosixUser.Uid`, when the access point imposes a user identity.
    public var posixUid: Int?
    /// `RootDirectory.Path`; nil or `/` means the file system's root.
    public var rootDirectory: String?
}

/// EFS in one region.
public struct EFSInventory: Sendable {
    public var fileSystems: Known<[EFSFileSystem]>
    public var accessPoints: Known<[EFSAccessPoint]>
}

extension EFSInventory {
    static func load(_ loader: inout Loader, _ scope: Scope, _ zones: ZoneDirectory) -> EFSInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "efs", operation: operation, resource: resource)
        }
        let listed = loader.load(call("describe-file-systems")) { (root) throws(JSONShapeError) in
            try root.map("FileSystems") { (f) throws(JSONShapeError) in
                let id = try f.requiredString("FileSystemId")
                let tags = try f.tagList()
                return (id: id, arn: try f.string("FileSystemArn"), tags: tags, name: try f.string("Name").flatMap { $0.isEmpty ? nil : $0 } ?? tags["Name"],
                        encrypted: try f.bool("Encrypted"), kmsKeyId: try f.string("KmsKeyId"),
                        zone: try f.string("AvailabilityZoneName"), zoneId: try f.string("AvailabilityZoneId"))
            }
        }
        let fileSystems: Known<[EFSFileSystem]> = listed.map { listed in
            listed.map { f in
                EFSFileSystem(
                    ref: zones.ref(scope, arn: f.arn ?? scope.arn("elasticfilesystem", "file-system/\(f.id)"),
                        type: "AWS::EFS::FileSystem", zone: f.zone, zoneId: f.zoneId, name: f.name ?? f.id),
                    tags: f.tags, id: f.id, encrypted: f.encrypted, kmsKeyId: f.kmsKeyId, oneZone: f.zone,
                    automaticBackups: loader.loadOptional(call("describe-backup-policy", f.id)) { (root) throws(JSONShapeError) in
                        try root.required("BackupPolicy").requiredString("Status")
                    }.map { $0 == "ENABLED" },
                    resourcePolicy: loader.loadOptional(call("describe-file-system-policy", f.id)) { (root) throws(JSONShapeError) in
                        try root.requiredString("Policy")
                    },
                    mountTargets: loader.load(call("describe-mount-targets", f.id)) { (root) throws(JSONShapeError) in
                        try root.map("MountTargets") { (m) throws(JSONShapeError) in
                            EFSMountTarget(
                                id: try m.requiredString("MountTargetId"), subnetId: try m.requiredString("SubnetId"),
                                availabilityZone: try m.string("AvailabilityZoneName"), availabilityZoneId: try m.string("AvailabilityZoneId"))
                        }
                    })
            }
        }
        let accessPoints = loader.load(call("describe-access-points")) { (root) throws(JSONShapeError) in
            try root.map("AccessPoints") { (a) throws(JSONShapeError) in
                let id = try a.requiredString("AccessPointId")
                let tags = try a.tagList()
                return EFSAccessPoint(
                    ref: ResourceRef(arn: try a.string("AccessPointArn") ?? scope.arn("elasticfilesystem", "access-point/\(id)"),
                        type: "AWS::EFS::AccessPoint", account: scope.account, region: scope.region,
                        name: try a.string("Name") ?? tags["Name"] ?? id),
                    tags: tags, id: id, fileSystemId: try a.string("FileSystemId"),
                    posixUid: try a.optional("PosixUser")?.int("Uid"), rootDirectory: try a.optional("RootDirectory")?.string("Path"))
            }
        }
        return EFSInventory(fileSystems: fileSystems, accessPoints: accessPoints)
    }
}
