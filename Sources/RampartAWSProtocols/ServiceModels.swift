import RampartJSON

/// The wire protocol a service speaks, as botocore names it.
public enum AWSProtocol: String, Sendable {
    /// Form-encoded `Action=...` requests, XML responses in `<OpResult>` (IAM, RDS, ELBv2, STS ...).
    case query
    /// EC2's variant of query: different list and name rules, no result wrapper.
    case ec2
    /// JSON bodies with `X-Amz-Target` (DynamoDB, KMS, CloudTrail, EMR, WorkSpaces).
    case json
    /// REST paths, query strings and headers, XML bodies (S3, S3 Control, Route 53).
    case restXML = "rest-xml"
    /// REST paths, query strings and headers, JSON bodies (GuardDuty, Security Hub, Backup).
    case restJSON = "rest-json"
}

/// One AWS service as the AWS CLI knows it: how to reach it and how it talks.
public struct ServiceModel: Sendable {
    /// The AWS CLI's name (`s3api`, `elbv2`).
    public let cliName: String
    /// botocore's name (`s3`, `elbv2`).
    public let name: String
    public let wireProtocol: AWSProtocol
    public let apiVersion: String
    /// The first label of the service's host name (`ec2`, `elasticloadbalancing`, `s3-control`).
    public let endpointPrefix: String
    /// The service name in the SigV4 credential scope (`elasticmapreduce`, `s3` for S3 Control).
    public let signingName: String
    /// JSON protocol only: `1.0` or `1.1`.
    public let jsonVersion: String?
    /// JSON protocol only: what goes before `.<Operation>` in `X-Amz-Target`.
    public let targetPrefix: String?
    /// For services with one endpoint for all regions (IAM, Route 53): its host name...
    public let globalHostname: String?
    /// ...and the region that signs for it.
    public let globalSigningRegion: String?

    let shapes: ShapeTable
}

/// A paginated operation's pagination config (botocore's `paginators-1.json`).
public struct PaginatorModel: Sendable, Equatable {
    /// Request members that take the next page's tokens.
    public let inputTokens: [String]
    /// Where the tokens are in a page (dotted paths), pairwise with `inputTokens`.
    public let outputTokens: [String]
    /// The lists (or counts) concatenated across pages, first the primary one.
    public let resultKeys: [String]
    /// The request member that sets the page size.
    public let limitKey: String?
    /// A page member that says whether more pages follow (`IsTruncated`).
    public let moreResults: String?
    /// Members kept from the first page as they are (`Owner` of `list-buckets`).
    public let nonAggregateKeys: [String]
}

/// One operation: what the AWS CLI calls `<service> <operation>`.
public struct OperationModel: Sendable {
    public let service: ServiceModel
    /// The API name (`DescribeDBInstances`).
    public let name: String
    /// The AWS CLI's name (`describe-db-instances`).
    public let cliName: String
    public let httpMethod: String
    /// The request URI template (`/{Bucket}?acl`, `/2013-04-01/hostedzone/{Id}/rrset`).
    public let requestURI: String
    public let inputShapeName: String?
    public let outputShapeName: String?
    /// Query protocol: the element the result sits in (`DescribeDBInstancesResult`).
    public let resultWrapper: String?
    public let paginator: PaginatorModel?

    let input: Int?
    let output: Int?
}

/// The botocore models of every operation Rampart calls, parsed once from the generated data
/// (`Generated/AWSModels.swift`, written by `scripts/generate_aws_models.py`).
///
/// A call goes through the codecs in this order:
/// 1. `Pagination.initialParameters` (what the AWS CLI adds, such as EC2's page size);
/// 2. `AWSRequestBuilder.build` → sign and send to `AWSEndpoints.url(...)`;
/// 3. `AWSResponseDecoder.decode` → one page, or an `AWSServiceError`;
/// 4. `Pagination.nextRequestParameters` until nil, then `Pagination.merge` of the pages;
/// 5. `CLICustomizations.followUpCalls` / `combine` for the commands the CLI builds from
///    several calls (`emr describe-cluster`).
///
/// The result is the JSON `aws --output json <service> <operation>` prints; an empty object
/// means the CLI prints nothing.
public struct AWSServiceModels: Sendable {
    /// The models generated from the installed botocore.
    public static let shared: AWSServiceModels = {
        do {
            return try AWSServiceModels(json: awsModelsJSON)
        } catch {
            fatalError("Generated/AWSModels.swift is not a valid model: \(error)")
        }
    }()

