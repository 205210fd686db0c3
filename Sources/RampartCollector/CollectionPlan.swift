public import RampartJSON

/// Where a call is made: once per account (IAM, S3's listing, Route 53) or once per region.
public enum CallScope: String, Sendable {
    case global, regional
}

/// A call made once per resource found by a listing call of the same service and scope.
public struct PerResource: Sendable {
    /// The listing operation (CLI name) whose output holds the ids.
    public var listing: String
    /// Where the ids are in the listing's output: `Buckets[].Name`, `TableNames[]`.
    public var path: String
    /// The API member that takes the id (`Bucket`, `TableName`).
    public var parameter: String
    /// Only the resources whose home region is the region being read (multi-region trails).
    public var homeRegionOnly: Bool = false
    /// The parameter's value built from each id, when the call wants more than the listing gives
    /// (DynamoDB's tags take the table's ARN): `{partition}`, `{region}`, `{account}` and `{id}` are
    /// replaced. The snapshot file is named for the built value.
    public var template: String? = nil
    /// The API member is a list (`describe-clusters --clusters`, `batch-get-projects --names`):
    /// the id is sent as a one-element list.
    public var asList: Bool = false

    /// The value passed for one listed id.
    public func value(for id: String, account: String, region: String) -> String {
        guard let template else { return id }
        return template.replacingOccurrences(of: "{partition}", with: Self.partition(of: region))
            .replacingOccurrences(of: "{region}", with: region)
            .replacingOccurrences(of: "{account}", with: account)
            .replacingOccurrences(of: "{id}", with: id)
    }

    /// The ARN partition a region belongs to.
    static func partition(of region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }
}

/// One AWS CLI call Rampart makes: the unit of collection, of the snapshot layout and of the
/// read-only allow-list.
public struct PlannedCall: Sendable {
    public var scope: CallScope
    /// The AWS CLI's service name (`s3api`, `elbv2`).
    public var service: String
    /// The AWS CLI's operation name (`describe-db-instances`).
    public var operation: String
    /// Fixed API parameters; `{account}` in a string value is the account being read.
    public var parameters: JSONObject = JSONObject()
    public var perResource: PerResource?
    /// The region an account-wide call must be sent to whatever the home region: WAF's
    /// `CLOUDFRONT` scope answers only in us-east-1. nil sends it to the home region.
    public var region: String? = nil
}

