@testable import RampartIAM
@testable import RampartInventory
import Testing

/// SCPs and RCPs in the IAM verdicts of a member account, as AWS Organizations documents them:
/// "SCP evaluation" (every level from the root to the account must allow; a deny at any level
/// denies; the management account and service-linked roles are not restricted), "RCP
/// evaluation" (the same inheritance for the account's resources, only for the services RCPs
/// support, never the management account's), and the IAM User Guide's "Policy evaluation logic".
@Suite struct OrganizationBoundaryTests {
    typealias F = OrganizationFixture

    static let admin = [("admin", [F.admin])]

    func access(_ f: F, _ account: String, _ arn: String, _ action: String) -> ActionAccess {
        let iam = f.iamAccount(account, F.account(account, users: Self.admin, slr: true))
        let permissions = EffectivePermissions(account: iam)
        return permissions.access(of: iam.principal(arn: arn)!).access(toActionAt: permissions.catalog.index(of: action)!)
    }

    @Test func theChainRunsFromTheRootThroughEachOUToTheAccount() {
        let chain = OrganizationBoundary(organization: F().organization(), account: F.dev)
        // Root, ou-prod, ou-dev, the account: FullAWSAccess at each.
        #expect(chain.serviceControlPolicies.count == 4)
        #expect(chain.serviceControlPolicies.allSatisfy { $0.map(\.name).first?.hasSuffix("p-FullAWSAccess") == true })
        #expect(chain.unreadable.isEmpty)
        #expect(!chain.isManagementAccount)
    }

