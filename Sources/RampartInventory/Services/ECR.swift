public import RampartJSON

/// A private ECR repository: its settings (`describe-repositories`), its repository policy and
/// its lifecycle policy, each read by its own call.
public struct ECRRepository: ResourcePolicyBearing {
    public var ref: ResourceRef
    /// `describe-repositories` does not return tags; empty.
    public var tags: Tags { [:] }
    public var name: String
    /// `MUTABLE`, `IMMUTABLE` or one of the `..._WITH_EXCLUSION` modes; nil when not returned.
    public var imageTagMutability: String?
    /// `imageScanningConfiguration.scanOnPush`; nil when not returned.
    public var scanOnPush: Bool?
    /// `AES256` or `KMS`/`KMS_DSSE`; nil when not returned.
    public var encryptionType: String?
    /// The repository policy's JSON text (`get-repository-policy`); `.known(nil)` when it has none.
    public var resourcePolicy: Known<String?>
    /// The lifecycle policy's JSON text (`get-lifecycle-policy`); `.known(nil)` when it has none.
    public var lifecyclePolicy: Known<String?>
}

/// ECR in one region.
public struct ECRInventory: Sendable {
    public var repositories: Known<[ECRRepository]>
}

extension ECRInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> ECRInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "ecr", operation: operation, resource: resource)
        }
        let listed = loader.load(call("describe-repositories")) { (root) throws(JSONShapeError) in
            try root.map("repositories") { (r) throws(JSONShapeError) in
                (name: try r.requiredString("repositoryName"), arn: try r.string("repositoryArn"),
                 mutability: try r.string("imageTagMutability"),
                 scanOnPush: try r.optional("imageScanningConfiguration")?.bool("scanOnPush"),
                 encryption: try r.optional("encryptionConfiguration")?.string("encryptionType"))
            }
        }
        let repositories: Known<[ECRRepository]> = listed.map { listed in
            listed.map { r in
                ECRRepository(
                    ref: ResourceRef(arn: r.arn ?? scope.arn("ecr", "repository/\(r.name)"), type: "AWS::ECR::Repository",
                        account: scope.account, region: scope.region, name: r.name),
                    name: r.name, imageTagMutability: r.mutability, scanOnPush: r.scanOnPush, encryptionType: r.encryption,
                    resourcePolicy: loader.loadOptional(call("get-repository-policy", r.name)) { (root) throws(JSONShapeError) in
                        try root.requiredString("policyText")
                    },
                    lifecyclePolicy: loader.loadOptional(call("get-lifecycle-policy", r.name)) { (root) throws(JSONShapeError) in
                        try root.requiredString("lifecyclePolicyText")
                    })
            }
        }
        return ECRInventory(repositories: repositories)
    }
}
