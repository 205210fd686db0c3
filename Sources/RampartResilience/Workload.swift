public import RampartInventory

/// What kind of thing a workload is; decides how its capacity is counted (docs/resilience.md).
public enum WorkloadKind: String, Sendable, CaseIterable {
    case autoScalingGroup = "auto-scaling-group"
    case loadBalancer = "load-balancer"
    case instanceGroup = "instance-group"
    case instance
    case rdsInstance = "rds-instance"
    case dbCluster = "db-cluster"
    case dynamoDBTable = "dynamodb-table"
    case s3Bucket = "s3-bucket"
    case emrCluster = "emr-cluster"
    case redshiftCluster = "redshift-cluster"
    case workspacesDirectory = "workspaces-directory"
    case dnsRecord = "dns-record"
    case elastiCacheReplicationGroup = "elasticache-replication-group"
    case openSearchDomain = "opensearch-domain"
    case efsFileSystem = "efs-file-system"
    case sqsQueue = "sqs-queue"
    case snsTopic = "sns-topic"
    case kinesisStream = "kinesis-stream"
    case lambdaFunction = "lambda-function"
    case stateMachine = "state-machine"

    /// The short prefix of workload ids.
    var idPrefix: String {
        switch self {
        case .autoScalingGroup: "asg"
        case .loadBalancer: "elb"
        case .instanceGroup: "app"
        case .instance: "ec2"
        case .rdsInstance: "rds"
        case .dbCluster: "rds-cluster"
        case .dynamoDBTable: "dynamodb"
        case .s3Bucket: "s3"
        case .emrCluster: "emr"
        case .redshiftCluster: "redshift"
        case .workspacesDirectory: "workspaces"
        case .dnsRecord: "dns"
        case .elastiCacheReplicationGroup: "elasticache"
        case .openSearchDomain: "opensearch"
        case .efsFileSystem: "efs"
        case .sqsQueue: "sqs"
        case .snsTopic: "sns"
        case .kinesisStream: "kinesis"
        case .lambdaFunction: "lambda"
        case .stateMachine: "sfn"
        }
    }

    /// Whether the workload holds data whose loss a cross-Region copy protects against.
    public var holdsData: Bool {
        switch self {
        case .rdsInstance, .dbCluster, .dynamoDBTable, .s3Bucket, .redshiftCluster: true
        default: false
        }
    }
}

/// Some of a workload's capacity, in one place and one state.
public struct Placement: Sendable, Hashable {
    /// How the capacity takes part when something fails.
    public enum State: String, Sendable {
        /// Serving now.
        case active
        /// Idle, and takes over by itself when the active capacity fails (RDS Multi-AZ standby).
        case standby
        /// Running copy that a person must promote (RDS cross-Region read replica).
        case replica
        /// A copy of the data only, nothing running to serve it (S3 cross-Region replication).
        case copy
        /// Stopped or scaled to zero: cold standby.
        case stopped
        /// A backup copied to another Region, from which new capacity must be restored before
        /// anything serves (RDS cross-Region automated backups); counts no units.
        case backup
    }

    public var region: String
    /// The zone ID; nil when AWS spreads the capacity over the Region's zones (S3, DynamoDB).
    public var zoneId: String?
    public var units: Int
    public var state: State

    public init(region: String, zoneId: String?, units: Int, state: State) {
        self.region = region
        self.zoneId = zoneId
        self.units = units
        self.state = state
    }
}

/// Something that keeps running, or not, when a zone or Region fails: an Auto Scaling group,
/// a database, a bucket, the instances of one application. Derived from the inventory by
/// `WorkloadDerivation`; the simulation counts its capacity per place.
public struct Workload: Sendable {
    /// Stable and readable: `asg:us-east-1:web`, `rds:eu-west-1:orders` (account-prefixed when the
    /// inventory holds several accounts).
    public var id: String
    public var kind: WorkloadKind
    public var name: String
    public var account: String
    /// The Region it serves from.
    public var region: String
    public var resources: [ResourceRef]
    /// Tags of its resources merged (the primary resource's win); policy tag selectors match these.
    public var tags: Tags
    public var placements: [Placement]
    /// Capacity needed when neither the policy nor the `rampart:min-capacity` tag says, and why.
    public var defaultRequired: Int
    public var defaultRequiredReason: String
    /// What the derivation took for granted; printed with every result.
    public var assumptions: [String] = []
    /// Evidence that could not be read and that a zone failure would need.
    public var unknownForZones: [String] = []
    /// Evidence that could not be read and that a Region failure would need.
    public var unknownForRegion: [String] = []
    /// Zone IDs where the workload's load balancers take traffic; nil when it has no load balancer.
    public var entryZones: [String]?
    /// Whether traffic moves by itself when a place fails (health-checked DNS records).
    public var failsOverAutomatically = true
    /// The application it belongs to (app tag, stack name, or its own name): links copies in other Regions.
    public var application: String
    /// Whether it has a backup AWS keeps (RDS automated backups, DynamoDB PITR, S3 versioning); nil when not applicable or unknown.
    public var hasBackups: Bool?

    /// Serving capacity now.
    public var activeCapacity: Int { placements.filter { $0.state == .active }.reduce(0) { $0 + $1.units } }

    /// Active capacity per zone ID (regional placements are left out).
    public var activeByZone: [String: Int] {
        var out: [String: Int] = [:]
        for p in placements where p.state == .active { if let z = p.zoneId { out[z, default: 0] += p.units } }
        return out
    }

    /// The zone IDs that hold any of its placements.
    public var zoneIds: Set<String> { Set(placements.compactMap(\.zoneId)) }

    /// The Regions that hold any of its placements.
    public var regions: Set<String> { Set(placements.map(\.region)) }
}
