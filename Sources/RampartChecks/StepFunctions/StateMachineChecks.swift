import RampartFindings
import RampartInventory
import RampartJSON

/// Step Functions state machines: execution logging, tracing, encryption and the role's power.
enum StateMachineChecks {
    static let all: [Check] = [logging, tracing, customerKey, roleNotAdmin]

    static func each(_ ctx: CheckContext, _ judge: (StateMachine, StateMachineDetails, RegionInventory) -> CheckOutcome?) -> [CheckOutcome] {
        ctx.eachRegional(\.stepFunctions.stateMachines) { m, region in
            switch m.details {
            case .unknown(let reason): .unknown(m.ref, reason)
            case .known(let d): judge(m, d, region)
            }
        }
    }

    static let logging = Check(
        CheckMetadata(
            id: "stepfunctions.state-machine.logging",
            title: "Step Functions state machines have logging turned on",
            severity: .medium, resourceType: "AWS::StepFunctions::StateMachine", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["StepFunctions.1"]], prowler: "stepfunctions_statemachine_logging_enabled",
            risk: "Without execution logs, failed or abused executions leave no record of their input, output and errors.",
            remediation: "Set the state machine's logging level to ERROR or ALL with a CloudWatch Logs destination.",
            remediationCommand: "aws stepfunctions update-state-machine --state-machine-arn <arn> --logging-configuration level=ERROR,includeExecutionData=false,destinations=[{cloudWatchLogsLogGroup={logGroupArn=<log-group-arn>}}]"),
        evaluate: { ctx in
            each(ctx) { m, d, _ in
                let evidence: JSONObject = ["level": .optional(d.loggingLevel)]
                if let level = d.loggingLevel, level != "OFF" {
                    return .pass(m.ref, "State machine \(m.name) logs at level \(level).", evidence: evidence)
                }
                return .fail(m.ref, "State machine \(m.name) has logging off.", evidence: evidence)
            }
        })

    static let tracing = Check(
        CheckMetadata(
            id: "stepfunctions.state-machine.xray-tracing",
            title: "Step Functions state machines have X-Ray tracing enabled",
            severity: .low, resourceType: "AWS::StepFunctions::StateMachine", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Without tracing, the services an execution called and where it failed cannot be followed.",
            remediation: "Enable X-Ray tracing on the state machine.",
            remediationCommand: "aws stepfunctions update-state-machine --state-machine-arn <arn> --tracing-configuration enabled=true"),
        evaluate: { ctx in
            each(ctx) { m, d, _ in
                d.tracingEnabled ? .pass(m.ref, "State machine \(m.name) has X-Ray tracing enabled.", evidence: ["tracingEnabled": true])
                    : .fail(m.ref, "State machine \(m.name) has X-Ray tracing disabled.", evidence: ["tracingEnabled": false])
            }
        })

    static let customerKey = Check(
        CheckMetadata(
            id: "stepfunctions.state-machine.customer-managed-key",
            title: "Step Functions state machines encrypt their data with a customer managed KMS key",
            severity: .low, resourceType: "AWS::StepFunctions::StateMachine", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "With the AWS owned key, access to execution data cannot be limited or audited through a key policy.",
            remediation: "Configure a customer managed KMS key for the state machine.",
            remediationCommand: "aws stepfunctions update-state-machine --state-machine-arn <arn> --encryption-configuration type=CUSTOMER_MANAGED_KMS_KEY,kmsKeyId=<kms-key-arn>"),
        evaluate: { ctx in
            each(ctx) { m, d, _ in
                let evidence: JSONObject = ["encryptionType": .optional(d.encryptionType)]
                return d.encryptionType == "CUSTOMER_MANAGED_KMS_KEY" ? .pass(m.ref, "State machine \(m.name) uses a customer managed key.", evidence: evidence)
                    : .fail(m.ref, "State machine \(m.name) uses the AWS owned key.", evidence: evidence)
            }
        })

    static let roleNotAdmin = Check(
        CheckMetadata(
            id: "stepfunctions.state-machine.role-not-admin",
            title: "Step Functions state machine roles do not hold administrator power",
            severity: .high, resourceType: "AWS::StepFunctions::StateMachine", serviceModel: .managed,
            frameworks: [:], prowler: nil,
            risk: "Whoever can start or update the state machine acts with its role: an administrator role makes states:StartExecution an administrator's right.",
            remediation: "Give the state machine a role limited to the services its states call.",
            remediationCommand: "aws stepfunctions update-state-machine --state-machine-arn <arn> --role-arn <least-privilege-role-arn>"),
        evaluate: { ctx in
            each(ctx) { m, d, region in
                ExecutionRoles.judge(ctx, account: region.scope.account, ref: m.ref, roleArn: d.roleArn, what: "State machine \(m.name)")
            }
        })
}