    @Test func anSCPDenyAtAnOUDeniesEveryAccountBelowIt() {
        var f = F()
        f.scps["p-deny-iam"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#), ["ou-prod"])
        // dev sits in ou-dev, under ou-prod: the deny is inherited.
        #expect(access(f, F.dev, F.arn(F.dev, "user", "admin"), "iam:CreateUser") == ActionAccess.none)
        #expect(access(f, F.prod, F.arn(F.prod, "user", "admin"), "iam:CreateUser") == ActionAccess.none)
        #expect(access(f, F.dev, F.arn(F.dev, "user", "admin"), "s3:GetObject") == .full)
        // The management account sits at the root, outside the OU, and is exempt anyway.
        #expect(access(f, F.management, F.arn(F.management, "user", "admin"), "iam:CreateUser") == .full)
    }

    @Test func anAllowListAtTheRootThatMissesAnActionDeniesItEverywhereBelow() {
        var f = F()
        // Replace FullAWSAccess at the root with an allow list of S3 and EC2.
        f.scps["p-FullAWSAccess"] = (.known(F.fullAccess), ["ou-prod", "ou-dev", F.management, F.prod, F.dev])
        f.scps["p-allow-list"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"}]}"#), [F.root])
        let user = F.arn(F.dev, "user", "admin")
        #expect(access(f, F.dev, user, "s3:PutObject") == .full)
        #expect(access(f, F.dev, user, "iam:CreateUser") == ActionAccess.none)
        #expect(access(f, F.dev, user, "kms:Decrypt") == ActionAccess.none)
        // Escalation: the member's admin user no longer holds administrator power.
        let iam = f.iamAccount(F.dev, F.account(F.dev, users: Self.admin))
        let findings = EscalationGraph(account: iam, permissions: EffectivePermissions(account: iam)).findings()
        #expect(!findings.contains { $0.principal.arn == user })
    }

    @Test func theManagementAccountIsNotRestrictedBySCPs() {
        var f = F()
        f.scps["p-deny-all"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#), [F.root])
        #expect(access(f, F.management, F.arn(F.management, "user", "admin"), "iam:CreateUser") == .full)
        #expect(access(f, F.prod, F.arn(F.prod, "user", "admin"), "iam:CreateUser") == ActionAccess.none)
        let iam = f.iamAccount(F.management, F.account(F.management, users: Self.admin))
        let findings = EscalationGraph(account: iam, permissions: EffectivePermissions(account: iam)).findings()
        #expect(findings.contains { $0.principal.arn == F.arn(F.management, "user", "admin") && $0.isAdmin })
    }

    @Test func serviceLinkedRolesAreNotRestrictedBySCPs() {
        var f = F()
        f.scps["p-deny-all"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#), [F.prod])
        let slr = "arn:aws:iam::\(F.prod):role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"
        #expect(access(f, F.prod, slr, "iam:CreateUser") == .full)
        #expect(access(f, F.prod, F.arn(F.prod, "user", "admin"), "iam:CreateUser") == ActionAccess.none)
    }

    @Test func whoCanAndExactEvaluationApplyTheSCPs() throws {
        var f = F()
        f.scps["p-deny-bucket"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::payroll/*"}]}"#), ["ou-prod"])
        let iam = f.iamAccount(F.prod, F.account(F.prod, users: Self.admin))
        let permissions = EffectivePermissions(account: iam)
        let user = F.arn(F.prod, "user", "admin")
        // A deny on some resources: limited, not full, and the deny is shown.
        let any = try permissions.whoCan(action: "s3:GetObject", in: iam)
        #expect(any.first { $0.principal.arn == user }?.level == .limited)
        #expect(any.first { $0.principal.arn == user }?.denies.contains { $0.kind == .serviceControl } == true)
        #expect(try permissions.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::payroll/2026.csv", in: iam).isEmpty)
        #expect(try permissions.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::public/x", in: iam).count == 1)
        // simulate: the principal's policy set carries its chain.
        let decision = PolicyEvaluator.evaluate(RequestContext(principal: RequestPrincipal(arn: user), action: "s3:GetObject",
            resource: "arn:aws:s3:::payroll/a"), policies: iam.principal(arn: user)!.policySet).decision
        #expect(decision == .explicitDeny)
    }

    @Test func anUnreadableSCPMakesAllowedVerdictsUnknownAndNeverDeniesByItself() {
        var f = F()
        f.scps["p-broken"] = (.unknown(reason: "describe-policy p-broken: AccessDenied"), ["ou-prod"])
        let chain = OrganizationBoundary(organization: f.organization(), account: F.prod)
        #expect(chain.unknownReason?.contains("p-broken") == true)
        // Taken as allowing everything: the admin stays an admin (never a false "denied")...
        #expect(access(f, F.prod, F.arn(F.prod, "user", "admin"), "iam:CreateUser") == .full)
        // ... and the identity analysis says why that verdict is uncertain.
        let analysis = IdentityAnalysis(f.iamAccount(F.prod, F.account(F.prod, users: Self.admin)))
        let admin = analysis.account.principal(arn: F.arn(F.prod, "user", "admin"))!
        #expect(analysis.unreadableOrganizationPolicies(of: admin)?.contains("AccessDenied") == true)
        // The management account is exempt: nothing unknown there.
        #expect(OrganizationBoundary(organization: f.organization(), account: F.management).unknownReason == nil)
    }

    @Test func anSCPThatIsNotAPolicyIsUnreadable() {
        var f = F()
        f.scps["p-garbage"] = (.known("not json"), [F.dev])
        let chain = OrganizationBoundary(organization: f.organization(), account: F.dev)
        #expect(chain.unknownReason?.contains("p-garbage") == true)
        #expect(access(f, F.dev, F.arn(F.dev, "user", "admin"), "iam:CreateUser") == .full)
    }

    @Test func aFailedPolicyListingMakesEveryMemberUnknown() {
        var f = F()
        f.scpListing = .unknown(reason: "")
        let chain = OrganizationBoundary(organization: f.organization(), account: F.dev)
        #expect(chain.serviceControlPolicies.isEmpty)
        #expect(chain.unknownReason?.contains("SCP list") == true)
        let unreadable = OrganizationBoundary(organization: .unknown(reason: "list-roots: AccessDenied"), account: F.dev)
        #expect(unreadable.unknownReason?.contains("AccessDenied") == true)
    }

    @Test func rcpsBoundTheAccountsResourcesOnlyForTheServicesTheyGovern() {
        var f = F()
        f.rcps["p-RCPFullAWSAccess"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#),
            [F.root, "ou-prod", "ou-dev", F.management, F.prod, F.dev])
        f.rcps["p-deny"] = (.known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}"#), [F.root])
        let user = F.arn(F.prod, "user", "admin")
        // s3 is governed by RCPs: denied on the account's own resources, so not on every resource.
        #expect(access(f, F.prod, user, "s3:GetObject") == .limited)
        // IAM is not: RCPs leave it alone.
        #expect(access(f, F.prod, user, "iam:CreateUser") == .full)
        let iam = f.iamAccount(F.prod, F.account(F.prod, users: Self.admin))
        #expect(try! EffectivePermissions(account: iam).whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::b/k",
            in: iam).isEmpty)
        // Not the management account's resources.
        #expect(access(f, F.management, F.arn(F.management, "user", "admin"), "s3:GetObject") == .full)
    }

    @Test func withoutAnOrganizationNothingChanges() {
        let iam = IAMAccount(F.account(F.prod, users: Self.admin), accountId: F.prod)
        #expect(iam.principal(arn: F.arn(F.prod, "user", "admin"))!.policySet.serviceControlPolicies.isEmpty)
        let permissions = EffectivePermissions(account: iam)
        #expect(permissions.access(of: iam.principals[0]).full.isAll)
    }
}
