public import RampartJSON
public import struct Foundation.Date

/// A Secrets Manager secret as `list-secrets` describes it (never its value: Rampart reads no
/// secret value), with its resource policy from `get-resource-policy`.
public struct Secret: ResourcePolicyBearing {
    public var ref: ResourceRef
    public var tags: Tags
    public var arn: String
    public var name: String
    /// The KMS key encrypting the secret; nil for the AWS managed key `aws/secretsmanager`.
    public var kmsKeyId: String?
    /// Whether automatic rotation is on. AWS omits `RotationEnabled` when rotation was never
    /// configured, which means off.
    public var rotationEnabled: Bool
    /// `RotationRules.AutomaticallyAfterDays`, when set.
    public var rotationIntervalDays: Int?
    public var lastRotated: Date?
    public var lastChanged: Date?
    /// The date (day precision) the secret was last read; nil when never read or not tracked.
    public var lastAccessed: Date?
    public var created: Date?
    /// The date the secret is scheduled for deletion, when it is.
    public var deleted: Date?
    /// The secret's resource policy (`get-resource-policy`); `.known(nil)` when it has none.
    public var policy: Known<ResourcePolicyText?>
    public var resourcePolicy: Known<String?> { policy.map { $0?.text } }
}

/// The Secrets Manager secrets of one region.
public struct SecretsManagerInventory: Sendable {
    public var secrets: Known<[Secret]>
}

extension SecretsManagerInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> SecretsManagerInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "secretsmanager", operation: operation, resource: resource)
        }
        let listed = loader.load(call("list-secrets")) { (root) throws(JSONShapeError) in
            try root.map("SecretList") { (s) throws(JSONShapeError) in
                let arn = try s.requiredString("ARN")
                let name = try s.string("Name") ?? arn
                return Secret(
                    ref: ResourceRef(arn: arn, type: "AWS::SecretsManager::Secret", account: scope.account, region: scope.region, name: name),
                    tags: try s.tagList("Tags"), arn: arn, name: name, kmsKeyId: try s.string("KmsKeyId"),
                    rotationEnabled: try s.bool("RotationEnabled") ?? false,
                    rotationIntervalDays: try s.optional("RotationRules")?.int("AutomaticallyAfterDays"),
                    lastRotated: try s.timestamp("LastRotatedDate"), lastChanged: try s.timestamp("LastChangedDate"),
                    lastAccessed: try s.timestamp("LastAccessedDate"), created: try s.timestamp("CreatedDate"),
                    deleted: try s.timestamp("DeletedDate"), policy: .unknown(reason: "not read"))
            }
        }
        let secrets: Known<[Secret]> = listed.map { secrets in
            secrets.map { secret in
                var secret = secret
                secret.policy = loader.load(call("get-resource-policy", secret.arn)) { (root) throws(JSONShapeError) in
                    try root.policyText("ResourcePolicy")
                }
                return secret
            }
        }
        return SecretsManagerInventory(secrets: secrets)
    }
}
