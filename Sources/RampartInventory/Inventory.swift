public import struct Foundation.Date
import Dispatch
import Synchronization

/// Everything Rampart knows about the accounts it scans: one typed model, whatever the source.
/// Analyses read only this; they never know whether it came from a snapshot or a live account.
public struct Inventory: Sendable {
    /// When the evidence was collected; time-based checks measure from here, not from "now".
    public var collectedAt: Date
    public var accounts: [AccountInventory]
    /// What the source could not read: failed calls, unreadable files, calls not made.
    public var problems: [SourceProblem]
    /// The AWS Organization the source holds (an `--org` scan); nil when it holds none.
    public var organization: Known<Organization>? = nil

    public init(collectedAt: Date, accounts: [AccountInventory], problems: [SourceProblem]) {
        self.collectedAt = collectedAt
        self.accounts = accounts
        self.problems = problems
    }

    /// Every region of every account.
    public var regions: [RegionInventory] { accounts.flatMap(\.regions) }
}

/// One account: its global services and its regions.
public struct AccountInventory: Sendable {
    public var scope: Scope
    public var id: String { scope.account }
    public var iam: IAMInventory
    public var s3: S3Inventory
    public var route53: Route53Inventory
    public var regions: [RegionInventory]
    public var cloudFront: CloudFrontInventory
    /// The account's WAFv2 web ACLs for CloudFront (scope `CLOUDFRONT`).
    public var wafv2CloudFront: WAFv2Inventory
}

/// One region of one account.
public struct RegionInventory: Sendable {
    public var scope: Scope
    public var ec2: EC2Inventory
    public var rds: RDSInventory
    public var dynamodb: DynamoDBInventory
    public var redshift: RedshiftInventory
    public var emr: EMRInventory
    public var workspaces: WorkSpacesInventory
    public var elbv2: ELBv2Inventory
    public var autoScaling: AutoScalingInventory
    public var cloudTrail: CloudTrailInventory
    public var kms: KMSInventory
    public var config: ConfigInventory
    public var monitoring: MonitoringInventory
    public var guardDuty: GuardDutyInventory
    public var securityHub: SecurityHubInventory
    public var backup: BackupInventory
    public var accessAnalyzer: AccessAnalyzerInventory
    public var ecr: ECRInventory
    public var elastiCache: ElastiCacheInventory
    public var efs: EFSInventory
    public var openSearch: OpenSearchInventory
    public var sqs: SQSInventory
    public var sns: SNSInventory
    public var secretsManager: SecretsManagerInventory
    public var kinesis: KinesisInventory
    public var acm: ACMInventory
    public var ssm: SSMInventory
    public var lambda: LambdaInventory
    public var ecs: ECSInventory
    public var eks: EKSInventory
    public var codeBuild: CodeBuildInventory
    public var stepFunctions: StepFunctionsInventory
    public var sageMaker: SageMakerInventory
    public var glue: GlueInventory
    public var apiGateway: APIGatewayInventory
    /// The region's WAFv2 web ACLs (scope `REGIONAL`).
    public var wafv2: WAFv2Inventory
}

