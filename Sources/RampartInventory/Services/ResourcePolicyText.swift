public import RampartJSON
import Foundation

/// A resource-based policy that a service returns as JSON text inside an attribute or member
/// (an SQS queue's or SNS topic's `Policy` attribute, a secret's `ResourcePolicy`): the text as
/// returned, for the external access analysis, and the parsed document, for checks.
public struct ResourcePolicyText: Sendable {
    /// The policy's JSON text as the service returned it.
    public var text: String
    /// The parsed policy document.
    public var document: PolicyDocument

    /// Parses `text`; a text that is not JSON is unreadable evidence, never an empty policy.
    static func parse(_ text: String, at path: String) throws(JSONShapeError) -> ResourcePolicyText {
        do {
            return ResourcePolicyText(text: text, document: try JSONParser.parse(text))
        } catch {
            throw JSONShapeError(path: path, message: "policy document is not JSON: \(error)")
        }
    }
}

extension JSONNode {
    /// A policy held as JSON text in a string member; nil when the member is absent or empty
    /// (the resource has no policy).
    func policyText(_ key: String) throws(JSONShapeError) -> ResourcePolicyText? {
        guard let node = try optional(key) else { return nil }
        let text = try node.string()
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try ResourcePolicyText.parse(text, at: node.path.description)
    }
}
