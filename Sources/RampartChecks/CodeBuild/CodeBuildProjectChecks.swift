import RampartFindings
import RampartInventory
import RampartJSON

/// CodeBuild projects: credentials in source URLs and environment variables, privileged mode,
/// logging, encryption of logs and artifacts, and the service role's power.
enum CodeBuildProjectChecks {
    static let all: [Check] = [sourceURLNoCredentials, noPlaintextSecrets, notPrivileged, logging, s3LogsEncrypted, artifactsEncrypted, serviceRoleNotAdmin]

    static func each(_ ctx: CheckContext, _ judge: (CodeBuildProject, CodeBuildProjectDetails, RegionInventory) -> CheckOutcome?) -> [CheckOutcome] {
        ctx.eachRegional(\.codeBuild.projects) { project, region in
            switch project.details {
            case .unknown(let reason): .unknown(project.ref, reason)
            case .known(let d): judge(project, d, region)
            }
        }
    }

    static let sourceURLNoCredentials = Check(
        CheckMetadata(
            id: "codebuild.project.source-url-no-credentials",
            title: "CodeBuild source repository URLs contain no credentials",
            severity: .critical, resourceType: "AWS::CodeBuild::Project", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CodeBuild.1"]], prowler: "codebuild_project_source_repo_url_no_sensitive_credentials",
            risk: "A user name and password or token in the repository URL is shown to everyone who can read the project.",
            remediation: "Connect the source through an OAuth connection or a CodeConnections connection, and rotate the exposed credential.",
            remediationCommand: "aws codebuild update-project --name <project> --source type=BITBUCKET,location=<url-without-credentials>"),
        evaluate: { ctx in
            each(ctx) { p, d, _ in
                guard let location = d.sourceLocation, location.contains("://") else {
                    return .pass(p.ref, "Project \(p.name)'s source is not a URL (\(d.sourceType ?? "no source")).", evidence: ["sourceType": .optional(d.sourceType)])
                }
                let afterScheme = location[location.range(of: "://")!.upperBound...]
                let host = afterScheme.prefix { $0 != "/" }
                if host.contains("@") {
                    return .fail(p.ref, "Project \(p.name)'s source URL carries credentials before the host (user information in the URL).",
                                 evidence: ["sourceType": .optional(d.sourceType), "credentialsInURL": true])
                }
                return .pass(p.ref, "Project \(p.name)'s source URL carries no credentials.", evidence: ["sourceType": .optional(d.sourceType), "credentialsInURL": false])
            }
        })

    static let noPlaintextSecrets = Check(
        CheckMetadata(
            id: "codebuild.project.no-plaintext-secrets",
            title: "CodeBuild environment variables hold no credentials in plain text",
            severity: .critical, resourceType: "AWS::CodeBuild::Project", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CodeBuild.2"]], prowler: "codebuild_project_no_secrets_in_variables",
            risk: "PLAINTEXT variables are shown in the console and to everyone who can read the project, and are printed in build logs.",
            remediation: "Store the credential in Parameter Store or Secrets Manager and reference it (type PARAMETER_STORE or SECRETS_MANAGER); rotate the exposed one.",
            remediationCommand: "aws codebuild update-project --name <project> --environment file://environment-with-secret-references.json"),
        evaluate: { ctx in
            each(ctx) { p, d, _ in
                let plain = d.environmentVariables.filter { $0.type == "PLAINTEXT" }
                let hits = PlaintextSecrets.hits(plain.map { (name: $0.name, value: $0.value) })
                if hits.isEmpty {
                    return .pass(p.ref, "Project \(p.name)'s plain-text environment variables hold nothing that looks like a credential.", evidence: ["secretVariables": []])
                }
                return .fail(p.ref, "Project \(p.name) holds credentials in PLAINTEXT environment variables: \(hits.map { "\($0.name) (\($0.rule))" }.joined(separator: "; ")).",
                             evidence: ["secretVariables": .strings(hits.map(\.name))])
            }
        })

    static let notPrivileged = Check(
        CheckMetadata(
            id: "codebuild.project.no-privileged-mode",
            title: "CodeBuild project environments do not run in privileged mode",
            severity: .high, resourceType: "AWS::CodeBuild::Project", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CodeBuild.5"]], prowler: "codebuild_project_not_privileged",
            risk: "Privileged mode gives the build container every device of the host and the Docker daemon; a poisoned dependency gets the same.",
            remediation: "Turn privileged mode off unless the project builds Docker images.",
            remediationCommand: "aws codebuild update-project --name <project> --environment type=<type>,image=<image>,computeType=<compute>,privilegedMode=false"),
        evaluate: { ctx in
            each(ctx) { p, d, _ in
                d.privilegedMode ? .fail(p.ref, "Project \(p.name) runs builds in privileged mode.", evidence: ["privilegedMode": true])
                    : .pass(p.ref, "Project \(p.name) does not run builds in privileged mode.", evidence: ["privilegedMode": false])
            }
        })