/// Builds an `Inventory` from any source of AWS CLI-shaped call results.
public enum InventoryBuilder {
    /// Reads every account's global services and every region, regions in parallel.
    public static func build(from source: any CallResults, partition: String = "aws") -> Inventory {
        let jobs: [(account: String, region: String?)] = source.accounts.flatMap { account in
            [(account, nil)] + source.regions.map { (account, $0) }
        }
        enum Built: Sendable {
            case global(IAMInventory, S3Inventory, Route53Inventory, CloudFrontInventory, WAFv2Inventory)
            case region(RegionInventory)
        }
        let results = Mutex<[Int: (Built, [SourceProblem])]>([:])
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            var loader = Loader(source: source)
            let built: Built
            if let region = job.region {
                built = .region(buildRegion(&loader, Scope(partition: partition, account: job.account, region: region)))
            } else {
                let scope = Scope(partition: partition, account: job.account, region: "global")
                built = .global(
                    IAMInventory.load(&loader, scope), S3Inventory.load(&loader, scope), Route53Inventory.load(&loader, scope),
                    CloudFrontInventory.load(&loader, scope), WAFv2Inventory.load(&loader, scope))
            }
            let problems = loader.problems
            results.withLock { $0[index] = (built, problems) }
        }
        let collected = results.withLock { $0 }
        var accounts: [AccountInventory] = []
        var problems: [SourceProblem] = []
        for (index, job) in jobs.enumerated() {
            guard let (built, jobProblems) = collected[index] else { continue }
            problems.append(contentsOf: jobProblems)
            switch built {
            case .global(let iam, let s3, let route53, let cloudFront, let wafv2):
                accounts.append(AccountInventory(
                    scope: Scope(partition: partition, account: job.account, region: "global"),
                    iam: iam, s3: s3, route53: route53, regions: [], cloudFront: cloudFront, wafv2CloudFront: wafv2))
            case .region(let region):
                accounts[accounts.count - 1].regions.append(region)
            }
        }
        var inventory = Inventory(collectedAt: source.collectedAt, accounts: accounts, problems: problems)
        inventory.organization = Organization.load(from: source, partition: partition, problems: &inventory.problems)
        return inventory
    }

    static func buildRegion(_ loader: inout Loader, _ scope: Scope) -> RegionInventory {
        let (ec2, zones) = EC2Inventory.load(&loader, scope)
        return RegionInventory(
            scope: scope, ec2: ec2, rds: RDSInventory.load(&loader, scope, zones), dynamodb: DynamoDBInventory.load(&loader, scope),
            redshift: RedshiftInventory.load(&loader, scope, zones), emr: EMRInventory.load(&loader, scope, zones),
            workspaces: WorkSpacesInventory.load(&loader, scope), elbv2: ELBv2Inventory.load(&loader, scope, zones),
            autoScaling: AutoScalingInventory.load(&loader, scope), cloudTrail: CloudTrailInventory.load(&loader, scope),
            kms: KMSInventory.load(&loader, scope), config: ConfigInventory.load(&loader, scope),
            monitoring: MonitoringInventory.load(&loader, scope),
            guardDuty: GuardDutyInventory.load(&loader, scope), securityHub: SecurityHubInventory.load(&loader, scope),
            backup: BackupInventory.load(&loader, scope), accessAnalyzer: AccessAnalyzerInventory.load(&loader, scope),
            ecr: ECRInventory.load(&loader, scope), elastiCache: ElastiCacheInventory.load(&loader, scope, zones),
            efs: EFSInventory.load(&loader, scope, zones), openSearch: OpenSearchInventory.load(&loader, scope),
            sqs: SQSInventory.load(&loader, scope), sns: SNSInventory.load(&loader, scope),
            secretsManager: SecretsManagerInventory.load(&loader, scope), kinesis: KinesisInventory.load(&loader, scope),
            acm: ACMInventory.load(&loader, scope), ssm: SSMInventory.load(&loader, scope),
            lambda: LambdaInventory.load(&loader, scope), ecs: ECSInventory.load(&loader, scope), eks: EKSInventory.load(&loader, scope),
            codeBuild: CodeBuildInventory.load(&loader, scope), stepFunctions: StepFunctionsInventory.load(&loader, scope),
            sageMaker: SageMakerInventory.load(&loader, scope), glue: GlueInventory.load(&loader, scope),
            apiGateway: APIGatewayInventory.load(&loader, scope), wafv2: WAFv2Inventory.load(&loader, scope))
    }
}

extension Inventory {
    /// Calls `body` with every resource the inventory knows of, global ones first.
    public func forEachResource(_ body: (any Resource) -> Void) {
        func each<R: Resource>(_ known: Known<[R]>) { for r in known.value ?? [] { body(r) } }
        for account in accounts {
            if let details = account.iam.authorizationDetails.value {
                details.users.forEach(body)
                details.groups.forEach(body)
                details.roles.forEach(body)
                details.policies.filter { !$0.isAWSManaged }.forEach(body)
            }
            each(account.s3.buckets)
            each(account.route53.hostedZones)
            each(account.route53.healthChecks)
            each(account.cloudFront.distributions)
            each(account.wafv2CloudFront.webACLs)
            for region in account.regions {
                let ec2 = region.ec2
                each(ec2.instances); each(ec2.securityGroups); each(ec2.networkACLs); each(ec2.volumes)
                each(ec2.snapshots); each(ec2.vpcs); each(ec2.subnets); each(ec2.routeTables); each(ec2.internetGateways)
                each(region.rds.instances); each(region.rds.clusters); each(region.dynamodb.tables)
                each(region.redshift.clusters); each(region.emr.clusters); each(region.workspaces.workspaces)
                each(region.workspaces.directories); each(region.elbv2.loadBalancers); each(region.elbv2.targetGroups)
                each(region.autoScaling.groups)
                each(region.kms.keys)
                each(region.ecr.repositories); each(region.elastiCache.replicationGroups); each(region.elastiCache.cacheClusters)
                each(region.efs.fileSystems); each(region.efs.accessPoints); each(region.openSearch.domains)
                each(region.sqs.queues); each(region.sns.topics); each(region.secretsManager.secrets)
                each(region.kinesis.streams); each(region.acm.certificates); each(region.ssm.parameters); each(region.ssm.documents)
                each(region.lambda.functions); each(region.ecs.clusters); each(region.ecs.taskDefinitions); each(region.eks.clusters)
                each(region.codeBuild.projects); each(region.stepFunctions.stateMachines); each(region.sageMaker.notebookInstances)
                each(region.glue.jobs)
                each(region.apiGateway.restAPIs); each(region.apiGateway.httpAPIs); each(region.wafv2.webACLs)
                for api in region.apiGateway.restAPIs.value ?? [] { each(api.stages) }
                for api in region.apiGateway.httpAPIs.value ?? [] { each(api.stages); each(api.routes) }
                // Multi-region trails appear in every region; count each once, in its home region.
                for trail in region.cloudTrail.trails.value ?? [] where trail.homeRegion == region.scope.region { body(trail) }
            }
        }
    }

    /// Resource counts by CloudFormation type (AWS managed policies are not the customer's and are not counted).
    public var resourceCounts: [String: Int] {
        var counts: [String: Int] = [:]
        forEachResource { counts[$0.ref.type, default: 0] += 1 }
        return counts
    }
}
