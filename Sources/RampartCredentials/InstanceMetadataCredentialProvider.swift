public import AsyncHTTPClient
import Foundation
public import RampartSigning

/// Credentials of the IAM role attached to an EC2 instance, read from the instance metadata
/// service with IMDSv2 only: `PUT /latest/api/token` first, then the role name and its
/// credentials with the token. Short timeouts (1 s by default) make a machine without IMDS
/// fail fast; any failure is "not found", so a chain reports it and moves on.
public struct InstanceMetadataCredentialProvider: CredentialProvider, CustomStringConvertible {
    public let endpoint: String
    public let disabled: Bool
    private let httpClient: HTTPClient
    public let timeout: Duration

    public static let name = "EC2 instance metadata"
    public static let defaultEndpoint = "http://169.254.169.254"
    public static let defaultIPv6Endpoint = "http://[fd00:ec2::254]"

    /// Settings as the AWS CLI reads them: `AWS_EC2_METADATA_DISABLED=true` turns the provider
    /// off; the endpoint is `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the profile's
    /// `ec2_metadata_service_endpoint`, else the IPv4 or (with
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6` or the profile's
    /// `ec2_metadata_service_endpoint_mode`) the IPv6 address; `AWS_METADATA_SERVICE_TIMEOUT`
    /// (seconds) overrides `timeout`.
    public init(environment: [String: String], profile: AWSConfigSection = AWSConfigSection(), httpClient: HTTPClient, timeout: Duration = .seconds(1)) {
        func setting(_ env: String, _ key: String) -> String? {
            if let value = environment[env], !value.isEmpty { return value }
            if let value = profile[key], !value.isEmpty { return value }
            return nil
        }
        let mode = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode")?.lowercased()
        let endpoint = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint")
            ?? (mode == "ipv6" ? Self.defaultIPv6Endpoint : Self.defaultEndpoint)
        var timeout = timeout
        if let text = setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout"), let seconds = Double(text), seconds > 0 {
            timeout = .milliseconds(Int64(seconds * 1000))
        }
        self.init(
            endpoint: endpoint, disabled: environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true",
            httpClient: httpClient, timeout: timeout)
    }

    public init(endpoint: String = Self.defaultEndpoint, disabled: Bool = false, httpClient: HTTPClient, timeout: Duration = .seconds(1)) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.disabled = disabled
        self.httpClient = httpClient
        self.timeout = timeout
    }

    public func credentials() async throws -> AWSCredentials {
        if disabled {
            throw CredentialError.notFound(provider: Self.name, reason: "disabled by AWS_EC2_METADATA_DISABLED")
        }
        func notFound(_ reason: String) -> CredentialError { .notFound(provider: Self.name, reason: reason) }
        do {
            let tokenAnswer = try await send(
                httpClient, method: .put, url: "\(endpoint)/latest/api/token",
                headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], timeout: timeout, maxBody: 4096)
            guard tokenAnswer.status == 200, !tokenAnswer.body.isEmpty else {
                throw notFound("\(endpoint) refused an IMDSv2 session token (HTTP \(tokenAnswer.status))")
            }
            let token = tokenAnswer.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let headers = [("X-aws-ec2-metadata-token", token)]
            let base = "\(endpoint)/latest/meta-data/iam/security-credentials/"

            let roleAnswer = try await send(httpClient, method: .get, url: base, headers: headers, timeout: timeout, maxBody: 4096)
            guard roleAnswer.status == 200 else {
                throw notFound(roleAnswer.status == 404 ? "no IAM role is attached to this instance" : "\(base) answered HTTP \(roleAnswer.status)")
            }
            guard let role = roleAnswer.text.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
                !role.isEmpty
            else {
                throw notFound("no IAM role is attached to this instance")
            }
            let roleURL = base + SigV4Signer.uriEncode(role)
            let credentialAnswer = try await send(httpClient, method: .get, url: roleURL, headers: headers, timeout: timeout)
            guard credentialAnswer.status == 200 else {
                throw notFound("\(roleURL) answered HTTP \(credentialAnswer.status)")
            }
            guard let document = CredentialDocument.decode(credentialAnswer.body),
                document.Code == nil || document.Code == "Success",
                let keyId = document.AccessKeyId, let secret = document.SecretAccessKey
            else {
                throw notFound("the credentials of role \(role) are not in the expected JSON")
            }
            return AWSCredentials(
                accessKeyId: keyId, secretAccessKey: secret, sessionToken: document.Token ?? document.SessionToken,
                expiration: document.Expiration.flatMap(parseTimestamp))
        } catch let error as HTTPTransportError {
            throw notFound(error.description)
        }
    }

    public var description: String { "InstanceMetadataCredentialProvider(\(endpoint))" }
}
