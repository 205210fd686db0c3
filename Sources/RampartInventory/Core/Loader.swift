public import RampartJSON
import struct Foundation.Date

/// A problem a source hit while reading evidence; listed in the scan summary so nobody
/// mistakes a scan that could not read a service for a clean one.
public struct SourceProblem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// AWS answered with an error (AccessDenied, throttling, an unsupported region ...).
        case failed
        /// The output exists but is not JSON or not the shape the AWS CLI prints.
        case unreadable
        /// The call was not made.
        case notCollected
        /// A file the source holds that no part of Rampart reads (a typo, or a call it does not use).
        case ignored
    }

    public var call: AWSCall
    public var kind: Kind
    public var message: String

    public init(call: AWSCall, kind: Kind, message: String) {
        self.call = call
        self.kind = kind
        self.message = message
    }
}

/// AWS errors that answer "not configured" rather than report a failure, per call (DESIGN.md,
/// "Snapshot directory"): a bucket with no policy, an account with no password policy.
public enum NotConfiguredAnswers {
    static let codes: [String: Set<String>] = [
        "s3api get-bucket-policy": ["NoSuchBucketPolicy"],
        "s3api get-public-access-block": ["NoSuchPublicAccessBlockConfiguration"],
        "s3control get-public-access-block": ["NoSuchPublicAccessBlockConfiguration"],
        "s3api get-bucket-encryption": ["ServerSideEncryptionConfigurationNotFoundError"],
        "s3api get-bucket-replication": ["ReplicationConfigurationNotFoundError"],
        "s3api get-bucket-tagging": ["NoSuchTagSet", "NoSuchTagSetError"],
        "iam get-account-password-policy": ["NoSuchEntity"],
        // Security Hub not enabled in the region: "Account ... is not subscribed to AWS Security Hub".
        "securityhub describe-hub": ["InvalidAccessException"],
        "ecr get-repository-policy": ["RepositoryPolicyNotFoundException"],
        "ecr get-lifecycle-policy": ["LifecyclePolicyNotFoundException"],
        "efs describe-backup-policy": ["PolicyNotFound"],
        "efs describe-file-system-policy": ["PolicyNotFound"],
        // A function without a resource-based policy.
        "lambda get-policy": ["ResourceNotFoundException"],
        // A web ACL without logging.
        "wafv2 get-logging-configuration": ["WAFNonexistentItemException"],
    ]

    /// Whether `code` from `service operation` (AWS CLI names) means "not configured".
    public static func isAnswer(_ code: String, service: String, operation: String) -> Bool {
        codes["\(service) \(operation)"]?.contains(code) ?? false
    }
}

/// Reads call results into `Known` values, recording every problem on the way.
struct Loader {
    let source: any CallResults
    var problems: [SourceProblem] = []

    init(source: any CallResults) {
        self.source = source
    }

    /// Loads a call that AWS answers with an error when the setting is not configured
    /// (`NotConfiguredAnswers`); that answer gives `nil`.
    mutating func loadOptional<T>(_ call: AWSCall, _ decode: (JSONNode) throws(JSONShapeError) -> T) -> Known<T?> {
        switch source.result(of: call) {
        case .failed(let code, _) where NotConfiguredAnswers.isAnswer(code, service: call.service, operation: call.operation):
            return .known(nil)
        case let other:
            return interpret(call, other, decode).map { Optional($0) }
        }
    }

    /// Loads a call that has no "not configured" answer.
    mutating func load<T>(_ call: AWSCall, _ decode: (JSONNode) throws(JSONShapeError) -> T) -> Known<T> {
        interpret(call, source.result(of: call), decode)
    }

    private mutating func interpret<T>(
        _ call: AWSCall, _ result: CallResult, _ decode: (JSONNode) throws(JSONShapeError) -> T
    ) -> Known<T> {
        switch result {
        case .answer(let value):
            do {
                return .known(try decode(JSONNode(value)))
            } catch {
                let place = source.location(of: call).map { "\($0): " } ?? ""
                let message = "\(place)not the shape the AWS CLI prints: \(error)"
                problems.append(SourceProblem(call: call, kind: .unreadable, message: message))
                return .unknown(reason: "\(call) is unreadable: \(message)")
            }
        case .failed(let code, let message):
            problems.append(SourceProblem(call: call, kind: .failed, message: "\(code): \(message)"))
            return .unknown(reason: "\(call) failed: \(code)")
        case .unreadable(let message):
            problems.append(SourceProblem(call: call, kind: .unreadable, message: message))
            return .unknown(reason: "\(call) is unreadable: \(message)")
        case .notCollected:
            problems.append(SourceProblem(call: call, kind: .notCollected, message: "not collected"))
            return .unknown(reason: "\(call) was not collected")
        }
    }
}

extension JSONNode {
    /// AWS's `Tags: [{Key, Value}]` list (any capitalisation of the member names AWS uses).
    func tagList(_ member: String = "Tags") throws(JSONShapeError) -> Tags {
        var tags: Tags = [:]
        for tag in try array(member) {
            let upperKey = try tag.string("Key")
            let lowerKey = try tag.string("key")
            guard let key = upperKey ?? lowerKey else { continue }
            let upperValue = try tag.string("Value")
            let lowerValue = try tag.string("value")
            tags[key] = upperValue ?? lowerValue ?? ""
        }
        return tags
    }
}

extension JSONNode {
    /// A timestamp member as the AWS CLI prints it: an ISO 8601 string (CLI v2, and v1 for XML
    /// services) or epoch seconds (CLI v1 prints JSON-protocol services' timestamps as sent).
    /// nil when absent or not a time.
    func timestamp(_ key: String) throws(JSONShapeError) -> Date? {
        guard let node = try optional(key) else { return nil }
        switch node.value {
        case .string(let text): return Timestamp.parse(text)
        case .number(let seconds): return Date(timeIntervalSince1970: seconds)
        default: throw JSONShapeError(path: node.path.description, message: "expected a timestamp, found \(node.value.typeName)")
        }
    }
}

extension Tags {
    /// The `Name` tag when set and not blank.
    public var nameTag: String? {
        guard let name = self["Name"], !name.isEmpty else { return nil }
        return name
    }
}
