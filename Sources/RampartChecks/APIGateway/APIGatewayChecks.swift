import RampartFindings
import RampartInventory
import RampartJSON

extension CheckContext {
    /// Judges every item of a per-API collection (a REST API's stages, an HTTP API's routes ...);
    /// an unknown API listing gives one UNKNOWN for its region, an API whose own collection is
    /// unknown one UNKNOWN for that API.
    func eachAPIPart<API: Resource, Part>(
        _ apis: KeyPath<RegionInventory, Known<[API]>>, _ part: KeyPath<API, Known<[Part]>>,
        _ judge: (Part, API) -> CheckOutcome?
    ) -> [CheckOutcome] {
        var out: [CheckOutcome] = []
        for region in inventory.regions {
            switch region[keyPath: apis] {
            case .unknown(let reason):
                out.append(.unknown(scopeRef(region.scope), reason))
            case .known(let list):
                for api in list {
                    switch api[keyPath: part] {
                    case .unknown(let reason): out.append(.unknown(api.ref, reason))
                    case .known(let items): out += items.compactMap { judge($0, api) }
                    }
                }
            }
        }
        return out
    }
}

/// API Gateway REST API stages, from `get-stages`: execution and access logging, the backend
/// client certificate, X-Ray, WAF and cache encryption; and REST API methods' authorization.
enum APIGatewayRestChecks {
    static let all: [Check] = [executionLogging, accessLogging, clientCertificate, tracing, waf, cacheEncrypted, methodsAuthorized]

    static func eachStage(_ ctx: CheckContext, _ judge: (APIGatewayRestStage) -> CheckOutcome?) -> [CheckOutcome] {
        ctx.eachAPIPart(\.apiGateway.restAPIs, \.stages) { stage, _ in judge(stage) }
    }

    static func label(_ s: APIGatewayRestStage) -> String { "Stage \(s.name) of REST API \(s.apiName) (\(s.apiId))" }

    static let executionLogging = Check(
        CheckMetadata(
            id: "apigateway.rest-stage.execution-logging",
            title: "API Gateway REST API stages have execution logging at ERROR or INFO",
            severity: .medium, resourceType: "AWS::ApiGateway::Stage", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["APIGateway.1"]],
            prowler: "apigateway_restapi_logging_enabled",
            risk: "Without execution logs the requests an API served, the authorizer's decisions and backend errors leave no trace to investigate.",
            remediation: "Set the stage's logging level (methodSettings */*) to ERROR or INFO, and no method's to OFF.",
            remediationCommand: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR"),
        evaluate: { ctx in
            eachStage(ctx) { s in
                let levels = s.methodSettings.mapValues { $0.loggingLevel ?? "OFF" }
                let evidence: JSONObject = ["stage": .string(s.name), "api": .string(s.apiId),
                                            "loggingLevels": .object(JSONObject(pairs: levels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))]
                let stageWide = levels["*/*"]
                let off = levels.filter { $0.value != "ERROR" && $0.value != "INFO" }.keys.sorted()
                guard let stageWide, stageWide == "ERROR" || stageWide == "INFO" else {
                    return .fail(s.ref, "\(label(s)) has execution logging off (stage-wide level \(stageWide ?? "not set, OFF")).", evidence: evidence)
                }
                if !off.isEmpty {
                    return .fail(s.ref, "\(label(s)) logs at \(stageWide) but turns logging off for \(off.joined(separator: ", ")).", evidence: evidence)
                }
                return .pass(s.ref, "\(label(s)) logs execution at \(stageWide).", evidence: evidence)
            }
        })

