public import AsyncHTTPClient
public import Foundation
public import RampartSigning

/// Credentials from the container credentials endpoint of ECS, Fargate or EKS Pod Identity:
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (under http://169.254.170.2) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https, or http to a loopback address or the ECS/EKS
/// link-local hosts), with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` sent as the `Authorization` header.
public struct ContainerCredentialProvider: CredentialProvider, CustomStringConvertible {
    private let environment: Sensitive<[String: String]>
    private let httpClient: HTTPClient
    public let timeout: Duration
    public let attempts: Int

    public static let name = "container credentials"
    /// The ECS agent's address, which a relative URI is resolved against.
    public static let ecsHost = "169.254.170.2"
    /// Plain-http hosts allowed besides loopback addresses, as the AWS CLI allows them.
    public static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost"]

    public init(environment: [String: String], httpClient: HTTPClient, timeout: Duration = .seconds(2), attempts: Int = 3) {
        self.environment = Sensitive(environment)
        self.httpClient = httpClient
        self.timeout = timeout
        self.attempts = max(1, attempts)
    }

    /// The endpoint the environment points at; nil when neither variable is set. Throws when
    /// the full URI is not allowed.
    public static func endpoint(environment: [String: String]) throws -> URL? {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            let path = relative.hasPrefix("/") ? relative : "/" + relative
            guard let url = URL(string: "http://\(ecsHost)\(path)") else {
                throw CredentialError.containerCredentialsFailed(reason: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a valid path")
            }
            return url
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else { return nil }
        guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), let host = url.host(percentEncoded: false) else {
            throw CredentialError.containerCredentialsFailed(reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URL")
        }
        if scheme == "https" { return url }
        guard scheme == "http" else {
            throw CredentialError.containerCredentialsFailed(reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI must use http or https")
        }
        guard isLoopbackHost(host) || allowedHTTPHosts.contains(host.lowercased()) else {
            throw CredentialError.containerCredentialsFailed(
                reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI may use plain http only to a loopback address or "
                    + "\(allowedHTTPHosts.filter { !$0.hasPrefix("[") }.sorted().joined(separator: ", ")); \(host) is neither")
        }
        return url
    }

    /// The `Authorization` value: the token file's content (re-read on every call, since EKS
    /// rotates it) or the token variable; nil when neither is set.
    func authorizationToken() throws -> String? {
        let env = environment.value
        var token: String?
        if let path = env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw CredentialError.containerCredentialsFailed(reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path)")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let value = env["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !value.isEmpty {
            token = value
        }
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            throw CredentialError.containerCredentialsFailed(reason: "the authorization token holds a line break, which is not a legal header value")
        }
        return token
    }

    public func credentials() async throws -> AWSCredentials {
        guard let url = try Self.endpoint(environment: environment.value) else {
            throw CredentialError.notFound(
                provider: Self.name, reason: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set")
        }
        var headers = [("Accept", "application/json")]
        let token = try authorizationToken()
        if let token { headers.append(("Authorization", token)) }
        let secrets = [token]

        var lastFailure = ""
        for attempt in 1...attempts {
            if attempt > 1 { try await Task.sleep(for: .milliseconds(500)) }
            let exchange: HTTPExchange
            do {
                exchange = try await send(httpClient, method: .get, url: url.absoluteString, headers: headers, timeout: timeout)
            } catch let error as HTTPTransportError {
                lastFailure = error.description
                continue
            }
            if exchange.status >= 500 {
                lastFailure = "\(url.absoluteString) answered HTTP \(exchange.status)"
                continue
            }
            guard exchange.status == 200 else {
                throw CredentialError.containerCredentialsFailed(reason: "\(url.absoluteString) answered HTTP \(exchange.status)".redacting(secrets))
            }
            guard let document = CredentialDocument.decode(exchange.body),
                let keyId = document.AccessKeyId, let secret = document.SecretAccessKey
            else {
                throw CredentialError.containerCredentialsFailed(reason: "\(url.absoluteString) answered something other than credential JSON")
            }
            return AWSCredentials(
                accessKeyId: keyId, secretAccessKey: secret, sessionToken: document.Token ?? document.SessionToken,
                expiration: document.Expiration.flatMap(parseTimestamp))
        }
        throw CredentialError.containerCredentialsFailed(reason: "\(lastFailure) after \(attempts) attempts".redacting(secrets))
    }

    public var description: String { "ContainerCredentialProvider" }
}
