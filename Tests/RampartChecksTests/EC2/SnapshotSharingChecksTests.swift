import RampartFindings
import Testing

@Suite struct SnapshotSharingChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-snapshots", """
            {"Snapshots": [{"SnapshotId": "snap-public", "OwnerId": "123456789012", "Encrypted": false, "VolumeId": "vol-1"},
                           {"SnapshotId": "snap-shared", "OwnerId": "123456789012", "Encrypted": true, "VolumeId": "vol-2"},
                           {"SnapshotId": "snap-unread", "OwnerId": "123456789012", "Encrypted": true, "VolumeId": "vol-3"},
                           {"SnapshotId": "snap-amazon", "OwnerId": "801119661308", "Encrypted": false}]}
            """)
        f.answer("us-east-1", "ec2", "describe-snapshot-attribute", resource: "snap-public",
                 #"{"SnapshotId": "snap-public", "CreateVolumePermissions": [{"Group": "all"}]}"#)
        f.answer("us-east-1", "ec2", "describe-snapshot-attribute", resource: "snap-shared",
                 #"{"SnapshotId": "snap-shared", "CreateVolumePermissions": [{"UserId": "210987654321"}]}"#)
        f.fail("us-east-1", "ec2", "describe-snapshot-attribute", resource: "snap-unread", code: "UnauthorizedOperation")
        return f
    }

    @Test func snapshotRestorableByEveryoneFails() {
        #expect(fixture.status("ec2.snapshot.not-public", on: "/snap-public") == .fail)
        let shared = fixture.run("ec2.snapshot.not-public").first { $0.resource.arn.hasSuffix("/snap-shared") }
        #expect(shared?.status == .pass)
        #expect(shared?.message == "snap-shared is not public (shared with 210987654321).")
        #expect(fixture.status("ec2.snapshot.not-public", on: "/snap-amazon") == nil, "another account's snapshot")
    }

    @Test func unreadablePermissionsAreUnknown() {
        #expect(fixture.status("ec2.snapshot.not-public", on: "/snap-unread") == .unknown)
        #expect(Fixture().run("ec2.snapshot.not-public").map(\.status) == [.unknown])
    }
}
