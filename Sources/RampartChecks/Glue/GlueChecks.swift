import RampartFindings
import RampartInventory
import RampartJSON

/// Glue: the Data Catalog's encryption, jobs' security configurations and their encryption,
/// and job roles' power.
enum GlueChecks {
    static let all: [Check] = [catalogEncrypted, connectionPasswordsEncrypted, jobSecurityConfiguration, jobEncryption, jobRoleNotAdmin]

    static let catalogEncrypted = Check(
        CheckMetadata(
            id: "glue.data-catalog.encrypted",
            title: "The Glue Data Catalog is encrypted at rest with KMS",
            severity: .medium, resourceType: "AWS::Glue::DataCatalogEncryptionSettings", serviceModel: .managed,
            frameworks: [:], prowler: "glue_data_catalogs_metadata_encryption_enabled",
            risk: "Catalog metadata (table schemas, locations, connection details) is stored without a key you control.",
            remediation: "Turn on Data Catalog encryption with a KMS key.",
            remediationCommand: "aws glue put-data-catalog-encryption-settings --data-catalog-encryption-settings EncryptionAtRest={CatalogEncryptionMode=SSE-KMS,SseAwsKmsKeyId=<kms-key-id>}"),
        evaluate: { ctx in
            ctx.perRegion(\.glue.catalogEncryption, resource: { ctx.regionRef($0, service: "glue") }) { s, ref, _ in
                let evidence: JSONObject = ["catalogEncryptionMode": .optional(s.catalogEncryptionMode)]
                if let mode = s.catalogEncryptionMode, mode != "DISABLED" {
                    return .pass(ref, "The Data Catalog is encrypted (\(mode)).", evidence: evidence)
                }
                return .fail(ref, "The Data Catalog is not encrypted (CatalogEncryptionMode \(s.catalogEncryptionMode ?? "absent")).", evidence: evidence)
            }
        })

    static let connectionPasswordsEncrypted = Check(
        CheckMetadata(
            id: "glue.data-catalog.connection-passwords-encrypted",
            title: "Glue connection passwords are returned encrypted",
            severity: .medium, resourceType: "AWS::Glue::DataCatalogEncryptionSettings", serviceModel: .managed,
            frameworks: [:], prowler: "glue_data_catalogs_connection_passwords_encryption_enabled",
            risk: "Without connection password encryption, GetConnection returns database passwords in clear text to anyone allowed to call it.",
            remediation: "Turn on connection password encryption with a KMS key.",
            remediationCommand: "aws glue put-data-catalog-encryption-settings --data-catalog-encryption-settings ConnectionPasswordEncryption={ReturnConnectionPasswordEncrypted=true,AwsKmsKeyId=<kms-key-id>}"),
        evaluate: { ctx in
            ctx.perRegion(\.glue.catalogEncryption, resource: { ctx.regionRef($0, service: "glue") }) { s, ref, _ in
                s.connectionPasswordsEncrypted ? .pass(ref, "Connection passwords are returned encrypted.", evidence: ["returnConnectionPasswordEncrypted": true])
                    : .fail(ref, "Connection passwords are returned in clear text.", evidence: ["returnConnectionPasswordEncrypted": false])
            }
        })

    static let jobSecurityConfiguration = Check(
        CheckMetadata(
            id: "glue.job.security-configuration",
            title: "Glue jobs run with a security configuration",
            severity: .medium, resourceType: "AWS::Glue::Job", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "A job without a security configuration writes its output, logs and bookmarks without the encryption you choose.",
            remediation: "Create a security configuration with S3, CloudWatch and bookmark encryption and set it on the job.",
            remediationCommand: "aws glue update-job --job-name <job> --job-update SecurityConfiguration=<configuration>,Role=<role>,Command={Name=glueetl,ScriptLocation=<s3-uri>}"),
        evaluate: { ctx in
            ctx.eachRegional(\.glue.jobs) { job, _ in
                job.securityConfiguration != nil ? .pass(job.ref, "Job \(job.name) runs with security configuration \(job.securityConfiguration!).", evidence: ["securityConfiguration": .optional(job.securityConfiguration)])
                    : .fail(job.ref, "Job \(job.name) runs with no security configuration.", evidence: ["securityConfiguration": .null])
            }
        })

    static let jobEncryption = Check(
        CheckMetadata(
            id: "glue.job.encryption",
            title: "Glue jobs' security configurations encrypt S3 output, CloudWatch logs and job bookmarks",
            severity: .medium, resourceType: "AWS::Glue::Job", serviceModel: .managed,
            frameworks: [:], prowler: "glue_etl_jobs_amazon_s3_encryption_enabled",
            risk: "An encryption mode left DISABLED leaves the job's output, logs or bookmarks unencrypted with your key.",
            remediation: "Use a security configuration with every encryption mode enabled.",
            remediationCommand: "aws glue create-security-configuration --name <name> --encryption-configuration file://all-encrypted.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.glue.jobs) { job, region in
                guard let name = job.securityConfiguration else {
                    return .fail(job.ref, "Job \(job.name) runs with no security configuration, so nothing it writes is encrypted with your key.", evidence: ["securityConfiguration": .null])
                }
                guard case .known(let configurations) = region.glue.securityConfigurations else {
                    return .unknown(job.ref, region.glue.securityConfigurations.unknownReason ?? "get-security-configurations was not read")
                }
                guard let c = configurations.first(where: { $0.name == name }) else {
                    return .unknown(job.ref, "Job \(job.name) names security configuration \(name), which get-security-configurations does not list.")
                }
                var off: [String] = []
                if c.s3EncryptionModes.isEmpty || c.s3EncryptionModes.contains("DISABLED") { off.append("S3") }
                if (c.cloudWatchEncryptionMode ?? "DISABLED") == "DISABLED" { off.append("CloudWatch") }
                if (c.jobBookmarksEncryptionMode ?? "DISABLED") == "DISABLED" { off.append("job bookmarks") }
                let evidence: JSONObject = ["securityConfiguration": .string(name), "unencrypted": .strings(off)]
                return off.isEmpty ? .pass(job.ref, "Job \(job.name)'s configuration \(name) encrypts S3 output, CloudWatch logs and bookmarks.", evidence: evidence)
                    : .fail(job.ref, "Job \(job.name)'s configuration \(name) does not encrypt: \(off.joined(separator: ", ")).", evidence: evidence)
            }
        })

    static let jobRoleNotAdmin = Check(
        CheckMetadata(
            id: "glue.job.role-not-admin",
            title: "Glue job roles do not hold administrator power",
            severity: .high, resourceType: "AWS::Glue::Job", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "The job's script runs with its role; whoever can change the script or the job (glue:UpdateJob) acts as that role.",
            remediation: "Give the job a role limited to its sources and targets.",
            remediationCommand: "aws glue update-job --job-name <job> --job-update Role=<least-privilege-role-arn>,Command={Name=glueetl,ScriptLocation=<s3-uri>}"),
        evaluate: { ctx in
            ctx.eachRegional(\.glue.jobs) { job, region in
                // Glue accepts a role name or ARN.
                let role = job.role.map { $0.hasPrefix("arn:") ? $0 : "arn:\(region.scope.partition):iam::\(region.scope.account):role/\($0)" }
                return ExecutionRoles.judge(ctx, account: region.scope.account, ref: job.ref, roleArn: role, what: "Job \(job.name)")
            }
        })
}
