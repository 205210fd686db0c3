public import RampartJSON
public import struct Foundation.Date
import struct Foundation.Data

/// A policy document as written (IAM's JSON grammar); the IAM engine parses it further.
public typealias PolicyDocument = JSONValue

/// A managed policy attached to a user, group or role.
public struct PolicyAttachment: Sendable, Hashable {
    public var name: String
    public var arn: String
}

/// An inline policy embedded in a user, group or role.
public struct InlinePolicy: Sendable {
    public var name: String
    public var document: PolicyDocument
}

public struct IAMUser: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var name: String
    public var id: String
    public var path: String
    public var createDate: Date?
    public var groupNames: [String]
    public var attachedPolicies: [PolicyAttachment]
    public var inlinePolicies: [InlinePolicy]
    public var permissionsBoundaryArn: String?
}

public struct IAMGroup: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var id: String
    public var path: String
    public var attachedPolicies: [PolicyAttachment]
    public var inlinePolicies: [InlinePolicy]
}

public struct IAMRole: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var name: String
    public var id: String
    public var path: String
    public var createDate: Date?
    public var assumeRolePolicy: PolicyDocument?
    public var attachedPolicies: [PolicyAttachment]
    public var inlinePolicies: [InlinePolicy]
    public var permissionsBoundaryArn: String?
    public var instanceProfileArns: [String]
    public var lastUsed: Date?

    /// Service-linked roles are created and managed by AWS services; the customer cannot change them.
    public var isServiceLinked: Bool { path.hasPrefix("/aws-service-role/") }
}

public struct PolicyVersion: Sendable {
    public var versionId: String
    public var isDefault: Bool
    public var document: PolicyDocument
}

public struct ManagedPolicy: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var id: String
    public var path: String
    public var defaultVersionId: String?
    public var attachmentCount: Int
    public var isAttachable: Bool
    public var versions: [PolicyVersion]

    /// AWS managed policies live under `arn:aws:iam::aws:policy/`; the customer cannot edit them.
    public var isAWSManaged: Bool { ref.arn.contains(":iam::aws:policy/") }

    /// The document of the default version, the one that is in force.
    public var defaultDocument: PolicyDocument? {
        versions.first(where: \.isDefault)?.document ?? versions.first(where: { $0.versionId == defaultVersionId })?.document
    }
}

/// What `aws iam get-account-authorization-details` returns: every identity and managed policy.
public struct AuthorizationDetails: Sendable {
    public var users: [IAMUser]
    public var groups: [IAMGroup]
    public var roles: [IAMRole]
    public var policies: [ManagedPolicy]
}

/// One row of the IAM credential report. Dates are nil where the report says `N/A`,
/// `no_information` or `not_supported`.
public struct CredentialReportRow: Sendable {
    public var user: String
    public var arn: String
    public var userCreationTime: Date?
    /// nil for the root user, whose password the report lists as `not_supported`.
    public var passwordEnabled: Bool?
    public var passwordLastUsed: Date?
    public var passwordLastChanged: Date?
    public var mfaActive: Bool
    public var accessKey1Active: Bool
    public var accessKey1LastRotated: Date?
    public var accessKey1LastUsed: Date?
    public var accessKey2Active: Bool
    public var accessKey2LastRotated: Date?
    public var accessKey2LastUsed: Date?

    public var isRoot: Bool { user == "<root_account>" }
    public var activeAccessKeyCount: Int { (accessKey1Active ? 1 : 0) + (accessKey2Active ? 1 : 0) }
}

/// The account password policy (`get-account-password-policy`); nil in `IAMInventory` when none is set.
public struct PasswordPolicy: Sendable {
    public var minimumPasswordLength: Int?
    public var requireSymbols: Bool
    public var requireNumbers: Bool
    public var requireUppercaseCharacters: Bool
    public var requireLowercaseCharacters: Bool
    public var allowUsersToChangePassword: Bool
    public var expirePasswords: Bool
    public var maxPasswordAge: Int?
    public var passwordReusePrevention: Int?
    public var hardExpiry: Bool
}

public struct VirtualMFADevice: Sendable {
    public var serialNumber: String
    /// The ARN of the user it is enabled for; root's is `arn:aws:iam::ACCOUNT:root`.
    public var userArn: String?
    public var enableDate: Date?
}

