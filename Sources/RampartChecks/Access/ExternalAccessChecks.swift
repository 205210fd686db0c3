import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// `<service>.<resource>.not-public` and `.no-unknown-cross-account-access` for every resource
/// type with a resource policy, all decided by the one external-access analysis (RampartAccess),
/// computed once per scan. Types that already had a "not public" check keep it (their ids and
/// metadata; the S3 and KMS ones call the same analysis).
enum ExternalAccessChecks {
    /// Types whose "not public" verdict is an existing check (kept for its id, which users and
    /// tests depend on), with that check's id; every one of them is decided by this analysis too.
    static let notPublicElsewhere: [String: String] = [
        "AWS::S3::Bucket": "s3.bucket.policy-not-public", "AWS::KMS::Key": "kms.key.policy-not-public",
        "AWS::EC2::Snapshot": "ec2.snapshot.not-public", "AWS::RDS::DBSnapshot": "rds.db-snapshot.not-public",
        "AWS::SQS::Queue": "sqs.queue.policy-not-public", "AWS::SNS::Topic": "sns.topic.policy-not-public",
        "AWS::Lambda::Function": "lambda.function.not-public", "AWS::SecretsManager::Secret": "secretsmanager.secret.policy-not-public",
        "AWS::ECR::Repository": "ecr.repository.not-public", "AWS::EFS::FileSystem": "efs.file-system.not-public",
        "AWS::OpenSearchService::Domain": "opensearch.domain.access-policy-not-public", "AWS::IAM::Role": "iam.role.trust-not-public",
        "AWS::SSM::Document": "ssm.document.not-public",
    ]

    /// The types whose checks are registered, with the AWS CLI command that fixes a grant: the
    /// types the inventory collects today. A service's branch adds its type here when its
    /// collector lands (a check over a type never collected would have no verdict on any source);
    /// a type without an entry in `notPublicElsewhere` gets the generic `.not-public` check too.
    static let enabled: [String: String] = [
        "AWS::S3::Bucket": "aws s3api put-bucket-policy --bucket <bucket> --policy file://<policy-without-external-grants>.json",
        "AWS::KMS::Key": "aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://<policy-without-external-grants>.json",
        "AWS::SQS::Queue": "aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://<attributes-without-external-grants>.json",
        "AWS::SNS::Topic": "aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value file://<policy-without-external-grants>.json",
        "AWS::Lambda::Function": "aws lambda remove-permission --function-name <function> --statement-id <statement-id>",
        "AWS::SecretsManager::Secret": "aws secretsmanager put-resource-policy --secret-id <secret> --resource-policy file://<policy-without-external-grants>.json --block-public-policy",
        "AWS::ECR::Repository": "aws ecr set-repository-policy --repository-name <repository> --policy-text file://<policy-without-external-grants>.json",
        "AWS::EFS::FileSystem": "aws efs put-file-system-policy --file-system-id <file-system> --policy file://<policy-without-external-grants>.json",
        "AWS::OpenSearchService::Domain": "aws opensearch update-domain-config --domain-name <domain> --access-policies file://<policy-without-external-grants>.json",
        "AWS::IAM::Role": "aws iam update-assume-role-policy --role-name <role> --policy-document file://<trust-without-external-principals>.json",
        "AWS::EC2::Snapshot": "aws ec2 modify-snapshot-attribute --snapshot-id <snapshot-id> --attribute createVolumePermission --operation-type remove --user-ids <account-id>",
        "AWS::RDS::DBSnapshot": "aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove <account-id>",
        "AWS::SSM::Document": "aws ssm modify-document-permission --name <document> --permission-type Share --account-ids-to-remove <account-id>",
    ]

    static let all: [Check] = ResourceTypeProfile.table.values.filter { enabled[$0.type] != nil }
        .sorted { $0.checkStem < $1.checkStem }.flatMap { p in
            notPublicElsewhere[p.type] != nil ? [crossAccount(p)] : [notPublic(p), crossAccount(p)]
        }

    /// S3 and EC2 are infrastructure services; the others (RDS included, as its checks say) are managed.
    static func serviceModel(_ p: ResourceTypeProfile) -> ServiceModel {
        ["s3", "ec2"].contains(p.services.first ?? "") ? .infrastructure : .managed
    }

    static func notPublic(_ p: ResourceTypeProfile) -> Check {
        Check(
            CheckMetadata(
                id: "\(p.checkStem).not-public", title: "\(p.type) resources are not public",
                severity: .critical, resourceType: p.type, serviceModel: serviceModel(p), frameworks: [:], prowler: nil,
                risk: "A resource policy that lets anyone in (Principal \"*\" with no condition the caller cannot choose) exposes the resource to every AWS account and, for some services, to anonymous callers.",
                remediation: "Name the accounts or roles that need access, or pin aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn or aws:SourceVpce to fixed values.",
                remediationCommand: enabled[p.type] ?? "aws \(p.services.first ?? "") help"),
            evaluate: { ctx in judge(ctx, p) { $0 == .public } })
    }

    static func crossAccount(_ p: ResourceTypeProfile) -> Check {
        Check(
            CheckMetadata(
                id: "\(p.checkStem).no-unknown-cross-account-access", title: "\(p.type) resources are reachable only from their own account",
                severity: .high, resourceType: p.type, serviceModel: serviceModel(p), frameworks: [:], prowler: nil,
                risk: "Access granted to other accounts, organizations or identity providers lets principals you do not manage reach the resource.",
                remediation: "Remove the grant, or confirm it and record it in a mutelist with its owner and expiry.",
                remediationCommand: enabled[p.type] ?? "aws \(p.services.first ?? "") help"),
            evaluate: { ctx in judge(ctx, p) { _ in true } })
    }

