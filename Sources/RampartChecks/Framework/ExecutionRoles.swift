import RampartIAM
import RampartInventory
import RampartJSON

/// Judges the IAM role a service runs code with (a Lambda function's execution role, an ECS
/// task role, a CodeBuild service role ...) with the account's identity analysis: a role that
/// holds administrator power makes every flaw of the code an account takeover.
enum ExecutionRoles {
    /// FAIL when `roleArn` holds administrator power, PASS when the analysis shows it does not,
    /// UNKNOWN when the role is in another account, absent from the authorization details, or
    /// its policies could not be read. `what` names the resource in the message.
    static func judge(_ ctx: CheckContext, account: String, ref: ResourceRef, roleArn: String?, what: String) -> CheckOutcome {
        guard let roleArn, !roleArn.isEmpty else {
            return .pass(ref, "\(what) runs with no IAM role.", evidence: ["role": .null])
        }
        guard let inventory = ctx.inventory.accounts.first(where: { $0.id == account }) else {
            return .unknown(ref, "\(what) runs as \(roleArn); account \(account)'s IAM was not read.")
        }
        switch ctx.shared.identity(of: inventory, organization: ctx.inventory.organization) {
        case .unknown(let reason):
            return .unknown(ref, "\(what) runs as \(roleArn); its permissions are unknown: \(reason)")
        case .known(let analysis):
            guard let principal = analysis.account.principals.first(where: { $0.arn == roleArn }) else {
                return .unknown(ref, "\(what) runs as \(roleArn), which is not among account \(account)'s roles (another account's, or deleted).")
            }
            if let why = analysis.unreadablePolicies(of: principal) {
                return .unknown(ref, "\(what) runs as \(roleArn): \(why)")
            }
            let evidence: JSONObject = ["role": .string(roleArn)]
            if let finding = analysis.escalations[roleArn], finding.isAdmin {
                if let why = analysis.unreadableOrganizationPolicies(of: principal) {
                    return .unknown(ref, "\(what) runs as \(roleArn), which holds administrator power unless an organization policy denies it: \(why).")
                }
                let grants = finding.adminStatements.map { "\($0.policyName)#\($0.sid ?? String($0.statementIndex))" }
                return .fail(ref, "\(what) runs as \(roleArn), which holds administrator power (granted by \(grants.joined(separator: ", "))).",
                             evidence: ["role": .string(roleArn), "grantedBy": .strings(grants)])
            }
            return .pass(ref, "\(what) runs as \(roleArn), which does not hold administrator power.", evidence: evidence)
        }
    }
}
