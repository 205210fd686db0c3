/// A piece of evidence that was either read or could not be: the rule behind "no false PASS".
///
/// Every collection and setting in the inventory is `Known`. A check that needs evidence
/// which is `.unknown` reports UNKNOWN with the reason, never PASS. "Not configured" (a
/// bucket with no policy, an account with no password policy) is a known answer and is
/// modelled inside the value, typically as `nil`.
public enum Known<Value: Sendable>: Sendable {
    case known(Value)
    case unknown(reason: String)

    /// The value when it was read.
    public var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }

    /// Why it could not be read, when it could not.
    public var unknownReason: String? {
        if case .unknown(let reason) = self { return reason }
        return nil
    }

    public func map<T>(_ transform: (Value) throws -> T) rethrows -> Known<T> {
        switch self {
        case .known(let value): .known(try transform(value))
        case .unknown(let reason): .unknown(reason: reason)
        }
    }

    /// Combines two pieces of evidence; unknown if either is.
    public func combined<Other>(with other: Known<Other>) -> Known<(Value, Other)> {
        switch (self, other) {
        case (.known(let a), .known(let b)): .known((a, b))
        case (.unknown(let reason), _), (_, .unknown(let reason)): .unknown(reason: reason)
        }
    }
}

extension Known where Value: RangeReplaceableCollection {
    /// The elements when known; empty otherwise. For summaries and counts only, never for verdicts.
    public var elementsOrEmpty: Value { value ?? Value() }
}
