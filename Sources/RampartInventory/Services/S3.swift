public import RampartJSON
public import struct Foundation.Date

/// The four S3 Block Public Access settings, at bucket or account level.
public struct PublicAccessBlock: Sendable, Hashable {
    public var blockPublicAcls: Bool
    public var ignorePublicAcls: Bool
    public var blockPublicPolicy: Bool
    public var restrictPublicBuckets: Bool

    public var allEnabled: Bool { blockPublicAcls && ignorePublicAcls && blockPublicPolicy && restrictPublicBuckets }

    /// The names of the settings that are off, as S3 spells them.
    public var disabledSettings: [String] {
        var off: [String] = []
        if !blockPublicAcls { off.append("BlockPublicAcls") }
        if !ignorePublicAcls { off.append("IgnorePublicAcls") }
        if !blockPublicPolicy { off.append("BlockPublicPolicy") }
        if !restrictPublicBuckets { off.append("RestrictPublicBuckets") }
        return off
    }
}

/// One grant of a bucket ACL.
public struct ACLGrant: Sendable, Hashable {
    /// `CanonicalUser`, `Group` or `AmazonCustomerByEmail`.
    public var granteeType: String
    /// The group URI for `Group` grantees (e.g. `http://acs.amazonaws.com/groups/global/AllUsers`).
    public var uri: String?
    public var id: String?
    /// `FULL_CONTROL`, `READ`, `WRITE`, `READ_ACP` or `WRITE_ACP`.
    public var permission: String

    /// Grants to everyone, or to every AWS account holder, make a bucket public.
    public var isPublic: Bool {
        uri == "http://acs.amazonaws.com/groups/global/AllUsers"
            || uri == "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
    }
}

/// One default-encryption rule of a bucket.
public struct BucketEncryptionRule: Sendable, Hashable {
    /// `AES256`, `aws:kms` or `aws:kms:dsse`.
    public var algorithm: String
    public var kmsKeyId: String?
    public var bucketKeyEnabled: Bool
}

public struct BucketVersioning: Sendable, Hashable {
    /// `Enabled`, `Suspended`, or nil for a bucket never versioned.
    public var status: String?
    public var mfaDelete: String?
}

public struct ReplicationRule: Sendable, Hashable {
    public var id: String?
    public var status: String
    /// The destination bucket's ARN.
    public var destinationBucket: String
}

public struct BucketLogging: Sendable, Hashable {
    public var targetBucket: String
    public var targetPrefix: String?
}

public struct S3Bucket: Resource {
    public var ref: ResourceRef
    /// Tags are per-bucket evidence too; unreadable tags leave this empty.
    public var tags: Tags { tagging.value ?? [:] }
    public var name: String
    public var creationDate: Date?
    public var tagging: Known<Tags>
    public var acl: Known<[ACLGrant]>
    /// nil when the bucket has no policy.
    public var policy: Known<PolicyDocument?>
    /// nil when the bucket has no Block Public Access configuration.
    public var publicAccessBlock: Known<PublicAccessBlock?>
    /// nil when the bucket has no default-encryption configuration.
    public var encryption: Known<[BucketEncryptionRule]?>
    public var versioning: Known<BucketVersioning>
    /// nil when the bucket has no replication configuration.
    public var replication: Known<[ReplicationRule]?>
    /// nil when server access logging is off.
    public var logging: Known<BucketLogging?>
}

/// S3 is global in the CLI's listing; each bucket lives in one region.
public struct S3Inventory: Sendable {
    public var buckets: Known<[S3Bucket]>
    /// The account-level Block Public Access settings; nil when never configured.
    public var accountPublicAccessBlock: Known<PublicAccessBlock?>
}

// MARK: - Reading the AWS CLI's output

extension PublicAccessBlock {
    init(cli node: JSONNode) throws(JSONShapeError) {
        let c = try node.required("PublicAccessBlockConfiguration")
        blockPublicAcls = try c.bool("BlockPublicAcls") ?? false
        ignorePublicAcls = try c.bool("IgnorePublicAcls") ?? false
        blockPublicPolicy = try c.bool("BlockPublicPolicy") ?? false
        restrictPublicBuckets = try c.bool("RestrictPublicBuckets") ?? false
    }
}

