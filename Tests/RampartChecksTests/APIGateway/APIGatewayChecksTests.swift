import RampartFindings
import RampartInventory
import RampartJSON
import Testing

@Suite struct APIGatewayRestChecksTests {
    static let policy = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:123456789012:good/*\"}]}"#

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "apigateway", "get-rest-apis", #"""
            {"items": [
              {"id": "good", "name": "orders", "endpointConfiguration": {"types": ["REGIONAL"]}, "policy": "\#(Self.policy)"},
              {"id": "bad", "name": "legacy", "endpointConfiguration": {"types": ["EDGE"]}},
              {"id": "internal", "name": "internal", "endpointConfiguration": {"types": ["PRIVATE"]}},
              {"id": "hidden", "name": "hidden", "endpointConfiguration": {"types": ["REGIONAL"]}}
            ]}
            """#)
        f.answer("us-east-1", "apigateway", "get-stages", resource: "good", #"""
            {"item": [{"stageName": "prod", "deploymentId": "d1", "clientCertificateId": "cc1", "cacheClusterEnabled": true, "tracingEnabled": true,
              "webAclArn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1",
              "accessLogSettings": {"format": "$context.requestId", "destinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:api"},
              "methodSettings": {"*/*": {"metricsEnabled": true, "loggingLevel": "ERROR", "cachingEnabled": true, "cacheDataEncrypted": true}}}]}
            """#)
        f.answer("us-east-1", "apigateway", "get-stages", resource: "bad", #"""
            {"item": [
              {"stageName": "dev", "deploymentId": "d2", "cacheClusterEnabled": true, "tracingEnabled": false,
               "methodSettings": {"*/*": {"loggingLevel": "OFF", "cachingEnabled": true, "cacheDataEncrypted": false}}},
              {"stageName": "mixed", "deploymentId": "d3", "cacheClusterEnabled": false, "methodSettings": {"*/*": {"loggingLevel": "INFO"}, "items/GET": {"loggingLevel": "OFF"}}},
              {"stageName": "bare", "deploymentId": "d4", "cacheClusterEnabled": false, "tracingEnabled": false}
            ]}
            """#)
        f.answer("us-east-1", "apigateway", "get-stages", resource: "internal", #"{"item": []}"#)
        f.fail("us-east-1", "apigateway", "get-stages", resource: "hidden", code: "AccessDeniedException")
        f.answer("us-east-1", "apigateway", "get-resources", resource: "good", #"""
            {"items": [{"id": "r1", "path": "/orders", "resourceMethods": {
               "GET": {"httpMethod": "GET", "authorizationType": "AWS_IAM", "apiKeyRequired": false},
               "OPTIONS": {"httpMethod": "OPTIONS", "authorizationType": "NONE", "apiKeyRequired": false}}}]}
            """#)
        f.answer("us-east-1", "apigateway", "get-resources", resource: "bad", #"""
            {"items": [{"id": "r0", "path": "/"}, {"id": "r2", "parentId": "r0", "path": "/items", "resourceMethods": {
               "GET": {"httpMethod": "GET", "authorizationType": "NONE", "apiKeyRequired": false},
               "POST": {"httpMethod": "POST", "authorizationType": "CUSTOM", "authorizerId": "a1"}}}]}
            """#)
        f.answer("us-east-1", "apigateway", "get-resources", resource: "internal", #"{"items": [{"id": "r3", "path": "/", "resourceMethods": {"GET": {"httpMethod": "GET", "authorizationType": "NONE"}}}]}"#)
        f.fail("us-east-1", "apigateway", "get-resources", resource: "hidden", code: "AccessDeniedException")
        return f
    }

    @Test func executionLoggingNeedsAStageWideLevelAndNoMethodTurnedOff() {
        #expect(fixture.status("apigateway.rest-stage.execution-logging", on: "/good/stages/prod") == .pass)
        #expect(fixture.status("apigateway.rest-stage.execution-logging", on: "/bad/stages/dev") == .fail)
        let mixed = fixture.run("apigateway.rest-stage.execution-logging").first { $0.resource.arn.hasSuffix("/stages/mixed") }
        #expect(mixed?.status == .fail)
        #expect(mixed?.message == "Stage mixed of REST API legacy (bad) logs at INFO but turns logging off for items/GET.")
        #expect(fixture.status("apigateway.rest-stage.execution-logging", on: "/bad/stages/bare") == .fail)
        #expect(fixture.status("apigateway.rest-stage.execution-logging", on: "/restapis/hidden") == .unknown)
    }

    @Test func accessLogsClientCertificateAndWAFArePerStage() {
        for id in ["apigateway.rest-stage.access-logging", "apigateway.rest-stage.client-certificate", "apigateway.rest-stage.waf"] {
            #expect(fixture.status(id, on: "/good/stages/prod") == .pass, "\(id)")
            #expect(fixture.status(id, on: "/bad/stages/dev") == .fail, "\(id)")
            #expect(fixture.status(id, on: "/restapis/hidden") == .unknown, "\(id)")
        }
    }

    @Test func tracingNotReportedIsUnknown() {
        #expect(fixture.status("apigateway.rest-stage.xray-tracing", on: "/good/stages/prod") == .pass)
        #expect(fixture.status("apigateway.rest-stage.xray-tracing", on: "/bad/stages/dev") == .fail)
        #expect(fixture.status("apigateway.rest-stage.xray-tracing", on: "/bad/stages/mixed") == .unknown)
    }

    @Test func onlyCachingStagesAreJudgedForCacheEncryption() {
        #expect(fixture.status("apigateway.rest-stage.cache-encrypted", on: "/good/stages/prod") == .pass)
        #expect(fixture.status("apigateway.rest-stage.cache-encrypted", on: "/bad/stages/dev") == .fail)
        #expect(fixture.status("apigateway.rest-stage.cache-encrypted", on: "/bad/stages/bare") == nil)
        #expect(fixture.status("apigateway.rest-stage.cache-encrypted", on: "/restapis/hidden") == .unknown)
    }

    @Test func publicMethodsWithoutAuthorizationFailExceptCORSPreflight() {
        #expect(fixture.status("apigateway.rest-api.methods-authorized", on: "/restapis/good") == .pass)
        let bad = fixture.run("apigateway.rest-api.methods-authorized").first { $0.resource.arn.hasSuffix("/restapis/bad") }
        #expect(bad?.status == .fail)
        #expect(bad?.message == "REST API legacy (bad) lets anyone call GET /items.")
        #expect(fixture.status("apigateway.rest-api.methods-authorized", on: "/restapis/internal") == nil)
        #expect(fixture.status("apigateway.rest-api.methods-authorized", on: "/restapis/hidden") == .unknown)
    }

    @Test func theEscapedResourcePolicyIsReadAsJSONForTheAccessAnalysis() throws {
        let apis = try #require(fixture.inventory.regions.first?.apiGateway.restAPIs.value)
        let good = try #require(apis.first { $0.id == "good" })
        let text = try #require(good.resourcePolicy.value ?? nil)
        let document = try JSONParser.parse(text)
        #expect(document["Statement"]?.arrayValue?.first?["Action"]?.stringValue == "execute-api:Invoke")
        #expect(apis.first { $0.id == "bad" }?.resourcePolicy.value == .some(nil))
    }
}

@Suite struct APIGatewayV2ChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "apigatewayv2", "get-apis", #"""
            {"Items": [{"ApiId": "http1", "Name": "shop", "ProtocolType": "HTTP", "ApiEndpoint": "https://http1.execute-api.us-east-1.amazonaws.com"},
                       {"ApiId": "ws1", "Name": "chat", "ProtocolType": "WEBSOCKET"},
                       {"ApiId": "gone", "Name": "gone", "ProtocolType": "HTTP"}]}
            """#)
        f.answer("us-east-1", "apigatewayv2", "get-stages", resource: "http1", #"""
            {"Items": [{"StageName": "$default", "DefaultRouteSettings": {"DetailedMetricsEnabled": false},
                        "AccessLogSettings": {"DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:shop", "Format": "$context.requestId"}}]}
            """#)
        f.answer("us-east-1", "apigatewayv2", "get-stages", resource: "ws1", #"""
            {"Items": [{"StageName": "prod", "DefaultRouteSettings": {"DataTraceEnabled": false, "DetailedMetricsEnabled": false, "LoggingLevel": "OFF"}},
                       {"StageName": "beta", "DefaultRouteSettings": {"LoggingLevel": "INFO"}, "AccessLogSettings": {"DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:chat"}},
                       {"StageName": "odd"}]}
            """#)
        f.fail("us-east-1", "apigatewayv2", "get-stages", resource: "gone", code: "NotFoundException")
        f.answer("us-east-1", "apigatewayv2", "get-routes", resource: "http1", #"""
            {"Items": [{"RouteId": "r1", "RouteKey": "GET /cart", "AuthorizationType": "JWT", "AuthorizerId": "a1"},
                       {"RouteId": "r2", "RouteKey": "POST /admin", "AuthorizationType": "NONE"},
                       {"RouteId": "r3", "RouteKey": "GET /odd"}]}
            """#)
        f.answer("us-east-1", "apigatewayv2", "get-routes", resource: "ws1", #"""
            {"Items": [{"RouteId": "c1", "RouteKey": "$connect", "AuthorizationType": "CUSTOM"}, {"RouteId": "m1", "RouteKey": "sendMessage", "AuthorizationType": "NONE"}]}
            """#)
        f.fail("us-east-1", "apigatewayv2", "get-routes", resource: "gone", code: "NotFoundException")
        return f
    }

    @Test func webSocketStagesNeedExecutionLoggingAndHTTPStagesAreNotJudged() {
        #expect(fixture.status("apigateway.websocket-stage.execution-logging", on: "/ws1/stages/beta") == .pass)
        #expect(fixture.status("apigateway.websocket-stage.execution-logging", on: "/ws1/stages/prod") == .fail)
        #expect(fixture.status("apigateway.websocket-stage.execution-logging", on: "/ws1/stages/odd") == .unknown)
        #expect(fixture.status("apigateway.websocket-stage.execution-logging", on: "/http1/stages/$default") == nil)
    }

    @Test func stagesWithoutAccessLogsFail() {
        #expect(fixture.status("apigateway.v2-stage.access-logging", on: "/http1/stages/$default") == .pass)
        #expect(fixture.status("apigateway.v2-stage.access-logging", on: "/ws1/stages/prod") == .fail)
        #expect(fixture.status("apigateway.v2-stage.access-logging", on: "/apis/gone") == .unknown)
    }

    @Test func routesWithoutAuthorizationFailAndWebSocketMessageRoutesAreNotJudged() {
        #expect(fixture.status("apigateway.v2-route.authorization", on: "/http1/routes/r1") == .pass)
        let admin = fixture.run("apigateway.v2-route.authorization").first { $0.resource.arn.hasSuffix("/routes/r2") }
        #expect(admin?.status == .fail)
        #expect(admin?.message == "Route POST /admin of API shop (http1) requires no authorization.")
        #expect(fixture.status("apigateway.v2-route.authorization", on: "/http1/routes/r3") == .unknown)
        #expect(fixture.status("apigateway.v2-route.authorization", on: "/ws1/routes/c1") == .pass)
        #expect(fixture.status("apigateway.v2-route.authorization", on: "/ws1/routes/m1") == nil)
        #expect(fixture.status("apigateway.v2-route.authorization", on: "/apis/gone") == .unknown)
    }
}
