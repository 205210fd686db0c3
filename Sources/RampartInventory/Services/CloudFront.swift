public import RampartJSON

/// A CloudFront distribution: listed by `cloudfront list-distributions`, its settings read from
/// `get-distribution-config`. CloudFront is global: distributions belong to the account.
public struct CloudFrontDistribution: Resource {
    public var ref: ResourceRef
    /// Not returned by the calls Rampart makes; empty.
    public var tags: Tags { [:] }
    public var id: String
    /// `d111111abcdef8.cloudfront.net`.
    public var domainName: String?
    /// The distribution's configuration, or why it is not known.
    public var config: Known<CloudFrontDistributionConfig>
}

/// What `get-distribution-config` says of a distribution (`DistributionConfig`). Settings AWS
/// always returns but a source left out are nil, and the checks report them UNKNOWN.
public struct CloudFrontDistributionConfig: Sendable {
    public var enabled: Bool?
    /// `DefaultRootObject`; nil or empty when none is set.
    public var defaultRootObject: String?
    public var origins: [CloudFrontOrigin]
    /// `OriginGroups.Quantity`: origin groups (failover pairs); nil when not returned.
    public var originGroupCount: Int?
    /// The viewer protocol policy of every cache behavior: the default one first (path `*`), then each path pattern.
    public var viewerProtocolPolicies: [(pathPattern: String, policy: String?)]
    /// Field-level encryption configuration ids of the cache behaviors (empty strings left out).
    public var fieldLevelEncryptionIds: [String]
    /// `Logging.Enabled` (standard logging to S3, legacy); nil when not returned.
    public var loggingEnabled: Bool?
    public var loggingBucket: String?
    /// `WebACLId`: a WAFv2 web ACL ARN (or a WAF Classic id); nil or empty when none.
    public var webACLId: String?
    public var viewerCertificate: CloudFrontViewerCertificate?
    /// `Restrictions.GeoRestriction.RestrictionType`: `none`, `allowlist` or `blocklist`.
    public var geoRestrictionType: String?
}

/// One origin of a distribution.
public struct CloudFrontOrigin: Sendable {
    public var id: String
    public var domainName: String
    /// Which configuration the origin has (`S3OriginConfig`, `CustomOriginConfig`, `VpcOriginConfig`).
    public var kind: CloudFrontOriginKind
    /// An S3 bucket's REST endpoint (not a website endpoint, which is a custom origin).
    public var isS3: Bool { kind == .s3 }
    /// A custom origin (a web server, a load balancer, an S3 website endpoint, a function URL).
    public var isCustom: Bool { kind == .custom }
    /// `OriginAccessControlId`; nil when empty or not returned.
    public var originAccessControlId: String?
    /// Whether the source returned `OriginAccessControlId` (AWS always does, empty when none);
    /// without it, whether the origin uses origin access control is not known.
    public var originAccessControlReported: Bool
    /// `S3OriginConfig.OriginAccessIdentity` (the legacy OAI); nil when empty.
    public var originAccessIdentity: String?
    /// `CustomOriginConfig.OriginProtocolPolicy` (`http-only`, `match-viewer`, `https-only`) of a custom origin.
    public var originProtocolPolicy: String?
    /// `CustomOriginConfig.OriginSslProtocols.Items` of a custom origin.
    public var originSSLProtocols: [String]

    /// The bucket an S3 origin names (`bucket.s3.amazonaws.com`, `bucket.s3.eu-west-1.amazonaws.com`,
    /// `bucket.s3-eu-west-1.amazonaws.com`); nil when the domain is not an S3 endpoint.
    public var s3BucketName: String? {
        let domain = domainName.lowercased()
        for marker in [".s3.", ".s3-"] {
            if let range = domain.range(of: marker), domain.hasSuffix(".amazonaws.com") || domain.hasSuffix(".amazonaws.com.cn") {
                let bucket = String(domain[..<range.lowerBound])
                return bucket.isEmpty ? nil : bucket
            }
        }
        return nil
    }

    /// The origin is a Lambda function URL (`<id>.lambda-url.<region>.on.aws`).
    public var isLambdaFunctionURL: Bool { domainName.lowercased().contains(".lambda-url.") }
}

/// The configuration an origin has; `unreported` when the source returned none of them (AWS
/// always returns one), so the origin's kind is not known.
public enum CloudFrontOriginKind: Sendable {
    case s3, custom, vpc, unreported
}

/// `ViewerCertificate`: how the distribution serves HTTPS to viewers.
public struct CloudFrontViewerCertificate: Sendable {
    /// `CloudFrontDefaultCertificate`: the `*.cloudfront.net` certificate.
    public var cloudFrontDefaultCertificate: Bool?
    public var acmCertificateArn: String?
    public var iamCertificateId: String?
    /// `sni-only`, `vip` or `static-ip`.
    public var sslSupportMethod: String?
    /// `TLSv1.2_2021` and the like.
    public var minimumProtocolVersion: String?
}

