/// One duty of a segregation-of-duties rule: a name and the actions that perform it (IAM
/// patterns; holding any one of them is holding the duty).
public struct Duty: Sendable, Hashable {
    public let name: String
    public let actions: [String]

    public init(name: String, actions: [String]) {
        self.name = name
        self.actions = actions
    }
}

/// Duties no single principal should hold together, with why.
public struct DutyRule: Sendable, Hashable {
    public let id: String
    public let title: String
    public let rationale: String
    public let duties: [Duty]

    public init(id: String, title: String, rationale: String, duties: [Duty]) {
        self.id = id
        self.title = title
        self.rationale = rationale
        self.duties = duties
    }

    /// The built-in rules. Each pairs a power with the power to hide or undo its use.
    public static let builtIn: [DutyRule] = [
        DutyRule(
            id: "sod.iam-admin-vs-audit-logging", title: "Administer IAM identities / stop or alter audit logging",
            rationale: "Whoever can create identities and grant permissions must not be able to erase the record of doing so.",
            duties: [
                Duty(name: "administer IAM identities", actions: [
                    "iam:CreateUser", "iam:DeleteUser", "iam:CreateRole", "iam:AttachUserPolicy", "iam:PutUserPolicy",
                    "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:CreateAccessKey",
                    "iam:AddUserToGroup", "iam:CreatePolicyVersion",
                ]),
                Duty(name: "stop, delete or alter audit logging", actions: [
                    "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
                    "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
                    "ec2:DeleteFlowLogs",
                ]),
            ]),
        DutyRule(
            id: "sod.kms-admin-vs-decrypt", title: "Create or alter KMS keys / decrypt with them",
            rationale: "Key administrators manage keys; data users decrypt. One principal doing both can open data and change who else may.",
            duties: [
                Duty(name: "create or alter KMS keys", actions: [
                    "kms:CreateKey", "kms:PutKeyPolicy", "kms:CreateGrant", "kms:ScheduleKeyDeletion", "kms:DisableKey",
                    "kms:DisableKeyRotation",
                ]),
                Duty(name: "decrypt with KMS keys", actions: ["kms:Decrypt", "kms:ReEncryptFrom"]),
            ]),
        DutyRule(
            id: "sod.network-perimeter-vs-flow-logs", title: "Change the network perimeter / disable flow logs",
            rationale: "Opening the perimeter and removing the evidence of traffic through it must take two people.",
            duties: [
                Duty(name: "change the network perimeter", actions: [
                    "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:ModifySecurityGroupRules",
                    "ec2:CreateNetworkAclEntry", "ec2:ReplaceNetworkAclEntry", "ec2:DeleteNetworkAclEntry", "ec2:CreateRoute",
                    "ec2:ReplaceRoute", "ec2:AttachInternetGateway",
                ]),
                Duty(name: "disable flow logs", actions: ["ec2:DeleteFlowLogs"]),
            ]),
        DutyRule(
            id: "sod.backup-manage-vs-delete", title: "Manage backups / delete backups and recovery points",
            rationale: "The person who runs backups must not be able to destroy them: recovery from error or ransom depends on it.",
            duties: [
                Duty(name: "manage backups", actions: [
                    "backup:CreateBackupPlan", "backup:UpdateBackupPlan", "backup:CreateBackupVault", "backup:StartBackupJob",
                ]),
                Duty(name: "delete backups or recovery points", actions: [
                    "backup:DeleteRecoveryPoint", "backup:DeleteBackupVault", "backup:DeleteBackupPlan",
                    "backup:UpdateRecoveryPointLifecycle", "ec2:DeleteSnapshot", "rds:DeleteDBSnapshot", "rds:DeleteDBClusterSnapshot",
                ]),
            ]),
        DutyRule(
            id: "sod.create-users-vs-grant-permissions", title: "Create IAM users / attach policies to users",
            rationale: "Creating an identity and granting it power together lets one person mint a privileged account unseen.",
            duties: [
                Duty(name: "create IAM users", actions: ["iam:CreateUser"]),
                Duty(name: "attach policies to users", actions: ["iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:AddUserToGroup"]),
            ]),
        DutyRule(
            id: "sod.deploy-vs-pipeline", title: "Deploy code / approve or alter the delivery pipeline",
            rationale: "A change should pass a review its author cannot approve or bypass.",
            duties: [
                Duty(name: "deploy code", actions: [
                    "codedeploy:CreateDeployment", "lambda:UpdateFunctionCode", "ecs:UpdateService", "cloudformation:ExecuteChangeSet",
                ]),
                Duty(name: "approve or alter the pipeline", actions: [
                    "codepipeline:PutApprovalResult", "codepipeline:UpdatePipeline", "codepipeline:DeletePipeline",
                    "codebuild:UpdateProject",
                ]),
            ]),
    ]
}

