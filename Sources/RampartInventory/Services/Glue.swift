import RampartJSON

/// A Glue job (`get-jobs`).
public struct GlueJob: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var role: String?
    /// The security configuration the job runs with; nil when none.
    public var securityConfiguration: String?
}

/// A Glue security configuration's encryption modes (`get-security-configurations`).
public struct GlueSecurityConfiguration: Sendable {
    public var name: String
    /// `S3EncryptionMode` of each S3 encryption entry (`DISABLED`, `SSE-KMS`, `SSE-S3`).
    public var s3EncryptionModes: [String]
    /// `CloudWatchEncryptionMode` (`DISABLED`, `SSE-KMS`); nil when absent.
    public var cloudWatchEncryptionMode: String?
    /// `JobBookmarksEncryptionMode` (`DISABLED`, `CSE-KMS`); nil when absent.
    public var jobBookmarksEncryptionMode: String?
}

/// The Data Catalog's encryption settings (`get-data-catalog-encryption-settings`).
public struct GlueCatalogEncryption: Sendable {
    /// `CatalogEncryptionMode`: `DISABLED`, `SSE-KMS` or `SSE-KMS-WITH-SERVICE-ROLE`.
    public var catalogEncryptionMode: String?
    public var connectionPasswordsEncrypted: Bool
}

/// The region's Glue jobs, security configurations and Data Catalog encryption.
public struct GlueInventory: Sendable {
    public var jobs: Known<[GlueJob]>
    public var securityConfigurations: Known<[GlueSecurityConfiguration]>
    public var catalogEncryption: Known<GlueCatalogEncryption>
}

extension GlueInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> GlueInventory {
        func call(_ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "glue", operation: operation)
        }
        let jobs = loader.load(call("get-jobs")) { (root) throws(JSONShapeError) in
            try root.map("Jobs") { (j) throws(JSONShapeError) in
                let name = try j.requiredString("Name")
                return GlueJob(
                    ref: ResourceRef(arn: scope.arn("glue", "job/\(name)"), type: "AWS::Glue::Job", account: scope.account, region: scope.region, name: name),
                    name: name, role: try j.string("Role"), securityConfiguration: try j.string("SecurityConfiguration"))
            }
        }
        let configurations = loader.load(call("get-security-configurations")) { (root) throws(JSONShapeError) in
            try root.map("SecurityConfigurations") { (c) throws(JSONShapeError) in
                let e = try c.optional("EncryptionConfiguration")
                return GlueSecurityConfiguration(
                    name: try c.requiredString("Name"),
                    s3EncryptionModes: try e?.map("S3Encryption") { (s) throws(JSONShapeError) in try s.string("S3EncryptionMode") ?? "DISABLED" } ?? [],
                    cloudWatchEncryptionMode: try e?.optional("CloudWatchEncryption")?.string("CloudWatchEncryptionMode"),
                    jobBookmarksEncryptionMode: try e?.optional("JobBookmarksEncryption")?.string("JobBookmarksEncryptionMode"))
            }
        }
        let catalog = loader.load(call("get-data-catalog-encryption-settings")) { (root) throws(JSONShapeError) in
            let s = try root.required("DataCatalogEncryptionSettings")
            return GlueCatalogEncryption(
                catalogEncryptionMode: try s.optional("EncryptionAtRest")?.string("CatalogEncryptionMode"),
                connectionPasswordsEncrypted: try s.optional("ConnectionPasswordEncryption")?.bool("ReturnConnectionPasswordEncrypted") ?? false)
        }
        return GlueInventory(jobs: jobs, securityConfigurations: configurations, catalogEncryption: catalog)
    }
}
