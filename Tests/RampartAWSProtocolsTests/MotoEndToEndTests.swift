import Foundation
import RampartJSON
import Testing

@testable import RampartAWSProtocols

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Every call of the collection plan, made twice against the same seeded moto server: once by
/// the AWS CLI (`aws --output json ...`), once through these codecs; the two outputs must be
/// the same JSON (values compared; key order reported separately). Needs `moto_server`, `aws`
/// and `python3` (skipped without them). moto is seeded with Examples/demo-generator/seed.py;
/// the CLI is run as Examples/demo-generator/dump.py runs it.
@Suite(.serialized)
struct MotoEndToEndTests {
    /// Set `RAMPART_SKIP_MOTO_TESTS=1` to leave this (about 90 seconds) out.
    static let toolsPresent = toolExists("moto_server") && toolExists("aws") && toolExists("python3")
        && ProcessInfo.processInfo.environment["RAMPART_SKIP_MOTO_TESTS"] == nil
    static let regions = ["us-east-1", "eu-west-1"]
    /// Every id of each listing: S3 buckets differ in what is configured, and the errors
    /// (`NoSuchBucketPolicy` ...) are answers too.
    static let idsPerResourceCall = Int.max

    @Test(.enabled(if: toolsPresent, "needs moto_server, aws and python3"), .timeLimit(.minutes(30)))
    func codecsProduceWhatTheAWSCLIPrintsForEveryPlannedCall() async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        try await server.seed()
        let harness = Harness(server: server)
        let (plan, support) = try PlanReader.calls()
        #expect(plan.count >= 50, "read \(plan.count) calls from CollectionPlan.swift")
        #expect(support.count >= 3, "sts, ec2 and iam support calls, plus the EMR follow-ups")

        // Support calls first: the account id scopes S3 Control, and the credential report must exist.
        let identity = try await harness.compare(Job(service: "sts", operation: "get-caller-identity", region: "us-east-1"))
        let account = identity?["Account"]?.stringValue ?? "123456789012"
        try await harness.generateCredentialReport()
        for region in Self.regions {
            _ = try await harness.compare(Job(service: "ec2", operation: "describe-regions", region: region))
        }

        // The plan: listings and account-wide calls, then per-resource calls for a few ids.
        var listings: [String: JSONValue] = [:]
        var jobs: [Job] = []
        for call in plan where call.each == nil {
            for region in call.global ? ["us-east-1"] : Self.regions {
                var parameters = call.parameters
                for (key, value) in parameters.pairs where value == .string("{account}") { parameters[key] = .string(account) }
                jobs.append(Job(service: call.service, operation: call.operation, region: region, parameters: parameters, global: call.global))
            }
        }
        for (job, output) in try await harness.compareAll(jobs) {
            listings["\(job.region)/\(job.service)/\(job.operation)"] = output
        }
        var perResource: [Job] = []
        for call in plan {
            guard let each = call.each else { continue }
            for region in call.global ? ["us-east-1"] : Self.regions {
                guard let listing = listings["\(region)/\(call.service)/\(each.listing)"] else { continue }
                var ids = extractIds(listing, path: each.path)
                if each.homeRegionOnly, let trails = listing["trailList"]?.arrayValue {
                    let home = Dictionary(trails.compactMap { t in t["TrailARN"]?.stringValue.map { ($0, t["HomeRegion"]?.stringValue) } }, uniquingKeysWith: { a, _ in a })
                    ids = ids.filter { home[$0].map { $0 == nil || $0 == region } ?? true }
                }
                for id in ids.prefix(Self.idsPerResourceCall) {
                    var parameters = call.parameters
                    let value = JSONValue.string(each.value(for: id, account: account, region: region))
                    parameters[each.parameter] = each.asList ? .array([value]) : value
                    perResource.append(
                        Job(service: call.service, operation: call.operation, region: region, parameters: parameters, global: call.global, resource: id))
                }
            }
        }
        _ = try await harness.compareAll(perResource)

