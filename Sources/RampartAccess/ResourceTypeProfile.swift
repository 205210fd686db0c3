public import RampartIAM

/// What external access means for one resource type (keyed by CloudFormation type): which
/// services' actions matter, which to try first for a witness, how its policy is evaluated, and
/// which condition keys confine a caller to "not public".
public struct ResourceTypeProfile: Sendable {
    public var type: String
    /// IAM service prefixes whose actions act on this resource.
    public var services: [String]
    /// Actions tried first when building a witness (the ones people care about).
    public var preferredActions: [String]
    public var policyKind: ResourcePolicyKind
    /// The check id stem: `sqs.queue` gives `sqs.queue.not-public`.
    public var checkStem: String
    /// Condition keys that confine the caller when pinned to fixed values; nil: the generic rule.
    public var confiningKeys: [String: ConfinementKind]?

    public init(type: String, services: [String], preferredActions: [String], policyKind: ResourcePolicyKind = .standard,
        checkStem: String, confiningKeys: [String: ConfinementKind]? = nil)
    {
        self.type = type
        self.services = services
        self.preferredActions = preferredActions
        self.policyKind = policyKind
        self.checkStem = checkStem
        self.confiningKeys = confiningKeys
    }

    /// The keys that confine the caller for this type.
    public var keys: [String: ConfinementKind] { confiningKeys ?? ConfinementKind.generic }

    /// The table: every resource type known to carry a resource policy. Types not listed get a
    /// profile from their ARN's service (`profile(for:arn:)`).
    public static let table: [String: ResourceTypeProfile] = {
        let list: [ResourceTypeProfile] = [
            ResourceTypeProfile(type: "AWS::S3::Bucket", services: ["s3"],
                preferredActions: ["s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:DeleteObject"], checkStem: "s3.bucket",
                confiningKeys: ConfinementKind.s3),
            ResourceTypeProfile(type: "AWS::KMS::Key", services: ["kms"],
                preferredActions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:CreateGrant"], policyKind: .kmsKey,
                checkStem: "kms.key"),
            ResourceTypeProfile(type: "AWS::IAM::Role", services: ["sts"],
                preferredActions: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"], policyKind: .roleTrust,
                checkStem: "iam.role"),
            ResourceTypeProfile(type: "AWS::SQS::Queue", services: ["sqs"],
                preferredActions: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"], checkStem: "sqs.queue"),
            ResourceTypeProfile(type: "AWS::SNS::Topic", services: ["sns"],
                preferredActions: ["sns:Publish", "sns:Subscribe"], checkStem: "sns.topic"),
            ResourceTypeProfile(type: "AWS::Lambda::Function", services: ["lambda"],
                preferredActions: ["lambda:InvokeFunction", "lambda:GetFunction"], checkStem: "lambda.function"),
            ResourceTypeProfile(type: "AWS::Lambda::LayerVersion", services: ["lambda"],
                preferredActions: ["lambda:GetLayerVersion"], checkStem: "lambda.layer"),
            ResourceTypeProfile(type: "AWS::SecretsManager::Secret", services: ["secretsmanager"],
                preferredActions: ["secretsmanager:GetSecretValue"], checkStem: "secretsmanager.secret"),
            ResourceTypeProfile(type: "AWS::ECR::Repository", services: ["ecr"],
                preferredActions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage"], checkStem: "ecr.repository"),
            ResourceTypeProfile(type: "AWS::EFS::FileSystem", services: ["elasticfilesystem"],
                preferredActions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], checkStem: "efs.file-system"),
            ResourceTypeProfile(type: "AWS::OpenSearchService::Domain", services: ["es"],
                preferredActions: ["es:ESHttpGet", "es:ESHttpPost"], checkStem: "opensearch.domain"),
            ResourceTypeProfile(type: "AWS::ApiGateway::RestApi", services: ["execute-api"],
                preferredActions: ["execute-api:Invoke"], checkStem: "apigateway.rest-api"),
            ResourceTypeProfile(type: "AWS::Kinesis::Stream", services: ["kinesis"],
                preferredActions: ["kinesis:GetRecords", "kinesis:PutRecord"], checkStem: "kinesis.stream"),
            ResourceTypeProfile(type: "AWS::Glue::Catalog", services: ["glue"],
                preferredActions: ["glue:GetTable", "glue:GetDatabase"], checkStem: "glue.catalog"),
            ResourceTypeProfile(type: "AWS::Glacier::Vault", services: ["glacier"],
                preferredActions: ["glacier:InitiateJob", "glacier:GetJobOutput"], checkStem: "glacier.vault"),
            ResourceTypeProfile(type: "AWS::Events::EventBus", services: ["events"],
                preferredActions: ["events:PutEvents"], checkStem: "events.event-bus"),
            ResourceTypeProfile(type: "AWS::CodeBuild::Project", services: ["codebuild"],
                preferredActions: ["codebuild:BatchGetProjects", "codebuild:StartBuild"], checkStem: "codebuild.project"),
            ResourceTypeProfile(type: "AWS::EC2::Snapshot", services: ["ec2"], preferredActions: ["ec2:CreateVolume"],
                checkStem: "ec2.snapshot"),
            ResourceTypeProfile(type: "AWS::EC2::Image", services: ["ec2"], preferredActions: ["ec2:RunInstances"], checkStem: "ec2.image"),
            ResourceTypeProfile(type: "AWS::RDS::DBSnapshot", services: ["rds"],
                preferredActions: ["rds:RestoreDBInstanceFromDBSnapshot"], checkStem: "rds.db-snapshot"),
            ResourceTypeProfile(type: "AWS::SSM::Document", services: ["ssm"], preferredActions: ["ssm:SendCommand", "ssm:GetDocument"],
                checkStem: "ssm.document"),
            ResourceTypeProfile(type: "AWS::RDS::DBClusterSnapshot", services: ["rds"],
                preferredActions: ["rds:RestoreDBClusterFromSnapshot"], checkStem: "rds.cluster-snapshot"),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.type, $0) })
    }()

    /// The profile for a type: from the table, else one built from the ARN's service.
    public static func profile(for type: String, arn: String) -> ResourceTypeProfile {
        if let p = table[type] { return p }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let service = parts.count > 2 ? String(parts[2]) : "*"
        let pieces = type.split(separator: ":").filter { !$0.isEmpty }.map { $0.lowercased() }
        let stem = pieces.count == 3 ? "\(pieces[1]).\(pieces[2])" : service
        return ResourceTypeProfile(type: type, services: [service], preferredActions: [], checkStem: stem)
    }
}

