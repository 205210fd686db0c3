import RampartFindings
import Testing

@Suite struct LoadBalancerSettingsChecksTests {
    static let good = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/good/1"
    static let bad = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/bad/2"
    static let nlb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/3"

    static func attributes(_ pairs: [String: String]) -> String {
        #"{"Attributes": [\#(pairs.sorted { $0.key < $1.key }.map { #"{"Key": "\#($0.key)", "Value": "\#($0.value)"}"# }.joined(separator: ","))]}"#
    }

    static func listener(_ lb: String, port: Int, proto: String, policy: String?) -> String {
        let ssl = policy.map { #", "SslPolicy": "\#($0)""# } ?? ""
        return #"{"ListenerArn": "\#(lb)/\#(port)", "Port": \#(port), "Protocol": "\#(proto)"\#(ssl), "DefaultActions": [{"Type": "forward"}]}"#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "elbv2", "describe-load-balancers", """
            {"LoadBalancers": [
              {"LoadBalancerArn": "\(Self.good)", "LoadBalancerName": "good", "Scheme": "internet-facing", "Type": "application",
               "AvailabilityZones": [{"ZoneName": "us-east-1a"}, {"ZoneName": "us-east-1b"}]},
              {"LoadBalancerArn": "\(Self.bad)", "LoadBalancerName": "bad", "Scheme": "internet-facing", "Type": "application",
               "AvailabilityZones": [{"ZoneName": "us-east-1a"}]},
              {"LoadBalancerArn": "\(Self.nlb)", "LoadBalancerName": "nlb", "Scheme": "internal", "Type": "network",
               "AvailabilityZones": [{"ZoneName": "us-east-1a"}, {"ZoneName": "us-east-1b"}]}
            ]}
            """)
        f.answer("us-east-1", "elbv2", "describe-load-balancer-attributes", resource: Self.good, Self.attributes([
            "access_logs.s3.enabled": "true", "routing.http.drop_invalid_header_fields.enabled": "true",
            "routing.http.desync_mitigation_mode": "strictest", "deletion_protection.enabled": "true",
        ]))
        f.answer("us-east-1", "elbv2", "describe-load-balancer-attributes", resource: Self.bad, Self.attributes([
            "access_logs.s3.enabled": "false", "routing.http.drop_invalid_header_fields.enabled": "false",
            "routing.http.desync_mitigation_mode": "monitor",
        ]))
        f.answer("us-east-1", "elbv2", "describe-load-balancer-attributes", resource: Self.nlb, Self.attributes([
            "access_logs.s3.enabled": "false", "load_balancing.cross_zone.enabled": "false",
        ]))
        f.answer("us-east-1", "elbv2", "describe-listeners", resource: Self.good,
                 #"{"Listeners": [\#(Self.listener(Self.good, port: 443, proto: "HTTPS", policy: "ELBSecurityPolicy-TLS13-1-2-2021-06"))]}"#)
        f.answer("us-east-1", "elbv2", "describe-listeners", resource: Self.bad,
                 #"{"Listeners": [\#(Self.listener(Self.bad, port: 443, proto: "HTTPS", policy: "ELBSecurityPolicy-2016-08"))]}"#)
        f.answer("us-east-1", "elbv2", "describe-listeners", resource: Self.nlb,
                 #"{"Listeners": [\#(Self.listener(Self.nlb, port: 5432, proto: "TCP", policy: nil))]}"#)
        return f
    }

    @Test func applicationLoadBalancerSettingsPassOrFail() {
        for check in ["elbv2.load-balancer.access-logging", "elbv2.load-balancer.drop-invalid-headers", "elbv2.load-balancer.desync-mitigation",
                      "elbv2.load-balancer.multi-az", "elbv2.load-balancer.tls-1-2-policies"] {
            #expect(fixture.status(check, on: "/app/good/1") == .pass, "\(check)")
            #expect(fixture.status(check, on: "/app/bad/2") == .fail, "\(check)")
        }
        let tls = fixture.run("elbv2.load-balancer.tls-1-2-policies").first { $0.resource.arn == Self.bad }
        #expect(tls?.message == "Load balancer bad accepts TLS older than 1.2: port 443 uses ELBSecurityPolicy-2016-08.")
    }

    @Test func networkLoadBalancersAreJudgedOnCrossZoneOnly() {
        #expect(fixture.status("elbv2.load-balancer.cross-zone", on: "/net/nlb/3") == .fail)
        #expect(fixture.status("elbv2.load-balancer.cross-zone", on: "/app/good/1") == nil)
        #expect(fixture.status("elbv2.load-balancer.drop-invalid-headers", on: "/net/nlb/3") == nil)
        #expect(fixture.status("elbv2.load-balancer.tls-1-2-policies", on: "/net/nlb/3") == nil, "no TLS listener")
    }

    @Test func absentAttributeOrUnreadableEvidenceIsUnknown() {
        var f = fixture
        #expect(f.status("elbv2.load-balancer.desync-mitigation", on: "/app/good/1") == .pass)
        f.fail("us-east-1", "elbv2", "describe-load-balancer-attributes", resource: Self.good, code: "AccessDenied")
        f.fail("us-east-1", "elbv2", "describe-listeners", resource: Self.good, code: "AccessDenied")
        for check in ["elbv2.load-balancer.access-logging", "elbv2.load-balancer.drop-invalid-headers", "elbv2.load-balancer.desync-mitigation",
                      "elbv2.load-balancer.tls-1-2-policies"] {
            #expect(f.status(check, on: "/app/good/1") == .unknown, "\(check)")
        }
        #expect(Fixture().run("elbv2.load-balancer.multi-az").map(\.status) == [.unknown])
        #expect(fixture.status("elbv2.load-balancer.access-logging", on: "/net/nlb/3") == .fail)
    }
}
