import Foundation
import RampartFindings
import RampartInventory
import RampartJSON

/// Lambda functions: who may invoke them (the function policy), runtime currency judged at the
/// collection time, VPC placement, tracing, dead-letter queues, credentials in the environment,
/// and the power of the execution role.
enum LambdaFunctionChecks {
    static let all: [Check] = [notPublic, supportedRuntime, inVPC, multiAZ, tracing, noSecretsInEnvironment,
                               environmentEncryptedWithCMK, deadLetterQueue, executionRoleNotAdmin]

    static func each(_ ctx: CheckContext, _ judge: (LambdaFunction, RegionInventory) -> CheckOutcome?) -> [CheckOutcome] {
        ctx.eachRegional(\.lambda.functions, judge)
    }

    static let notPublic = Check(
        CheckMetadata(
            id: "lambda.function.not-public",
            title: "Lambda function policies do not let everyone invoke or change the function",
            severity: .critical, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Lambda.1"]], prowler: "awslambda_function_not_publicly_accessible",
            risk: "A function policy that allows every principal lets anyone on the internet invoke the function (running its code, "
                + "with its role's permissions, at your cost) or, for management actions, change it.",
            remediation: "Remove the statement that allows \"*\", or pin it with aws:SourceArn/aws:SourceAccount to the one caller that needs it.",
            remediationCommand: "aws lambda remove-permission --function-name <function> --statement-id <statement-id>"),
        evaluate: { ctx in
            each(ctx) { f, _ in
                ExternalAccessChecks.judgeNotPublic(f, subject: "Function \(f.name)") { ref in
                    .pass(ref, "Function \(f.name) has no resource-based policy.", evidence: ["policy": .null])
                }
            }
        })

    /// AWS's deprecation dates of Lambda's managed runtimes (Lambda developer guide, "Lambda runtimes":
    /// supported and deprecated runtimes), as `yyyy-MM-dd`.
    static let runtimeDeprecation: [String: String] = [
        "nodejs": "2016-10-31", "nodejs4.3": "2020-03-05", "nodejs4.3-edge": "2019-04-30", "nodejs6.10": "2019-08-12",
        "nodejs8.10": "2020-03-06", "nodejs10.x": "2021-07-30", "nodejs12.x": "2023-03-31", "nodejs14.x": "2023-12-04",
        "nodejs16.x": "2024-06-12", "nodejs18.x": "2025-09-01", "nodejs20.x": "2026-04-30", "nodejs22.x": "2027-04-30",
        "nodejs24.x": "2028-04-30",
        "python2.7": "2021-07-15", "python3.6": "2022-07-18", "python3.7": "2023-12-04", "python3.8": "2024-10-14",
        "python3.9": "2025-12-15", "python3.10": "2026-06-30", "python3.11": "2026-06-30", "python3.12": "2028-10-31",
        "python3.13": "2029-06-30", "python3.14": "2029-06-30",
        "java8": "2024-01-08", "java8.al2": "2026-06-30", "java11": "2026-06-30", "java17": "2026-06-30", "java21": "2029-06-30",
        "java25": "2029-06-30",
        "dotnetcore1.0": "2019-07-30", "dotnetcore2.0": "2019-05-30", "dotnetcore2.1": "2022-01-05", "dotnetcore3.1": "2023-04-03",
        "dotnet6": "2024-12-20", "dotnet7": "2024-05-14", "dotnet8": "2026-11-10", "dotnet10": "2028-11-14",
        "ruby2.5": "2021-07-30", "ruby2.7": "2023-12-07", "ruby3.2": "2026-03-31", "ruby3.3": "2027-03-31", "ruby3.4": "2028-03-31",
        "go1.x": "2024-01-08", "provided": "2024-01-08", "provided.al2": "2026-06-30", "provided.al2023": "2029-06-30",
    ]

