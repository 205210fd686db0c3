import RampartFindings
import Testing

/// Which listener ports of a load balancer the internet reaches, over the network fixture's VPC.
@Suite struct LoadBalancerExposureTests {
    static let check = "elbv2.load-balancer.not-reachable-from-internet"

    static func arn(_ name: String, type: String = "app") -> String {
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/\(type)/\(name)/1a2b"
    }

    static func lb(_ name: String, type: String = "application", scheme: String = "internet-facing", subnet: String = "subnet-pub",
                   groups: [String], ipType: String = "ipv4") -> String {
        let short = type == "network" ? "net" : "app"
        return """
            {"LoadBalancerArn": "\(arn(name, type: short))", "LoadBalancerName": "\(name)", "Scheme": "\(scheme)", "Type": "\(type)",
             "VpcId": "vpc-1", "State": {"Code": "active"}, "IpAddressType": "\(ipType)",
             "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "\(subnet)"}],
             "SecurityGroups": [\(groups.map { "\"\($0)\"" }.joined(separator: ","))]}
            """
    }

    static func listeners(_ ports: [(Int, String)]) -> String {
        let items = ports.map { port, proto in
            #"{"ListenerArn": "l-\#(port)", "Port": \#(port), "Protocol": "\#(proto)", "DefaultActions": [{"Type": "forward"}]}"#
        }
        return #"{"Listeners": [\#(items.joined(separator: ","))]}"#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.network()
        let balancers: [(String, String, [(Int, String)])] = [
            ("web", Self.lb("web", groups: ["sg-web"]), [(80, "HTTP"), (443, "HTTPS")]),
            ("alt-port", Self.lb("alt-port", groups: ["sg-web"]), [(8443, "HTTPS")]),
            ("internal", Self.lb("internal", scheme: "internal", groups: ["sg-all"]), [(80, "HTTP")]),
            ("private-subnet", Self.lb("private-subnet", subnet: "subnet-priv", groups: ["sg-web"]), [(443, "HTTPS")]),
            ("nlb-open", Self.lb("nlb-open", type: "network", groups: []), [(5000, "TCP")]),
            ("nlb-private", Self.lb("nlb-private", type: "network", subnet: "subnet-priv", groups: []), [(5000, "TCP")]),
            ("v6-only-rule", Self.lb("v6-only-rule", groups: ["sg-v6"]), [(3306, "TCP")]),
            ("v6-dualstack", Self.lb("v6-dualstack", groups: ["sg-v6"], ipType: "dualstack"), [(3306, "TCP")]),
            ("prefix", Self.lb("prefix", groups: ["sg-pl"]), [(3306, "TCP")]),
            ("unread", Self.lb("unread", groups: ["sg-web"]), []),
        ]
        f.answer("us-east-1", "elbv2", "describe-load-balancers", #"{"LoadBalancers": [\#(balancers.map(\.1).joined(separator: ","))]}"#)
        for (name, body, ports) in balancers {
            let arn = Self.arn(name, type: body.contains(#""Type": "network""#) ? "net" : "app")
            if name == "unread" {
                f.fail("us-east-1", "elbv2", "describe-listeners", resource: arn, code: "AccessDenied")
            } else {
                f.answer("us-east-1", "elbv2", "describe-listeners", resource: arn, Self.listeners(ports))
            }
        }
        return f
    }

    func finding(_ name: String) -> (status: Status?, message: String) {
        let f = fixture.run(Self.check).first { $0.resource.arn.contains("/\(name)/") }
        return (f?.status, f?.message ?? "")
    }

    @Test func internetFacingListenerOpenToEveryoneFails() {
        let web = finding("web")
        #expect(web.status == .fail)
        #expect(web.message.hasPrefix("Load balancer web accepts connections from the internet on TCP 80 (sg-web admits tcp 80 from 0.0.0.0/0;"))
        #expect(web.message.contains("TCP 443"))
    }

    @Test func groupOpening443DoesNotExposeA8443Listener() {
        let alt = finding("alt-port")
        #expect(alt.status == .pass)
        #expect(alt.message.contains("TCP 8443: no security group admits TCP 8443 from 0.0.0.0/0"))
    }

    @Test func internalSchemeOrSubnetWithoutInternetRoutePasses() {
        #expect(finding("internal").status == .pass)
        #expect(finding("private-subnet").status == .pass)
        #expect(finding("private-subnet").message.contains("has no IPv4 route to an internet gateway"))
    }

    @Test func networkLoadBalancerWithoutGroupsAdmitsEveryClientAsAWSDocuments() {
        let open = finding("nlb-open")
        #expect(open.status == .fail)
        #expect(open.message.contains("it has no security group, and AWS lets all client traffic reach the listeners"))
        #expect(finding("nlb-private").status == .pass)
    }

    @Test func ipv6RuleCountsOnlyForDualStackLoadBalancers() {
        #expect(finding("v6-only-rule").status == .pass)
        #expect(finding("v6-dualstack").status == .fail)
    }

    @Test func uncollectedPrefixListOrUnreadListenersAreUnknown() {
        #expect(finding("prefix").status == .unknown)
        #expect(finding("unread").status == .unknown)
        var f = Fixture()
        f.fail("us-east-1", "elbv2", "describe-load-balancers", code: "AccessDenied")
        #expect(f.run(Self.check).map(\.status) == [.unknown])
    }
}
