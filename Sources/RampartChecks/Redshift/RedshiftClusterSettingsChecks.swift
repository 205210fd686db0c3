import RampartFindings
import RampartInventory
import RampartJSON

/// Redshift clusters, beyond public access and encryption: snapshots, upgrades, VPC routing,
/// default names, Multi-AZ, and whether the internet can actually reach the cluster port.
enum RedshiftClusterSettingsChecks {
    static let all: [Check] = [
        automatedSnapshots, automaticUpgrades, enhancedVpcRouting, nonDefaultAdminUsername, nonDefaultDatabaseName, multiAZ,
        notReachableFromInternet,
    ]

    static func evidence(_ c: RedshiftCluster, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var object: JSONObject = ["clusterIdentifier": .string(c.id)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    /// FSBP Redshift.3's minimum retention, in days.
    static let minimumRetention = 7

    static let automatedSnapshots = Check(
        CheckMetadata(
            id: "redshift.cluster.automated-snapshots",
            title: "Redshift clusters keep automated snapshots for at least 7 days",
            severity: .medium, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Redshift.3"]], prowler: "redshift_cluster_automated_snapshot",
            risk: "Without automated snapshots, or with only a day or two of them, a bad load or deletion found late cannot be undone.",
            remediation: "Set the automated snapshot retention period to 7 days or more.",
            remediationCommand: "aws redshift modify-cluster --cluster-identifier <cluster> --automated-snapshot-retention-period 7"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { c, _ in
                let days = c.automatedSnapshotRetentionPeriod
                let facts = evidence(c, ["automatedSnapshotRetentionPeriod": .number(Double(days))])
                if days >= minimumRetention { return .pass(c.ref, "\(c.id) keeps automated snapshots for \(days) days.", evidence: facts) }
                if days == 0 { return .fail(c.ref, "\(c.id) takes no automated snapshots (AutomatedSnapshotRetentionPeriod=0).", evidence: facts) }
                return .fail(c.ref, "\(c.id) keeps automated snapshots for only \(days) days (7 needed).", evidence: facts)
            }
        })

    static let automaticUpgrades = Check(
        CheckMetadata(
            id: "redshift.cluster.automatic-major-upgrades",
            title: "Redshift clusters take major version upgrades automatically",
            severity: .medium, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Redshift.6"]], prowler: "redshift_cluster_automatic_upgrades",
            risk: "A cluster pinned to an old engine version misses security fixes.",
            remediation: "Allow version upgrades during the maintenance window.",
            remediationCommand: "aws redshift modify-cluster --cluster-identifier <cluster> --allow-version-upgrade"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { c, _ in
                let facts = evidence(c, ["allowVersionUpgrade": .bool(c.allowVersionUpgrade)])
                if c.allowVersionUpgrade { return .pass(c.ref, "\(c.id) takes version upgrades automatically (AllowVersionUpgrade=true).", evidence: facts) }
                return .fail(c.ref, "\(c.id) does not take version upgrades automatically (AllowVersionUpgrade=false).", evidence: facts)
            }
        })

    static let enhancedVpcRouting = Check(
        CheckMetadata(
            id: "redshift.cluster.enhanced-vpc-routing",
            title: "Redshift clusters use enhanced VPC routing",
            severity: .high, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Redshift.7"]], prowler: "redshift_cluster_enhanced_vpc_routing",
            risk: "Without enhanced VPC routing, COPY and UNLOAD traffic bypasses the VPC's endpoints, flow logs and network controls.",
            remediation: "Turn on enhanced VPC routing.",
            remediationCommand: "aws redshift modify-cluster --cluster-identifier <cluster> --enhanced-vpc-routing"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { c, _ in
                let facts = evidence(c, ["enhancedVpcRouting": .bool(c.enhancedVpcRouting)])
                if c.enhancedVpcRouting { return .pass(c.ref, "\(c.id) uses enhanced VPC routing.", evidence: facts) }
                return .fail(c.ref, "\(c.id) does not use enhanced VPC routing (EnhancedVpcRouting=false).", evidence: facts)
            }
        })

    static let nonDefaultAdminUsername = Check(
        CheckMetadata(
            id: "redshift.cluster.non-default-admin-username",
            title: "Redshift clusters do not use the default administrator name",
            severity: .high, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Redshift.8"]], prowler: "redshift_cluster_non_default_username",
            risk: "With the default administrator name awsuser an attacker needs to guess only the password.",
            remediation: "The administrator name cannot be changed: restore a snapshot into a new cluster with a custom administrator name.",
            remediationCommand: "aws redshift restore-from-cluster-snapshot --cluster-identifier <new-cluster> --snapshot-identifier <snapshot>"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { c, _ in
                guard let user = c.masterUsername else { return .unknown(c.ref, "describe-clusters gave no MasterUsername for \(c.id).") }
                let facts = evidence(c, ["masterUsername": .string(user)])
                if user.lowercased() == "awsuser" { return .fail(c.ref, "\(c.id) uses the default administrator name awsuser.", evidence: facts) }
                return .pass(c.ref, "\(c.id) uses a custom administrator name.", evidence: facts)
            }
        })

    static let nonDefaultDatabaseName = Check(
        CheckMetadata(
            id: "redshift.cluster.non-default-database-name",
            title: "Redshift clusters do not use the default database name",
            severity: .medium, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Redshift.9"]], prowler: "redshift_cluster_non_default_database_name",
            risk: "The default database name dev is the first one an attacker tries.",
            remediation: "Create the cluster with a custom database name and move the data to it.",
            remediationCommand: "aws redshift create-cluster --cluster-identifier <cluster> --db-name <custom-name> --node-type <node-type> --master-username <admin>"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { c, _ in
                guard let name = c.dbName else { return .unknown(c.ref, "describe-clusters gave no DBName for \(c.id).") }
                let facts = evidence(c, ["dbName": .string(name)])
                if name.lowercased() == "dev" { return .fail(c.ref, "\(c.id) uses the default database name dev.", evidence: facts) }
                return .pass(c.ref, "\(c.id) uses the database name \(name).", evidence: facts)
            }
        })

    static let multiAZ = Check(
        CheckMetadata(
            id: "redshift.cluster.multi-az",
            title: "Redshift clusters are deployed across multiple Availability Zones",
            severity: .medium, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: [:], prowler: "redshift_cluster_multi_az_enabled",
            risk: "A single-AZ cluster is unavailable for as long as its zone is.",
            remediation: "Enable Multi-AZ (RA3 node types).",
            remediationCommand: "aws redshift modify-cluster --cluster-identifier <cluster> --multi-az"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { c, _ in
                let facts = evidence(c, ["multiAZ": .optional(c.multiAZ)])
                if c.multiAZ?.lowercased() == "enabled" { return .pass(c.ref, "\(c.id) is a Multi-AZ deployment.", evidence: facts) }
                return .fail(c.ref, "\(c.id) runs in a single Availability Zone (MultiAZ=\(c.multiAZ ?? "absent")).", evidence: facts)
            }
        })

    static let notReachableFromInternet = Check(
        CheckMetadata(
            id: "redshift.cluster.not-reachable-from-internet",
            title: "Redshift clusters cannot be reached from the internet on their port",
            severity: .critical, resourceType: "AWS::Redshift::Cluster", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "A data warehouse whose port the internet can reach is attacked with password spraying directly.",
            remediation: "Turn off public accessibility, or remove the security-group rule that admits the cluster port from 0.0.0.0/0 or ::/0.",
            remediationCommand: "aws redshift modify-cluster --cluster-identifier <cluster> --no-publicly-accessible"),
        evaluate: { ctx in
            ctx.eachRegional(\.redshift.clusters) { c, region in
                guard let port = c.port else { return .unknown(c.ref, "describe-clusters gave no Endpoint.Port for \(c.id).") }
                // The cluster's nodes sit in the subnets of its subnet group in its own zone.
                let groupSubnets = region.redshift.subnetGroups.value?.first { $0.name == c.clusterSubnetGroupName }?.subnetIds
                let zoneOf = Dictionary((region.ec2.subnets.value ?? []).map { ($0.id, $0.ref.availabilityZone) }, uniquingKeysWith: { a, _ in a })
                let local = groupSubnets?.filter { zoneOf[$0] == c.ref.availabilityZone } ?? []
                let exact = groupSubnets.map { local.isEmpty ? $0 : local }
                // Without the group, every subnet of the VPC is a candidate, and "reachable" stays undecided.
                let vpcSubnets = region.ec2.subnets.value?.filter { $0.vpcId == c.vpcId }.map(\.id) ?? []
                let (verdict, facts) = NetworkExposure(region: region).reach(
                    port: port, groupIds: c.securityGroupIds, subnetIds: exact ?? vpcSubnets,
                    publicIPv4: c.publiclyAccessible || !c.nodePublicIPs.isEmpty, ipv6: false,
                    subnetsUnknownReason: region.ec2.subnets.unknownReason)
                let evidence = evidence(c, ["exposure": .object(facts), "clusterSubnetGroupName": .optional(c.clusterSubnetGroupName)])
                if exact != nil, case .reachable(let why) = verdict {
                    return .fail(c.ref, "Redshift cluster \(c.id) is reachable from the internet on TCP \(port): \(why).", evidence: evidence)
                }
                switch verdict {
                case .reachable(let why):
                    let reason = region.redshift.subnetGroups.unknownReason ?? "its subnet group \(c.clusterSubnetGroupName ?? "") is not in describe-cluster-subnet-groups"
                    return .unknown(c.ref, "Redshift cluster \(c.id) may be reachable on TCP \(port): \(why); which subnets it uses is unknown: \(reason).")
                case .unknown(let why): return .unknown(c.ref, "Whether \(c.id) is reachable from the internet on TCP \(port) is undecided: \(why).")
                case .blocked(let why):
                    let reason = c.publiclyAccessible ? why : "it is not publicly accessible (PubliclyAccessible=false)"
                    return .pass(c.ref, "\(c.id) is not reachable from the internet on TCP \(port): \(reason).", evidence: evidence)
                }
            }
        })
}
