import RampartFindings
import RampartInventory
import RampartJSON

/// RDS DB clusters (Aurora and Multi-AZ DB clusters): IAM authentication, snapshot tagging,
/// backtracking, non-default port and administrator name, minor upgrades and log exports.
enum DBClusterSettingsChecks {
    static let all: [Check] = [
        iamAuthentication, copyTagsToSnapshots, backtracking, nonDefaultPort, customAdminUsername, autoMinorVersionUpgrade,
        auroraMySQLAuditLogs, auroraPostgreSQLLogs,
    ]

    static func evidence(_ c: DBCluster, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var object: JSONObject = ["dbClusterIdentifier": .string(c.id), "engine": .string(c.engine)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    /// Aurora MySQL, whatever its engine name's generation (`aurora` was Aurora MySQL 1).
    static func isAuroraMySQL(_ c: DBCluster) -> Bool { ["aurora", "aurora-mysql"].contains(c.engine.lowercased()) }

    static let iamAuthentication = Check(
        CheckMetadata(
            id: "rds.db-cluster.iam-authentication",
            title: "RDS DB clusters accept IAM database authentication",
            severity: .medium, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.12"]], prowler: "rds_cluster_iam_authentication_enabled",
            risk: "Without IAM authentication every client holds a long-lived database password.",
            remediation: "Enable IAM database authentication on the cluster.",
            remediationCommand: "aws rds modify-db-cluster --db-cluster-identifier <db-cluster> --enable-iam-database-authentication --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.clusters) { c, _ in
                guard DBInstanceSettingsChecks.supportsIAMAuthentication(c.engine) else { return nil }
                let facts = evidence(c, ["iamDatabaseAuthenticationEnabled": .bool(c.iamDatabaseAuthenticationEnabled)])
                if c.iamDatabaseAuthenticationEnabled { return .pass(c.ref, "\(c.id) accepts IAM database authentication.", evidence: facts) }
                return .fail(c.ref, "\(c.id) does not accept IAM database authentication (IAMDatabaseAuthenticationEnabled=false).", evidence: facts)
            }
        })

    static let copyTagsToSnapshots = Check(
        CheckMetadata(
            id: "rds.db-cluster.copy-tags-to-snapshots",
            title: "RDS DB clusters copy their tags to snapshots",
            severity: .low, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.16"]], prowler: "rds_cluster_copy_tags_to_snapshots",
            risk: "Untagged snapshots escape tag-based access control, ownership and retention policies.",
            remediation: "Turn on CopyTagsToSnapshot for the cluster.",
            remediationCommand: "aws rds modify-db-cluster --db-cluster-identifier <db-cluster> --copy-tags-to-snapshot --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.clusters) { c, _ in
                let facts = evidence(c, ["copyTagsToSnapshot": .bool(c.copyTagsToSnapshot)])
                if c.copyTagsToSnapshot { return .pass(c.ref, "\(c.id) copies its tags to snapshots.", evidence: facts) }
                return .fail(c.ref, "\(c.id) does not copy its tags to snapshots (CopyTagsToSnapshot=false).", evidence: facts)
            }
        })

