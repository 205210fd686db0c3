import AsyncHTTPClient
import Foundation
import RampartAWSClient
import RampartAWSProtocols
import RampartCollector
import RampartCredentials
import RampartInventory

/// Reads an account live for `collect` and `scan`: resolves configuration as the AWS CLI does,
/// runs the collector, prints progress on a terminal and a one-line summary at the end.
struct LiveCollection {
    let options: LiveOptions
    let quiet: Bool

    func collect() async throws -> CollectionResult {
        try await run { client, organization, progress, regions, homeRegion in
            let result: CollectionResult
            if let organization {
                result = try await organization.collect()
            } else {
                let collector = Collector(
                    client: client, regions: regions, homeRegion: homeRegion,
                    maxConcurrency: options.maxConcurrency ?? 8, progress: { progress.report($0) })
                result = try await collector.collect()
            }
            if !quiet {
                let s = result.statistics
                let failed = result.errors.filter {
                    !NotConfiguredAnswers.isAnswer($0.code, service: $0.call.service, operation: $0.call.operation)
                }.count
                let scope = result.organization.map { "\(result.accounts.count) account(s) of organization \($0.id)" } ?? result.account
                note(String(format: "rampart: collected %d calls in %d region(s) of %@: %d requests, %d retries, %d failed calls, %.1f s",
                            result.answers.count + result.errors.count, result.regions.count, scope, s.requests, s.retries,
                            failed, result.seconds))
                if s.throttles > 0 {
                    note("rampart: AWS throttled \(s.throttles) request(s); each slowed its service's budget in that account and Region (docs/reliability.md)")
                }
                for problem in result.manifest.accessProblems { note("rampart: not audited: \(problem.message)") }
            }
            return result
        }
    }

    /// Reads only the organization (`--org` is set) and plans `shardCount` shards over its selected accounts.
    func plan(shardCount: Int) async throws -> ShardPlan {
        try await run { _, organization, _, _, _ in
            guard let organization else { throw RampartError("rampart org plan reads an organization") }
            return try await organization.plan(count: shardCount)
        }
    }

    /// Resolves the configuration, checks the flags, and calls `body` with the caller's client and,
    /// with `--org`, the organization's collector; shuts the HTTP client down after.
    private func run<T>(
        _ body: (AWSClient, OrganizationCollector?, ProgressPrinter, [String]?, String) async throws -> T
    ) async throws -> T {
        let environment = ProcessInfo.processInfo.environment
        let resolved: AWSResolvedConfig
        do {
            resolved = try AWSConfigResolver(
                profile: options.profile, region: options.region.first, endpointURL: options.endpointUrl,
                environment: environment, homeDirectory: NSHomeDirectory()
            ).resolve()
        } catch {
            throw RampartError("\(error)")
        }
        var endpoint: URL? = nil
        if let text = resolved.endpointURL {
            guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw RampartError("--endpoint-url \"\(text)\" is not an http(s) URL")
            }
            endpoint = url
        }
        if let concurrency = options.maxConcurrency, concurrency < 1 { throw RampartError("--max-concurrency must be at least 1") }
        if let rate = options.maxRate, rate <= 0 { throw RampartError("--max-rate must be a positive number of requests per second") }
        if let timeout = options.cliReadTimeout, !(timeout > 0 && timeout <= 3600) {
            throw RampartError("--cli-read-timeout must be a number of seconds between 0 and 3600")
        }

