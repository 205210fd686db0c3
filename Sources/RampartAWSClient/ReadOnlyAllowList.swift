/// The only operations Rampart may send: read calls, by AWS CLI service and operation name.
/// The client checks every request against it at the one place requests are sent, so no code
/// path can modify an account.
public struct ReadOnlyAllowList: Sendable {
    public let operations: Set<String>

    /// `service operation` pairs in the AWS CLI's names.
    public init(_ pairs: [(service: String, operation: String)]) {
        operations = Set(pairs.map { "\($0.service) \($0.operation)" })
    }

    public func allows(service: String, operation: String) -> Bool {
        operations.contains("\(service) \(operation)") && Self.isReadName(operation)
    }

    /// Read operations are named `describe-*`, `list-*`, `get-*`, `batch-get-*` (CodeBuild's only
    /// way to read a project), or `generate-credential-report` (which only asks IAM to prepare a
    /// report). Anything else is refused even if listed.
    public static func isReadName(_ operation: String) -> Bool {
        operation.hasPrefix("describe-") || operation.hasPrefix("list-") || operation.hasPrefix("get-")
            || operation.hasPrefix("batch-get-") || operation == "generate-credential-report"
    }
}

/// A request the allow-list refused.
public struct OperationNotAllowed: Error, Sendable, CustomStringConvertible {
    public let service: String
    public let operation: String
    public var description: String { "\(service) \(operation) is not on Rampart's read-only allow-list; not sent" }
}
