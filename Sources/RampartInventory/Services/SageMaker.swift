import RampartJSON

/// What `describe-notebook-instance` says of a notebook instance.
public struct NotebookInstanceDetails: Sendable {
    public var status: String?
    public var subnetId: String?
    public var roleArn: String?
    public var kmsKeyId: String?
    /// `DirectInternetAccess`: `Enabled` (the default) or `Disabled`.
    public var directInternetAccess: String?
    /// `RootAccess`: `Enabled` (the default) or `Disabled`.
    public var rootAccess: String?
    /// `PlatformIdentifier` (`notebook-al2-v2`); nil when not reported.
    public var platformIdentifier: String?
}

/// A SageMaker notebook instance (`list-notebook-instances`) with its description.
public struct NotebookInstance: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var details: Known<NotebookInstanceDetails>
}

/// The region's SageMaker notebook instances.
public struct SageMakerInventory: Sendable {
    public var notebookInstances: Known<[NotebookInstance]>
}

extension SageMakerInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> SageMakerInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "sagemaker", operation: operation, resource: resource)
        }
        let listing = loader.load(call("list-notebook-instances")) { (root) throws(JSONShapeError) in
            try root.map("NotebookInstances") { (n) throws(JSONShapeError) in
                (name: try n.requiredString("NotebookInstanceName"), arn: try n.string("NotebookInstanceArn"))
            }
        }
        let notebooks = listing.map { entries in
            entries.map { entry in
                NotebookInstance(
                    ref: ResourceRef(arn: entry.arn ?? scope.arn("sagemaker", "notebook-instance/\(entry.name)"), type: "AWS::SageMaker::NotebookInstance",
                                     account: scope.account, region: scope.region, name: entry.name),
                    name: entry.name,
                    details: loader.load(call("describe-notebook-instance", entry.name)) { (n) throws(JSONShapeError) in
                        NotebookInstanceDetails(
                            status: try n.string("NotebookInstanceStatus"), subnetId: try n.string("SubnetId"), roleArn: try n.string("RoleArn"),
                            kmsKeyId: try n.string("KmsKeyId"), directInternetAccess: try n.string("DirectInternetAccess"),
                            rootAccess: try n.string("RootAccess"), platformIdentifier: try n.string("PlatformIdentifier"))
                    })
            }
        }
        return SageMakerInventory(notebookInstances: notebooks)
    }
}
