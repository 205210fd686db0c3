import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// EBS snapshots the account owns are not restorable by everyone.
enum SnapshotSharingChecks {
    static let all: [Check] = [notPublic]

    static let notPublic = Check(
        CheckMetadata(
            id: "ec2.snapshot.not-public",
            title: "EBS snapshots are not restorable by everyone",
            severity: .critical, resourceType: "AWS::EC2::Snapshot", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["EC2.1"]], prowler: "ec2_ebs_public_snapshot",
            risk: "Anyone with an AWS account can create a volume from a public snapshot and read every file on it.",
            remediation: "Remove the `all` group from the snapshot's create-volume permissions.",
            remediationCommand:
                "aws ec2 modify-snapshot-attribute --snapshot-id <snapshot-id> --attribute createVolumePermission --operation-type remove --group-names all"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.snapshots) { snapshot, region in
                // Snapshots shared with the account by others are their owners' to judge.
                guard snapshot.ownerId == nil || snapshot.ownerId == region.scope.account else { return nil }
                // The one external-access analysis (RampartAccess) decides what is public.
                let access = ExternalAccessAnalysis.analyze(snapshot: snapshot, zone: .account)
                switch (snapshot.createVolumePermissions, ExternalAccessChecks.publicSharing(access)) {
                case (.unknown(let reason), _), (_, .unknown(let reason)): return .unknown(snapshot.ref, reason)
                case (.known(let permissions), .known(let open)):
                    let evidence: JSONObject = ["snapshotId": .string(snapshot.id), "createVolumePermissions": .strings(permissions)]
                    if !open.isEmpty {
                        return .fail(snapshot.ref, "\(snapshot.id) is public: anyone may create a volume from it (Group=all).", evidence: evidence)
                    }
                    let shared = permissions.filter { $0.hasPrefix("account:") }.map { String($0.dropFirst(8)) }
                    let note = shared.isEmpty ? "" : " (shared with \(shared.joined(separator: ", ")))"
                    return .pass(snapshot.ref, "\(snapshot.id) is not public\(note).", evidence: evidence)
                }
            }
        })
}