    /// The botocore version the models come from.
    public let botocoreVersion: String
    public let services: [String: ServiceModel]
    private let operations: [String: [String: OperationModel]]
    private let operationsByAPIName: [String: [String: OperationModel]]

    /// Reads a model in the generated format.
    public init(json: String) throws {
        let root = JSONNode(try JSONParser.parse(json))
        botocoreVersion = try root.requiredString("botocore")
        var services: [String: ServiceModel] = [:]
        var operations: [String: [String: OperationModel]] = [:]
        var byAPI: [String: [String: OperationModel]] = [:]
        for (cliName, node) in try root.required("services").members() {
            let protocolName = try node.requiredString("protocol")
            guard let proto = AWSProtocol(rawValue: protocolName) else {
                throw JSONShapeError(path: node.path.description, message: "unsupported protocol \(protocolName)")
            }
            let shapes = try ShapeTable(node.required("shapes"))
            let service = ServiceModel(
                cliName: cliName, name: try node.requiredString("service"), wireProtocol: proto,
                apiVersion: try node.requiredString("apiVersion"), endpointPrefix: try node.requiredString("endpointPrefix"),
                signingName: try node.requiredString("signingName"), jsonVersion: try node.string("jsonVersion"),
                targetPrefix: try node.string("targetPrefix"), globalHostname: try node.string("globalHostname"),
                globalSigningRegion: try node.string("signingRegion"), shapes: shapes)
            services[cliName] = service
            for (opCLIName, op) in try node.required("operations").members() {
                let inputName = try op.string("input")
                let outputName = try op.string("output")
                var paginator: PaginatorModel?
                if let p = try op.optional("paginator") {
                    paginator = PaginatorModel(
                        inputTokens: try p.strings("inputToken"), outputTokens: try p.strings("outputToken"),
                        resultKeys: try p.strings("resultKey"), limitKey: try p.string("limitKey"),
                        moreResults: try p.string("moreResults"), nonAggregateKeys: try p.strings("nonAggregateKeys"))
                }
                let model = OperationModel(
                    service: service, name: try op.requiredString("name"), cliName: opCLIName,
                    httpMethod: try op.requiredString("method"), requestURI: try op.requiredString("requestUri"),
                    inputShapeName: inputName, outputShapeName: outputName, resultWrapper: try op.string("resultWrapper"),
                    paginator: paginator,
                    input: try inputName.map { name throws(JSONShapeError) in try shapes.index(of: name, at: op.path) },
                    output: try outputName.map { name throws(JSONShapeError) in try shapes.index(of: name, at: op.path) })
                operations[cliName, default: [:]][opCLIName] = model
                byAPI[cliName, default: [:]][model.name] = model
            }
        }
        self.services = services
        self.operations = operations
        self.operationsByAPIName = byAPI
    }

    /// The operation the AWS CLI runs for `aws <service> <cliName>`; nil when it is not in the models.
    public func operation(service: String, cliName: String) -> OperationModel? {
        operations[service]?[cliName]
    }

    /// The operation by its API name (`ListInstanceGroups`).
    public func operation(service: String, apiName: String) -> OperationModel? {
        operationsByAPIName[service]?[apiName]
    }

    /// Every operation of a service, by CLI name.
    public func operations(service: String) -> [String: OperationModel] {
        operations[service] ?? [:]
    }
}

// MARK: - Shapes (internal)

/// Where a member goes in a request or comes from in a response (rest protocols).
enum MemberLocation: String, Sendable {
    case uri, querystring, header, headers, statusCode
}

/// The serialization traits of one reference to a shape: the shape's own, with the
/// reference's merged over them (as botocore's `ShapeResolver` does).
struct Traits: Sendable {
    var locationName: String?
    var queryName: String?
    var flattened = false
    var location: MemberLocation?
    var timestampFormat: String?
    var xmlAttribute = false
    var jsonValue = false
    var hostLabel = false
    /// botocore's `min` (input shapes only): least length of a string or list, least number.
    var min: Double?

    static let none = Traits()
}

