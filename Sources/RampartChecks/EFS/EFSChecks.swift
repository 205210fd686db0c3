import RampartFindings
import RampartInventory
import RampartJSON

/// EFS file systems: encryption, automatic backups, the file system policy (public access, TLS)
/// and where the mount targets are.
enum EFSFileSystemChecks {
    static let all: [Check] = [encrypted, automaticBackups, notPublic, requiresTLS, mountTargetsNotInPublicSubnets]

    static func evidence(_ f: EFSFileSystem, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var object: JSONObject = ["fileSystemId": .string(f.id)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    static let encrypted = Check(
        CheckMetadata(
            id: "efs.file-system.encrypted",
            title: "EFS file systems are encrypted at rest with AWS KMS",
            severity: .medium, resourceType: "AWS::EFS::FileSystem", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EFS.1", "EFS.8"], "cis-aws-3.0": ["2.4.1"], "cis-aws-5.0": ["2.3.1"]], prowler: "efs_encryption_at_rest_enabled",
            risk: "Files on an unencrypted file system are readable by anyone who obtains the underlying storage.",
            remediation: "Encryption is set at creation: create an encrypted file system and copy the data (AWS DataSync).",
            remediationCommand: "aws efs create-file-system --encrypted --kms-key-id <key> --creation-token <token>"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.fileSystems) { f, _ in
                judgeSetting(f.ref, f.encrypted, member: "Encrypted", call: "efs describe-file-systems", name: f.id,
                    evidence: evidence(f, ["encrypted": f.encrypted.map(JSONValue.bool) ?? .null, "kmsKeyId": f.kmsKeyId.map(JSONValue.string) ?? .null]),
                    pass: "\(f.id) is encrypted at rest with KMS.", fail: "\(f.id) is not encrypted at rest (Encrypted=false).")
            }
        })

    static let automaticBackups = Check(
        CheckMetadata(
            id: "efs.file-system.automatic-backups",
            title: "EFS file systems have automatic backups enabled",
            severity: .medium, resourceType: "AWS::EFS::FileSystem", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EFS.7"]], prowler: "efs_have_backup_enabled",
            risk: "Without backups, deleted or overwritten files cannot be recovered.",
            remediation: "Turn on automatic backups (AWS Backup's default EFS plan).",
            remediationCommand: "aws efs put-backup-policy --file-system-id <file-system> --backup-policy Status=ENABLED"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.fileSystems) { f, _ in
                switch f.automaticBackups {
                case .unknown(let reason): return .unknown(f.ref, reason)
                case .known(let on):
                    let facts = evidence(f, ["automaticBackups": .bool(on)])
                    return on ? .pass(f.ref, "\(f.id) has automatic backups enabled.", evidence: facts)
                        : .fail(f.ref, "\(f.id) does not have automatic backups enabled (backup policy not ENABLED).", evidence: facts)
                }
            }
        })