/// A duty a principal holds, and through whom.
public struct HeldDuty: Sendable {
    public let duty: Duty
    /// Catalogue actions of the duty the principal holds (in catalogue order).
    public let actions: [String]
    /// Where the permission comes from: the principal itself, its groups, or roles it can assume
    /// (at most ``listLimit`` of them; `viaCount` counts every route, a role reachable two ways twice).
    public let via: [String]
    public let viaCount: Int
    /// How many of the duty's actions the principal holds (`actions` lists at most ``listLimit``).
    public let actionCount: Int

    /// The longest `via` and `actions` lists kept, so that a large account's answer stays readable.
    public static let listLimit = 25
    /// The allow statements naming the first held action.
    public let statements: [MatchedStatement]
}

/// A principal holding every duty of a rule.
public struct DutyConflict: Sendable {
    public let principal: IAMPrincipal
    public let rule: DutyRule
    public let sides: [HeldDuty]
}

/// Segregation of duties over an account: every principal holding all duties of a rule —
/// directly, through its groups, or through roles it can assume (one `sts:AssumeRole` hop,
/// from the escalation graph).
public enum SegregationOfDuties {
    /// The escalation methods whose edges the conflicts read: a graph built with only these
    /// (`EscalationGraph(account:permissions:including:)`) gives the same conflicts.
    public static func reads(_ method: EscalationMethod) -> Bool { method.target == .assumableRole }

