public import RampartJSON

/// An AWS Config configuration recorder and what it records.
public struct ConfigRecorder: Sendable, Hashable {
    public var name: String
    /// Records every supported resource type (`recordingGroup.allSupported`).
    public var allSupported: Bool
    /// Also records global resources such as IAM (`recordingGroup.includeGlobalResourceTypes`).
    public var includeGlobalResourceTypes: Bool
    /// From `describe-configuration-recorder-status`: whether it is recording, and its last status.
    public var recording: Bool?
    public var lastStatus: String?
}

/// An AWS Config delivery channel.
public struct ConfigDeliveryChannel: Sendable, Hashable {
    public var name: String
    public var s3BucketName: String?
}

/// AWS Config in one region.
public struct ConfigInventory: Sendable {
    /// Recorders with their status; known only when both calls were read.
    public var recorders: Known<[ConfigRecorder]>
    public var deliveryChannels: Known<[ConfigDeliveryChannel]>
}

extension ConfigInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> ConfigInventory {
        func call(_ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "configservice", operation: operation)
        }
        let recorders = loader.load(call("describe-configuration-recorders")) { (root) throws(JSONShapeError) in
            try root.required("ConfigurationRecorders").array().map { (r) throws(JSONShapeError) in
                let group = try r.optional("recordingGroup")
                return ConfigRecorder(
                    name: try r.string("name") ?? "default", allSupported: try group?.bool("allSupported") ?? false,
                    includeGlobalResourceTypes: try group?.bool("includeGlobalResourceTypes") ?? false, recording: nil, lastStatus: nil)
            }
        }
        let statuses = loader.load(call("describe-configuration-recorder-status")) { (root) throws(JSONShapeError) in
            try root.required("ConfigurationRecordersStatus").array().map { (s) throws(JSONShapeError) in
                (name: try s.string("name") ?? "default", recording: try s.required("recording").bool(), lastStatus: try s.string("lastStatus"))
            }
        }
        let merged: Known<[ConfigRecorder]> = recorders.combined(with: statuses).map { pair in
            let (list, status) = pair
            return list.map { recorder in
                var r = recorder
                if let s = status.first(where: { $0.name == recorder.name }) {
                    r.recording = s.recording
                    r.lastStatus = s.lastStatus
                }
                return r
            }
        }
        let channels = loader.load(call("describe-delivery-channels")) { (root) throws(JSONShapeError) in
            try root.required("DeliveryChannels").array().map { (c) throws(JSONShapeError) in
                ConfigDeliveryChannel(name: try c.string("name") ?? "default", s3BucketName: try c.string("s3BucketName"))
            }
        }
        return ConfigInventory(recorders: merged, deliveryChannels: channels)
    }
}
