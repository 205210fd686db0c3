import RampartFindings
import Testing

@Suite struct UserCredentialChecksTests {
    typealias F = IAMFixtures

    static let rows = [
        F.rootRow(key1: .init(active: true, rotated: 500, used: 400)),
        // A person: password and MFA, no keys, signed in 2 days ago.
        F.userRow("alice", passwordSet: 100, passwordUsed: 2, mfa: true),
        // A person with a key made long ago and never used; signs in.
        F.userRow("bob", passwordSet: 200, passwordUsed: 10, mfa: true, key1: .init(active: true, rotated: 200, used: nil)),
        // A person with a key in use.
        F.userRow("carol", created: 30, passwordSet: 30, passwordUsed: 3, mfa: true, key1: .init(active: true, rotated: 30, used: 5)),
        // Old user: password never used, an inactive key last used 95 days ago.
        F.userRow("dave", passwordSet: 400, key1: .init(active: false, rotated: 400, used: 95)),
        // New user, nothing used yet.
        F.userRow("erin", created: 30, passwordSet: 30),
        // Password last used exactly 90 days ago / 89 days ago.
        F.userRow("frank", passwordSet: 300, passwordUsed: 90, mfa: true),
        F.userRow("gina", passwordSet: 300, passwordUsed: 89, mfa: true),
        // Created 10 days ago with a password and a key at once; the key was never used.
        F.userRow("hank", created: 10, passwordSet: 10, passwordUsed: 1, mfa: true, key1: .init(active: true, rotated: 10, used: nil)),
        // Workloads: a CI user on two keys, and an old user with no credentials left.
        F.userRow("svc-ci", key1: .init(active: true, rotated: 60, used: 1), key2: .init(active: true, rotated: 5, used: nil)),
        F.userRow("svc-old"),
    ]

    var fixture: Fixture {
        var f = Fixture()
        f.iam("get-credential-report", F.credentialReport(Self.rows))
        return f
    }

    func finding(_ checkId: String, _ user: String, in f: Fixture? = nil) -> Finding? {
        (f ?? fixture).run(checkId).first { $0.resource.arn.hasSuffix("user/\(user)") }
    }

    /// A report row whose `password_enabled` is neither true nor false and whose creation time is `N/A`.
    static func oddRow(_ name: String) -> String {
        "\(name),arn:aws:iam::\(F.account):user/\(name),N/A,not_supported,N/A,N/A,N/A,false,\(F.noKey),\(F.noKey),false,N/A,false,N/A"
    }

    // MARK: console password and access keys

    @Test func aConsoleUserWithAnActiveKeyFails() {
        let id = "iam.user.console-password-without-access-keys"
        #expect(finding(id, "bob")?.status == .fail)
        #expect(finding(id, "bob")?.message == "bob has a console password and active access key 1.")
        #expect(finding(id, "carol")?.status == .fail)
        #expect(finding(id, "alice")?.status == .pass)
        #expect(finding(id, "alice")?.message == "alice has a console password and no active access keys.")
        #expect(finding(id, "svc-ci")?.message == "svc-ci has no console password.")
        #expect(fixture.run(id).count == Self.rows.count - 1, "one finding per IAM user, root left out")
    }

    @Test func aPasswordStateTheReportDoesNotGiveIsUnknown() {
        var f = Fixture()
        f.iam("get-credential-report", F.credentialReport([F.rootRow(), Self.oddRow("ivan")]))
        for id in ["iam.user.console-password-without-access-keys", "iam.user.no-initial-setup-access-keys", "iam.user.workloads-use-roles"] {
            #expect(finding(id, "ivan", in: f)?.status == .unknown, "\(id)")
        }
    }

    @Test func anUnreadableCredentialReportIsUnknownForEveryNewUserCheck() {
        var f = Fixture()
        f.iamFails("get-credential-report", code: "ReportNotPresent")
        for check in ["iam.user.console-password-without-access-keys", "iam.user.used-within-90-days", "iam.user.no-initial-setup-access-keys",
                      "iam.user.workloads-use-roles"] {
            let findings = f.run(check)
            #expect(findings.map(\.status) == [.unknown], "\(check)")
            #expect(findings.first?.resource.arn == "arn:aws:iam::123456789012:*")
        }
    }

    // MARK: users unused for 90 days

