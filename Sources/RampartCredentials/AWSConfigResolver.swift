public import AsyncHTTPClient
public import Foundation
import RampartSigning

/// Resolves the profile, region, endpoint and credential chain the way the AWS CLI does, from
/// the `--profile`/`--region`/`--endpoint-url` flags, an environment dictionary and the home
/// directory (so tests and the CLI give it exactly what it may read).
///
/// ```swift
/// let resolved = try AWSConfigResolver(profile: options.profile, region: options.regions.first,
///                                      endpointURL: options.endpointURL,
///                                      environment: ProcessInfo.processInfo.environment,
///                                      homeDirectory: NSHomeDirectory()).resolve()
/// let credentials = resolved.credentialProvider(httpClient: httpClient)
/// ```
public struct AWSConfigResolver: Sendable, CustomStringConvertible {
    public let profileFlag: String?
    public let regionFlag: String?
    public let endpointURLFlag: String?
    private let environment: Sensitive<[String: String]>
    public let homeDirectory: String

    public init(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, environment: [String: String],
        homeDirectory: String
    ) {
        func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        self.profileFlag = nonEmpty(profile)
        self.regionFlag = nonEmpty(region)
        self.endpointURLFlag = nonEmpty(endpointURL)
        self.environment = Sensitive(environment)
        self.homeDirectory = homeDirectory
    }

