/// Every check Rampart runs, in the order findings are reported. A service's checks are
/// listed in that service's file; add a check there and it is part of every scan.
public enum CheckCatalog {
    public static let all: [Check] =
        // Infrastructure services: the customer configures everything.
        SecurityGroupChecks.all + NetworkACLChecks.all + InstanceChecks.all + EBSChecks.all + VPCChecks.all
        + PublicAccessChecks.all + DataProtectionChecks.all
        // Managed services: the customer's data-level settings.
        + DBInstanceChecks.all + DBClusterChecks.all + DynamoDBTableChecks.all + RedshiftClusterChecks.all
        + EMRBlockPublicAccessChecks.all + WorkspaceChecks.all + LoadBalancerChecks.all + AutoScalingGroupChecks.all
        // Identity: individual credentials and their protection.
        + RootUserChecks.all + IAMUserChecks.all + AccountIAMChecks.all + ManagedPolicyChecks.all
        // Account-wide logging and keys.
        + CloudTrailChecks.all + KMSKeyChecks.all
        // Business continuity: placement over zones and Regions.
        + PlacementChecks.all

    /// The check with this id, if any.
    public static func check(id: String) -> Check? { all.first { $0.metadata.id == id } }
}
