/// A known way for one principal to obtain another's permissions, or to give a principal any
/// permission: the edges of the privilege-escalation graph, as data.
///
/// The methods are those catalogued by Rhino Security Labs' "AWS IAM Privilege Escalation"
/// research and by PMapper's edge checks (facts about AWS, restated here): each names the
/// action evaluated on the target's ARN, the companion actions the actor also needs (judged by
/// effective permissions), and what the target is.
public struct EscalationMethod: Sendable, Hashable {
    /// What the method gives the actor.
    public enum Effect: String, Sendable, Hashable {
        /// The actor obtains the target's permissions (acts as it, or joins it).
        case become
        /// The actor can give the target any permission.
        case grant
    }

    /// What the method acts on.
    public enum Target: Sendable, Hashable {
        /// IAM users (the target action's resource is the user's ARN).
        case user
        /// IAM roles (resource: the role's ARN).
        case role
        /// IAM groups (resource: the group's ARN).
        case group
        /// Customer managed policies; the targets are the users, roles and groups they are attached to.
        case attachedPolicy
        /// Users or roles with a permissions boundary (removing or replacing it lifts the ceiling).
        case boundedPrincipal
        /// Roles whose trust policy lets this service assume them (resource: the role's ARN).
        case serviceRole(String)
        /// Roles that EC2 instances can run as (an instance profile and a trust in ec2.amazonaws.com).
        case instanceRole
        /// Roles whose trust policy lets the actor assume them (evaluated with the trust policy).
        case assumableRole
    }

    /// Short id: the actions, joined with `+` (`iam:PassRole+ec2:RunInstances`).
    public let id: String
    public let effect: Effect
    public let target: Target
    /// Evaluated exactly on the target resource.
    public let targetAction: String
    /// Also needed, on their own resources (judged by effective permissions).
    public let companions: [String]
    /// Request context keys the method's request carries (`iam:PassedToService`, `iam:PolicyARN`).
    public let context: [String: String]
    /// Only users can use it (e.g. `iam:AddUserToGroup` adds the caller).
    public let usersOnly: Bool
    /// What must also exist, that Rampart cannot see (an existing function, a running instance).
    public let caveat: String?
    /// What the actor does, in a sentence.
    public let summary: String

    init(_ targetAction: String, _ companions: [String] = [], effect: Effect, target: Target, context: [String: String] = [:],
        usersOnly: Bool = false, caveat: String? = nil, _ summary: String)
    {
        id = ([targetAction] + companions).joined(separator: "+")
        self.effect = effect
        self.target = target
        self.targetAction = targetAction
        self.companions = companions
        self.context = context
        self.usersOnly = usersOnly
        self.caveat = caveat
        self.summary = summary
    }

    static let administratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess"

