public import RampartJSON

/// A call the AWS CLI makes on its own as part of a command.
public struct FollowUpCall: Sendable {
    public var operation: OperationModel
    public var parameters: JSONObject

    public init(operation: OperationModel, parameters: JSONObject) {
        self.operation = operation
        self.parameters = parameters
    }
}

/// What botocore's handlers and the AWS CLI's customizations change in the requests and the
/// output of the calls Rampart makes (botocore `handlers.py`, `awscli/customizations`):
///
/// - Route 53 ids: `/hostedzone/Z123` is sent as `Z123` (`fix_route53_ids`).
/// - IAM policy documents (`policyDocumentType`) are URL-decoded and parsed into JSON
///   (`json_decode_policies`).
/// - S3 `get-bucket-location`: `LocationConstraint` is the root element's text, null when
///   empty (`parse_get_bucket_location`).
/// - EC2 `describe-volumes` / `describe-snapshots` ask for pages of 1000
///   (`awscli/customizations/ec2/paginate.py`), see `Pagination.initialParameters`.
/// - `emr describe-cluster` is a CLI command of its own (`awscli/customizations/emr/
///   describecluster.py`): DescribeCluster, then ListInstanceGroups or ListInstanceFleets
///   and ListBootstrapActions, merged into `Cluster` — see `followUpCalls` and `combine`.
public enum CLICustomizations {
    // MARK: before the request

    /// Parameters as botocore's `before-parameter-build` handlers leave them.
    static func adjustParameters(operation: OperationModel, parameters: JSONObject) -> JSONObject {
        guard operation.service.name == "route53", let input = operation.inputShape else { return parameters }
        var out = parameters
        for member in input.members {
            let shapeName = operation.shapes[member.ref.shape].name
            guard ["ResourceId", "DelegationSetId", "ChangeId"].contains(shapeName),
                case .string(let id)? = parameters[member.name]
            else { continue }
            out[member.name] = .string(id.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? id)
        }
        return out
    }

    // MARK: after the call

    static func afterCall(operation: OperationModel, parsed: JSONObject, response: HTTPResponseParts) throws(DecodeError) -> JSONObject {
        var parsed = parsed
        switch (operation.service.name, operation.name) {
        case ("iam", _):
            if let output = operation.outputShape {
                parsed = decodePolicies(.object(parsed), shape: output, shapes: operation.shapes).objectValue ?? parsed
            }
        case ("s3", "GetBucketLocation"):
            let root = try AWSResponseDecoder.parseXML(response.body)
            parsed["LocationConstraint"] = root.text.isEmpty ? .null : .string(root.text)
        default:
            break
        }
        return parsed
    }

    /// botocore's `_decode_policy_types`: every `policyDocumentType` string member, found
    /// through structures and lists, becomes `json.loads(unquote(value))` (or stays as it is
    /// when that fails).
    static func decodePolicies(_ value: JSONValue, shape: Shape, shapes: ShapeTable) -> JSONValue {
        switch (shape.kind, value) {
        case (.structure, .object(var object)):
            for member in shape.members {
                guard let memberValue = object[member.name] else { continue }
                let memberShape = shapes[member.ref.shape]
                if memberShape.kind == .string, memberShape.name == "policyDocumentType" {
                    if case .string(let text) = memberValue, let decoded = PythonJSON.loads(PercentEncoding.decode(text)) {
                        object[member.name] = decoded
                    }
                } else if memberShape.kind == .structure || memberShape.kind == .list {
                    object[member.name] = decodePolicies(memberValue, shape: memberShape, shapes: shapes)
                }
            }
            return .object(object)
        case (.list, .array(let elements)):
            guard let memberRef = shape.listMember else { return value }
            let memberShape = shapes[memberRef.shape]
            guard memberShape.kind == .structure || memberShape.kind == .list else { return value }
            return .array(elements.map { decodePolicies($0, shape: memberShape, shapes: shapes) })
        default:
            return value
        }
    }

    // MARK: commands made of several calls

    /// The calls the AWS CLI makes after `operation` (with `parameters`) answered `result`,
    /// for commands it builds from several calls; empty for ordinary commands. Each follow-up
    /// is a single call (not paginated); if one fails, the CLI command fails with its error.
    public static func followUpCalls(after operation: OperationModel, parameters: JSONObject, result: JSONValue) -> [FollowUpCall] {
        guard operation.service.name == "emr", operation.name == "DescribeCluster" else { return [] }
        let models = AWSServiceModels.shared
        let service = operation.service.cliName
        var calls: [FollowUpCall] = []
        let clusterParameters = JSONObject(pairs: [("ClusterId", parameters["ClusterId"] ?? .null)])
        let isFleet = result["Cluster"]?["InstanceCollectionType"] == .string("INSTANCE_FLEET")
        if let list = models.operation(service: service, apiName: isFleet ? "ListInstanceFleets" : "ListInstanceGroups") {
            calls.append(FollowUpCall(operation: list, parameters: clusterParameters))
        }
        if let bootstrap = models.operation(service: service, apiName: "ListBootstrapActions") {
            calls.append(FollowUpCall(operation: bootstrap, parameters: clusterParameters))
        }
        return calls
    }

    /// What the AWS CLI prints for a command made of several calls: `result` is the first
    /// call's output, `followUpResults` the outputs of `followUpCalls`, in order.
    public static func combine(operation: OperationModel, result: JSONValue, followUps: [FollowUpCall], followUpResults: [JSONValue]) -> JSONValue {
        guard operation.service.name == "emr", operation.name == "DescribeCluster",
            case .object(var top) = result, case .object(var cluster)? = top["Cluster"]
        else { return result }
        cluster["BootstrapActions"] = .array([])
        for (call, output) in zip(followUps, followUpResults) {
            switch call.operation.name {
            case "ListInstanceFleets":
                if let fleets = output["InstanceFleets"], fleets != .null { cluster["InstanceFleets"] = fleets }
            case "ListInstanceGroups":
                if let groups = output["InstanceGroups"], groups != .null { cluster["InstanceGroups"] = groups }
            case "ListBootstrapActions":
                if let actions = output["BootstrapActions"], actions != .null { cluster["BootstrapActions"] = actions }
            default:
                break
            }
        }
        top["Cluster"] = .object(cluster)
        return .object(top)
    }
}
