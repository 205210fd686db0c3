public import RampartJSON

/// What `describe-stream-summary` says of a stream.
public struct KinesisStreamSummary: Sendable {
    /// `KMS` or `NONE`.
    public var encryptionType: String?
    public var keyId: String?
    public var retentionPeriodHours: Int?
    public var status: String?
    /// `PROVISIONED` or `ON_DEMAND`.
    public var mode: String?
}

/// A Kinesis data stream and its summary.
public struct KinesisStream: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var summary: Known<KinesisStreamSummary>
}

/// The Kinesis data streams of one region.
public struct KinesisInventory: Sendable {
    public var streams: Known<[KinesisStream]>
}

extension KinesisInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> KinesisInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "kinesis", operation: operation, resource: resource)
        }
        let names = loader.load(call("list-streams")) { (root) throws(JSONShapeError) in try root.strings("StreamNames") }
        let streams: Known<[KinesisStream]> = names.map { names in
            names.map { name in
                KinesisStream(
                    ref: ResourceRef(arn: scope.arn("kinesis", "stream/\(name)"), type: "AWS::Kinesis::Stream",
                                     account: scope.account, region: scope.region, name: name),
                    name: name,
                    summary: loader.load(call("describe-stream-summary", name)) { (root) throws(JSONShapeError) in
                        let s = try root.required("StreamDescriptionSummary")
                        return KinesisStreamSummary(
                            encryptionType: try s.string("EncryptionType"), keyId: try s.string("KeyId"),
                            retentionPeriodHours: try s.int("RetentionPeriodHours"), status: try s.string("StreamStatus"),
                            mode: try s.optional("StreamModeDetails")?.string("StreamMode"))
                    })
            }
        }
        return KinesisInventory(streams: streams)
    }
}
