public import RampartJSON

/// An ECS cluster (`list-clusters`), with its settings read by `describe-clusters --include SETTINGS`.
public struct ECSCluster: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var details: Known<ECSClusterDetails>
}

/// What `describe-clusters` says of one cluster.
public struct ECSClusterDetails: Sendable {
    public var status: String?
    /// The `containerInsights` setting (`enabled`, `enhanced`, `disabled`); nil when not reported.
    public var containerInsights: String?
    public var capacityProviders: [String]
}

/// A name/value pair of a container's `environment`. The value is plain text in the task
/// definition; never show it.
public struct ECSEnvironmentVariable: Sendable {
    public var name: String
    public var value: String
}

/// One container of a task definition.
public struct ECSContainerDefinition: Sendable {
    public var name: String
    public var image: String?
    public var privileged: Bool?
    /// `user` as written (`root`, `0`, `1000:1000`); nil runs as the image's user, root by default.
    public var user: String?
    public var readonlyRootFilesystem: Bool?
    public var environment: [ECSEnvironmentVariable]
    /// Names of variables taken from Secrets Manager or Parameter Store (`secrets`).
    public var secretNames: [String]
    /// `logConfiguration.logDriver`; nil when the container has no log configuration.
    public var logDriver: String?
}

/// An ECS task definition revision (`describe-task-definition`).
public struct ECSTaskDefinition: Sendable {
    public var family: String
    public var revision: Int
    public var networkMode: String?
    public var pidMode: String?
    public var taskRoleArn: String?
    public var executionRoleArn: String?
    public var containers: [ECSContainerDefinition]
}

/// A task definition revision listed by `list-task-definitions` (active revisions), with its description.
public struct ECSTaskDefinitionRevision: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var arn: String
    public var definition: Known<ECSTaskDefinition>

    /// `family:revision` from the ARN (`.../task-definition/web:3`).
    public var familyAndRevision: (family: String, revision: Int)? {
        guard let last = arn.split(separator: "/").last else { return nil }
        let parts = last.split(separator: ":")
        guard parts.count == 2, let revision = Int(parts[1]) else { return nil }
        return (String(parts[0]), revision)
    }
}

/// The region's ECS clusters and active task definitions.
public struct ECSInventory: Sendable {
    public var clusters: Known<[ECSCluster]>
    public var taskDefinitions: Known<[ECSTaskDefinitionRevision]>

    /// The newest active revision of each family: what a new task would run, and what AWS
    /// Security Hub's ECS controls evaluate.
    public var latestTaskDefinitions: Known<[ECSTaskDefinitionRevision]> {
        taskDefinitions.map { all in
            var newest: [String: ECSTaskDefinitionRevision] = [:]
            var order: [String] = []
            for td in all {
                let key = td.familyAndRevision?.family ?? td.arn
                guard let current = newest[key] else { newest[key] = td; order.append(key); continue }
                if (td.familyAndRevision?.revision ?? 0) > (current.familyAndRevision?.revision ?? 0) { newest[key] = td }
            }
            return order.compactMap { newest[$0] }
        }
    }
}

extension ECSInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> ECSInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "ecs", operation: operation, resource: resource)
        }
        let clusterArns = loader.load(call("list-clusters")) { (root) throws(JSONShapeError) in try root.strings("clusterArns") }
        let clusters = clusterArns.map { arns in
            arns.map { arn in
                let name = String(arn.split(separator: "/").last ?? Substring(arn))
                let details = loader.load(call("describe-clusters", arn)) { (root) throws(JSONShapeError) -> ECSClusterDetails in
                    guard let c = try root.array("clusters").first else {
                        throw JSONShapeError(path: "clusters", message: "the cluster is not described (failures: \(try root.array("failures").count))")
                    }
                    var insights: String?
                    for s in try c.array("settings") where try s.string("name") == "containerInsights" { insights = try s.string("value") }
                    return ECSClusterDetails(status: try c.string("status"), containerInsights: insights, capacityProviders: try c.strings("capacityProviders"))
                }
                return ECSCluster(ref: ResourceRef(arn: arn, type: "AWS::ECS::Cluster", account: scope.account, region: scope.region, name: name),
                                  name: name, details: details)
            }
        }
        let tdArns = loader.load(call("list-task-definitions")) { (root) throws(JSONShapeError) in try root.strings("taskDefinitionArns") }
        let taskDefinitions = tdArns.map { arns in
            arns.map { arn in
                let definition = loader.load(call("describe-task-definition", arn)) { (root) throws(JSONShapeError) in
                    let td = try root.required("taskDefinition")
                    return ECSTaskDefinition(
                        family: try td.requiredString("family"), revision: try td.int("revision") ?? 0,
                        networkMode: try td.string("networkMode"), pidMode: try td.string("pidMode"),
                        taskRoleArn: try td.string("taskRoleArn"), executionRoleArn: try td.string("executionRoleArn"),
                        containers: try td.map("containerDefinitions") { (c) throws(JSONShapeError) in
                            ECSContainerDefinition(
                                name: try c.string("name") ?? "", image: try c.string("image"), privileged: try c.bool("privileged"),
                                user: try c.string("user"), readonlyRootFilesystem: try c.bool("readonlyRootFilesystem"),
                                environment: try c.map("environment") { (e) throws(JSONShapeError) in
                                    ECSEnvironmentVariable(name: try e.string("name") ?? "", value: try e.string("value") ?? "")
                                },
                                secretNames: try c.map("secrets") { (s) throws(JSONShapeError) in try s.string("name") ?? "" },
                                logDriver: try c.optional("logConfiguration")?.string("logDriver"))
                        })
                }
                let name = String(arn.split(separator: "/").last ?? Substring(arn))
                return ECSTaskDefinitionRevision(
                    ref: ResourceRef(arn: arn, type: "AWS::ECS::TaskDefinition", account: scope.account, region: scope.region, name: name),
                    arn: arn, definition: definition)
            }
        }
        return ECSInventory(clusters: clusters, taskDefinitions: taskDefinitions)
    }
}
