public import RampartInventory

/// External access over a whole inventory: every `ResourcePolicyBearing` resource through its
/// policy, S3 buckets with their ACLs and Block Public Access, and the resources shared by
/// attribute (EBS snapshots, RDS snapshots, Systems Manager documents). The one analysis `rampart access`, the `scan`
/// checks and `iam who-can` read.
public enum ExternalAccessAnalysis {
    /// Every analysed resource, in inventory order: with external access, without, or unknown.
    public static func run(_ inventory: Inventory, zone: AccessZone) -> [ResourceAccess] {
        var out: [ResourceAccess] = []
        var accountBlocks: [String: Known<PublicAccessBlock?>] = [:]
        for account in inventory.accounts { accountBlocks[account.id] = account.s3.accountPublicAccessBlock }
        inventory.forEachResource { resource in
            if let bucket = resource as? S3Bucket {
                out.append(analyze(bucket: bucket, accountBlock: accountBlocks[bucket.ref.account] ?? .known(nil), zone: zone))
            } else if let bearing = resource as? any ResourcePolicyBearing {
                out.append(analyze(bearing, zone: zone))
            } else if let snapshot = resource as? EBSSnapshot {
                // Snapshots other accounts share with this one are their owners' to judge.
                guard snapshot.ownerId == nil || snapshot.ownerId == snapshot.ref.account else { return }
                out.append(analyze(snapshot: snapshot, zone: zone))
            } else if let document = resource as? SSMDocument {
                out.append(analyze(document: document, zone: zone))
            }
        }
        for region in inventory.regions {
            for snapshot in region.rds.snapshots.value ?? [] { out.append(analyze(dbSnapshot: snapshot, zone: zone)) }
        }
        return out
    }

    /// An EBS snapshot through its `createVolumePermission` attribute (`group:all` is public).
    public static func analyze(snapshot: EBSSnapshot, zone: AccessZone) -> ResourceAccess {
        shared(snapshot.ref, snapshot.createVolumePermissions, attribute: "createVolumePermission", action: "ec2:CreateVolume",
            zone: zone) { entry in
                entry == "group:all" ? .everyone : entry.hasPrefix("account:") ? .account(String(entry.dropFirst(8))) : .other(entry)
            }
    }

    /// An RDS DB snapshot through its `restore` attribute (`all` is public).
    public static func analyze(dbSnapshot snapshot: DBSnapshot, zone: AccessZone) -> ResourceAccess {
        shared(snapshot.ref, snapshot.restoreAttribute, attribute: "restore", action: "rds:RestoreDBInstanceFromDBSnapshot",
            zone: zone) { $0.lowercased() == "all" ? .everyone : .account($0) }
    }

    /// A Systems Manager document through its `Share` permission (`all` is public; "Share a
    /// Systems Manager document": `--account-ids-to-add All` makes it public).
    public static func analyze(document: SSMDocument, zone: AccessZone) -> ResourceAccess {
        shared(document.ref, document.sharedWith, attribute: "Share", action: "ssm:SendCommand", zone: zone) {
            $0.lowercased() == "all" ? .everyone : .account($0)
        }
    }

    /// One resource through its policy.
    public static func analyze(_ resource: any ResourcePolicyBearing, zone: AccessZone) -> ResourceAccess {
        let ref = resource.ref
        switch resource.resourcePolicy {
        case .unknown(let reason):
            return ResourceAccess(ref: ref, outcome: .unknown(reason: "the resource policy could not be read: \(reason)"))
        case .known(nil):
            return ResourceAccess(ref: ref, outcome: .none)
        case .known(let text?):
            let profile = ResourceTypeProfile.profile(for: ref.type, arn: ref.arn)
            return ResourceAccess(ref: ref, outcome: ResourcePolicyAnalyzer.analyze(
                policyText: text, resourceArn: ref.arn, owner: ref.account, profile: profile, zone: zone))
        }
    }

