import RampartInventory
import RampartJSON

/// The one rule, for now, by which a resource policy (an ECR repository policy, an EFS file
/// system policy, an OpenSearch access policy) makes its resource public: a statement that allows
/// every principal with no condition pinning it to fixed accounts, networks or sources (S3's
/// reading, `BucketPolicy.publicStatements`). The exact external-access analysis will replace it.
enum ResourcePolicyRules {
    /// What a policy text says about public access.
    enum Reading {
        /// The statements (their labels) that allow everyone, and the actions they allow.
        case read(publicStatements: [String], actions: [String])
        /// The text is not a JSON policy document.
        case unreadable(String)
    }

    /// Reads a policy document's text.
    static func read(_ text: String) -> Reading {
        guard let document = try? JSONParser.parse(text), document.objectValue != nil else {
            return .unreadable("the policy text is not a JSON object")
        }
        let open = BucketPolicy.publicStatements(document)
        return .read(
            publicStatements: open.map { BucketPolicy.label($0, in: document) },
            actions: Set(open.flatMap(BucketPolicy.actionText)).sorted())
    }

    /// Judges a resource's policy: FAIL when it allows everyone, PASS when it does not; no policy
    /// is judged by `noPolicy` (each service documents its own default).
    static func judgePublic(
        _ ref: ResourceRef, name: String, policy: Known<String?>, noPolicy: (ResourceRef) -> CheckOutcome
    ) -> CheckOutcome {
        switch policy {
        case .unknown(let reason): return .unknown(ref, reason)
        case .known(nil): return noPolicy(ref)
        case .known(let text?):
            switch read(text) {
            case .unreadable(let why): return .unknown(ref, "\(name)'s policy could not be read: \(why).")
            case .read(let statements, let actions):
                let evidence: JSONObject = ["resource": .string(name), "publicStatements": .strings(statements), "actions": .strings(actions)]
                if statements.isEmpty { return .pass(ref, "\(name)'s policy allows no access to everyone.", evidence: evidence) }
                return .fail(ref, "\(name)'s policy allows \(actions.joined(separator: ", ")) to everyone (\(statements.joined(separator: ", "))).",
                             evidence: evidence)
            }
        }
    }

    /// True when the policy denies every request not sent over TLS: a `Deny` statement on
    /// `aws:SecureTransport` `false` (Bool operator) for every principal.
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

/// Judges a setting AWS may leave out of its answer: nil is UNKNOWN, naming the call and member.
func judgeSetting(
    _ ref: ResourceRef, _ value: Bool?, member: String, call: String, name: String,
    evidence: JSONObject, pass: String, fail: String
) -> CheckOutcome {
    guard let value else { return .unknown(ref, "\(call) gave no \(member) for \(name).") }
    return value ? .pass(ref, pass, evidence: evidence) : .fail(ref, fail, evidence: evidence)
}
