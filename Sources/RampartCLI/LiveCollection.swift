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

        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let progress = ProgressPrinter(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        do {
            let client = AWSClient(
                http: http, credentials: resolved.credentialProvider(httpClient: http), endpointOverride: endpoint,
                options: ClientOptions(maxRequestsPerSecond: options.maxRate ?? 20, requestTimeout: options.cliReadTimeout ?? 30),
                allowList: ReadOnlyAllowList(CollectionPlan.allowedOperations),
                models: AWSServiceModels.shared)
            let collector = Collector(
                client: client, regions: options.region.isEmpty ? nil : options.region,
                homeRegion: resolved.region ?? options.region.first ?? "us-east-1",
                maxConcurrency: options.maxConcurrency ?? 8, progress: { progress.report($0) })
            let result = try await collector.collect()
            try? await http.shutdown()
            if !quiet {
                let s = result.statistics
                let failed = result.errors.filter {
                    !NotConfiguredAnswers.isAnswer($0.code, service: $0.call.service, operation: $0.call.operation)
                }.count
                note(String(format: "rampart: collected %d calls in %d region(s) of %@: %d requests, %d retries, %d failed calls, %.1f s",
                            result.answers.count + result.errors.count, result.regions.count, result.account, s.requests, s.retries,
                            failed, result.seconds))
            }
            return result
        } catch {
            try? await http.shutdown()
            throw RampartError(error.description)
        }
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
