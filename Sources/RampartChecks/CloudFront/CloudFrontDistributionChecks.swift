import RampartFindings
import RampartInventory
import RampartJSON

/// CloudFront distributions, from `get-distribution-config`: HTTPS to viewers and to origins,
/// certificates and TLS policies, logging, WAF, origin failover, and how S3 and Lambda function
/// URL origins are reached.
enum CloudFrontDistributionChecks {
    static let all: [Check] = [
        defaultRootObject, viewerHTTPS, originFailover, logging, waf, customCertificate, sni, originHTTPS,
        originSSLProtocols, s3OriginExists, s3OriginAccessControl, tlsPolicy, lambdaURLOriginAccessControl,
    ]

    static let updateCommand = "aws cloudfront update-distribution --id <distribution-id> --if-match <etag> --distribution-config file://<distribution-config>.json"

    /// Judges each distribution whose configuration was read; an unreadable one is UNKNOWN.
    static func eachConfig(
        _ ctx: CheckContext, _ judge: (CloudFrontDistribution, CloudFrontDistributionConfig, AccountInventory) -> CheckOutcome?
    ) -> [CheckOutcome] {
        ctx.eachGlobal(\.cloudFront.distributions) { d, account in
            d.config.judged(d.ref) { judge(d, $0, account) }
        }
    }

    /// Runs `judge` on each distribution serving its own certificate (ACM or IAM); UNKNOWN when the
    /// configuration has no ViewerCertificate, nothing for the default certificate.
    static func eachCustomCertificate(
        _ ctx: CheckContext, _ judge: @escaping (CloudFrontDistribution, CloudFrontViewerCertificate) -> CheckOutcome?
    ) -> [CheckOutcome] {
        eachConfig(ctx) { d, c, _ in
            guard let v = c.viewerCertificate else {
                return .unknown(d.ref, "get-distribution-config for \(d.id) returned no ViewerCertificate.")
            }
            guard v.acmCertificateArn != nil || v.iamCertificateId != nil else { return nil }
            return judge(d, v)
        }
    }

    /// UNKNOWN naming the first origin whose kind the source did not report, if any.
    static func unreportedOrigin(_ d: CloudFrontDistribution, _ c: CloudFrontDistributionConfig) -> CheckOutcome? {
        guard let origin = c.origins.first(where: { $0.kind == .unreported }) else { return nil }
        return .unknown(d.ref, "get-distribution-config for \(d.id) returned neither S3OriginConfig nor CustomOriginConfig for origin \(origin.id).")
    }