/// Account-wide identity data.
public struct IAMInventory: Sendable {
    public var authorizationDetails: Known<AuthorizationDetails>
    public var credentialReport: Known<[CredentialReportRow]>
    public var passwordPolicy: Known<PasswordPolicy?>
    /// `SummaryMap` of `get-account-summary` (e.g. `AccountMFAEnabled`, `AccountAccessKeysPresent`).
    public var accountSummary: Known<[String: Int]>
    public var virtualMFADevices: Known<[VirtualMFADevice]>
    /// SSL/TLS server certificates stored in IAM (`list-server-certificates`).
    public var serverCertificates: Known<[ServerCertificate]> = .unknown(reason: "iam list-server-certificates was not read")
}

/// An SSL/TLS server certificate stored in IAM, for load balancers and CloudFront in regions ACM does not serve.
public struct ServerCertificate: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var id: String?
    /// When the certificate stops being valid; nil when `list-server-certificates` gave none.
    public var expiration: Date?
    public var uploadDate: Date?
}

// MARK: - Reading the AWS CLI's output

/// Decoding failures inside a credential report, which is CSV inside base64 inside JSON.
struct CredentialReportError: Error {
    let message: String
}

extension IAMInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> IAMInventory {
        func call(_ operation: String) -> AWSCall {
            AWSCall(account: scope.account, region: "global", service: "iam", operation: operation)
        }
        let details = loader.load(call("get-account-authorization-details")) { (root) throws(JSONShapeError) in
            try AuthorizationDetails(cli: root, scope: scope)
        }
        let report = loader.load(call("get-credential-report")) { (root) throws(JSONShapeError) in
            let content = try root.required("Content")
            guard let data = Data(base64Encoded: try content.string(), options: .ignoreUnknownCharacters),
                let text = String(data: data, encoding: .utf8)
            else {
                throw JSONShapeError(path: content.path.description, message: "Content is not base64-encoded UTF-8 text")
            }
            do throws(CredentialReportError) {
                return try CredentialReportRow.parse(csv: text)
            } catch {
                throw JSONShapeError(path: content.path.description, message: "credential report CSV: \(error.message)")
            }
        }
        let passwordPolicy = loader.loadOptional(call("get-account-password-policy")) {
            (root) throws(JSONShapeError) in
            let p = try root.required("PasswordPolicy")
            return PasswordPolicy(
                minimumPasswordLength: try p.int("MinimumPasswordLength"),
                requireSymbols: try p.bool("RequireSymbols") ?? false,
                requireNumbers: try p.bool("RequireNumbers") ?? false,
                requireUppercaseCharacters: try p.bool("RequireUppercaseCharacters") ?? false,
                requireLowercaseCharacters: try p.bool("RequireLowercaseCharacters") ?? false,
                allowUsersToChangePassword: try p.bool("AllowUsersToChangePassword") ?? false,
                expirePasswords: try p.bool("ExpirePasswords") ?? false,
                maxPasswordAge: try p.int("MaxPasswordAge"),
                passwordReusePrevention: try p.int("PasswordReusePrevention"),
                hardExpiry: try p.bool("HardExpiry") ?? false)
        }
        let summary = loader.load(call("get-account-summary")) { (root) throws(JSONShapeError) in
            var map: [String: Int] = [:]
            for (key, value) in try root.required("SummaryMap").members() { map[key] = try value.int() }
            return map
        }
        let mfa = loader.load(call("list-virtual-mfa-devices")) { (root) throws(JSONShapeError) in
            try root.map("VirtualMFADevices") { (d) throws(JSONShapeError) in
                VirtualMFADevice(
                    serialNumber: try d.requiredString("SerialNumber"), userArn: try d.optional("User")?.string("Arn"),
                    enableDate: try d.timestamp("EnableDate"))
            }
        }
        let certificates = loader.load(call("list-server-certificates")) { (root) throws(JSONShapeError) in
            // A required member: an answer without it is not one the AWS CLI prints, so it is unknown, not "none stored".
            try root.required("ServerCertificateMetadataList").array().map { (c) throws(JSONShapeError) in
                let name = try c.requiredString("ServerCertificateName")
                let path = try c.string("Path") ?? "/"
                let arn = try c.string("Arn") ?? scope.arn("iam", "server-certificate\(path)\(name)", regional: false)
                return ServerCertificate(
                    ref: ResourceRef(
                        arn: arn,
                        type: "AWS::IAM::ServerCertificate", account: scope.account, region: "global", name: name),
                    name: name, id: try c.string("ServerCertificateId"), expiration: try c.timestamp("Expiration"),
                    uploadDate: try c.timestamp("UploadDate"))
            }
        }
        return IAMInventory(
            authorizationDetails: details, credentialReport: report, passwordPolicy: passwordPolicy,
            accountSummary: summary, virtualMFADevices: mfa, serverCertificates: certificates)
    }
}

