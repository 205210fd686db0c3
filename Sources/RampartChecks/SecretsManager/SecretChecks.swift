import Foundation
import RampartFindings
import RampartInventory
import RampartJSON

/// Secrets Manager secrets: automatic rotation, rotation age, unused secrets, a policy that does
/// not open the secret to everyone and a customer managed key, from `list-secrets` and
/// `get-resource-policy`. Rampart never reads a secret's value.
enum SecretChecks {
    static let all: [Check] = [rotationEnabled, rotatedRecently, used, policyNotPublic, customerManagedKey]

    /// FSBP's default for SecretsManager.3 and SecretsManager.4.
    static let maximumDays = 90

    /// Secrets scheduled for deletion are left out: they are on their way out.
    static func judged(_ secret: Secret) -> Bool { secret.deleted == nil }

    static let rotationEnabled = Check(
        CheckMetadata(
            id: "secretsmanager.secret.rotation-enabled",
            title: "Secrets Manager secrets have automatic rotation enabled",
            severity: .medium, resourceType: "AWS::SecretsManager::Secret", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SecretsManager.1"]],
            prowler: "secretsmanager_automatic_rotation_enabled",
            risk: "A secret that never changes stays valid for as long as anyone who once saw it, or a leaked copy, keeps it.",
            remediation: "Configure a rotation function and schedule for the secret.",
            remediationCommand: "aws secretsmanager rotate-secret --secret-id <secret> --rotation-lambda-arn <function-arn> --rotation-rules AutomaticallyAfterDays=30"),
        evaluate: { ctx in
            ctx.eachRegional(\.secretsManager.secrets) { secret, _ in
                guard judged(secret) else { return nil }
                let evidence: JSONObject = [
                    "secret": .string(secret.name), "rotationEnabled": .bool(secret.rotationEnabled),
                    "automaticallyAfterDays": .optional(secret.rotationIntervalDays),
                ]
                if secret.rotationEnabled {
                    let every = secret.rotationIntervalDays.map { " every \($0) days" } ?? ""
                    return .pass(secret.ref, "Secret \(secret.name) rotates automatically\(every).", evidence: evidence)
                }
                return .fail(secret.ref, "Secret \(secret.name) does not rotate automatically (RotationEnabled is not true).", evidence: evidence)
            }
        })

    static let rotatedRecently = Check(
        CheckMetadata(
            id: "secretsmanager.secret.rotated-within-90-days",
            title: "Secrets Manager secrets have been rotated within the last 90 days",
            severity: .medium, resourceType: "AWS::SecretsManager::Secret", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SecretsManager.4"]],
            prowler: "secretsmanager_secret_rotated_periodically",
            risk: "A secret unchanged for months has had that long to leak, and a failing rotation goes unnoticed.",
            remediation: "Rotate the secret now and fix its rotation schedule or function so it keeps rotating.",
            remediationCommand: "aws secretsmanager rotate-secret --secret-id <secret>"),
        evaluate: { ctx in
            ctx.eachRegional(\.secretsManager.secrets) { secret, _ in
                guard judged(secret) else { return nil }
                // Never rotated: its age is measured from its creation, as AWS Config does.
                guard let since = secret.lastRotated ?? secret.created else {
                    return .unknown(secret.ref, "list-secrets reports neither LastRotatedDate nor CreatedDate for secret \(secret.name).")
                }
                let days = ctx.daysSince(since)
                let what = secret.lastRotated == nil ? "was created \(days) days ago and has never been rotated" : "was last rotated \(days) days ago"
                let evidence: JSONObject = [
                    "secret": .string(secret.name), "lastRotatedDate": .optional(secret.lastRotated.map(Timestamp.format)),
                    "createdDate": .optional(secret.created.map(Timestamp.format)), "days": .number(Double(days)),
                ]
                if days <= maximumDays { return .pass(secret.ref, "Secret \(secret.name) \(what).", evidence: evidence) }
                return .fail(secret.ref, "Secret \(secret.name) \(what) (more than \(maximumDays)).", evidence: evidence)
            }
        })

