import RampartFindings
import Testing

@Suite struct LoadBalancerChecksTests {
    static let web = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1a2b"
    static let api = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/api/3c4d"
    static let tcp = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/tcp/5e6f"

    /// Shaped as `aws elbv2 describe-load-balancers` prints it.
    static let loadBalancers = """
        {"LoadBalancers": [
          {"LoadBalancerArn": "\(web)", "DNSName": "web-1.us-east-1.elb.amazonaws.com", "LoadBalancerName": "web",
           "Scheme": "internet-facing", "VpcId": "vpc-1", "State": {"Code": "active"}, "Type": "application",
           "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-a"}, {"ZoneName": "us-east-1b", "SubnetId": "subnet-b"}],
           "SecurityGroups": ["sg-web"], "IpAddressType": "ipv4"},
          {"LoadBalancerArn": "\(api)", "LoadBalancerName": "api", "Scheme": "internal", "Type": "application",
           "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-a"}]},
          {"LoadBalancerArn": "\(tcp)", "LoadBalancerName": "tcp", "Scheme": "internet-facing", "Type": "network",
           "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-a"}]}
        ]}
        """

    static func attributes(deletionProtection: String) -> String {
        """
        {"Attributes": [{"Key": "access_logs.s3.enabled", "Value": "false"},
                        {"Key": "deletion_protection.enabled", "Value": "\(deletionProtection)"},
                        {"Key": "idle_timeout.timeout_seconds", "Value": "60"}]}
        """
    }

    /// Shaped as `aws elbv2 describe-listeners --load-balancer-arn` prints it.
    static let webListeners = """
        {"Listeners": [
          {"ListenerArn": "\(web.replacingOccurrences(of: ":loadbalancer/", with: ":listener/"))/80", "LoadBalancerArn": "\(web)",
           "Port": 80, "Protocol": "HTTP",
           "DefaultActions": [{"Type": "redirect", "Order": 1,
             "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "Host": "#{host}", "Path": "/#{path}", "Query": "#{query}", "StatusCode": "HTTP_301"}}]},
          {"ListenerArn": "\(web.replacingOccurrences(of: ":loadbalancer/", with: ":listener/"))/443", "LoadBalancerArn": "\(web)",
           "Port": 443, "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
           "Certificates": [{"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc"}],
           "DefaultActions": [{"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"}]}
        ]}
        """

    static let apiListeners = """
        {"Listeners": [
          {"ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/api/3c4d/80", "Port": 80, "Protocol": "HTTP",
           "DefaultActions": [{"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/2"}]},
          {"ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/api/3c4d/8080", "Port": 8080, "Protocol": "HTTP",
           "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "#{protocol}", "Port": "80", "StatusCode": "HTTP_302"}}]}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "elbv2", "describe-load-balancers", Self.loadBalancers)
        f.answer("us-east-1", "elbv2", "describe-load-balancer-attributes", resource: Self.web, Self.attributes(deletionProtection: "true"))
        f.answer("us-east-1", "elbv2", "describe-load-balancer-attributes", resource: Self.api, Self.attributes(deletionProtection: "false"))
        f.fail("us-east-1", "elbv2", "describe-load-balancer-attributes", resource: Self.tcp, code: "AccessDenied")
        f.answer("us-east-1", "elbv2", "describe-listeners", resource: Self.web, Self.webListeners)
        f.answer("us-east-1", "elbv2", "describe-listeners", resource: Self.api, Self.apiListeners)
        return f
    }

    @Test func deletionProtectionOffFails() {
        #expect(fixture.status("elbv2.load-balancer.deletion-protection", on: "app/web/1a2b") == .pass)
        let finding = fixture.run("elbv2.load-balancer.deletion-protection").first { $0.resource.arn.hasSuffix("app/api/3c4d") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "Load balancer api has deletion protection disabled (deletion_protection.enabled=false).")
    }

    @Test func unreadableAttributesAreUnknown() {
        #expect(fixture.status("elbv2.load-balancer.deletion-protection", on: "net/tcp/5e6f") == .unknown)
    }

    @Test func httpListenerRedirectingToHTTPSPasses() {
        #expect(fixture.status("elbv2.load-balancer.http-redirects-to-https", on: "app/web/1a2b") == .pass)
    }

    @Test func httpListenerForwardingOrRedirectingToHTTPFails() {
        let finding = fixture.run("elbv2.load-balancer.http-redirects-to-https").first { $0.resource.arn.hasSuffix("app/api/3c4d") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "Load balancer api serves HTTP without redirecting to HTTPS on port(s) 80, 8080.")
    }

    @Test func networkLoadBalancersAreNotJudgedForHTTPRedirects() {
        #expect(fixture.status("elbv2.load-balancer.http-redirects-to-https", on: "net/tcp/5e6f") == nil)
    }

    @Test func listenersNotCollectedAreUnknown() {
        var f = Fixture()
        f.answer("us-east-1", "elbv2", "describe-load-balancers", Self.loadBalancers)
        #expect(f.status("elbv2.load-balancer.http-redirects-to-https", on: "app/web/1a2b") == .unknown)
    }

    @Test func unreadableLoadBalancerListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "elbv2", "describe-load-balancers", code: "AccessDenied")
        #expect(f.run("elbv2.load-balancer.deletion-protection").map(\.status) == [.unknown])
        #expect(f.run("elbv2.load-balancer.http-redirects-to-https").map(\.status) == [.unknown])
    }
}
