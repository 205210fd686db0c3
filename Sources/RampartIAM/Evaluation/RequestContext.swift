/// The principal making a request.
///
/// Encodes IAM User Guide, "AWS JSON policy elements: Principal" — the principal kinds a
/// resource policy can name, and how a role session relates to its role.
public struct RequestPrincipal: Sendable, Hashable {
    /// What kind of principal this is.
    public enum Kind: String, Sendable, Hashable {
        case root, user, role, assumedRole, federatedUser, webIdentity, saml, service, anonymous
    }

    /// The principal's ARN (the session ARN for role sessions; the service name for services).
    public var arn: String
    public var kind: Kind
    /// The account the principal belongs to (nil for services and anonymous callers).
    public var accountId: String?
    /// For an assumed-role session, the role's ARN (with its path); derived from the session ARN when not given.
    public var roleArn: String?
    /// For web identity and SAML sessions, the identity provider (`cognito-identity.amazonaws.com`, a SAML provider ARN).
    public var federatedProvider: String?
    /// For S3 canonical user principals.
    public var canonicalUserId: String?

    public init(arn: String, kind: Kind, accountId: String?, roleArn: String? = nil, federatedProvider: String? = nil,
        canonicalUserId: String? = nil)
    {
        self.arn = arn
        self.kind = kind
        self.accountId = accountId
        self.roleArn = roleArn
        self.federatedProvider = federatedProvider
        self.canonicalUserId = canonicalUserId
    }

    /// Infers kind and account from an IAM or STS ARN (`arn:aws:iam::1111:user/alice`,
    /// `arn:aws:sts::1111:assumed-role/Admin/session`, `arn:aws:iam::1111:root`, ...).
    public init(arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        var kind = Kind.anonymous
        var account: String?
        var roleArn: String?
        if parts.count == 6 {
            account = parts[4].isEmpty ? nil : String(parts[4])
            let resource = parts[5]
            if resource == "root" {
                kind = .root
            } else if resource.hasPrefix("user/") {
                kind = .user
            } else if resource.hasPrefix("role/") {
                kind = .role
            } else if resource.hasPrefix("assumed-role/") {
                kind = .assumedRole
                let name = resource.dropFirst("assumed-role/".count).split(separator: "/").first ?? ""
                roleArn = "arn:\(parts[1]):iam::\(parts[4]):role/\(name)"
            } else if resource.hasPrefix("federated-user/") {
                kind = .federatedUser
            }
        } else if arn.hasSuffix(".amazonaws.com") {
            kind = .service
        }
        self.init(arn: arn, kind: kind, accountId: account, roleArn: roleArn)
    }

    /// An anonymous (unsigned) caller.
    public static let anonymous = RequestPrincipal(arn: "*", kind: .anonymous, accountId: nil)

    /// The role ARN without its path, as it appears in an assumed-role session ARN.
    var roleArnWithoutPath: String? {
        guard let roleArn else { return nil }
        let parts = roleArn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, let name = parts[5].split(separator: "/").last else { return roleArn }
        return parts[0..<5].joined(separator: ":") + ":role/" + name
    }
}

/// A context key's value: one value or a set of values (multivalued keys such as
/// `aws:TagKeys` or `aws:CalledVia`).
public enum ContextValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case single(String)
    case multiple([String])

    public init(stringLiteral value: String) { self = .single(value) }
    public init(arrayLiteral elements: String...) { self = .multiple(elements) }

    var values: [String] {
        switch self {
        case .single(let v): [v]
        case .multiple(let vs): vs
        }
    }
}

/// One request to authorize: who, what action, on which resource, and the request context.
///
/// Context keys are case-insensitive ("IAM JSON policy elements: Condition" — "condition key
/// names are not case-sensitive"). When not given, `aws:PrincipalArn`, `aws:PrincipalAccount`,
/// `aws:ResourceAccount` and (for IAM users) `aws:username` are filled from the principal and
/// resource, as AWS includes them in every request.
public struct RequestContext: Sendable {
    public var principal: RequestPrincipal
    /// The action, `service:Name`.
    public var action: String { didSet { lowercasedAction = action.lowercased() } }
    /// `action` lowercased once, for case-insensitive action matching.
    private(set) var lowercasedAction: String
    /// The resource ARN (`*` for actions without a resource).
    public var resource: String
    /// The account that owns the resource; nil means the principal's account.
    public var resourceAccount: String?
    /// Context keys by lowercased name.
    private(set) var keys: [String: [String]]

    public init(principal: RequestPrincipal, action: String, resource: String, resourceAccount: String? = nil,
        context: [String: ContextValue] = [:])
    {
        self.principal = principal
        self.action = action
        lowercasedAction = action.lowercased()
        self.resource = resource
        self.resourceAccount = resourceAccount
        var keys: [String: [String]] = [:]
        for (k, v) in context { keys[k.lowercased()] = v.values }
        if principal.kind != .anonymous, principal.kind != .service {
            if keys["aws:principalarn"] == nil { keys["aws:principalarn"] = [principal.kind == .assumedRole ? (principal.roleArn ?? principal.arn) : principal.arn] }
            if let a = principal.accountId, keys["aws:principalaccount"] == nil { keys["aws:principalaccount"] = [a] }
        }
        if principal.kind == .user, keys["aws:username"] == nil, let name = principal.arn.split(separator: "/").last {
            keys["aws:username"] = [String(name)]
        }
        if let a = resourceAccount ?? principal.accountId, keys["aws:resourceaccount"] == nil { keys["aws:resourceaccount"] = [a] }
        self.keys = keys
    }

    /// Sets a context key (case-insensitive).
    public mutating func set(_ key: String, _ value: ContextValue) { keys[key.lowercased()] = value.values }

    /// Removes a context key.
    public mutating func remove(_ key: String) { keys[key.lowercased()] = nil }

    /// The values of a key, nil when absent.
    public func values(for key: String) -> [String]? { keys[key.lowercased()] }

    /// The values of an already lowercased key.
    func values(forLowercased key: String) -> [String]? { keys[key] }

    /// The account owning the resource.
    public var effectiveResourceAccount: String? { resourceAccount ?? principal.accountId }

    /// A single value for a policy variable ("Variables": multivalued keys do not substitute).
    func variable(_ lowercasedKey: String) -> String? {
        guard let v = keys[lowercasedKey], v.count == 1 else { return nil }
        return v[0]
    }
}
