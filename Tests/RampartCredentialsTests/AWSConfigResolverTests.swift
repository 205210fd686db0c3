import RampartTestSupport
import AsyncHTTPClient
import Foundation
import RampartCredentials
import RampartSigning
import Testing

/// A home directory with `.aws/config` and `.aws/credentials`, and an explicit environment in
/// which instance metadata is off (so a chain that reaches it ends at once).
struct ConfigFixture {
    let home: TemporaryDirectory
    var environment: [String: String] = ["AWS_EC2_METADATA_DISABLED": "true"]

    init(config: String? = nil, credentials: String? = nil) throws {
        home = try TemporaryDirectory()
        if let config { try home.write(".aws/config", config) }
        if let credentials { try home.write(".aws/credentials", credentials) }
    }

    func resolver(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) -> AWSConfigResolver {
        AWSConfigResolver(profile: profile, region: region, endpointURL: endpointURL, environment: environment, homeDirectory: home.path)
    }

    func resolve(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) throws -> AWSResolvedConfig {
        try resolver(profile: profile, region: region, endpointURL: endpointURL).resolve()
    }

    /// The credentials the chain yields, or the error it throws.
    func credentials(profile: String? = nil) async throws -> Result<AWSCredentials, CredentialError> {
        let resolved = try resolve(profile: profile)
        return try await withHTTPClient { client async throws in
            do {
                return .success(try await resolved.credentialProvider(httpClient: client).credentials())
            } catch let error as CredentialError {
                return .failure(error)
            }
        }
    }

    func remove() { home.remove() }
}

@discardableResult
func withFixture<T>(config: String? = nil, credentials: String? = nil, environment: [String: String] = [:], _ body: (ConfigFixture) async throws -> T) async throws -> T {
    var fixture = try ConfigFixture(config: config, credentials: credentials)
    fixture.environment.merge(environment) { $1 }
    defer { fixture.remove() }
    return try await body(fixture)
}

extension Result {
    var value: Success? { if case .success(let value) = self { value } else { nil } }
    var error: Failure? { if case .failure(let error) = self { error } else { nil } }
}

@Suite struct AWSConfigResolverTests {
    static let config = """
        [default]
        region = eu-west-1
        [profile flagged]
        region = eu-central-1
        [profile fromenv]
        region = ap-northeast-1
        [profile fromdefault]
        region = sa-east-1
        """

    // MARK: Profile, region, endpoint

    @Test func theProfileComesFromTheFlagThenAWS_PROFILEThenAWS_DEFAULT_PROFILE() async throws {
        try await withFixture(config: Self.config, environment: ["AWS_PROFILE": "fromenv", "AWS_DEFAULT_PROFILE": "fromdefault"]) { fixture async throws in
            let byFlag = try fixture.resolve(profile: "flagged")
            #expect(byFlag.profileName == "flagged")
            #expect(byFlag.profileSource == .flag)
            let byEnv = try fixture.resolve()
            #expect(byEnv.profileName == "fromenv")
            #expect(byEnv.profileSource == .environment("AWS_PROFILE"))
            var onlyDefault = fixture
            onlyDefault.environment["AWS_PROFILE"] = nil
            #expect(try onlyDefault.resolve().profileName == "fromdefault")
            onlyDefault.environment["AWS_DEFAULT_PROFILE"] = nil
            let fallback = try onlyDefault.resolve()
            #expect(fallback.profileName == "default")
            #expect(fallback.profileSource == .default)
        }
    }

