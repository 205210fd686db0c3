@testable import RampartIAM
import RampartInventory
import RampartJSON
import Testing

/// Effective permissions at the granularity of actions ("Policy evaluation logic").
@Suite struct EffectivePermissionsTests {
    let catalog = ActionCatalog.shared

    /// "Deny evaluation": an explicit deny on every resource removes the action, even from `*`.
    @Test func anUnconditionalDenyRemovesActionsFromAnAdministrator() {
        let access = AccountFixture.permissions.access(of: AccountFixture.principal("alice"))
        #expect(access.full.count == catalog.allActions.count - 2)
        #expect(AccountFixture.access("alice", "cloudtrail:DeleteTrail") == ActionAccess.none)
        #expect(AccountFixture.access("alice", "cloudtrail:StopLogging") == ActionAccess.none)
        #expect(AccountFixture.access("alice", "iam:CreateUser") == .full)
        #expect(!access.full.isAll)
        #expect(AccountFixture.permissions.access(of: AccountFixture.principal("ops-admin")).full.isAll)
    }

    /// "Permissions boundaries": the effective permissions are the intersection of identity policies and boundary.
    @Test func aBoundaryIntersectsTheIdentityPolicies() {
        #expect(AccountFixture.access("bob", "ec2:DescribeInstances") == .full)
        #expect(AccountFixture.access("bob", "ec2:RunInstances") == ActionAccess.none)
        #expect(AccountFixture.access("bob", "iam:PassRole") == ActionAccess.none)
        #expect(AccountFixture.access("bob", "s3:GetObject") == ActionAccess.none)
    }

    /// Resource-specific and conditional allows are `limited`, never `full`.
    @Test func resourceSpecificOrConditionalAllowsAreLimited() {
        #expect(AccountFixture.access("carol", "iam:CreateAccessKey") == .limited)
        #expect(AccountFixture.access("carol", "s3:PutObject") == .limited)
        #expect(AccountFixture.access("app-web", "dynamodb:GetItem") == .limited)
        #expect(AccountFixture.access("app-web", "dynamodb:DeleteTable") == ActionAccess.none)
    }

