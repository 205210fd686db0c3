import RampartFindings
import RampartInventory
import RampartJSON

/// OpenSearch Service domains: encryption, the endpoint (VPC, HTTPS, TLS policy), access control,
/// logs and the shape of the cluster (zones, data and dedicated primary nodes).
enum OpenSearchDomainChecks {
    static let all: [Check] = [
        encryptedAtRest, inVPC, nodeToNodeEncryption, errorLogs, auditLogs, threeDataNodes, fineGrainedAccessControl,
        latestTLSPolicy, threeDedicatedMasters, notPublic, latestSoftware,
    ]

    static let call = "opensearch describe-domain"

    /// Judges each domain whose description was read; an unread description is UNKNOWN.
    static func eachDomain(_ ctx: CheckContext, _ judge: @escaping (OpenSearchDomain, OpenSearchDomainStatus) -> CheckOutcome) -> [CheckOutcome] {
        ctx.eachRegional(\.openSearch.domains) { d, _ in
            switch d.status {
            case .unknown(let reason): return CheckOutcome.unknown(d.ref, reason)
            case .known(let status): return judge(d, status)
            }
        }
    }

    static func evidence(_ d: OpenSearchDomain, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var object: JSONObject = ["domainName": .string(d.name)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    static func bool(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }

    static let encryptedAtRest = Check(
        CheckMetadata(
            id: "opensearch.domain.encrypted-at-rest",
            title: "OpenSearch domains are encrypted at rest",
            severity: .medium, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Opensearch.1"]], prowler: "opensearch_service_domains_encryption_at_rest_enabled",
            risk: "Indices, logs and swap of an unencrypted domain are readable by anyone who obtains the underlying storage.",
            remediation: "Turn on encryption at rest.",
            remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --encryption-at-rest-options Enabled=true"),
        evaluate: { ctx in
            eachDomain(ctx) { d, s in
                judgeSetting(d.ref, s.encryptionAtRest, member: "EncryptionAtRestOptions.Enabled", call: call, name: d.name,
                    evidence: evidence(d, ["encryptionAtRest": bool(s.encryptionAtRest)]),
                    pass: "\(d.name) is encrypted at rest.", fail: "\(d.name) is not encrypted at rest.")
            }
        })

    static let inVPC = Check(
        CheckMetadata(
            id: "opensearch.domain.in-vpc",
            title: "OpenSearch domains are in a VPC",
            severity: .critical, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Opensearch.2"]], prowler: nil,
            risk: "A domain with a public endpoint is reachable from the internet, guarded only by its access policy.",
            remediation: "The network is set at creation: create the domain in a VPC and move the data (snapshot and restore).",
            remediationCommand: "aws opensearch create-domain --domain-name <domain> --vpc-options SubnetIds=<subnet>,SecurityGroupIds=<group>"),
        evaluate: { ctx in
            eachDomain(ctx) { d, s in
                let facts = evidence(d, ["vpcId": s.vpcId.map(JSONValue.string) ?? .null, "subnetIds": .strings(s.vpcSubnetIds)])
                if s.inVPC {
                    return .pass(d.ref, "\(d.name) is in \(s.vpcId ?? "a VPC (subnets \(s.vpcSubnetIds.joined(separator: ", ")))").", evidence: facts)
                }
                return .fail(d.ref, "\(d.name) has a public endpoint (no VPCOptions).", evidence: facts)
            }
        })

    static let nodeToNodeEncryption = Check(
        CheckMetadata(
            id: "opensearch.domain.node-to-node-encryption",
            title: "OpenSearch domains encrypt traffic between nodes",
            severity: .medium, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Opensearch.3"]], prowler: "opensearch_service_domains_node_to_node_encryption_enabled",
            risk: "Without node-to-node encryption, documents travel between the domain's nodes in clear text.",
            remediation: "Turn on node-to-node encryption.",
            remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --node-to-node-encryption-options Enabled=true"),
        evaluate: { ctx in
            eachDomain(ctx) { d, s in
                judgeSetting(d.ref, s.nodeToNodeEncryption, member: "NodeToNodeEncryptionOptions.Enabled", call: call, name: d.name,
                    evidence: evidence(d, ["nodeToNodeEncryption": bool(s.nodeToNodeEncryption)]),
                    pass: "\(d.name) encrypts traffic between nodes.", fail: "\(d.name) does not encrypt traffic between nodes.")
            }
        })

    static func logCheck(id: String, title: String, fsbp: String, prowler: String, logType: String, what: String) -> Check {
        Check(
            CheckMetadata(
                id: id, title: title, severity: .medium, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
                frameworks: ["aws-fsbp": [fsbp]], prowler: prowler,
                risk: "Without \(what), problems and misuse of the domain leave no record to investigate.",
                remediation: "Publish the \(logType) log type to a CloudWatch Logs group.",
                remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --log-publishing-options \(logType)={CloudWatchLogsLogGroupArn=<log-group-arn>,Enabled=true}"),
            evaluate: { ctx in
                eachDomain(ctx) { d, s in
                    let facts = evidence(d, ["enabledLogs": .strings(s.enabledLogs)])
                    if s.enabledLogs.contains(logType) { return .pass(d.ref, "\(d.name) publishes \(logType) to CloudWatch Logs.", evidence: facts) }
                    return .fail(d.ref, "\(d.name) does not publish \(logType) to CloudWatch Logs.", evidence: facts)
                }
            })
    }

    static let errorLogs = logCheck(
        id: "opensearch.domain.error-logs", title: "OpenSearch domains send error logs to CloudWatch Logs", fsbp: "Opensearch.4",
        prowler: "opensearch_service_domains_cloudwatch_logging_enabled", logType: "ES_APPLICATION_LOGS", what: "error logs")

    static let auditLogs = logCheck(
        id: "opensearch.domain.audit-logs", title: "OpenSearch domains have audit logging enabled", fsbp: "Opensearch.5",
        prowler: "opensearch_service_domains_audit_logging_enabled", logType: "AUDIT_LOGS", what: "audit logs")

    static let threeDataNodes = Check(
        CheckMetadata(
            id: "opensearch.domain.three-data-nodes",
            title: "OpenSearch domains have at least three data nodes and zone awareness",
            severity: .medium, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Opensearch.6"]], prowler: "opensearch_service_domains_fault_tolerant_data_nodes",
            risk: "With fewer than three data nodes, or all of them in one zone, losing a node or a zone makes indices unavailable.",
            remediation: "Run at least three data nodes with zone awareness on.",
            remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --cluster-config InstanceCount=3,ZoneAwarenessEnabled=true,ZoneAwarenessConfig={AvailabilityZoneCount=3}"),
        evaluate: { ctx in
            eachDomain(ctx) { d, s in
                guard let count = s.instanceCount else { return .unknown(d.ref, "\(call) gave no ClusterConfig.InstanceCount for \(d.name).") }
                guard let zoned = s.zoneAwarenessEnabled else { return .unknown(d.ref, "\(call) gave no ClusterConfig.ZoneAwarenessEnabled for \(d.name).") }
                let facts = evidence(d, ["instanceCount": .number(Double(count)), "zoneAwarenessEnabled": .bool(zoned)])
                if count >= 3 && zoned { return .pass(d.ref, "\(d.name) has \(count) data nodes with zone awareness.", evidence: facts) }
                var gaps: [String] = []
                if count < 3 { gaps.append("only \(count) data node\(count == 1 ? "" : "s")") }
                if !zoned { gaps.append("zone awareness off") }
                return .fail(d.ref, "\(d.name) has \(gaps.joined(separator: " and ")).", evidence: facts)
            }
        })

    static let fineGrainedAccessControl = Check(
        CheckMetadata(
            id: "opensearch.domain.fine-grained-access-control",
            title: "OpenSearch domains have fine-grained access control enabled",
            severity: .high, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Opensearch.7"]], prowler: nil,
            risk: "Without fine-grained access control every principal the access policy admits can read and change every index.",
            remediation: "Turn on fine-grained access control (advanced security options).",
            remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --advanced-security-options Enabled=true,InternalUserDatabaseEnabled=false,MasterUserOptions={MasterUserARN=<role-arn>}"),
        evaluate: { ctx in
            eachDomain(ctx) { d, s in
                judgeSetting(d.ref, s.fineGrainedAccessControl, member: "AdvancedSecurityOptions.Enabled", call: call, name: d.name,
                    evidence: evidence(d, ["fineGrainedAccessControl": bool(s.fineGrainedAccessControl)]),
                    pass: "\(d.name) has fine-grained access control.", fail: "\(d.name) does not have fine-grained access control.")
            }
        })

    /// The TLS security policy FSBP Opensearch.8 names as the latest.
    static let latestTLSPolicies: Set<String> = ["Policy-Min-TLS-1-2-PFS-2023-10"]

    static let latestTLSPolicy = Check(
        CheckMetadata(
            id: "opensearch.domain.https-latest-tls",
            title: "OpenSearch domains enforce HTTPS with the latest TLS security policy",
            severity: .medium, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Opensearch.8"]], prowler: "opensearch_service_domains_https_communications_enforced",
            risk: "Plain HTTP or old TLS versions let a network attacker read or alter queries and results.",
            remediation: "Enforce HTTPS with the TLS policy Policy-Min-TLS-1-2-PFS-2023-10.",
            remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10"),
        evaluate: { ctx in
            eachDomain(ctx) { d, s in
                guard let https = s.enforceHTTPS else { return .unknown(d.ref, "\(call) gave no DomainEndpointOptions.EnforceHTTPS for \(d.name).") }
                let facts = evidence(d, ["enforceHTTPS": .bool(https), "tlsSecurityPolicy": s.tlsSecurityPolicy.map(JSONValue.string) ?? .null])
                if !https { return .fail(d.ref, "\(d.name) does not enforce HTTPS.", evidence: facts) }
                guard let policy = s.tlsSecurityPolicy else { return .unknown(d.ref, "\(call) gave no TLSSecurityPolicy for \(d.name).") }
                if latestTLSPolicies.contains(policy) { return .pass(d.ref, "\(d.name) enforces HTTPS with \(policy).", evidence: facts) }
                return .fail(d.ref, "\(d.name) enforces HTTPS but with the older TLS policy \(policy).", evidence: facts)
            }
        })

    static let threeDedicatedMasters = Check(
        CheckMetadata(
            id: "opensearch.domain.three-dedicated-masters",
            title: "OpenSearch domains have at least three dedicated primary nodes",
            severity: .low, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Opensearch.11"]], prowler: "opensearch_service_domains_fault_tolerant_master_nodes",
            risk: "Without three dedicated primary nodes the cluster can lose its quorum, and with it writes, when one node fails.",
            remediation: "Turn on three dedicated primary (master) nodes.",
            remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --cluster-config DedicatedMasterEnabled=true,DedicatedMasterCount=3,DedicatedMasterType=<instance-type>"),
        evaluate: { ctx in
            eachDomain(ctx) { d, s in
                guard let enabled = s.dedicatedMasterEnabled else { return .unknown(d.ref, "\(call) gave no ClusterConfig.DedicatedMasterEnabled for \(d.name).") }
                let count = enabled ? s.dedicatedMasterCount : 0
                guard let count else { return .unknown(d.ref, "\(call) gave no ClusterConfig.DedicatedMasterCount for \(d.name).") }
                let facts = evidence(d, ["dedicatedMasterEnabled": .bool(enabled), "dedicatedMasterCount": .number(Double(count))])
                if count >= 3 { return .pass(d.ref, "\(d.name) has \(count) dedicated primary nodes.", evidence: facts) }
                return .fail(d.ref, enabled ? "\(d.name) has only \(count) dedicated primary nodes." : "\(d.name) has no dedicated primary nodes.",
                             evidence: facts)
            }
        })

    static let notPublic = Check(
        CheckMetadata(
            id: "opensearch.domain.access-policy-not-public",
            title: "OpenSearch domain access policies do not allow access to everyone",
            severity: .critical, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: [:], prowler: "opensearch_service_domains_not_publicly_accessible",
            risk: "An access policy that allows every principal lets anyone who reaches the endpoint query and change the indices.",
            remediation: "Limit the access policy to your principals, or pin it with a condition.",
            remediationCommand: "aws opensearch update-domain-config --domain-name <domain> --access-policies file://policy.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.openSearch.domains) { d, _ in
                ExternalAccessChecks.judgeNotPublic(d, subject: d.name, evidence: ["resource": .string(d.name)]) { ref in
                    .pass(ref, "\(d.name) has no access policy: only requests signed by the account's principals with permission are allowed.",
                          evidence: evidence(d, ["accessPolicies": .null]))
                }
            }
        })

    static let latestSoftware = Check(
        CheckMetadata(
            id: "opensearch.domain.latest-software-update",
            title: "OpenSearch domains have the latest service software update installed",
            severity: .medium, resourceType: "AWS::OpenSearchService::Domain", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Opensearch.10"]], prowler: "opensearch_service_domains_updated_to_the_latest_service_software_version",
            risk: "A domain that has not taken the waiting service software update misses its security fixes.",
            remediation: "Start the service software update (or let the off-peak window apply it).",
            remediationCommand: "aws opensearch start-service-software-update --domain-name <domain>"),
        evaluate: { ctx in
            eachDomain(ctx) { d, s in
                guard let waiting = s.updateAvailable else {
                    return .unknown(d.ref, "\(call) gave no ServiceSoftwareOptions.UpdateAvailable for \(d.name).")
                }
                let facts = evidence(d, ["updateAvailable": .bool(waiting)])
                if waiting { return .fail(d.ref, "\(d.name) has a service software update waiting.", evidence: facts) }
                return .pass(d.ref, "\(d.name) runs the latest service software.", evidence: facts)
            }
        })
}
