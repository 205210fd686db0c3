import RampartTestSupport
import AsyncHTTPClient
import Foundation
import RampartCredentials
import RampartSigning
import Testing

@Suite struct ContainerCredentialProviderTests {
    static let authToken = "CONTAINER-AUTH-TOKEN-5ecret"

    @Test func theFullURIIsCalledWithTheAuthorizationTokenFromTheEnvironment() async throws {
        try await withMetadataServer(["ecs", "--path", "/v2/credentials/task", "--token", Self.authToken, "--expiration", "2031-05-06T07:08:09Z"]) { server async throws in
            try await withHTTPClient { client async throws in
                let environment = [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.endpoint)/v2/credentials/task",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": Self.authToken,
                ]
                let credentials = try await ContainerCredentialProvider(environment: environment, httpClient: client).credentials()
                #expect(credentials.accessKeyId == "ASIALOCAL0001")
                #expect(credentials.secretAccessKey == "local-secret-0001")
                #expect(credentials.sessionToken == "local-session-token-0001")
                #expect(credentials.expiration == Date(timeIntervalSince1970: 1_935_817_689))
                #expect(try await server.requests(using: client) == [.init(method: "GET", path: "/v2/credentials/task", authorization: true, imdsToken: false)])
            }
        }
    }

    @Test func theTokenFileWinsOverTheTokenVariableAndIsTrimmed() async throws {
        try await withMetadataServer(["ecs", "--path", "/creds", "--token", Self.authToken]) { server async throws in
            try await withTemporaryDirectory { directory async throws in
                let tokenFile = try directory.write("token", Self.authToken + "\n")
                try await withHTTPClient { client async throws in
                    let environment = [
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.endpoint)/creds",
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong-token",
                    ]
                    let credentials = try await ContainerCredentialProvider(environment: environment, httpClient: client).credentials()
                    #expect(credentials.accessKeyId == "ASIALOCAL0001")
                }
            }
        }
    }

    @Test func aRefusedAuthorizationIsAnErrorThatHidesTheToken() async throws {
        try await withMetadataServer(["ecs", "--path", "/creds", "--token", "the-right-one"]) { server async throws in
            try await withHTTPClient { client async throws in
                let environment = [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.endpoint)/creds",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": Self.authToken,
                ]
                do {
                    _ = try await ContainerCredentialProvider(environment: environment, httpClient: client).credentials()
                    Issue.record("expected an error")
                } catch {
                    #expect(error as? CredentialError == .containerCredentialsFailed(reason: "\(server.endpoint)/creds answered HTTP 401"))
                    #expect(!String(describing: error).contains(Self.authToken))
                }
            }
        }
    }

    @Test func theRelativeURIIsResolvedAgainstTheECSAgentAddress() throws {
        let url = try ContainerCredentialProvider.endpoint(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc-123"])
        #expect(url?.absoluteString == "http://169.254.170.2/v2/credentials/abc-123")
        let both = try ContainerCredentialProvider.endpoint(environment: [
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/rel", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1/full",
        ])
        #expect(both?.absoluteString == "http://169.254.170.2/rel")
        #expect(try ContainerCredentialProvider.endpoint(environment: [:]) == nil)
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/creds", true), ("http://127.1.2.3/creds", true), ("http://localhost/creds", true),
        ("http://[::1]:9/creds", true), ("https://creds.example.com/v1", true), ("http://169.254.170.23/v1/credentials", true),
        ("http://169.254.170.2/creds", true), ("http://creds.example.com/v1", false), ("http://10.0.0.5/creds", false),
        ("ftp://127.0.0.1/creds", false),
    ])
    func theFullURIMustBeHTTPSOrALoopbackOrContainerHost(uri: String, allowed: Bool) {
        let result = Result { try ContainerCredentialProvider.endpoint(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri]) }
        switch result {
        case .success(let url): #expect(allowed && url?.absoluteString == uri)
        case .failure(let error): #expect(!allowed && String(describing: error).hasPrefix("Container credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        }
    }

    @Test func aTokenWithALineBreakIsRefusedBeforeAnyRequest() async throws {
        try await withHTTPClient { client async throws in
            let environment = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "abc\r\nX-Injected: 1"]
            await #expect(throws: CredentialError.containerCredentialsFailed(reason: "the authorization token holds a line break, which is not a legal header value")) {
                _ = try await ContainerCredentialProvider(environment: environment, httpClient: client).credentials()
            }
        }
    }

    @Test func containerCredentialsAreCachedUntilFiveMinutesBeforeTheyExpire() async throws {
        try await withMetadataServer(["ecs", "--path", "/creds", "--expiration", "2030-01-01T01:00:00Z"]) { server async throws in
            try await withHTTPClient { client async throws in
                let expiry = Date(timeIntervalSince1970: 1_893_459_600)  // 2030-01-01T01:00:00Z
                let clock = TestClock(expiry.addingTimeInterval(-3600))
                let provider = CachingCredentialProvider(
                    ContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.endpoint)/creds"], httpClient: client),
                    now: { clock.now })
                #expect(try await provider.credentials().accessKeyId == "ASIALOCAL0001")
                clock.now = expiry.addingTimeInterval(-301)
                #expect(try await provider.credentials().accessKeyId == "ASIALOCAL0001")
                clock.now = expiry.addingTimeInterval(-299)
                #expect(try await provider.credentials().accessKeyId == "ASIALOCAL0002")
                #expect(try await server.requests(using: client).count == 2)
            }
        }
    }

    @Test func aFailedRefreshKeepsCredentialsThatHaveNotExpiredYet() async throws {
        let server = try await MetadataServer.start(["ecs", "--path", "/creds", "--expiration", "2030-01-01T01:00:00Z"])
        defer { server.stop() }
        try await withHTTPClient { client async throws in
            let expiry = Date(timeIntervalSince1970: 1_893_459_600)
            let clock = TestClock(expiry.addingTimeInterval(-3600))
            let provider = CachingCredentialProvider(
                ContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.endpoint)/creds"], httpClient: client, timeout: .milliseconds(500), attempts: 1),
                now: { clock.now })
            #expect(try await provider.credentials().accessKeyId == "ASIALOCAL0001")
            server.stop()
            clock.now = expiry.addingTimeInterval(-60)
            #expect(try await provider.credentials().accessKeyId == "ASIALOCAL0001")
            clock.now = expiry.addingTimeInterval(1)
            await #expect(throws: CredentialError.self) { _ = try await provider.credentials() }
        }
    }
}

