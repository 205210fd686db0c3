import RampartTestSupport
import AsyncHTTPClient
import Foundation
import RampartCredentials
import RampartSigning
import Testing

/// AssumeRole end to end against moto with authentication on: moto checks the signature, the
/// caller's policy and the role's trust policy of every call.
@Suite(.motoServer) struct AssumeRoleAgainstMotoTests {
    static let mayAssumeRoles = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#

    static func trust(_ principal: String, externalId: String? = nil) -> String {
        let condition = externalId.map { #","Condition":{"StringEquals":{"sts:ExternalId":"\#($0)"}}"# } ?? ""
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"\#(condition)}]}"#
    }

    /// The ARN STS GetCallerIdentity reports for `credentials`: proves moto accepts them,
    /// session token included.
    static func callerArn(_ credentials: AWSCredentials, moto: MotoServer, client: HTTPClient) async throws -> String {
        let url = try #require(URL(string: moto.endpoint + "/"))
        let body = Array("Action=GetCallerIdentity&Version=2011-06-15".utf8)
        var headers = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        headers += SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
            .signedHeaders(method: "POST", url: url, headers: headers, body: body, date: Date())
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(body)
        let response = try await client.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        #expect(response.status.code == 200, "\(text)")
        guard let start = text.range(of: "<Arn>"), let end = text.range(of: "</Arn>") else { return text }
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test func assumeRoleReturnsTemporaryCredentialsThatAWSAccepts() async throws {
        let moto = try #require(MotoServer.current)
        let user = try await moto.createUser("scanner-basic", policy: Self.mayAssumeRoles)
        let role = try await moto.createRole("audit-basic", trust: Self.trust(user.arn))
        try await withHTTPClient { client async throws in
            let provider = AssumeRoleCredentialProvider(
                source: StaticCredentialProvider(user.credentials), roleArn: role, roleSessionName: "rampart-test",
                durationSeconds: 900, region: "us-east-1", endpoint: URL(string: moto.endpoint), httpClient: client)
            let credentials = try await provider.credentials()
            #expect(credentials.accessKeyId.hasPrefix("ASIA"))
            #expect(credentials.sessionToken?.isEmpty == false)
            let expiration = try #require(credentials.expiration)
            #expect(abs(expiration.timeIntervalSinceNow - 900) < 120)
            #expect(try await Self.callerArn(credentials, moto: moto, client: client) == "arn:aws:sts::\(MotoServer.accountId):assumed-role/audit-basic/rampart-test")
        }
    }

    @Test func aWrongSecretIsRefusedAndTheErrorShowsNeitherSecret() async throws {
        let moto = try #require(MotoServer.current)
        let user = try await moto.createUser("scanner-wrong", policy: Self.mayAssumeRoles)
        let role = try await moto.createRole("audit-wrong", trust: Self.trust(user.arn))
        let wrongSecret = "wrong-" + user.credentials.secretAccessKey
        try await withHTTPClient { client async throws in
            let provider = AssumeRoleCredentialProvider(
                source: StaticCredentialProvider(AWSCredentials(accessKeyId: user.credentials.accessKeyId, secretAccessKey: wrongSecret)),
                roleArn: role, region: "us-east-1", endpoint: URL(string: moto.endpoint), httpClient: client)
            do {
                _ = try await provider.credentials()
                Issue.record("expected AssumeRole to fail")
            } catch {
                let text = String(describing: error)
                #expect(text.hasPrefix("AssumeRole \(role) failed: HTTP 403 SignatureDoesNotMatch"), "\(text)")
                #expect(!text.contains(wrongSecret))
                #expect(!text.contains(user.credentials.secretAccessKey))
            }
        }
    }

    @Test func anUnknownAccessKeyIsRefused() async throws {
        let moto = try #require(MotoServer.current)
        try await withHTTPClient { client async throws in
            let provider = AssumeRoleCredentialProvider(
                source: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIANOSUCHKEY0000000", secretAccessKey: "nope")),
                roleArn: "arn:aws:iam::\(MotoServer.accountId):role/whatever", region: "us-east-1",
                endpoint: URL(string: moto.endpoint), httpClient: client)
            await #expect {
                _ = try await provider.credentials()
            } throws: { error in
                String(describing: error).contains("InvalidClientTokenId")
            }
        }
    }

    @Test func theExternalIdIsSentAndCheckedByTheRoleTrust() async throws {
        let moto = try #require(MotoServer.current)
        let user = try await moto.createUser("scanner-external", policy: Self.mayAssumeRoles)
        let role = try await moto.createRole("audit-external", trust: Self.trust(user.arn, externalId: "rampart-7f3a"))
        try await withHTTPClient { client async throws in
            func provider(externalId: String?) -> AssumeRoleCredentialProvider {
                AssumeRoleCredentialProvider(
                    source: StaticCredentialProvider(user.credentials), roleArn: role, externalId: externalId, region: "us-east-1",
                    endpoint: URL(string: moto.endpoint), httpClient: client)
            }
            // moto lets a call without ExternalId through this condition (AWS would not), but
            // it refuses a different one, which shows the value reaches STS.
            await #expect {
                _ = try await provider(externalId: "someone-else").credentials()
            } throws: { error in
                String(describing: error).contains("AccessDenied")
            }
            let credentials = try await provider(externalId: "rampart-7f3a").credentials()
            #expect(credentials.accessKeyId.hasPrefix("ASIA"))
        }
    }

