import RampartFindings
import RampartInventory
import RampartJSON

/// WorkSpaces (personal virtual desktops): encryption of their root and user volumes.
enum WorkspaceChecks {
    static let all: [Check] = [volumesEncrypted]

    static let volumesEncrypted = Check(
        CheckMetadata(
            id: "workspaces.workspace.volumes-encrypted",
            title: "WorkSpaces root and user volumes are encrypted at rest",
            severity: .medium, resourceType: "AWS::WorkSpaces::Workspace", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["WorkSpaces.1", "WorkSpaces.2"]],
            prowler: "workspaces_volume_encryption_enabled",
            risk: "Unencrypted desktop volumes and the snapshots taken of them expose whatever users keep on their desktops.",
            remediation: "Volume encryption can only be chosen at launch: create a new WorkSpace with both volumes encrypted, move the user to it, and remove the old one.",
            remediationCommand:
                "aws workspaces create-workspaces --workspaces 'DirectoryId=<directory-id>,UserName=<user>,BundleId=<bundle-id>,VolumeEncryptionKey=<kms-key-arn>,RootVolumeEncryptionEnabled=true,UserVolumeEncryptionEnabled=true'"),
        evaluate: { ctx in
            ctx.eachRegional(\.workspaces.workspaces) { ws, _ in
                var plain: [String] = []
                if !ws.rootVolumeEncryptionEnabled { plain.append("root") }
                if !ws.userVolumeEncryptionEnabled { plain.append("user") }
                let evidence: JSONObject = [
                    "workspaceId": .string(ws.id), "userName": .optional(ws.userName),
                    "rootVolumeEncryptionEnabled": .bool(ws.rootVolumeEncryptionEnabled),
                    "userVolumeEncryptionEnabled": .bool(ws.userVolumeEncryptionEnabled),
                ]
                let owner = ws.userName.map { " (user \($0))" } ?? ""
                if plain.isEmpty {
                    return .pass(ws.ref, "WorkSpace \(ws.id)\(owner) has encrypted root and user volumes.", evidence: evidence)
                }
                return .fail(ws.ref, "WorkSpace \(ws.id)\(owner) has an unencrypted \(plain.joined(separator: " and ")) volume.", evidence: evidence)
            }
        })
}