/// A settable clock for the cache tests.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date

    init(_ start: Date) { value = start }

    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

@Suite struct InstanceMetadataCredentialProviderTests {
    @Test func credentialsAreReadWithAnIMDSv2SessionToken() async throws {
        try await withMetadataServer(["imds", "--role", "scanner-role", "--expiration", "2031-01-01T00:00:00Z"]) { server async throws in
            try await withHTTPClient { client async throws in
                let provider = InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint], httpClient: client)
                let credentials = try await provider.credentials()
                #expect(credentials.accessKeyId == "ASIALOCAL0001")
                #expect(credentials.sessionToken == "local-session-token-0001")
                #expect(credentials.expiration == Date(timeIntervalSince1970: 1_924_992_000))
                #expect(try await server.requests(using: client) == [
                    .init(method: "PUT", path: "/latest/api/token", authorization: false, imdsToken: false),
                    .init(method: "GET", path: "/latest/meta-data/iam/security-credentials/", authorization: false, imdsToken: true),
                    .init(method: "GET", path: "/latest/meta-data/iam/security-credentials/scanner-role", authorization: false, imdsToken: true),
                ])
            }
        }
    }

    @Test func theEndpointCanComeFromTheProfile() async throws {
        try await withMetadataServer(["imds"]) { server async throws in
            try await withFixture(config: "[default]\nec2_metadata_service_endpoint = \(server.endpoint)\n", environment: ["AWS_EC2_METADATA_DISABLED": ""]) { fixture async throws in
                let credentials = try await fixture.credentials()
                #expect(credentials.value?.accessKeyId == "ASIALOCAL0001")
            }
        }
    }

    @Test func disablingIMDSSkipsItWithoutARequest() async throws {
        try await withHTTPClient { client async throws in
            let provider = InstanceMetadataCredentialProvider(
                environment: ["AWS_EC2_METADATA_DISABLED": "TRUE", "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1"], httpClient: client)
            await #expect(throws: CredentialError.notFound(provider: "EC2 instance metadata", reason: "disabled by AWS_EC2_METADATA_DISABLED")) {
                _ = try await provider.credentials()
            }
        }
    }

    @Test func aMachineWithoutIMDSFailsFastAsNotFound() async throws {
        try await withMetadataServer(["silent"]) { server async throws in
            try await withHTTPClient { client async throws in
                let started = Date()
                let provider = InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint], httpClient: client)
                do {
                    _ = try await provider.credentials()
                    Issue.record("expected not found")
                } catch CredentialError.notFound(let name, let reason) {
                    #expect(name == "EC2 instance metadata")
                    #expect(reason.contains("timed out after 1 s"), "\(reason)")
                }
                // The 1 s timeout is asserted by the message; the bound only catches a hang (on a
                // loaded machine the two attempts take more than their 2 s).
                #expect(Date().timeIntervalSince(started) < 15)

                let closed = InstanceMetadataCredentialProvider(endpoint: "http://127.0.0.1:\(try freePort())", httpClient: client)
                await #expect(throws: CredentialError.self) { _ = try await closed.credentials() }
            }
        }
    }

    @Test func theEndpointDefaultsToTheIPv4AddressOrTheIPv6OneByMode() async throws {
        try await withHTTPClient { client async throws in
            #expect(InstanceMetadataCredentialProvider(environment: [:], httpClient: client).endpoint == "http://169.254.169.254")
            #expect(InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"], httpClient: client).endpoint == "http://[fd00:ec2::254]")
            #expect(InstanceMetadataCredentialProvider(environment: ["AWS_METADATA_SERVICE_TIMEOUT": "2.5"], httpClient: client).timeout == .milliseconds(2500))
        }
    }

    @Test func aNoCredentialFallsThroughTheChainToIMDS() async throws {
        try await withMetadataServer(["imds"]) { server async throws in
            try await withFixture(environment: ["AWS_EC2_METADATA_DISABLED": "", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint]) { fixture async throws in
                let credentials = try await fixture.credentials()
                #expect(credentials.value?.accessKeyId == "ASIALOCAL0001")
            }
        }
    }
}