    static let notPublic = Check(
        CheckMetadata(
            id: "efs.file-system.not-public",
            title: "EFS file system policies do not allow access to everyone",
            severity: .high, resourceType: "AWS::EFS::FileSystem", serviceModel: .managed,
            frameworks: [:], prowler: "efs_not_publicly_accessible",
            risk: "A file system whose policy allows every principal (or that has no policy, which EFS reads as full access for every client) relies on the network alone to keep its files private.",
            remediation: "Set a file system policy that allows only your principals, or pins access with a condition.",
            remediationCommand: "aws efs put-file-system-policy --file-system-id <file-system> --policy file://policy.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.fileSystems) { f, _ in
                ExternalAccessChecks.judgeNotPublic(f, subject: f.id, evidence: ["resource": .string(f.id)]) { ref in
                    .fail(ref, "\(f.id) has no file system policy: EFS grants full access to every client that can reach a mount target.",
                          evidence: evidence(f, ["fileSystemPolicy": .null]))
                }
            }
        })

    static let requiresTLS = Check(
        CheckMetadata(
            id: "efs.file-system.requires-tls",
            title: "EFS file system policies deny access without TLS",
            severity: .medium, resourceType: "AWS::EFS::FileSystem", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Clients that mount without TLS send file data across the network in clear text.",
            remediation: "Add a statement that denies every action when aws:SecureTransport is false.",
            remediationCommand: "aws efs put-file-system-policy --file-system-id <file-system> --policy file://policy.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.fileSystems) { f, _ in
                switch f.resourcePolicy {
                case .unknown(let reason): return .unknown(f.ref, reason)
                case .known(nil):
                    return .fail(f.ref, "\(f.id) has no file system policy, so nothing denies access without TLS.",
                                 evidence: evidence(f, ["fileSystemPolicy": .null]))
                case .known(let text?):
                    guard let denies = TransportPolicy.deniesInsecureTransport(text) else {
                        return .unknown(f.ref, "\(f.id)'s file system policy could not be read: the policy text is not a JSON object.")
                    }
                    let facts = evidence(f, ["deniesInsecureTransport": .bool(denies)])
                    return denies ? .pass(f.ref, "\(f.id)'s policy denies access without TLS.", evidence: facts)
                        : .fail(f.ref, "\(f.id)'s policy does not deny access when aws:SecureTransport is false.", evidence: facts)
                }
            }
        })

    static let mountTargetsNotInPublicSubnets = Check(
        CheckMetadata(
            id: "efs.file-system.mount-targets-not-in-public-subnets",
            title: "EFS mount targets are not in subnets that assign public IP addresses",
            severity: .medium, resourceType: "AWS::EFS::FileSystem", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EFS.6"]], prowler: "efs_mount_target_not_publicly_accessible",
            risk: "A mount target in a subnet that gives instances public addresses sits beside internet-facing hosts.",
            remediation: "Move the mount targets to private subnets.",
            remediationCommand: "aws efs create-mount-target --file-system-id <file-system> --subnet-id <private-subnet> --security-groups <group>"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.fileSystems) { f, region in
                let targets: [EFSMountTarget]
                switch f.mountTargets {
                case .unknown(let reason): return .unknown(f.ref, reason)
                case .known(let known): targets = known
                }
                guard let subnets = region.ec2.subnets.value else {
                    return .unknown(f.ref, "the subnets of \(f.id)'s mount targets are unknown: \(region.ec2.subnets.unknownReason ?? "not read")")
                }
                let byId = Dictionary(subnets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                let missing = targets.filter { byId[$0.subnetId] == nil }.map(\.subnetId)
                let publicSubnets = targets.compactMap { byId[$0.subnetId] }.filter(\.mapPublicIpOnLaunch).map(\.id)
                let facts = evidence(f, ["subnets": .strings(targets.map(\.subnetId)), "publicSubnets": .strings(publicSubnets)])
                if !publicSubnets.isEmpty {
                    return .fail(f.ref, "\(f.id) has mount targets in subnets that assign public IP addresses: \(publicSubnets.joined(separator: ", ")).",
                                 evidence: facts)
                }
                if !missing.isEmpty { return .unknown(f.ref, "\(f.id)'s mount target subnets \(missing.joined(separator: ", ")) were not found in ec2 describe-subnets.") }
                if targets.isEmpty { return .pass(f.ref, "\(f.id) has no mount targets.", evidence: facts) }
                return .pass(f.ref, "\(f.id)'s mount targets are in subnets that assign no public IP addresses.", evidence: facts)
            }
        })
}

/// EFS access points: the root directory and POSIX identity they impose.
enum EFSAccessPointChecks {
    static let all: [Check] = [rootDirectory, userIdentity]

    static let rootDirectory = Check(
        CheckMetadata(
            id: "efs.access-point.root-directory",
            title: "EFS access points enforce a root directory",
            severity: .medium, resourceType: "AWS::EFS::AccessPoint", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EFS.3"]], prowler: "efs_access_point_enforce_root_directory",
            risk: "An access point rooted at / lets its clients reach every file of the file system.",
            remediation: "Access points cannot be changed: create one with a root directory below / and move clients to it.",
            remediationCommand: "aws efs create-access-point --file-system-id <file-system> --root-directory Path=/<directory>"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.accessPoints) { a, _ in
                let path = a.rootDirectory ?? "/"
                let facts: JSONObject = ["accessPointId": .string(a.id), "rootDirectory": .string(path)]
                if path == "/" { return .fail(a.ref, "\(a.id) exposes the file system's root directory (/).", evidence: facts) }
                return .pass(a.ref, "\(a.id) is rooted at \(path).", evidence: facts)
            }
        })

    static let userIdentity = Check(
        CheckMetadata(
            id: "efs.access-point.user-identity",
            title: "EFS access points enforce a user identity",
            severity: .medium, resourceType: "AWS::EFS::AccessPoint", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["EFS.4"]], prowler: "efs_access_point_enforce_user_identity",
            risk: "Without a POSIX user, clients act as whatever user they claim, root included.",
            remediation: "Access points cannot be changed: create one with a POSIX user and move clients to it.",
            remediationCommand: "aws efs create-access-point --file-system-id <file-system> --posix-user Uid=<uid>,Gid=<gid>"),
        evaluate: { ctx in
            ctx.eachRegional(\.efs.accessPoints) { a, _ in
                let facts: JSONObject = ["accessPointId": .string(a.id), "posixUid": a.posixUid.map { .number(Double($0)) } ?? .null]
                if let uid = a.posixUid { return .pass(a.ref, "\(a.id) imposes the POSIX user \(uid).", evidence: facts) }
                return .fail(a.ref, "\(a.id) imposes no POSIX user identity.", evidence: facts)
            }
        })
}
