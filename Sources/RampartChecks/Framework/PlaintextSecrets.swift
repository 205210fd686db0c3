import Foundation

/// Recognises credentials written in plain text into configuration (Lambda environment
/// variables, ECS container environments, CodeBuild environment variables) by the variable's
/// name and the value's shape. It reports only names and the rule that matched: a value is
/// never returned, so no finding can carry it.
enum PlaintextSecrets {
    /// Why a variable looks like a secret, without its value.
    struct Hit: Sendable {
        var name: String
        var rule: String
    }

    /// Name fragments that mark a credential (compared on the upper-cased name without separators).
    static let secretNameParts = ["PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "APIKEY", "ACCESSKEY", "PRIVATEKEY",
                                  "CREDENTIAL", "AUTHKEY", "CLIENTSECRET", "CONNECTIONSTRING", "SIGNINGKEY"]
    /// Name endings that make the value a reference to a secret, not the secret itself.
    static let referenceSuffixes = ["ARN", "NAME", "ID", "PATH", "FILE", "PARAM", "PARAMETER", "URI", "REF", "TTL", "EXPIRY", "LENGTH", "HEADER"]

    /// The variables among `pairs` (name, value) that look like plain-text secrets.
    static func hits(_ pairs: [(name: String, value: String)]) -> [Hit] {
        pairs.compactMap { pair in rule(name: pair.name, value: pair.value).map { Hit(name: pair.name, rule: $0) } }
    }

    /// The rule a name/value pair matches, if any.
    static func rule(name: String, value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let shape = valueShape(trimmed) { return shape }
        guard !trimmed.isEmpty, !isReference(trimmed) else { return nil }
        let compact = name.uppercased().filter { $0.isLetter || $0.isNumber }
        guard secretNameParts.contains(where: { compact.contains($0) }) else { return nil }
        if referenceSuffixes.contains(where: { compact.hasSuffix($0) }) && !compact.hasSuffix("KEYID") { return nil }
        // Flags and numbers (`TOKEN_TTL=3600`, `USE_SECRET=true`) are settings, not secrets.
        if trimmed.allSatisfy(\.isNumber) || ["true", "false", "yes", "no", "on", "off", "none", "null"].contains(trimmed.lowercased()) { return nil }
        return "its name marks a credential"
    }

    /// Values that are references resolved elsewhere (Secrets Manager, Parameter Store, KMS).
    static func isReference(_ value: String) -> Bool {
        value.hasPrefix("arn:") || value.hasPrefix("{{resolve:") || value.hasPrefix("ssm:") || value.hasPrefix("secretsmanager:")
            || (value.hasPrefix("${") && value.hasSuffix("}"))
    }

    /// A value whose shape is a known credential format, whatever the variable is called.
    static func valueShape(_ value: String) -> String? {
        let chars = Array(value)
        if chars.count == 20, ["AKIA", "ASIA"].contains(String(chars.prefix(4))),
            chars.dropFirst(4).allSatisfy({ ($0.isUppercase && $0.isASCII) || $0.isNumber })
        {
            return "its value has the shape of an AWS access key id"
        }
        if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") { return "its value is a private key" }
        for prefix in ["ghp_", "gho_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "sk_live_", "rk_live_", "npm_"] where value.hasPrefix(prefix) && value.count > prefix.count + 15 {
            return "its value has the shape of an API token (\(prefix)…)"
        }
        if value.hasPrefix("eyJ"), value.split(separator: ".").count == 3, value.count > 40 { return "its value is a JSON web token" }
        if let scheme = value.range(of: "://"), let at = value[scheme.upperBound...].firstIndex(of: "@"),
            value[scheme.upperBound..<at].contains(":")
        {
            return "its value is a URL with a password in it"
        }
        return nil
    }
}
