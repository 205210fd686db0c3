public import RampartJSON

public struct Workspace: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var id: String
    public var directoryId: String
    public var userName: String?
    public var state: String?
    public var subnetId: String?
    public var rootVolumeEncryptionEnabled: Bool
    public var userVolumeEncryptionEnabled: Bool
    public var computerName: String?
}

public struct WorkspaceDirectory: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var id: String
    public var alias: String?
    public var state: String?
    public var subnetIds: [String]
}

public struct WorkSpacesInventory: Sendable {
    public var workspaces: Known<[Workspace]>
    public var directories: Known<[WorkspaceDirectory]>
}

extension WorkSpacesInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> WorkSpacesInventory {
        func call(_ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "workspaces", operation: operation)
        }
        let workspaces = loader.load(call("describe-workspaces")) { (root) throws(JSONShapeError) in
            try root.map("Workspaces") { (w) throws(JSONShapeError) in
                let id = try w.requiredString("WorkspaceId")
                return Workspace(
                    ref: ResourceRef(
                        arn: scope.arn("workspaces", "workspace/\(id)"), type: "AWS::WorkSpaces::Workspace",
                        account: scope.account, region: scope.region, name: try w.string("ComputerName") ?? id),
                    id: id, directoryId: try w.string("DirectoryId") ?? "", userName: try w.string("UserName"),
                    state: try w.string("State"), subnetId: try w.string("SubnetId"),
                    rootVolumeEncryptionEnabled: try w.bool("RootVolumeEncryptionEnabled") ?? false,
                    userVolumeEncryptionEnabled: try w.bool("UserVolumeEncryptionEnabled") ?? false,
                    computerName: try w.string("ComputerName"))
            }
        }
        let directories = loader.load(call("describe-workspace-directories")) { (root) throws(JSONShapeError) in
            try root.map("Directories") { (d) throws(JSONShapeError) in
                let id = try d.requiredString("DirectoryId")
                return WorkspaceDirectory(
                    ref: ResourceRef(
                        arn: scope.arn("workspaces", "directory/\(id)"), type: "AWS::WorkSpaces::Directory",
                        account: scope.account, region: scope.region, name: try d.string("Alias") ?? id),
                    id: id, alias: try d.string("Alias"), state: try d.string("State"), subnetIds: try d.strings("SubnetIds"))
            }
        }
        return WorkSpacesInventory(workspaces: workspaces, directories: directories)
    }
}
