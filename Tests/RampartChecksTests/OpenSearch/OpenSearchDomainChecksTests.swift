import RampartFindings
import Testing

@Suite struct OpenSearchDomainChecksTests {
    static let openPolicy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "arn:aws:es:us-east-1:123456789012:domain/logs-bad/*"}]}"#

    static func domain(_ name: String, good: Bool) -> String {
        let policy = good ? "" : openPolicy.replacingOccurrences(of: "\"", with: "\\\"")
        let vpc = good ? #""VPCOptions": {"VPCId": "vpc-1", "SubnetIds": ["subnet-a", "subnet-b", "subnet-c"], "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"]},"# : ""
        return """
        {"DomainStatus": {"DomainId": "123456789012/\(name)", "DomainName": "\(name)", "ARN": "arn:aws:es:us-east-1:123456789012:domain/\(name)",
         "Created": true, "Deleted": false, "EngineVersion": "OpenSearch_2.11", "AccessPolicies": "\(policy)", \(vpc)
         "ClusterConfig": {"InstanceType": "r6g.large.search", "InstanceCount": \(good ? 3 : 1), "DedicatedMasterEnabled": \(good),
            \(good ? #""DedicatedMasterCount": 3, "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3},"# : "")
            "ZoneAwarenessEnabled": \(good)},
         "EncryptionAtRestOptions": {"Enabled": \(good)}, "NodeToNodeEncryptionOptions": {"Enabled": \(good)},
         "DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": "\(good ? "Policy-Min-TLS-1-2-PFS-2023-10" : "Policy-Min-TLS-1-0-2019-07")"},
         "AdvancedSecurityOptions": {"Enabled": \(good), "InternalUserDatabaseEnabled": false},
         "ServiceSoftwareOptions": {"CurrentVersion": "OpenSearch_2_11_R20240502", "UpdateAvailable": \(!good), "Cancellable": false, "UpdateStatus": "COMPLETED"},
         "LogPublishingOptions": {"AUDIT_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:audit", "Enabled": \(good)},
                                  "ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:app", "Enabled": \(good)}}}}
        """
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "opensearch", "list-domain-names",
                 #"{"DomainNames": [{"DomainName": "logs-good", "EngineType": "OpenSearch"}, {"DomainName": "logs-bad", "EngineType": "OpenSearch"}, {"DomainName": "logs-hidden", "EngineType": "OpenSearch"}]}"#)
        f.answer("us-east-1", "opensearch", "describe-domain", resource: "logs-good", Self.domain("logs-good", good: true))
        f.answer("us-east-1", "opensearch", "describe-domain", resource: "logs-bad", Self.domain("logs-bad", good: false))
        f.fail("us-east-1", "opensearch", "describe-domain", resource: "logs-hidden", code: "AccessDeniedException")
        return f
    }

    static let checks = [
        "opensearch.domain.encrypted-at-rest", "opensearch.domain.in-vpc", "opensearch.domain.node-to-node-encryption",
        "opensearch.domain.error-logs", "opensearch.domain.audit-logs", "opensearch.domain.three-data-nodes",
        "opensearch.domain.fine-grained-access-control", "opensearch.domain.https-latest-tls", "opensearch.domain.three-dedicated-masters",
        "opensearch.domain.access-policy-not-public", "opensearch.domain.latest-software-update",
    ]

    @Test func everyCheckPassesTheGoodDomainFailsTheBadOneAndCannotJudgeTheUnreadOne() {
        for check in Self.checks {
            #expect(fixture.status(check, on: "domain/logs-good") == .pass, "\(check)")
            #expect(fixture.status(check, on: "domain/logs-bad") == .fail, "\(check)")
            #expect(fixture.status(check, on: "domain/logs-hidden") == .unknown, "\(check)")
        }
    }

    @Test func messagesNameWhatIsMissing() {
        let nodes = fixture.run("opensearch.domain.three-data-nodes").first { $0.resource.arn.hasSuffix("logs-bad") }
        #expect(nodes?.message == "logs-bad has only 1 data node and zone awareness off.")
        let tls = fixture.run("opensearch.domain.https-latest-tls").first { $0.resource.arn.hasSuffix("logs-bad") }
        #expect(tls?.message == "logs-bad enforces HTTPS but with the older TLS policy Policy-Min-TLS-1-0-2019-07.")
    }

    @Test func unlistedDomainsAreUnknownForEveryCheck() {
        var f = Fixture()
        f.fail("us-east-1", "opensearch", "list-domain-names", code: "AccessDeniedException")
        for check in Self.checks { #expect(f.run(check).map(\.status) == [.unknown], "\(check)") }
    }
}