    /// `path` with a leading `~` or `~/` replaced by the home directory.
    public func expandingTilde(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") {
            return (homeDirectory.hasSuffix("/") ? String(homeDirectory.dropLast()) : homeDirectory) + path.dropFirst()
        }
        return path
    }

    private func env(_ name: String) -> String? {
        environment.value[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `AWS_CONFIG_FILE`, else `~/.aws/config`.
    public var configFilePath: String { expandingTilde(env("AWS_CONFIG_FILE") ?? "~/.aws/config") }
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    public var credentialsFilePath: String { expandingTilde(env("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials") }

    /// Reads both files and picks the profile. Throws `AWSConfigFileError` for a file that
    /// cannot be parsed and `CredentialError.profileNotFound` when a profile named by the flag
    /// or the environment is in neither file. Makes no network call.
    public func resolve() throws -> AWSResolvedConfig {
        let configFile = try AWSConfigFile.load(path: configFilePath, kind: .config)
        let credentialsFile = try AWSConfigFile.load(path: credentialsFilePath, kind: .credentials)

        let name: String
        let source: AWSResolvedConfig.ProfileSource
        if let flag = profileFlag {
            (name, source) = (flag, .flag)
        } else if let value = env("AWS_PROFILE") {
            (name, source) = (value, .environment("AWS_PROFILE"))
        } else if let value = env("AWS_DEFAULT_PROFILE") {
            (name, source) = (value, .environment("AWS_DEFAULT_PROFILE"))
        } else {
            (name, source) = ("default", .default)
        }
        let exists = configFile.profiles[name] != nil || credentialsFile.profiles[name] != nil
        if !exists && source != .default {
            throw CredentialError.profileNotFound(profile: name, files: [configFile.path, credentialsFile.path])
        }
        return AWSResolvedConfig(
            profileName: name, profileSource: source, configFile: configFile, credentialsFile: credentialsFile,
            regionFlag: regionFlag, endpointURLFlag: endpointURLFlag, environment: environment)
    }

    public var description: String {
        "AWSConfigResolver(profile: \(profileFlag ?? "nil"), region: \(regionFlag ?? "nil"), endpointURL: \(endpointURLFlag ?? "nil"), homeDirectory: \(homeDirectory))"
    }
}

/// The outcome of `AWSConfigResolver.resolve()`: which profile, region and endpoints apply,
/// and the credential chain for them. Holds no credentials itself; they are fetched when the
/// chain is first asked.
public struct AWSResolvedConfig: Sendable, CustomStringConvertible {
    /// Where the profile name came from.
    public enum ProfileSource: Sendable, Equatable {
        /// `--profile`: the environment's access keys are then not used, as in the AWS CLI.
        case flag
        /// `AWS_PROFILE` or `AWS_DEFAULT_PROFILE`.
        case environment(String)
        /// Nothing named one: `default`.
        case `default`
    }

    public let profileName: String
    public let profileSource: ProfileSource
    public let configFile: AWSConfigFile
    public let credentialsFile: AWSConfigFile
    private let regionFlag: String?
    private let endpointURLFlag: String?
    private let environment: Sensitive<[String: String]>

    init(
        profileName: String, profileSource: ProfileSource, configFile: AWSConfigFile, credentialsFile: AWSConfigFile,
        regionFlag: String?, endpointURLFlag: String?, environment: Sensitive<[String: String]>
    ) {
        self.profileName = profileName
        self.profileSource = profileSource
        self.configFile = configFile
        self.credentialsFile = credentialsFile
        self.regionFlag = regionFlag
        self.endpointURLFlag = endpointURLFlag
        self.environment = environment
    }

    private func env(_ name: String) -> String? {
        environment.value[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A profile as the CLI sees it: the config file's section with the credentials file's
    /// values over it.
    public func profile(named name: String) -> AWSConfigSection? {
        switch (configFile.profiles[name], credentialsFile.profiles[name]) {
        case (nil, nil): return nil
        case (let config?, nil): return config
        case (nil, let credentials?): return credentials
        case (let config?, let credentials?): return config.overlaid(by: credentials)
        }
    }

    /// The selected profile (empty when `default` exists in neither file).
    public var profile: AWSConfigSection { profile(named: profileName) ?? AWSConfigSection() }

    /// `--region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region`.
    public var region: String? {
        regionFlag ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") ?? profile["region"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The endpoint for every service: `--endpoint-url`, else `AWS_ENDPOINT_URL`, else the
    /// profile's `endpoint_url`; nil for AWS's own endpoints.
    public var endpointURL: String? {
        if let endpointURLFlag { return endpointURLFlag }
        if ignoresConfiguredEndpoints { return nil }
        return env("AWS_ENDPOINT_URL") ?? profile["endpoint_url"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private var ignoresConfiguredEndpoints: Bool {
        (env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ?? profile["ignore_configured_endpoint_urls"])?.lowercased() == "true"
    }

    /// The endpoint for one service, by its SDK service id (`sts`, `s3`, `ec2`,
    /// `Elastic Load Balancing v2`...): `--endpoint-url`, else `AWS_ENDPOINT_URL_<SERVICE>`
    /// (`STS`, `ELASTIC_LOAD_BALANCING_V2`), else `AWS_ENDPOINT_URL`, else `endpoint_url` in the
    /// service's part of the profile's `[services NAME]` section, else the profile's
    /// `endpoint_url`. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's
    /// `ignore_configured_endpoint_urls`) leaves only the flag.
    public func endpointURL(forService serviceId: String) -> String? {
        if let endpointURLFlag { return endpointURLFlag }
        if ignoresConfiguredEndpoints { return nil }
        let snake = serviceId.map { $0 == " " || $0 == "-" ? "_" : $0 }
        if let value = env("AWS_ENDPOINT_URL_" + String(snake).uppercased()) { return value }
        if let value = env("AWS_ENDPOINT_URL") { return value }
        if let servicesName = profile["services"], let services = configFile.services[servicesName],
            let value = services.value("endpoint_url", in: String(snake).lowercased()), !value.isEmpty
        {
            return value
        }
        return profile["endpoint_url"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The region STS calls are signed for: the resolved region, else `us-east-1`.
    public var stsRegion: String { region ?? "us-east-1" }

    /// The STS endpoint AssumeRole calls go to.
    public var stsEndpoint: URL {
        endpointURL(forService: "sts").flatMap(URL.init(string:)) ?? AssumeRoleCredentialProvider.defaultEndpoint(region: stsRegion)
    }

    // MARK: - The credential chain

    /// The providers in the AWS CLI's order: environment variables (skipped when `--profile`
    /// was given); the profile's role (`role_arn` with `source_profile` or
    /// `credential_source`); static keys in the credentials file; `credential_process`; static
    /// keys in the config file; the container endpoint; EC2 instance metadata. Temporary
    /// credentials are cached until 5 minutes before they expire. `httpClient` is used for STS,
    /// the container endpoint and instance metadata; the caller owns it and shuts it down.
    public func credentialProvider(httpClient: HTTPClient) -> CredentialChain {
        CredentialChain(credentialProviders(httpClient: httpClient), profile: profileName)
    }

    /// The links of `credentialProvider(httpClient:)`, in order.
    public func credentialProviders(httpClient: HTTPClient) -> [any CredentialProvider] {
        var links: [any CredentialProvider] = []
        if profileSource != .flag {
            links.append(EnvironmentCredentialProvider(environment: environment.value))
        }
        let profile = self.profile
        if profile["role_arn"] != nil && profile["web_identity_token_file"] == nil {
            links.append(assumeRoleProvider(for: profileName, visited: [profileName], httpClient: httpClient))
        } else if let setting = Self.unsupportedSetting(of: profile) {
            links.append(FailingCredentialProvider(error: .unsupportedCredentialSource(profile: profileName, setting: setting)))
        }
        links += profileProviders(for: profileName)
        links.append(CachingCredentialProvider(ContainerCredentialProvider(environment: environment.value, httpClient: httpClient)))
        links.append(CachingCredentialProvider(
            InstanceMetadataCredentialProvider(environment: environment.value, profile: profile, httpClient: httpClient)))
        return links
    }

    /// The credential source of a profile that Rampart does not implement, if it has one.
    private static func unsupportedSetting(of section: AWSConfigSection) -> String? {
        if section["web_identity_token_file"] != nil { return "web identity (web_identity_token_file)" }
        if section["sso_session"] != nil || section["sso_start_url"] != nil {
            return "IAM Identity Center (sso_session / sso_start_url)"
        }
        return nil
    }

    /// What a profile yields by itself: credentials-file keys, credential_process, config-file keys.
    private func profileProviders(for name: String) -> [any CredentialProvider] {
        [
            ProfileCredentialProvider(file: credentialsFile, profile: name),
            CachingCredentialProvider(CredentialProcessProvider(command: profile(named: name)?["credential_process"], profile: name)),
            ProfileCredentialProvider(file: configFile, profile: name),
        ]
    }

    private func hasStaticKeys(_ name: String) -> Bool {
        guard let section = profile(named: name) else { return false }
        return section["aws_access_key_id"] != nil || section["aws_secret_access_key"] != nil
    }

    /// The provider that assumes the role of profile `name`; configuration errors become a
    /// provider that throws them when reached. `visited` holds the profiles of the
    /// source_profile path so far, to find loops.
    private func assumeRoleProvider(for name: String, visited: [String], httpClient: HTTPClient) -> any CredentialProvider {
        guard let section = profile(named: name), let roleArn = section["role_arn"], !roleArn.isEmpty else {
            return FailingCredentialProvider(error: .invalidProfile(profile: name, reason: "role_arn is not set"))
        }
        if section["mfa_serial"] != nil {
            return FailingCredentialProvider(error: .mfaRequired(profile: name))
        }
        var durationSeconds: Int?
        if let text = section["duration_seconds"] {
            guard let value = Int(text), value > 0 else {
                return FailingCredentialProvider(error: .invalidProfile(profile: name, reason: "duration_seconds must be a whole number of seconds"))
            }
            durationSeconds = value
        }

        let source: any CredentialProvider
        switch (section["source_profile"], section["credential_source"]) {
        case (.some, .some):
            return FailingCredentialProvider(error: .invalidProfile(profile: name, reason: "it sets both source_profile and credential_source"))
        case (nil, nil):
            return FailingCredentialProvider(error: .invalidProfile(profile: name, reason: "role_arn needs source_profile or credential_source"))
        case (nil, let credentialSource?):
            source = credentialSourceProvider(credentialSource, profile: name, httpClient: httpClient)
        case (let sourceName?, nil):
            guard profile(named: sourceName) != nil else {
                return FailingCredentialProvider(
                    error: .invalidProfile(profile: name, reason: "its source_profile \"\(sourceName)\" does not exist"))
            }
            if visited.contains(sourceName) && (sourceName != name || !hasStaticKeys(sourceName)) {
                return FailingCredentialProvider(error: .sourceProfileCycle(profiles: visited + [sourceName]))
            }
            let sourceSection = profile(named: sourceName) ?? AWSConfigSection()
            if !hasStaticKeys(sourceName), let setting = Self.unsupportedSetting(of: sourceSection) {
                return FailingCredentialProvider(error: .unsupportedCredentialSource(profile: sourceName, setting: setting))
            }
            if hasStaticKeys(sourceName) || sourceSection["role_arn"] == nil {
                source = FirstAvailableCredentialProvider(providers: profileProviders(for: sourceName)) { reasons in
                    .invalidProfile(
                        profile: name,
                        reason: "its source_profile \"\(sourceName)\" has no credentials (\(reasons.joined(separator: "; ")))")
                }
            } else {
                source = assumeRoleProvider(for: sourceName, visited: visited + [sourceName], httpClient: httpClient)
            }
        }

        return CachingCredentialProvider(
            AssumeRoleCredentialProvider(
                source: source, roleArn: roleArn, roleSessionName: section["role_session_name"], externalId: section["external_id"],
                durationSeconds: durationSeconds, region: stsRegion, endpoint: stsEndpoint, httpClient: httpClient))
    }

    private func credentialSourceProvider(_ value: String, profile name: String, httpClient: HTTPClient) -> any CredentialProvider {
        let base: any CredentialProvider
        switch value {
        case "Environment":
            base = EnvironmentCredentialProvider(environment: environment.value)
        case "Ec2InstanceMetadata":
            base = InstanceMetadataCredentialProvider(environment: environment.value, profile: profile, httpClient: httpClient)
        case "EcsContainer":
            base = ContainerCredentialProvider(environment: environment.value, httpClient: httpClient)
        default:
            return FailingCredentialProvider(
                error: .invalidProfile(
                    profile: name, reason: "credential_source \"\(value)\" is not one of Environment, Ec2InstanceMetadata, EcsContainer"))
        }
        return FirstAvailableCredentialProvider(providers: [base]) { reasons in
            .invalidProfile(profile: name, reason: "its credential_source \(value) found no credentials (\(reasons.joined(separator: "; ")))")
        }
    }

    public var description: String {
        "AWSResolvedConfig(profile: \(profileName), region: \(region ?? "nil"), endpointURL: \(endpointURL ?? "nil"), "
            + "configFile: \(configFile.path), credentialsFile: \(credentialsFile.path))"
    }
}
