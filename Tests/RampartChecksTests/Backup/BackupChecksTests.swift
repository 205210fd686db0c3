import RampartFindings
import Testing

@Suite struct BackupChecksTests {
    static let plan = "backup.region.plan-exists"
    static let vault = "backup.region.vault-exists"

    func fixture(plans: String, vaults: String) -> Fixture {
        var f = Fixture()
        f.answer("us-east-1", "backup", "list-backup-plans", #"{"BackupPlansList": \#(plans)}"#)
        f.answer("us-east-1", "backup", "list-backup-vaults", #"{"BackupVaultList": \#(vaults)}"#)
        return f
    }

    @Test func aPlanAndAVaultPass() {
        let f = fixture(
            plans: #"[{"BackupPlanArn": "arn:aws:backup:us-east-1:123456789012:backup-plan:p-1", "BackupPlanId": "p-1", "CreationDate": 1767607200.0, "BackupPlanName": "daily", "VersionId": "v1"}]"#,
            vaults: #"[{"BackupVaultName": "main", "BackupVaultArn": "arn:aws:backup:us-east-1:123456789012:backup-vault:main", "CreationDate": 1767607200.0, "NumberOfRecoveryPoints": 0, "Locked": false}]"#)
        #expect(f.run(Self.plan).first?.message == "us-east-1 has the AWS Backup plan daily.")
        #expect(f.run(Self.plan).map(\.status) == [.pass])
        #expect(f.run(Self.vault).map(\.status) == [.pass])
        #expect(f.run(Self.vault).first?.aliases["prowler"] == "backup_vaults_exist")
    }

    @Test func noPlanOrNoVaultFails() {
        let f = fixture(plans: "[]", vaults: "[]")
        #expect(f.run(Self.plan).first?.message == "us-east-1 has no AWS Backup plan.")
        #expect(f.run(Self.plan).map(\.status) == [.fail])
        #expect(f.run(Self.vault).map(\.status) == [.fail])
    }

    @Test func unreadListingsAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "backup", "list-backup-plans", code: "AccessDeniedException")
        #expect(f.run(Self.plan).map(\.status) == [.unknown])
        #expect(Fixture().run(Self.vault).map(\.status) == [.unknown])
    }
}
