import RampartFindings
import RampartInventory
import RampartJSON

/// ECS task definitions, judged on the newest active revision of each family (what a new
/// task runs, and what Security Hub's ECS controls evaluate): host namespaces, privileged and
/// root containers, writable root file systems, credentials in the environment, logging and
/// the task role's power.
enum ECSTaskDefinitionChecks {
    static let all: [Check] = [secureHostNetworking, noHostNetwork, noHostPID, nonPrivileged, readOnlyRoot, nonRootUser,
                               noSecretsInEnvironment, logging, taskRoleNotAdmin]

    /// Judges each family's newest active revision whose description was read; UNKNOWN for those not read.
    static func each(_ ctx: CheckContext, _ judge: (ECSTaskDefinitionRevision, ECSTaskDefinition, RegionInventory) -> CheckOutcome?) -> [CheckOutcome] {
        var out: [CheckOutcome] = []
        for region in ctx.inventory.regions {
            switch region.ecs.latestTaskDefinitions {
            case .unknown(let reason): out.append(.unknown(ctx.scopeRef(region.scope), reason))
            case .known(let revisions):
                for revision in revisions {
                    switch revision.definition {
                    case .unknown(let reason): out.append(.unknown(revision.ref, reason))
                    case .known(let td): if let outcome = judge(revision, td, region) { out.append(outcome) }
                    }
                }
            }
        }
        return out
    }

    /// Judges each container; FAIL names the containers `bad` picks.
    static func containers(_ revision: ECSTaskDefinitionRevision, _ td: ECSTaskDefinition, _ bad: (ECSContainerDefinition) -> Bool,
                           pass: String, fail: String, key: String) -> CheckOutcome {
        let offenders = td.containers.filter(bad).map(\.name)
        let name = "\(td.family):\(td.revision)"
        if offenders.isEmpty {
            return .pass(revision.ref, "Task definition \(name): \(pass).", evidence: [key: []])
        }
        return .fail(revision.ref, "Task definition \(name): \(fail): \(offenders.joined(separator: ", ")).", evidence: [key: .strings(offenders)])
    }

    /// A container runs as root when `user` is absent (the image's default, root for most images) or names uid/user 0/root.
    static func runsAsRoot(_ c: ECSContainerDefinition) -> Bool {
        guard let user = c.user?.split(separator: ":").first.map(String.init), !user.isEmpty else { return true }
        return user == "root" || user == "0"
    }

    static let secureHostNetworking = Check(
        CheckMetadata(
            id: "ecs.task-definition.host-network-user",
            title: "ECS task definitions in host network mode run containers as a non-root user or explicitly privileged",
            severity: .high, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECS.1"]], prowler: "ecs_task_definitions_host_networking_mode_users",
            risk: "A root container on the host's network stack can act on the host's interfaces; unless elevated rights were chosen deliberately this is an unintended escalation.",
            remediation: "Set a non-root user for each container of a host-network task definition (or move it to awsvpc mode) and register a new revision.",
            remediationCommand: "aws ecs register-task-definition --cli-input-json file://task-definition-with-user.json"),
        evaluate: { ctx in
            each(ctx) { revision, td, _ in
                guard td.networkMode == "host" else {
                    return .pass(revision.ref, "Task definition \(td.family):\(td.revision) does not use host network mode (\(td.networkMode ?? "default")).",
                                 evidence: ["networkMode": .optional(td.networkMode)])
                }
                return containers(revision, td, { $0.privileged != true && runsAsRoot($0) }, pass: "every container in host network mode runs as a non-root user or is explicitly privileged",
                                  fail: "host network mode with containers running as root, not privileged", key: "rootContainers")
            }
        })

    static let noHostNetwork = Check(
        CheckMetadata(
            id: "ecs.task-definition.no-host-network",
            title: "ECS task definitions do not use host network mode",
            severity: .medium, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "In host mode containers share the instance's network stack: they reach the instance metadata service and every port of the host, and no task security group applies.",
            remediation: "Use awsvpc network mode so each task has its own interface and security groups.",
            remediationCommand: "aws ecs register-task-definition --family <family> --network-mode awsvpc --container-definitions file://containers.json"),
        evaluate: { ctx in
            each(ctx) { revision, td, _ in
                let evidence: JSONObject = ["networkMode": .optional(td.networkMode)]
                return td.networkMode == "host" ? .fail(revision.ref, "Task definition \(td.family):\(td.revision) uses host network mode.", evidence: evidence)
                    : .pass(revision.ref, "Task definition \(td.family):\(td.revision) uses \(td.networkMode ?? "the default (bridge)") network mode.", evidence: evidence)
            }
        })

    static let noHostPID = Check(
        CheckMetadata(
            id: "ecs.task-definition.no-host-pid",
            title: "ECS task definitions do not share the host's process namespace",
            severity: .high, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECS.3"]], prowler: "ecs_task_definitions_host_namespace_not_shared",
            risk: "With pidMode host a container sees and can signal every process of the instance, other tasks' included.",
            remediation: "Remove pidMode host (or use task) and register a new revision.",
            remediationCommand: "aws ecs register-task-definition --cli-input-json file://task-definition-without-pidmode.json"),
        evaluate: { ctx in
            each(ctx) { revision, td, _ in
                let evidence: JSONObject = ["pidMode": .optional(td.pidMode)]
                return td.pidMode == "host" ? .fail(revision.ref, "Task definition \(td.family):\(td.revision) shares the host's process namespace (pidMode host).", evidence: evidence)
                    : .pass(revision.ref, "Task definition \(td.family):\(td.revision) does not share the host's process namespace.", evidence: evidence)
            }
        })