    static let accessLogging = Check(
        CheckMetadata(
            id: "apigateway.rest-stage.access-logging",
            title: "API Gateway REST API stages write access logs",
            severity: .medium, resourceType: "AWS::ApiGateway::Stage", serviceModel: .managed,
            frameworks: [:],
            prowler: nil,
            risk: "Without access logs there is no record of who called the API, from where, and with what result.",
            remediation: "Configure access logging for the stage to a CloudWatch Logs group or Firehose stream.",
            remediationCommand: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log-group-arn>"),
        evaluate: { ctx in
            eachStage(ctx) { s in
                let evidence: JSONObject = ["stage": .string(s.name), "api": .string(s.apiId), "destination": .optional(s.accessLogDestination)]
                if let destination = s.accessLogDestination { return .pass(s.ref, "\(label(s)) writes access logs to \(destination).", evidence: evidence) }
                return .fail(s.ref, "\(label(s)) writes no access logs.", evidence: evidence)
            }
        })

    static let clientCertificate = Check(
        CheckMetadata(
            id: "apigateway.rest-stage.client-certificate",
            title: "API Gateway REST API stages present a client certificate to their backend",
            severity: .medium, resourceType: "AWS::ApiGateway::Stage", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["APIGateway.2"]],
            prowler: "apigateway_restapi_client_certificate_enabled",
            risk: "Without a client certificate the backend cannot tell requests from API Gateway from anyone else's that reach its endpoint.",
            remediation: "Generate an API Gateway client certificate, set it on the stage, and make the backend verify it.",
            remediationCommand: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/clientCertificateId,value=<certificate-id>"),
        evaluate: { ctx in
            eachStage(ctx) { s in
                let evidence: JSONObject = ["stage": .string(s.name), "api": .string(s.apiId), "clientCertificateId": .optional(s.clientCertificateId)]
                if let id = s.clientCertificateId { return .pass(s.ref, "\(label(s)) presents client certificate \(id) to its backend.", evidence: evidence) }
                return .fail(s.ref, "\(label(s)) presents no client certificate to its backend.", evidence: evidence)
            }
        })

    static let tracing = Check(
        CheckMetadata(
            id: "apigateway.rest-stage.xray-tracing",
            title: "API Gateway REST API stages have AWS X-Ray tracing on",
            severity: .low, resourceType: "AWS::ApiGateway::Stage", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["APIGateway.3"]],
            prowler: "apigateway_restapi_tracing_enabled",
            risk: "Without tracing, slow or failing requests cannot be followed through the API into the services behind it.",
            remediation: "Turn on X-Ray tracing for the stage.",
            remediationCommand: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/tracingEnabled,value=true"),
        evaluate: { ctx in
            eachStage(ctx) { s in
                let evidence: JSONObject = ["stage": .string(s.name), "api": .string(s.apiId), "tracingEnabled": s.tracingEnabled.map(JSONValue.bool) ?? .null]
                switch s.tracingEnabled {
                case true?: return .pass(s.ref, "\(label(s)) has X-Ray tracing on.", evidence: evidence)
                case false?: return .fail(s.ref, "\(label(s)) has X-Ray tracing off.", evidence: evidence)
                case nil: return .unknown(s.ref, "get-stages for API \(s.apiId) returned no tracingEnabled for stage \(s.name).")
                }
            }
        })

    static let waf = Check(
        CheckMetadata(
            id: "apigateway.rest-stage.waf",
            title: "API Gateway REST API stages are protected by an AWS WAF web ACL",
            severity: .medium, resourceType: "AWS::ApiGateway::Stage", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["APIGateway.4"]],
            prowler: "apigateway_restapi_waf_acl_attached",
            risk: "Without a web ACL every request, including injection attempts and floods, reaches the API's integrations.",
            remediation: "Associate a REGIONAL WAFv2 web ACL with the stage.",
            remediationCommand: "aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage>"),
        evaluate: { ctx in
            eachStage(ctx) { s in
                let evidence: JSONObject = ["stage": .string(s.name), "api": .string(s.apiId), "webAclArn": .optional(s.webACLArn)]
                if let acl = s.webACLArn { return .pass(s.ref, "\(label(s)) is protected by web ACL \(acl).", evidence: evidence) }
                return .fail(s.ref, "\(label(s)) has no AWS WAF web ACL.", evidence: evidence)
            }
        })

