import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// `<service>.<resource>.not-public` and `.no-unknown-cross-account-access` for every resource
/// type with a resource policy, all decided by the one external-access analysis (RampartAccess),
/// computed once per scan. Types that already had a "not public" check keep it (their ids and
/// metadata; the S3 and KMS ones call the same analysis).
enum ExternalAccessChecks {
    /// Types whose "not public" verdict is an existing check.
    static let notPublicElsewhere: Set<String> = ["AWS::S3::Bucket", "AWS::KMS::Key", "AWS::EC2::Snapshot", "AWS::RDS::DBSnapshot"]

    /// The types whose checks are registered, with the AWS CLI command that fixes a grant: the
    /// types the inventory collects today. A service's branch adds its type here when its
    /// collector lands (a check over a type never collected would have no verdict on any source).
    static let enabled: [String: String] = [
        "AWS::S3::Bucket": "aws s3api put-bucket-policy --bucket <bucket> --policy file://<policy-without-external-grants>.json",
        "AWS::KMS::Key": "aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://<policy-without-external-grants>.json",
    ]

    static let all: [Check] = ResourceTypeProfile.table.values.filter { enabled[$0.type] != nil }
        .sorted { $0.checkStem < $1.checkStem }.flatMap { p in
            notPublicElsewhere.contains(p.type) ? [crossAccount(p)] : [notPublic(p), crossAccount(p)]
        }

    /// S3, EC2 and RDS are infrastructure services; the others are managed.
    static func serviceModel(_ p: ResourceTypeProfile) -> ServiceModel {
        ["s3", "ec2", "rds"].contains(p.services.first ?? "") ? .infrastructure : .managed
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
                evidence["witness"] = .object(JSONObject(pairs: [
                    ("principal", .string(w.principal)), ("action", .string(w.action)), ("resource", .string(w.resource)),
                ]))
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
}