    static let supportedRuntime = Check(
        CheckMetadata(
            id: "lambda.function.supported-runtime",
            title: "Lambda functions use a runtime AWS still supports",
            severity: .medium, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Lambda.2"]], prowler: "awslambda_function_using_supported_runtimes",
            risk: "A deprecated runtime receives no security patches, and AWS blocks creating and then updating functions that use it.",
            remediation: "Move the function to a supported runtime of its language and redeploy it.",
            remediationCommand: "aws lambda update-function-configuration --function-name <function> --runtime <supported-runtime>"),
        evaluate: { ctx in
            each(ctx) { f, _ in
                guard let runtime = f.runtime else { return nil }  // container images carry their own runtime
                guard let day = runtimeDeprecation[runtime], let date = Timestamp.parse(day + "T00:00:00Z") else {
                    return .unknown(f.ref, "Function \(f.name) uses runtime \(runtime), which is not in Rampart's deprecation schedule.")
                }
                let evidence: JSONObject = ["runtime": .string(runtime), "deprecation": .string(day)]
                if date <= ctx.now {
                    return .fail(f.ref, "Function \(f.name) uses \(runtime), deprecated by AWS on \(day).", evidence: evidence)
                }
                return .pass(f.ref, "Function \(f.name) uses \(runtime), supported until \(day).", evidence: evidence)
            }
        })

    static let inVPC = Check(
        CheckMetadata(
            id: "lambda.function.in-vpc",
            title: "Lambda functions run in a VPC",
            severity: .low, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Lambda.3"]], prowler: "awslambda_function_inside_vpc",
            risk: "A function outside a VPC reaches the internet directly; its traffic cannot be filtered by security groups or network ACLs.",
            remediation: "Attach the function to private subnets and a security group of your VPC.",
            remediationCommand: "aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<subnet-ids>,SecurityGroupIds=<sg-ids>"),
        evaluate: { ctx in
            each(ctx) { f, _ in
                let evidence: JSONObject = ["subnetIds": .strings(f.vpcConfig.subnetIds)]
                return f.inVPC ? .pass(f.ref, "Function \(f.name) runs in VPC \(f.vpcConfig.vpcId ?? "?").", evidence: evidence)
                    : .fail(f.ref, "Function \(f.name) is not attached to a VPC.", evidence: evidence)
            }
        })

    static let multiAZ = Check(
        CheckMetadata(
            id: "lambda.function.vpc-multi-az",
            title: "Lambda functions in a VPC use subnets in more than one Availability Zone",
            severity: .medium, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Lambda.5"]], prowler: "awslambda_function_vpc_multi_az",
            risk: "A VPC function whose subnets are all in one zone stops when that zone does.",
            remediation: "Add subnets of at least one other Availability Zone to the function's VPC configuration.",
            remediationCommand: "aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg-ids>"),
        evaluate: { ctx in
            each(ctx) { f, region in
                guard f.inVPC else { return nil }
                guard case .known(let subnets) = region.ec2.subnets else {
                    return .unknown(f.ref, "Function \(f.name)'s subnets' zones are unknown: \(region.ec2.subnets.unknownReason ?? "describe-subnets was not read").")
                }
                var zones = Set<String>()
                for id in f.vpcConfig.subnetIds {
                    guard let subnet = subnets.first(where: { $0.id == id }), let zone = subnet.ref.availabilityZoneId ?? subnet.ref.availabilityZone else {
                        return .unknown(f.ref, "Function \(f.name) uses subnet \(id), which describe-subnets does not list.")
                    }
                    zones.insert(zone)
                }
                let evidence: JSONObject = ["subnetIds": .strings(f.vpcConfig.subnetIds), "zones": .strings(zones.sorted())]
                return zones.count > 1 ? .pass(f.ref, "Function \(f.name) has subnets in \(zones.count) zones.", evidence: evidence)
                    : .fail(f.ref, "Function \(f.name)'s subnets are all in one zone (\(zones.sorted().joined())).", evidence: evidence)
            }
        })