    static let defaultRootObject = Check(
        CheckMetadata(
            id: "cloudfront.distribution.default-root-object",
            title: "CloudFront distributions with S3 origins have a default root object",
            severity: .high, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.1"]],
            prowler: "cloudfront_distributions_default_root_object",
            risk: "A request for the distribution's root URL without a default root object is passed to the origin, which may list or expose its contents.",
            remediation: "Set DefaultRootObject (for example index.html) in the distribution's configuration.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                // AWS's control applies to distributions with S3 origins only.
                guard c.origins.contains(where: \.isS3) else { return unreportedOrigin(d, c) }
                let evidence: JSONObject = ["distribution": .string(d.id), "defaultRootObject": .optional(c.defaultRootObject)]
                if let root = c.defaultRootObject {
                    return .pass(d.ref, "Distribution \(d.id) returns \(root) for its root URL.", evidence: evidence)
                }
                return .fail(d.ref, "Distribution \(d.id) has S3 origins and no default root object.", evidence: evidence)
            }
        })

    static let viewerHTTPS = Check(
        CheckMetadata(
            id: "cloudfront.distribution.viewer-https",
            title: "CloudFront distributions require HTTPS from viewers",
            severity: .medium, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.3"]],
            prowler: "cloudfront_distributions_https_enabled",
            risk: "A cache behavior whose ViewerProtocolPolicy is allow-all serves content and accepts cookies and credentials over plain HTTP.",
            remediation: "Set ViewerProtocolPolicy to redirect-to-https or https-only on the default and every other cache behavior.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                guard !c.viewerProtocolPolicies.isEmpty else {
                    return .unknown(d.ref, "get-distribution-config for \(d.id) returned no DefaultCacheBehavior.")
                }
                if let missing = c.viewerProtocolPolicies.first(where: { $0.policy == nil }) {
                    return .unknown(d.ref, "get-distribution-config for \(d.id) returned no ViewerProtocolPolicy for cache behavior \(missing.pathPattern).")
                }
                let open = c.viewerProtocolPolicies.filter { $0.policy == "allow-all" }.map(\.pathPattern)
                let evidence: JSONObject = ["distribution": .string(d.id), "allowAllBehaviors": .strings(open)]
                if open.isEmpty {
                    return .pass(d.ref, "Every cache behavior of distribution \(d.id) redirects or refuses HTTP.", evidence: evidence)
                }
                return .fail(d.ref, "Distribution \(d.id) serves HTTP (ViewerProtocolPolicy allow-all) for \(open.joined(separator: ", ")).", evidence: evidence)
            }
        })

    static let originFailover = Check(
        CheckMetadata(
            id: "cloudfront.distribution.origin-failover",
            title: "CloudFront distributions have origin failover configured",
            severity: .low, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.4"]],
            prowler: "cloudfront_distributions_multiple_origin_failover_configured",
            risk: "With one origin per behavior, an origin outage takes the content down with it; an origin group fails over to a second origin.",
            remediation: "Create an origin group with a primary and a secondary origin and route the cache behaviors to it.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                guard let groups = c.originGroupCount else {
                    return .unknown(d.ref, "get-distribution-config for \(d.id) returned no OriginGroups.")
                }
                let evidence: JSONObject = ["distribution": .string(d.id), "originGroups": .optional(groups)]
                if groups > 0 { return .pass(d.ref, "Distribution \(d.id) has \(groups) origin group(s) for failover.", evidence: evidence) }
                return .fail(d.ref, "Distribution \(d.id) has no origin group, so no origin failover.", evidence: evidence)
            }
        })

    static let logging = Check(
        CheckMetadata(
            id: "cloudfront.distribution.logging",
            title: "CloudFront distributions log viewer requests",
            severity: .medium, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.5"]],
            prowler: "cloudfront_distributions_logging_enabled",
            risk: "Without access logs nobody can tell who requested what through the distribution during an incident.",
            remediation: "Turn on standard logging (Logging.Enabled with a bucket) in the distribution's configuration.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                let evidence: JSONObject = ["distribution": .string(d.id), "loggingEnabled": c.loggingEnabled.map(JSONValue.bool) ?? .null, "bucket": .optional(c.loggingBucket)]
                switch c.loggingEnabled {
                case true?: return .pass(d.ref, "Distribution \(d.id) logs requests to \(c.loggingBucket ?? "a bucket").", evidence: evidence)
                // Logging v2 (CloudWatch deliveries) is configured outside the distribution and not read; the control reads Logging.
                case false?: return .fail(d.ref, "Distribution \(d.id) has standard logging off (Logging.Enabled=false).", evidence: evidence)
                case nil: return .unknown(d.ref, "get-distribution-config for \(d.id) returned no Logging.Enabled.")
                }
            }
        })

    static let waf = Check(
        CheckMetadata(
            id: "cloudfront.distribution.waf",
            title: "CloudFront distributions are protected by an AWS WAF web ACL",
            severity: .medium, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.6"]],
            prowler: "cloudfront_distributions_using_waf",
            risk: "Without a web ACL the distribution forwards every request, including injection attempts and floods, to its origins.",
            remediation: "Associate a WAFv2 web ACL of scope CLOUDFRONT with the distribution (WebACLId).",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                let evidence: JSONObject = ["distribution": .string(d.id), "webACLId": .optional(c.webACLId)]
                if let acl = c.webACLId { return .pass(d.ref, "Distribution \(d.id) is protected by web ACL \(acl).", evidence: evidence) }
                return .fail(d.ref, "Distribution \(d.id) has no AWS WAF web ACL.", evidence: evidence)
            }
        })

    static let customCertificate = Check(
        CheckMetadata(
            id: "cloudfront.distribution.custom-certificate",
            title: "CloudFront distributions use a custom SSL/TLS certificate",
            severity: .low, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.7"]],
            prowler: "cloudfront_distributions_custom_ssl_certificate",
            risk: "With the default *.cloudfront.net certificate viewers reach the content on a name the organisation does not own, and the distribution cannot require a modern TLS policy.",
            remediation: "Serve the distribution on your own domain with an ACM certificate (in us-east-1) in ViewerCertificate.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                guard let v = c.viewerCertificate else {
                    return .unknown(d.ref, "get-distribution-config for \(d.id) returned no ViewerCertificate.")
                }
                let custom = v.acmCertificateArn ?? v.iamCertificateId
                let evidence: JSONObject = [
                    "distribution": .string(d.id), "cloudFrontDefaultCertificate": v.cloudFrontDefaultCertificate.map(JSONValue.bool) ?? .null,
                    "certificate": .optional(custom),
                ]
                if let custom { return .pass(d.ref, "Distribution \(d.id) uses its own certificate \(custom).", evidence: evidence) }
                if v.cloudFrontDefaultCertificate == true {
                    return .fail(d.ref, "Distribution \(d.id) uses the default CloudFront certificate.", evidence: evidence)
                }
                return .unknown(d.ref, "ViewerCertificate of distribution \(d.id) names neither a certificate nor the default certificate.")
            }
        })

    static let sni = Check(
        CheckMetadata(
            id: "cloudfront.distribution.sni",
            title: "CloudFront distributions with custom certificates serve HTTPS with SNI",
            severity: .low, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.8"]],
            prowler: "cloudfront_distributions_https_sni_enabled",
            risk: "Dedicated-IP (vip) HTTPS exists for clients without SNI support, which are also the clients without modern TLS; it costs more and keeps legacy clients working.",
            remediation: "Set ViewerCertificate.SSLSupportMethod to sni-only.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            // Applies to distributions with their own certificate; the default certificate has no support method.
            eachCustomCertificate(ctx) { d, v in
                let evidence: JSONObject = ["distribution": .string(d.id), "sslSupportMethod": .optional(v.sslSupportMethod)]
                switch v.sslSupportMethod {
                case "sni-only"?: return .pass(d.ref, "Distribution \(d.id) serves HTTPS with SNI (sni-only).", evidence: evidence)
                case let method?: return .fail(d.ref, "Distribution \(d.id) serves HTTPS from dedicated IP addresses (\(method)).", evidence: evidence)
                case nil: return .unknown(d.ref, "ViewerCertificate of distribution \(d.id) has no SSLSupportMethod.")
                }
            }
        })

    static let originHTTPS = Check(
        CheckMetadata(
            id: "cloudfront.distribution.origin-https",
            title: "CloudFront distributions encrypt traffic to custom origins",
            severity: .medium, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.9"]],
            prowler: "cloudfront_distributions_origin_traffic_encrypted",
            risk: "An origin reached over HTTP (http-only, or match-viewer while viewers may use HTTP) carries requests, cookies and responses in clear text between CloudFront and the origin.",
            remediation: "Set each custom origin's OriginProtocolPolicy to https-only, or use match-viewer only when no cache behavior allows HTTP.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                if let unknown = unreportedOrigin(d, c) { return unknown }
                let custom = c.origins.filter(\.isCustom)
                guard !custom.isEmpty else { return nil }
                if let unread = custom.first(where: { $0.originProtocolPolicy == nil }) {
                    return .unknown(d.ref, "Origin \(unread.id) of distribution \(d.id) has no CustomOriginConfig.OriginProtocolPolicy.")
                }
                let viewersMayUseHTTP = c.viewerProtocolPolicies.contains { $0.policy == "allow-all" }
                let plain = custom.filter { $0.originProtocolPolicy == "http-only" || ($0.originProtocolPolicy == "match-viewer" && viewersMayUseHTTP) }
                let evidence: JSONObject = [
                    "distribution": .string(d.id), "unencryptedOrigins": .strings(plain.map(\.id)),
                    "originProtocolPolicies": .object(JSONObject(pairs: custom.map { ($0.id, JSONValue.optional($0.originProtocolPolicy)) })),
                ]
                if plain.isEmpty { return .pass(d.ref, "Distribution \(d.id) reaches its custom origins over HTTPS.", evidence: evidence) }
                let list = plain.map { "\($0.id) (\($0.originProtocolPolicy ?? ""))" }.joined(separator: ", ")
                return .fail(d.ref, "Distribution \(d.id) may reach origins over HTTP: \(list).", evidence: evidence)
            }
        })

    static let originSSLProtocols = Check(
        CheckMetadata(
            id: "cloudfront.distribution.origin-ssl-protocols",
            title: "CloudFront distributions do not offer SSLv3 to custom origins",
            severity: .medium, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.10"]],
            prowler: "cloudfront_distributions_using_deprecated_ssl_protocols",
            risk: "SSLv3 is broken (POODLE); an origin connection that may negotiate it can be decrypted by someone on the path.",
            remediation: "Remove SSLv3 from each custom origin's OriginSslProtocols, keeping TLSv1.2.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                if let unknown = unreportedOrigin(d, c) { return unknown }
                let custom = c.origins.filter(\.isCustom)
                guard !custom.isEmpty else { return nil }
                let deprecated = custom.filter { $0.originSSLProtocols.contains("SSLv3") }.map(\.id)
                let evidence: JSONObject = [
                    "distribution": .string(d.id), "originsOfferingSSLv3": .strings(deprecated),
                    "originSslProtocols": .object(JSONObject(pairs: custom.map { ($0.id, JSONValue.strings($0.originSSLProtocols)) })),
                ]
                if !deprecated.isEmpty {
                    return .fail(d.ref, "Distribution \(d.id) offers SSLv3 to origins \(deprecated.joined(separator: ", ")).", evidence: evidence)
                }
                if let unread = custom.first(where: { $0.originSSLProtocols.isEmpty }) {
                    return .unknown(d.ref, "Origin \(unread.id) of distribution \(d.id) has no OriginSslProtocols.")
                }
                return .pass(d.ref, "No custom origin of distribution \(d.id) is offered SSLv3.", evidence: evidence)
            }
        })

    static let s3OriginExists = Check(
        CheckMetadata(
            id: "cloudfront.distribution.s3-origin-exists",
            title: "CloudFront distributions point only to S3 buckets the account owns",
            severity: .high, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.12"]],
            prowler: "cloudfront_distributions_s3_origin_non_existent_bucket",
            risk: "A bucket name that no longer exists can be created by anyone, who then serves their content on the distribution's domain.",
            remediation: "Recreate the bucket in this account or remove the origin from the distribution.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, account in
                let named = c.origins.compactMap { o in o.s3BucketName.map { (origin: o.id, bucket: $0) } }
                guard !named.isEmpty else { return nil }
                guard let buckets = account.s3.buckets.value else {
                    return .unknown(d.ref, "The account's buckets are not known: \(account.s3.buckets.unknownReason ?? "s3api list-buckets was not read").")
                }
                let owned = Set(buckets.map { $0.name.lowercased() })
                let missing = named.filter { !owned.contains($0.bucket) }
                let evidence: JSONObject = ["distribution": .string(d.id), "s3Origins": .strings(named.map(\.bucket)), "notInAccount": .strings(missing.map(\.bucket))]
                if missing.isEmpty { return .pass(d.ref, "Every S3 origin of distribution \(d.id) is a bucket of this account.", evidence: evidence) }
                let list = missing.map { "\($0.bucket) (origin \($0.origin))" }.joined(separator: ", ")
                return .fail(d.ref, "Distribution \(d.id) points to buckets this account does not have: \(list).", evidence: evidence)
            }
        })

    static let s3OriginAccessControl = Check(
        CheckMetadata(
            id: "cloudfront.distribution.s3-origin-access-control",
            title: "CloudFront distributions reach S3 origins with origin access control",
            severity: .medium, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.13"]],
            prowler: "cloudfront_distributions_s3_origin_access_control",
            risk: "Without origin access control the bucket must be readable by others (or use the legacy OAI, which lacks SSE-KMS and signed requests), so viewers can bypass the distribution.",
            remediation: "Create an origin access control (S3, sigv4, always sign), set it on each S3 origin, and grant it in the bucket policy.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                if let unknown = unreportedOrigin(d, c) { return unknown }
                let s3 = c.origins.filter(\.isS3)
                guard !s3.isEmpty else { return nil }
                if let unread = s3.first(where: { !$0.originAccessControlReported }) {
                    return .unknown(d.ref, "get-distribution-config for \(d.id) returned no OriginAccessControlId for origin \(unread.id).")
                }
                let without = s3.filter { $0.originAccessControlId == nil }
                let evidence: JSONObject = [
                    "distribution": .string(d.id), "s3OriginsWithoutOAC": .strings(without.map(\.id)),
                    "legacyOAI": .strings(without.compactMap(\.originAccessIdentity)),
                ]
                if without.isEmpty { return .pass(d.ref, "Every S3 origin of distribution \(d.id) uses origin access control.", evidence: evidence) }
                let list = without.map { $0.id + ($0.originAccessIdentity != nil ? " (legacy OAI)" : "") }.joined(separator: ", ")
                return .fail(d.ref, "S3 origins of distribution \(d.id) without origin access control: \(list).", evidence: evidence)
            }
        })

    /// The viewer TLS policies AWS recommends (TLSv1.2_2021 and the policies published after it).
    static let recommendedTLSPolicies: Set<String> = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"]

    static let tlsPolicy = Check(
        CheckMetadata(
            id: "cloudfront.distribution.tls-policy",
            title: "CloudFront distributions use the recommended viewer TLS security policy",
            severity: .medium, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.15"]],
            prowler: nil,
            risk: "Older security policies let viewers negotiate TLS 1.0/1.1 or weak ciphers.",
            remediation: "Set ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021 or newer.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            // With the default certificate CloudFront fixes the policy (TLSv1); the custom-certificate check reports that.
            eachCustomCertificate(ctx) { d, v in
                let evidence: JSONObject = ["distribution": .string(d.id), "minimumProtocolVersion": .optional(v.minimumProtocolVersion)]
                guard let policy = v.minimumProtocolVersion else {
                    return .unknown(d.ref, "ViewerCertificate of distribution \(d.id) has no MinimumProtocolVersion.")
                }
                if recommendedTLSPolicies.contains(policy) {
                    return .pass(d.ref, "Distribution \(d.id) requires the \(policy) security policy.", evidence: evidence)
                }
                return .fail(d.ref, "Distribution \(d.id) accepts the older \(policy) security policy.", evidence: evidence)
            }
        })

    static let lambdaURLOriginAccessControl = Check(
        CheckMetadata(
            id: "cloudfront.distribution.lambda-url-origin-access-control",
            title: "CloudFront distributions reach Lambda function URL origins with origin access control",
            severity: .medium, resourceType: "AWS::CloudFront::Distribution", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CloudFront.16"]],
            prowler: nil,
            risk: "A function URL behind CloudFront without origin access control must accept unauthenticated calls, so anyone can call it directly and bypass the distribution's WAF and caching.",
            remediation: "Create an origin access control of type lambda, set it on the origin, and set the function URL's auth type to AWS_IAM.",
            remediationCommand: updateCommand),
        evaluate: { ctx in
            eachConfig(ctx) { d, c, _ in
                let urls = c.origins.filter(\.isLambdaFunctionURL)
                guard !urls.isEmpty else { return nil }
                if let unread = urls.first(where: { !$0.originAccessControlReported }) {
                    return .unknown(d.ref, "get-distribution-config for \(d.id) returned no OriginAccessControlId for origin \(unread.id).")
                }
                let without = urls.filter { $0.originAccessControlId == nil }.map(\.id)
                let evidence: JSONObject = ["distribution": .string(d.id), "functionURLOriginsWithoutOAC": .strings(without)]
                if without.isEmpty { return .pass(d.ref, "Every Lambda function URL origin of distribution \(d.id) uses origin access control.", evidence: evidence) }
                return .fail(d.ref, "Lambda function URL origins of distribution \(d.id) without origin access control: \(without.joined(separator: ", ")).", evidence: evidence)
            }
        })
}
