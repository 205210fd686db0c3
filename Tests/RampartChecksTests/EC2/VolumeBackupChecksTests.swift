import RampartFindings
import Testing

@Suite struct VolumeBackupChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-volumes", """
            {"Volumes": [{"VolumeId": "vol-kept", "State": "in-use", "Encrypted": true, "AvailabilityZone": "us-east-1a", "Attachments": [{"InstanceId": "i-1"}]},
                         {"VolumeId": "vol-bare", "State": "in-use", "Encrypted": true, "AvailabilityZone": "us-east-1a", "Attachments": [{"InstanceId": "i-2"}]},
                         {"VolumeId": "vol-free", "State": "available", "Encrypted": true, "AvailabilityZone": "us-east-1a"}]}
            """)
        f.answer("us-east-1", "ec2", "describe-snapshots", #"{"Snapshots": [{"SnapshotId": "snap-1", "VolumeId": "vol-kept", "Encrypted": true, "OwnerId": "123456789012"}]}"#)
        return f
    }

    @Test func volumeInUseWithoutSnapshotFails() {
        #expect(fixture.status("ec2.volume.has-snapshot", on: "/vol-kept") == .pass)
        #expect(fixture.status("ec2.volume.has-snapshot", on: "/vol-bare") == .fail)
        #expect(fixture.status("ec2.volume.has-snapshot", on: "/vol-free") == nil)
    }

    @Test func unreadableSnapshotsAreUnknown() {
        var f = fixture
        f.fail("us-east-1", "ec2", "describe-snapshots", code: "UnauthorizedOperation")
        #expect(f.status("ec2.volume.has-snapshot", on: "/vol-kept") == .unknown)
        #expect(Fixture().run("ec2.volume.has-snapshot").map(\.status) == [.unknown])
    }
}
