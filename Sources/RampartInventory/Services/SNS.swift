public import RampartJSON

/// What `get-topic-attributes` says of a topic (SNS returns every attribute as a string).
public struct SNSTopicAttributes: Sendable {
    /// `KmsMasterKeyId`: the KMS key encrypting the topic, nil when server-side encryption is off.
    public var kmsMasterKeyId: String?
    /// The topic's access policy (`Policy`), nil when it has none.
    public var policy: ResourcePolicyText?
    public var owner: String?
}

/// An SNS topic and its attributes. Its subscriptions are in `MonitoringInventory`.
public struct SNSTopic: ResourcePolicyBearing {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var arn: String
    public var name: String
    public var attributes: Known<SNSTopicAttributes>
    public var resourcePolicy: Known<String?> { attributes.map { $0.policy?.text } }
}

/// The SNS topics of one region.
public struct SNSInventory: Sendable {
    public var topics: Known<[SNSTopic]>
}

extension SNSInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> SNSInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "sns", operation: operation, resource: resource)
        }
        let arns = loader.load(call("list-topics")) { (root) throws(JSONShapeError) in
            try root.map("Topics") { (t) throws(JSONShapeError) in try t.requiredString("TopicArn") }
        }
        let topics: Known<[SNSTopic]> = arns.map { arns in
            arns.map { arn in
                let name = arn.split(separator: ":").last.map(String.init) ?? arn
                return SNSTopic(
                    ref: ResourceRef(arn: arn, type: "AWS::SNS::Topic", account: scope.account, region: scope.region, name: name),
                    arn: arn, name: name,
                    attributes: loader.load(call("get-topic-attributes", arn)) { (root) throws(JSONShapeError) in
                        let a = try root.required("Attributes")
                        return SNSTopicAttributes(
                            kmsMasterKeyId: try a.string("KmsMasterKeyId").flatMap { $0.isEmpty ? nil : $0 },
                            policy: try a.policyText("Policy"), owner: try a.string("Owner"))
                    })
            }
        }
        return SNSInventory(topics: topics)
    }
}
