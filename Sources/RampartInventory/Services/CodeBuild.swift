public import RampartJSON

/// An environment variable of a CodeBuild project: `PLAINTEXT` values are stored and shown in
/// clear; `PARAMETER_STORE` and `SECRETS_MANAGER` values are references. Never show a value.
public struct CodeBuildEnvironmentVariable: Sendable {
    public var name: String
    public var value: String
    public var type: String
}

/// What `batch-get-projects` says of a project.
public struct CodeBuildProjectDetails: Sendable {
    public var sourceType: String?
    /// The source location (a repository URL, which may embed credentials).
    public var sourceLocation: String?
    public var privilegedMode: Bool
    public var environmentVariables: [CodeBuildEnvironmentVariable]
    public var serviceRole: String?
    public var encryptionKey: String?
    /// `logsConfig.cloudWatchLogs.status` and `logsConfig.s3Logs.status` (`ENABLED`/`DISABLED`); nil when absent.
    public var cloudWatchLogsStatus: String?
    public var s3LogsStatus: String?
    public var s3LogsEncryptionDisabled: Bool
    /// `artifacts.encryptionDisabled` of the primary and secondary artifacts.
    public var artifactEncryptionDisabled: Bool
}

/// A CodeBuild project (`list-projects`) with its description.
public struct CodeBuildProject: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var name: String
    public var details: Known<CodeBuildProjectDetails>
}

/// The region's CodeBuild projects.
public struct CodeBuildInventory: Sendable {
    public var projects: Known<[CodeBuildProject]>
}

extension CodeBuildInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> CodeBuildInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "codebuild", operation: operation, resource: resource)
        }
        let names = loader.load(call("list-projects")) { (root) throws(JSONShapeError) in try root.strings("projects") }
        let projects = names.map { names in
            names.map { name in
                var tags: Tags = [:]
                var arn: String?
                let details = loader.load(call("batch-get-projects", name)) { (root) throws(JSONShapeError) -> CodeBuildProjectDetails in
                    guard let p = try root.array("projects").first else {
                        throw JSONShapeError(path: "projects", message: "the project is not described (projectsNotFound)")
                    }
                    arn = try p.string("arn")
                    for tag in try p.array("tags") { if let k = try tag.string("key") { tags[k] = try tag.string("value") ?? "" } }
                    let env = try p.optional("environment")
                    let logs = try p.optional("logsConfig")
                    let artifacts = [try p.optional("artifacts")].compactMap { $0 } + (try p.array("secondaryArtifacts"))
                    var artifactsUnencrypted = false
                    for a in artifacts where try a.bool("encryptionDisabled") == true { artifactsUnencrypted = true }
                    return CodeBuildProjectDetails(
                        sourceType: try p.optional("source")?.string("type"), sourceLocation: try p.optional("source")?.string("location"),
                        privilegedMode: try env?.bool("privilegedMode") ?? false,
                        environmentVariables: try env?.map("environmentVariables") { (v) throws(JSONShapeError) in
                            CodeBuildEnvironmentVariable(name: try v.string("name") ?? "", value: try v.string("value") ?? "", type: try v.string("type") ?? "PLAINTEXT")
                        } ?? [],
                        serviceRole: try p.string("serviceRole"), encryptionKey: try p.string("encryptionKey"),
                        cloudWatchLogsStatus: try logs?.optional("cloudWatchLogs")?.string("status"),
                        s3LogsStatus: try logs?.optional("s3Logs")?.string("status"),
                        s3LogsEncryptionDisabled: try logs?.optional("s3Logs")?.bool("encryptionDisabled") ?? false,
                        artifactEncryptionDisabled: artifactsUnencrypted)
                }
                return CodeBuildProject(
                    ref: ResourceRef(arn: arn ?? scope.arn("codebuild", "project/\(name)"), type: "AWS::CodeBuild::Project", account: scope.account,
                                     region: scope.region, name: name),
                    tags: tags, name: name, details: details)
            }
        }
        return CodeBuildInventory(projects: projects)
    }
}
