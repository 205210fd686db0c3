public import RampartJSON

/// A GuardDuty detector: GuardDuty is on in a region when it has a detector whose status is `ENABLED`.
public struct GuardDutyDetector: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    /// From `get-detector`: `ENABLED` or `DISABLED`, and how often findings are published.
    public var details: Known<GuardDutyDetectorDetails>
}

/// What `get-detector` says of a detector.
public struct GuardDutyDetectorDetails: Sendable, Hashable {
    /// `ENABLED` or `DISABLED`.
    public var status: String
    /// `FIFTEEN_MINUTES`, `ONE_HOUR` or `SIX_HOURS`.
    public var findingPublishingFrequency: String?

    public var isEnabled: Bool { status == "ENABLED" }
}

/// GuardDuty in one region (`list-detectors`, then `get-detector` per detector).
public struct GuardDutyInventory: Sendable {
    public var detectors: Known<[GuardDutyDetector]>
}

extension GuardDutyInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> GuardDutyInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "guardduty", operation: operation, resource: resource)
        }
        let ids = loader.load(call("list-detectors")) { (root) throws(JSONShapeError) in
            try root.required("DetectorIds").array().map { (id) throws(JSONShapeError) in try id.string() }
        }
        let detectors = ids.map { ids in
            ids.map { id in
                var tags: Tags = [:]
                let details = loader.load(call("get-detector", id)) { (root) throws(JSONShapeError) in
                    if let map = try root.optional("Tags") {
                        for (key, value) in try map.members() { tags[key] = try value.string() }
                    }
                    return GuardDutyDetectorDetails(
                        status: try root.requiredString("Status"), findingPublishingFrequency: try root.string("FindingPublishingFrequency"))
                }
                return GuardDutyDetector(
                    ref: ResourceRef(
                        arn: scope.arn("guardduty", "detector/\(id)"), type: "AWS::GuardDuty::Detector", account: scope.account,
                        region: scope.region, name: id),
                    tags: tags, id: id, details: details)
            }
        }
        return GuardDutyInventory(detectors: detectors)
    }
}