    /// Every method Rampart looks for.
    public static let all: [EscalationMethod] = [
        // Changing what a principal may do.
        .init("iam:CreatePolicyVersion", effect: .grant, target: .attachedPolicy,
            "writes a new default version of a customer managed policy attached to the target"),
        .init("iam:SetDefaultPolicyVersion", effect: .grant, target: .attachedPolicy,
            caveat: "another version of the policy must grant more than the default",
            "makes another existing version of an attached customer managed policy the default"),
        .init("iam:PutUserPolicy", effect: .grant, target: .user, "adds an inline policy to the user"),
        .init("iam:AttachUserPolicy", effect: .grant, target: .user, context: ["iam:PolicyARN": administratorAccess],
            "attaches AdministratorAccess to the user"),
        .init("iam:PutGroupPolicy", effect: .grant, target: .group, "adds an inline policy to the group, for every member"),
        .init("iam:AttachGroupPolicy", effect: .grant, target: .group, context: ["iam:PolicyARN": administratorAccess],
            "attaches AdministratorAccess to the group, for every member"),
        .init("iam:PutRolePolicy", effect: .grant, target: .role, "adds an inline policy to the role"),
        .init("iam:AttachRolePolicy", effect: .grant, target: .role, context: ["iam:PolicyARN": administratorAccess],
            "attaches AdministratorAccess to the role"),
        .init("iam:DeleteUserPermissionsBoundary", effect: .grant, target: .boundedPrincipal,
            "removes the permissions boundary that limits the user"),
        .init("iam:DeleteRolePermissionsBoundary", effect: .grant, target: .boundedPrincipal,
            "removes the permissions boundary that limits the role"),
        .init("iam:PutUserPermissionsBoundary", effect: .grant, target: .boundedPrincipal, context: ["iam:PermissionsBoundary": administratorAccess],
            "replaces the user's permissions boundary with a permissive one"),
        .init("iam:PutRolePermissionsBoundary", effect: .grant, target: .boundedPrincipal, context: ["iam:PermissionsBoundary": administratorAccess],
            "replaces the role's permissions boundary with a permissive one"),
        // Becoming another principal.
        .init("iam:AddUserToGroup", effect: .become, target: .group, usersOnly: true, "adds itself to the group"),
        .init("iam:CreateAccessKey", effect: .become, target: .user, "creates an access key for the user and signs in as it"),
        .init("iam:CreateLoginProfile", effect: .become, target: .user, caveat: "the user must have no console password yet",
            "sets a console password for the user"),
        .init("iam:UpdateLoginProfile", effect: .become, target: .user, caveat: "the user must have a console password",
            "changes the user's console password"),
        .init("sts:AssumeRole", effect: .become, target: .assumableRole,
            "assumes the role (its trust policy and the actor's identity policies allow it)"),
        .init("iam:UpdateAssumeRolePolicy", effect: .become, target: .role,
            "rewrites the role's trust policy to name itself, then assumes the role"),
        .init("iam:PassRole", ["ec2:RunInstances"], effect: .become, target: .serviceRole("ec2.amazonaws.com"),
            context: ["iam:PassedToService": "ec2.amazonaws.com"], caveat: "an instance profile for the role is needed",
            "launches an EC2 instance with the role and uses its credentials"),
        .init("iam:PassRole", ["autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"], effect: .become,
            target: .serviceRole("ec2.amazonaws.com"), context: ["iam:PassedToService": "ec2.amazonaws.com"],
            caveat: "an instance profile for the role is needed",
            "starts instances with the role through an Auto Scaling group"),
        .init("iam:PassRole", ["lambda:CreateFunction", "lambda:InvokeFunction"], effect: .become,
            target: .serviceRole("lambda.amazonaws.com"), context: ["iam:PassedToService": "lambda.amazonaws.com"],
            "creates a Lambda function with the role and invokes it"),
        .init("iam:PassRole", ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"], effect: .become,
            target: .serviceRole("lambda.amazonaws.com"), context: ["iam:PassedToService": "lambda.amazonaws.com"],
            "creates a Lambda function with the role and triggers it from an event source"),
        .init("lambda:UpdateFunctionCode", effect: .become, target: .serviceRole("lambda.amazonaws.com"),
            caveat: "a Lambda function running as the role must exist (functions are not collected)",
            "replaces the code of a function that runs as the role"),
        .init("iam:PassRole", ["glue:CreateDevEndpoint"], effect: .become, target: .serviceRole("glue.amazonaws.com"),
            context: ["iam:PassedToService": "glue.amazonaws.com"], "creates a Glue development endpoint with the role and logs in to it"),
        .init("glue:UpdateDevEndpoint", effect: .become, target: .serviceRole("glue.amazonaws.com"),
            caveat: "a Glue development endpoint running as the role must exist", "adds its SSH key to an endpoint that runs as the role"),
        .init("iam:PassRole", ["cloudformation:CreateStack"], effect: .become, target: .serviceRole("cloudformation.amazonaws.com"),
            context: ["iam:PassedToService": "cloudformation.amazonaws.com"], "creates a CloudFormation stack that runs as the role"),
        .init("iam:PassRole", ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"],
            effect: .become, target: .serviceRole("datapipeline.amazonaws.com"),
            context: ["iam:PassedToService": "datapipeline.amazonaws.com"], "runs a Data Pipeline activity as the role"),
        .init("iam:PassRole", ["codebuild:CreateProject", "codebuild:StartBuild"], effect: .become,
            target: .serviceRole("codebuild.amazonaws.com"), context: ["iam:PassedToService": "codebuild.amazonaws.com"],
            "creates a CodeBuild project with the role and runs a build"),
        .init("codebuild:UpdateProject", ["codebuild:StartBuild"], effect: .become, target: .serviceRole("codebuild.amazonaws.com"),
            caveat: "a CodeBuild project running as the role must exist", "changes the buildspec of a project that runs as the role"),
        .init("iam:PassRole", ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], effect: .become,
            target: .serviceRole("sagemaker.amazonaws.com"), context: ["iam:PassedToService": "sagemaker.amazonaws.com"],
            "creates a SageMaker notebook with the role and opens it"),
        .init("sagemaker:CreatePresignedNotebookInstanceUrl", effect: .become, target: .serviceRole("sagemaker.amazonaws.com"),
            caveat: "a notebook instance running as the role must exist", "opens an existing notebook that runs as the role"),
        .init("iam:PassRole", ["ecs:RegisterTaskDefinition", "ecs:RunTask"], effect: .become, target: .serviceRole("ecs-tasks.amazonaws.com"),
            context: ["iam:PassedToService": "ecs-tasks.amazonaws.com"], "runs an ECS task with the role"),
        .init("ssm:SendCommand", effect: .become, target: .instanceRole, caveat: "an instance running with the role's profile must be managed by SSM",
            "runs a command on an instance that has the role"),
        .init("ssm:StartSession", effect: .become, target: .instanceRole, caveat: "an instance running with the role's profile must be managed by SSM",
            "opens a shell on an instance that has the role"),
        .init("ec2-instance-connect:SendSSHPublicKey", effect: .become, target: .instanceRole,
            caveat: "an instance running with the role's profile must accept EC2 Instance Connect", "logs in to an instance that has the role"),
    ]
}