extension JSONNode {
    /// A policy document as the AWS CLI prints it (a JSON object); tolerates the URL-encoded
    /// string form the raw API returns.
    func policyDocument(_ key: String) throws(JSONShapeError) -> PolicyDocument? {
        guard let node = try optional(key) else { return nil }
        switch node.value {
        case .object: return node.value
        case .string(let text):
            // get-bucket-policy and get-key-policy print the JSON text; IAM's raw API URL-encodes it.
            // Decode only when the text is not JSON as it stands, so "%2F" inside a policy stays as written.
            if let parsed = try? JSONParser.parse(text) { return parsed }
            do {
                return try JSONParser.parse(text.removingPercentEncoding ?? text)
            } catch {
                throw JSONShapeError(path: node.path.description, message: "policy document is not JSON: \(error)")
            }
        default:
            throw JSONShapeError(path: node.path.description, message: "expected a policy document, found \(node.value.typeName)")
        }
    }

    fileprivate func attachments() throws(JSONShapeError) -> [PolicyAttachment] {
        try map("AttachedManagedPolicies") { (p) throws(JSONShapeError) in
            PolicyAttachment(name: try p.string("PolicyName") ?? "", arn: try p.requiredString("PolicyArn"))
        }
    }

    fileprivate func inlinePolicies(_ key: String) throws(JSONShapeError) -> [InlinePolicy] {
        try map(key) { (p) throws(JSONShapeError) in
            InlinePolicy(name: try p.string("PolicyName") ?? "", document: try p.policyDocument("PolicyDocument") ?? .null)
        }
    }
}

import Foundation

extension AuthorizationDetails {
    /// Reads the output of `aws iam get-account-authorization-details` (all pages merged, as the
    /// AWS CLI prints it). The account is taken from the first user, group or role ARN when not
    /// given; shape errors name the JSON path.
    public init(awsCLIOutput value: JSONValue, account: String? = nil) throws(JSONShapeError) {
        let root = JSONNode(value)
        var owner = account
        if owner == nil {
            for list in ["UserDetailList", "GroupDetailList", "RoleDetailList"] {
                guard let first = try root.optional(list)?.array().first, let arn = try first.string("Arn") else { continue }
                let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                if parts.count == 6, !parts[4].isEmpty { owner = String(parts[4]) }
                break
            }
        }
        try self.init(cli: root, scope: Scope(account: owner ?? "000000000000", region: "global"))
    }

