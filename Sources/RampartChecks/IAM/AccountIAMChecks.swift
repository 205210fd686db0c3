import RampartFindings
import RampartInventory
import RampartJSON

/// Account-wide IAM settings: the password policy (no policy set fails: IAM's default asks
/// for 8 characters and prevents no reuse), a principal holding AWS Support access, no expired
/// server certificate left in IAM, and an IAM Access Analyzer in every region.
enum AccountIAMChecks {
    static let all: [Check] = [passwordMinimumLength, passwordReusePrevention, supportRole, noExpiredServerCertificates, accessAnalyzerEnabled]

    static let minimumLength = 14
    static let reuseRemembered = 24

    /// `update-account-password-policy` resets every setting it is not given, hence the warning.
    static let policyCommandNote = "  # pass your other current settings too: unspecified ones revert to their defaults"

    static let passwordMinimumLength = Check(
        CheckMetadata(
            id: "iam.password-policy.minimum-length-14",
            title: "The IAM password policy requires at least 14 characters",
            severity: .medium, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.8"], "cis-aws-5.0": ["1.7"]],
            prowler: "iam_password_policy_minimum_length_14",
            risk: "Short passwords fall to guessing and offline cracking far sooner.",
            remediation: "Set the account password policy's minimum length to 14 or more.",
            remediationCommand: "aws iam update-account-password-policy --minimum-password-length 14" + policyCommandNote),
        evaluate: { ctx in
            ctx.perAccount(\.iam.passwordPolicy, resource: ctx.accountRef) { policy, ref, account in
                guard let policy else {
                    return .fail(ref, "Account \(account.id) has no IAM password policy (the default requires 8 characters).",
                                 evidence: ["passwordPolicy": .null])
                }
                guard let length = policy.minimumPasswordLength else {
                    return .unknown(ref, "Account \(account.id)'s password policy does not state MinimumPasswordLength.")
                }
                let evidence: JSONObject = ["MinimumPasswordLength": .number(Double(length))]
                if length >= minimumLength {
                    return .pass(ref, "Account \(account.id)'s password policy requires \(length) characters.", evidence: evidence)
                }
                return .fail(ref, "Account \(account.id)'s password policy requires only \(length) characters (\(minimumLength) needed).",
                             evidence: evidence)
            }
        })

    static let passwordReusePrevention = Check(
        CheckMetadata(
            id: "iam.password-policy.reuse-prevention-24",
            title: "The IAM password policy prevents reuse of the last 24 passwords",
            severity: .low, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.9"], "cis-aws-5.0": ["1.8"]],
            prowler: "iam_password_policy_reuse_24",
            risk: "Users cycling back to an old password bring back passwords that may already have leaked.",
            remediation: "Set the account password policy to remember 24 passwords.",
            remediationCommand: "aws iam update-account-password-policy --password-reuse-prevention 24" + policyCommandNote),
        evaluate: { ctx in
            ctx.perAccount(\.iam.passwordPolicy, resource: ctx.accountRef) { policy, ref, account in
                guard let policy else {
                    return .fail(ref, "Account \(account.id) has no IAM password policy, so password reuse is not prevented.",
                                 evidence: ["passwordPolicy": .null])
                }
                guard let remembered = policy.passwordReusePrevention else {
                    return .fail(ref, "Account \(account.id)'s password policy does not prevent password reuse (PasswordReusePrevention not set).",
                                 evidence: ["PasswordReusePrevention": .null])
                }
                let evidence: JSONObject = ["PasswordReusePrevention": .number(Double(remembered))]
                if remembered >= reuseRemembered {
                    return .pass(ref, "Account \(account.id)'s password policy prevents reuse of the last \(remembered) passwords.", evidence: evidence)
                }
                return .fail(ref, "Account \(account.id)'s password policy prevents reuse of only the last \(remembered) passwords (\(reuseRemembered) needed).",
                             evidence: evidence)
            }
        })

