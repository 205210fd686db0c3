public import RampartJSON

/// A Systems Manager parameter as `describe-parameters` describes it (never its value).
public struct SSMParameter: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    /// `String`, `StringList` or `SecureString`.
    public var type: String
}

/// A Systems Manager document the account owns, and who it is shared with.
public struct SSMDocument: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var documentType: String?
    /// `describe-document-permission --permission-type Share`: the account ids (or `all`) it is shared with.
    public var sharedWith: Known<[String]>
}

/// A managed node as `describe-instance-information` reports it.
public struct SSMManagedInstance: Sendable {
    public var instanceId: String
    /// `Online`, `ConnectionLost`, `Inactive`.
    public var pingStatus: String?
}

/// One resource's compliance summary for one compliance type (`Patch`, `Association`), from
/// `list-resource-compliance-summaries`.
public struct SSMComplianceSummary: Sendable {
    public var resourceId: String
    public var resourceType: String?
    public var complianceType: String
    /// `COMPLIANT` or `NON_COMPLIANT`.
    public var status: String
}

/// Systems Manager in one region: parameters, owned documents, managed nodes and their compliance.
public struct SSMInventory: Sendable {
    public var parameters: Known<[SSMParameter]>
    public var documents: Known<[SSMDocument]>
    public var managedInstances: Known<[SSMManagedInstance]>
    public var compliance: Known<[SSMComplianceSummary]>
}

extension SSMInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> SSMInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "ssm", operation: operation, resource: resource)
        }
        let parameters = loader.load(call("describe-parameters")) { (root) throws(JSONShapeError) in
            try root.map("Parameters") { (p) throws(JSONShapeError) in
                let name = try p.requiredString("Name")
                let path = name.hasPrefix("/") ? String(name.dropFirst()) : name
                return SSMParameter(
                    ref: ResourceRef(arn: scope.arn("ssm", "parameter/\(path)"), type: "AWS::SSM::Parameter", account: scope.account,
                                     region: scope.region, name: name),
                    name: name, type: try p.requiredString("Type"))
            }
        }
        let listed = loader.load(call("list-documents")) { (root) throws(JSONShapeError) in
            try root.map("DocumentIdentifiers") { (d) throws(JSONShapeError) in
                (name: try d.requiredString("Name"), type: try d.string("DocumentType"))
            }
        }
        let documents: Known<[SSMDocument]> = listed.map { listed in
            listed.map { d in
                SSMDocument(
                    ref: ResourceRef(arn: scope.arn("ssm", "document/\(d.name)"), type: "AWS::SSM::Document", account: scope.account,
                                     region: scope.region, name: d.name),
                    name: d.name, documentType: d.type,
                    sharedWith: loader.load(call("describe-document-permission", d.name)) { (root) throws(JSONShapeError) in
                        try root.strings("AccountIds")
                    })
            }
        }
        let instances = loader.load(call("describe-instance-information")) { (root) throws(JSONShapeError) in
            try root.map("InstanceInformationList") { (i) throws(JSONShapeError) in
                SSMManagedInstance(instanceId: try i.requiredString("InstanceId"), pingStatus: try i.string("PingStatus"))
            }
        }
        let compliance = loader.load(call("list-resource-compliance-summaries")) { (root) throws(JSONShapeError) in
            try root.map("ResourceComplianceSummaryItems") { (s) throws(JSONShapeError) in
                SSMComplianceSummary(
                    resourceId: try s.requiredString("ResourceId"), resourceType: try s.string("ResourceType"),
                    complianceType: try s.requiredString("ComplianceType"), status: try s.requiredString("Status"))
            }
        }
        return SSMInventory(parameters: parameters, documents: documents, managedInstances: instances, compliance: compliance)
    }
}
