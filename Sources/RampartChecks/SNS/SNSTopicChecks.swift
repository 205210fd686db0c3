import RampartFindings
import RampartInventory
import RampartJSON

/// SNS topics: encryption at rest with KMS, a policy that does not open the topic to everyone,
/// and TLS-only publishing, all from `get-topic-attributes`.
enum SNSTopicChecks {
    static let all: [Check] = [encryptedAtRest, policyNotPublic, tlsRequired]

    static let encryptedAtRest = Check(
        CheckMetadata(
            id: "sns.topic.encrypted-at-rest",
            title: "SNS topics are encrypted at rest with AWS KMS",
            severity: .medium, resourceType: "AWS::SNS::Topic", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SNS.1"]],
            prowler: "sns_topics_kms_encryption_at_rest_enabled",
            risk: "Messages held by an unencrypted topic are stored without the protection and audit trail of a KMS key.",
            remediation: "Turn on server-side encryption with a KMS key (alias/aws/sns or a customer managed key).",
            remediationCommand: "aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns"),
        evaluate: { ctx in
            ctx.eachRegional(\.sns.topics) { topic, _ in
                topic.attributes.judged(topic.ref) { a in
                    let evidence: JSONObject = ["topic": .string(topic.name), "kmsMasterKeyId": .optional(a.kmsMasterKeyId)]
                    if let key = a.kmsMasterKeyId {
                        return .pass(topic.ref, "Topic \(topic.name) is encrypted with KMS key \(key).", evidence: evidence)
                    }
                    return .fail(topic.ref, "Topic \(topic.name) is not encrypted at rest (no KmsMasterKeyId).", evidence: evidence)
                }
            }
        })

    static let policyNotPublic = Check(
        CheckMetadata(
            id: "sns.topic.policy-not-public",
            title: "SNS topic policies do not allow public access",
            severity: .critical, resourceType: "AWS::SNS::Topic", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SNS.4"]],
            prowler: "sns_topics_not_publicly_accessible",
            risk: "A topic policy that allows Principal \"*\" without a restricting condition lets anyone publish to the topic or subscribe to its messages.",
            remediation: "Remove the public statement or pin it with fixed aws:SourceOwner, aws:SourceArn or aws:PrincipalOrgID conditions.",
            remediationCommand: "aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value file://<restricted-policy>.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.sns.topics) { topic, _ in
                ExternalAccessChecks.judgeNotPublic(topic, subject: "Topic \(topic.name)", evidence: ["name": .string(topic.name)]) { ref in
                    .pass(ref, "Topic \(topic.name) has no resource policy.", evidence: ["name": .string(topic.name), "publicStatements": .strings([])])
                }
            }
        })

    static let tlsRequired = Check(
        CheckMetadata(
            id: "sns.topic.tls-required",
            title: "SNS topic policies deny publishing not sent over TLS",
            severity: .medium, resourceType: "AWS::SNS::Topic", serviceModel: .managed,
            frameworks: [:],
            prowler: nil,
            risk: "SNS accepts HTTP publish requests unless the topic policy denies them; messages then cross the network in clear text.",
            remediation: "Add a Deny statement for Principal \"*\", Action sns:Publish (or sns:*), with Condition Bool aws:SecureTransport false.",
            remediationCommand: "aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value file://<policy-with-tls-deny>.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.sns.topics) { topic, _ in
                topic.attributes.judged(topic.ref) { a in
                    TransportPolicy.judgeTransport(topic.ref, kind: "Topic", name: topic.name, policy: a.policy, action: "sns:publish", anyContinuation: false)
                }
            }
        })
}
