import RampartIAM

/// Small builders shared by the evaluation tests.
enum Fixture {
    static let account = "111122223333"
    static let otherAccount = "444455556666"
    static let alice = RequestPrincipal(arn: "arn:aws:iam::111122223333:user/alice")
    static let bob = RequestPrincipal(arn: "arn:aws:iam::444455556666:user/bob")
    static let adminSession = RequestPrincipal(
        arn: "arn:aws:sts::111122223333:assumed-role/Admin/alice-session", kind: .assumedRole, accountId: "111122223333",
        roleArn: "arn:aws:iam::111122223333:role/ops/Admin")

    static func policy(_ text: String) -> PolicyDocument {
        do { return try PolicyDocument(text: text) } catch { fatalError("fixture policy does not parse: \(error)") }
    }

    static func named(_ name: String, _ text: String) -> NamedPolicy { NamedPolicy(name, policy(text)) }

    /// A 2012-10-17 policy with the given statements (JSON objects, comma separated).
    static func doc(_ statements: String) -> String { #"{"Version":"2012-10-17","Statement":[\#(statements)]}"# }

    static func allow(_ action: String = "s3:GetObject", _ resource: String = "*", condition: String? = nil) -> String {
        statement("Allow", action, resource, condition)
    }

    static func statement(_ effect: String, _ action: String, _ resource: String, _ condition: String?) -> String {
        var s = #"{"Effect":"\#(effect)","Action":"\#(action)","Resource":"\#(resource)""#
        if let condition { s += #","Condition":\#(condition)"# }
        return s + "}"
    }

    static func deny(_ action: String = "s3:GetObject", _ resource: String = "*", condition: String? = nil) -> String {
        statement("Deny", action, resource, condition)
    }

    static func request(_ principal: RequestPrincipal = alice, action: String = "s3:GetObject",
        resource: String = "arn:aws:s3:::bucket/key", resourceAccount: String? = nil, context: [String: ContextValue] = [:])
        -> RequestContext
    {
        RequestContext(principal: principal, action: action, resource: resource, resourceAccount: resourceAccount, context: context)
    }

    static func decide(_ request: RequestContext, identity: [String] = [], resource: String? = nil,
        kind: ResourcePolicyKind = .standard, boundary: String? = nil, session: [String]? = nil, scps: [[String]] = [],
        rcps: [[String]] = [], managementAccount: Bool = false) -> Decision
    {
        evaluate(request, identity: identity, resource: resource, kind: kind, boundary: boundary, session: session, scps: scps,
            rcps: rcps, managementAccount: managementAccount).decision
    }

    static func evaluate(_ request: RequestContext, identity: [String] = [], resource: String? = nil,
        kind: ResourcePolicyKind = .standard, boundary: String? = nil, session: [String]? = nil, scps: [[String]] = [],
        rcps: [[String]] = [], managementAccount: Bool = false) -> EvaluationResult
    {
        let set = PolicySet(
            identityPolicies: identity.enumerated().map { named("identity\($0.offset)", $0.element) },
            resourcePolicy: resource.map { named("resource", $0) }, resourcePolicyKind: kind,
            permissionsBoundary: boundary.map { named("boundary", $0) },
            sessionPolicies: session.map { $0.enumerated().map { named("session\($0.offset)", $0.element) } },
            serviceControlPolicies: scps.enumerated().map { level in level.element.map { named("scp\(level.offset)", $0) } },
            resourceControlPolicies: rcps.enumerated().map { level in level.element.map { named("rcp\(level.offset)", $0) } },
            principalInManagementAccount: managementAccount, resourceInManagementAccount: managementAccount)
        return PolicyEvaluator.evaluate(request, policies: set)
    }
}
