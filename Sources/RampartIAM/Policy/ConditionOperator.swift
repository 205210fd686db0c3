/// A condition operator as written in a policy: an optional set qualifier (`ForAnyValue:` /
/// `ForAllValues:`), the base operator, and the optional `IfExists` suffix.
///
/// Encodes IAM User Guide, "IAM JSON policy elements: Condition operators" and "Single-valued vs.
/// multivalued context keys". Operator names are matched case-insensitively.
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    /// The set operators for multivalued context keys.
    public enum SetQualifier: String, Sendable, Hashable {
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    /// Every documented base operator.
    public enum Base: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnNotEquals = "ArnNotEquals"
        case arnLike = "ArnLike"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        /// The negated operators: true when the context value matches none of the policy values,
        /// and true when the key is absent ("Condition operators": "If the key that you specify in
        /// a policy condition is not present ... the condition is true" for negated operators).
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
                .notIpAddress, .arnNotEquals, .arnNotLike:
                true
            default: false
            }
        }

        /// The positive operator a negated one negates (itself when not negated).
        public var positive: Base {
            switch self {
            case .stringNotEquals: .stringEquals
            case .stringNotEqualsIgnoreCase: .stringEqualsIgnoreCase
            case .stringNotLike: .stringLike
            case .numericNotEquals: .numericEquals
            case .dateNotEquals: .dateEquals
            case .notIpAddress: .ipAddress
            case .arnNotEquals: .arnEquals
            case .arnNotLike: .arnLike
            default: self
            }
        }

        static let byLowercasedName: [String: Base] = Dictionary(
            uniqueKeysWithValues: Base.allCases.map { ($0.rawValue.lowercased(), $0) })
    }

    public let qualifier: SetQualifier?
    public let base: Base
    public let ifExists: Bool

    public init(qualifier: SetQualifier? = nil, base: Base, ifExists: Bool = false) {
        self.qualifier = qualifier
        self.base = base
        self.ifExists = ifExists
    }

    /// Parses an operator name such as `ForAllValues:StringLikeIfExists`; nil when unknown.
    public init?(_ name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        if let colon = rest.firstIndex(of: ":") {
            switch rest[..<colon].lowercased() {
            case "foranyvalue": qualifier = .forAnyValue
            case "forallvalues": qualifier = .forAllValues
            default: return nil
            }
            rest = rest[rest.index(after: colon)...]
        }
        var lower = rest.lowercased()
        var ifExists = false
        if lower.hasSuffix("ifexists") {
            ifExists = true
            lower.removeLast("ifexists".count)
        }
        guard let base = Base.byLowercasedName[lower] else { return nil }
        if base == .null && (ifExists || qualifier != nil) { return nil }
        self.init(qualifier: qualifier, base: base, ifExists: ifExists)
    }

    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }
}
