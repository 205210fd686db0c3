import RampartFindings
import RampartInventory
import RampartJSON

/// RDS DB instances, beyond encryption and availability: monitoring, logs, IAM authentication,
/// snapshot tagging, non-default port and administrator name, and whether the internet can
/// actually reach the database port.
///
/// Settings that belong to the cluster for cluster members (port, master user, IAM
/// authentication, tag copying, log exports) are judged on the cluster by `DBClusterSettingsChecks`.
enum DBInstanceSettingsChecks {
    static let all: [Check] = [
        enhancedMonitoring, logsExported, postgresqlLogsExported, iamAuthentication, copyTagsToSnapshots, nonDefaultPort,
        customAdminUsername, notReachableFromInternet,
    ]

    /// The port each engine family listens on unless told otherwise.
    static func defaultPort(engine: String) -> Int? {
        let e = engine.lowercased()
        if e.hasPrefix("aurora-postgresql") || e.hasPrefix("postgres") { return 5432 }
        if e.hasPrefix("aurora") || e.hasPrefix("mysql") || e.hasPrefix("mariadb") { return 3306 }
        if e.hasPrefix("oracle") || e.hasPrefix("custom-oracle") { return 1521 }
        if e.hasPrefix("sqlserver") || e.hasPrefix("custom-sqlserver") { return 1433 }
        if e.hasPrefix("db2") { return 50000 }
        if e == "docdb" { return 27017 }
        if e == "neptune" { return 8182 }
        return nil
    }

    /// The administrator names RDS suggests by default.
    static let defaultAdminNames: Set<String> = ["admin", "postgres"]

    /// Engines that support IAM database authentication.
    static func supportsIAMAuthentication(_ engine: String) -> Bool {
        ["mysql", "mariadb", "postgres", "aurora", "aurora-mysql", "aurora-postgresql"].contains(engine.lowercased())
    }

    /// The log types FSBP RDS.9 expects each engine to publish.
    static func requiredLogs(engine: String) -> [String]? {
        let e = engine.lowercased()
        if e.hasPrefix("oracle") { return ["alert", "audit", "listener", "trace"] }
        if e == "postgres" { return ["postgresql", "upgrade"] }
        if e == "mysql" || e == "mariadb" { return ["audit", "error", "general", "slowquery"] }
        if e.hasPrefix("sqlserver") { return ["agent", "error"] }
        return nil
    }

    static func evidence(_ db: DBInstance, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        DBInstanceChecks.evidence(db, extra)
    }

