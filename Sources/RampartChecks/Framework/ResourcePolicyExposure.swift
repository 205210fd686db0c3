import RampartInventory
import RampartJSON

/// The one place that decides whether a service's resource policy (SQS queue, SNS topic, secret)
/// opens the resource to everyone, and whether it denies plain-HTTP requests. The public verdict
/// uses S3's rule (`BucketPolicy.publicStatements`): an `Allow` to Principal `*`/`AWS:*` (or any
/// `NotPrincipal`) with no condition pinning it to fixed accounts, organisations, sources or
/// networks. The exact external-access analysis (issue 19) will replace `publicStatements` here.
enum ResourcePolicyExposure {
    /// The statements that grant access to everyone.
    static func publicStatements(_ document: PolicyDocument) -> [JSONObject] {
        BucketPolicy.publicStatements(document)
    }

    /// Judges a resource's policy: PASS with no policy or no public statement, FAIL naming the
    /// public statements and their actions.
    static func judgePublic(_ ref: ResourceRef, kind: String, name: String, policy: ResourcePolicyText?) -> CheckOutcome {
        guard let policy, policy.document != .null else {
            return .pass(ref, "\(kind) \(name) has no resource policy.", evidence: ["name": .string(name), "publicStatements": .strings([])])
        }
        let open = publicStatements(policy.document)
        let labels = open.map { BucketPolicy.label($0, in: policy.document) }
        let actions = Set(open.flatMap(BucketPolicy.actionText)).sorted()
        let evidence: JSONObject = ["name": .string(name), "publicStatements": .strings(labels), "actions": .strings(actions)]
        if open.isEmpty { return .pass(ref, "\(kind) \(name)'s policy allows no access to everyone.", evidence: evidence) }
        return .fail(ref, "\(kind) \(name)'s policy allows \(actions.joined(separator: ", ")) to everyone (\(labels.joined(separator: ", "))).",
                     evidence: evidence)
    }

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
