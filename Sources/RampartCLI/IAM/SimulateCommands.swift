import ArgumentParser
import Foundation
import RampartIAM
import RampartJSON
import RampartOutputs

/// The flags `aws iam simulate-custom-policy` and `simulate-principal-policy` share, with the
/// AWS CLI's names, list syntax (`--action-names a b c`), `file://` values and `--cli-input-json`.
struct SimulationOptions: ParsableArguments {
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Identity policies (JSON text or file://).", valueName: "POLICY"))
    var policyInputList: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Actions to evaluate, service:Action.", valueName: "ACTION"))
    var actionNames: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Resources to evaluate each action on (default *).", valueName: "ARN"))
    var resourceArns: [String] = []

    @Option(help: ArgumentHelp("A resource-based policy attached to every simulated resource.", valueName: "POLICY"))
    var resourcePolicy: String?

    @Option(help: ArgumentHelp("Account owning resources whose ARN names none (ID or arn:aws:iam::ID:root).", valueName: "ARN"))
    var resourceOwner: String?

    @Option(help: ArgumentHelp("The IAM user making the simulated calls.", valueName: "ARN"))
    var callerArn: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Context keys: ContextKeyName=K,ContextKeyValues=V1,V2,ContextKeyType=T (repeat per key) or a JSON list.", valueName: "ENTRY"))
    var contextEntries: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("The permissions boundary to simulate (one policy).", valueName: "POLICY"))
    var permissionsBoundaryPolicyInputList: [String] = []

    @Option(help: ArgumentHelp("Accepted for compatibility; Rampart evaluates the resources given.", valueName: "OPTION"))
    var resourceHandlingOption: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Rampart extension: service control policies, one argument per organization level (root first).", valueName: "POLICY"))
    var scpInputList: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Rampart extension: resource control policies, one argument per organization level (root first).", valueName: "POLICY"))
    var rcpInputList: [String] = []

    @Option(help: ArgumentHelp("Rampart extension: a session policy passed when the session was created.", valueName: "POLICY"))
    var sessionPolicy: String?

    @Option(help: ArgumentHelp("Read the parameters from a JSON document (the API's member names; file:// accepted).", valueName: "JSON"))
    var cliInputJson: String?

    @Option(help: ArgumentHelp("Output: json (the AWS CLI's) or table.", valueName: "FORMAT"))
    var output = "json"

    @Flag(help: "Number of decisions and their time on stderr.")
    var debug = false

    /// The request, with command-line flags taking precedence over `--cli-input-json`.
    func request(extraIdentity: [SimulatedPolicy] = [], defaultBoundary: SimulatedPolicy? = nil, defaultCaller: String? = nil,
        input: JSONObject?) throws -> SimulationRequest
    {
        guard ["json", "table"].contains(output) else { throw RampartError("unknown --output \"\(output)\"; choose json or table") }
        let inputPolicies = try policyInputList.isEmpty ? (input.flatMap { try AWSCLIValues.strings($0, "PolicyInputList") } ?? []) : policyInputList
        let actions = try actionNames.isEmpty ? (input.flatMap { try AWSCLIValues.strings($0, "ActionNames") } ?? []) : actionNames
        let resources = try resourceArns.isEmpty ? (input.flatMap { try AWSCLIValues.strings($0, "ResourceArns") } ?? []) : resourceArns
        let boundaries = try permissionsBoundaryPolicyInputList.isEmpty
            ? (input.flatMap { try AWSCLIValues.strings($0, "PermissionsBoundaryPolicyInputList") } ?? []) : permissionsBoundaryPolicyInputList
        let resourcePolicyText = try resourcePolicy ?? input.flatMap { try AWSCLIValues.string($0, "ResourcePolicy") }
        var context: [String: ContextValue] = [:]
        if contextEntries.isEmpty, let entries = input?["ContextEntries"] {
            context = try AWSCLIValues.contextEntries([JSONWriter.string(entries)])
        } else {
            context = try AWSCLIValues.contextEntries(contextEntries)
        }
        if boundaries.count > 1 { throw RampartError("--permissions-boundary-policy-input-list takes one policy") }
        func policy(_ id: String, _ value: String, flag: String, type: String? = nil) throws -> SimulatedPolicy {
            do {
                return try SimulatedPolicy(id: id, sourceType: type, text: try AWSCLIValues.resolve(value, flag: flag))
            } catch let error as SimulationInputError {
                throw RampartError(error.description)
            }
        }
        let identity = try inputPolicies.enumerated().map { try policy("PolicyInputList.\($0.offset + 1)", $0.element, flag: "--policy-input-list") }
        let boundary = try boundaries.first.map { try policy("PermissionsBoundaryPolicyInputList.1", $0, flag: "--permissions-boundary-policy-input-list") }
        let scps = try scpInputList.enumerated().map { [try policy("ScpInputList.\($0.offset + 1)", $0.element, flag: "--scp-input-list")] }
        let rcps = try rcpInputList.enumerated().map { [try policy("RcpInputList.\($0.offset + 1)", $0.element, flag: "--rcp-input-list")] }
        return SimulationRequest(
            identityPolicies: extraIdentity + identity,
            permissionsBoundary: boundary ?? defaultBoundary,
            resourcePolicy: try resourcePolicyText.map { try policy("ResourcePolicy", $0, flag: "--resource-policy", type: "resource") },
            sessionPolicies: try sessionPolicy.map { [try policy("SessionPolicy", $0, flag: "--session-policy")] },
            serviceControlPolicies: scps, resourceControlPolicies: rcps,
            actions: actions, resources: resources.isEmpty ? ["*"] : resources,
            callerArn: try callerArn ?? input.flatMap { try AWSCLIValues.string($0, "CallerArn") } ?? defaultCaller,
            resourceOwner: try resourceOwner ?? input.flatMap { try AWSCLIValues.string($0, "ResourceOwner") },
            context: context)
    }

