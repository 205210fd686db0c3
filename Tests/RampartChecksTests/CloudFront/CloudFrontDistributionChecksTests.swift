import RampartFindings
import Testing

@Suite struct CloudFrontDistributionChecksTests {
    static let account = Fixture.account

    /// One origin of `DistributionConfig.Origins.Items` as `aws cloudfront get-distribution-config` prints it.
    static func s3Origin(_ id: String, bucket: String, oac: String = "", oai: String = "") -> String {
        #"{"Id": "\#(id)", "DomainName": "\#(bucket).s3.us-east-1.amazonaws.com", "OriginPath": "", "CustomHeaders": {"Quantity": 0}, "S3OriginConfig": {"OriginAccessIdentity": "\#(oai)"}, "ConnectionAttempts": 3, "ConnectionTimeout": 10, "OriginAccessControlId": "\#(oac)"}"#
    }

    static func customOrigin(_ id: String, domain: String, policy: String, protocols: [String], oac: String = "") -> String {
        let items = protocols.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"Id": "\#(id)", "DomainName": "\#(domain)", "OriginPath": "", "CustomHeaders": {"Quantity": 0}, "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "\#(policy)", "OriginSslProtocols": {"Quantity": \#(protocols.count), "Items": [\#(items)]}, "OriginReadTimeout": 30, "OriginKeepaliveTimeout": 5}, "ConnectionAttempts": 3, "ConnectionTimeout": 10, "OriginAccessControlId": "\#(oac)"}"#
    }