    static let tracing = Check(
        CheckMetadata(
            id: "lambda.function.xray-tracing",
            title: "Lambda functions have AWS X-Ray active tracing enabled",
            severity: .low, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["Lambda.7"]], prowler: nil,
            risk: "Without tracing, the path of a request through the function and what it called cannot be reconstructed in an investigation.",
            remediation: "Turn on active tracing.",
            remediationCommand: "aws lambda update-function-configuration --function-name <function> --tracing-config Mode=Active"),
        evaluate: { ctx in
            each(ctx) { f, _ in
                let evidence: JSONObject = ["tracingMode": .optional(f.tracingMode)]
                return f.tracingMode == "Active" ? .pass(f.ref, "Function \(f.name) has active tracing.", evidence: evidence)
                    : .fail(f.ref, "Function \(f.name)'s tracing mode is \(f.tracingMode ?? "not set") (not Active).", evidence: evidence)
            }
        })

    static let noSecretsInEnvironment = Check(
        CheckMetadata(
            id: "lambda.function.no-secrets-in-environment",
            title: "Lambda function environment variables hold no credentials in plain text",
            severity: .critical, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: [:], prowler: "awslambda_function_no_secrets_in_variables",
            risk: "Environment variables are shown to everyone who can read the function's configuration (lambda:GetFunctionConfiguration), "
                + "so a password there is shared with them, and with every log or tool that prints the configuration.",
            remediation: "Keep the credential in Secrets Manager or Parameter Store and have the function read it at run time; rotate the exposed one.",
            remediationCommand: "aws lambda update-function-configuration --function-name <function> --environment Variables={<NAME>=<secret-arn>}"),
        evaluate: { ctx in
            each(ctx) { f, _ in
                let hits = PlaintextSecrets.hits(f.environment.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) })
                if hits.isEmpty {
                    return .pass(f.ref, "Function \(f.name)'s \(f.environment.count) environment variables hold nothing that looks like a credential.",
                                 evidence: ["variables": .strings(f.environment.keys.sorted())])
                }
                return .fail(f.ref, "Function \(f.name) holds credentials in environment variables: "
                    + hits.map { "\($0.name) (\($0.rule))" }.joined(separator: "; ") + ".",
                    evidence: ["secretVariables": .strings(hits.map(\.name))])
            }
        })

    static let environmentEncryptedWithCMK = Check(
        CheckMetadata(
            id: "lambda.function.environment-cmk",
            title: "Lambda functions with environment variables encrypt them with a customer managed KMS key",
            severity: .low, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "With Lambda's own key, anyone allowed to read the function's configuration reads its environment; a customer key adds a key policy to pass.",
            remediation: "Set a customer managed KMS key for the function's environment.",
            remediationCommand: "aws lambda update-function-configuration --function-name <function> --kms-key-arn <kms-key-arn>"),
        evaluate: { ctx in
            each(ctx) { f, _ in
                guard !f.environment.isEmpty else { return nil }
                let evidence: JSONObject = ["kmsKeyArn": .optional(f.kmsKeyArn)]
                return f.kmsKeyArn != nil ? .pass(f.ref, "Function \(f.name)'s environment is encrypted with \(f.kmsKeyArn!).", evidence: evidence)
                    : .fail(f.ref, "Function \(f.name)'s environment is encrypted with Lambda's own key, not a customer managed key.", evidence: evidence)
            }
        })

    static let deadLetterQueue = Check(
        CheckMetadata(
            id: "lambda.function.dead-letter-queue",
            title: "Lambda functions have a dead-letter queue or topic for failed asynchronous events",
            severity: .low, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Without a dead-letter target, asynchronous events that fail every retry are dropped silently.",
            remediation: "Configure an SQS queue or SNS topic as the function's dead-letter target (or an on-failure destination).",
            remediationCommand: "aws lambda update-function-configuration --function-name <function> --dead-letter-config TargetArn=<queue-or-topic-arn>"),
        evaluate: { ctx in
            each(ctx) { f, _ in
                let evidence: JSONObject = ["deadLetterTarget": .optional(f.deadLetterTarget)]
                return f.deadLetterTarget != nil ? .pass(f.ref, "Function \(f.name) sends failed events to \(f.deadLetterTarget!).", evidence: evidence)
                    : .fail(f.ref, "Function \(f.name) has no dead-letter target.", evidence: evidence)
            }
        })

    static let executionRoleNotAdmin = Check(
        CheckMetadata(
            id: "lambda.function.execution-role-not-admin",
            title: "Lambda execution roles do not hold administrator power",
            severity: .high, resourceType: "AWS::Lambda::Function", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Code injection or a compromised dependency in the function runs with its role: an administrator role turns that into an account takeover.",
            remediation: "Give the function a role with only the actions and resources its code uses.",
            remediationCommand: "aws lambda update-function-configuration --function-name <function> --role <least-privilege-role-arn>"),
        evaluate: { ctx in
            each(ctx) { f, region in
                ExecutionRoles.judge(ctx, account: region.scope.account, ref: f.ref, roleArn: f.role, what: "Function \(f.name)")
            }
        })
}