struct ShapeRef: Sendable {
    let shape: Int
    let traits: Traits
}

struct Member: Sendable {
    let name: String
    let ref: ShapeRef
}

enum ShapeKind: String, Sendable {
    case structure, list, map
    case string, character, integer, long, short, byte, boolean, float, double, timestamp, blob
    case bigdecimal, biginteger
}

struct Shape: Sendable {
    let name: String
    let kind: ShapeKind
    var members: [Member] = []
    var required: [String] = []
    var payload: String?
    var document = false
    var union = false
    var listMember: ShapeRef?
    var mapKey: ShapeRef?
    var mapValue: ShapeRef?

    func member(named name: String) -> Member? {
        members.first { $0.name == name }
    }
}

/// A service's shapes, addressed by index so that recursive shapes need no reference cycles.
final class ShapeTable: Sendable {
    let shapes: [Shape]
    let indexByName: [String: Int]

    init(_ node: JSONNode) throws(JSONShapeError) {
        let entries = try node.members()
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() { index[entry.key] = i }
        func ref(_ node: JSONNode) throws(JSONShapeError) -> ShapeRef {
            let parts = try node.array()
            guard let first = parts.first else { throw JSONShapeError(path: node.path.description, message: "empty shape reference") }
            let name = try first.string()
            guard let target = index[name] else { throw JSONShapeError(path: node.path.description, message: "unknown shape \(name)") }
            var traits = Traits()
            if parts.count > 1 {
                let t = parts[1]
                traits.locationName = try t.string("locationName")
                traits.queryName = try t.string("queryName")
                traits.flattened = try t.bool("flattened") ?? false
                if let location = try t.string("location") {
                    guard let parsed = MemberLocation(rawValue: location) else {
                        throw JSONShapeError(path: t.path.description, message: "unknown location \(location)")
                    }
                    traits.location = parsed
                }
                traits.timestampFormat = try t.string("timestampFormat")
                traits.xmlAttribute = try t.bool("xmlAttribute") ?? false
                traits.jsonValue = try t.bool("jsonvalue") ?? false
                traits.hostLabel = try t.bool("hostLabel") ?? false
                traits.min = try t.double("min")
            }
            return ShapeRef(shape: target, traits: traits)
        }
        var shapes: [Shape] = []
        shapes.reserveCapacity(entries.count)
        for (name, def) in entries {
            if case .string(let type) = def.value {
                guard let kind = ShapeKind(rawValue: type) else {
                    throw JSONShapeError(path: def.path.description, message: "unknown shape type \(type)")
                }
                shapes.append(Shape(name: name, kind: kind))
                continue
            }
            let type = try def.requiredString("type")
            guard let kind = ShapeKind(rawValue: type) else {
                throw JSONShapeError(path: def.path.description, message: "unknown shape type \(type)")
            }
            var shape = Shape(name: name, kind: kind)
            switch kind {
            case .structure:
                for m in try def.array("members") {
                    let parts = try m.array()
                    guard parts.count >= 2 else { throw JSONShapeError(path: m.path.description, message: "bad member") }
                    let rest = JSONNode(.array(parts.dropFirst().map(\.value)), path: m.path)
                    shape.members.append(Member(name: try parts[0].string(), ref: try ref(rest)))
                }
                shape.required = try def.strings("required")
                shape.payload = try def.string("payload")
                shape.document = try def.bool("document") ?? false
                shape.union = try def.bool("union") ?? false
            case .list:
                shape.listMember = try ref(def.required("member"))
            case .map:
                shape.mapKey = try ref(def.required("key"))
                shape.mapValue = try ref(def.required("value"))
            default:
                break
            }
            shapes.append(shape)
        }
        self.shapes = shapes
        self.indexByName = index
    }

    subscript(_ index: Int) -> Shape { shapes[index] }

    func index(of name: String, at path: JSONPath) throws(JSONShapeError) -> Int {
        guard let i = indexByName[name] else { throw JSONShapeError(path: path.description, message: "unknown shape \(name)") }
        return i
    }
}

extension OperationModel {
    var shapes: ShapeTable { service.shapes }
    var inputShape: Shape? { input.map { service.shapes[$0] } }
    var outputShape: Shape? { output.map { service.shapes[$0] } }
}
