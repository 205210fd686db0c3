public import RampartJSON
import Foundation

/// An API Gateway REST API (`apigateway get-rest-apis`), with its stages (`get-stages`) and its
/// methods (`get-resources --embed methods`), each read by its own call.
public struct APIGatewayRestAPI: ResourcePolicyBearing {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var name: String
    /// `endpointConfiguration.types`: `EDGE`, `REGIONAL` or `PRIVATE`.
    public var endpointTypes: [String]
    /// The API's resource policy as JSON text (`policy`, unescaped); `.known(nil)` when it has none.
    public var resourcePolicy: Known<String?>
    public var stages: Known<[APIGatewayRestStage]>
    public var methods: Known<[APIGatewayMethod]>

    /// Reachable only through VPC endpoints.
    public var isPrivate: Bool { endpointTypes == ["PRIVATE"] }
}

/// A stage of a REST API, from `get-stages`.
public struct APIGatewayRestStage: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var apiId: String
    public var apiName: String
    public var name: String
    public var tracingEnabled: Bool?
    /// `clientCertificateId`: the certificate API Gateway presents to the backend; nil when none.
    public var clientCertificateId: String?
    /// `webAclArn`: the WAFv2 web ACL associated with the stage; nil when none.
    public var webACLArn: String?
    public var cacheClusterEnabled: Bool?
    /// `accessLogSettings.destinationArn`; nil when access logging is off.
    public var accessLogDestination: String?
    /// `methodSettings`, keyed `*/*` (every method) or `resource/METHOD`.
    public var methodSettings: [String: APIGatewayMethodSetting]
}

/// One entry of a stage's `methodSettings`.
public struct APIGatewayMethodSetting: Sendable {
    /// `OFF`, `ERROR` or `INFO`.
    public var loggingLevel: String?
    public var cachingEnabled: Bool?
    public var cacheDataEncrypted: Bool?
}

/// A method of a REST API resource (`get-resources --embed methods`).
public struct APIGatewayMethod: Sendable {
    public var path: String
    public var httpMethod: String
    /// `NONE`, `AWS_IAM`, `CUSTOM` or `COGNITO_USER_POOLS`; nil when not returned.
    public var authorizationType: String?
    public var apiKeyRequired: Bool?
}

/// An HTTP or WebSocket API (`apigatewayv2 get-apis`), with its stages and routes.
public struct APIGatewayV2API: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var id: String
    public var name: String
    /// `HTTP` or `WEBSOCKET`.
    public var protocolType: String?
    public var stages: Known<[APIGatewayV2Stage]>
    public var routes: Known<[APIGatewayV2Route]>
}

/// A stage of an HTTP or WebSocket API.
public struct APIGatewayV2Stage: Resource {
    public var ref: ResourceRef
    public var tags: Tags
    public var apiId: String
    public var apiName: String
    public var protocolType: String?
    public var name: String
    /// `AccessLogSettings.DestinationArn`; nil when access logging is off.
    public var accessLogDestination: String?
    /// `DefaultRouteSettings.LoggingLevel` (WebSocket APIs): `OFF`, `ERROR` or `INFO`.
    public var defaultRouteLoggingLevel: String?
}

/// A route of an HTTP or WebSocket API.
public struct APIGatewayV2Route: Resource {
    public var ref: ResourceRef
    /// Not returned by `get-routes`; empty.
    public var tags: Tags { [:] }
    public var apiId: String
    public var apiName: String
    public var routeKey: String
    /// `NONE`, `AWS_IAM`, `CUSTOM` or `JWT`; nil when not returned.
    public var authorizationType: String?
}

/// API Gateway (REST, HTTP and WebSocket APIs) in one region.
public struct APIGatewayInventory: Sendable {
    public var restAPIs: Known<[APIGatewayRestAPI]>
    public var httpAPIs: Known<[APIGatewayV2API]>
}

extension APIGatewayInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> APIGatewayInventory {
        func call(_ service: String, _ operation: String, _ resource: String? = nil) -> AWSCall {
            AWSCall(account: scope.account, region: scope.region, service: service, operation: operation, resource: resource)
        }
        // API Gateway ARNs carry no account: arn:aws:apigateway:REGION::/restapis/ID.
        func arn(_ path: String) -> String { "arn:\(scope.partition):apigateway:\(scope.region)::\(path)" }

