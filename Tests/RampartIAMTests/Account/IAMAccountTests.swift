import RampartIAM
import RampartInventory
import RampartJSON
import Testing

/// Reading an account's identities from `get-account-authorization-details`.
@Suite struct IAMAccountTests {
    /// "Policy evaluation logic": a user's requests are governed by its own and its groups' policies.
    @Test func usersInheritTheirGroupsPolicies() {
        let alice = AccountFixture.principal("alice")
        #expect(alice.identityPolicies.map(\.name) == [
            "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::111122223333:policy/DenyTrailTampering",
        ])
        #expect(alice.groupArns == ["arn:aws:iam::111122223333:group/admins"])
        #expect(AccountFixture.principal("bob").identityPolicies.map(\.name) == ["group/developers:dev-ec2"])
    }

    /// "Versioning IAM policies": only the default version of a managed policy is in force.
    @Test func managedPoliciesApplyAtTheirDefaultVersion() {
        #expect(AccountFixture.access("carol", "s3:DeleteBucket") == ActionAccess.none)
        #expect(AccountFixture.access("carol", "s3:GetObject") == .limited)
    }

    @Test func boundariesAndTrustPoliciesAreRead() {
        #expect(AccountFixture.principal("bob").permissionsBoundary?.name == "arn:aws:iam::111122223333:policy/DevBoundary")
        #expect(AccountFixture.principal("ops-admin").trustPolicy?.document.statements.count == 1)
        #expect(AccountFixture.principal("carol").contextKeys["aws:PrincipalTag/team"] == .single("data"))
    }

    /// A policy that cannot be read is listed, not silently dropped, and grants nothing.
    @Test func unreadablePoliciesAndMissingGroupsAreReported() {
        let problems = AccountFixture.account.problems.map(\.description)
        #expect(problems.contains { $0.hasPrefix("user/dave:broken: Statement[0]") && $0.contains("Effect") })
        #expect(problems.contains { $0.hasPrefix("group/ghost:") && $0.contains("not in the file") })
        #expect(AccountFixture.access("dave", "s3:GetObject") == ActionAccess.none)
    }

    /// A boundary missing from the file must not widen access: the principal is judged as bounded by nothing allowed.
    @Test func aBoundaryMissingFromTheFileGrantsNothing() throws {
        let value = try JSONParser.parse(#"""
            {"UserDetailList": [{"UserName": "eve", "Arn": "arn:aws:iam::111122223333:user/eve", "GroupList": [],
              "UserPolicyList": [{"PolicyName": "all", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
              "AttachedManagedPolicies": [], "PermissionsBoundary": {"PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/Gone"}}],
             "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
            """#)
        let account = IAMAccount(try AuthorizationDetails(awsCLIOutput: value), accountId: "111122223333")
        let eve = account.principals[0]
        let access = EffectivePermissions(account: account).access(of: eve)
        #expect(access.full.isEmpty && access.limited.isEmpty)
        #expect(account.problems.map(\.policy) == ["arn:aws:iam::111122223333:policy/Gone"])
    }

    @Test func theAccountIsTakenFromTheFirstARN() throws {
        let value = try JSONParser.parse(#"{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::999988887777:role/r"}], "Policies": []}"#)
        let details = try AuthorizationDetails(awsCLIOutput: value)
        #expect(details.roles.first?.ref.account == "999988887777")
    }

    @Test func aWrongShapeNamesItsPath() {
        #expect(throws: JSONShapeError.self) {
            try AuthorizationDetails(awsCLIOutput: try JSONParser.parse(#"{"UserDetailList": [{"UserName": 5}]}"#))
        }
        do {
            _ = try AuthorizationDetails(awsCLIOutput: try JSONParser.parse(#"{"UserDetailList": [{"UserName": 5}]}"#))
        } catch {
            #expect("\(error)".contains("UserDetailList[0].UserName"))
        }
    }
}
