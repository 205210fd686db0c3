public import RampartInventory

/// Who is trusted: the resource's own account, or (with `--zone organization`) every account of
/// the organization. Access from outside the zone is external access.
public struct AccessZone: Sendable, Hashable {
    /// The two zones `rampart access --zone` accepts.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case account, organization
    }

    public var kind: Kind
    /// The organization's id (`o-...`), when known; with `.organization` and no id, only the
    /// listed accounts are trusted and the organization itself is not.
    public var organizationId: String?
    /// The organization's member accounts, when known (the accounts of the inventory at least).
    public var organizationAccounts: Set<String>

    public init(kind: Kind, organizationId: String? = nil, organizationAccounts: Set<String> = []) {
        self.kind = kind
        self.organizationId = organizationId
        self.organizationAccounts = organizationAccounts
    }

    /// The account zone: only the resource's own account is trusted.
    public static let account = AccessZone(kind: .account)

    /// Whether `account` is trusted for a resource owned by `owner`.
    public func trusts(account: String, owner: String) -> Bool {
        if account == owner { return true }
        return kind == .organization && organizationAccounts.contains(account)
    }

    /// Whether the organization `id` is trusted.
    public func trusts(organization id: String) -> Bool {
        kind == .organization && organizationId != nil && organizationId == id
    }
}

/// How far outside the zone a resource reaches.
public enum AccessLevelKind: String, Sendable, Hashable, Comparable {
    /// Anyone: any account, or anonymous callers, with no condition that confines the caller.
    case `public`
    /// Named accounts, organizations, identity providers, or anyone confined by a condition the
    /// caller cannot choose (a VPC endpoint, source IP ranges, a source ARN ...).
    case crossAccount = "cross-account"

    public static func < (a: AccessLevelKind, b: AccessLevelKind) -> Bool { a == .public && b != .public }
}

/// A request the exact evaluator (`PolicyEvaluator`) allows: the proof of an external access.
public struct AccessWitness: Sendable, Hashable {
    /// The caller's ARN, `*` for anyone (anonymous), or an identity provider for federated callers.
    public var principal: String
    public var action: String
    /// The resource ARN the request names.
    public var resource: String
    /// The request context keys the request carries (beyond those filled from the principal).
    public var context: [String: [String]]

    public init(principal: String, action: String, resource: String, context: [String: [String]] = [:]) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.context = context
    }
}

/// One way in from outside the zone: who, what, under which conditions, granted by which statements.
public struct ExternalGrant: Sendable, Hashable {
    public var access: AccessLevelKind
    /// Principals as the policy names them (`*`, account ids, ARNs, `organization o-...`, identity providers).
    public var principals: [String]
    /// The actions granted, as the statement writes them (`NotAction` entries start with `NotAction `).
    public var actions: [String]
    /// The statement's conditions, one line each: `StringEquals aws:SourceVpce ["vpce-1"]`.
    public var conditions: [String]
    /// A request the evaluator allows; nil for grants that are not policies (ACLs, sharing attributes).
    public var witness: AccessWitness?
    /// The granting statements: `Statement[0] (Sid "Public")`, `ACL AllUsers READ`, `createVolumePermission all`.
    public var statements: [String]
}

/// The result for one resource: external access, none, or unknown (with the reason).
public enum AccessOutcome: Sendable {
    case external([ExternalGrant])
    case none
    case unknown(reason: String)
}

/// One resource's external access, aggregated the way `rampart access` prints it.
public struct ResourceAccess: Sendable {
    public var ref: ResourceRef
    public var outcome: AccessOutcome

    public init(ref: ResourceRef, outcome: AccessOutcome) {
        self.ref = ref
        self.outcome = outcome
    }

    /// The grants, empty when none or unknown.
    public var grants: [ExternalGrant] {
        if case .external(let g) = outcome { return g }
        return []
    }

    /// `public` when any grant is public, else `cross-account`; nil without external access.
    public var access: AccessLevelKind? { grants.map(\.access).min() }

    /// Why it could not be decided, when it could not.
    public var unknownReason: String? {
        if case .unknown(let reason) = outcome { return reason }
        return nil
    }
}