    static let enhancedMonitoring = Check(
        CheckMetadata(
            id: "rds.db-instance.enhanced-monitoring",
            title: "RDS DB instances have Enhanced Monitoring enabled",
            severity: .low, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.6"]], prowler: "rds_instance_enhanced_monitoring_enabled",
            risk: "Without operating-system metrics, resource exhaustion and noisy processes on the database host go unseen until the database degrades.",
            remediation: "Set a monitoring interval and a monitoring role.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --monitoring-interval 60 --monitoring-role-arn <role-arn> --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                let facts = evidence(db, ["monitoringInterval": .number(Double(db.monitoringInterval))])
                if db.monitoringInterval > 0 {
                    return .pass(db.ref, "\(db.id) samples Enhanced Monitoring every \(db.monitoringInterval) s (MonitoringInterval=\(db.monitoringInterval)).", evidence: facts)
                }
                return .fail(db.ref, "\(db.id) has Enhanced Monitoring off (MonitoringInterval=0).", evidence: facts)
            }
        })

    static let logsExported = Check(
        CheckMetadata(
            id: "rds.db-instance.logs-exported-to-cloudwatch",
            title: "RDS DB instances publish their engine logs to CloudWatch Logs",
            severity: .medium, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.9"]], prowler: "rds_instance_integration_cloudwatch_logs",
            risk: "Database logs that stay on the instance are lost with it and cannot be searched or alarmed on during an investigation.",
            remediation: "Enable the export of the engine's audit, error and general logs to CloudWatch Logs.",
            remediationCommand:
                "aws rds modify-db-instance --db-instance-identifier <db-instance> --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"audit\",\"error\",\"general\",\"slowquery\"]}' --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                guard !DBInstanceChecks.isClusterMember(db) else { return nil }
                let exported = db.cloudwatchLogsExports
                let facts = evidence(db, ["enabledCloudwatchLogsExports": .strings(exported)])
                if let required = requiredLogs(engine: db.engine) {
                    let missing = required.filter { !exported.contains($0) }
                    if missing.isEmpty {
                        return .pass(db.ref, "\(db.id) publishes \(required.joined(separator: ", ")) logs to CloudWatch Logs.", evidence: facts)
                    }
                    return .fail(db.ref, "\(db.id) (\(db.engine)) does not publish \(missing.joined(separator: ", ")) logs to CloudWatch Logs.", evidence: facts)
                }
                if exported.isEmpty {
                    return .fail(db.ref, "\(db.id) publishes no logs to CloudWatch Logs.", evidence: facts)
                }
                return .pass(db.ref, "\(db.id) publishes \(exported.joined(separator: ", ")) logs to CloudWatch Logs.", evidence: facts)
            }
        })

    static let postgresqlLogsExported = Check(
        CheckMetadata(
            id: "rds.db-instance.postgresql-logs-exported",
            title: "RDS for PostgreSQL DB instances publish the postgresql log to CloudWatch Logs",
            severity: .medium, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.36"]], prowler: nil,
            risk: "The postgresql log holds connection, error and statement records; kept only on the instance it is lost with it.",
            remediation: "Enable the export of the postgresql log type.",
            remediationCommand:
                "aws rds modify-db-instance --db-instance-identifier <db-instance> --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"postgresql\"]}' --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                guard db.engine.lowercased() == "postgres" else { return nil }
                let facts = evidence(db, ["enabledCloudwatchLogsExports": .strings(db.cloudwatchLogsExports)])
                if db.cloudwatchLogsExports.contains("postgresql") {
                    return .pass(db.ref, "\(db.id) publishes the postgresql log to CloudWatch Logs.", evidence: facts)
                }
                return .fail(db.ref, "\(db.id) does not publish the postgresql log to CloudWatch Logs.", evidence: facts)
            }
        })

    static let iamAuthentication = Check(
        CheckMetadata(
            id: "rds.db-instance.iam-authentication",
            title: "RDS DB instances accept IAM database authentication",
            severity: .medium, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.10"]], prowler: "rds_instance_iam_authentication_enabled",
            risk: "Without IAM authentication every client holds a long-lived database password, which is copied into configuration and rarely rotated.",
            remediation: "Enable IAM database authentication and move clients to short-lived IAM tokens.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --enable-iam-database-authentication --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                guard !DBInstanceChecks.isClusterMember(db), supportsIAMAuthentication(db.engine) else { return nil }
                let facts = evidence(db, ["iamDatabaseAuthenticationEnabled": .bool(db.iamDatabaseAuthenticationEnabled)])
                if db.iamDatabaseAuthenticationEnabled {
                    return .pass(db.ref, "\(db.id) accepts IAM database authentication (IAMDatabaseAuthenticationEnabled=true).", evidence: facts)
                }
                return .fail(db.ref, "\(db.id) does not accept IAM database authentication (IAMDatabaseAuthenticationEnabled=false).", evidence: facts)
            }
        })

    static let copyTagsToSnapshots = Check(
        CheckMetadata(
            id: "rds.db-instance.copy-tags-to-snapshots",
            title: "RDS DB instances copy their tags to snapshots",
            severity: .low, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.17"]], prowler: "rds_instance_copy_tags_to_snapshots",
            risk: "Untagged snapshots escape tag-based access control, ownership and retention policies.",
            remediation: "Turn on CopyTagsToSnapshot.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --copy-tags-to-snapshot --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                guard !DBInstanceChecks.isClusterMember(db) else { return nil }
                let facts = evidence(db, ["copyTagsToSnapshot": .bool(db.copyTagsToSnapshot)])
                if db.copyTagsToSnapshot { return .pass(db.ref, "\(db.id) copies its tags to snapshots (CopyTagsToSnapshot=true).", evidence: facts) }
                return .fail(db.ref, "\(db.id) does not copy its tags to snapshots (CopyTagsToSnapshot=false).", evidence: facts)
            }
        })

    static let nonDefaultPort = Check(
        CheckMetadata(
            id: "rds.db-instance.non-default-port",
            title: "RDS DB instances listen on a port other than the engine's default",
            severity: .low, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.23"]], prowler: "rds_instance_non_default_port",
            risk: "Scanners and worms probe the well-known database ports first.",
            remediation: "Move the instance to a non-default port and update clients and security groups.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --db-port-number <port> --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                guard !DBInstanceChecks.isClusterMember(db), let standard = defaultPort(engine: db.engine) else { return nil }
                guard let port = db.port else { return .unknown(db.ref, "describe-db-instances gave no Endpoint.Port or DbInstancePort for \(db.id).") }
                let facts = evidence(db, ["port": .number(Double(port)), "defaultPort": .number(Double(standard))])
                if port == standard { return .fail(db.ref, "\(db.id) (\(db.engine)) listens on the default port \(port).", evidence: facts) }
                return .pass(db.ref, "\(db.id) listens on \(port), not the \(db.engine) default \(standard).", evidence: facts)
            }
        })

    static let customAdminUsername = Check(
        CheckMetadata(
            id: "rds.db-instance.custom-admin-username",
            title: "RDS DB instances use a custom administrator name",
            severity: .medium, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["RDS.25"]], prowler: "rds_instance_default_admin",
            risk: "With the default administrator name an attacker needs to guess only the password.",
            remediation: "The master user name cannot be changed: restore a snapshot into a new instance with a custom master user name.",
            remediationCommand:
                "aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <new-db-instance> --db-snapshot-identifier <snapshot>"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, _ in
                guard !DBInstanceChecks.isClusterMember(db) else { return nil }
                guard let user = db.masterUsername else { return .unknown(db.ref, "describe-db-instances gave no MasterUsername for \(db.id).") }
                let facts = evidence(db, ["masterUsername": .string(user)])
                if defaultAdminNames.contains(user.lowercased()) {
                    return .fail(db.ref, "\(db.id) uses the default administrator name \"\(user)\".", evidence: facts)
                }
                return .pass(db.ref, "\(db.id) uses a custom administrator name.", evidence: facts)
            }
        })

    static let notReachableFromInternet = Check(
        CheckMetadata(
            id: "rds.db-instance.not-reachable-from-internet",
            title: "RDS DB instances cannot be reached from the internet on their port",
            severity: .critical, resourceType: "AWS::RDS::DBInstance", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "A database whose port the internet can reach is attacked with password spraying and engine exploits directly.",
            remediation: "Turn off public accessibility, or remove the security-group rule that admits the database port from 0.0.0.0/0 or ::/0.",
            remediationCommand: "aws rds modify-db-instance --db-instance-identifier <db-instance> --no-publicly-accessible --apply-immediately"),
        evaluate: { ctx in
            ctx.eachRegional(\.rds.instances) { db, region in
                guard let port = db.port else { return .unknown(db.ref, "describe-db-instances gave no Endpoint.Port for \(db.id).") }
                // The instance sits in the subnet group's subnet in its own Availability Zone.
                let pairs = zip(db.subnetIds, db.subnetZones).filter { !$0.0.isEmpty }
                let local = pairs.filter { $0.1 == db.ref.availabilityZone }.map(\.0)
                let subnets = local.isEmpty ? pairs.map(\.0) : local
                let (verdict, facts) = NetworkExposure(region: region).reach(
                    port: port, groupIds: db.securityGroupIds, subnetIds: subnets, publicIPv4: db.publiclyAccessible, ipv6: false)
                let evidence = evidence(db, ["exposure": .object(facts)])
                switch verdict {
                case .reachable(let why): return .fail(db.ref, "\(db.id) is reachable from the internet on TCP \(port): \(why).", evidence: evidence)
                case .unknown(let why): return .unknown(db.ref, "Whether \(db.id) is reachable from the internet on TCP \(port) is undecided: \(why).")
                case .blocked(let why):
                    let reason = db.publiclyAccessible ? why : "it is not publicly accessible (PubliclyAccessible=false)"
                    return .pass(db.ref, "\(db.id) is not reachable from the internet on TCP \(port): \(reason).", evidence: evidence)
                }
            }
        })
}
