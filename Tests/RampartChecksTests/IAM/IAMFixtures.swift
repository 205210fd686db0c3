import Foundation
import RampartFindings
import Testing

/// IAM answers shaped as the AWS CLI prints them, for the IAM check tests.
enum IAMFixtures {
    static let account = Fixture.account
    static let rootArn = "arn:aws:iam::\(account):root"

    /// A credential-report timestamp `days` before collection, in the report's `+00:00` form.
    static func reportDate(_ days: Int) -> String {
        Date.daysBeforeCollection(days).replacingOccurrences(of: "Z", with: "+00:00")
    }

    static let header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

    /// An access key's columns: active, last rotated (days ago), last used (days ago, nil = never).
    struct Key {
        var active: Bool
        var rotated: Int
        var used: Int?

        func columns() -> String {
            let used = used.map(reportDate) ?? "N/A"
            let region = self.used == nil ? "N/A" : "us-east-1"
            let service = self.used == nil ? "N/A" : "s3"
            return "\(active),\(reportDate(rotated)),\(used),\(region),\(service)"
        }
    }

    static let noKey = "false,N/A,N/A,N/A,N/A"

    /// One IAM user row. `password`: days since last use, nil = never used; `passwordSet`: nil = no password.
    static func userRow(
        _ name: String, created: Int = 400, passwordSet: Int? = nil, passwordUsed: Int? = nil, mfa: Bool = false,
        key1: Key? = nil, key2: Key? = nil
    ) -> String {
        let enabled = passwordSet != nil
        let used = !enabled ? "N/A" : passwordUsed.map(reportDate) ?? "no_information"
        let changed = passwordSet.map(reportDate) ?? "N/A"
        return "\(name),arn:aws:iam::\(account):user/\(name),\(reportDate(created)),\(enabled),\(used),\(changed),N/A,\(mfa),"
            + "\(key1?.columns() ?? noKey),\(key2?.columns() ?? noKey),false,N/A,false,N/A"
    }

    /// The `<root_account>` row as AWS writes it (password columns `not_supported`).
    static func rootRow(passwordUsed: Int? = nil, mfa: Bool = true, key1: Key? = nil, key2: Key? = nil) -> String {
        let used = passwordUsed.map(reportDate) ?? "no_information"
        return "<root_account>,\(rootArn),\(reportDate(2000)),not_supported,\(used),not_supported,not_supported,\(mfa),"
            + "\(key1?.columns() ?? noKey),\(key2?.columns() ?? noKey),false,N/A,false,N/A"
    }

    /// `aws iam get-credential-report` output for these rows.
    static func credentialReport(_ rows: [String]) -> String {
        let csv = ([header] + rows).joined(separator: "\n")
        let content = Data(csv.utf8).base64EncodedString()
        return #"{"Content": "\#(content)", "ReportFormat": "text/csv", "GeneratedTime": "\#(Date.daysBeforeCollection(0))"}"#
    }

