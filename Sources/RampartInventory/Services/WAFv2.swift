public import RampartJSON

/// A WAFv2 web ACL: listed by `wafv2 list-web-acls` (scope `REGIONAL` in each region, `CLOUDFRONT`
/// in us-east-1 for the account), its rules read by `get-web-acl` and its logging by
/// `get-logging-configuration`.
public struct WAFv2WebACL: Resource {
    public var ref: ResourceRef
    /// Not returned by the calls Rampart makes; empty.
    public var tags: Tags { [:] }
    public var name: String
    public var id: String
    /// `REGIONAL` or `CLOUDFRONT`.
    public var scope: String
    public var detail: Known<WAFv2WebACLDetail>
    /// Where the web ACL's logs go; `.known(nil)` when logging is off.
    public var logging: Known<WAFv2LoggingConfiguration?>
}

/// What `get-web-acl` says of a web ACL.
public struct WAFv2WebACLDetail: Sendable {
    /// `Allow` or `Block` (the key of `DefaultAction`); nil when not returned.
    public var defaultAction: String?
    public var rules: [WAFv2Rule]
    /// The web ACL's own `VisibilityConfig.CloudWatchMetricsEnabled`.
    public var cloudWatchMetricsEnabled: Bool?
    public var sampledRequestsEnabled: Bool?
}

/// One rule (or rule group reference) of a web ACL.
public struct WAFv2Rule: Sendable {
    public var name: String
    /// `VisibilityConfig.CloudWatchMetricsEnabled`; nil when not returned.
    public var cloudWatchMetricsEnabled: Bool?
}

/// A web ACL's logging configuration.
public struct WAFv2LoggingConfiguration: Sendable {
    /// `LogDestinationConfigs`: CloudWatch Logs groups, S3 buckets or Firehose streams.
    public var destinations: [String]
}

/// WAFv2 web ACLs of one scope: a region's `REGIONAL` ones, or the account's `CLOUDFRONT` ones.
public struct WAFv2Inventory: Sendable {
    public var webACLs: Known<[WAFv2WebACL]>
}

extension WAFv2Inventory {
    /// Reads the web ACLs of `scope.region` (`REGIONAL`), or with `scope.region == "global"` the
    /// account's `CLOUDFRONT` web ACLs (collected in us-east-1, stored under `global`).
    static func load(_ loader: inout Loader, _ scope: Scope) -> WAFv2Inventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "wafv2", operation: operation, resource: resource)
        }
        let wafScope = scope.region == "global" ? "CLOUDFRONT" : "REGIONAL"
        let listed = loader.load(call("list-web-acls")) { (root) throws(JSONShapeError) in
            try root.map("WebACLs") { (w) throws(JSONShapeError) in
                (name: try w.requiredString("Name"), id: try w.requiredString("Id"), arn: try w.requiredString("ARN"))
            }
        }
        let webACLs: Known<[WAFv2WebACL]> = listed.map { listed in
            listed.map { w in
                WAFv2WebACL(
                    ref: ResourceRef(arn: w.arn, type: "AWS::WAFv2::WebACL", account: scope.account, region: scope.region, name: w.name),
                    name: w.name, id: w.id, scope: wafScope,
                    detail: loader.load(call("get-web-acl", w.arn)) { (root) throws(JSONShapeError) in
                        let acl = try root.required("WebACL")
                        let visibility = try acl.optional("VisibilityConfig")
                        return WAFv2WebACLDetail(
                            defaultAction: try acl.optional("DefaultAction")?.members().first?.key,
                            rules: try acl.map("Rules") { (r) throws(JSONShapeError) in
                                WAFv2Rule(name: try r.string("Name") ?? "?",
                                          cloudWatchMetricsEnabled: try r.optional("VisibilityConfig")?.bool("CloudWatchMetricsEnabled"))
                            },
                            cloudWatchMetricsEnabled: try visibility?.bool("CloudWatchMetricsEnabled"),
                            sampledRequestsEnabled: try visibility?.bool("SampledRequestsEnabled"))
                    },
                    logging: loader.loadOptional(call("get-logging-configuration", w.arn)) { (root) throws(JSONShapeError) in
                        WAFv2LoggingConfiguration(destinations: try root.required("LoggingConfiguration").strings("LogDestinationConfigs"))
                    })
            }
        }
        return WAFv2Inventory(webACLs: webACLs)
    }
}
