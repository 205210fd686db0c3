import RampartFindings
import Testing

@Suite struct EBSChecksTests {
    /// Shaped as `aws ec2 describe-volumes` prints it.
    static let volumes = """
        {"Volumes": [
          {"VolumeId": "vol-enc", "Size": 8, "AvailabilityZone": "us-east-1a", "State": "in-use", "Encrypted": true,
           "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234", "VolumeType": "gp3",
           "Attachments": [{"VolumeId": "vol-enc", "InstanceId": "i-1", "Device": "/dev/xvda", "State": "attached"}]},
          {"VolumeId": "vol-plain", "Size": 100, "AvailabilityZone": "us-east-1b", "State": "in-use", "Encrypted": false,
           "Attachments": [{"VolumeId": "vol-plain", "InstanceId": "i-2", "Device": "/dev/sdf", "State": "attached"}]},
          {"VolumeId": "vol-spare", "Size": 20, "AvailabilityZone": "us-east-1b", "State": "available", "Encrypted": false,
           "Attachments": []}
        ]}
        """

    /// Shaped as `aws ec2 describe-snapshots` prints it (including another account's public snapshot).
    static let snapshots = """
        {"Snapshots": [
          {"SnapshotId": "snap-enc", "VolumeId": "vol-enc", "State": "completed", "Encrypted": true, "OwnerId": "123456789012",
           "StartTime": "2026-01-01T00:00:00.000Z", "VolumeSize": 8},
          {"SnapshotId": "snap-plain", "VolumeId": "vol-plain", "State": "completed", "Encrypted": false, "OwnerId": "123456789012",
           "StartTime": "2026-01-01T00:00:00.000Z", "VolumeSize": 100},
          {"SnapshotId": "snap-foreign", "VolumeId": "vol-ffffffff", "State": "completed", "Encrypted": false, "OwnerId": "999999999999",
           "StartTime": "2020-01-01T00:00:00.000Z", "VolumeSize": 8}
        ]}
        """

    @Test func regionWithoutEncryptionByDefaultFails() {
        var f = Fixture()
        f.regions = ["us-east-1", "eu-west-1"]
        f.answer("us-east-1", "ec2", "get-ebs-encryption-by-default", #"{"EbsEncryptionByDefault": true, "SseType": "sse-ebs"}"#)
        f.answer("eu-west-1", "ec2", "get-ebs-encryption-by-default", #"{"EbsEncryptionByDefault": false}"#)
        let findings = f.run("ec2.account.ebs-encryption-by-default")
        #expect(findings.map(\.status) == [.pass, .fail])
        #expect(findings.last?.message == "EBS encryption by default is disabled in eu-west-1.")
        #expect(findings.last?.resource.arn == "arn:aws:ec2:eu-west-1:123456789012:account")
    }

    @Test func unreadableEncryptionByDefaultIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "ec2", "get-ebs-encryption-by-default", code: "UnauthorizedOperation")
        let findings = f.run("ec2.account.ebs-encryption-by-default")
        #expect(findings.map(\.status) == [.unknown])
        #expect(findings.first?.message.contains("UnauthorizedOperation") == true)
    }

    @Test func unencryptedVolumesFailAttachedOrNot() {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-volumes", Self.volumes)
        #expect(f.status("ec2.volume.encrypted", on: "vol-enc") == .pass)
        #expect(f.status("ec2.volume.encrypted", on: "vol-plain") == .fail)
        #expect(f.status("ec2.volume.encrypted", on: "vol-spare") == .fail)
        let messages = f.run("ec2.volume.encrypted").map(\.message)
        #expect(messages.contains("vol-plain (attached to i-2) is not encrypted."))
        #expect(messages.contains("vol-spare (unattached) is not encrypted."))
    }

    @Test func volumesNotCollectedAreUnknown() {
        #expect(Fixture().run("ec2.volume.encrypted").map(\.status) == [.unknown])
    }

    @Test func unencryptedOwnSnapshotFailsAndOtherAccountsSnapshotsAreIgnored() {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-snapshots", Self.snapshots)
        #expect(f.status("ec2.snapshot.encrypted", on: "snap-enc") == .pass)
        #expect(f.status("ec2.snapshot.encrypted", on: "snap-plain") == .fail)
        #expect(f.status("ec2.snapshot.encrypted", on: "snap-foreign") == nil)
        #expect(f.run("ec2.snapshot.encrypted").first { $0.status == .fail }?.message == "snap-plain (of vol-plain) is not encrypted.")
    }

    @Test func unreadableSnapshotsAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "ec2", "describe-snapshots", code: "RequestLimitExceeded")
        #expect(f.run("ec2.snapshot.encrypted").map(\.status) == [.unknown])
    }
}