        let rest = loader.load(call("apigateway", "get-rest-apis")) { (root) throws(JSONShapeError) in
            try root.map("items") { (a) throws(JSONShapeError) in
                (id: try a.requiredString("id"), name: try a.string("name") ?? "",
                 types: try a.optional("endpointConfiguration")?.strings("types") ?? [],
                 policy: try a.string("policy"), tags: try Self.tagMap(a.optional("tags")))
            }
        }
        let restAPIs: Known<[APIGatewayRestAPI]> = rest.map { apis in
            apis.map { a in
                let stages = loader.load(call("apigateway", "get-stages", a.id)) { (root) throws(JSONShapeError) in
                    try root.map("item") { (s) throws(JSONShapeError) in
                        let name = try s.requiredString("stageName")
                        var settings: [String: APIGatewayMethodSetting] = [:]
                        for (key, node) in try s.optional("methodSettings")?.members() ?? [] {
                            settings[key] = APIGatewayMethodSetting(
                                loggingLevel: try node.string("loggingLevel"), cachingEnabled: try node.bool("cachingEnabled"),
                                cacheDataEncrypted: try node.bool("cacheDataEncrypted"))
                        }
                        let destination = try s.optional("accessLogSettings")?.string("destinationArn")
                        return APIGatewayRestStage(
                            ref: ResourceRef(arn: arn("/restapis/\(a.id)/stages/\(name)"), type: "AWS::ApiGateway::Stage",
                                account: scope.account, region: scope.region, name: "\(a.name)/\(name)"),
                            tags: try Self.tagMap(s.optional("tags")), apiId: a.id, apiName: a.name, name: name,
                            tracingEnabled: try s.bool("tracingEnabled"),
                            clientCertificateId: try s.string("clientCertificateId").flatMap { $0.isEmpty ? nil : $0 },
                            webACLArn: try s.string("webAclArn").flatMap { $0.isEmpty ? nil : $0 },
                            cacheClusterEnabled: try s.bool("cacheClusterEnabled"),
                            accessLogDestination: destination?.isEmpty == true ? nil : destination, methodSettings: settings)
                    }
                }
                let methods = loader.load(call("apigateway", "get-resources", a.id)) { (root) throws(JSONShapeError) in
                    var out: [APIGatewayMethod] = []
                    for resource in try root.array("items") {
                        let path = try resource.string("path") ?? "?"
                        for (verb, method) in try resource.optional("resourceMethods")?.members() ?? [] {
                            out.append(APIGatewayMethod(
                                path: path, httpMethod: try method.string("httpMethod") ?? verb,
                                authorizationType: try method.string("authorizationType"), apiKeyRequired: try method.bool("apiKeyRequired")))
                        }
                    }
                    return out
                }
                return APIGatewayRestAPI(
                    ref: ResourceRef(arn: arn("/restapis/\(a.id)"), type: "AWS::ApiGateway::RestApi",
                        account: scope.account, region: scope.region, name: a.name.isEmpty ? a.id : a.name),
                    tags: a.tags, id: a.id, name: a.name, endpointTypes: a.types,
                    resourcePolicy: .known(a.policy.flatMap(Self.policyText)), stages: stages, methods: methods)
            }
        }

        let v2 = loader.load(call("apigatewayv2", "get-apis")) { (root) throws(JSONShapeError) in
            try root.map("Items") { (a) throws(JSONShapeError) in
                (id: try a.requiredString("ApiId"), name: try a.string("Name") ?? "", protocolType: try a.string("ProtocolType"),
                 tags: try Self.tagMap(a.optional("Tags")))
            }
        }
        let httpAPIs: Known<[APIGatewayV2API]> = v2.map { apis in
            apis.map { a in
                let stages = loader.load(call("apigatewayv2", "get-stages", a.id)) { (root) throws(JSONShapeError) in
                    try root.map("Items") { (s) throws(JSONShapeError) in
                        let name = try s.requiredString("StageName")
                        let destination = try s.optional("AccessLogSettings")?.string("DestinationArn")
                        return APIGatewayV2Stage(
                            ref: ResourceRef(arn: arn("/apis/\(a.id)/stages/\(name)"), type: "AWS::ApiGatewayV2::Stage",
                                account: scope.account, region: scope.region, name: "\(a.name)/\(name)"),
                            tags: try Self.tagMap(s.optional("Tags")), apiId: a.id, apiName: a.name, protocolType: a.protocolType, name: name,
                            accessLogDestination: destination?.isEmpty == true ? nil : destination,
                            defaultRouteLoggingLevel: try s.optional("DefaultRouteSettings")?.string("LoggingLevel"))
                    }
                }
                let routes = loader.load(call("apigatewayv2", "get-routes", a.id)) { (root) throws(JSONShapeError) in
                    try root.map("Items") { (r) throws(JSONShapeError) in
                        let routeId = try r.string("RouteId") ?? "?"
                        let key = try r.string("RouteKey") ?? routeId
                        return APIGatewayV2Route(
                            ref: ResourceRef(arn: arn("/apis/\(a.id)/routes/\(routeId)"), type: "AWS::ApiGatewayV2::Route",
                                account: scope.account, region: scope.region, name: "\(a.name) \(key)"),
                            apiId: a.id, apiName: a.name, routeKey: key, authorizationType: try r.string("AuthorizationType"))
                    }
                }
                return APIGatewayV2API(
                    ref: ResourceRef(arn: arn("/apis/\(a.id)"), type: "AWS::ApiGatewayV2::Api",
                        account: scope.account, region: scope.region, name: a.name.isEmpty ? a.id : a.name),
                    tags: a.tags, id: a.id, name: a.name, protocolType: a.protocolType, stages: stages, routes: routes)
            }
        }
        return APIGatewayInventory(restAPIs: restAPIs, httpAPIs: httpAPIs)
    }

    /// API Gateway's `tags` map (`{"key": "value"}`).
    static func tagMap(_ node: JSONNode?) throws(JSONShapeError) -> Tags {
        var tags: Tags = [:]
        for (key, value) in try node?.members() ?? [] { tags[key] = try value.string() }
        return tags
    }

    /// API Gateway returns a REST API's policy with its quotes escaped (`{\"Version\":...`); the
    /// document as JSON text, or the text as returned when it is neither form of JSON.
    static func policyText(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if (try? JSONParser.parse(trimmed)) != nil { return trimmed }
        let unescaped = trimmed.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\/", with: "/")
            .replacingOccurrences(of: "\\\\", with: "\\")
        if (try? JSONParser.parse(unescaped)) != nil { return unescaped }
        return trimmed
    }
}