        // Paging: the same calls with a small page size must merge to the same output.
        var paged: [Job] = []
        for job in jobs + perResource {
            guard let op = AWSServiceModels.shared.operation(service: job.service, cliName: job.operation),
                let paginator = op.paginator, paginator.limitKey != nil
            else { continue }
            var pagedJob = job
            pagedJob.pageSize = Self.pageSize(job.service, job.operation)
            paged.append(pagedJob)
        }
        _ = try await harness.compareAll(paged)

        let report = await harness.report()
        print(report)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rampart-protocols-e2e-report.txt")
        try? report.write(to: file, atomically: true, encoding: .utf8)
        let failures = await harness.failures
        #expect(failures.isEmpty, "\(failures.count) calls differ:\n\(failures.joined(separator: "\n"))")
        let orderDifferences = await harness.orderDifferences
        #expect(orderDifferences.isEmpty, "key order differs:\n\(orderDifferences.joined(separator: "\n"))")
    }

    static func pageSize(_ service: String, _ operation: String) -> Int {
        switch (service, operation) {
        case ("iam", "get-account-authorization-details"): 400
        case ("ec2", _): 5  // EC2's least MaxResults
        case ("ssm", "describe-instance-information"): 5  // its MaxResults is at least 5
        default: 1
        }
    }
}

/// One CLI command to run both ways.
struct Job: Sendable, CustomStringConvertible {
    var service: String
    var operation: String
    var region: String
    var parameters = JSONObject()
    var global = false
    var resource: String?
    var pageSize: Int?

    var description: String {
        var text = "\(service) \(operation) [\(global ? "global" : region)]"
        if let resource { text += " \(resource)" }
        if let pageSize { text += " (page size \(pageSize))" }
        return text
    }
}

