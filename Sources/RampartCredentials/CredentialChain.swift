public import Foundation
public import RampartSigning

/// Keeps the credentials of another provider until shortly before they expire (5 minutes by
/// default), so temporary credentials are fetched once per hour rather than once per call.
/// Concurrent callers share one fetch. When a refresh fails while the old credentials are still
/// valid, the old ones are returned. Credentials without an expiry are kept for good.
public actor CachingCredentialProvider: CredentialProvider, CustomStringConvertible {
    public nonisolated let base: any CredentialProvider
    public nonisolated let refreshWindow: Duration
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?

    /// `now` is the clock that decides freshness (the system clock unless a test needs another).
    public init(_ base: any CredentialProvider, refreshWindow: Duration = .seconds(300), now: @escaping @Sendable () -> Date = { Date() }) {
        self.base = base
        self.refreshWindow = refreshWindow
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached, isFresh(cached) { return cached }
        if let inFlight { return try await inFlight.value }
        let base = self.base
        let task = Task { try await base.credentials() }
        inFlight = task
        defer { inFlight = nil }
        do {
            let fresh = try await task.value
            cached = fresh
            return fresh
        } catch {
            if let cached, let expiration = cached.expiration, now() < expiration { return cached }
            throw error
        }
    }

    private func isFresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        let window = Double(refreshWindow.components.seconds) + Double(refreshWindow.components.attoseconds) / 1e18
        return now() < expiration.addingTimeInterval(-window)
    }

    public nonisolated var description: String { "CachingCredentialProvider(\(base))" }
}

/// Tries providers in order, as the AWS CLI does: a provider that finds nothing
/// (`CredentialError.notFound`) passes to the next; any other error stops the chain, because a
/// source that is configured but broken must not be silently skipped. The provider that
/// answered is remembered and asked directly next time. When none answers, the error lists
/// what each one found, like the CLI's "Unable to locate credentials".
public actor CredentialChain: CredentialProvider, CustomStringConvertible {
    public nonisolated let providers: [any CredentialProvider]
    public nonisolated let profile: String
    private var chosen: (any CredentialProvider)?
    private var inFlight: Task<(AWSCredentials, any CredentialProvider), any Error>?

    /// `profile` names the profile in the final error message.
    public init(_ providers: [any CredentialProvider], profile: String = "default") {
        self.providers = providers
        self.profile = profile
    }

    public func credentials() async throws -> AWSCredentials {
        if let chosen { return try await chosen.credentials() }
        if let inFlight { return try await inFlight.value.0 }
        let providers = self.providers
        let profile = self.profile
        let task = Task { () throws -> (AWSCredentials, any CredentialProvider) in
            var tried: [String] = []
            for provider in providers {
                do {
                    return (try await provider.credentials(), provider)
                } catch CredentialError.notFound(let name, let reason) {
                    tried.append("\(name) (\(reason))")
                }
            }
            throw CredentialError.unableToLocateCredentials(profile: profile, tried: tried)
        }
        inFlight = task
        defer { inFlight = nil }
        let (credentials, provider) = try await task.value
        chosen = provider
        return credentials
    }

    public nonisolated var description: String {
        "CredentialChain(profile: \(profile), providers: [\(providers.map { String(describing: $0) }.joined(separator: ", "))])"
    }
}