extension S3Inventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> S3Inventory {
        func call(_ operation: String, _ resource: String? = nil, service: String = "s3api") -> AWSCall {
            AWSCall(account: scope.account, region: "global", service: service, operation: operation, resource: resource)
        }
        let listing = loader.load(call("list-buckets")) { (root) throws(JSONShapeError) in
            try root.map("Buckets") { (b) throws(JSONShapeError) in
                (name: try b.requiredString("Name"), created: try b.timestamp("CreationDate"),
                 region: try b.string("BucketRegion"))
            }
        }
        let buckets = listing.map { entries in
            entries.map { entry in
                let name = entry.name
                let location = loader.load(call("get-bucket-location", name)) { (root) throws(JSONShapeError) in
                    // A null LocationConstraint means us-east-1; "EU" is the legacy name of eu-west-1.
                    switch try root.string("LocationConstraint") {
                    case nil, "": "us-east-1"
                    case "EU": "eu-west-1"
                    case let region?: region
                    }
                }
                let region = location.value ?? entry.region ?? "global"
                let tagging = loader.loadOptional(call("get-bucket-tagging", name)) {
                    (root) throws(JSONShapeError) in try root.tagList("TagSet")
                }.map { $0 ?? [:] }
                let tags = tagging.value ?? [:]
                return S3Bucket(
                    ref: ResourceRef(
                        arn: "arn:\(scope.partition):s3:::\(name)", type: "AWS::S3::Bucket", account: scope.account,
                        region: region, name: tags.nameTag ?? name),
                    name: name, creationDate: entry.created, tagging: tagging,
                    acl: loader.load(call("get-bucket-acl", name)) { (root) throws(JSONShapeError) in
                        try root.required("Grants").array().map { (g) throws(JSONShapeError) in
                            let grantee = try g.optional("Grantee")
                            return ACLGrant(
                                granteeType: try grantee?.string("Type") ?? "", uri: try grantee?.string("URI"),
                                id: try grantee?.string("ID"), permission: try g.string("Permission") ?? "")
                        }
                    },
                    policy: loader.loadOptional(call("get-bucket-policy", name)) {
                        (root) throws(JSONShapeError) in try root.policyDocument("Policy") ?? .null
                    },
                    publicAccessBlock: loader.loadOptional(call("get-public-access-block", name), PublicAccessBlock.init(cli:)),
                    encryption: loader.loadOptional(call("get-bucket-encryption", name)) { (root) throws(JSONShapeError) in
                        try root.required("ServerSideEncryptionConfiguration").map("Rules") { (r) throws(JSONShapeError) in
                            let d = try r.optional("ApplyServerSideEncryptionByDefault")
                            return BucketEncryptionRule(
                                algorithm: try d?.string("SSEAlgorithm") ?? "", kmsKeyId: try d?.string("KMSMasterKeyID"),
                                bucketKeyEnabled: try r.bool("BucketKeyEnabled") ?? false)
                        }
                    },
                    versioning: loader.load(call("get-bucket-versioning", name)) { (root) throws(JSONShapeError) in
                        BucketVersioning(status: try root.string("Status"), mfaDelete: try root.string("MFADelete"))
                    },
                    replication: loader.loadOptional(call("get-bucket-replication", name)) { (root) throws(JSONShapeError) in
                        try root.required("ReplicationConfiguration").map("Rules") { (r) throws(JSONShapeError) in
                            ReplicationRule(
                                id: try r.string("ID"), status: try r.string("Status") ?? "",
                                destinationBucket: try r.optional("Destination")?.string("Bucket") ?? "")
                        }
                    },
                    logging: loader.load(call("get-bucket-logging", name)) { (root) throws(JSONShapeError) in
                        guard let enabled = try root.optional("LoggingEnabled") else { return nil }
                        return BucketLogging(
                            targetBucket: try enabled.string("TargetBucket") ?? "", targetPrefix: try enabled.string("TargetPrefix"))
                    })
            }
        }
        let accountBlock = loader.loadOptional(call("get-public-access-block", service: "s3control"), PublicAccessBlock.init(cli:))
        return S3Inventory(buckets: buckets, accountPublicAccessBlock: accountBlock)
    }
}
