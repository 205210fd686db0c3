import RampartFindings
import RampartInventory
import RampartJSON

/// ECS clusters: Container Insights.
enum ECSClusterChecks {
    static let all: [Check] = [containerInsights]

    static let containerInsights = Check(
        CheckMetadata(
            id: "ecs.cluster.container-insights",
            title: "ECS clusters use Container Insights",
            severity: .medium, resourceType: "AWS::ECS::Cluster", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECS.12"]], prowler: "ecs_cluster_container_insights_enabled",
            risk: "Without Container Insights the cluster's tasks report no per-task metrics or diagnostics to detect and investigate failures.",
            remediation: "Turn on Container Insights for the cluster.",
            remediationCommand: "aws ecs update-cluster-settings --cluster <cluster> --settings name=containerInsights,value=enabled"),
        evaluate: { ctx in
            ctx.eachRegional(\.ecs.clusters) { cluster, _ in
                switch cluster.details {
                case .unknown(let reason): return .unknown(cluster.ref, reason)
                case .known(let d):
                    let evidence: JSONObject = ["containerInsights": .optional(d.containerInsights)]
                    if ["enabled", "enhanced"].contains(d.containerInsights ?? "") {
                        return .pass(cluster.ref, "Cluster \(cluster.name) has Container Insights \(d.containerInsights!).", evidence: evidence)
                    }
                    return .fail(cluster.ref, "Cluster \(cluster.name) has Container Insights \(d.containerInsights ?? "not set (disabled)").", evidence: evidence)
                }
            }
        })
}
