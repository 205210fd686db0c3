import Foundation

/// A value that must never be printed: secrets, session tokens, authorization tokens, the
/// environment (which holds them) and credential_process commands. Every way Swift turns a
/// value into text (`description`, `debugDescription`, `dump`, string interpolation) shows
/// `<redacted>`, so a type that stores its secrets in `Sensitive` cannot leak them by being
/// logged or put in an error.
struct Sensitive<Value: Sendable>: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: Value

    init(_ value: Value) { self.value = value }

    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }
    var customMirror: Mirror { Mirror(self, children: [:], displayStyle: nil) }
}

extension String {
    /// The text with every occurrence of each secret replaced by `<redacted>` (empty and very
    /// short strings are left alone so that nothing but secrets is replaced).
    func redacting(_ secrets: [String?]) -> String {
        var text = self
        for case let secret? in secrets where secret.count >= 4 {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return text
    }
}
