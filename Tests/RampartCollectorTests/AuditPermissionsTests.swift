import RampartAWSProtocols
import RampartCollector
import RampartIAM
import RampartJSON
import Testing

/// The audit role's policy and the management caller's are generated from the collection plan:
/// they allow every call Rampart makes, only those, and only reads.
@Suite struct AuditPermissionsTests {
    var plannedCalls: [(String, String)] {
        CollectionPlan.calls.map { ($0.service, $0.operation) } + CollectionPlan.supportCalls.map { ($0.service, $0.operation) }
    }

    @Test func everyPlannedCallMapsToAnIAMActionAWSDefines() throws {
        for (service, operation) in plannedCalls + CollectionPlan.organizationCalls.map({ ($0.service, $0.operation) }) {
            let action = try #require(AuditPermissions.action(service: service, operation: operation), "\(service) \(operation) has no action")
            #expect(ActionCatalog.shared.action(action) != nil, "\(service) \(operation) → \(action), which IAM does not define")
        }
    }

    @Test func theRolePolicyAllowsExactlyThePlannedCalls() throws {
        let template = AuditPermissions.roleTemplate(roleName: "RampartAudit")
        let document = try #require(template["Resources"]?["RampartAuditRole"]?["Properties"]?["Policies"]?.arrayValue?.first?["PolicyDocument"])
        let statements = try #require(document["Statement"]?.arrayValue)
        let allowed = Set(statements.flatMap { $0["Action"]?.arrayValue?.compactMap(\.stringValue) ?? [] })
        let needed = Set(plannedCalls.compactMap { AuditPermissions.action(service: $0.0, operation: $0.1) })
        #expect(allowed == needed)
        #expect(!allowed.contains { $0.hasPrefix("organizations:") }, "a member role does not read the organization")
        #expect(statements.allSatisfy { $0["Resource"]?.stringValue == "*" && $0["Effect"]?.stringValue == "Allow" })
        #expect(!allowed.contains { $0.contains("*") })
    }

    @Test func everyAllowedActionIsARead() {
        for action in AuditPermissions.managementActions() where action != "sts:AssumeRole" {
            let level = ActionCatalog.shared.accessLevel(of: action)
            #expect(level == .read || level == .list, "\(action) is \(level.map(\.rawValue) ?? "unknown"), not a read")
        }
    }

    @Test func theManagementPolicyAddsTheOrganizationReadsAndAssumingOnlyTheAuditRole() throws {
        let policy = AuditPermissions.policy(actions: AuditPermissions.managementActions(), roleName: "RampartAudit")
        let statements = try #require(policy["Statement"]?.arrayValue)
        let reads = Set(statements[0]["Action"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(reads.isSuperset(of: Set(AuditPermissions.memberActions())))
        #expect(reads.subtracting(AuditPermissions.memberActions()) == [
            "organizations:DescribeOrganization", "organizations:ListAccounts", "organizations:ListRoots",
            "organizations:ListOrganizationalUnitsForParent", "organizations:ListAccountsForParent", "organizations:ListPolicies",
            "organizations:DescribePolicy", "organizations:ListTargetsForPolicy",
        ])
        #expect(statements[1]["Action"]?.stringValue == "sts:AssumeRole")
        #expect(statements[1]["Resource"]?.stringValue == "arn:aws:iam::*:role/RampartAudit")
    }

    @Test func theShardPlanIsDeterministicAndCoversEveryAccountOnce() {
        let accounts = (0..<10).map { String(format: "1000000000%02d", 9 - $0) }
        let plan = ShardPlan(accounts: accounts, count: 3)
        #expect(plan == ShardPlan(accounts: accounts.reversed(), count: 3))
        #expect(plan.shards.count == 3)
        #expect(plan.shards.flatMap { $0 }.sorted() == accounts.sorted())
        #expect(plan.shards.map(\.count) == [4, 3, 3])
        #expect(plan.shards[0].first == "100000000000")
    }
}