        let accountLists = try [("--accounts", options.accounts), ("--exclude-accounts", options.excludeAccounts)].map { flag, text in
            try Self.accountIds(text, flag: flag)
        }
        let units = try Self.organizationalUnits(options.ou)
        if !options.org, options.orgRole != nil || options.accounts != nil || options.excludeAccounts != nil || options.ou != nil {
            throw RampartError("--org-role, --accounts, --exclude-accounts and --ou need --org")
        }
        let shard = try options.shard(environment: environment)
        let roleName = options.orgRole ?? "RampartAudit"
        guard !roleName.isEmpty, roleName.allSatisfy({ $0.isLetter || $0.isNumber || "+=,.@_-".contains($0) }), roleName.count <= 64 else {
            throw RampartError("--org-role \"\(roleName)\" is not an IAM role name (letters, digits and +=,.@_- only)")
        }

        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let progress = ProgressPrinter(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        do {
            let clientOptions = ClientOptions(maxRequestsPerSecond: options.maxRate, requestTimeout: options.cliReadTimeout ?? 30)
            let allowList = ReadOnlyAllowList(CollectionPlan.allowedOperations)
            let callerCredentials = resolved.credentialProvider(httpClient: http)
            let client = AWSClient(
                http: http, credentials: callerCredentials, endpointOverride: endpoint,
                options: clientOptions, allowList: allowList, models: AWSServiceModels.shared)
            let homeRegion = resolved.region ?? options.region.first ?? "us-east-1"
            let regions = options.region.isEmpty ? nil : options.region
            var organization: OrganizationCollector? = nil
            if options.org {
                let stsRegion = resolved.stsRegion
                let stsEndpoint = resolved.stsEndpoint
                let memberEndpoint = endpoint
                let partition = homeRegion.hasPrefix("cn-") ? "aws-cn" : homeRegion.hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
                organization = OrganizationCollector(
                    client: client,
                    memberClient: { account in
                        let role = AssumeRoleCredentialProvider(
                            source: callerCredentials, roleArn: "arn:\(partition):iam::\(account):role/\(roleName)",
                            roleSessionName: "rampart-audit", region: stsRegion, endpoint: stsEndpoint, httpClient: http)
                        return AWSClient(
                            http: http, credentials: CachingCredentialProvider(role), endpointOverride: memberEndpoint,
                            options: clientOptions, allowList: allowList, models: AWSServiceModels.shared)
                    },
                    filter: AccountFilter(accounts: accountLists[0], excluded: accountLists[1], organizationalUnits: units),
                    regions: regions, homeRegion: homeRegion, maxConcurrency: options.maxConcurrency ?? 8, shard: shard,
                    progress: { progress.report($0) })
            }
            let result = try await body(client, organization, progress, regions, homeRegion)
            try? await http.shutdown()
            return result
        } catch let error as RampartError {
            try? await http.shutdown()
            throw error
        } catch {
            try? await http.shutdown()
            throw RampartError("\(error)")
        }
    }
}

extension LiveCollection {
    /// `--accounts` / `--exclude-accounts`: comma-separated 12-digit account ids.
    static func accountIds(_ text: String?, flag: String) throws -> [String] {
        guard let text else { return [] }
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for id in ids where !(id.count == 12 && id.allSatisfy(\.isASCII) && id.allSatisfy(\.isNumber)) {
            throw RampartError("\(flag): \"\(id)\" is not a 12-digit AWS account id")
        }
        return ids
    }

    /// `--ou`: comma-separated OU (`ou-...`) or root (`r-...`) ids.
    static func organizationalUnits(_ text: String?) throws -> [String] {
        guard let text else { return [] }
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for id in ids where !(id.hasPrefix("ou-") || id.hasPrefix("r-")) || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            throw RampartError("--ou: \"\(id)\" is not an organizational unit id (ou-...) or root id (r-...)")
        }
        return ids
    }
}

/// Per-region, per-service progress on stderr, only on a terminal.
final class ProgressPrinter: Sendable {
    let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func report(_ event: CollectionProgress) {
        guard enabled else { return }
        switch event {
        case .started(let account, let regions, let calls):
            note("rampart: reading account \(account) in \(regions.count) region(s) (\(calls) kinds of call) …")
        case .serviceDone(let region, let service, let calls, let failed):
            note("  \(region.padding(toLength: 15, withPad: " ", startingAt: 0)) \(service.padding(toLength: 12, withPad: " ", startingAt: 0)) \(calls) calls\(failed > 0 ? ", \(failed) failed" : "")")
        }
    }
}