    static let nonPrivileged = Check(
        CheckMetadata(
            id: "ecs.task-definition.no-privileged-containers",
            title: "ECS containers do not run privileged",
            severity: .high, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECS.4"]], prowler: "ecs_task_definitions_no_privileged_containers",
            risk: "A privileged container has root on the host instance: a compromise of the container is a compromise of every task on it.",
            remediation: "Set privileged to false for every container and register a new revision.",
            remediationCommand: "aws ecs register-task-definition --cli-input-json file://task-definition-unprivileged.json"),
        evaluate: { ctx in
            each(ctx) { revision, td, _ in
                containers(revision, td, { $0.privileged == true }, pass: "no container runs privileged", fail: "privileged containers", key: "privilegedContainers")
            }
        })

    static let readOnlyRoot = Check(
        CheckMetadata(
            id: "ecs.task-definition.read-only-root-filesystem",
            title: "ECS containers have read-only root file systems",
            severity: .medium, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECS.5"]], prowler: "ecs_task_definitions_containers_readonly_access",
            risk: "A writable root file system lets an intruder alter the container's binaries and persist for the task's life.",
            remediation: "Set readonlyRootFilesystem to true (with volumes for the paths that must be written) and register a new revision.",
            remediationCommand: "aws ecs register-task-definition --cli-input-json file://task-definition-readonly-root.json"),
        evaluate: { ctx in
            each(ctx) { revision, td, _ in
                containers(revision, td, { $0.readonlyRootFilesystem != true }, pass: "every container has a read-only root file system",
                           fail: "containers with a writable root file system", key: "writableContainers")
            }
        })

    static let nonRootUser = Check(
        CheckMetadata(
            id: "ecs.task-definition.non-root-user",
            title: "ECS containers run as a non-root user",
            severity: .medium, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "A container running as root (the default when no user is set) turns a container escape flaw into root on the host.",
            remediation: "Set user to a non-root uid for every container and register a new revision.",
            remediationCommand: "aws ecs register-task-definition --cli-input-json file://task-definition-with-user.json"),
        evaluate: { ctx in
            each(ctx) { revision, td, _ in
                containers(revision, td, runsAsRoot, pass: "every container names a non-root user", fail: "containers running as root (user unset, root or 0)", key: "rootContainers")
            }
        })

    static let noSecretsInEnvironment = Check(
        CheckMetadata(
            id: "ecs.task-definition.no-environment-secrets",
            title: "ECS task definitions pass no credentials as plain-text environment variables",
            severity: .critical, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECS.8"]], prowler: "ecs_task_definitions_no_environment_secrets",
            risk: "A task definition's environment is readable by everyone with ecs:DescribeTaskDefinition and is kept in every revision: a credential there is shared and never goes away.",
            remediation: "Pass credentials through the container's secrets (Secrets Manager or Parameter Store) instead of environment, register a new revision, deregister the old ones and rotate the credential.",
            remediationCommand: "aws ecs deregister-task-definition --task-definition <family>:<revision>"),
        evaluate: { ctx in
            each(ctx) { revision, td, _ in
                var found: [String] = []
                for c in td.containers {
                    for hit in PlaintextSecrets.hits(c.environment.map { (name: $0.name, value: $0.value) }) {
                        found.append("\(c.name)/\(hit.name) (\(hit.rule))")
                    }
                }
                let name = "\(td.family):\(td.revision)"
                if found.isEmpty {
                    return .pass(revision.ref, "Task definition \(name)'s container environments hold nothing that looks like a credential.", evidence: ["secretVariables": []])
                }
                return .fail(revision.ref, "Task definition \(name) passes credentials in plain-text environment variables: \(found.joined(separator: "; ")).",
                             evidence: ["secretVariables": .strings(found)])
            }
        })

    static let logging = Check(
        CheckMetadata(
            id: "ecs.task-definition.logging",
            title: "ECS task definitions have a logging configuration for every container",
            severity: .medium, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECS.9"]], prowler: "ecs_task_definitions_logging_enabled",
            risk: "Without a log driver a container's output is lost when the task stops: nothing is left to investigate.",
            remediation: "Give every container a logConfiguration (awslogs or FireLens) and register a new revision.",
            remediationCommand: "aws ecs register-task-definition --cli-input-json file://task-definition-with-logging.json"),
        evaluate: { ctx in
            each(ctx) { revision, td, _ in
                containers(revision, td, { $0.logDriver == nil }, pass: "every container has a log configuration", fail: "containers without a log configuration", key: "containersWithoutLogging")
            }
        })

    static let taskRoleNotAdmin = Check(
        CheckMetadata(
            id: "ecs.task-definition.task-role-not-admin",
            title: "ECS task roles do not hold administrator power",
            severity: .high, resourceType: "AWS::ECS::TaskDefinition", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Whoever runs code in the container (an application flaw, a poisoned image) gets the task role's credentials from the metadata endpoint.",
            remediation: "Give the task a role limited to what the application calls, and register a new revision.",
            remediationCommand: "aws ecs register-task-definition --family <family> --task-role-arn <least-privilege-role-arn> --container-definitions file://containers.json"),
        evaluate: { ctx in
            each(ctx) { revision, td, region in
                ExecutionRoles.judge(ctx, account: region.scope.account, ref: revision.ref, roleArn: td.taskRoleArn, what: "Task definition \(td.family):\(td.revision)")
            }
        })
}
