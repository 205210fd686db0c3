import RampartFindings
import Testing

@Suite struct WorkspaceChecksTests {
    static let checkId = "workspaces.workspace.volumes-encrypted"

    /// Shaped as `aws workspaces describe-workspaces` prints it.
    static let workspaces = """
        {"Workspaces": [
          {"WorkspaceId": "ws-sealed", "DirectoryId": "d-1", "UserName": "ana", "State": "AVAILABLE", "BundleId": "wsb-1",
           "SubnetId": "subnet-a", "ComputerName": "A-1", "VolumeEncryptionKey": "arn:aws:kms:us-east-1:123456789012:key/3333",
           "RootVolumeEncryptionEnabled": true, "UserVolumeEncryptionEnabled": true,
           "WorkspaceProperties": {"RunningMode": "AUTO_STOP", "RootVolumeSizeGib": 80, "UserVolumeSizeGib": 50}},
          {"WorkspaceId": "ws-half", "DirectoryId": "d-1", "UserName": "bo", "State": "AVAILABLE", "BundleId": "wsb-1",
           "RootVolumeEncryptionEnabled": false, "UserVolumeEncryptionEnabled": true},
          {"WorkspaceId": "ws-plain", "DirectoryId": "d-1", "UserName": "cy", "State": "STOPPED", "BundleId": "wsb-1",
           "RootVolumeEncryptionEnabled": false, "UserVolumeEncryptionEnabled": false}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "workspaces", "describe-workspaces", Self.workspaces)
        return f
    }

    @Test func workspaceWithBothVolumesEncryptedPasses() {
        #expect(fixture.status(Self.checkId, on: "workspace/ws-sealed") == .pass)
    }

    @Test func workspaceWithAnUnencryptedVolumeFailsNamingTheVolume() {
        let findings = fixture.run(Self.checkId)
        let half = findings.first { $0.resource.arn.hasSuffix("workspace/ws-half") }
        let plain = findings.first { $0.resource.arn.hasSuffix("workspace/ws-plain") }
        #expect(half?.status == .fail)
        #expect(half?.message == "WorkSpace ws-half (user bo) has an unencrypted root volume.")
        #expect(plain?.message == "WorkSpace ws-plain (user cy) has an unencrypted root and user volume.")
    }

    @Test func unreadableWorkspacesAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "workspaces", "describe-workspaces", code: "AccessDeniedException")
        #expect(f.run(Self.checkId).map(\.status) == [.unknown])
    }
}
