/// Every check Rampart runs, in the order findings are reported. A service's checks are
/// listed in that service's file; add a check there and it is part of every scan.
public enum CheckCatalog {
    public static let all: [Check] =
        // Infrastructure services: the customer configures everything.
        SecurityGroupChecks.all + SecurityGroupPortChecks.all + NetworkACLChecks.all + InstanceChecks.all
        + InstanceExposureChecks.all + InstanceConfigurationChecks.all + NetworkACLHygieneChecks.all + EBSChecks.all
        + VolumeBackupChecks.all + SnapshotSharingChecks.all + VPCChecks.all
        + PublicAccessChecks.all + DataProtectionChecks.all + BucketSettingsChecks.all
        // Managed services: the customer's data-level settings.
        + DBInstanceChecks.all + DBInstanceSettingsChecks.all + DBClusterChecks.all + DBClusterSettingsChecks.all + DBSnapshotChecks.all
        + DynamoDBTableChecks.all + DynamoDBEncryptionChecks.all + RedshiftClusterChecks.all + RedshiftClusterSettingsChecks.all
        + EMRBlockPublicAccessChecks.all + EMRClusterChecks.all + WorkspaceChecks.all + LoadBalancerChecks.all
        + LoadBalancerSettingsChecks.all + AutoScalingGroupChecks.all + AutoScalingLaunchChecks.all
        // Identity: individual credentials and their protection.
        + RootUserChecks.all + IAMUserChecks.all + AccountIAMChecks.all + ManagedPolicyChecks.all
        + UserCredentialChecks.all + PasswordPolicyChecks.all + CloudShellAccessChecks.all + IdentityAnalysisChecks.all
        // Account-wide logging and keys.
        + CloudTrailChecks.all + CloudTrailLoggingChecks.all + MetricFilterAlarmChecks.all + ConfigRecorderChecks.all
        + KMSKeyChecks.all + KMSKeyStateChecks.all
        + ExternalAccessChecks.all
        // Business continuity: placement over zones and Regions.
        + PlacementChecks.all
        + GuardDutyChecks.all + SecurityHubChecks.all + BackupChecks.all
        // Edge, API and data services (issue 17, part C).
        + ECRRepositoryChecks.all + ElastiCacheReplicationGroupChecks.all + ElastiCacheCacheClusterChecks.all
        + EFSFileSystemChecks.all + EFSAccessPointChecks.all + OpenSearchDomainChecks.all + DataServicePlacementChecks.all
        // Abstracted services: messaging and secrets.
        + SQSQueueChecks.all + SNSTopicChecks.all + SecretChecks.all + KinesisStreamChecks.all + ACMCertificateChecks.all + SSMChecks.all
        // Container and abstracted services: compute the customer deploys code to.
        + LambdaFunctionChecks.all + ECSTaskDefinitionChecks.all + ECSClusterChecks.all + EKSClusterChecks.all
        + CodeBuildProjectChecks.all + StateMachineChecks.all + NotebookInstanceChecks.all + GlueChecks.all
        // Edge and API services (issue 17): CloudFront, API Gateway, WAFv2.
        + CloudFrontDistributionChecks.all + APIGatewayRestChecks.all + APIGatewayV2Checks.all + WAFv2WebACLChecks.all

    /// The check with this id, if any.
    public static func check(id: String) -> Check? { all.first { $0.metadata.id == id } }
}