    static let used = Check(
        CheckMetadata(
            id: "secretsmanager.secret.used-within-90-days",
            title: "Secrets Manager secrets have been used within the last 90 days",
            severity: .low, resourceType: "AWS::SecretsManager::Secret", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SecretsManager.3"]],
            prowler: "secretsmanager_secret_unused",
            risk: "A secret nobody reads is a credential kept alive for no one: it can still be stolen and used, and it costs money.",
            remediation: "Confirm the secret is no longer needed, then schedule it for deletion (the recovery window lets you undo it).",
            remediationCommand: "aws secretsmanager delete-secret --secret-id <secret> --recovery-window-in-days 30"),
        evaluate: { ctx in
            ctx.eachRegional(\.secretsManager.secrets) { secret, _ in
                guard judged(secret) else { return nil }
                let evidence: JSONObject = [
                    "secret": .string(secret.name), "lastAccessedDate": .optional(secret.lastAccessed.map(Timestamp.format)),
                    "createdDate": .optional(secret.created.map(Timestamp.format)),
                ]
                if let accessed = secret.lastAccessed {
                    let days = ctx.daysSince(accessed)
                    if days <= maximumDays { return .pass(secret.ref, "Secret \(secret.name) was last read \(days) days ago.", evidence: evidence) }
                    return .fail(secret.ref, "Secret \(secret.name) was last read \(days) days ago (more than \(maximumDays)).", evidence: evidence)
                }
                // No LastAccessedDate: never read. A secret younger than the window has not had the chance.
                guard let created = secret.created else {
                    return .unknown(secret.ref, "list-secrets reports neither LastAccessedDate nor CreatedDate for secret \(secret.name).")
                }
                let age = ctx.daysSince(created)
                if age <= maximumDays {
                    return .pass(secret.ref, "Secret \(secret.name) has not been read yet and was created \(age) days ago.", evidence: evidence)
                }
                return .fail(secret.ref, "Secret \(secret.name) has never been read in the \(age) days since it was created.", evidence: evidence)
            }
        })

    static let policyNotPublic = Check(
        CheckMetadata(
            id: "secretsmanager.secret.policy-not-public",
            title: "Secrets Manager secret policies do not allow public access",
            severity: .critical, resourceType: "AWS::SecretsManager::Secret", serviceModel: .managed,
            frameworks: [:],
            prowler: "secretsmanager_not_publicly_accessible",
            risk: "A secret policy that allows Principal \"*\" without a restricting condition lets any AWS account read the secret if its key allows it.",
            remediation: "Remove the public statement or pin it with fixed aws:PrincipalOrgID or aws:PrincipalAccount conditions; validate with BlockPublicPolicy.",
            remediationCommand: "aws secretsmanager put-resource-policy --secret-id <secret> --resource-policy file://<restricted-policy>.json --block-public-policy"),
        evaluate: { ctx in
            ctx.eachRegional(\.secretsManager.secrets) { secret, _ in
                guard judged(secret) else { return nil }
                return ExternalAccessChecks.judgeNotPublic(secret, subject: "Secret \(secret.name)", evidence: ["name": .string(secret.name)]) { ref in
                    .pass(ref, "Secret \(secret.name) has no resource policy.", evidence: ["name": .string(secret.name), "publicStatements": .strings([])])
                }
            }
        })

    static let customerManagedKey = Check(
        CheckMetadata(
            id: "secretsmanager.secret.customer-managed-key",
            title: "Secrets Manager secrets are encrypted with a customer managed KMS key",
            severity: .low, resourceType: "AWS::SecretsManager::Secret", serviceModel: .managed,
            frameworks: [:],
            prowler: nil,
            risk: "With the AWS managed key aws/secretsmanager every principal of the account allowed GetSecretValue can decrypt; a secret cannot be shared with another account.",
            remediation: "Re-encrypt the secret under a customer managed key whose policy names who may decrypt it.",
            remediationCommand: "aws secretsmanager update-secret --secret-id <secret> --kms-key-id <key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.secretsManager.secrets) { secret, _ in
                guard judged(secret) else { return nil }
                let awsManaged = secret.kmsKeyId == nil || secret.kmsKeyId == "alias/aws/secretsmanager"
                let evidence: JSONObject = ["secret": .string(secret.name), "kmsKeyId": .optional(secret.kmsKeyId)]
                if awsManaged {
                    return .fail(secret.ref, "Secret \(secret.name) is encrypted with the AWS managed key aws/secretsmanager.", evidence: evidence)
                }
                return .pass(secret.ref, "Secret \(secret.name) is encrypted with KMS key \(secret.kmsKeyId ?? "").", evidence: evidence)
            }
        })
}