/// Runs jobs through the AWS CLI and through the codecs, and keeps the verdicts.
actor Harness {
    /// Members moto fills with the time of the request, so two calls a second apart differ.
    /// (EFS's `SizeInBytes.Timestamp` and ECR's lifecycle `lastEvaluatedAt` too.)
    static let volatile: Set<String> = [
        "LatestRestorableTime", "LatestDeliveryTime", "LatestDeliveryAttemptTime", "Timestamp", "lastEvaluatedAt",
    ]

    let server: MotoServer
    let session = URLSession(configuration: .ephemeral)
    var verified: [String] = []
    var failures: [String] = []
    var orderDifferences: [String] = []
    var pageCounts: [String: Int] = [:]
    var durations: [String: Double] = [:]

    init(server: MotoServer) {
        self.server = server
    }

    /// Compares many jobs, four at a time; returns the CLI outputs of the successful ones.
    func compareAll(_ jobs: [Job]) async throws -> [(Job, JSONValue)] {
        var results: [(Job, JSONValue)] = []
        try await withThrowingTaskGroup(of: (Job, JSONValue?).self) { group in
            var pending = jobs[...]
            for _ in 0..<4 {
                guard let job = pending.popFirst() else { break }
                group.addTask { (job, try await self.compare(job)) }
            }
            while let (job, output) = try await group.next() {
                if let output { results.append((job, output)) }
                if let next = pending.popFirst() {
                    group.addTask { (next, try await self.compare(next)) }
                }
            }
        }
        return results
    }

    /// Runs one job both ways and records whether they agree; returns the CLI's output (nil when the call failed).
    func compare(_ job: Job) async throws -> JSONValue? {
        let started = Date()
        defer { durations[job.description] = Date().timeIntervalSince(started) }
        async let cliRun = Self.runCLI(job, port: server.port)
        let ours: Result<JSONValue, CLIError>
        do {
            ours = try await runCodecs(job)
        } catch let error as PaginationError {
            ours = .failure(CLIError(code: "PaginationError", message: error.message))
        } catch {
            ours = .failure(CLIError(code: "Thrown", message: "\(error)"))
        }
        let cli = try await cliRun
        switch (cli, ours) {
        case (.success(let expected), .success(let actual)):
            if let difference = firstDifference(expected, actual, ordered: false, volatile: Self.volatile) {
                failures.append("\(job): \(difference)")
            } else {
                if let difference = firstDifference(expected, actual, ordered: true, volatile: Self.volatile) {
                    orderDifferences.append("\(job): \(difference)")
                }
                verified.append("\(job): same output")
            }
            return expected
        case (.failure(let expected), .failure(let actual)):
            // The CLI's message is read back from its stderr line, which cannot carry trailing
            // whitespace (a non-JSON error body, such as moto's HTML 500 page, ends with a newline).
            let trimmed = { (m: String) in m.trimmingCharacters(in: .whitespacesAndNewlines) }
            if expected.code == actual.code && trimmed(expected.message) == trimmed(actual.message) {
                verified.append("\(job): same error \(actual.code)")
            } else {
                failures.append("\(job): CLI error (\(expected.code)) \(expected.message) != ours (\(actual.code)) \(actual.message)")
            }
            return nil
        case (.success, .failure(let actual)):
            failures.append("\(job): CLI succeeded, codecs failed: (\(actual.code)) \(actual.message)")
            return nil
        case (.failure(let expected), .success):
            failures.append("\(job): CLI failed (\(expected.code)) \(expected.message), codecs succeeded")
            return nil
        }
    }

    func generateCredentialReport() async throws {
        var last: Result<JSONValue, CLIError> = .failure(CLIError(code: "none", message: ""))
        for _ in 0..<30 {
            last = try await Self.runCLI(Job(service: "iam", operation: "generate-credential-report", region: "us-east-1", global: true), port: server.port)
            if case .success(let value) = last, value["State"] == .string("COMPLETE") { break }
            try await Task.sleep(nanoseconds: 500_000_000)
        }
        // Now that the report is complete, both ways answer COMPLETE.
        _ = try await compare(Job(service: "iam", operation: "generate-credential-report", region: "us-east-1", global: true))
    }

    func report() -> String {
        var lines = ["Verified \(verified.count) calls:"]
        lines += verified.sorted().map { "  ✓ " + $0 }
        lines.append("Pages fetched by paged calls:")
        lines += pageCounts.sorted(by: { $0.key < $1.key }).map { "  \($0.key): \($0.value)" }
        lines.append("Slowest calls:")
        lines += durations.sorted(by: { $0.value > $1.value }).prefix(10).map { "  \($0.key): \(String(format: "%.1f", $0.value))s" }
        lines.append("Differences (\(failures.count)):")
        lines += failures.sorted().map { "  ✗ " + $0 }
        lines.append("Key-order differences (\(orderDifferences.count)):")
        lines += orderDifferences.sorted().map { "  ~ " + $0 }
        return lines.joined(separator: "\n")
    }

    // MARK: the AWS CLI

    struct CLIError: Error {
        var code: String
        var message: String
    }

    /// Where the limit key is itself called `PageSize` (elbv2), `--page-size` is that parameter
    /// and the AWS CLI turns pagination off: the paged codecs are then compared with the CLI's
    /// ordinary (unpaged) output.
    static func pageSizeIsOwnParameter(_ job: Job) -> Bool {
        AWSServiceModels.shared.operation(service: job.service, cliName: job.operation)?.paginator?.limitKey == "PageSize"
    }

    static func runCLI(_ job: Job, port: Int) async throws -> Result<JSONValue, CLIError> {
        // As dump.py: EMR reads its region from the Host header and the CLI sends S3 Control to
        // <account>.<host>, so those go through moto used as an HTTP proxy.
        var endpoint = "http://127.0.0.1:\(port)"
        var extra: [String: String] = [:]
        let proxy = ["HTTP_PROXY": "http://127.0.0.1:\(port)", "http_proxy": "http://127.0.0.1:\(port)", "NO_PROXY": "", "no_proxy": ""]
        if job.service == "emr" {
            endpoint = "http://elasticmapreduce.\(job.region).amazonaws.com.localhost:\(port)"
            extra = proxy
        } else if job.service == "s3control" {
            endpoint = "http://localhost:\(port)"
            extra = proxy
        }
        var arguments = ["aws", "--endpoint-url", endpoint, "--region", job.region, "--output", "json", job.service, job.operation]
        for (key, value) in job.parameters.pairs {
            // The CLI spells a boolean as a flag: --show-cache-node-info / --no-show-cache-node-info.
            if case .bool(let flag) = value {
                arguments.append((flag ? "--" : "--no-") + cliOptionName(key))
                continue
            }
            arguments.append("--" + cliOptionName(key))
            switch value {
            case .array(let items): arguments += items.compactMap(\.stringValue)
            case .string(let s): arguments.append(s)
            default: arguments.append(JSONWriter.string(value))
            }
        }
        if let pageSize = job.pageSize, !Self.pageSizeIsOwnParameter(job) { arguments += ["--page-size", String(pageSize)] }
        let output = try await runProcess(arguments, environment: isolatedEnvironment(extra))
        if output.status == 0 { return .success(try cliValue(output.stdout)) }
        let pattern = try NSRegularExpression(
            pattern: #"An error occurred \(([^)]*)\)(?: \(reached max retries: \d+\))? when calling the (\w+) operation(?: \(reached max retries: \d+\))?: (.*)"#,
            options: [.dotMatchesLineSeparators])
        let text = output.stderr
        if let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
            let code = String(text[Range(match.range(at: 1), in: text)!])
            let message = String(text[Range(match.range(at: 3), in: text)!]).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(CLIError(code: code, message: message))
        }
        if let range = text.range(of: "Error during pagination: ") {
            return .failure(CLIError(code: "PaginationError", message: String(text[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return .failure(CLIError(code: "CliError", message: text))
    }

    // MARK: the codecs

    func runCodecs(_ job: Job) async throws -> Result<JSONValue, CLIError> {
        guard let operation = AWSServiceModels.shared.operation(service: job.service, cliName: job.operation) else {
            return .failure(CLIError(code: "NoModel", message: "no model for \(job.service) \(job.operation)"))
        }
        let override = job.service == "emr" ? "http://elasticmapreduce.\(job.region).amazonaws.com.localhost:\(server.port)" : server.endpoint
        guard let endpoint = AWSEndpoints.endpoint(service: job.service, region: job.region, endpointOverride: override) else {
            return .failure(CLIError(code: "NoEndpoint", message: job.service))
        }
        let result = try await call(operation, parameters: job.parameters, endpoint: endpoint, pageSize: job.pageSize, label: job.description)
        guard case .success(let value) = result else { return result }
        let followUps = CLICustomizations.followUpCalls(after: operation, parameters: job.parameters, result: value)
        if followUps.isEmpty { return result }
        var outputs: [JSONValue] = []
        for followUp in followUps {
            let page = try await call(followUp.operation, parameters: followUp.parameters, endpoint: endpoint, pageSize: nil, label: nil, paginate: false)
            guard case .success(let output) = page else { return page }
            outputs.append(output)
        }
        return .success(CLICustomizations.combine(operation: operation, result: value, followUps: followUps, followUpResults: outputs))
    }

    private func call(
        _ operation: OperationModel, parameters: JSONObject, endpoint: AWSEndpoint, pageSize: Int?, label: String?, paginate: Bool = true
    ) async throws -> Result<JSONValue, CLIError> {
        var parameters = paginate ? Pagination.initialParameters(operation: operation, parameters: parameters) : parameters
        if let pageSize, let limitKey = operation.paginator?.limitKey {
            let isString = operation.inputShape?.member(named: limitKey).map { operation.shapes[$0.ref.shape].kind == .string } ?? false
            parameters[limitKey] = isString ? .string(String(pageSize)) : .number(Double(pageSize))
        }
        var pages: [JSONValue] = []
        while true {
            let request = try AWSRequestBuilder.build(operation: operation, parameters: parameters)
            let response = try await send(request, endpoint: endpoint, session: session)
            switch AWSResponseDecoder.decode(operation: operation, response: response) {
            case .failure(let error):
                return .failure(CLIError(code: error.code, message: error.message))
            case .success(let page):
                pages.append(page)
                guard paginate, let next = try Pagination.nextRequestParameters(operation: operation, page: page, parameters: parameters) else {
                    if let label, pageSize != nil { pageCounts[label] = pages.count }
                    return .success(paginate ? Pagination.merge(operation: operation, pages: pages) : page)
                }
                guard pages.count < 5000 else { return .failure(CLIError(code: "TooManyPages", message: "over 5000 pages")) }
                parameters = next
            }
        }
    }
}