    static let supportRole = Check(
        CheckMetadata(
            id: "iam.account.support-role",
            title: "Someone in the account holds AWS Support access (AWSSupportAccess is attached)",
            severity: .low, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.17"], "cis-aws-5.0": ["1.16"]],
            prowler: "iam_support_role_created",
            risk: "Without a designated, least-privileged way to open and manage support cases, incidents wait or get handled with the root user or an administrator.",
            remediation: "Create a role for the people who handle incidents with AWS Support and attach the AWSSupportAccess managed policy to it.",
            remediationCommand: "aws iam attach-role-policy --role-name <support-role-name> --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess"),
        evaluate: { ctx in
            ctx.perAccount(\.iam.authorizationDetails, resource: ctx.accountRef) { details, ref, account in
                let arn = "arn:\(account.scope.partition):iam::aws:policy/AWSSupportAccess"
                func holds(_ policies: [PolicyAttachment]) -> Bool { policies.contains { $0.arn == arn } }
                let holders = details.roles.filter { holds($0.attachedPolicies) }.map(\.ref.arn)
                    + details.groups.filter { holds($0.attachedPolicies) }.map(\.ref.arn)
                    + details.users.filter { holds($0.attachedPolicies) }.map(\.ref.arn)
                let evidence: JSONObject = ["policyArn": .string(arn), "attachedTo": .strings(holders)]
                if holders.isEmpty {
                    return .fail(ref, "No user, group or role in account \(account.id) has AWSSupportAccess attached.", evidence: evidence)
                }
                let names = holders.map { String($0.split(separator: "/").last ?? Substring($0)) }
                return .pass(ref, "AWSSupportAccess is attached to \(names.joined(separator: ", ")) in account \(account.id).", evidence: evidence)
            }
        })

    static let noExpiredServerCertificates = Check(
        CheckMetadata(
            id: "iam.server-certificate.not-expired",
            title: "No expired SSL/TLS server certificate is stored in IAM",
            severity: .medium, resourceType: "AWS::IAM::ServerCertificate", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.19"], "cis-aws-5.0": ["1.18"]],
            prowler: "iam_no_expired_server_certificates_stored",
            risk: "An expired certificate left in IAM can be deployed to a load balancer or CloudFront by mistake, breaking HTTPS for its users.",
            remediation: "Delete expired server certificates from IAM (move the load balancers still using them to a valid certificate first).",
            remediationCommand: "aws iam delete-server-certificate --server-certificate-name <certificate-name>"),
        evaluate: { ctx in
            ctx.inventory.accounts.flatMap { account -> [CheckOutcome] in
                switch account.iam.serverCertificates {
                case .unknown(let reason):
                    return [.unknown(ctx.scopeRef(account.scope), reason)]
                case .known(let certificates) where certificates.isEmpty:
                    return [.pass(ctx.accountRef(account), "Account \(account.id) stores no server certificate in IAM.", evidence: ["serverCertificates": .number(0)])]
                case .known(let certificates):
                    return certificates.map { cert in
                        guard let expiration = cert.expiration else {
                            return .unknown(cert.ref, "list-server-certificates gave no Expiration for \(cert.name).")
                        }
                        let evidence: JSONObject = ["serverCertificateName": .string(cert.name), "expiration": .string(Timestamp.format(expiration))]
                        if expiration <= ctx.now {
                            return .fail(cert.ref, "Server certificate \(cert.name) expired on \(Timestamp.format(expiration)) and is still stored in IAM.", evidence: evidence)
                        }
                        return .pass(cert.ref, "Server certificate \(cert.name) is valid until \(Timestamp.format(expiration)).", evidence: evidence)
                    }
                }
            }
        })

    static let accessAnalyzerEnabled = Check(
        CheckMetadata(
            id: "iam.account.access-analyzer-enabled",
            title: "An IAM Access Analyzer for external access is active in every region",
            severity: .low, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["cis-aws-3.0": ["1.20"], "cis-aws-5.0": ["1.19"]],
            prowler: "accessanalyzer_enabled",
            risk: "Without an analyzer, buckets, keys, roles and queues shared with other accounts or the public go unnoticed in that region.",
            remediation: "Create an account (or organization) analyzer in each region.",
            remediationCommand: "aws accessanalyzer create-analyzer --region <region> --analyzer-name external-access --type ACCOUNT"),
        evaluate: { ctx in
            ctx.perRegion(\.accessAnalyzer.analyzers, resource: { ctx.regionRef($0, service: "access-analyzer") }) { analyzers, ref, region in
                let name = region.scope.region
                let evidence: JSONObject = [
                    "analyzers": .array(analyzers.map { .object(["name": .string($0.name), "type": .string($0.type), "status": .string($0.status)]) }),
                ]
                if let active = analyzers.first(where: \.isActiveExternalAccess) {
                    return .pass(ref, "Analyzer \(active.name) (\(active.type)) is active in \(name).", evidence: evidence)
                }
                if analyzers.isEmpty {
                    return .fail(ref, "No IAM Access Analyzer exists in \(name).", evidence: evidence)
                }
                let listed = analyzers.map { "\($0.name) (\($0.type), \($0.status))" }.joined(separator: ", ")
                return .fail(ref, "No external access analyzer is active in \(name); found: \(listed).", evidence: evidence)
            }
        })
}