    func run(_ request: SimulationRequest) throws {
        let results: [SimulationResult]
        let started = Date()
        do { results = try PolicySimulator.simulate(request) } catch { throw RampartError(error.description) }
        if debug {
            let seconds = Date().timeIntervalSince(started)
            note(String(format: "debug: %d decisions in %.3f s (%.0f per second)", results.count, seconds, Double(results.count) / max(seconds, 1e-9)))
        }
        if output == "table" {
            print(SimulationReport.table(results), terminator: "")
        } else {
            print(JSONWriter.string(SimulationReport.json(results), pretty: true))
        }
    }
}

/// `rampart iam simulate-custom-policy`: the AWS CLI's command, evaluated locally.
struct SimulateCustomPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-custom-policy",
        abstract: "Evaluate policies given as text, as 'aws iam simulate-custom-policy' does, offline.",
        discussion: """
            Takes the AWS CLI's flags and prints the same JSON (EvaluationResults). Nothing is sent to AWS.

            Examples:
              rampart iam simulate-custom-policy --policy-input-list file://policy.json --action-names s3:GetObject s3:PutObject \\
                --resource-arns 'arn:aws:s3:::logs/*'
              rampart iam simulate-custom-policy --policy-input-list file://p.json --action-names dynamodb:CreateBackup \\
                --context-entries "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date"
            """)

    @OptionGroup var options: SimulationOptions

    func run() throws {
        let input = try options.cliInputJson.map(AWSCLIValues.cliInputJSON)
        let request = try options.request(input: input)
        if request.identityPolicies.isEmpty { throw RampartError("--policy-input-list needs at least one policy") }
        try options.run(request)
    }
}

/// `rampart iam simulate-principal-policy`: the AWS CLI's command over a snapshot or an
/// authorization-details file, following group membership, default versions and boundaries.
struct SimulatePrincipalPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-principal-policy",
        abstract: "Evaluate a user's, group's or role's policies, as 'aws iam simulate-principal-policy' does, offline.",
        discussion: """
            The principal's policies come from --snapshot DIR, --demo or --authorization-details FILE (the output of \
            'aws iam get-account-authorization-details'): its inline and attached policies at their default version, \
            its groups' policies, and its permissions boundary. A user is the caller unless --caller-arn says otherwise; \
            a role is simulated as one of its sessions.

            Example:
              rampart iam simulate-principal-policy --authorization-details file://auth.json \\
                --policy-source-arn arn:aws:iam::123456789012:user/alejandro --action-names codecommit:ListRepositories
            """)

    @Option(help: ArgumentHelp("The user, group or role whose policies to simulate.", valueName: "ARN"))
    var policySourceArn: String?

    @OptionGroup var source: IAMAccountSource
    @OptionGroup var options: SimulationOptions

    func run() async throws {
        let input = try options.cliInputJson.map(AWSCLIValues.cliInputJSON)
        guard let arn = try policySourceArn ?? input.flatMap({ try AWSCLIValues.string($0, "PolicySourceArn") }) else {
            throw RampartError("--policy-source-arn is required")
        }
        let account = try await source.load(preferring: RequestPrincipal(arn: arn).accountId)
        guard let principal = account.principal(arn: arn) else {
            throw RampartError("\(arn) is not a user, group or role of account \(account.accountId)")
        }
        let extra = principal.identityPolicies.map { Self.simulated($0, owner: principal) }
        let boundary = principal.permissionsBoundary.map { Self.simulated($0, owner: principal) }
        var request = try options.request(extraIdentity: extra, defaultBoundary: boundary,
            defaultCaller: principal.kind == .group ? nil : principal.arn, input: input)
        for (key, value) in principal.contextKeys where request.context[key] == nil { request.context[key] = value }
        // The source's organization policies of the principal's account, unless given on the command line.
        if request.serviceControlPolicies.isEmpty, principal.isRestrictedBySCPs {
            request.serviceControlPolicies = principal.organization.serviceControlPolicies.map { $0.map(Self.organizationPolicy) }
        }
        if request.resourceControlPolicies.isEmpty, !account.organization.isManagementAccount {
            request.resourceControlPolicies = account.organization.resourceControlPolicies.map { $0.map(Self.organizationPolicy) }
        }
        try options.run(request)
    }

    /// An SCP or RCP as `MatchedStatements` names it: its policy id (`p-...`).
    static func organizationPolicy(_ policy: NamedPolicy) -> SimulatedPolicy {
        SimulatedPolicy(id: String(policy.name.split(separator: "/").last ?? Substring(policy.name)), sourceType: "organizations",
            document: policy.document)
    }

    /// A policy of the account as `MatchedStatements` names it: its name, and its source type.
    static func simulated(_ policy: NamedPolicy, owner: IAMPrincipal) -> SimulatedPolicy {
        if policy.name.hasPrefix("arn:") {
            let name = String(policy.name.split(separator: "/").last ?? Substring(policy.name))
            return SimulatedPolicy(id: name, sourceType: policy.name.contains(":iam::aws:policy/") ? "aws-managed" : "user-managed",
                document: policy.document)
        }
        // Inline policies are named "kind/owner:policy" by IAMAccount.
        let kind = policy.name.split(separator: "/").first.map(String.init) ?? owner.kind.rawValue
        let name = policy.name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? policy.name
        return SimulatedPolicy(id: name, sourceType: kind, document: policy.document)
    }
}
