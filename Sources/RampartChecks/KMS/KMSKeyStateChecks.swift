import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// Customer managed KMS keys: not scheduled for deletion, and no key policy open to everyone.
enum KMSKeyStateChecks {
    static let all: [Check] = [notPendingDeletion, policyNotPublic]

    /// Judges every customer managed key; AWS managed keys are AWS's to run.
    static func eachCustomerKey(_ ctx: CheckContext, _ judge: @escaping (KMSKey, KMSKeyMetadata) -> CheckOutcome) -> [CheckOutcome] {
        ctx.eachRegional(\.kms.keys) { key, _ in
            switch key.metadata {
            case .unknown(let reason): return .unknown(key.ref, reason)
            case .known(let metadata): return metadata.keyManager == "AWS" ? nil : judge(key, metadata)
            }
        }
    }

    static let notPendingDeletion = Check(
        CheckMetadata(
            id: "kms.key.not-pending-deletion",
            title: "Customer managed KMS keys are not scheduled for deletion",
            severity: .critical, resourceType: "AWS::KMS::Key", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["KMS.3"]], prowler: "kms_cmk_not_deleted_unintentionally",
            risk: "Once a key is deleted, everything encrypted under it is unreadable for good.",
            remediation: "If the deletion was not intended, cancel it during the waiting period.",
            remediationCommand: "aws kms cancel-key-deletion --key-id <key-id>"),
        evaluate: { ctx in
            eachCustomerKey(ctx) { key, metadata in
                let evidence: JSONObject = ["keyId": .string(key.id), "keyState": .string(metadata.keyState)]
                if metadata.keyState == "PendingDeletion" || metadata.keyState == "PendingReplicaDeletion" {
                    return .fail(key.ref, "Key \(key.id) is scheduled for deletion (KeyState=\(metadata.keyState)).", evidence: evidence)
                }
                return .pass(key.ref, "Key \(key.id) is not scheduled for deletion (KeyState=\(metadata.keyState)).", evidence: evidence)
            }
        })

    static let policyNotPublic = Check(
        CheckMetadata(
            id: "kms.key.policy-not-public",
            title: "KMS key policies do not allow everyone",
            severity: .critical, resourceType: "AWS::KMS::Key", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["KMS.5"]], prowler: "kms_key_not_publicly_accessible",
            risk: "A key policy that allows Principal \"*\" without a restricting condition lets any AWS account use or manage the key.",
            remediation: "Name the accounts and roles in the key policy, or restrict the statement with aws:PrincipalOrgID or kms:CallerAccount.",
            remediationCommand: "aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://<policy>.json"),
        evaluate: { ctx in
            eachCustomerKey(ctx) { key, _ in
                switch key.resourcePolicy {
                case .unknown(let reason): return .unknown(key.ref, reason)
                case .known(let text):
                    // The one external-access analysis (RampartAccess) decides what is public.
                    let open: [ExternalGrant]
                    switch text.map({ ExternalAccessChecks.publicGrants(of: $0, key.ref) }) ?? .known([]) {
                    case .unknown(let reason): return .unknown(key.ref, reason)
                    case .known(let grants): open = grants
                    }
                    let labels = open.flatMap(\.statements).map(ExternalAccessChecks.legacyLabel)
                    let evidence: JSONObject = ["keyId": .string(key.id), "publicStatements": .strings(labels)]
                    if open.isEmpty { return .pass(key.ref, "Key \(key.id)'s policy allows nothing to everyone.", evidence: evidence) }
                    let actions = Set(open.flatMap(\.actions)).sorted().joined(separator: ", ")
                    return .fail(key.ref, "Key \(key.id)'s policy allows \(actions) to everyone (\(labels.joined(separator: ", "))).", evidence: evidence)
                }
            }
        })
}
