import Foundation
public import RampartSigning

/// Hands out credentials fixed in advance (from a flag, a test or another tool).
public struct StaticCredentialProvider: CredentialProvider {
    public let fixed: AWSCredentials

    public init(_ credentials: AWSCredentials) { self.fixed = credentials }

    public func credentials() async throws -> AWSCredentials { fixed }
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`
/// (or the older `AWS_SECURITY_TOKEN`), with `AWS_CREDENTIAL_EXPIRATION` when set.
public struct EnvironmentCredentialProvider: CredentialProvider, CustomStringConvertible {
    private let environment: Sensitive<[String: String]>

    public init(environment: [String: String]) { self.environment = Sensitive(environment) }

    public static let name = "environment variables"

    public func credentials() async throws -> AWSCredentials {
        let env = environment.value
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let keyId = value("AWS_ACCESS_KEY_ID") else {
            throw CredentialError.notFound(provider: Self.name, reason: "AWS_ACCESS_KEY_ID is not set")
        }
        guard let secret = value("AWS_SECRET_ACCESS_KEY") else {
            throw CredentialError.partialCredentials(provider: Self.name, missing: "AWS_SECRET_ACCESS_KEY")
        }
        var expiration: Date?
        if let text = value("AWS_CREDENTIAL_EXPIRATION") {
            guard let date = parseTimestamp(text) else {
                throw CredentialError.invalidProfile(profile: "(environment)", reason: "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: keyId, secretAccessKey: secret,
            sessionToken: value("AWS_SESSION_TOKEN") ?? value("AWS_SECURITY_TOKEN"), expiration: expiration)
    }

    public var description: String { "EnvironmentCredentialProvider" }
}

/// Static keys of one profile in one file (`aws_access_key_id`, `aws_secret_access_key`,
/// `aws_session_token`): the AWS CLI reads the credentials file and, later in its chain, the
/// config file this way.
public struct ProfileCredentialProvider: CredentialProvider, CustomStringConvertible {
    public let file: AWSConfigFile
    public let profile: String

    public init(file: AWSConfigFile, profile: String) {
        self.file = file
        self.profile = profile
    }

    var name: String {
        (file.kind == .credentials ? "shared credentials file " : "config file ") + file.path
    }

    public func credentials() async throws -> AWSCredentials {
        guard let section = file.profiles[profile] else {
            throw CredentialError.notFound(provider: name, reason: "no profile \"\(profile)\"")
        }
        let keyId = section["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = section["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (keyId, secret) {
        case (nil, nil):
            throw CredentialError.notFound(provider: name, reason: "no keys in profile \"\(profile)\"")
        case (nil, _):
            throw CredentialError.partialCredentials(provider: "\(name), profile \"\(profile)\"", missing: "aws_access_key_id")
        case (_, nil):
            throw CredentialError.partialCredentials(provider: "\(name), profile \"\(profile)\"", missing: "aws_secret_access_key")
        case (let keyId?, let secret?):
            let token = section["aws_session_token"] ?? section["aws_security_token"]
            return AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: token.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    public var description: String { "ProfileCredentialProvider(\(name), profile: \(profile))" }
}

/// Always fails with the same error: stands in for a provider whose configuration is wrong,
/// so the error surfaces when (and only when) the chain reaches it, as in the AWS CLI.
struct FailingCredentialProvider: CredentialProvider {
    let error: CredentialError

    func credentials() async throws -> AWSCredentials { throw error }
}

/// The first of `providers` that has credentials; when none has, `whenNone` with the reasons.
struct FirstAvailableCredentialProvider: CredentialProvider {
    let providers: [any CredentialProvider]
    let whenNone: @Sendable ([String]) -> CredentialError

    func credentials() async throws -> AWSCredentials {
        var reasons: [String] = []
        for provider in providers {
            do {
                return try await provider.credentials()
            } catch CredentialError.notFound(let provider, let reason) {
                reasons.append("\(provider): \(reason)")
            }
        }
        throw whenNone(reasons)
    }
}
