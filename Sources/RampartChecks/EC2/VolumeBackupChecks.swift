import RampartFindings
import RampartInventory
import RampartJSON

/// EBS volumes in use have at least one snapshot of their own.
enum VolumeBackupChecks {
    static let all: [Check] = [hasSnapshot]

    static let hasSnapshot = Check(
        CheckMetadata(
            id: "ec2.volume.has-snapshot",
            title: "EBS volumes in use have at least one snapshot",
            severity: .medium, resourceType: "AWS::EC2::Volume", serviceModel: .infrastructure,
            frameworks: [:], prowler: "ec2_ebs_volume_snapshots_exists",
            risk: "A volume with no snapshot cannot be restored after deletion, corruption or ransomware.",
            remediation: "Snapshot the volume, and schedule snapshots with Data Lifecycle Manager or AWS Backup.",
            remediationCommand: "aws ec2 create-snapshot --volume-id <volume-id> --description <description>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.volumes) { volume, region in
                guard volume.state == "in-use" else { return nil }
                switch region.ec2.snapshots {
                case .unknown(let reason): return .unknown(volume.ref, reason)
                case .known(let snapshots):
                    let own = snapshots.filter { $0.volumeId == volume.id }.map(\.id)
                    let evidence: JSONObject = ["volumeId": .string(volume.id), "snapshotIds": .strings(own)]
                    if own.isEmpty { return .fail(volume.ref, "\(volume.id) has no snapshot.", evidence: evidence) }
                    return .pass(volume.ref, "\(volume.id) has \(own.count) snapshot\(own.count == 1 ? "" : "s").", evidence: evidence)
                }
            }
        })
}