    @Test func aProfileChainAssumesEachRoleInTurnAndCachesTheResult() async throws {
        let moto = try #require(MotoServer.current)
        let user = try await moto.createUser("scanner-chain", policy: Self.mayAssumeRoles)
        let middle = try await moto.createRole("chain-middle", trust: Self.trust(user.arn), policy: Self.mayAssumeRoles)
        let target = try await moto.createRole(
            "chain-target", trust: Self.trust("arn:aws:sts::\(MotoServer.accountId):assumed-role/chain-middle/hop-one"))
        let config = """
            [profile target]
            role_arn = \(target)
            source_profile = middle
            role_session_name = hop-two
            duration_seconds = 1800
            [profile middle]
            role_arn = \(middle)
            source_profile = base
            role_session_name = hop-one
            """
        let credentials = "[base]\naws_access_key_id = \(user.credentials.accessKeyId)\naws_secret_access_key = \(user.credentials.secretAccessKey)\n"
        try await withFixture(config: config, credentials: credentials, environment: ["AWS_ENDPOINT_URL": moto.endpoint, "AWS_REGION": "us-east-1"]) { fixture async throws in
            try await withHTTPClient { client async throws in
                let resolved = try fixture.resolve(profile: "target")
                #expect(resolved.stsEndpoint.absoluteString == moto.endpoint)
                let chain = resolved.credentialProvider(httpClient: client)
                let first = try await chain.credentials()
                #expect(try await Self.callerArn(first, moto: moto, client: client) == "arn:aws:sts::\(MotoServer.accountId):assumed-role/chain-target/hop-two")
                #expect(abs((first.expiration ?? .distantPast).timeIntervalSinceNow - 1800) < 120)
                let second = try await chain.credentials()
                #expect(second == first)
            }
        }
    }

    @Test func aProfileMayBeItsOwnSourceWhenItHoldsStaticKeys() async throws {
        let moto = try #require(MotoServer.current)
        let user = try await moto.createUser("scanner-self", policy: Self.mayAssumeRoles)
        let role = try await moto.createRole("audit-self", trust: Self.trust(user.arn))
        let config = "[profile selfie]\nrole_arn = \(role)\nsource_profile = selfie\nrole_session_name = myself\n"
        let credentials = "[selfie]\naws_access_key_id = \(user.credentials.accessKeyId)\naws_secret_access_key = \(user.credentials.secretAccessKey)\n"
        try await withFixture(config: config, credentials: credentials, environment: ["AWS_ENDPOINT_URL_STS": moto.endpoint]) { fixture async throws in
            try await withHTTPClient { client async throws in
                let assumed = try await fixture.resolve(profile: "selfie").credentialProvider(httpClient: client).credentials()
                #expect(try await Self.callerArn(assumed, moto: moto, client: client) == "arn:aws:sts::\(MotoServer.accountId):assumed-role/audit-self/myself")
            }
        }
    }

    @Test func credentialSourceEnvironmentSignsWithTheEnvironmentKeysEvenUnderAProfileFlag() async throws {
        let moto = try #require(MotoServer.current)
        let user = try await moto.createUser("scanner-env", policy: Self.mayAssumeRoles)
        let role = try await moto.createRole("audit-env", trust: Self.trust(user.arn))
        let config = "[profile envrole]\nrole_arn = \(role)\ncredential_source = Environment\nrole_session_name = from-env\nendpoint_url = \(moto.endpoint)\n"
        let environment = ["AWS_ACCESS_KEY_ID": user.credentials.accessKeyId, "AWS_SECRET_ACCESS_KEY": user.credentials.secretAccessKey]
        try await withFixture(config: config, environment: environment) { fixture async throws in
            try await withHTTPClient { client async throws in
                let assumed = try await fixture.resolve(profile: "envrole").credentialProvider(httpClient: client).credentials()
                #expect(assumed.accessKeyId != user.credentials.accessKeyId)
                #expect(try await Self.callerArn(assumed, moto: moto, client: client) == "arn:aws:sts::\(MotoServer.accountId):assumed-role/audit-env/from-env")
            }
        }
    }
}
