/// An AWS Foundational Security Best Practices control that no check decides, and why: what a
/// read-only call cannot show. `rampart checks --format markdown` lists them under the catalogue,
/// so docs/checks.md says plainly what Rampart leaves to a person.
public struct UndecidableControl: Sendable {
    /// The FSBP control id (`Lambda.3`).
    public var control: String
    public var title: String
    public var why: String

    public init(_ control: String, _ title: String, why: String) {
        self.control = control
        self.title = title
        self.why = why
    }
}

extension CheckCatalog {
    /// FSBP controls of the services Rampart reads that no check decides, with the reason.
    public static let undecidableControls: [UndecidableControl] = [
        UndecidableControl("EFS.2", "Amazon EFS volumes should be in backup plans",
            why: "needs every AWS Backup plan's selections resolved against tags and resource types; Rampart reads plan names only (EFS.7, automatic backups, is decided)"),
        UndecidableControl("SecretsManager.2", "Secrets Manager secrets configured with automatic rotation should rotate successfully",
            why: "list-secrets and describe-secret do not report the last rotation's outcome; it is in the rotation function's logs and CloudTrail"),
        UndecidableControl("SSM.6", "SSM Automation should have CloudWatch logging enabled",
            why: "a service setting (/ssm/automation/customer-script-log-destination) Rampart does not read yet"),
        UndecidableControl("SSM.7", "SSM documents should have the block public sharing setting enabled",
            why: "decidable with ssm get-service-setting, which Rampart does not read yet (moto answers it with an HTML 500); each shared document is judged by ssm.document.not-public"),
        UndecidableControl("SNS.2", "Logging of delivery status should be enabled for notification messages sent to a topic",
            why: "AWS retired the control"),
        UndecidableControl("ECS.2", "ECS services should not have public IP addresses assigned to them automatically",
            why: "ECS services are not collected (describe-services needs the cluster and the service names together)"),
        UndecidableControl("ECS.10", "ECS Fargate services should run on the latest Fargate platform version",
            why: "ECS services are not collected, and the latest platform version is not in any read call's answer"),
        UndecidableControl("ECS.16", "ECS task sets should not automatically assign public IP addresses",
            why: "task sets are not collected"),
        UndecidableControl("CodeBuild.7", "CodeBuild report group exports should be encrypted at rest",
            why: "report groups are not collected"),
        UndecidableControl("SageMaker.4", "SageMaker endpoint production variants should have an initial instance count greater than 1",
            why: "endpoints and endpoint configurations are not collected"),
        UndecidableControl("Glue.4", "Glue Spark jobs should run on supported versions of AWS Glue",
            why: "AWS's Glue version support calendar is not in any read call's answer"),
        UndecidableControl("APIGateway.10", "API Gateway V2 integrations should use HTTPS for private connections",
            why: "needs apigatewayv2 get-integrations per API (the TlsConfig of each VPC_LINK integration), which Rampart does not collect yet"),
    ] + taggingControls

    /// "Should be tagged" controls: which tag keys are required is a parameter each organisation
    /// sets, not something AWS states, and Rampart does not guess it.
    static let taggingControls: [UndecidableControl] = [
        ("EFS.5", "EFS access points should be tagged"), ("ECR.4", "ECR public repositories should be tagged"),
        ("Opensearch.9", "OpenSearch domains should be tagged"), ("SecretsManager.5", "Secrets Manager secrets should be tagged"),
        ("SQS.2", "SQS queues should be tagged"), ("SNS.3", "SNS topics should be tagged"), ("Lambda.6", "Lambda functions should be tagged"),
        ("CloudFront.14", "CloudFront distributions should be tagged"),
    ].map { UndecidableControl($0.0, $0.1, why: "the tag keys required are the organisation's own parameter, not something AWS states") }
}
