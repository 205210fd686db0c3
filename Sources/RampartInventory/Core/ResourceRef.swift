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
    /// Where the resource is declared, for resources read from infrastructure code (a template's
    /// file, line and logical id, or a Terraform plan's resource address); nil for live accounts
    /// and snapshots.
    public var location: SourceLocation?

    public init(
        arn: String, type: String, account: String, region: String,
        availabilityZone: String? = nil, availabilityZoneId: String? = nil, name: String, location: SourceLocation? = nil
    ) {
        self.arn = arn
        self.type = type
        self.account = account
        self.region = region
        self.availabilityZone = availabilityZone
        self.availabilityZoneId = availabilityZoneId
        self.name = name
        self.location = location
    }
}

/// Where a resource is declared in infrastructure code: a CloudFormation template (file, line,
/// logical id) or a Terraform plan (file and resource address).
public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The CloudFormation logical id (`WebSG`).
    public var logicalId: String?
    /// The Terraform resource address (`module.web.aws_security_group.web`).
    public var address: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, logicalId: String? = nil, address: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.logicalId = logicalId
        self.address = address
    }
}

/// A resource whose access is also governed by a resource-based policy (a bucket policy, key
/// policy, queue or topic policy, function policy, role trust policy ...): what the external
/// access analysis reads. Each service's resource conforms by giving the policy text.
public protocol ResourcePolicyBearing: Resource {
    /// The policy document's JSON text as the service returned it; `.known(nil)` when the resource
    /// has no policy, `.unknown` when it could not be read.
    var resourcePolicy: Known<String?> { get }
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