/// What a condition key pinned to fixed values confines the caller to.
public enum ConfinementKind: String, Sendable, Hashable {
    /// Accounts (`aws:PrincipalAccount`, `aws:SourceAccount`, `kms:CallerAccount` ...): the values are account ids.
    case account
    /// ARNs whose account field names the account (`aws:PrincipalArn`, `aws:SourceArn`).
    case arn
    /// Organizations (`aws:PrincipalOrgID`, `aws:SourceOrgID`) or their paths.
    case organization
    case organizationPath
    /// A network place or a service the request must pass through (VPC, VPC endpoint, IP range, `kms:ViaService`).
    case network

    /// The generic rule: keys whose value the caller cannot choose ("AWS global condition context
    /// keys": the principal's, the source's and the network's properties).
    public static let generic: [String: ConfinementKind] = [
        "aws:principalaccount": .account, "aws:sourceaccount": .account, "aws:sourceowner": .account,
        "kms:calleraccount": .account, "s3:dataaccesspointaccount": .account,
        "aws:principalarn": .arn, "aws:sourcearn": .arn, "s3:dataaccesspointarn": .arn,
        "aws:principalorgid": .organization, "aws:sourceorgid": .organization,
        "aws:principalorgpaths": .organizationPath, "aws:sourceorgpaths": .organizationPath,
        "aws:sourcevpc": .network, "aws:sourcevpce": .network, "aws:sourceip": .network, "kms:viaservice": .network,
        "aws:sourcevpcarn": .network, "aws:userid": .network,
    ]

    /// S3's own list ("Blocking public access to your Amazon S3 storage" — "The meaning of
    /// 'public'"): aws:SourceIp, aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner,
    /// aws:SourceAccount, aws:userid outside "AROLEID:*", s3:DataAccessPointArn,
    /// s3:DataAccessPointAccount; and the principal keys that name a fixed AWS principal.
    public static let s3: [String: ConfinementKind] = [
        "aws:sourceip": .network, "aws:sourcearn": .arn, "aws:sourcevpc": .network, "aws:sourcevpce": .network,
        "aws:sourceowner": .account, "aws:sourceaccount": .account, "aws:userid": .network,
        "s3:dataaccesspointarn": .arn, "s3:dataaccesspointaccount": .account,
        "aws:principalaccount": .account, "aws:principalarn": .arn, "aws:principalorgid": .organization,
        "aws:principalorgpaths": .organizationPath,
    ]
}