    static let backtracking = Check(
        CheckMetadata(
            id: "rds.db-cluster.backtracking",
            title: "Aurora MySQL DB clusters have backtracking enabled",
            severity: .medium, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.14"]], prowler: "rds_cluster_backtrack_enabled",
            risk: "Without backtracking, undoing a destructive statement means a full point-in-time restore into a new cluster.",
            remediation: "Set a backtrack window (clusters created without one must be restored from a snapshot with it).",
            remediationCommand: "aws rds modify-db-cluster --db-cluster-identifier <db-cluster> --backtrack-window 86400 --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.clusters) { c, _ in
                guard isAuroraMySQL(c) else { return nil }
                let window = c.backtrackWindow ?? 0
                let facts = evidence(c, ["backtrackWindow": .number(Double(window))])
                if window > 0 { return .pass(c.ref, "\(c.id) can backtrack \(window) s (BacktrackWindow=\(window)).", evidence: facts) }
                return .fail(c.ref, "\(c.id) has backtracking off (BacktrackWindow=0).", evidence: facts)
            }
        })

    static let nonDefaultPort = Check(
        CheckMetadata(
            id: "rds.db-cluster.non-default-port",
            title: "RDS DB clusters listen on a port other than the engine's default",
            severity: .low, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.23"]], prowler: "rds_cluster_non_default_port",
            risk: "Scanners and worms probe the well-known database ports first.",
            remediation: "Move the cluster to a non-default port and update clients and security groups.",
            remediationCommand: "aws rds modify-db-cluster --db-cluster-identifier <db-cluster> --port <port> --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.clusters) { c, _ in
                guard let standard = DBInstanceSettingsChecks.defaultPort(engine: c.engine) else { return nil }
                guard let port = c.port else { return .unknown(c.ref, "describe-db-clusters gave no Port for \(c.id).") }
                let facts = evidence(c, ["port": .number(Double(port)), "defaultPort": .number(Double(standard))])
                if port == standard { return .fail(c.ref, "\(c.id) (\(c.engine)) listens on the default port \(port).", evidence: facts) }
                return .pass(c.ref, "\(c.id) listens on \(port), not the \(c.engine) default \(standard).", evidence: facts)
            }
        })

    static let customAdminUsername = Check(
        CheckMetadata(
            id: "rds.db-cluster.custom-admin-username",
            title: "RDS DB clusters use a custom administrator name",
            severity: .medium, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.24"]], prowler: "rds_cluster_default_admin",
            risk: "With the default administrator name an attacker needs to guess only the password.",
            remediation: "The master user name cannot be changed: restore a snapshot into a new cluster with a custom master user name.",
            remediationCommand:
                "aws rds restore-db-cluster-from-snapshot --db-cluster-identifier <new-db-cluster> --snapshot-identifier <snapshot> --engine <engine>"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.clusters) { c, _ in
                guard let user = c.masterUsername else { return .unknown(c.ref, "describe-db-clusters gave no MasterUsername for \(c.id).") }
                let facts = evidence(c, ["masterUsername": .string(user)])
                if DBInstanceSettingsChecks.defaultAdminNames.contains(user.lowercased()) {
                    return .fail(c.ref, "\(c.id) uses the default administrator name \"\(user)\".", evidence: facts)
                }
                return .pass(c.ref, "\(c.id) uses a custom administrator name.", evidence: facts)
            }
        })

    static let autoMinorVersionUpgrade = Check(
        CheckMetadata(
            id: "rds.db-cluster.auto-minor-version-upgrade",
            title: "Multi-AZ DB clusters apply minor engine upgrades automatically",
            severity: .medium, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.35"]], prowler: "rds_cluster_minor_version_upgrade_enabled",
            risk: "Minor engine versions carry security fixes; a cluster that does not take them keeps known vulnerabilities.",
            remediation: "Enable automatic minor version upgrades on the cluster (Aurora sets this per instance).",
            remediationCommand: "aws rds modify-db-cluster --db-cluster-identifier <db-cluster> --auto-minor-version-upgrade --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.clusters) { c, _ in
                // Only Multi-AZ DB clusters carry the setting; Aurora instances are judged one by one.
                guard let enabled = c.autoMinorVersionUpgrade else { return nil }
                let facts = evidence(c, ["autoMinorVersionUpgrade": .bool(enabled)])
                if enabled { return .pass(c.ref, "\(c.id) applies minor engine upgrades automatically.", evidence: facts) }
                return .fail(c.ref, "\(c.id) does not apply minor engine upgrades automatically (AutoMinorVersionUpgrade=false).", evidence: facts)
            }
        })

    static func logExportCheck(id: String, title: String, fsbp: String, prowler: String?, logType: String, applies: @escaping @Sendable (DBCluster) -> Bool) -> Check {
        Check(
            CheckMetadata(
                id: id, title: title, severity: .medium, resourceType: "AWS::RDS::DBCluster", serviceModel: .managed,
                frameworks: ["aws-fsbp": [fsbp]], prowler: prowler,
                risk: "Logs that are not exported cannot be searched, retained or alarmed on, and are lost when the cluster is.",
                remediation: "Enable the export of the \(logType) log type to CloudWatch Logs.",
                remediationCommand:
                    "aws rds modify-db-cluster --db-cluster-identifier <db-cluster> --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"\(logType)\"]}' --apply-immediately"),
            evaluate: { ctx in
                ctx.eachRegional(\.rds.clusters) { c, _ in
                    guard applies(c) else { return nil }
                    let facts = evidence(c, ["enabledCloudwatchLogsExports": .strings(c.cloudwatchLogsExports)])
                    if c.cloudwatchLogsExports.contains(logType) {
                        return .pass(c.ref, "\(c.id) publishes the \(logType) log to CloudWatch Logs.", evidence: facts)
                    }
                    return .fail(c.ref, "\(c.id) does not publish the \(logType) log to CloudWatch Logs.", evidence: facts)
                }
            })
    }

    static let auroraMySQLAuditLogs = logExportCheck(
        id: "rds.db-cluster.aurora-mysql-audit-logs-exported", title: "Aurora MySQL DB clusters publish audit logs to CloudWatch Logs",
        fsbp: "RDS.34", prowler: nil, logType: "audit", applies: isAuroraMySQL)

    static let auroraPostgreSQLLogs = logExportCheck(
        id: "rds.db-cluster.aurora-postgresql-logs-exported", title: "Aurora PostgreSQL DB clusters publish logs to CloudWatch Logs",
        fsbp: "RDS.37", prowler: "rds_cluster_integration_cloudwatch_logs", logType: "postgresql",
        applies: { $0.engine.lowercased() == "aurora-postgresql" })
}
