/// Identifies one AWS resource wherever it appears: in findings, outputs and the store.
public struct ResourceRef: Sendable, Hashable, Codable {
    /// The resource's ARN (or, for resources without one, an ARN-shaped identifier built the same way).
    public var arn: String
    /// The CloudFormation resource type name, e.g. `AWS::EC2::SecurityGroup`.
    public var type: String
    public var account: String
    /// The region, or `global` for IAM, S3 account settings and Route 53.
    public var region: String
    /// The Availability Zone's name in this account (`us-east-1a`), when the resource lives in one.
    public var availabilityZone: String?
    /// The Availability Zone's ID (`use1-az1`), which names the same zone in every account.
    public var availabilityZoneId: String?
    /// A short human name: the `Name` tag, or the resource's own name or id.
    public var name: String

    public init(
        arn: String, type: String, account: String, region: String,
        availabilityZone: String? = nil, availabilityZoneId: String? = nil, name: String
    ) {
        self.arn = arn
        self.type = type
        self.account = account
        self.region = region
        self.availabilityZone = availabilityZone
        self.availabilityZoneId = availabilityZoneId
        self.name = name
    }
}

/// Resource tags, key to value. Tag keys and values are attacker-controlled text.
public typealias Tags = [String: String]

/// Anything in the inventory that is an AWS resource.
public protocol Resource: Sendable {
    var ref: ResourceRef { get }
    var tags: Tags { get }
}

/// The partition, region and account an inventory scope covers; used to build ARNs.
public struct Scope: Sendable, Hashable {
    public var partition: String
    public var account: String
    /// A region name, or `global`.
    public var region: String

    public init(partition: String = "aws", account: String, region: String) {
        self.partition = partition
        self.account = account
        self.region = region
    }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, with the region left empty for global scopes.
    public func arn(_ service: String, _ resource: String, regional: Bool = true) -> String {
        "arn:\(partition):\(service):\(regional && region != "global" ? region : ""):\(account):\(resource)"
    }
}
