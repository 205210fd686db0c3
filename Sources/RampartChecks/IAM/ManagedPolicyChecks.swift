import RampartFindings
import RampartInventory
import RampartJSON

/// Customer managed policies: none grants full administrative access (every action on every
/// resource, unconditionally) in its default version; attached ones are judged apart from
/// unattached ones, which grant nothing yet but are one attach away.
enum ManagedPolicyChecks {
    static let all: [Check] = [attachedNoFullAdmin, unattachedNoFullAdmin]

    /// The customer managed policies of each account, split by whether a user, group or role
    /// holds them (by AttachmentCount or by an identity listing them). Policies used only as a
    /// permissions boundary are left out: a boundary grants nothing, and "*" on "*" is its usual form.
    static func customerPolicies(_ ctx: CheckContext, attached wanted: Bool) -> [CheckOutcome] {
        var out: [CheckOutcome] = []
        for account in ctx.inventory.accounts {
            guard case .known(let details) = account.iam.authorizationDetails else {
                out.append(.unknown(ctx.scopeRef(account.scope), account.iam.authorizationDetails.unknownReason ?? "authorization details unknown"))
                continue
            }
            let attached = IAMCheckSupport.attachedPolicyArns(details)
            let boundaries = Set(details.users.compactMap(\.permissionsBoundaryArn) + details.roles.compactMap(\.permissionsBoundaryArn))
            for policy in details.policies where !policy.isAWSManaged {
                let isAttached = policy.attachmentCount > 0 || attached.contains(policy.ref.arn)
                guard isAttached == wanted, isAttached || !boundaries.contains(policy.ref.arn) else { continue }
                out.append(judge(policy, partition: account.scope.partition, attached: isAttached))
            }
        }
        return out
    }

    static let attachedNoFullAdmin = Check(
        CheckMetadata(
            id: "iam.managed-policy.attached-no-full-admin",
            title: "Attached customer managed policies do not allow \"*\" on \"*\"",
            severity: .high, resourceType: "AWS::IAM::ManagedPolicy", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.16"], "cis-aws-5.0": ["1.15"], "aws-fsbp": ["IAM.1"]],
            prowler: "iam_customer_attached_policy_no_administrative_privileges",
            risk: "Every principal holding the policy can do anything in the account, including granting itself and others more and erasing its traces.",
            remediation:
                "Replace the full-access statement with the actions and resources the holders need (a new default policy version), "
                + "or detach the policy and use AdministratorAccess deliberately where administrators are meant.",
            remediationCommand:
                "aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default"),
        evaluate: { ctx in customerPolicies(ctx, attached: true) })

    static let unattachedNoFullAdmin = Check(
        CheckMetadata(
            id: "iam.managed-policy.unattached-no-full-admin",
            title: "Unattached customer managed policies do not allow \"*\" on \"*\"",
            severity: .medium, resourceType: "AWS::IAM::ManagedPolicy", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["IAM.1"]],
            prowler: "iam_customer_unattached_policy_no_administrative_privileges",
            risk: "A ready-made full-access policy is one attach-user-policy call away from making anyone an administrator, and is easily attached by mistake.",
            remediation: "Delete the policy, or replace its full-access statement with the actions and resources it is meant for.",
            remediationCommand: "aws iam delete-policy --policy-arn <policy-arn>  # delete its non-default versions first with aws iam delete-policy-version"),
        evaluate: { ctx in customerPolicies(ctx, attached: false) })

    static func judge(_ policy: ManagedPolicy, partition: String, attached: Bool) -> CheckOutcome {
        guard let document = policy.defaultDocument, document != .null else {
            let version = policy.defaultVersionId.map { " (\($0))" } ?? ""
            return .unknown(policy.ref, "The authorization details hold no document for \(policy.name)'s default version\(version).")
        }
        let statements = IAMCheckSupport.statements(document)
        let admin = statements.enumerated().filter { IAMCheckSupport.grantsFullAdmin($0.element, partition: partition) }
        let labels = admin.map { $0.element["Sid"]?.stringValue.map { "Sid \($0)" } ?? "statement \($0.offset + 1)" }
        let evidence: JSONObject = [
            "defaultVersionId": .optional(policy.defaultVersionId), "attachmentCount": .number(Double(policy.attachmentCount)),
            "fullAdminStatements": .array(admin.map { .object($0.element) }),
        ]
        if labels.isEmpty {
            return .pass(policy.ref, "\(policy.name) has no statement allowing \"*\" on \"*\" without a condition.", evidence: evidence)
        }
        let state = attached ? "attached" : "not attached to anything"
        return .fail(
            policy.ref, "\(policy.name) allows every action on every resource (\(labels.joined(separator: ", "))) and is \(state).", evidence: evidence)
    }
}
