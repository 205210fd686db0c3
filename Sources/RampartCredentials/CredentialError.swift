/// A shared config or credentials file that cannot be read, with the file and (for a syntax
/// error) the line. The offending line's text is never quoted: it may hold a secret.
public struct AWSConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    /// 1-based line number, nil when the whole file is unreadable.
    public let line: Int?
    public let reason: String

    public init(path: String, line: Int?, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(path), line \(line): \(reason)" }
        return "\(path): \(reason)"
    }
}

/// Why credentials could not be had. Descriptions name profiles, files, variables and roles,
/// never a secret key, session token, authorization token or the output of a
/// credential_process command.
public enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// This provider has nothing to offer (its variables are unset, its profile has no keys, no
    /// metadata service answered); a `CredentialChain` goes on to the next provider. Every other
    /// case stops the chain, as the AWS CLI stops on a misconfigured source.
    case notFound(provider: String, reason: String)
    /// No provider of the chain yielded credentials; `tried` says what each one found.
    case unableToLocateCredentials(profile: String, tried: [String])
    /// The profile named by `--profile`, `AWS_PROFILE` or `AWS_DEFAULT_PROFILE` is in neither file.
    case profileNotFound(profile: String, files: [String])
    /// The profile's settings contradict each other or are incomplete.
    case invalidProfile(profile: String, reason: String)
    /// `source_profile` references loop back on themselves.
    case sourceProfileCycle(profiles: [String])
    /// The role to assume requires MFA (`mfa_serial`), which needs a person to type a code.
    case mfaRequired(profile: String)
    /// The profile uses a credential source Rampart does not implement (SSO, web identity).
    case unsupportedCredentialSource(profile: String, setting: String)
    /// An access key id without its secret, or the reverse.
    case partialCredentials(provider: String, missing: String)
    /// `credential_process` failed to run, exited non-zero or printed something unusable.
    case credentialProcessFailed(profile: String, reason: String)
    /// The container credentials endpoint is misconfigured or answered with an error.
    case containerCredentialsFailed(reason: String)
    /// STS refused or failed the AssumeRole call.
    case assumeRoleFailed(roleArn: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let provider, let reason):
            return "\(provider): \(reason)"
        case .unableToLocateCredentials(let profile, let tried):
            return "Unable to locate credentials for profile \"\(profile)\". Tried, in order: "
                + tried.joined(separator: "; ")
                + ". Configure credentials with `aws configure`, the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                + "environment variables, or a profile (--profile)."
        case .profileNotFound(let profile, let files):
            return "The config profile (\(profile)) could not be found in \(files.joined(separator: " or "))."
        case .invalidProfile(let profile, let reason):
            return "Profile \"\(profile)\": \(reason)"
        case .sourceProfileCycle(let profiles):
            return "The source_profile settings loop: \(profiles.joined(separator: " -> ")). "
                + "A profile may name itself as source_profile only when it also holds static keys."
        case .mfaRequired(let profile):
            return "Profile \"\(profile)\" assumes a role that requires MFA (mfa_serial). MFA-protected roles need an "
                + "interactive session to type the code, and Rampart runs non-interactively: use a session with cached "
                + "credentials (for example `credential_process = aws configure export-credentials --profile \(profile) "
                + "--format process` after signing in with the AWS CLI, or temporary keys in the environment) or a role "
                + "without MFA."
        case .unsupportedCredentialSource(let profile, let setting):
            return "Profile \"\(profile)\" gets its credentials through \(setting), which Rampart does not implement. "
                + "Sign in with the AWS CLI and use `credential_process = aws configure export-credentials --profile "
                + "\(profile) --format process` in another profile, or export temporary keys to the environment."
        case .partialCredentials(let provider, let missing):
            return "\(provider): partial credentials found, \(missing) is missing."
        case .credentialProcessFailed(let profile, let reason):
            return "credential_process of profile \"\(profile)\": \(reason)"
        case .containerCredentialsFailed(let reason):
            return "Container credentials: \(reason)"
        case .assumeRoleFailed(let roleArn, let reason):
            return "AssumeRole \(roleArn) failed: \(reason)"
        }
    }
}