    static let cacheEncrypted = Check(
        CheckMetadata(
            id: "apigateway.rest-stage.cache-encrypted",
            title: "API Gateway REST API stage caches are encrypted at rest",
            severity: .medium, resourceType: "AWS::ApiGateway::Stage", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["APIGateway.5"]],
            prowler: "apigateway_restapi_cache_encrypted",
            risk: "Cached responses can hold personal or secret data; an unencrypted cache keeps them in clear text.",
            remediation: "Turn on cache data encryption for every method that caches responses.",
            remediationCommand: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true"),
        evaluate: { ctx in
            eachStage(ctx) { s in
                let caching = s.methodSettings.filter { $0.value.cachingEnabled == true }
                // Applies to stages where some method caches responses.
                guard !caching.isEmpty else { return nil }
                let plain = caching.filter { $0.value.cacheDataEncrypted != true }.keys.sorted()
                let evidence: JSONObject = ["stage": .string(s.name), "api": .string(s.apiId), "cachingMethods": .strings(caching.keys.sorted()), "unencrypted": .strings(plain)]
                if plain.isEmpty { return .pass(s.ref, "\(label(s)) encrypts the cache of every caching method.", evidence: evidence) }
                if caching.contains(where: { plain.contains($0.key) && $0.value.cacheDataEncrypted == nil }) {
                    return .unknown(s.ref, "get-stages for API \(s.apiId) returned no cacheDataEncrypted for a caching method of stage \(s.name).")
                }
                return .fail(s.ref, "\(label(s)) caches unencrypted responses for \(plain.joined(separator: ", ")).", evidence: evidence)
            }
        })

    static let methodsAuthorized = Check(
        CheckMetadata(
            id: "apigateway.rest-api.methods-authorized",
            title: "Methods of public API Gateway REST APIs require authorization",
            severity: .high, resourceType: "AWS::ApiGateway::RestApi", serviceModel: .managed,
            frameworks: [:],
            prowler: "apigateway_restapi_authorizers_enabled",
            risk: "A method with authorization NONE on an edge or regional endpoint can be called by anyone on the internet.",
            remediation: "Protect each method with IAM, a Lambda authorizer or a Cognito user pool authorizer (CORS OPTIONS methods excepted), or make the API private.",
            remediationCommand: "aws apigateway update-method --rest-api-id <api-id> --resource-id <resource-id> --http-method <METHOD> --patch-operations op=replace,path=/authorizationType,value=AWS_IAM"),
        evaluate: { ctx in
            ctx.eachRegional(\.apiGateway.restAPIs) { api, _ in
                // A private API is reachable only through VPC endpoints its resource policy names.
                guard !api.isPrivate else { return nil }
                return api.methods.judged(api.ref) { methods in
                    let judged = methods.filter { $0.httpMethod != "OPTIONS" }
                    if let unread = judged.first(where: { $0.authorizationType == nil }) {
                        return .unknown(api.ref, "get-resources for API \(api.id) returned no authorizationType for \(unread.httpMethod) \(unread.path).")
                    }
                    let open = judged.filter { $0.authorizationType == "NONE" }.map { "\($0.httpMethod) \($0.path)" }
                    let evidence: JSONObject = ["api": .string(api.id), "endpointTypes": .strings(api.endpointTypes), "unauthorizedMethods": .strings(open)]
                    if open.isEmpty {
                        return .pass(api.ref, "Every method of REST API \(api.name) (\(api.id)) requires authorization.", evidence: evidence)
                    }
                    return .fail(api.ref, "REST API \(api.name) (\(api.id)) lets anyone call \(open.joined(separator: ", ")).", evidence: evidence)
                }
            }
        })
}

/// HTTP and WebSocket APIs (API Gateway v2): execution and access logging of stages, and the
/// authorization of routes.
enum APIGatewayV2Checks {
    static let all: [Check] = [webSocketExecutionLogging, accessLogging, routeAuthorization]

    static func label(_ s: APIGatewayV2Stage) -> String {
        "Stage \(s.name) of \(s.protocolType ?? "") API \(s.apiName) (\(s.apiId))"
    }

