import RampartFindings
import Testing

@Suite struct CloudShellAccessChecksTests {
    typealias F = IAMFixtures
    static let id = "iam.account.cloudshell-full-access-not-attached"
    static let cloudShell = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"

    func with(users: [String], groups: [String] = [], roles: [String] = []) -> Fixture {
        var f = Fixture()
        f.iam("get-account-authorization-details", F.authorizationDetails(users: users, groups: groups, roles: roles))
        return f
    }

    @Test func cloudShellFullAccessOnAUserAGroupOrARoleFails() {
        let f = with(
            users: [F.user("alice", attached: [Self.cloudShell]), F.user("bob", groups: ["ops"])],
            groups: [F.group("ops", attached: [Self.cloudShell])], roles: [F.role("admin", attached: [Self.cloudShell]), F.role("app", attached: [])])
        let finding = f.accountFinding(Self.id)
        #expect(finding?.status == .fail)
        #expect(finding?.message == "AWSCloudShellFullAccess is attached to user alice, group ops, role admin in account 123456789012.")
        #expect(finding?.evidence["attachedTo"]?.arrayValue?.count == 3)
        #expect(finding?.resource.type == "AWS::::Account")
    }

    @Test func noHolderPasses() {
        let f = with(
            users: [F.user("alice", attached: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])],
            roles: [F.role("support", attached: ["arn:aws:iam::aws:policy/AWSSupportAccess"])])
        let finding = f.accountFinding(Self.id)
        #expect(finding?.status == .pass)
        #expect(finding?.message == "No user, group or role in account 123456789012 has AWSCloudShellFullAccess attached.")
    }

    @Test func aCustomerPolicyNamedLikeItDoesNotCount() {
        let f = with(users: [F.user("alice", attached: ["arn:aws:iam::123456789012:policy/AWSCloudShellFullAccess"])])
        #expect(f.accountFinding(Self.id)?.status == .pass)
    }

    @Test func withoutAuthorizationDetailsTheVerdictIsUnknown() {
        var f = Fixture()
        f.iamFails("get-account-authorization-details")
        #expect(f.accountFinding(Self.id)?.status == .unknown)
        #expect(Fixture().accountFinding(Self.id)?.status == .unknown)
    }

    @Test func itCarriesTheCISNumbersOfBothVersions() {
        let finding = with(users: [F.user("alice")]).accountFinding(Self.id)
        #expect(finding?.frameworks == ["cis-aws-3.0": ["1.22"], "cis-aws-5.0": ["1.21"]])
        #expect(finding?.aliases == ["prowler": "iam_policy_cloudshell_admin_not_attached"])
    }
}