    /// "NotAction": everything except the listed actions; a deny covering part of the resources limits, not removes.
    @Test func notActionAndPartialDenies() throws {
        let account = try Self.account(#"""
            [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"},
             {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::prod-*"},
             {"Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}]
            """#)
        let p = EffectivePermissions(account: account)
        let access = p.access(of: account.principals[0])
        func level(_ a: String) -> ActionAccess { access.access(toActionAt: catalog.index(of: a)!) }
        #expect(level("iam:CreateUser") == ActionAccess.none)
        #expect(level("organizations:LeaveOrganization") == ActionAccess.none)
        #expect(level("s3:GetObject") == .full)
        #expect(level("s3:DeleteBucket") == .limited)
        #expect(level("ec2:TerminateInstances") == .limited)
        #expect(p.statements(of: account.principals[0], naming: "s3:DeleteBucket").denies.map(\.statementIndex) == [1])
    }

    /// The summary agrees with the exact evaluator: `full` actions are allowed on any resource,
    /// `none` actions on no resource (a property over every principal of the fixture and a sample of actions).
    @Test func accessLevelsAgreeWithTheExactEvaluator() {
        let account = AccountFixture.account
        let resources = ["*", "arn:aws:s3:::logs/x", "arn:aws:iam::111122223333:user/carol", "arn:aws:s3:::shared/data/k",
            "arn:aws:dynamodb:us-east-1:111122223333:table/web", "arn:aws:iam::111122223333:role/app-web"]
        let sample = stride(from: 0, to: catalog.allActions.count, by: 97).map { $0 }
            + ["s3:GetObject", "s3:PutObject", "iam:CreateAccessKey", "dynamodb:GetItem", "iam:PassRole", "cloudtrail:DeleteTrail"]
            .map { catalog.index(of: $0)! }
        for principal in account.requestingPrincipals {
            let access = AccountFixture.permissions.access(of: principal)
            for index in sample {
                let action = catalog.allActions[index].fullName
                let decisions = resources.map { resource in
                    PolicyEvaluator.evaluate(RequestContext(principal: principal.requestPrincipal, action: action, resource: resource,
                        context: principal.contextKeys.merging(["aws:MultiFactorAuthPresent": "true"]) { a, _ in a }), policies: principal.policySet).decision
                }
                switch access.access(toActionAt: index) {
                case .full: #expect(decisions.allSatisfy { $0 == .allowed }, "\(principal.name) \(action)")
                case .none: #expect(!decisions.contains(.allowed), "\(principal.name) \(action)")
                case .limited: break
                }
            }
        }
    }

    @Test func whoCanListsPrincipalsWithTheGrantingStatements() throws {
        let grants = try AccountFixture.permissions.whoCan(action: "iam:passrole", in: AccountFixture.account)
        #expect(grants.map(\.principal.name) == ["alice", "ops-admin"])
        #expect(grants.allSatisfy { $0.level == .full })
        #expect(grants[0].allows.map(\.policyName) == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(throws: UnknownActionError.self) { try AccountFixture.permissions.whoCan(action: "s3:Get*", in: AccountFixture.account) }
    }

    /// With a resource, the exact evaluation decides; a conditional allow says which keys it needs.
    @Test func whoCanOnAResourceEvaluatesExactly() throws {
        let p = AccountFixture.permissions
        let logs = try p.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::logs/2026/app.log", in: AccountFixture.account)
        #expect(logs.map(\.principal.name) == ["alice", "carol", "ops-admin"])
        #expect(logs.first { $0.principal.name == "carol" }?.allows.map(\.sid) == ["ReadLogs"])
        let keys = try p.whoCan(action: "iam:CreateAccessKey", resource: "arn:aws:iam::111122223333:user/carol", in: AccountFixture.account)
        let carol = try #require(keys.first { $0.principal.name == "carol" })
        #expect(carol.level == .conditional)
        #expect(carol.missingContextValues == ["aws:MultiFactorAuthPresent"])
        let withMFA = try p.whoCan(action: "iam:CreateAccessKey", resource: "arn:aws:iam::111122223333:user/carol",
            context: ["aws:MultiFactorAuthPresent": "true"], in: AccountFixture.account)
        #expect(withMFA.first { $0.principal.name == "carol" }?.level == .allowed)
        // "${aws:PrincipalTag/team}" resolves from carol's tag.
        let team = try p.whoCan(action: "s3:PutObject", resource: "arn:aws:s3:::shared/data/x", in: AccountFixture.account)
        #expect(team.map(\.principal.name).contains("carol"))
        let other = try p.whoCan(action: "s3:PutObject", resource: "arn:aws:s3:::shared/ops/x", in: AccountFixture.account)
        #expect(!other.map(\.principal.name).contains("carol"))
    }

    @Test func whatCanFiltersByAccessLevelAndService() {
        let bob = AccountFixture.principal("bob")
        let grants = AccountFixture.permissions.whatCan(bob, accessLevel: .list)
        #expect(!grants.isEmpty)
        #expect(grants.allSatisfy { $0.action.servicePrefix == "ec2" && $0.action.accessLevel == .list && $0.access == .full })
        #expect(AccountFixture.permissions.whatCan(bob, service: "s3").isEmpty)
    }

    @Test func summariesCountEveryPrincipal() {
        let summaries = AccountFixture.permissions.summaries(of: AccountFixture.account)
        #expect(summaries.count == AccountFixture.account.principals.count)
        #expect(summaries.filter(\.hasEveryAction).map(\.principal.name) == ["ops-admin"])
        let alice = summaries.first { $0.principal.name == "alice" }!
        #expect(alice.fullByLevel.values.reduce(0, +) == alice.full)
    }

    @Test func actionSetAlgebra() {
        var a = ActionSet(capacity: 130)
        a.insert(0); a.insert(64); a.insert(129)
        var b = ActionSet.all(capacity: 130)
        #expect(b.count == 130 && b.isAll)
        b.subtract(a)
        #expect(b.count == 127 && !b.contains(64))
        b.formUnion(a)
        #expect(b.isAll)
        b.formIntersection(a)
        #expect(b.indices == [0, 64, 129])
    }

    static func account(_ statements: String) throws -> IAMAccount {
        let json = #"{"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u", "GroupList": [], "AttachedManagedPolicies": [], "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": \#(statements)}}]}], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}"#
        return IAMAccount(try AuthorizationDetails(awsCLIOutput: try JSONParser.parse(json)), accountId: "111122223333")
    }
}