    static let webSocketExecutionLogging = Check(
        CheckMetadata(
            id: "apigateway.websocket-stage.execution-logging",
            title: "API Gateway WebSocket API stages have execution logging at ERROR or INFO",
            severity: .medium, resourceType: "AWS::ApiGatewayV2::Stage", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["APIGateway.1"]],
            prowler: nil,
            risk: "Without execution logs the messages a WebSocket API routed, and the errors of its integrations, leave no trace.",
            remediation: "Set the stage's default route logging level to ERROR or INFO.",
            remediationCommand: "aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> --default-route-settings LoggingLevel=ERROR"),
        evaluate: { ctx in
            ctx.eachAPIPart(\.apiGateway.httpAPIs, \.stages) { s, api in
                // HTTP APIs have no execution logging (AWS documents access logging only).
                guard api.protocolType == "WEBSOCKET" else { return nil }
                let evidence: JSONObject = ["stage": .string(s.name), "api": .string(s.apiId), "loggingLevel": .optional(s.defaultRouteLoggingLevel)]
                switch s.defaultRouteLoggingLevel {
                case let level? where level == "ERROR" || level == "INFO":
                    return .pass(s.ref, "\(label(s)) logs execution at \(level).", evidence: evidence)
                case let level?: return .fail(s.ref, "\(label(s)) has execution logging \(level).", evidence: evidence)
                case nil: return .unknown(s.ref, "get-stages for API \(s.apiId) returned no DefaultRouteSettings.LoggingLevel for stage \(s.name).")
                }
            }
        })

    static let accessLogging = Check(
        CheckMetadata(
            id: "apigateway.v2-stage.access-logging",
            title: "API Gateway HTTP and WebSocket API stages write access logs",
            severity: .medium, resourceType: "AWS::ApiGatewayV2::Stage", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["APIGateway.9"]],
            prowler: "apigatewayv2_api_access_logging_enabled",
            risk: "Without access logs there is no record of who called the API, from where, and with what result.",
            remediation: "Configure access logging for the stage to a CloudWatch Logs group.",
            remediationCommand: "aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> --access-log-settings DestinationArn=<log-group-arn>,Format=<format>"),
        evaluate: { ctx in
            ctx.eachAPIPart(\.apiGateway.httpAPIs, \.stages) { s, _ in
                let evidence: JSONObject = ["stage": .string(s.name), "api": .string(s.apiId), "destination": .optional(s.accessLogDestination)]
                if let destination = s.accessLogDestination { return .pass(s.ref, "\(label(s)) writes access logs to \(destination).", evidence: evidence) }
                return .fail(s.ref, "\(label(s)) writes no access logs.", evidence: evidence)
            }
        })

    static let routeAuthorization = Check(
        CheckMetadata(
            id: "apigateway.v2-route.authorization",
            title: "API Gateway HTTP API routes and WebSocket $connect routes specify an authorization type",
            severity: .medium, resourceType: "AWS::ApiGatewayV2::Route", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["APIGateway.8"]],
            prowler: "apigatewayv2_api_authorizers_enabled",
            risk: "A route with authorization NONE can be called by anyone who can reach the API's endpoint.",
            remediation: "Attach a JWT, Lambda or IAM authorizer to the route (for WebSocket APIs, to the $connect route).",
            remediationCommand: "aws apigatewayv2 update-route --api-id <api-id> --route-id <route-id> --authorization-type AWS_IAM"),
        evaluate: { ctx in
            ctx.eachAPIPart(\.apiGateway.httpAPIs, \.routes) { r, api in
                // WebSocket APIs authorize the connection: only $connect takes an authorizer.
                if api.protocolType == "WEBSOCKET" && r.routeKey != "$connect" { return nil }
                let evidence: JSONObject = ["api": .string(r.apiId), "routeKey": .string(r.routeKey), "authorizationType": .optional(r.authorizationType)]
                switch r.authorizationType {
                case "NONE"?: return .fail(r.ref, "Route \(r.routeKey) of API \(r.apiName) (\(r.apiId)) requires no authorization.", evidence: evidence)
                case let type?: return .pass(r.ref, "Route \(r.routeKey) of API \(r.apiName) (\(r.apiId)) requires \(type) authorization.", evidence: evidence)
                case nil: return .unknown(r.ref, "get-routes for API \(r.apiId) returned no AuthorizationType for route \(r.routeKey).")
                }
            }
        })
}
