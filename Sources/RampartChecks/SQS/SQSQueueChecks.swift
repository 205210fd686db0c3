import RampartFindings
import RampartInventory
import RampartJSON

/// SQS queues: encryption at rest, a policy that does not open the queue to everyone, TLS-only
/// access and a dead-letter queue, all from `get-queue-attributes`.
enum SQSQueueChecks {
    static let all: [Check] = [encryptedAtRest, customerManagedKey, policyNotPublic, tlsRequired, deadLetterQueue]

    static let encryptedAtRest = Check(
        CheckMetadata(
            id: "sqs.queue.encrypted-at-rest",
            title: "SQS queues are encrypted at rest",
            severity: .medium, resourceType: "AWS::SQS::Queue", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SQS.1"]],
            prowler: "sqs_queues_server_side_encryption_enabled",
            risk: "Messages stored unencrypted are readable by anyone who reaches the storage layer or a copy of it, outside the control of a key policy.",
            remediation: "Turn on server-side encryption with SQS managed keys (SSE-SQS) or, to control access through a key policy, a KMS key (SSE-KMS).",
            remediationCommand: "aws sqs set-queue-attributes --queue-url <queue-url> --attributes SqsManagedSseEnabled=true"),
        evaluate: { ctx in
            ctx.eachRegional(\.sqs.queues) { queue, _ in
                queue.attributes.judged(queue.ref) { a in
                    let evidence: JSONObject = [
                        "queue": .string(queue.name), "kmsMasterKeyId": .optional(a.kmsMasterKeyId),
                        "sqsManagedSseEnabled": a.sqsManagedSSE.map(JSONValue.bool) ?? .null,
                    ]
                    if let key = a.kmsMasterKeyId {
                        return .pass(queue.ref, "Queue \(queue.name) is encrypted with KMS key \(key) (SSE-KMS).", evidence: evidence)
                    }
                    switch a.sqsManagedSSE {
                    case true?: return .pass(queue.ref, "Queue \(queue.name) is encrypted with SQS managed keys (SqsManagedSseEnabled=true).", evidence: evidence)
                    case false?: return .fail(queue.ref, "Queue \(queue.name) is not encrypted at rest (no KmsMasterKeyId, SqsManagedSseEnabled=false).", evidence: evidence)
                    case nil: return .unknown(queue.ref, "get-queue-attributes for \(queue.name) reports neither KmsMasterKeyId nor SqsManagedSseEnabled.")
                    }
                }
            }
        })

    static let customerManagedKey = Check(
        CheckMetadata(
            id: "sqs.queue.kms-encryption",
            title: "SQS queues are encrypted with a KMS key",
            severity: .low, resourceType: "AWS::SQS::Queue", serviceModel: .managed,
            frameworks: [:],
            prowler: nil,
            risk: "With SQS managed keys anyone allowed to read the queue reads its messages; a KMS key adds a key policy and a CloudTrail record of every decryption.",
            remediation: "Encrypt the queue with a KMS key (SSE-KMS), preferably a customer managed key whose policy names the queue's producers and consumers.",
            remediationCommand: "aws sqs set-queue-attributes --queue-url <queue-url> --attributes KmsMasterKeyId=<key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.sqs.queues) { queue, _ in
                queue.attributes.judged(queue.ref) { a in
                    let evidence: JSONObject = ["queue": .string(queue.name), "kmsMasterKeyId": .optional(a.kmsMasterKeyId)]
                    if let key = a.kmsMasterKeyId {
                        return .pass(queue.ref, "Queue \(queue.name) is encrypted with KMS key \(key).", evidence: evidence)
                    }
                    return .fail(queue.ref, "Queue \(queue.name) is not encrypted with a KMS key (no KmsMasterKeyId).", evidence: evidence)
                }
            }
        })

    static let policyNotPublic = Check(
        CheckMetadata(
            id: "sqs.queue.policy-not-public",
            title: "SQS queue policies do not allow public access",
            severity: .critical, resourceType: "AWS::SQS::Queue", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SQS.3"]],
            prowler: "sqs_queues_not_publicly_accessible",
            risk: "A queue policy that allows Principal \"*\" without a restricting condition lets anyone send, read or delete the queue's messages.",
            remediation: "Remove the public statement or pin it with fixed aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID conditions.",
            remediationCommand: "aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://<attributes-with-restricted-policy>.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.sqs.queues) { queue, _ in
                ExternalAccessChecks.judgeNotPublic(queue, subject: "Queue \(queue.name)", evidence: ["name": .string(queue.name)]) { ref in
                    .pass(ref, "Queue \(queue.name) has no resource policy.", evidence: ["name": .string(queue.name), "publicStatements": .strings([])])
                }
            }
        })

    static let tlsRequired = Check(
        CheckMetadata(
            id: "sqs.queue.tls-required",
            title: "SQS queue policies deny requests not sent over TLS",
            severity: .medium, resourceType: "AWS::SQS::Queue", serviceModel: .managed,
            frameworks: [:],
            prowler: nil,
            risk: "SQS accepts HTTP requests unless the queue policy denies them; messages and credentials-signed requests then cross the network in clear text.",
            remediation: "Add a Deny statement for Principal \"*\", Action sqs:*, with Condition Bool aws:SecureTransport false.",
            remediationCommand: "aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://<attributes-with-tls-deny-policy>.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.sqs.queues) { queue, _ in
                queue.attributes.judged(queue.ref) { a in
                    TransportPolicy.judgeTransport(queue.ref, kind: "Queue", name: queue.name, policy: a.policy, action: "sqs:", anyContinuation: true)
                }
            }
        })

    static let deadLetterQueue = Check(
        CheckMetadata(
            id: "sqs.queue.dead-letter-queue",
            title: "SQS queues send messages that keep failing to a dead-letter queue",
            severity: .low, resourceType: "AWS::SQS::Queue", serviceModel: .managed,
            frameworks: [:],
            prowler: nil,
            risk: "Without a redrive policy a message that cannot be processed is retried until it expires and is then lost without a trace.",
            remediation: "Set a RedrivePolicy naming a dead-letter queue and a maxReceiveCount (dead-letter queues themselves are exempt).",
            remediationCommand: "aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://<redrive-policy-attributes>.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.sqs.queues) { queue, region in
                // A queue another queue's RedrivePolicy names is a dead-letter queue: it needs none of its own.
                let targets = Set((region.sqs.queues.value ?? []).compactMap { $0.attributes.value?.redrivePolicy }
                    .compactMap { try? JSONParser.parse($0) }.compactMap { $0["deadLetterTargetArn"]?.stringValue })
                if targets.contains(queue.ref.arn) { return nil }
                return queue.attributes.judged(queue.ref) { a in
                    let evidence: JSONObject = ["queue": .string(queue.name), "redrivePolicy": .optional(a.redrivePolicy)]
                    if a.redrivePolicy != nil {
                        return .pass(queue.ref, "Queue \(queue.name) has a dead-letter queue (RedrivePolicy is set).", evidence: evidence)
                    }
                    return .fail(queue.ref, "Queue \(queue.name) has no dead-letter queue (no RedrivePolicy).", evidence: evidence)
                }
            }
        })
}
