public import RampartJSON

/// What `get-queue-attributes --attribute-names All` says of a queue (SQS returns every
/// attribute as a string).
public struct SQSQueueAttributes: Sendable {
    /// `SqsManagedSseEnabled`: nil when SQS did not report it.
    public var sqsManagedSSE: Bool?
    /// `KmsMasterKeyId`: the KMS key (id, ARN or alias) encrypting the queue, when SSE-KMS is on.
    public var kmsMasterKeyId: String?
    /// The queue's access policy (`Policy`), nil when it has none.
    public var policy: ResourcePolicyText?
    /// `RedrivePolicy`'s JSON text (dead-letter queue), nil when unset.
    public var redrivePolicy: String?
    /// `MessageRetentionPeriod` in seconds.
    public var messageRetentionSeconds: Int?
}

/// An SQS queue: its URL (the id every SQS call takes) and its attributes.
public struct SQSQueue: ResourcePolicyBearing {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var url: String
    public var name: String
    public var attributes: Known<SQSQueueAttributes>
    public var resourcePolicy: Known<String?> { attributes.map { $0.policy?.text } }
}

/// The SQS queues of one region.
public struct SQSInventory: Sendable {
    public var queues: Known<[SQSQueue]>
}

extension SQSInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> SQSInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "sqs", operation: operation, resource: resource)
        }
        // With no queue, SQS answers without `QueueUrls` and the AWS CLI prints nothing.
        let urls = loader.load(call("list-queues")) { (root) throws(JSONShapeError) in try root.strings("QueueUrls") }
        let queues: Known<[SQSQueue]> = urls.map { urls in
            urls.map { url in
                let name = url.split(separator: "/").last.map(String.init) ?? url
                let attributes = loader.load(call("get-queue-attributes", url)) { (root) throws(JSONShapeError) in
                    let a = try root.required("Attributes")
                    return (arn: try a.string("QueueArn"), attributes: SQSQueueAttributes(
                        sqsManagedSSE: try a.string("SqsManagedSseEnabled").map { $0.lowercased() == "true" },
                        kmsMasterKeyId: try a.string("KmsMasterKeyId").flatMap { $0.isEmpty ? nil : $0 },
                        policy: try a.policyText("Policy"),
                        redrivePolicy: try a.string("RedrivePolicy").flatMap { $0.isEmpty ? nil : $0 },
                        messageRetentionSeconds: try a.string("MessageRetentionPeriod").flatMap { Int($0) }))
                }
                return SQSQueue(
                    ref: ResourceRef(arn: attributes.value?.arn ?? scope.arn("sqs", name), type: "AWS::SQS::Queue",
                                     account: scope.account, region: scope.region, name: name),
                    url: url, name: name, attributes: attributes.map { $0.attributes })
            }
        }
        return SQSInventory(queues: queues)
    }
}
