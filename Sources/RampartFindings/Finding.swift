public import RampartInventory
public import RampartJSON

/// A verdict. `UNKNOWN` means the evidence was missing or unreadable; it is never a PASS.
public enum Status: String, Sendable, CaseIterable, Codable {
    case pass = "PASS"
    case fail = "FAIL"
    case unknown = "UNKNOWN"
    /// A person must supply evidence.
    case manual = "MANUAL"
}

/// How much a failure matters, from `critical` down to `informational`.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case critical, high, medium, low, informational

    public var rank: Int {
        switch self {
        case .critical: 4
        case .high: 3
        case .medium: 2
        case .low: 1
        case .informational: 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Who performs a security job under the shared responsibility model.
public enum Owner: String, Sendable, Codable {
    case customer, aws, shared
}

/// The kind of service a resource belongs to: on infrastructure services the customer does
/// all the security configuration; on managed services AWS runs the platform and the customer
/// keeps credentials, identities and data-level settings.
public enum ServiceModel: String, Sendable, Codable {
    case infrastructure, managed
}

/// Who owns the job a finding judges, and on which kind of service: `aws` for resources the
/// customer cannot change (see `ResourceOwnership` in RampartChecks), `customer` otherwise.
public struct Responsibility: Sendable, Hashable {
    public var owner: Owner
    public var serviceModel: ServiceModel

    public init(owner: Owner, serviceModel: ServiceModel) {
        self.owner = owner
        self.serviceModel = serviceModel
    }
}

/// One verdict of one check on one resource: what every output reads.
public struct Finding: Sendable {
    public var checkId: String
    public var title: String
    public var status: Status
    public var severity: Severity
    public var resource: ResourceRef
    public var responsibility: Responsibility
    /// Framework id (`cis-aws-3.0`, `aws-fsbp` ...) to the requirement ids this check evidences.
    public var frameworks: [String: [String]]
    /// Other tools' ids for the same check; `prowler` where one exists.
    public var aliases: [String: String]
    /// One line a person can paste into a ticket.
    public var message: String
    /// Why the check matters, in a sentence.
    public var risk: String
    /// The facts the verdict rests on.
    public var evidence: JSONObject
    /// How to fix it, with the AWS CLI command.
    public var remediation: String
    /// The AWS service the check belongs to (`ec2`, `iam`, `s3` ...).
    public var service: String
    /// Set when a suppression accepted this finding's risk (a `--mutelist` rule, or an inline
    /// `Metadata: rampart: skip` in a template). The status is kept; muted findings are counted
    /// apart and never trip `--fail-on`.
    public var muted: Muted?

    public init(
        checkId: String, title: String, status: Status, severity: Severity, resource: ResourceRef,
        responsibility: Responsibility, frameworks: [String: [String]], aliases: [String: String], message: String,
        risk: String, evidence: JSONObject, remediation: String, service: String
    ) {
        self.risk = risk
        self.checkId = checkId
        self.title = title
        self.status = status
        self.severity = severity
        self.resource = resource
        self.responsibility = responsibility
        self.frameworks = frameworks
        self.aliases = aliases
        self.message = message
        self.evidence = evidence
        self.remediation = remediation
        self.service = service
    }

    /// Stable across scans: the same check on the same resource.
    public var findingId: String { "\(checkId)/\(resource.arn)" }
}

/// Why a finding is muted: the accepted risk's reason, who owns it, until when, and the rule
/// that matched (a mutelist rule's name or position, or `inline:<file>` for a template's own
/// suppression).
public struct Muted: Sendable, Hashable, Codable {
    public var reason: String
    public var owner: String
    /// The last day the acceptance holds, `YYYY-MM-DD`; nil for inline suppressions without one.
    public var expires: String?
    public var rule: String

    public init(reason: String, owner: String, expires: String?, rule: String) {
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.rule = rule
    }
}

/// The framework ids findings may carry (DESIGN.md).
public enum FrameworkID {
    public static let all: Set<String> = [
        "cis-aws-3.0", "cis-aws-5.0", "aws-fsbp", "nist-800-53-r5", "iso-27001-2022", "soc2", "pci-dss-4.0",
    ]
}