    @Test func aMissingDefaultProfileIsFineButANamedProfileMustExist() async throws {
        try await withFixture { fixture async throws in
            #expect(try fixture.resolve().profileName == "default")
            for resolver in [fixture.resolver(profile: "ghost"), AWSConfigResolver(environment: ["AWS_PROFILE": "ghost"], homeDirectory: fixture.home.path)] {
                #expect {
                    _ = try resolver.resolve()
                } throws: { error in
                    guard case CredentialError.profileNotFound(let name, let files) = error else { return false }
                    return name == "ghost" && files == ["\(fixture.home.path)/.aws/config", "\(fixture.home.path)/.aws/credentials"]
                        && String(describing: error).contains("(ghost)")
                }
            }
        }
    }

    @Test func aProfileOnlyInTheCredentialsFileExists() async throws {
        try await withFixture(credentials: "[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = s\n") { fixture async throws in
            #expect(try fixture.resolve(profile: "ci").profileName == "ci")
        }
    }

    @Test func theRegionComesFromTheFlagThenAWS_REGIONThenAWS_DEFAULT_REGIONThenTheProfile() async throws {
        try await withFixture(config: Self.config, environment: ["AWS_REGION": "us-west-1", "AWS_DEFAULT_REGION": "us-west-2"]) { fixture async throws in
            #expect(try fixture.resolve(region: "ca-central-1").region == "ca-central-1")
            #expect(try fixture.resolve().region == "us-west-1")
            var partial = fixture
            partial.environment["AWS_REGION"] = nil
            #expect(try partial.resolve().region == "us-west-2")
            partial.environment["AWS_DEFAULT_REGION"] = nil
            #expect(try partial.resolve().region == "eu-west-1")
            #expect(try partial.resolve(profile: "flagged").region == "eu-central-1")
            partial.environment["AWS_REGION"] = ""
            #expect(try partial.resolve().region == "eu-west-1")
        }
    }

    @Test func theRegionIsNilWhenNothingSetsIt() async throws {
        try await withFixture { fixture async throws in
            let resolved = try fixture.resolve()
            #expect(resolved.region == nil)
            #expect(resolved.stsRegion == "us-east-1")
            #expect(resolved.stsEndpoint.absoluteString == "https://sts.us-east-1.amazonaws.com/")
        }
    }

    @Test func theEndpointComesFromTheFlagThenAWS_ENDPOINT_URLThenTheProfile() async throws {
        let config = """
            [default]
            endpoint_url = http://profile.example:1
            services = local
            [services local]
            sts =
              endpoint_url = http://services-sts.example:2
            """
        try await withFixture(config: config, environment: ["AWS_ENDPOINT_URL": "http://env.example:3", "AWS_ENDPOINT_URL_EC2": "http://env-ec2.example:4"]) { fixture async throws in
            let flagged = try fixture.resolve(endpointURL: "http://flag.example:5")
            #expect(flagged.endpointURL == "http://flag.example:5")
            #expect(flagged.endpointURL(forService: "ec2") == "http://flag.example:5")

            let resolved = try fixture.resolve()
            #expect(resolved.endpointURL == "http://env.example:3")
            #expect(resolved.endpointURL(forService: "ec2") == "http://env-ec2.example:4")
            #expect(resolved.endpointURL(forService: "sts") == "http://env.example:3")

            var noEnv = fixture
            noEnv.environment["AWS_ENDPOINT_URL"] = nil
            noEnv.environment["AWS_ENDPOINT_URL_EC2"] = nil
            let fromProfile = try noEnv.resolve()
            #expect(fromProfile.endpointURL == "http://profile.example:1")
            #expect(fromProfile.endpointURL(forService: "sts") == "http://services-sts.example:2")
            #expect(fromProfile.stsEndpoint.absoluteString == "http://services-sts.example:2")
            #expect(fromProfile.endpointURL(forService: "s3") == "http://profile.example:1")

            noEnv.environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
            #expect(try noEnv.resolve().endpointURL == nil)
            #expect(try noEnv.resolve().endpointURL(forService: "sts") == nil)
        }
    }

    @Test func serviceSpecificEndpointVariablesUseTheServiceIdInUpperSnakeCase() async throws {
        try await withFixture(environment: ["AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2": "http://elb.local", "AWS_ENDPOINT_URL_S3_CONTROL": "http://s3c.local"]) { fixture async throws in
            let resolved = try fixture.resolve()
            #expect(resolved.endpointURL(forService: "Elastic Load Balancing v2") == "http://elb.local")
            #expect(resolved.endpointURL(forService: "s3-control") == "http://s3c.local")
            #expect(resolved.endpointURL(forService: "ec2") == nil)
        }
    }

    @Test func fileLocationsComeFromTheEnvironmentWithTildeExpanded() async throws {
        try await withFixture { fixture async throws in
            try fixture.home.write("elsewhere/cfg", "[profile moved]\nregion = me-south-1\n")
            try fixture.home.write("elsewhere/creds", "[moved]\naws_access_key_id = AKIAMOVED\naws_secret_access_key = s\n")
            var moved = fixture
            moved.environment["AWS_CONFIG_FILE"] = "~/elsewhere/cfg"
            moved.environment["AWS_SHARED_CREDENTIALS_FILE"] = fixture.home.path + "/elsewhere/creds"
            let resolved = try moved.resolve(profile: "moved")
            #expect(resolved.configFile.path == fixture.home.path + "/elsewhere/cfg")
            #expect(resolved.region == "me-south-1")
            #expect(try await moved.credentials(profile: "moved").value?.accessKeyId == "AKIAMOVED")
        }
    }

    @Test func aBrokenFileFailsResolutionNamingFileAndLine() async throws {
        try await withFixture(config: "[default]\nregion = x\nthis line is broken\n") { fixture async throws in
            #expect {
                _ = try fixture.resolve()
            } throws: { error in
                (error as? AWSConfigFileError)?.description == "\(fixture.home.path)/.aws/config, line 3: expected `key = value` or a [section] header"
            }
        }
    }

    // MARK: The chain's order

    static let envKeys = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token"]
    static let keyedProfiles = """
        [default]
        aws_access_key_id = AKIADEFAULTFILE
        aws_secret_access_key = default-file-secret
        [team]
        aws_access_key_id = AKIATEAMFILE
        aws_secret_access_key = team-file-secret
        aws_session_token = team-file-token
        """

    @Test func environmentKeysComeFirstWhenNoProfileFlagIsGiven() async throws {
        try await withFixture(credentials: Self.keyedProfiles, environment: Self.envKeys.merging(["AWS_PROFILE": "team"]) { $1 }) { fixture async throws in
            let credentials = try #require(try await fixture.credentials().value)
            #expect(credentials == AWSCredentials(accessKeyId: "AKIAENV", secretAccessKey: "env-secret", sessionToken: "env-token"))
        }
    }

    @Test func aProfileFlagSkipsTheEnvironmentKeys() async throws {
        try await withFixture(credentials: Self.keyedProfiles, environment: Self.envKeys) { fixture async throws in
            let credentials = try #require(try await fixture.credentials(profile: "team").value)
            #expect(credentials == AWSCredentials(accessKeyId: "AKIATEAMFILE", secretAccessKey: "team-file-secret", sessionToken: "team-file-token"))
        }
    }

    @Test func theCredentialsFileWinsOverTheConfigFile() async throws {
        let config = "[default]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = config-secret\n[profile onlyconfig]\naws_access_key_id = AKIAONLYCONFIG\naws_secret_access_key = c\n"
        try await withFixture(config: config, credentials: Self.keyedProfiles) { fixture async throws in
            #expect(try await fixture.credentials().value?.accessKeyId == "AKIADEFAULTFILE")
            #expect(try await fixture.credentials(profile: "onlyconfig").value?.accessKeyId == "AKIAONLYCONFIG")
        }
    }

    @Test func credentialProcessComesAfterCredentialsFileKeysAndBeforeConfigFileKeys() async throws {
        let process = #"printf '{"Version":1,"AccessKeyId":"AKIAPROCESS","SecretAccessKey":"process-secret"}'"#
        let config = """
            [profile both]
            credential_process = \(process)
            [profile processandconfig]
            credential_process = \(process)
            aws_access_key_id = AKIACONFIG
            aws_secret_access_key = config-secret
            """
        let credentials = "[both]\naws_access_key_id = AKIACREDFILE\naws_secret_access_key = s\n"
        try await withFixture(config: config, credentials: credentials) { fixture async throws in
            #expect(try await fixture.credentials(profile: "both").value?.accessKeyId == "AKIACREDFILE")
            #expect(try await fixture.credentials(profile: "processandconfig").value?.accessKeyId == "AKIAPROCESS")
        }
    }

    @Test func partialKeysStopTheChainRatherThanFallingThrough() async throws {
        try await withFixture(credentials: "[default]\naws_access_key_id = AKIAHALF\n", environment: ["AWS_ACCESS_KEY_ID": "AKIAENVHALF"]) { fixture async throws in
            let envError = try await fixture.credentials().error
            #expect(envError == .partialCredentials(provider: "environment variables", missing: "AWS_SECRET_ACCESS_KEY"))
            var noEnv = fixture
            noEnv.environment["AWS_ACCESS_KEY_ID"] = nil
            guard case .partialCredentials(_, let missing) = try await noEnv.credentials().error else {
                Issue.record("expected partial credentials")
                return
            }
            #expect(missing == "aws_secret_access_key")
        }
    }

    @Test func whenNothingYieldsCredentialsTheErrorListsWhatWasTried() async throws {
        try await withFixture(config: "[default]\nregion = eu-west-1\n") { fixture async throws in
            let error = try #require(try await fixture.credentials().error)
            guard case .unableToLocateCredentials(let profile, let tried) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(profile == "default")
            #expect(tried.count == 6)
            let text = error.description
            #expect(text.hasPrefix("Unable to locate credentials for profile \"default\""))
            for part in [
                "environment variables (AWS_ACCESS_KEY_ID is not set)",
                "shared credentials file \(fixture.home.path)/.aws/credentials (no profile \"default\")",
                "credential_process (not set in profile \"default\")",
                "config file \(fixture.home.path)/.aws/config (no keys in profile \"default\")",
                "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set)",
                "EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)",
            ] {
                #expect(text.contains(part), "missing: \(part)")
            }
        }
    }

    @Test func theChainListsItsProvidersInTheCLIsOrder() async throws {
        let config = "[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base\n[profile base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n"
        try await withFixture(config: config, environment: ["AWS_PROFILE": "r"]) { fixture async throws in
            try await withHTTPClient { client async throws in
                let home = fixture.home.path
                let expected = [
                    "CachingCredentialProvider(AssumeRoleCredentialProvider(arn:aws:iam::123456789012:role/R))",
                    "ProfileCredentialProvider(shared credentials file \(home)/.aws/credentials, profile: r)",
                    "CachingCredentialProvider(CredentialProcessProvider(profile: r))",
                    "ProfileCredentialProvider(config file \(home)/.aws/config, profile: r)",
                    "CachingCredentialProvider(ContainerCredentialProvider)",
                    "CachingCredentialProvider(InstanceMetadataCredentialProvider(http://169.254.169.254))",
                ]
                let byEnvironment = try fixture.resolve().credentialProviders(httpClient: client).map { String(describing: $0) }
                #expect(byEnvironment == ["EnvironmentCredentialProvider"] + expected)
                let byFlag = try fixture.resolve(profile: "r").credentialProviders(httpClient: client).map { String(describing: $0) }
                #expect(byFlag == expected)
            }
        }
    }

    // MARK: Assume-role configuration errors (found before any call to STS)

    static let roles = """
        [profile loop-a]
        role_arn = arn:aws:iam::123456789012:role/A
        source_profile = loop-b
        [profile loop-b]
        role_arn = arn:aws:iam::123456789012:role/B
        source_profile = loop-a
        [profile self-without-keys]
        role_arn = arn:aws:iam::123456789012:role/S
        source_profile = self-without-keys
        [profile dangling]
        role_arn = arn:aws:iam::123456789012:role/D
        source_profile = nowhere
        [profile both-sources]
        role_arn = arn:aws:iam::123456789012:role/X
        source_profile = default
        credential_source = Environment
        [profile no-source]
        role_arn = arn:aws:iam::123456789012:role/N
        [profile bad-source]
        role_arn = arn:aws:iam::123456789012:role/N
        credential_source = Laptop
        [profile env-source]
        role_arn = arn:aws:iam::123456789012:role/E
        credential_source = Environment
        [profile mfa]
        role_arn = arn:aws:iam::123456789012:role/M
        source_profile = default
        mfa_serial = arn:aws:iam::123456789012:mfa/alice
        [profile bad-duration]
        role_arn = arn:aws:iam::123456789012:role/T
        source_profile = default
        duration_seconds = an hour
        [profile keyless-source]
        role_arn = arn:aws:iam::123456789012:role/K
        source_profile = empty
        [profile empty]
        region = us-east-1
        [profile sso]
        sso_session = corp
        sso_account_id = 123456789012
        [profile webid]
        role_arn = arn:aws:iam::123456789012:role/W
        web_identity_token_file = /var/run/token
        [profile via-sso]
        role_arn = arn:aws:iam::123456789012:role/V
        source_profile = sso
        """

    @Test func sourceProfileLoopsAreAnError() async throws {
        try await withFixture(config: Self.roles, credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n") { fixture async throws in
            let error = try await fixture.credentials(profile: "loop-a").error
            #expect(error == .sourceProfileCycle(profiles: ["loop-a", "loop-b", "loop-a"]))
            #expect(error?.description.contains("loop-a -> loop-b -> loop-a") == true)
            #expect(try await fixture.credentials(profile: "self-without-keys").error == .sourceProfileCycle(profiles: ["self-without-keys", "self-without-keys"]))
        }
    }

    @Test(arguments: [
        ("dangling", "its source_profile \"nowhere\" does not exist"),
        ("both-sources", "it sets both source_profile and credential_source"),
        ("no-source", "role_arn needs source_profile or credential_source"),
        ("bad-source", "credential_source \"Laptop\" is not one of Environment, Ec2InstanceMetadata, EcsContainer"),
        ("env-source", "its credential_source Environment found no credentials"),
        ("bad-duration", "duration_seconds must be a whole number of seconds"),
        ("keyless-source", "its source_profile \"empty\" has no credentials"),
    ])
    func aMisconfiguredRoleProfileFailsWithTheReason(profile: String, reason: String) async throws {
        try await withFixture(config: Self.roles, credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n") { fixture async throws in
            let error = try #require(try await fixture.credentials(profile: profile).error)
            guard case .invalidProfile(let name, let text) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(name == profile)
            #expect(text.contains(reason), "\(text)")
        }
    }

    @Test func anMFAProtectedRoleIsRefusedWithAdviceForNonInteractiveRuns() async throws {
        try await withFixture(config: Self.roles, credentials: "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n") { fixture async throws in
            let error = try await fixture.credentials(profile: "mfa").error
            #expect(error == .mfaRequired(profile: "mfa"))
            let text = error?.description ?? ""
            #expect(text.contains("MFA-protected roles need an interactive session"))
            #expect(text.contains("Rampart runs non-interactively"))
            #expect(text.contains("cached credentials"))
            #expect(text.contains("a role without MFA"))
        }
    }

    @Test func aRoleProfileIsUsedBeforeItsOwnStaticKeysAndStopsTheChainOnError() async throws {
        // As in the AWS CLI, role_arn takes precedence over keys in the same profile.
        let credentials = "[mfa]\naws_access_key_id = AKIAOWN\naws_secret_access_key = s\n[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n"
        try await withFixture(config: Self.roles, credentials: credentials) { fixture async throws in
            let error = try await fixture.credentials(profile: "mfa").error
            #expect(error == .mfaRequired(profile: "mfa"))
        }
    }

    @Test func singleSignOnAndWebIdentityProfilesAreReportedAsUnsupported() async throws {
        try await withFixture(config: Self.roles) { fixture async throws in
            guard case .unsupportedCredentialSource(let profile, let setting) = try await fixture.credentials(profile: "sso").error else {
                Issue.record("expected unsupported")
                return
            }
            #expect(profile == "sso")
            #expect(setting.contains("sso_session"))
            guard case .unsupportedCredentialSource(_, let web) = try await fixture.credentials(profile: "webid").error else {
                Issue.record("expected unsupported")
                return
            }
            #expect(web.contains("web_identity_token_file"))
            guard case .unsupportedCredentialSource(let source, _) = try await fixture.credentials(profile: "via-sso").error else {
                Issue.record("expected unsupported")
                return
            }
            #expect(source == "sso")
        }
    }
}
