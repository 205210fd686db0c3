import RampartJSON
public import struct Foundation.Date

/// A Lambda function's VPC attachment (`VpcConfig`); subnets empty when the function is not in a VPC.
public struct LambdaVPCConfig: Sendable {
    public var subnetIds: [String]
    public var securityGroupIds: [String]
    public var vpcId: String?
}

/// A Lambda function as `list-functions` describes it, with its resource policy (`get-policy`).
public struct LambdaFunction: ResourcePolicyBearing {
    public var ref: ResourceRef
    /// `list-functions` carries no tags.
    public var tags: Tags { [:] }
    public var name: String
    /// `nodejs18.x`, `python3.12` ...; nil for container-image functions (`PackageType` Image).
    public var runtime: String?
    public var packageType: String?
    /// The execution role's ARN.
    public var role: String
    /// Environment variable names to values, as Lambda returns them (plain text unless the
    /// customer encrypted them client-side). Values are secrets-to-be: never show them.
    public var environment: [String: String]
    /// The customer managed key that encrypts the environment at rest; nil for Lambda's own key.
    public var kmsKeyArn: String?
    public var vpcConfig: LambdaVPCConfig
    /// `Active` or `PassThrough` (`TracingConfig.Mode`); nil when absent.
    public var tracingMode: String?
    /// The dead-letter queue or topic, when one is configured.
    public var deadLetterTarget: String?
    public var layers: [String]
    public var lastModified: Date?
    /// The function policy (`get-policy`'s `Policy`); `.known(nil)` when the function has none.
    public var resourcePolicy: Known<String?>

    /// Whether the function is attached to a VPC.
    public var inVPC: Bool { !vpcConfig.subnetIds.isEmpty }
}

/// The region's Lambda functions.
public struct LambdaInventory: Sendable {
    public var functions: Known<[LambdaFunction]>
}

extension LambdaInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> LambdaInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "lambda", operation: operation, resource: resource)
        }
        struct Listed { var name, arn, role: String; var runtime, packageType, kms, tracing, dlq: String?; var env: [String: String]; var vpc: LambdaVPCConfig; var layers: [String]; var modified: Date? }
        let listing = loader.load(call("list-functions")) { (root) throws(JSONShapeError) in
            try root.map("Functions") { (f) throws(JSONShapeError) in
                var env: [String: String] = [:]
                if let variables = try f.optional("Environment")?.optional("Variables") {
                    for (key, node) in try variables.members() { env[key] = try node.string() }
                }
                let vpc = try f.optional("VpcConfig")
                return Listed(
                    name: try f.requiredString("FunctionName"), arn: try f.requiredString("FunctionArn"), role: try f.requiredString("Role"),
                    runtime: try f.string("Runtime"), packageType: try f.string("PackageType"), kms: try f.string("KMSKeyArn"),
                    tracing: try f.optional("TracingConfig")?.string("Mode"), dlq: try f.optional("DeadLetterConfig")?.string("TargetArn"),
                    env: env,
                    vpc: LambdaVPCConfig(subnetIds: try vpc?.strings("SubnetIds") ?? [], securityGroupIds: try vpc?.strings("SecurityGroupIds") ?? [],
                                         vpcId: try vpc?.string("VpcId")),
                    layers: try f.map("Layers") { (l) throws(JSONShapeError) in try l.requiredString("Arn") },
                    modified: try f.timestamp("LastModified"))
            }
        }
        let functions = listing.map { entries in
            entries.map { e in
                LambdaFunction(
                    ref: ResourceRef(arn: e.arn, type: "AWS::Lambda::Function", account: scope.account, region: scope.region, name: e.name),
                    name: e.name, runtime: e.runtime, packageType: e.packageType, role: e.role, environment: e.env, kmsKeyArn: e.kms,
                    vpcConfig: e.vpc, tracingMode: e.tracing, deadLetterTarget: e.dlq, layers: e.layers, lastModified: e.modified,
                    resourcePolicy: loader.loadOptional(call("get-policy", e.name)) { (root) throws(JSONShapeError) in try root.requiredString("Policy") })
            }
        }
        return LambdaInventory(functions: functions)
    }
}