/// Every call Rampart makes, and nothing else. `Examples/demo-generator/dump.py` makes the same
/// calls with the AWS CLI (a test keeps the two lists equal).
public enum CollectionPlan {
    static let buckets = PerResource(listing: "list-buckets", path: "Buckets[].Name", parameter: "Bucket")
    static let zones = PerResource(listing: "list-hosted-zones", path: "HostedZones[].Id", parameter: "HostedZoneId")
    static let tables = PerResource(listing: "list-tables", path: "TableNames[]", parameter: "TableName")
    static let tableArns = PerResource(listing: "list-tables", path: "TableNames[]", parameter: "ResourceArn", template: "arn:{partition}:dynamodb:{region}:{account}:table/{id}")
    static let emrClusters = PerResource(listing: "list-clusters", path: "Clusters[].Id", parameter: "ClusterId")
    static let targetGroups = PerResource(listing: "describe-target-groups", path: "TargetGroups[].TargetGroupArn", parameter: "TargetGroupArn")
    static let loadBalancers = PerResource(listing: "describe-load-balancers", path: "LoadBalancers[].LoadBalancerArn", parameter: "LoadBalancerArn")
    static let keys = PerResource(listing: "list-keys", path: "Keys[].KeyId", parameter: "KeyId")
    static let trailsByName = PerResource(listing: "describe-trails", path: "trailList[].TrailARN", parameter: "Name", homeRegionOnly: true)
    static let trailsByTrailName = PerResource(listing: "describe-trails", path: "trailList[].TrailARN", parameter: "TrailName", homeRegionOnly: true)
    static let ebsSnapshots = PerResource(listing: "describe-snapshots", path: "Snapshots[].SnapshotId", parameter: "SnapshotId")
    static let dbSnapshots = PerResource(listing: "describe-db-snapshots", path: "DBSnapshots[].DBSnapshotIdentifier", parameter: "DBSnapshotIdentifier")
    static let prefixLists = PerResource(listing: "describe-managed-prefix-lists", path: "PrefixLists[].PrefixListId", parameter: "PrefixListId")
    static let detectors = PerResource(listing: "list-detectors", path: "DetectorIds[]", parameter: "DetectorId")
    static let ecrRepositories = PerResource(listing: "describe-repositories", path: "repositories[].repositoryName", parameter: "repositoryName")
    static let efsFileSystems = PerResource(listing: "describe-file-systems", path: "FileSystems[].FileSystemId", parameter: "FileSystemId")
    static let openSearchDomains = PerResource(listing: "list-domain-names", path: "DomainNames[].DomainName", parameter: "DomainName")
    static let queues = PerResource(listing: "list-queues", path: "QueueUrls[]", parameter: "QueueUrl")
    static let topics = PerResource(listing: "list-topics", path: "Topics[].TopicArn", parameter: "TopicArn")
    static let secrets = PerResource(listing: "list-secrets", path: "SecretList[].ARN", parameter: "SecretId")
    static let streams = PerResource(listing: "list-streams", path: "StreamNames[]", parameter: "StreamName")
    static let certificates = PerResource(listing: "list-certificates", path: "CertificateSummaryList[].CertificateArn", parameter: "CertificateArn")
    static let documents = PerResource(listing: "list-documents", path: "DocumentIdentifiers[].Name", parameter: "Name")
    static let lambdaFunctions = PerResource(listing: "list-functions", path: "Functions[].FunctionName", parameter: "FunctionName")
    static let ecsClusters = PerResource(listing: "list-clusters", path: "clusterArns[]", parameter: "clusters", asList: true)
    static let ecsTaskDefinitions = PerResource(listing: "list-task-definitions", path: "taskDefinitionArns[]", parameter: "taskDefinition")
    static let eksClusters = PerResource(listing: "list-clusters", path: "clusters[]", parameter: "name")
    static let codeBuildProjects = PerResource(listing: "list-projects", path: "projects[]", parameter: "names", asList: true)
    static let stateMachines = PerResource(listing: "list-state-machines", path: "stateMachines[].stateMachineArn", parameter: "stateMachineArn")
    static let notebookInstances = PerResource(listing: "list-notebook-instances", path: "NotebookInstances[].NotebookInstanceName", parameter: "NotebookInstanceName")
    static let distributions = PerResource(listing: "list-distributions", path: "DistributionList.Items[].Id", parameter: "Id")
    static let webACLs = PerResource(listing: "list-web-acls", path: "WebACLs[].ARN", parameter: "ARN")
    static let webACLLogging = PerResource(listing: "list-web-acls", path: "WebACLs[].ARN", parameter: "ResourceArn")
    static let restAPIs = PerResource(listing: "get-rest-apis", path: "items[].id", parameter: "restApiId")
    static let httpAPIs = PerResource(listing: "get-apis", path: "Items[].ApiId", parameter: "ApiId")

    static func g(_ service: String, _ operation: String, _ parameters: JSONObject = JSONObject(), each: PerResource? = nil, region: String? = nil) -> PlannedCall {
        PlannedCall(scope: .global, service: service, operation: operation, parameters: parameters, perResource: each, region: region)
    }

    static func r(_ service: String, _ operation: String, _ parameters: JSONObject = JSONObject(), each: PerResource? = nil) -> PlannedCall {
        PlannedCall(scope: .regional, service: service, operation: operation, parameters: parameters, perResource: each)
    }

