public import RampartJSON

/// What `describe-table` says of a table.
public struct DynamoDBTableDescription: Sendable {
    public var status: String?
    public var billingMode: String?
    public var deletionProtection: Bool
    /// `ENABLED`/`ENABLING` when encrypted with a KMS key; nil for the default AWS-owned key.
    public var sseStatus: String?
    public var sseType: String?
    /// Regions of the table's global-table replicas.
    public var replicaRegions: [String]
}

/// A DynamoDB table: its description, backups and tags, each read by its own call.
public struct DynamoDBTable: Resource {
    public var ref: ResourceRef
    /// The table's tags (`list-tags-of-resource`); empty when they were not read.
    public var tags: Tags { tagSet.value ?? [:] }
    /// The table's tags, or why they are not known: a check that selects tables by tag reports
    /// UNKNOWN rather than read an unread tag as absent.
    public var tagSet: Known<Tags>
    public var name: String
    public var description: Known<DynamoDBTableDescription>
    /// Whether point-in-time recovery is enabled (`describe-continuous-backups`).
    public var pointInTimeRecovery: Known<Bool>
}

public struct DynamoDBInventory: Sendable {
    public var tables: Known<[DynamoDBTable]>
}

extension DynamoDBInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> DynamoDBInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "dynamodb", operation: operation, resource: resource)
        }
        let names = loader.load(call("list-tables")) { (root) throws(JSONShapeError) in try root.strings("TableNames") }
        let tables: Known<[DynamoDBTable]> = names.map { names in
            names.map { name in
                let arn = scope.arn("dynamodb", "table/\(name)")
                return DynamoDBTable(
                    ref: ResourceRef(arn: arn, type: "AWS::DynamoDB::Table", account: scope.account, region: scope.region, name: name),
                    tagSet: loader.load(call("list-tags-of-resource", arn)) { (root) throws(JSONShapeError) in try root.tagList("Tags") },
                    name: name,
                    description: loader.load(call("describe-table", name)) { (root) throws(JSONShapeError) in
                        let t = try root.required("Table")
                        let sse = try t.optional("SSEDescription")
                        return DynamoDBTableDescription(
                            status: try t.string("TableStatus"),
                            billingMode: try t.optional("BillingModeSummary")?.string("BillingMode"),
                            deletionProtection: try t.bool("DeletionProtectionEnabled") ?? false,
                            sseStatus: try sse?.string("Status"), sseType: try sse?.string("SSEType"),
                            replicaRegions: try t.map("Replicas") { (r) throws(JSONShapeError) in try r.string("RegionName") ?? "" })
                    },
                    pointInTimeRecovery: loader.load(call("describe-continuous-backups", name)) { (root) throws(JSONShapeError) in
                        let status = try root.required("ContinuousBackupsDescription")
                            .optional("PointInTimeRecoveryDescription")?.string("PointInTimeRecoveryStatus")
                        return status == "ENABLED"
                    })
            }
        }
        return DynamoDBInventory(tables: tables)
    }
}
