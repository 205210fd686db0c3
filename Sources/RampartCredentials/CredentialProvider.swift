public import RampartSigning

/// Something that hands out credentials: the environment, a profile, a role, a container or
/// instance endpoint. Providers are tried in the AWS CLI's order by `CredentialChain`.
public protocol CredentialProvider: Sendable {
    /// Fresh credentials; temporary ones are refreshed before they expire.
    func credentials() async throws -> AWSCredentials
}
