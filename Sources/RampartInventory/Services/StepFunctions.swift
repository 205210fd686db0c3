import RampartJSON

/// What `describe-state-machine` says of a state machine.
public struct StateMachineDetails: Sendable {
    public var roleArn: String?
    /// `STANDARD` or `EXPRESS`.
    public var type: String?
    /// `loggingConfiguration.level`: `ALL`, `ERROR`, `FATAL` or `OFF`; nil when absent.
    public var loggingLevel: String?
    public var tracingEnabled: Bool
    /// `encryptionConfiguration.type`: `AWS_OWNED_KEY` or `CUSTOMER_MANAGED_KMS_KEY`; nil when absent (AWS owned).
    public var encryptionType: String?
}

/// A Step Functions state machine (`list-state-machines`) with its description.
public struct StateMachine: Resource {
    public var ref: ResourceRef
    public var tags: Tags { [:] }
    public var name: String
    public var details: Known<StateMachineDetails>
}

/// The region's state machines.
public struct StepFunctionsInventory: Sendable {
    public var stateMachines: Known<[StateMachine]>
}

extension StepFunctionsInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> StepFunctionsInventory {
        func call(_ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: "stepfunctions", operation: operation, resource: resource)
        }
        let listing = loader.load(call("list-state-machines")) { (root) throws(JSONShapeError) in
            try root.map("stateMachines") { (m) throws(JSONShapeError) in (arn: try m.requiredString("stateMachineArn"), name: try m.string("name") ?? "") }
        }
        let machines = listing.map { entries in
            entries.map { entry in
                StateMachine(
                    ref: ResourceRef(arn: entry.arn, type: "AWS::StepFunctions::StateMachine", account: scope.account, region: scope.region, name: entry.name),
                    name: entry.name,
                    details: loader.load(call("describe-state-machine", entry.arn)) { (m) throws(JSONShapeError) in
                        StateMachineDetails(
                            roleArn: try m.string("roleArn"), type: try m.string("type"),
                            loggingLevel: try m.optional("loggingConfiguration")?.string("level"),
                            tracingEnabled: try m.optional("tracingConfiguration")?.bool("enabled") ?? false,
                            encryptionType: try m.optional("encryptionConfiguration")?.string("type"))
                    })
            }
        }
        return StepFunctionsInventory(stateMachines: machines)
    }
}
