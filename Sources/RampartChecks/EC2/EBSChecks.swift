import RampartFindings
import RampartInventory
import RampartJSON

/// EBS: encryption at rest of new volumes (the regional default), of existing volumes and of
/// the account's own snapshots.
enum EBSChecks {
    static let all: [Check] = [encryptionByDefault, volumeEncrypted, snapshotEncrypted]

    static let encryptionByDefault = Check(
        CheckMetadata(
            id: "ec2.account.ebs-encryption-by-default",
            title: "EBS encryption by default is enabled in every region",
            severity: .medium, resourceType: "AWS::::Account", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["2.2.1"], "cis-aws-5.0": ["5.1.1"], "aws-fsbp": ["EC2.7"]],
            prowler: "ec2_ebs_default_encryption",
            risk: "Without the regional default, any volume created without an explicit encryption flag stores its data unencrypted.",
            remediation: "Turn on EBS encryption by default in each region; it applies to volumes and snapshot copies created afterwards.",
            remediationCommand: "aws ec2 enable-ebs-encryption-by-default --region <region>"),
        evaluate: { ctx in
            ctx.perRegion(\.ec2.ebsEncryptionByDefault, resource: { ctx.regionRef($0, service: "ec2") }) { enabled, ref, region in
                let evidence: JSONObject = ["region": .string(region.scope.region), "ebsEncryptionByDefault": .bool(enabled)]
                if enabled {
                    return .pass(ref, "EBS encryption by default is enabled in \(region.scope.region).", evidence: evidence)
                }
                return .fail(ref, "EBS encryption by default is disabled in \(region.scope.region).", evidence: evidence)
            }
        })

    static let volumeEncrypted = Check(
        CheckMetadata(
            id: "ec2.volume.encrypted",
            title: "EBS volumes are encrypted",
            severity: .medium, resourceType: "AWS::EC2::Volume", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.3"]],
            prowler: "ec2_ebs_volume_encryption",
            risk: "An unencrypted volume, and every snapshot taken of it, exposes its data to anyone who obtains a copy.",
            remediation: "Snapshot the volume, copy the snapshot with encryption, create a volume from the copy and swap it in.",
            remediationCommand:
                "aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snapshot-of-volume> --encrypted --kms-key-id <kms-key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.volumes) { volume, _ in
                let attachment = volume.attachedInstanceIds.isEmpty
                    ? "unattached" : "attached to \(volume.attachedInstanceIds.joined(separator: ", "))"
                let evidence: JSONObject = [
                    "volumeId": .string(volume.id), "encrypted": .bool(volume.encrypted), "kmsKeyId": .optional(volume.kmsKeyId),
                    "state": .string(volume.state), "attachedInstanceIds": .strings(volume.attachedInstanceIds),
                ]
                if volume.encrypted {
                    return .pass(volume.ref, "\(volume.id) (\(attachment)) is encrypted.", evidence: evidence)
                }
                return .fail(volume.ref, "\(volume.id) (\(attachment)) is not encrypted.", evidence: evidence)
            }
        })

    static let snapshotEncrypted = Check(
        CheckMetadata(
            id: "ec2.snapshot.encrypted",
            title: "EBS snapshots are encrypted",
            severity: .medium, resourceType: "AWS::EC2::Snapshot", serviceModel: .infrastructure,
            frameworks: [:],
            prowler: "ec2_ebs_snapshots_encrypted",
            risk: "An unencrypted snapshot can be shared or copied, and restores to an unencrypted volume.",
            remediation: "Copy the snapshot with encryption enabled, then delete the unencrypted original.",
            remediationCommand:
                "aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snapshot-id> --encrypted --kms-key-id <kms-key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.snapshots) { snapshot, region in
                // describe-snapshots without --owner-ids self also lists public snapshots of other accounts.
                if let owner = snapshot.ownerId, owner != region.scope.account { return nil }
                let evidence: JSONObject = [
                    "snapshotId": .string(snapshot.id), "encrypted": .bool(snapshot.encrypted), "volumeId": .optional(snapshot.volumeId),
                ]
                if snapshot.encrypted {
                    return .pass(snapshot.ref, "\(snapshot.id) is encrypted.", evidence: evidence)
                }
                let source = snapshot.volumeId.map { " (of \($0))" } ?? ""
                return .fail(snapshot.ref, "\(snapshot.id)\(source) is not encrypted.", evidence: evidence)
            }
        })
}