    @Test func anOldUserWhoseLastUseIs90DaysOrMoreAgoFails() {
        let id = "iam.user.used-within-90-days"
        #expect(finding(id, "dave")?.status == .fail)
        #expect(finding(id, "dave")?.message
            == "dave was last used 95 days before collection (access key 1 on 2026-08-26); 90 days or more without use fails.")
        #expect(finding(id, "frank")?.status == .fail)
        #expect(finding(id, "gina")?.status == .pass)
        #expect(finding(id, "gina")?.message == "gina was last used 89 days before collection (password sign-in on 2026-09-01).")
    }

    @Test func anOldUserNeverUsedFailsAndANewOneDoesNot() {
        let id = "iam.user.used-within-90-days"
        #expect(finding(id, "svc-old")?.status == .fail)
        #expect(finding(id, "svc-old")?.message
            == "svc-old was never used since it was created 400 days before collection; 90 days or more without use fails.")
        #expect(finding(id, "erin")?.status == .pass)
        #expect(finding(id, "erin")?.message == "erin was created 30 days before collection, less than 90 days.")
    }

    @Test func theLatestUseOfAnyCredentialCounts() {
        // bob's password was used 10 days ago although his key never was; svc-ci's key 1 yesterday.
        #expect(finding("iam.user.used-within-90-days", "bob")?.status == .pass)
        #expect(finding("iam.user.used-within-90-days", "svc-ci")?.message
            == "svc-ci was last used 1 day before collection (access key 1 on 2026-11-28).")
    }

    @Test func withoutUseOrCreationTimeTheVerdictIsUnknown() {
        var f = Fixture()
        f.iam("get-credential-report", F.credentialReport([F.rootRow(), Self.oddRow("ivan")]))
        let ivan = finding("iam.user.used-within-90-days", "ivan", in: f)
        #expect(ivan?.status == .unknown)
        #expect(ivan?.message.contains("no creation time for ivan") == true)
    }

    @Test func aUserMissingFromTheReportIsUnknown() {
        var f = fixture
        f.iam("get-account-authorization-details", F.authorizationDetails(users: [F.user("alice"), F.user("zoe")]))
        #expect(finding("iam.user.used-within-90-days", "zoe", in: f)?.status == .unknown)
        #expect(finding("iam.user.used-within-90-days", "alice", in: f)?.status == .pass)
    }

    // MARK: access keys from initial setup

    @Test func aConsoleUsersNeverUsedActiveKeyFails() {
        let id = "iam.user.no-initial-setup-access-keys"
        #expect(finding(id, "hank")?.status == .fail)
        #expect(finding(id, "hank")?.message
            == "hank has a console password and never-used active access key 1 (created with the user on 2026-11-19).")
        #expect(finding(id, "bob")?.message == "bob has a console password and never-used active access key 1 (created 2026-05-13).")
    }

    @Test func usedKeysNoKeysAndWorkloadUsersPass() {
        let id = "iam.user.no-initial-setup-access-keys"
        #expect(finding(id, "carol")?.status == .pass)
        #expect(finding(id, "carol")?.message == "carol's active access key 1 has been used.")
        #expect(finding(id, "alice")?.status == .pass)
        // svc-ci's key 2 was never used, but svc-ci has no console password: not a person's setup.
        #expect(finding(id, "svc-ci")?.status == .pass)
        // dave's never-used password does not matter; his only key is inactive.
        #expect(finding(id, "dave")?.status == .pass)
    }

    // MARK: workloads on long-lived keys

    @Test func aUserWithoutPasswordButWithActiveKeysFailsRecommendingRoles() {
        let id = "iam.user.workloads-use-roles"
        let ci = finding(id, "svc-ci")
        #expect(ci?.status == .fail)
        #expect(ci?.message == "svc-ci has no console password and active access keys 1 and 2: a workload on long-lived keys; give it a role instead.")
        #expect(ci?.severity == .low)
        #expect(ci?.remediation.contains("role") == true)
    }

    @Test func peopleAndKeylessUsersPassTheWorkloadCheck() {
        let id = "iam.user.workloads-use-roles"
        #expect(finding(id, "svc-old")?.status == .pass)
        #expect(finding(id, "bob")?.status == .pass)
        #expect(finding(id, "bob")?.message.hasPrefix("bob has a console password: a person's user") == true)
    }

    @Test func frameworkIdsAndProwlerAliasesAreTheVerifiedOnes() {
        let initial = fixture.run("iam.user.no-initial-setup-access-keys").first
        #expect(initial?.frameworks == ["cis-aws-3.0": ["1.11"], "cis-aws-5.0": ["1.10"]])
        #expect(initial?.aliases == ["prowler": "iam_user_no_setup_initial_access_key"])
        for id in ["iam.user.console-password-without-access-keys", "iam.user.used-within-90-days", "iam.user.workloads-use-roles"] {
            #expect(fixture.run(id).first?.frameworks.isEmpty == true, "\(id) has no verified mapping")
        }
    }
}