    /// `crossAccountRoles`: per caller ARN, roles of other accounts it can assume, with their
    /// effective permissions (``OrganizationIdentity``); their duties count as the caller's.
    public static func conflicts(_ graph: EscalationGraph, rules: [DutyRule] = DutyRule.builtIn,
        crossAccountRoles: [String: [(role: IAMPrincipal, access: PrincipalAccess)]] = [:]) -> [DutyConflict]
    {
        let catalog = graph.permissions.catalog
        let nodes = graph.nodes
        let accesses = concurrentMap(nodes) { graph.permissions.access(of: $0) }
        // Each duty as an action set.
        let dutySets: [[ActionSet]] = rules.map { rule in
            rule.duties.map { duty in
                var set = ActionSet(capacity: catalog.allActions.count)
                for pattern in duty.actions { for i in catalog.actionIndices(matching: WildcardPattern.action(pattern)) { set.insert(i) } }
                return set
            }
        }
        @Sendable func holds(_ node: Int, _ set: ActionSet) -> Bool {
            accesses[node].full.intersectionCount(set) > 0 || accesses[node].limited.intersectionCount(set) > 0
        }
        let assume = EscalationMethod.all.firstIndex(where: reads)!
        // Per hub of sts:AssumeRole (roles any actor of the hub can assume), per rule and duty, the roles holding it.
        let assumeHubs = graph.hubMethod.indices.filter { graph.hubMethod[$0] == assume }
        var hubHolders: [Int: [[[Int]]]] = [:]
        for h in assumeHubs {
            hubHolders[h] = dutySets.map { sets in sets.map { set in graph.hubTargets[h].filter { holds($0, set) } } }
        }
        let holdersByHub = hubHolders
        // The same lists as ARNs, sorted once (every actor of a hub shares them).
        let holderArnsByHub = hubHolders.mapValues { rules in rules.map { duties in duties.map { $0.map { nodes[$0].arn }.sorted() } } }

        let results = concurrentMap(Array(nodes.indices.filter { nodes[$0].kind != .group })) { node -> [DutyConflict] in
            let principal = nodes[node]
            let direct = graph.exactEdges[node].filter { $0.method == assume }.map(\.to)
            let hubs = graph.actorHubs[node].filter { holdersByHub[$0] != nil }
            var out: [DutyConflict] = []
            for (ri, rule) in rules.enumerated() {
                var sides: [HeldDuty] = []
                for (di, duty) in rule.duties.enumerated() {
                    let set = dutySets[ri][di]
                    var via: [String] = []
                    var actions: [String] = []
                    var statements: [MatchedStatement] = []
                    if holds(node, set) {
                        var held = accesses[node].full
                        held.formUnion(accesses[node].limited)
                        let indices = set.indices.filter { held.contains($0) }
                        actions = indices.map { catalog.allActions[$0].fullName }
                        statements = graph.permissions.statements(of: principal, naming: actions[0]).allows
                        let origins = Set(statements.map { s in
                            principal.identityPolicies.firstIndex { $0.name == s.policyName }.flatMap { principal.policyOrigins[$0] } ?? principal.arn
                        })
                        via += origins.sorted()
                    }
                    // Roles holding the duty: assumed one by one, or through a hub (less the roles the hub step excludes).
                    let directRoles = direct.filter { holds($0, set) }
                    var routes = via.count + directRoles.count
                    var roleArns = Set(directRoles.map { nodes[$0].arn }).sorted()
                    var firstRole = directRoles.first
                    for h in hubs {
                        let excluded = graph.hubInfo[node]?[h]?.excluded ?? []
                        let holders = excluded.isEmpty ? holdersByHub[h]![ri][di] : holdersByHub[h]![ri][di].filter { !excluded.contains($0) }
                        routes += holders.count
                        if firstRole == nil { firstRole = holders.first }
                        if roleArns.count < HeldDuty.listLimit {
                            let arns = excluded.isEmpty ? holderArnsByHub[h]![ri][di].prefix(HeldDuty.listLimit) : holders.prefix(HeldDuty.listLimit).map { nodes[$0].arn }[...]
                            roleArns = Array(Set(roleArns + arns)).sorted()
                        }
                    }
                    // Roles of other accounts it can assume.
                    var crossFirst: (role: IAMPrincipal, access: PrincipalAccess)?
                    for other in crossAccountRoles[principal.arn] ?? []
                    where other.access.full.intersectionCount(set) > 0 || other.access.limited.intersectionCount(set) > 0 {
                        routes += 1
                        if crossFirst == nil { crossFirst = other }
                        if roleArns.count < HeldDuty.listLimit { roleArns = Array(Set(roleArns + [other.role.arn])).sorted() }
                    }
                    via += roleArns
                    if via.isEmpty { break }
                    if actions.isEmpty, let r = firstRole {
                        var held = accesses[r].full
                        held.formUnion(accesses[r].limited)
                        actions = set.indices.filter { held.contains($0) }.map { catalog.allActions[$0].fullName }
                        statements = graph.permissions.statements(of: nodes[r], naming: actions[0]).allows
                    } else if actions.isEmpty, let other = crossFirst {
                        var held = other.access.full
                        held.formUnion(other.access.limited)
                        actions = set.indices.filter { held.contains($0) }.map { catalog.allActions[$0].fullName }
                        statements = graph.permissions.statements(of: other.role, naming: actions[0]).allows
                    }
                    sides.append(HeldDuty(duty: duty, actions: Array(actions.prefix(HeldDuty.listLimit)), via: Array(via.prefix(HeldDuty.listLimit)),
                        viaCount: routes, actionCount: actions.count, statements: statements))
                }
                if sides.count == rule.duties.count { out.append(DutyConflict(principal: principal, rule: rule, sides: sides)) }
            }
            return out
        }
        return results.flatMap { $0 }
    }
}