    static let logging = Check(
        CheckMetadata(
            id: "codebuild.project.logging",
            title: "CodeBuild projects send build logs to CloudWatch Logs or S3",
            severity: .medium, resourceType: "AWS::CodeBuild::Project", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CodeBuild.4"]], prowler: "codebuild_project_logging_enabled",
            risk: "Without build logs, what a build ran and what it touched cannot be reconstructed.",
            remediation: "Enable CloudWatch Logs or S3 logs for the project.",
            remediationCommand: "aws codebuild update-project --name <project> --logs-config cloudWatchLogs={status=ENABLED}"),
        evaluate: { ctx in
            each(ctx) { p, d, _ in
                let evidence: JSONObject = ["cloudWatchLogs": .optional(d.cloudWatchLogsStatus), "s3Logs": .optional(d.s3LogsStatus)]
                // CloudWatch Logs is on unless the project says DISABLED.
                if d.cloudWatchLogsStatus != "DISABLED" || d.s3LogsStatus == "ENABLED" {
                    return .pass(p.ref, "Project \(p.name) sends its build logs (CloudWatch Logs \(d.cloudWatchLogsStatus ?? "ENABLED"), S3 \(d.s3LogsStatus ?? "DISABLED")).", evidence: evidence)
                }
                return .fail(p.ref, "Project \(p.name) has both CloudWatch Logs and S3 logs disabled.", evidence: evidence)
            }
        })

    static let s3LogsEncrypted = Check(
        CheckMetadata(
            id: "codebuild.project.s3-logs-encrypted",
            title: "CodeBuild S3 logs are encrypted",
            severity: .low, resourceType: "AWS::CodeBuild::Project", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["CodeBuild.3"]], prowler: "codebuild_project_s3_logs_encrypted",
            risk: "Build logs written to S3 unencrypted can expose what builds print, secrets included.",
            remediation: "Turn off encryptionDisabled for the project's S3 logs.",
            remediationCommand: "aws codebuild update-project --name <project> --logs-config s3Logs={status=ENABLED,location=<bucket/prefix>,encryptionDisabled=false}"),
        evaluate: { ctx in
            each(ctx) { p, d, _ in
                guard d.s3LogsStatus == "ENABLED" else { return nil }
                return d.s3LogsEncryptionDisabled ? .fail(p.ref, "Project \(p.name) writes S3 logs with encryption disabled.", evidence: ["encryptionDisabled": true])
                    : .pass(p.ref, "Project \(p.name) writes encrypted S3 logs.", evidence: ["encryptionDisabled": false])
            }
        })

    static let artifactsEncrypted = Check(
        CheckMetadata(
            id: "codebuild.project.artifacts-encrypted",
            title: "CodeBuild build artifacts are encrypted",
            severity: .medium, resourceType: "AWS::CodeBuild::Project", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Artifacts written with encryption disabled leave build outputs, and whatever they embed, unencrypted at rest.",
            remediation: "Set encryptionDisabled to false on the project's artifacts.",
            remediationCommand: "aws codebuild update-project --name <project> --artifacts type=S3,location=<bucket>,encryptionDisabled=false"),
        evaluate: { ctx in
            each(ctx) { p, d, _ in
                d.artifactEncryptionDisabled ? .fail(p.ref, "Project \(p.name) writes artifacts with encryption disabled.", evidence: ["encryptionDisabled": true])
                    : .pass(p.ref, "Project \(p.name)'s artifacts are encrypted.", evidence: ["encryptionDisabled": false])
            }
        })

    static let serviceRoleNotAdmin = Check(
        CheckMetadata(
            id: "codebuild.project.service-role-not-admin",
            title: "CodeBuild service roles do not hold administrator power",
            severity: .high, resourceType: "AWS::CodeBuild::Project", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Every build runs arbitrary code from the repository and its dependencies with the service role: an administrator role hands the account to whoever can change the build.",
            remediation: "Give the project a service role limited to what builds need.",
            remediationCommand: "aws codebuild update-project --name <project> --service-role <least-privilege-role-arn>"),
        evaluate: { ctx in
            each(ctx) { p, d, region in
                ExecutionRoles.judge(ctx, account: region.scope.account, ref: p.ref, roleArn: d.serviceRole, what: "Project \(p.name)")
            }
        })
}