    /// One outcome per analysed resource of the type: FAIL when a grant the predicate selects exists.
    static func judge(_ ctx: CheckContext, _ p: ResourceTypeProfile, failing: (AccessLevelKind) -> Bool) -> [CheckOutcome] {
        ctx.shared.externalAccess(ctx.inventory).filter { $0.ref.type == p.type }.map { r in
            if let reason = r.unknownReason { return .unknown(r.ref, reason) }
            let grants = r.grants.filter { failing($0.access) }
            let name = r.ref.name
            guard !grants.isEmpty else {
                return .pass(r.ref, "\(name) is not reachable \(failing(.crossAccount) ? "from outside its account" : "by everyone").")
            }
            let principals = Array(Set(grants.flatMap(\.principals))).sorted()
            let actions = Array(Set(grants.flatMap(\.actions))).sorted()
            let statements = Array(Set(grants.flatMap(\.statements))).sorted()
            var evidence: JSONObject = [
                "principals": .strings(principals), "actions": .strings(actions), "statements": .strings(statements),
            ]
            if let w = grants.first(where: { $0.witness != nil })?.witness {
                evidence["witness"] = witnessJSON(w)
            }
            let kind = grants.contains { $0.access == .public } ? "everyone" : principals.joined(separator: ", ")
            return .fail(r.ref, "\(name) lets \(kind) \(actions.joined(separator: ", ")) (\(statements.joined(separator: ", "))).",
                evidence: evidence)
        }
    }

    /// The S3 and KMS checks' statement labels: the `Sid`, else `statement N` (1-based), from the
    /// analysis's `Statement[i] (Sid "...")`.
    static func legacyLabel(_ label: String) -> String {
        guard label.hasPrefix("Statement["), let close = label.firstIndex(of: "]"),
            let index = Int(label[label.index(label.startIndex, offsetBy: 10)..<close])
        else { return label }
        let rest = label[label.index(after: close)...]
        if rest.hasPrefix(" (Sid "), rest.hasSuffix(")"),
            case .string(let sid)? = try? JSONParser.parse(String(rest.dropFirst(6).dropLast())), !sid.isEmpty
        {
            return sid
        }
        return "statement \(index + 1)"
    }

    /// The public grants of one policy text (account zone), for the S3 and KMS policy checks.
    static func publicGrants(of text: String, _ ref: ResourceRef) -> Known<[ExternalGrant]> {
        let profile = ResourceTypeProfile.profile(for: ref.type, arn: ref.arn)
        switch ResourcePolicyAnalyzer.analyze(policyText: text, resourceArn: ref.arn, owner: ref.account, profile: profile, zone: .account) {
        case .unknown(let reason): return .unknown(reason: reason)
        case .none: return .known([])
        case .external(let grants): return .known(grants.filter { $0.access == .public })
        }
    }

    /// A per-service "not public" verdict over one resource's policy, decided by the one analysis
    /// (the account zone's public grants): UNKNOWN when the policy could not be read or is not a
    /// policy, `noPolicy` when there is none (each service documents its own default), FAIL naming
    /// the public statements (their Sid, else their position), their actions and a witness
    /// request the exact evaluator allows, else PASS. `subject` starts the messages
    /// (`Queue orders`); `evidence` adds the check's own facts.
    static func judgeNotPublic(
        _ resource: any ResourcePolicyBearing, subject: String, evidence facts: JSONObject = [:],
        noPolicy: (ResourceRef) -> CheckOutcome
    ) -> CheckOutcome {
        let ref = resource.ref
        switch resource.resourcePolicy {
        case .unknown(let reason): return .unknown(ref, reason)
        case .known(nil): return noPolicy(ref)
        case .known(let text?):
            let open: [ExternalGrant]
            switch publicGrants(of: text, ref) {
            case .unknown(let reason): return .unknown(ref, "\(subject)'s policy could not be read: \(reason).")
            case .known(let grants): open = grants
            }
            var labels: [String] = []
            for label in open.flatMap(\.statements).map(legacyLabel) where !labels.contains(label) { labels.append(label) }
            let actions = Set(open.flatMap(\.actions)).sorted()
            var evidence = facts
            evidence["publicStatements"] = .strings(labels)
            evidence["actions"] = .strings(actions)
            if open.isEmpty { return .pass(ref, "\(subject)'s policy allows no access to everyone.", evidence: evidence) }
            if let w = open.first(where: { $0.witness != nil })?.witness { evidence["witness"] = witnessJSON(w) }
            return .fail(ref, "\(subject)'s policy allows \(actions.joined(separator: ", ")) to everyone (\(labels.joined(separator: ", "))).",
                evidence: evidence)
        }
    }

    /// A witness as finding evidence.
    static func witnessJSON(_ w: AccessWitness) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("principal", .string(w.principal)), ("action", .string(w.action)), ("resource", .string(w.resource))]
        if !w.context.isEmpty {
            pairs.append(("context", .object(JSONObject(pairs: w.context.keys.sorted().map { ($0, .strings(w.context[$0] ?? [])) }))))
        }
        return .object(JSONObject(pairs: pairs))
    }

    /// The public grants of a resource shared by an attribute (a snapshot's or a document's
    /// permission list), from the analysis: nil when the attribute could not be read.
    static func publicSharing(_ access: ResourceAccess) -> Known<[ExternalGrant]> {
        if let reason = access.unknownReason { return .unknown(reason: reason) }
        return .known(access.grants.filter { $0.access == .public })
    }
}
