import RampartFindings
import Testing

@Suite struct RootUserChecksTests {
    typealias F = IAMFixtures

    func fixture(root: String, summary: String? = F.accountSummary(), virtualRoot: Bool = false) -> Fixture {
        var f = Fixture()
        f.iam("get-credential-report", F.credentialReport([root, F.userRow("alice", passwordSet: 10, passwordUsed: 1, mfa: true)]))
        if let summary { f.iam("get-account-summary", summary) }
        f.iam("list-virtual-mfa-devices", F.virtualMFADevices(rootVirtual: virtualRoot))
        return f
    }

    // MARK: no active access keys

    @Test func rootWithAnActiveAccessKeyFails() {
        let f = fixture(root: F.rootRow(key1: .init(active: true, rotated: 300, used: 2)), summary: F.accountSummary(keys: 1))
        let finding = f.accountFinding("iam.root-user.no-active-access-keys")
        #expect(finding?.status == .fail)
        #expect(finding?.message == "The root user of account 123456789012 has an active access key 1.")
        #expect(finding?.resource.arn == "arn:aws:iam::123456789012:root")
        #expect(finding?.resource.type == "AWS::::Account")
    }

    @Test func rootWithoutActiveKeysPassesAndMentionsAnInactiveOne() {
        #expect(fixture(root: F.rootRow()).accountFinding("iam.root-user.no-active-access-keys")?.status == .pass)
        let inactive = fixture(root: F.rootRow(), summary: F.accountSummary(keys: 1)).accountFinding("iam.root-user.no-active-access-keys")
        #expect(inactive?.status == .pass)
        #expect(inactive?.message.contains("an inactive root key exists") == true)
    }

    @Test func unreadableReportIsUnknownUnlessTheSummaryShowsNoKeys() {
        var f = Fixture()
        f.iamFails("get-credential-report", code: "ReportNotPresent")
        f.iam("get-account-summary", F.accountSummary(keys: 1))
        let unknown = f.accountFinding("iam.root-user.no-active-access-keys")
        #expect(unknown?.status == .unknown)
        #expect(unknown?.message.contains("ReportNotPresent") == true)
        f.iam("get-account-summary", F.accountSummary(keys: 0))
        #expect(f.accountFinding("iam.root-user.no-active-access-keys")?.status == .pass)
    }

    @Test func aReportWithoutARootRowIsUnknown() {
        var f = Fixture()
        f.iam("get-credential-report", F.credentialReport([F.userRow("alice")]))
        let finding = f.accountFinding("iam.root-user.no-active-access-keys")
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("no <root_account> row") == true)
    }

    // MARK: MFA

    @Test func rootWithoutMFAFails() {
        let f = fixture(root: F.rootRow(mfa: false), summary: F.accountSummary(mfa: 0))
        #expect(f.accountFinding("iam.root-user.mfa-enabled")?.status == .fail)
        #expect(f.accountFinding("iam.root-user.hardware-mfa")?.status == .fail)
    }

    @Test func rootMFAIsReadFromTheSummaryFirstThenTheReport() {
        #expect(fixture(root: F.rootRow(mfa: false), summary: F.accountSummary(mfa: 1)).accountFinding("iam.root-user.mfa-enabled")?.status == .pass)
        #expect(fixture(root: F.rootRow(mfa: true), summary: nil).accountFinding("iam.root-user.mfa-enabled")?.status == .pass)
        #expect(fixture(root: F.rootRow(mfa: false), summary: nil).accountFinding("iam.root-user.mfa-enabled")?.status == .fail)
    }

    @Test func rootWithoutAPasswordNeedsNoMFA() {
        let f = fixture(root: F.rootRow(mfa: false), summary: F.accountSummary(mfa: 0, password: 0))
        let finding = f.accountFinding("iam.root-user.mfa-enabled")
        #expect(finding?.status == .pass)
        #expect(finding?.message.contains("AccountPasswordPresent=0") == true)
        #expect(f.accountFinding("iam.root-user.hardware-mfa")?.status == .pass)
    }

    @Test func rootMFAUnknownWhenNeitherSummaryNorReportWasRead() {
        var f = Fixture()
        f.iamFails("get-credential-report")
        f.iamFails("get-account-summary")
        #expect(f.accountFinding("iam.root-user.mfa-enabled")?.status == .unknown)
        #expect(f.accountFinding("iam.root-user.hardware-mfa")?.status == .unknown)
    }

    // MARK: hardware MFA

    @Test func rootWithAVirtualMFADeviceFailsHardwareMFA() {
        let finding = fixture(root: F.rootRow(), virtualRoot: true).accountFinding("iam.root-user.hardware-mfa")
        #expect(finding?.status == .fail)
        #expect(finding?.message == "The root user of account 123456789012 uses virtual MFA device arn:aws:iam::123456789012:mfa/root-account-mfa-device.")
    }

    @Test func rootWithMFAAndNoVirtualDevicePassesHardwareMFA() {
        // alice's virtual device and an unassigned one are not root's.
        #expect(fixture(root: F.rootRow(), virtualRoot: false).accountFinding("iam.root-user.hardware-mfa")?.status == .pass)
    }

    @Test func unreadableVirtualMFAListMakesHardwareMFAUnknown() {
        var f = fixture(root: F.rootRow())
        f.iamFails("list-virtual-mfa-devices")
        let finding = f.accountFinding("iam.root-user.hardware-mfa")
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("list-virtual-mfa-devices") == true)
    }

    // MARK: recent use

    @Test func rootUsedWithinNinetyDaysFails() {
        let finding = fixture(root: F.rootRow(passwordUsed: 3)).accountFinding("iam.root-user.not-recently-used")
        #expect(finding?.status == .fail)
        #expect(finding?.message.contains("used 3 days before collection (password sign-in on 2026-11-26)") == true)
        let byKey = fixture(root: F.rootRow(passwordUsed: 200, key2: .init(active: false, rotated: 500, used: 89)))
        #expect(byKey.accountFinding("iam.root-user.not-recently-used")?.status == .fail)
    }

    @Test func rootUnusedForNinetyDaysOrNeverUsedPasses() {
        #expect(fixture(root: F.rootRow(passwordUsed: 90)).accountFinding("iam.root-user.not-recently-used")?.status == .pass)
        let never = fixture(root: F.rootRow()).accountFinding("iam.root-user.not-recently-used")
        #expect(never?.status == .pass)
        #expect(never?.message == "The root user of account 123456789012 has no recorded use.")
    }

    @Test func rootUseUnknownWithoutTheReport() {
        var f = Fixture()
        f.iamFails("get-credential-report")
        #expect(f.accountFinding("iam.root-user.not-recently-used")?.status == .unknown)
    }
}