    /// `aws iam get-account-summary` output.
    static func accountSummary(mfa: Int = 1, keys: Int = 0, password: Int = 1) -> String {
        #"""
        {"SummaryMap": {"Users": 5, "Groups": 1, "Roles": 3, "Policies": 4, "AccountMFAEnabled": \#(mfa),
                        "AccountAccessKeysPresent": \#(keys), "AccountPasswordPresent": \#(password),
                        "AccountSigningCertificatesPresent": 0, "MFADevices": 2, "MFADevicesInUse": 2}}
        """#
    }

    /// `aws iam list-virtual-mfa-devices` output: root's virtual device when `rootVirtual`, plus one user's.
    static func virtualMFADevices(rootVirtual: Bool) -> String {
        let root = #"""
            {"SerialNumber": "arn:aws:iam::\#(account):mfa/root-account-mfa-device",
             "User": {"Path": "/", "UserId": "\#(account)", "Arn": "\#(rootArn)", "CreateDate": "2020-01-01T00:00:00+00:00"},
             "EnableDate": "2020-01-02T00:00:00+00:00"},
            """#
        return #"""
            {"VirtualMFADevices": [\#(rootVirtual ? root : "")
              {"SerialNumber": "arn:aws:iam::\#(account):mfa/alice",
               "User": {"Path": "/", "UserName": "alice", "UserId": "AIDAALICE", "Arn": "arn:aws:iam::\#(account):user/alice",
                        "CreateDate": "2021-01-01T00:00:00+00:00"},
               "EnableDate": "2021-01-02T00:00:00+00:00"},
              {"SerialNumber": "arn:aws:iam::\#(account):mfa/spare"}
            ]}
            """#
    }

    static func user(_ name: String, groups: [String] = [], attached: [String] = [], inline: [String] = []) -> String {
        let attachedJSON = attached.map { #"{"PolicyName": "\#($0.split(separator: "/").last ?? "")", "PolicyArn": "\#($0)"}"# }
        let inlineJSON = inline.map {
            #"{"PolicyName": "\#($0)", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}}"#
        }
        return #"""
            {"Path": "/", "UserName": "\#(name)", "UserId": "AIDA\#(name.uppercased())", "Arn": "arn:aws:iam::\#(account):user/\#(name)",
             "CreateDate": "2024-01-01T00:00:00+00:00", "GroupList": [\#(groups.map { "\"\($0)\"" }.joined(separator: ", "))],
             "AttachedManagedPolicies": [\#(attachedJSON.joined(separator: ", "))], "UserPolicyList": [\#(inlineJSON.joined(separator: ", "))], "Tags": []}
            """#
    }

    static func role(_ name: String, attached: [String], boundary: String? = nil) -> String {
        let attachedJSON = attached.map { #"{"PolicyName": "\#($0.split(separator: "/").last ?? "")", "PolicyArn": "\#($0)"}"# }
        let boundaryJSON = boundary.map { #""PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "\#($0)"},"# } ?? ""
        return #"""
            {"Path": "/", "RoleName": "\#(name)", "RoleId": "AROA\#(name.uppercased())", "Arn": "arn:aws:iam::\#(account):role/\#(name)",
             "CreateDate": "2024-01-01T00:00:00+00:00", \#(boundaryJSON)
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(account):root"}, "Action": "sts:AssumeRole"}]},
             "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [\#(attachedJSON.joined(separator: ", "))], "Tags": [],
             "RoleLastUsed": {}}
            """#
    }

    /// A managed policy whose default version (v2) holds `document`; v1 is an old, harmless version.
    static func policy(_ name: String, attachments: Int, document: String, aws: Bool = false) -> String {
        let arn = aws ? "arn:aws:iam::aws:policy/\(name)" : "arn:aws:iam::\(account):policy/\(name)"
        return #"""
            {"PolicyName": "\#(name)", "PolicyId": "ANPA\#(name.uppercased())", "Arn": "\#(arn)", "Path": "/", "DefaultVersionId": "v2",
             "AttachmentCount": \#(attachments), "PermissionsBoundaryUsageCount": 0, "IsAttachable": true,
             "CreateDate": "2024-01-01T00:00:00+00:00", "UpdateDate": "2024-02-01T00:00:00+00:00",
             "PolicyVersionList": [
               {"Document": \#(document), "VersionId": "v2", "IsDefaultVersion": true, "CreateDate": "2024-02-01T00:00:00+00:00"},
               {"Document": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}},
                "VersionId": "v1", "IsDefaultVersion": false, "CreateDate": "2024-01-01T00:00:00+00:00"}]}
            """#
    }

    /// `aws iam get-account-authorization-details` output.
    static func authorizationDetails(users: [String], groups: [String] = [], roles: [String] = [], policies: [String] = []) -> String {
        #"""
        {"UserDetailList": [\#(users.joined(separator: ",\n"))],
         "GroupDetailList": [\#(groups.joined(separator: ",\n"))],
         "RoleDetailList": [\#(roles.joined(separator: ",\n"))],
         "Policies": [\#(policies.joined(separator: ",\n"))]}
        """#
    }

    static func group(_ name: String, attached: [String]) -> String {
        let attachedJSON = attached.map { #"{"PolicyName": "\#($0.split(separator: "/").last ?? "")", "PolicyArn": "\#($0)"}"# }
        return #"""
            {"Path": "/", "GroupName": "\#(name)", "GroupId": "AGPA\#(name.uppercased())", "Arn": "arn:aws:iam::\#(account):group/\#(name)",
             "CreateDate": "2024-01-01T00:00:00+00:00", "GroupPolicyList": [], "AttachedManagedPolicies": [\#(attachedJSON.joined(separator: ", "))]}
            """#
    }
}

extension Fixture {
    mutating func iam(_ operation: String, _ json: String) { answer("global", "iam", operation, json) }
    mutating func iamFails(_ operation: String, code: String = "AccessDenied") { fail("global", "iam", operation, code: code) }

    /// The one finding of an account-wide check.
    func accountFinding(_ checkId: String) -> Finding? {
        let findings = run(checkId)
        #expect(findings.count == 1)
        return findings.first
    }
}