    init(cli root: JSONNode, scope: Scope) throws(JSONShapeError) {
        func ref(_ arn: String, _ type: String, _ name: String) -> ResourceRef {
            ResourceRef(arn: arn, type: type, account: scope.account, region: "global", name: name)
        }
        users = try root.map("UserDetailList") { (u) throws(JSONShapeError) in
            let name = try u.requiredString("UserName")
            return IAMUser(
                ref: ref(try u.requiredString("Arn"), "AWS::IAM::User", name), tags: try u.tagList(), name: name,
                id: try u.string("UserId") ?? "", path: try u.string("Path") ?? "/",
                createDate: try u.timestamp("CreateDate"),
                groupNames: try u.strings("GroupList"), attachedPolicies: try u.attachments(),
                inlinePolicies: try u.inlinePolicies("UserPolicyList"),
                permissionsBoundaryArn: try u.optional("PermissionsBoundary")?.string("PermissionsBoundaryArn"))
        }
        groups = try root.map("GroupDetailList") { (g) throws(JSONShapeError) in
            let name = try g.requiredString("GroupName")
            return IAMGroup(
                ref: ref(try g.requiredString("Arn"), "AWS::IAM::Group", name), name: name,
                id: try g.string("GroupId") ?? "", path: try g.string("Path") ?? "/",
                attachedPolicies: try g.attachments(), inlinePolicies: try g.inlinePolicies("GroupPolicyList"))
        }
        roles = try root.map("RoleDetailList") { (r) throws(JSONShapeError) in
            let name = try r.requiredString("RoleName")
            return IAMRole(
                ref: ref(try r.requiredString("Arn"), "AWS::IAM::Role", name), tags: try r.tagList(), name: name,
                id: try r.string("RoleId") ?? "", path: try r.string("Path") ?? "/",
                createDate: try r.timestamp("CreateDate"),
                assumeRolePolicy: try r.policyDocument("AssumeRolePolicyDocument"),
                attachedPolicies: try r.attachments(), inlinePolicies: try r.inlinePolicies("RolePolicyList"),
                permissionsBoundaryArn: try r.optional("PermissionsBoundary")?.string("PermissionsBoundaryArn"),
                instanceProfileArns: try r.map("InstanceProfileList") { (p) throws(JSONShapeError) in try p.string("Arn") ?? "" },
                lastUsed: try r.optional("RoleLastUsed")?.timestamp("LastUsedDate"))
        }
        policies = try root.map("Policies") { (p) throws(JSONShapeError) in
            let arn = try p.requiredString("Arn")
            // moto omits PolicyName; the ARN's last segment is the name.
            let name = try p.string("PolicyName") ?? String(arn.split(separator: "/").last ?? Substring(arn))
            return ManagedPolicy(
                ref: ref(arn, "AWS::IAM::ManagedPolicy", name), name: name, id: try p.string("PolicyId") ?? "",
                path: try p.string("Path") ?? "/", defaultVersionId: try p.string("DefaultVersionId"),
                attachmentCount: try p.int("AttachmentCount") ?? 0, isAttachable: try p.bool("IsAttachable") ?? true,
                versions: try p.map("PolicyVersionList") { (v) throws(JSONShapeError) in
                    PolicyVersion(
                        versionId: try v.string("VersionId") ?? "", isDefault: try v.bool("IsDefaultVersion") ?? false,
                        document: try v.policyDocument("Document") ?? .null)
                })
        }
    }
}

extension CredentialReportRow {
    /// Parses the report's CSV (RFC 4180 with a header row; the columns AWS documents).
    static func parse(csv: String) throws(CredentialReportError) -> [CredentialReportRow] {
        let records = try csvRecords(csv)
        guard let header = records.first else { return [] }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() { index[name] = i }
        for required in ["user", "arn", "mfa_active", "access_key_1_active", "access_key_2_active"] where index[required] == nil {
            throw CredentialReportError(message: "the header has no \"\(required)\" column")
        }
        let lines = records.dropFirst()
        var rows: [CredentialReportRow] = []
        for (lineNumber, fields) in lines.enumerated() {
            guard fields.count == header.count else {
                throw CredentialReportError(message: "row \(lineNumber + 2) has \(fields.count) fields, the header \(header.count)")
            }
            func field(_ name: String) -> String { index[name].map { fields[$0] } ?? "" }
            func date(_ name: String) -> Date? { Timestamp.parse(field(name)) }
            func flag(_ name: String) -> Bool { field(name).lowercased() == "true" }
            let password = field("password_enabled").lowercased()
            rows.append(CredentialReportRow(
                user: field("user"), arn: field("arn"), userCreationTime: date("user_creation_time"),
                passwordEnabled: password == "true" ? true : password == "false" ? false : nil,
                passwordLastUsed: date("password_last_used"), passwordLastChanged: date("password_last_changed"),
                mfaActive: flag("mfa_active"),
                accessKey1Active: flag("access_key_1_active"), accessKey1LastRotated: date("access_key_1_last_rotated"),
                accessKey1LastUsed: date("access_key_1_last_used_date"),
                accessKey2Active: flag("access_key_2_active"), accessKey2LastRotated: date("access_key_2_last_rotated"),
                accessKey2LastUsed: date("access_key_2_last_used_date")))
        }
        return rows
    }


    /// Splits RFC 4180 CSV into records: fields may be quoted, and quoted fields may hold commas,
    /// doubled quotes and line breaks (IAM user names and paths may contain commas).
    static func csvRecords(_ text: String) throws(CredentialReportError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true; pending = following }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\n", "\r":
                if c == "\r", let following = next(), following != "\n" { pending = following }
                record.append(field); field = ""; afterQuote = false
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            default:
                if afterQuote { throw CredentialReportError(message: "text after a closing quote in record \(records.count + 1)") }
                field.unicodeScalars.append(c)
            }
        }
        if quoted { throw CredentialReportError(message: "an unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
