import RampartFindings
import RampartInventory
import RampartJSON

/// Who holds AWSCloudShellFullAccess: a shell with sudo, internet access and file upload and
/// download, i.e. a ready data-exfiltration channel (CIS v3.0 1.22, v5.0 1.21). Judged from the
/// managed-policy attachments in the authorization details; other policies granting
/// `cloudshell:*` are the effective-permission analyses' business.
enum CloudShellAccessChecks {
    static let all: [Check] = [fullAccessNotAttached]

    static let fullAccessNotAttached = Check(
        CheckMetadata(
            id: "iam.account.cloudshell-full-access-not-attached",
            title: "No user, group or role has the AWSCloudShellFullAccess managed policy attached",
            severity: .medium, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.22"], "cis-aws-5.0": ["1.21"]],
            prowler: "iam_policy_cloudshell_admin_not_attached",
            risk:
                "CloudShell gives its user a root shell with internet access and file transfer to and from their own machine, "
                + "so anything the principal can read can leave the account without a trace in the data's own logs.",
            remediation:
                "Detach AWSCloudShellFullAccess from every user, group and role; where CloudShell is needed, grant a policy "
                + "that denies cloudshell:GetFileDownloadUrls and cloudshell:GetFileUploadUrls.",
            remediationCommand:
                "aws iam detach-role-policy --role-name <role-name> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess"
                + "  # detach-user-policy / detach-group-policy for users and groups"),
        evaluate: { ctx in
            ctx.perAccount(\.iam.authorizationDetails, resource: ctx.accountRef) { details, ref, account in
                let arn = "arn:\(account.scope.partition):iam::aws:policy/AWSCloudShellFullAccess"
                func holds(_ policies: [PolicyAttachment]) -> Bool { policies.contains { $0.arn == arn } }
                let holders = details.users.filter { holds($0.attachedPolicies) }.map { ("user", $0.name, $0.ref.arn) }
                    + details.groups.filter { holds($0.attachedPolicies) }.map { ("group", $0.name, $0.ref.arn) }
                    + details.roles.filter { holds($0.attachedPolicies) }.map { ("role", $0.name, $0.ref.arn) }
                let evidence: JSONObject = ["policyArn": .string(arn), "attachedTo": .strings(holders.map(\.2))]
                if holders.isEmpty {
                    return .pass(ref, "No user, group or role in account \(account.id) has AWSCloudShellFullAccess attached.", evidence: evidence)
                }
                let names = holders.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
                return .fail(ref, "AWSCloudShellFullAccess is attached to \(names) in account \(account.id).", evidence: evidence)
            }
        })
}
