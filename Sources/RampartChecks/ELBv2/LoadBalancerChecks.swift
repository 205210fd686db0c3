import RampartFindings
import RampartInventory
import RampartJSON

/// Elastic Load Balancing v2 load balancers (application, network, gateway): deletion
/// protection, HTTP listeners on application load balancers redirecting to HTTPS, and which
/// listener ports the internet really reaches.
enum LoadBalancerChecks {
    static let all: [Check] = [deletionProtection, httpRedirectsToHTTPS, notReachableFromInternet]

    static func evidence(_ lb: LoadBalancer, _ extra: KeyValuePairs<String, JSONValue> = [:]) -> JSONObject {
        var object: JSONObject = ["loadBalancerName": .string(lb.name), "type": .string(lb.type), "scheme": .string(lb.scheme)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    static let deletionProtection = Check(
        CheckMetadata(
            id: "elbv2.load-balancer.deletion-protection",
            title: "Load balancers have deletion protection enabled",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ELB.6"]],
            prowler: "elbv2_deletion_protection",
            risk: "A load balancer deleted by mistake or by a compromised credential takes the application offline and releases its DNS name.",
            remediation: "Set the load balancer attribute deletion_protection.enabled to true.",
            remediationCommand:
                "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <load-balancer-arn> --attributes Key=deletion_protection.enabled,Value=true"),
        evaluate: { ctx in
            ctx.eachRegional(\.elbv2.loadBalancers) { lb, _ in
                switch lb.attributes {
                case .unknown(let reason):
                    return .unknown(lb.ref, reason)
                case .known(let attributes):
                    let value = attributes["deletion_protection.enabled"]
                    let facts = evidence(lb, ["deletion_protection.enabled": .optional(value)])
                    if value == "true" {
                        return .pass(lb.ref, "Load balancer \(lb.name) has deletion protection enabled.", evidence: facts)
                    }
                    return .fail(lb.ref, "Load balancer \(lb.name) has deletion protection disabled (deletion_protection.enabled=\(value ?? "absent")).",
                                 evidence: facts)
                }
            }
        })

    static let httpRedirectsToHTTPS = Check(
        CheckMetadata(
            id: "elbv2.load-balancer.http-redirects-to-https",
            title: "Application load balancers redirect every HTTP listener to HTTPS",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ELB.1"]],
            prowler: "elbv2_ssl_listeners",
            risk: "An HTTP listener that serves content lets credentials, cookies and data cross the network in clear text, open to interception and tampering.",
            remediation: "Make the default action of each HTTP listener a redirect to HTTPS (port 443, status HTTP_301), and serve the application on an HTTPS listener.",
            remediationCommand:
                "aws elbv2 modify-listener --listener-arn <listener-arn> --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'"),
        evaluate: { ctx in
            ctx.eachRegional(\.elbv2.loadBalancers) { lb, _ in
                guard lb.type == "application" else { return nil }
                switch lb.listeners {
                case .unknown(let reason):
                    return .unknown(lb.ref, reason)
                case .known(let listeners):
                    let http = listeners.filter { $0.protocolName == "HTTP" }
                    let plain = http.filter { !redirectsToHTTPS($0) }
                    let ports = plain.map { $0.port.map(String.init) ?? "?" }
                    let facts = evidence(lb, ["httpListeners": .number(Double(http.count)), "httpListenersNotRedirecting": .strings(ports)])
                    if http.isEmpty {
                        return .pass(lb.ref, "Load balancer \(lb.name) has no HTTP listener.", evidence: facts)
                    }
                    if plain.isEmpty {
                        return .pass(lb.ref, "Every HTTP listener of load balancer \(lb.name) redirects to HTTPS.", evidence: facts)
                    }
                    return .fail(lb.ref, "Load balancer \(lb.name) serves HTTP without redirecting to HTTPS on port(s) \(ports.joined(separator: ", ")).",
                                 evidence: facts)
                }
            }
        })

    /// The listener's default action is a redirect whose target protocol is HTTPS. A redirect
    /// that keeps `#{protocol}` stays on HTTP.
    static func redirectsToHTTPS(_ listener: Listener) -> Bool {
        listener.defaultActionTypes.contains("redirect") && listener.redirectProtocol == "HTTPS"
    }

    /// AWS's words for a Network Load Balancer created without security groups (Elastic Load
    /// Balancing user guide, "Update the security groups for your Network Load Balancer").
    static let noGroupsAdmitAll = "it has no security group, and AWS lets all client traffic reach the listeners of a Network Load Balancer without one"

    static let notReachableFromInternet = Check(
        CheckMetadata(
            id: "elbv2.load-balancer.not-reachable-from-internet",
            title: "Load balancers accept no connections from the internet on their listener ports",
            severity: .medium, resourceType: "AWS::ElasticLoadBalancingV2::LoadBalancer", serviceModel: .managed,
            frameworks: [:], prowler: "elbv2_internet_facing",
            risk: "An internet-facing load balancer whose listeners the internet reaches puts the application behind it in front of every scanner; it must be a deliberate, reviewed exposure.",
            remediation: "Use the internal scheme for load balancers that serve only the VPC, or narrow the load balancer's security-group rules to the client ranges that need it.",
            remediationCommand: "aws ec2 revoke-security-group-ingress --group-id <load-balancer-group-id> --protocol tcp --port <listener-port> --cidr 0.0.0.0/0"),
        evaluate: { ctx in
            ctx.eachRegional(\.elbv2.loadBalancers) { lb, region in
                guard lb.type != "gateway" else { return nil }
                if lb.scheme == "internal" {
                    return .pass(lb.ref, "Load balancer \(lb.name) is internal: it has no public address.", evidence: evidence(lb))
                }
                guard case .known(let listeners) = lb.listeners else { return .unknown(lb.ref, lb.listeners.unknownReason ?? "") }
                let publicIPv4 = lb.ipAddressType != "dualstack-without-public-ipv4"
                let ipv6 = lb.ipAddressType?.hasPrefix("dualstack") == true
                let unfiltered = lb.securityGroupIds.isEmpty && lb.type == "network" ? noGroupsAdmitAll : nil
                let exposure = NetworkExposure(region: region)
                var reachable: [String] = []
                var undecided: [String] = []
                var blocked: [String] = []
                var paths: [JSONValue] = []
                for listener in listeners {
                    guard let port = listener.port else {
                        undecided.append("listener \(listener.arn) has no port")
                        continue
                    }
                    if listener.protocolName == "UDP" {
                        undecided.append("UDP \(port): only TCP paths are judged")
                        continue
                    }
                    let (verdict, facts) = exposure.reach(
                        port: port, groupIds: lb.securityGroupIds, subnetIds: lb.zones.compactMap(\.subnetId),
                        publicIPv4: publicIPv4, ipv6: ipv6, unfiltered: unfiltered)
                    paths.append(.object(facts))
                    switch verdict {
                    case .reachable(let why): reachable.append("TCP \(port) (\(why))")
                    case .unknown(let why): undecided.append("TCP \(port): \(why)")
                    case .blocked(let why): blocked.append("TCP \(port): \(why)")
                    }
                }
                let facts = evidence(lb, ["ipAddressType": .optional(lb.ipAddressType), "securityGroupIds": .strings(lb.securityGroupIds), "paths": .array(paths)])
                if !reachable.isEmpty {
                    return .fail(lb.ref, "Load balancer \(lb.name) accepts connections from the internet on \(reachable.joined(separator: "; ")).", evidence: facts)
                }
                if !undecided.isEmpty {
                    return .unknown(lb.ref, "Whether the internet reaches load balancer \(lb.name) is undecided: \(undecided.joined(separator: "; ")).")
                }
                if listeners.isEmpty {
                    return .pass(lb.ref, "Internet-facing load balancer \(lb.name) has no listener.", evidence: facts)
                }
                return .pass(lb.ref, "Internet-facing load balancer \(lb.name) accepts no internet connection on its listeners: \(blocked.joined(separator: "; ")).", evidence: facts)
            }
        })
}