    /// An S3 bucket: its policy, its ACL and Block Public Access (account and bucket level).
    ///
    /// S3 User Guide, "Blocking public access to your Amazon S3 storage": `IgnorePublicAcls`
    /// makes S3 ignore public ACL grants; `RestrictPublicBuckets` limits a bucket with a public
    /// policy to AWS service principals and authorized users of the bucket owner's account (so
    /// all cross-account access through that policy is blocked too). Either setting counts when
    /// set at the account or the bucket level.
    public static func analyze(bucket: S3Bucket, accountBlock: Known<PublicAccessBlock?>, zone: AccessZone) -> ResourceAccess {
        let ref = bucket.ref
        var grants: [ExternalGrant] = []
        var unknown: [String] = []
        let block = accountBlock.combined(with: bucket.publicAccessBlock).map { account, own in
            (ignoreAcls: (account?.ignorePublicAcls ?? false) || (own?.ignorePublicAcls ?? false),
             restrict: (account?.restrictPublicBuckets ?? false) || (own?.restrictPublicBuckets ?? false))
        }
        switch analyze(bucket, zone: zone).outcome {
        case .unknown(let reason): unknown.append(reason)
        case .none: break
        case .external(let policyGrants):
            let isPublic = policyGrants.contains { $0.access == .public }
            switch block {
            case .known(let b) where b.restrict && isPublic:
                break  // RestrictPublicBuckets: the public policy lets in no one outside the account.
            case .unknown(let reason) where isPublic:
                unknown.append("the bucket policy is public, but Block Public Access could not be read: \(reason)")
            default:
                grants += policyGrants
            }
        }
        switch bucket.acl {
        case .unknown(let reason): unknown.append("the bucket ACL could not be read: \(reason)")
        case .known(let acl):
            let publicGrants = acl.filter(\.isPublic)
            if !publicGrants.isEmpty {
                switch block {
                case .known(let b) where b.ignoreAcls: break
                case .unknown(let reason): unknown.append("the bucket ACL is public, but Block Public Access could not be read: \(reason)")
                default:
                    for g in publicGrants {
                        let group = g.uri?.split(separator: "/").last.map(String.init) ?? "AllUsers"
                        grants.append(ExternalGrant(
                            access: .public, principals: [group == "AllUsers" ? "*" : "AuthenticatedUsers"],
                            actions: aclActions(g.permission), conditions: [], witness: nil, statements: ["ACL \(group) \(g.permission)"]))
                    }
                }
            }
        }
        if !unknown.isEmpty, !grants.contains(where: { $0.access == .public }) {
            return ResourceAccess(ref: ref, outcome: .unknown(reason: unknown.joined(separator: "; ")))
        }
        return ResourceAccess(ref: ref, outcome: grants.isEmpty ? .none : .external(grants))
    }

    /// The S3 actions an ACL permission grants ("Access control list (ACL) overview" — "ACL permissions").
    static func aclActions(_ permission: String) -> [String] {
        switch permission {
        case "READ": ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"]
        case "WRITE": ["s3:PutObject", "s3:DeleteObject"]
        case "READ_ACP": ["s3:GetBucketAcl"]
        case "WRITE_ACP": ["s3:PutBucketAcl"]
        default: ["s3:ListBucket", "s3:PutObject", "s3:DeleteObject", "s3:GetBucketAcl", "s3:PutBucketAcl"]
        }
    }

    enum SharedWith {
        case everyone
        case account(String)
        case other(String)
    }

    /// A resource shared by an attribute (a snapshot's or image's permission list).
    static func shared(_ ref: ResourceRef, _ attribute: Known<[String]>, attribute name: String, action: String, zone: AccessZone,
        _ read: (String) -> SharedWith) -> ResourceAccess
    {
        guard let entries = attribute.value else {
            return ResourceAccess(ref: ref, outcome: .unknown(reason: "the \(name) attribute could not be read: \(attribute.unknownReason ?? "")"))
        }
        var grants: [ExternalGrant] = []
        var accounts: [String] = []
        for entry in entries {
            switch read(entry) {
            case .everyone:
                grants.append(ExternalGrant(access: .public, principals: ["*"], actions: [action], conditions: [],
                    witness: nil, statements: ["\(name) all"]))
            case .account(let a) where !zone.trusts(account: a, owner: ref.account): accounts.append(a)
            case .account: break
            case .other(let text):
                grants.append(ExternalGrant(access: .crossAccount, principals: [text], actions: [action], conditions: [],
                    witness: nil, statements: ["\(name) \(text)"]))
            }
        }
        if !accounts.isEmpty {
            grants.append(ExternalGrant(access: .crossAccount, principals: accounts, actions: [action], conditions: [],
                witness: nil, statements: accounts.map { "\(name) \($0)" }))
        }
        return ResourceAccess(ref: ref, outcome: grants.isEmpty ? .none : .external(grants))
    }
}
