public import RampartJSON

/// What `describe-key` says of a key.
public struct KMSKeyMetadata: Sendable {
    /// `AWS` for AWS managed keys, `CUSTOMER` for the customer's own.
    public var keyManager: String
    /// `Enabled`, `Disabled`, `PendingDeletion` ...
    public var keyState: String
    public var keySpec: String?
    public var keyUsage: String?
    public var origin: String?
    public var multiRegion: Bool
    public var description: String?
}

public struct KMSKey: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var id: String
    public var metadata: Known<KMSKeyMetadata>
    public var rotationEnabled: Known<Bool>
    public var policy: Known<PolicyDocument>
}

public struct KMSInventory: Sendable {
    public var keys: Known<[KMSKey]>
}

extension KMSInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> KMSInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "kms", operation: operation, resource: resource)
        }
        let listing = loader.load(call("list-keys")) { (root) throws(JSONShapeError) in
            try root.map("Keys") { (k) throws(JSONShapeError) in
                (id: try k.requiredString("KeyId"), arn: try k.string("KeyArn"))
            }
        }
        let keys = listing.map { entries in
            entries.map { k in
                KMSKey(
                    ref: ResourceRef(arn: k.arn ?? scope.arn("kms", "key/\(k.id)"), type: "AWS::KMS::Key", account: scope.account,
                                     region: scope.region, name: k.id),
                    id: k.id,
                    metadata: loader.load(call("describe-key", k.id)) { (root) throws(JSONShapeError) in
                        let m = try root.required("KeyMetadata")
                        return KMSKeyMetadata(
                            keyManager: try m.string("KeyManager") ?? "CUSTOMER", keyState: try m.string("KeyState") ?? "",
                            keySpec: try m.string("KeySpec"), keyUsage: try m.string("KeyUsage"), origin: try m.string("Origin"),
                            multiRegion: try m.bool("MultiRegion") ?? false, description: try m.string("Description"))
                    },
                    rotationEnabled: loader.load(call("get-key-rotation-status", k.id)) { (root) throws(JSONShapeError) in
                        try root.required("KeyRotationEnabled").bool()
                    },
                    policy: loader.load(call("get-key-policy", k.id)) { (root) throws(JSONShapeError) in
                        try root.policyDocument("Policy") ?? .null
                    })
            }
        }
        return KMSInventory(keys: keys)
    }
}
