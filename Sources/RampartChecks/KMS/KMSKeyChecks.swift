import RampartFindings
import RampartInventory
import RampartJSON

/// KMS keys: automatic rotation of customer managed symmetric encryption keys.
enum KMSKeyChecks {
    static let all: [Check] = [rotationEnabled]

    /// Key states in which rotation is configured and matters; keys pending deletion or import,
    /// or unavailable, are left out.
    static let judgedStates: Set<String> = ["Enabled", "Disabled"]

    static let rotationEnabled = Check(
        CheckMetadata(
            id: "kms.key.rotation-enabled",
            title: "Customer managed symmetric KMS keys rotate automatically",
            severity: .medium, resourceType: "AWS::KMS::Key", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["3.6"], "cis-aws-5.0": ["3.6"], "aws-fsbp": ["KMS.4"]],
            prowler: "kms_cmk_rotation_enabled",
            risk: "Key material that never changes protects ever more data, so a single exposure of it reaches everything ever encrypted under the key.",
            remediation: "Enable automatic rotation (yearly by default; a period between 90 and 2560 days can be set).",
            remediationCommand: "aws kms enable-key-rotation --key-id <key-id>"),
        evaluate: { ctx in
            ctx.eachRegional(\.kms.keys) { key, _ in
                guard case .known(let meta) = key.metadata else { return .unknown(key.ref, key.metadata.unknownReason ?? "describe-key could not be read") }
                guard meta.keyManager == "CUSTOMER", judgedStates.contains(meta.keyState) else { return nil }
                guard let spec = meta.keySpec else { return .unknown(key.ref, "describe-key for \(key.id) does not report a KeySpec.") }
                guard spec == "SYMMETRIC_DEFAULT" else { return nil }
                if let origin = meta.origin, origin != "AWS_KMS" {
                    return .manual(key.ref, "Key \(key.id) has Origin=\(origin): AWS KMS cannot rotate it automatically; rotate it by hand on a schedule and record the evidence.")
                }
                switch key.rotationEnabled {
                case .unknown(let reason):
                    return .unknown(key.ref, reason)
                case .known(let enabled):
                    let evidence: JSONObject = [
                        "keyId": .string(key.id), "keyRotationEnabled": .bool(enabled), "keyState": .string(meta.keyState),
                        "description": .optional(meta.description),
                    ]
                    if enabled { return .pass(key.ref, "Key \(key.id) rotates automatically (KeyRotationEnabled=true).", evidence: evidence) }
                    return .fail(key.ref, "Key \(key.id) does not rotate automatically (KeyRotationEnabled=false).", evidence: evidence)
                }
            }
        })
}
