import RampartFindings
import RampartInventory
import RampartJSON

/// Elastic Load Balancing v2, beyond deletion protection and HTTPS redirects: access logs,
/// invalid-header and desync protection, zones, TLS policies and cross-zone balancing.
enum LoadBalancerSettingsChecks {
    static let all: [Check] = [accessLogging, dropInvalidHeaders, desyncMitigation, modernTLSPolicy, crossZone]

    /// Judges one attribute of every load balancer `applies` selects; unread attributes are UNKNOWN.
    static func attributeCheck(
        _ metadata: CheckMetadata, key: String, applies: @escaping @Sendable (LoadBalancer) -> Bool = { _ in true },
        passes: @escaping @Sendable (String) -> Bool, describe: @escaping @Sendable (LoadBalancer, String?, Bool) -> String
    ) -> Check {
        Check(metadata) { ctx in
            ctx.eachRegional(\.elbv2.loadBalancers) { lb, _ in
                guard applies(lb) else { return nil }
                switch lb.attributes {
                case .unknown(let reason): return .unknown(lb.ref, reason)
                case .known(let attributes):
                    let value = attributes[key]
                    let facts = LoadBalancerChecks.evidence(lb, [key: .optional(value)])
                    guard let value else {
                        return .unknown(lb.ref, "describe-load-balancer-attributes gave no \(key) for \(lb.name).")
                    }
                    let ok = passes(value)
                    return ok ? .pass(lb.ref, describe(lb, value, true), evidence: facts) : .fail(lb.ref, describe(lb, value, false), evidence: facts)
                }
            }
        }
    }

    static let accessLogging = attributeCheck(
        CheckMetadata(
            id: "elbv2.load-balancer.access-logging",
            title: "Load balancers write access logs",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ELB.5"]], prowler: "elbv2_logging_enabled",
            risk: "Without access logs there is no record of who requested what through the load balancer.",
            remediation: "Enable access logs to an S3 bucket.",
            remediationCommand:
                "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <load-balancer-arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket>"),
        key: "access_logs.s3.enabled", applies: { $0.type != "gateway" }, passes: { $0 == "true" },
        describe: { lb, value, ok in ok ? "Load balancer \(lb.name) writes access logs." : "Load balancer \(lb.name) writes no access logs (access_logs.s3.enabled=\(value ?? ""))." })

    static let dropInvalidHeaders = attributeCheck(
        CheckMetadata(
            id: "elbv2.load-balancer.drop-invalid-headers",
            title: "Application load balancers drop invalid HTTP headers",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ELB.4"]], prowler: "elbv2_alb_drop_invalid_header_fields_enabled",
            risk: "Malformed headers passed to targets enable HTTP desync and request smuggling.",
            remediation: "Set routing.http.drop_invalid_header_fields.enabled to true.",
            remediationCommand:
                "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <load-balancer-arn> --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true"),
        key: "routing.http.drop_invalid_header_fields.enabled", applies: { $0.type == "application" }, passes: { $0 == "true" },
        describe: { lb, value, ok in
            ok ? "Load balancer \(lb.name) drops invalid header fields." : "Load balancer \(lb.name) forwards invalid header fields (routing.http.drop_invalid_header_fields.enabled=\(value ?? ""))."
        })

    static let desyncMitigation = attributeCheck(
        CheckMetadata(
            id: "elbv2.load-balancer.desync-mitigation",
            title: "Application load balancers use defensive or strictest desync mitigation",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ELB.12"]], prowler: "elbv2_desync_mitigation_mode",
            risk: "In monitor mode ambiguous requests reach the targets, opening the door to request smuggling.",
            remediation: "Set routing.http.desync_mitigation_mode to defensive or strictest.",
            remediationCommand:
                "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <load-balancer-arn> --attributes Key=routing.http.desync_mitigation_mode,Value=defensive"),
        key: "routing.http.desync_mitigation_mode", applies: { $0.type == "application" }, passes: { ["defensive", "strictest"].contains($0) },
        describe: { lb, value, ok in
            ok ? "Load balancer \(lb.name) uses \(value ?? "") desync mitigation." : "Load balancer \(lb.name) uses \(value ?? "") desync mitigation."
        })

    static let crossZone = attributeCheck(
        CheckMetadata(
            id: "elbv2.load-balancer.cross-zone",
            title: "Network and gateway load balancers balance across zones",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: [:], prowler: "elbv2_cross_zone_load_balancing_enabled",
            risk: "Without cross-zone balancing, a zone with few healthy targets is overloaded while others idle.",
            remediation: "Set load_balancing.cross_zone.enabled to true.",
            remediationCommand:
                "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <load-balancer-arn> --attributes Key=load_balancing.cross_zone.enabled,Value=true"),
        key: "load_balancing.cross_zone.enabled", applies: { $0.type != "application" }, passes: { $0 == "true" },
        describe: { lb, value, ok in
            ok ? "Load balancer \(lb.name) balances across zones." : "Load balancer \(lb.name) does not balance across zones (load_balancing.cross_zone.enabled=\(value ?? ""))."
        })

    /// True for ELB security policies that accept only TLS 1.2 and later.
    static func isModern(_ policy: String) -> Bool {
        policy.contains("TLS13") || policy.contains("TLS-1-2") || policy.contains("FS-1-2")
    }

    static let modernTLSPolicy = Check(
        CheckMetadata(
            id: "elbv2.load-balancer.tls-1-2-policies",
            title: "HTTPS and TLS listeners accept only TLS 1.2 or later",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: [:], prowler: "elbv2_insecure_ssl_ciphers",
            risk: "Policies that still accept TLS 1.0 and 1.1 allow downgrade to weak ciphers.",
            remediation: "Switch the listener to a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.",
            remediationCommand: "aws elbv2 modify-listener --listener-arn <listener-arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06"),
        evaluate: { ctx in
            ctx.eachRegional(\.elbv2.loadBalancers) { lb, _ in
                switch lb.listeners {
                case .unknown(let reason): return .unknown(lb.ref, reason)
                case .known(let listeners):
                    let secure = listeners.filter { ["HTTPS", "TLS"].contains($0.protocolName ?? "") }
                    guard !secure.isEmpty else { return nil }
                    let weak = secure.filter { !isModern($0.sslPolicy ?? "") }
                    let facts = LoadBalancerChecks.evidence(lb, [
                        "policies": .array(secure.map { ["port": .optional($0.port), "sslPolicy": .optional($0.sslPolicy)] }),
                    ])
                    if weak.isEmpty { return .pass(lb.ref, "Load balancer \(lb.name)'s TLS listeners accept only TLS 1.2 or later.", evidence: facts) }
                    let list = weak.map { "port \($0.port.map(String.init) ?? "?") uses \($0.sslPolicy ?? "no policy")" }.joined(separator: ", ")
                    return .fail(lb.ref, "Load balancer \(lb.name) accepts TLS older than 1.2: \(list).", evidence: facts)
                }
            }
        })
}
