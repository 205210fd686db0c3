import RampartTestSupport
import AsyncHTTPClient
import Foundation
import RampartCredentials
import RampartSigning
import Testing

/// No secret key, session token, authorization token or credential_process command reaches a
/// description, a dump or an error message.
@Suite struct SecretRedactionTests {
    static let secret = "SECRETwJalrXUtnFEMIK7MDENG"
    static let token = "TOKENFQoGZXIvYXdzEXAMPLE"
    static let authToken = "AUTHTOKENcontainer42"
    static let commandSecret = "--password=hunter2hunter2"

    static func texts(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    static func expectNoSecret(in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in [secret, token, authToken, commandSecret] {
            #expect(!text.contains(secret), "leaked \(secret) in: \(text)", sourceLocation: sourceLocation)
        }
    }

    static let environment = [
        "AWS_ACCESS_KEY_ID": "AKIAREDACTION", "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": token,
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": authToken,
        "AWS_EC2_METADATA_DISABLED": "true",
    ]

    @Test func resolverProvidersAndChainsDescribeThemselvesWithoutSecrets() async throws {
        let config = "[profile p]\ncredential_process = fetch-creds \(Self.commandSecret)\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = p\n"
        let credentials = "[p]\naws_access_key_id = AKIAFILE\naws_secret_access_key = \(Self.secret)\naws_session_token = \(Self.token)\n"
        try await withFixture(config: config, credentials: credentials, environment: Self.environment) { fixture async throws in
            try await withHTTPClient { client async throws in
                let resolver = fixture.resolver(profile: "p")
                let resolved = try resolver.resolve()
                let chain = resolved.credentialProvider(httpClient: client)
                var subjects: [Any] = [resolver, resolved, chain, resolved.profile, resolved.credentialsFile, resolved.configFile]
                subjects += resolved.credentialProviders(httpClient: client)
                subjects.append(EnvironmentCredentialProvider(environment: Self.environment))
                subjects.append(ContainerCredentialProvider(environment: Self.environment, httpClient: client))
                subjects.append(CredentialProcessProvider(command: "fetch \(Self.commandSecret)", profile: "p"))
                let fixed = AWSCredentials(accessKeyId: "AKIAFIXED", secretAccessKey: Self.secret, sessionToken: Self.token)
                subjects.append(StaticCredentialProvider(fixed))
                let cache = CachingCredentialProvider(StaticCredentialProvider(fixed))
                _ = try await cache.credentials()
                subjects.append(cache)
                for subject in subjects {
                    for text in Self.texts(of: subject) { Self.expectNoSecret(in: text) }
                }
            }
        }
    }

    @Test func errorsOfEveryProviderLeaveSecretsOut() async throws {
        var errors: [any Error] = []
        try await withHTTPClient { client async throws in
            // The container endpoint refuses the connection; its error names the URL only.
            do { _ = try await ContainerCredentialProvider(environment: Self.environment, httpClient: client, timeout: .milliseconds(300), attempts: 1).credentials() } catch { errors.append(error) }
            // A failing credential_process whose command and output hold secrets.
            let command = "echo '{\"SecretAccessKey\": \"\(Self.secret)\"}' \(Self.commandSecret); exit 2"
            do { _ = try await CredentialProcessProvider(command: command, profile: "p").credentials() } catch { errors.append(error) }
            do { _ = try await CredentialProcessProvider(command: "echo '\(Self.secret) \(Self.token)' # \(Self.commandSecret)", profile: "p").credentials() } catch { errors.append(error) }
            // A profile with half its keys.
            let file = try AWSConfigFile(parsing: "[p]\naws_secret_access_key = \(Self.secret)\n", path: "credentials", kind: .credentials)
            do { _ = try await ProfileCredentialProvider(file: file, profile: "p").credentials() } catch { errors.append(error) }
            // AssumeRole against an endpoint that is not there, signed with secret keys.
            let source = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIA", secretAccessKey: Self.secret, sessionToken: Self.token))
            let assume = AssumeRoleCredentialProvider(
                source: source, roleArn: "arn:aws:iam::123456789012:role/R", region: "us-east-1",
                endpoint: URL(string: "http://127.0.0.1:\(try freePort())"), httpClient: client, timeout: .milliseconds(300), attempts: 1)
            do { _ = try await assume.credentials() } catch { errors.append(error) }
            // A parse error on a line holding a secret.
            do { _ = try AWSConfigFile(parsing: "[p]\n\(Self.secret) \(Self.token)\n", path: "c", kind: .credentials) } catch { errors.append(error) }
        }
        // The whole chain, ending with its list of what it tried.
        try await withFixture(environment: ["AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_SESSION_TOKEN": Self.token]) { fixture async throws in
            if let error = try await fixture.credentials().error { errors.append(error) }
        }
        #expect(errors.count == 7)
        for error in errors {
            for text in Self.texts(of: error) + [error.localizedDescription] { Self.expectNoSecret(in: text) }
        }
    }
}