/// CloudFront in one account.
public struct CloudFrontInventory: Sendable {
    public var distributions: Known<[CloudFrontDistribution]>
}

extension CloudFrontInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> CloudFrontInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: "global", service: "cloudfront", operation: operation, resource: resource)
        }
        let listed = loader.load(call("list-distributions")) { (root) throws(JSONShapeError) in
            // An account without distributions: the CLI prints `DistributionList` without `Items`.
            try root.optional("DistributionList")?.map("Items") { (d) throws(JSONShapeError) in
                (id: try d.requiredString("Id"), domain: try d.string("DomainName"))
            } ?? []
        }
        let distributions: Known<[CloudFrontDistribution]> = listed.map { listed in
            listed.map { d in
                CloudFrontDistribution(
                    // Built as AWS documents it (arn:aws:cloudfront::ACCOUNT:distribution/ID), whatever the listing says.
                    ref: ResourceRef(arn: scope.arn("cloudfront", "distribution/\(d.id)", regional: false),
                        type: "AWS::CloudFront::Distribution", account: scope.account, region: "global", name: d.id),
                    id: d.id, domainName: d.domain,
                    config: loader.load(call("get-distribution-config", d.id)) { (root) throws(JSONShapeError) in
                        try CloudFrontDistributionConfig(try root.required("DistributionConfig"))
                    })
            }
        }
        return CloudFrontInventory(distributions: distributions)
    }
}

extension CloudFrontDistributionConfig {
    init(_ c: JSONNode) throws(JSONShapeError) {
        func nonEmpty(_ s: String?) -> String? { s?.isEmpty == false ? s : nil }
        enabled = try c.bool("Enabled")
        defaultRootObject = nonEmpty(try c.string("DefaultRootObject"))
        origins = try c.optional("Origins")?.map("Items") { (o) throws(JSONShapeError) in
            let s3 = try o.optional("S3OriginConfig")
            let custom = try o.optional("CustomOriginConfig")
            let kind: CloudFrontOriginKind = s3 != nil ? .s3 : custom != nil ? .custom : try o.optional("VpcOriginConfig") != nil ? .vpc : .unreported
            return CloudFrontOrigin(
                id: try o.requiredString("Id"), domainName: try o.requiredString("DomainName"), kind: kind,
                originAccessControlId: nonEmpty(try o.string("OriginAccessControlId")),
                originAccessControlReported: try o.optional("OriginAccessControlId") != nil,
                originAccessIdentity: nonEmpty(try s3?.string("OriginAccessIdentity")),
                originProtocolPolicy: try custom?.string("OriginProtocolPolicy"),
                originSSLProtocols: try custom?.optional("OriginSslProtocols")?.strings("Items") ?? [])
        } ?? []
        originGroupCount = try c.optional("OriginGroups")?.int("Quantity")
        var policies: [(String, String?)] = []
        var fle: [String] = []
        if let defaultBehavior = try c.optional("DefaultCacheBehavior") {
            policies.append(("*", try defaultBehavior.string("ViewerProtocolPolicy")))
            if let id = nonEmpty(try defaultBehavior.string("FieldLevelEncryptionId")) { fle.append(id) }
        }
        for behavior in try c.optional("CacheBehaviors")?.array("Items") ?? [] {
            policies.append((try behavior.string("PathPattern") ?? "?", try behavior.string("ViewerProtocolPolicy")))
            if let id = nonEmpty(try behavior.string("FieldLevelEncryptionId")) { fle.append(id) }
        }
        viewerProtocolPolicies = policies
        fieldLevelEncryptionIds = fle
        let logging = try c.optional("Logging")
        loggingEnabled = try logging?.bool("Enabled")
        loggingBucket = nonEmpty(try logging?.string("Bucket"))
        webACLId = nonEmpty(try c.string("WebACLId"))
        viewerCertificate = try c.optional("ViewerCertificate").map { (v) throws(JSONShapeError) in
            CloudFrontViewerCertificate(
                cloudFrontDefaultCertificate: try v.bool("CloudFrontDefaultCertificate"),
                acmCertificateArn: nonEmpty(try v.string("ACMCertificateArn")), iamCertificateId: nonEmpty(try v.string("IAMCertificateId")),
                sslSupportMethod: try v.string("SSLSupportMethod"), minimumProtocolVersion: try v.string("MinimumProtocolVersion"))
        }
        geoRestrictionType = try c.optional("Restrictions")?.optional("GeoRestriction")?.string("RestrictionType")
    }
}