    static func config(
        origins: [String], root: String = "", viewer: String = "redirect-to-https", behaviors: [(String, String)] = [], groups: Int? = 0,
        logging: Bool? = true, webACL: String = "", certificate: String? = #"{"CloudFrontDefaultCertificate": true, "SSLSupportMethod": "vip", "MinimumProtocolVersion": "TLSv1", "CertificateSource": "cloudfront"}"#
    ) -> String {
        let cache = behaviors.map { #"{"PathPattern": "\#($0.0)", "TargetOriginId": "o", "ViewerProtocolPolicy": "\#($0.1)"}"# }.joined(separator: ", ")
        var members = [
            #""CallerReference": "ref""#, #""Aliases": {"Quantity": 0}"#, #""DefaultRootObject": "\#(root)""#,
            #""Origins": {"Quantity": \#(origins.count), "Items": [\#(origins.joined(separator: ", "))]}"#,
            #""DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "\#(viewer)", "FieldLevelEncryptionId": ""}"#,
            #""CacheBehaviors": {"Quantity": \#(behaviors.count)\#(behaviors.isEmpty ? "" : #", "Items": [\#(cache)]"#)}"#,
            #""Comment": "", "PriceClass": "PriceClass_All", "Enabled": true, "WebACLId": "\#(webACL)", "HttpVersion": "http2""#,
            #""Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}}"#,
        ]
        if let groups { members.append(#""OriginGroups": {"Quantity": \#(groups)}"#) }
        if let logging { members.append(#""Logging": {"Enabled": \#(logging), "IncludeCookies": false, "Bucket": "\#(logging ? "logs.s3.amazonaws.com" : "")", "Prefix": ""}"#) }
        if let certificate { members.append(#""ViewerCertificate": \#(certificate)"#) }
        return #"{"ETag": "E1", "DistributionConfig": {\#(members.joined(separator: ", "))}}"#
    }

    static let acmCertificate = #"{"CloudFrontDefaultCertificate": false, "ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc", "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021", "CertificateSource": "acm"}"#

    var fixture: Fixture {
        var f = Fixture()
        let ids = ["EGOOD", "EBAD", "EVIP", "EHIDDEN", "EODD"]
        let items = ids.map { #"{"Id": "\#($0)", "ARN": "arn:aws:cloudfront::\#(Self.account):distribution/\#($0)", "DomainName": "\#($0.lowercased()).cloudfront.net"}"# }
        f.answer("global", "cloudfront", "list-distributions", #"{"DistributionList": {"Marker": "", "MaxItems": 100, "IsTruncated": false, "Quantity": 5, "Items": [\#(items.joined(separator: ", "))]}}"#)
        f.answer("global", "s3api", "list-buckets", #"{"Buckets": [{"Name": "site-bucket", "CreationDate": "2026-01-01T00:00:00+00:00"}], "Owner": {"ID": "x"}}"#)
        f.answer("global", "cloudfront", "get-distribution-config", resource: "EGOOD", Self.config(
            origins: [Self.s3Origin("site", bucket: "site-bucket", oac: "E2OAC"), Self.customOrigin("api", domain: "api.example.com", policy: "https-only", protocols: ["TLSv1.2"])],
            root: "index.html", behaviors: [("/api/*", "https-only")], groups: 1, webACL: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1",
            certificate: Self.acmCertificate))
        f.answer("global", "cloudfront", "get-distribution-config", resource: "EBAD", Self.config(
            origins: [Self.s3Origin("old", bucket: "gone-bucket", oai: "origin-access-identity/cloudfront/E1OAI"),
                      Self.customOrigin("legacy", domain: "legacy.example.com", policy: "http-only", protocols: ["SSLv3", "TLSv1"]),
                      Self.customOrigin("fn", domain: "abc123.lambda-url.us-east-1.on.aws", policy: "https-only", protocols: ["TLSv1.2"])],
            viewer: "allow-all", logging: false))
        f.answer("global", "cloudfront", "get-distribution-config", resource: "EVIP", Self.config(
            origins: [Self.customOrigin("web", domain: "web.example.com", policy: "match-viewer", protocols: ["TLSv1.2"]),
                      Self.customOrigin("fn", domain: "xyz.lambda-url.eu-west-1.on.aws", policy: "https-only", protocols: ["TLSv1.2"], oac: "E3OAC")],
            certificate: #"{"CloudFrontDefaultCertificate": false, "IAMCertificateId": "ASCAEXAMPLE", "SSLSupportMethod": "vip", "MinimumProtocolVersion": "TLSv1.1_2016"}"#))
        f.fail("global", "cloudfront", "get-distribution-config", resource: "EHIDDEN", code: "AccessDenied")
        f.answer("global", "cloudfront", "get-distribution-config", resource: "EODD", Self.config(
            origins: [Self.s3Origin("site", bucket: "site-bucket", oac: "E2OAC")], root: "index.html", groups: nil, logging: nil, certificate: nil))
        return f
    }

    @Test func distributionsWithS3OriginsNeedADefaultRootObject() {
        #expect(fixture.status("cloudfront.distribution.default-root-object", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.default-root-object", on: "/EBAD") == .fail)
        // Only custom origins: the control does not apply.
        #expect(fixture.status("cloudfront.distribution.default-root-object", on: "/EVIP") == nil)
        #expect(fixture.status("cloudfront.distribution.default-root-object", on: "/EHIDDEN") == .unknown)
    }

    @Test func anyCacheBehaviorAllowingHTTPFails() {
        #expect(fixture.status("cloudfront.distribution.viewer-https", on: "/EGOOD") == .pass)
        let bad = fixture.run("cloudfront.distribution.viewer-https").first { $0.resource.arn.hasSuffix("/EBAD") }
        #expect(bad?.status == .fail)
        #expect(bad?.message == "Distribution EBAD serves HTTP (ViewerProtocolPolicy allow-all) for *.")
        #expect(fixture.status("cloudfront.distribution.viewer-https", on: "/EHIDDEN") == .unknown)
    }

    @Test func originGroupsLoggingAndWAFAreRead() {
        #expect(fixture.status("cloudfront.distribution.origin-failover", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.origin-failover", on: "/EBAD") == .fail)
        #expect(fixture.status("cloudfront.distribution.origin-failover", on: "/EODD") == .unknown)
        #expect(fixture.status("cloudfront.distribution.logging", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.logging", on: "/EBAD") == .fail)
        #expect(fixture.status("cloudfront.distribution.logging", on: "/EODD") == .unknown)
        #expect(fixture.status("cloudfront.distribution.waf", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.waf", on: "/EBAD") == .fail)
        #expect(fixture.status("cloudfront.distribution.waf", on: "/EHIDDEN") == .unknown)
    }

    @Test func certificatesSNIAndTLSPolicyAreJudgedOnCustomCertificatesOnly() {
        #expect(fixture.status("cloudfront.distribution.custom-certificate", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.custom-certificate", on: "/EBAD") == .fail)
        #expect(fixture.status("cloudfront.distribution.custom-certificate", on: "/EODD") == .unknown)
        #expect(fixture.status("cloudfront.distribution.sni", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.sni", on: "/EVIP") == .fail)
        #expect(fixture.status("cloudfront.distribution.sni", on: "/EBAD") == nil)
        #expect(fixture.status("cloudfront.distribution.sni", on: "/EODD") == .unknown)
        #expect(fixture.status("cloudfront.distribution.tls-policy", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.tls-policy", on: "/EVIP") == .fail)
        #expect(fixture.status("cloudfront.distribution.tls-policy", on: "/EHIDDEN") == .unknown)
    }

    @Test func customOriginsReachedOverHTTPOrOfferedSSLv3Fail() {
        #expect(fixture.status("cloudfront.distribution.origin-https", on: "/EGOOD") == .pass)
        // match-viewer while every behavior redirects to HTTPS: CloudFront always uses HTTPS to the origin.
        #expect(fixture.status("cloudfront.distribution.origin-https", on: "/EVIP") == .pass)
        let bad = fixture.run("cloudfront.distribution.origin-https").first { $0.resource.arn.hasSuffix("/EBAD") }
        #expect(bad?.status == .fail)
        #expect(bad?.message == "Distribution EBAD may reach origins over HTTP: legacy (http-only).")
        #expect(fixture.status("cloudfront.distribution.origin-https", on: "/EHIDDEN") == .unknown)
        #expect(fixture.status("cloudfront.distribution.origin-ssl-protocols", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.origin-ssl-protocols", on: "/EBAD") == .fail)
        #expect(fixture.status("cloudfront.distribution.origin-ssl-protocols", on: "/EODD") == nil)
        #expect(fixture.status("cloudfront.distribution.origin-ssl-protocols", on: "/EHIDDEN") == .unknown)
    }

    @Test func s3OriginsMustBeTheAccountsBucketsReachedWithOriginAccessControl() {
        #expect(fixture.status("cloudfront.distribution.s3-origin-exists", on: "/EGOOD") == .pass)
        let bad = fixture.run("cloudfront.distribution.s3-origin-exists").first { $0.resource.arn.hasSuffix("/EBAD") }
        #expect(bad?.status == .fail)
        #expect(bad?.message == "Distribution EBAD points to buckets this account does not have: gone-bucket (origin old).")
        #expect(fixture.status("cloudfront.distribution.s3-origin-access-control", on: "/EGOOD") == .pass)
        #expect(fixture.status("cloudfront.distribution.s3-origin-access-control", on: "/EBAD") == .fail)
        #expect(fixture.status("cloudfront.distribution.s3-origin-access-control", on: "/EHIDDEN") == .unknown)
    }

    @Test func originsWithoutAnOriginAccessControlIdMemberAreUnknown() {
        var f = Fixture()
        f.answer("global", "cloudfront", "list-distributions", #"{"DistributionList": {"Quantity": 1, "Items": [{"Id": "EMOTO", "DomainName": "x.cloudfront.net"}]}}"#)
        let origin = Self.s3Origin("site", bucket: "site-bucket").replacingOccurrences(of: #", "OriginAccessControlId": """#, with: "")
        f.answer("global", "cloudfront", "get-distribution-config", resource: "EMOTO", Self.config(origins: [origin], root: "index.html"))
        let found = f.run("cloudfront.distribution.s3-origin-access-control").first
        #expect(found?.status == .unknown)
        #expect(found?.resource.arn == "arn:aws:cloudfront::123456789012:distribution/EMOTO")
    }

    @Test func bucketOriginsAreUnknownWhenTheAccountsBucketsAreNot() {
        var f = fixture
        f.fail("global", "s3api", "list-buckets", code: "AccessDenied")
        #expect(f.status("cloudfront.distribution.s3-origin-exists", on: "/EGOOD") == .unknown)
    }

    @Test func lambdaFunctionURLOriginsNeedOriginAccessControl() {
        #expect(fixture.status("cloudfront.distribution.lambda-url-origin-access-control", on: "/EVIP") == .pass)
        #expect(fixture.status("cloudfront.distribution.lambda-url-origin-access-control", on: "/EBAD") == .fail)
        #expect(fixture.status("cloudfront.distribution.lambda-url-origin-access-control", on: "/EGOOD") == nil)
        #expect(fixture.status("cloudfront.distribution.lambda-url-origin-access-control", on: "/EHIDDEN") == .unknown)
    }

    @Test func anUnreadListingIsOneUnknownForTheAccount() {
        var f = Fixture()
        f.fail("global", "cloudfront", "list-distributions", code: "AccessDenied")
        let findings = f.run("cloudfront.distribution.waf")
        #expect(findings.count == 1)
        #expect(findings.first?.status == .unknown)
    }
}
