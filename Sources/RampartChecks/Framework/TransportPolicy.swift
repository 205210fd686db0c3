import RampartInventory
import RampartJSON

/// Whether a resource policy refuses requests not sent over TLS (a `Deny` for every caller on
/// `aws:SecureTransport` `false`): the SQS, SNS and EFS "TLS required" checks. Who a policy lets
/// in is decided elsewhere, by the one external-access analysis (`ExternalAccessChecks`).
enum TransportPolicy {
    /// True when some statement denies `action` (with `anyContinuation`, every action starting with
    /// it: `sqs:`) to every caller whenever the request is not sent over TLS, with no other
    /// condition narrowing it.
    static func deniesInsecureTransport(_ document: PolicyDocument, action prefix: String, anyContinuation: Bool) -> Bool {
        BucketPolicy.statements(document).contains { statement in
            guard statement["Effect"]?.stringValue == "Deny", BucketPolicy.isEveryone(statement["Principal"]) else { return false }
            let actions = BucketPolicy.strings(statement["Action"]).map { $0.lowercased() }
            guard actions.contains(where: { BucketPolicy.glob($0, covers: prefix, anyContinuation: anyContinuation) }) else { return false }
            let conditions = BucketPolicy.conditions(statement)
            guard conditions.count == 1, let condition = conditions.first else { return false }
            return (condition.op == "Bool" || condition.op == "BoolIfExists") && condition.key == "aws:securetransport"
                && condition.values.map { $0.lowercased() } == ["false"]
        }
    }

    /// Judges whether a resource's policy requires TLS.
    static func judgeTransport(_ ref: ResourceRef, kind: String, name: String, policy: ResourcePolicyText?, action: String, anyContinuation: Bool) -> CheckOutcome {
        let denies = policy.map { deniesInsecureTransport($0.document, action: action, anyContinuation: anyContinuation) } ?? false
        let evidence: JSONObject = ["name": .string(name), "hasPolicy": .bool(policy != nil), "deniesInsecureTransport": .bool(denies)]
        if denies { return .pass(ref, "\(kind) \(name)'s policy denies requests not sent over TLS (aws:SecureTransport=false).", evidence: evidence) }
        let why = policy == nil ? "has no resource policy" : "has no policy statement denying \(anyContinuation ? action + "*" : action) when aws:SecureTransport is false"
        return .fail(ref, "\(kind) \(name) \(why), so it accepts requests over plain HTTP.", evidence: evidence)
    }

    /// True when the policy text denies every request not sent over TLS: a `Deny` statement on
    /// `aws:SecureTransport` `false` (Bool operator) for every principal; nil when the text is not
    /// a JSON object.
    static func deniesInsecureTransport(_ text: String) -> Bool? {
        guard let document = try? JSONParser.parse(text), document.objectValue != nil else { return nil }
        return BucketPolicy.statements(document).contains { statement in
            guard statement["Effect"]?.stringValue == "Deny", BucketPolicy.isEveryone(statement["Principal"]) else { return false }
            return BucketPolicy.conditions(statement).contains { c in
                c.op == "Bool" && c.key == "aws:securetransport" && c.values == ["false"]
            }
        }
    }
}

extension Known {
    /// Judges known evidence; unknown evidence gives UNKNOWN for `ref` with its reason.
    func judged(_ ref: ResourceRef, _ verdict: (Value) -> CheckOutcome?) -> CheckOutcome? {
        switch self {
        case .unknown(let reason): .unknown(ref, reason)
        case .known(let value): verdict(value)
        }
    }
}

/// Judges a setting AWS may leave out of its answer: nil is UNKNOWN, naming the call and member.
func judgeSetting(
    _ ref: ResourceRef, _ value: Bool?, member: String, call: String, name: String,
    evidence: JSONObject, pass: String, fail: String
) -> CheckOutcome {
    guard let value else { return .unknown(ref, "\(call) gave no \(member) for \(name).") }
    return value ? .pass(ref, pass, evidence: evidence) : .fail(ref, fail, evidence: evidence)
}
