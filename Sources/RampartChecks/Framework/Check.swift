public import RampartFindings
public import RampartInventory
public import RampartJSON

/// What a check is, apart from how it decides: the data Prowler keeps beside each check.
public struct CheckMetadata: Sendable {
    /// `<service>.<resource>.<what>`, e.g. `ec2.security-group.ingress-open-admin-ports`.
    public var id: String
    public var title: String
    public var severity: Severity
    /// The CloudFormation type of the resources it judges.
    public var resourceType: String
    public var serviceModel: ServiceModel
    /// Framework id to requirement ids.
    public var frameworks: [String: [String]]
    /// The Prowler check id for the same control, where one exists.
    public var prowler: String?
    /// Why it matters, in a sentence.
    public var risk: String
    /// How to fix it, in words.
    public var remediation: String
    /// The AWS CLI command that fixes it (placeholders in angle brackets).
    public var remediationCommand: String

    public init(
        id: String, title: String, severity: Severity, resourceType: String, serviceModel: ServiceModel,
        frameworks: [String: [String]], prowler: String?, risk: String, remediation: String, remediationCommand: String
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.resourceType = resourceType
        self.serviceModel = serviceModel
        self.frameworks = frameworks
        self.prowler = prowler
        self.risk = risk
        self.remediation = remediation
        self.remediationCommand = remediationCommand
    }

    /// The service part of the id (`ec2`, `iam`, `s3` ...).
    public var service: String { String(id.prefix(while: { $0 != "." })) }
}

/// One verdict on one resource, before the check's metadata is attached.
public struct CheckOutcome: Sendable {
    public var resource: ResourceRef
    public var status: Status
    public var message: String
    public var evidence: JSONObject

    public static func pass(_ resource: ResourceRef, _ message: String, evidence: JSONObject = JSONObject()) -> CheckOutcome {
        CheckOutcome(resource: resource, status: .pass, message: message, evidence: evidence)
    }

    public static func fail(_ resource: ResourceRef, _ message: String, evidence: JSONObject = JSONObject()) -> CheckOutcome {
        CheckOutcome(resource: resource, status: .fail, message: message, evidence: evidence)
    }

    public static func unknown(_ resource: ResourceRef, _ reason: String) -> CheckOutcome {
        CheckOutcome(resource: resource, status: .unknown, message: reason, evidence: JSONObject())
    }

    public static func manual(_ resource: ResourceRef, _ message: String) -> CheckOutcome {
        CheckOutcome(resource: resource, status: .manual, message: message, evidence: JSONObject())
    }
}

/// A check: metadata plus one pure function of the inventory. It never calls AWS and never
/// knows where the inventory came from.
public struct Check: Sendable {
    public let metadata: CheckMetadata
    private let evaluate: @Sendable (CheckContext) -> [CheckOutcome]

    public init(_ metadata: CheckMetadata, evaluate: @escaping @Sendable (CheckContext) -> [CheckOutcome]) {
        self.metadata = metadata
        self.evaluate = evaluate
    }

    /// The check's verdicts on `inventory`, as findings; `shared` holds analyses computed once
    /// per scan (a new set when the check runs alone).
    public func run(_ inventory: Inventory, shared: SharedAnalyses = SharedAnalyses()) -> [Finding] {
        let m = metadata
        let responsibility = Responsibility(owner: .customer, serviceModel: m.serviceModel)
        let aliases = m.prowler.map { ["prowler": $0] } ?? [:]
        let remediation = "\(m.remediation) Command: \(m.remediationCommand)"
        return evaluate(CheckContext(inventory: inventory, metadata: m, shared: shared)).map { outcome in
            Finding(
                checkId: m.id, title: m.title, status: outcome.status, severity: m.severity, resource: outcome.resource,
                responsibility: responsibility, frameworks: m.frameworks, aliases: aliases, message: outcome.message,
                risk: m.risk, evidence: outcome.evidence, remediation: remediation, service: m.service)
        }
    }
}
