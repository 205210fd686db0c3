public import RampartJSON
public import struct Foundation.Date

public struct TrailStatus: Sendable {
    public var isLogging: Bool
    public var latestDeliveryTime: Date?
    public var latestDeliveryError: String?
}

/// A trail's event selectors, basic or advanced, reduced to what CIS asks about.
public struct TrailEventSelectors: Sendable {
    /// True when some selector records management events.
    public var includesManagementEvents: Bool
    /// `All`, `ReadOnly` or `WriteOnly` for basic selectors with management events; advanced
    /// selectors that do not filter on `readOnly` count as `All`.
    public var managementReadWriteType: String?
    /// Data-event resource types recorded (basic `DataResources[].Type` or advanced `resources.type`).
    public var dataResourceTypes: [String]
    public var usesAdvancedSelectors: Bool
    /// For S3 object data events (`AWS::S3::Object`): `All`, `ReadOnly` or `WriteOnly`; nil when none are recorded.
    public var s3ObjectReadWriteType: String?
}

public struct Trail: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var homeRegion: String
    public var isMultiRegion: Bool
    public var isOrganizationTrail: Bool
    public var s3BucketName: String?
    public var kmsKeyId: String?
    public var logFileValidationEnabled: Bool
    public var cloudWatchLogsLogGroupArn: String?
    public var status: Known<TrailStatus>
    public var eventSelectors: Known<TrailEventSelectors>
}

public struct CloudTrailInventory: Sendable {
    /// Trails visible in this region, including multi-region trails whose home is another region.
    public var trails: Known<[Trail]>
}

extension CloudTrailInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> CloudTrailInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "cloudtrail", operation: operation, resource: resource)
        }
        let listing = loader.load(call("describe-trails")) { (root) throws(JSONShapeError) in
            try root.map("trailList") { (t) throws(JSONShapeError) in
                (arn: try t.requiredString("TrailARN"), name: try t.string("Name") ?? "", home: try t.string("HomeRegion") ?? scope.region,
                 multi: try t.bool("IsMultiRegionTrail") ?? false, org: try t.bool("IsOrganizationTrail") ?? false,
                 bucket: try t.string("S3BucketName"), kms: try t.string("KmsKeyId"),
                 validation: try t.bool("LogFileValidationEnabled") ?? false, logs: try t.string("CloudWatchLogsLogGroupArn"))
            }
        }
        let trails = listing.map { entries in
            entries.map { t in
                // A multi-region trail is listed in every region it covers; its status and selectors
                // are read once, in its home region, where checks judge it.
                let elsewhere = "\(t.name) is judged in its home region \(t.home)"
                let home = t.home == scope.region
                return Trail(
                    ref: ResourceRef(arn: t.arn, type: "AWS::CloudTrail::Trail", account: scope.account, region: t.home, name: t.name),
                    name: t.name, homeRegion: t.home, isMultiRegion: t.multi, isOrganizationTrail: t.org, s3BucketName: t.bucket,
                    kmsKeyId: t.kms, logFileValidationEnabled: t.validation, cloudWatchLogsLogGroupArn: t.logs,
                    status: !home ? .unknown(reason: elsewhere) : loader.load(call("get-trail-status", t.arn)) {
                        (root) throws(JSONShapeError) in
                        TrailStatus(
                            isLogging: try root.required("IsLogging").bool(),
                            latestDeliveryTime: try root.timestamp("LatestDeliveryTime"),
                            latestDeliveryError: try root.string("LatestDeliveryError"))
                    },
                    eventSelectors: !home ? .unknown(reason: elsewhere) : loader.load(call("get-event-selectors", t.arn)) {
                        (root) throws(JSONShapeError) in try TrailEventSelectors(cli: root)
                    })
            }
        }
        return CloudTrailInventory(trails: trails)
    }
}

extension TrailEventSelectors {
    init(cli root: JSONNode) throws(JSONShapeError) {
        var management = false
        var readWrite: String?
        var dataTypes: [String] = []
        var s3: String?
        func merge(_ old: String?, _ new: String) -> String { old == nil || old == new ? new : "All" }
        let basic = try root.array("EventSelectors")
        for s in basic {
            if try s.bool("IncludeManagementEvents") ?? true {
                management = true
                let type = try s.string("ReadWriteType") ?? "All"
                readWrite = (readWrite == nil || readWrite == type) ? type : "All"
            }
            for d in try s.array("DataResources") {
                guard let type = try d.string("Type") else { continue }
                dataTypes.append(type)
                if type == "AWS::S3::Object" { s3 = merge(s3, try s.string("ReadWriteType") ?? "All") }
            }
        }
        let advanced = try root.array("AdvancedEventSelectors")
        for s in advanced {
            var category: [String] = []
            var readOnly: [String]? = nil
            var resourceTypes: [String] = []
            for f in try s.array("FieldSelectors") {
                switch try f.string("Field") {
                case "eventCategory": category = try f.strings("Equals")
                case "readOnly":
                    // `NotEquals` narrows the values as much as `Equals` does (NotEquals ["true"] is write-only).
                    let equals = try f.strings("Equals")
                    let notEquals = try f.strings("NotEquals")
                    readOnly = (equals.isEmpty ? ["true", "false"] : equals).filter { !notEquals.contains($0) }
                case "resources.type":
                    resourceTypes = try f.strings("Equals")
                    dataTypes.append(contentsOf: resourceTypes)
                default: break
                }
            }
            if category.contains("Data") && resourceTypes.contains("AWS::S3::Object") && readOnly != [] {
                s3 = merge(s3, readOnly == ["true"] ? "ReadOnly" : readOnly == ["false"] ? "WriteOnly" : "All")
            }
            if category.contains("Management") && readOnly != [] {
                management = true
                let type = readOnly == ["true"] ? "ReadOnly" : readOnly == ["false"] ? "WriteOnly" : "All"
                readWrite = (readWrite == nil || readWrite == type) ? type : "All"
            }
        }
        includesManagementEvents = management
        managementReadWriteType = readWrite
        dataResourceTypes = dataTypes
        usesAdvancedSelectors = !advanced.isEmpty
        s3ObjectReadWriteType = s3
    }
}