    public static let calls: [PlannedCall] = [
        g("iam", "get-account-authorization-details"),
        g("iam", "get-credential-report"),
        g("iam", "get-account-password-policy"),
        g("iam", "get-account-summary"),
        g("iam", "list-virtual-mfa-devices"),
        g("iam", "list-server-certificates"),
        g("s3api", "list-buckets"),
        g("s3api", "get-bucket-location", each: buckets),
        g("s3api", "get-bucket-acl", each: buckets),
        g("s3api", "get-bucket-policy", each: buckets),
        g("s3api", "get-public-access-block", each: buckets),
        g("s3api", "get-bucket-encryption", each: buckets),
        g("s3api", "get-bucket-versioning", each: buckets),
        g("s3api", "get-bucket-replication", each: buckets),
        g("s3api", "get-bucket-logging", each: buckets),
        g("s3api", "get-bucket-tagging", each: buckets),
        g("s3control", "get-public-access-block", ["AccountId": "{account}"]),
        g("route53", "list-hosted-zones"),
        g("route53", "list-health-checks"),
        g("route53", "list-resource-record-sets", each: zones),
        g("cloudfront", "list-distributions"),
        g("cloudfront", "get-distribution-config", each: distributions),
        // Web ACLs for CloudFront are WAF's CLOUDFRONT scope, which answers only in us-east-1.
        g("wafv2", "list-web-acls", ["Scope": "CLOUDFRONT"], region: "us-east-1"),
        g("wafv2", "get-web-acl", ["Scope": "CLOUDFRONT"], each: webACLs, region: "us-east-1"),
        g("wafv2", "get-logging-configuration", each: webACLLogging, region: "us-east-1"),
        r("ec2", "describe-availability-zones"),
        r("ec2", "describe-instances"),
        r("ec2", "describe-security-groups"),
        r("ec2", "describe-network-acls"),
        r("ec2", "describe-volumes"),
        r("ec2", "describe-snapshots", ["OwnerIds": ["self"]]),
        r("ec2", "describe-snapshot-attribute", ["Attribute": "createVolumePermission"], each: ebsSnapshots),
        r("ec2", "describe-vpcs"),
        r("ec2", "describe-subnets"),
        r("ec2", "describe-route-tables"),
        r("ec2", "describe-internet-gateways"),
        r("ec2", "describe-flow-logs"),
        r("ec2", "get-ebs-encryption-by-default"),
        r("ec2", "describe-managed-prefix-lists"),
        r("ec2", "get-managed-prefix-list-entries", each: prefixLists),
        r("rds", "describe-db-instances"),
        r("rds", "describe-db-clusters"),
        r("rds", "describe-db-snapshots"),
        r("rds", "describe-db-snapshot-attributes", each: dbSnapshots),
        r("rds", "describe-db-instance-automated-backups"),
        r("rds", "describe-global-clusters"),
        r("dynamodb", "list-tables"),
        r("dynamodb", "describe-table", each: tables),
        r("dynamodb", "describe-continuous-backups", each: tables),
        r("dynamodb", "list-tags-of-resource", each: tableArns),
        r("redshift", "describe-clusters"),
        r("redshift", "describe-cluster-subnet-groups"),
        r("emr", "list-clusters"),
        r("emr", "get-block-public-access-configuration"),
        r("emr", "describe-cluster", each: emrClusters),
        r("workspaces", "describe-workspaces"),
        r("workspaces", "describe-workspace-directories"),
        r("elbv2", "describe-load-balancers"),
        r("elbv2", "describe-target-groups"),
        r("elbv2", "describe-target-health", each: targetGroups),
        r("elbv2", "describe-listeners", each: loadBalancers),
        r("elbv2", "describe-load-balancer-attributes", each: loadBalancers),
        r("autoscaling", "describe-auto-scaling-groups"),
        r("cloudtrail", "describe-trails"),
        r("cloudtrail", "get-trail-status", each: trailsByName),
        r("cloudtrail", "get-event-selectors", each: trailsByTrailName),
        r("kms", "list-keys"),
        r("kms", "describe-key", each: keys),
        r("kms", "get-key-rotation-status", each: keys),
        r("kms", "get-key-policy", ["PolicyName": "default"], each: keys),
        r("configservice", "describe-configuration-recorders"),
        r("configservice", "describe-configuration-recorder-status"),
        r("configservice", "describe-delivery-channels"),
        r("logs", "describe-metric-filters"),
        r("cloudwatch", "describe-alarms"),
        r("sns", "list-subscriptions"),
        r("guardduty", "list-detectors"),
        r("guardduty", "get-detector", each: detectors),
        r("securityhub", "describe-hub"),
        r("backup", "list-backup-plans"),
        r("backup", "list-backup-vaults"),
        r("accessanalyzer", "list-analyzers"),
        r("ecr", "describe-repositories"),
        r("ecr", "get-repository-policy", each: ecrRepositories),
        r("ecr", "get-lifecycle-policy", each: ecrRepositories),
        r("elasticache", "describe-replication-groups"),
        r("elasticache", "describe-cache-clusters", ["ShowCacheNodeInfo": true]),
        r("efs", "describe-file-systems"),
        r("efs", "describe-backup-policy", each: efsFileSystems),
        r("efs", "describe-file-system-policy", each: efsFileSystems),
        r("efs", "describe-mount-targets", each: efsFileSystems),
        r("efs", "describe-access-points"),
        r("opensearch", "list-domain-names"),
        r("opensearch", "describe-domain", each: openSearchDomains),
        r("sqs", "list-queues"),
        r("sqs", "get-queue-attributes", ["AttributeNames": ["All"]], each: queues),
        r("sns", "list-topics"),
        r("sns", "get-topic-attributes", each: topics),
        r("secretsmanager", "list-secrets"),
        r("secretsmanager", "get-resource-policy", each: secrets),
        r("kinesis", "list-streams"),
        r("kinesis", "describe-stream-summary", each: streams),
        // Without Includes, ListCertificates returns only RSA_2048 and EC certificates: weaker keys would hide.
        r("acm", "list-certificates", ["Includes": ["keyTypes": ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]]]),
        r("acm", "describe-certificate", each: certificates),
        r("ssm", "describe-parameters"),
        r("ssm", "list-documents", ["Filters": [["Key": "Owner", "Values": ["Self"]]]]),
        r("ssm", "describe-document-permission", ["PermissionType": "Share"], each: documents),
        r("ssm", "describe-instance-information"),
        r("ssm", "list-resource-compliance-summaries"),
        r("lambda", "list-functions"),
        r("lambda", "get-policy", each: lambdaFunctions),
        r("ecs", "list-clusters"),
        r("ecs", "describe-clusters", ["include": ["SETTINGS"]], each: ecsClusters),
        r("ecs", "list-task-definitions"),
        r("ecs", "describe-task-definition", each: ecsTaskDefinitions),
        r("eks", "list-clusters"),
        r("eks", "describe-cluster", each: eksClusters),
        r("codebuild", "list-projects"),
        r("codebuild", "batch-get-projects", each: codeBuildProjects),
        r("stepfunctions", "list-state-machines"),
        r("stepfunctions", "describe-state-machine", each: stateMachines),
        r("sagemaker", "list-notebook-instances"),
        r("sagemaker", "describe-notebook-instance", each: notebookInstances),
        r("glue", "get-jobs"),
        r("glue", "get-data-catalog-encryption-settings"),
        r("glue", "get-security-configurations"),
        r("apigateway", "get-rest-apis"),
        r("apigateway", "get-stages", each: restAPIs),
        r("apigateway", "get-resources", ["embed": ["methods"]], each: restAPIs),
        r("apigatewayv2", "get-apis"),
        r("apigatewayv2", "get-stages", each: httpAPIs),
        r("apigatewayv2", "get-routes", each: httpAPIs),
        r("wafv2", "list-web-acls", ["Scope": "REGIONAL"]),
        r("wafv2", "get-web-acl", ["Scope": "REGIONAL"], each: webACLs),
        r("wafv2", "get-logging-configuration", each: webACLLogging),
    ]

    /// Calls made to set up or scope a collection, or that the AWS CLI makes inside one of the
    /// planned commands (`emr describe-cluster` merges the cluster's instance groups or fleets and
    /// bootstrap actions); not stored as files of their own.
    public static let supportCalls: [(service: String, operation: String)] = [
        ("sts", "get-caller-identity"),
        ("ec2", "describe-regions"),
        ("iam", "generate-credential-report"),
        ("emr", "list-instance-groups"),
        ("emr", "list-instance-fleets"),
        ("emr", "list-bootstrap-actions"),
    ]

    /// The calls `--org` makes in the management (or delegated administrator) account to read the
    /// organization; stored under `<management>/global/organizations/` (DESIGN.md).
    public static let organizationCalls: [(service: String, operation: String)] = [
        ("organizations", "describe-organization"),
        ("organizations", "list-accounts"),
        ("organizations", "list-roots"),
        ("organizations", "list-organizational-units-for-parent"),
        ("organizations", "list-accounts-for-parent"),
        ("organizations", "list-policies"),
        ("organizations", "describe-policy"),
        ("organizations", "list-targets-for-policy"),
    ]

    /// Every operation Rampart may send, for the client's read-only allow-list.
    public static var allowedOperations: [(service: String, operation: String)] {
        calls.map { ($0.service, $0.operation) } + supportCalls + organizationCalls
    }
}
