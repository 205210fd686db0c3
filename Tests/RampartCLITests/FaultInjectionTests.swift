import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// Live scans of the demo company through the fault-injection proxy, one per kind of fault:
/// the scan completes, attempts per request stay within the retry policy, the request rate
/// seen at the proxy stays within `--max-rate`, no verdict turns into a PASS it would not be
/// without the fault, and every call that was lost is listed in the summary.
@Suite(.demoMotoServer, .serialized) struct FaultInjectionTests {
    /// The client's bounds these tests hold it to (`ClientOptions`' defaults, the flags below).
    static let maxAttempts = 5
    static let maxRate = 25
    static let live = ["--region", "us-east-1", "--region", "eu-west-1", "--max-rate", String(maxRate)]

    /// A kind of fault and how it is injected.
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var rules: [FaultProxy.Rule]
        var arguments: [String] = []
        var slowSeconds: Double = 3
        /// Checks (id prefix, region) whose every finding must be UNKNOWN because their data was lost for good.
        var lostChecks: [(prefix: String, region: String)] = []
        var testDescription: String { name }
    }

    /// Faults on every call but the account lookup (without which no scan starts, by design).
    static func everywhere(_ fault: String, rate: Double) -> [FaultProxy.Rule] {
        [FaultProxy.Rule(fault, rate: 0, service: "sts"), FaultProxy.Rule(fault, rate: rate)]
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "throttling", rules: everywhere("throttle", rate: 0.35)),
        Scenario(name: "throttling without end on one call", rules: [FaultProxy.Rule("throttle", rate: 1, operation: "DescribeSecurityGroups")],
            lostChecks: [("ec2.security-group.", "us-east-1"), ("ec2.security-group.", "eu-west-1")]),
        Scenario(name: "500 and 503", rules: everywhere("server-error", rate: 0.3)),
        Scenario(name: "connection resets", rules: everywhere("reset", rate: 0.25)),
        Scenario(name: "answers slower than the timeout", rules: everywhere("slow", rate: 0.04), arguments: ["--cli-read-timeout", "3"], slowSeconds: 5),
        Scenario(name: "truncated bodies", rules: everywhere("truncated", rate: 0.25)),
        Scenario(name: "malformed bodies", rules: everywhere("malformed", rate: 0.25)),
        Scenario(
            name: "AccessDenied for RDS in eu-west-1 and for KMS",
            rules: [FaultProxy.Rule("deny", rate: 1, service: "rds", region: "eu-west-1"), FaultProxy.Rule("deny", rate: 1, service: "kms")],
            lostChecks: [("rds.", "eu-west-1"), ("kms.", "us-east-1"), ("kms.", "eu-west-1")]),
    ]

    func environment(_ moto: MotoServer) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": moto.admin.accessKeyId, "AWS_SECRET_ACCESS_KEY": moto.admin.secretAccessKey,
            "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1",
        ]
    }

    /// What one live scan through a proxy produced.
    struct Run {
        var result: Rampart.Result
        var log: FaultProxy.Log
        /// `checkId resource-arn` → status.
        var verdicts: [String: String]
        var findings: [JSONValue]
        var summary: String
    }

    func scan(through rules: [FaultProxy.Rule], arguments: [String] = [], slowSeconds: Double = 3) async throws -> Run {
        let moto = try #require(MotoServer.current)
        let proxy = try await FaultProxy.start(upstream: moto.endpoint, rules: rules, slowSeconds: slowSeconds)
        defer { proxy.stop() }
        let output = try TemporaryDirectory()
        let result = try Rampart.run(
            ["scan", "--endpoint-url", proxy.endpoint, "--format", "table", "--format", "json", "--output-dir", output.path]
                + Self.live + arguments,
            environment: environment(moto))
        let log = try await proxy.log()
        let findings = (try? JSONParser.parse(String(contentsOfFile: output.path + "/rampart-findings.json", encoding: .utf8)).arrayValue) ?? []
        var verdicts: [String: String] = [:]
        for finding in findings {
            verdicts[Self.key(finding)] = finding["status"]?.stringValue ?? ""
        }
        let summary = (try? String(contentsOfFile: output.path + "/rampart-summary.txt", encoding: .utf8)) ?? ""
        return Run(result: result, log: log, verdicts: verdicts, findings: findings, summary: summary)
    }

    static func key(_ finding: JSONValue) -> String {
        "\(finding["checkId"]?.stringValue ?? "") \(finding["resource"]?["arn"]?.stringValue ?? "")"
    }

    /// The clean run every fault run is compared with, made once per moto server.
    static let baselines = BaselineCache()

    func baseline() async throws -> Run {
        let moto = try #require(MotoServer.current)
        if let cached = await Self.baselines.run(for: moto.port) { return cached }
        let run = try await scan(through: [])
        await Self.baselines.store(run, for: moto.port)
        return run
    }

    @Test func aCleanRunThroughTheProxySendsOnlyReadCallsAndMatchesTheDirectScan() async throws {
        let clean = try await baseline()
        #expect(clean.result.status == 0, "\(clean.result.stderr)")
        #expect(clean.log.injectedTotal == 0)
        #expect(clean.verdicts.count > 300)
        // Read-only, proven on the wire: every request of a full live collection is a read.
        let operations = Set(clean.log.requests.map { "\($0.service) \($0.operation)" })
        let writes = operations.filter { !Self.isRead($0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "") }
        #expect(writes.isEmpty, "non-read operations were sent: \(writes.sorted())")
        #expect(operations.count > 60, "the collection covers the plan: \(operations.count) operations")
        print("fault-injection clean: \(clean.log.requests.count) requests, \(operations.count) distinct operations, all reads; "
            + "\(clean.verdicts.count) findings, \(clean.verdicts.values.filter { $0 == "UNKNOWN" }.count) UNKNOWN")
    }

    @Test(arguments: scenarios)
    func aScanUnderFaultsCompletesWithinBoundsAndNeverPassesOnLostData(scenario: Scenario) async throws {
        let clean = try await baseline()
        let run = try await scan(through: scenario.rules, arguments: scenario.arguments, slowSeconds: scenario.slowSeconds)
        let log = run.log

        // The scan completes.
        #expect(run.result.status == 0, "\(scenario.name): \(run.result.stderr)")
        #expect(run.verdicts.count > 100, "\(scenario.name): the scan reported \(run.verdicts.count) findings")

        // Retries stay within the policy: a request (same call, parameters and page) is sent at
        // most maxAttempts times for each time the clean run sent it (a few calls are made twice).
        let attempts = log.attemptsPerRequest.filter { $0.value.first?.operation != "GenerateCredentialReport" }
        let cleanSends = clean.log.attemptsPerRequest.mapValues(\.count)
        let overBound = attempts.filter { $0.value.count > Self.maxAttempts * (cleanSends[$0.key] ?? 1) }
        #expect(overBound.isEmpty, "\(scenario.name): sent beyond the retry bound: \(overBound.values.map { "\($0[0].service) \($0[0].operation) ×\($0.count)" }.prefix(5))")
        let mostAttempts = attempts.map { $0.value.count / max(1, cleanSends[$0.key] ?? 1) }.max() ?? 0
        let proxyRetries = attempts.map { $0.value.count - (cleanSends[$0.key] ?? 1) }.reduce(0, +)

        // The request rate holds where the account sees it (one extra for the window's edges).
        let peak = log.peakRequests(within: 1.0)
        #expect(peak <= Self.maxRate + 1, "\(scenario.name): \(peak) requests within one second, limit \(Self.maxRate)")

        // Every request the client counted reached the proxy, and the client's own counters agree.
        let stated = Self.clientCounters(run.result.stderr)
        #expect(stated?.requests == log.requests.count, "\(scenario.name): client said \(String(describing: stated)), proxy saw \(log.requests.count)")

        // Lost calls: the last attempt of a request was faulted.
        let lost = attempts.values.compactMap { tries -> FaultProxy.Request? in
            guard let last = tries.last, last.fault != nil else { return nil }
            return last
        }

        // No false PASS: under faults a verdict is what the clean run says, or UNKNOWN.
        var falsePasses: [String] = []
        var changed: [String] = []
        for (key, status) in run.verdicts where status != "UNKNOWN" && clean.verdicts[key] != status {
            if status == "PASS" { falsePasses.append("\(key) PASS, clean \(clean.verdicts[key] ?? "absent")") }
            changed.append("\(key) \(status), clean \(clean.verdicts[key] ?? "absent")")
        }
        #expect(falsePasses.isEmpty, "\(scenario.name): false PASS: \(falsePasses.prefix(5))")
        #expect(changed.isEmpty, "\(scenario.name): verdicts changed by faults: \(changed.prefix(5))")

        // A denied service's checks are all UNKNOWN where it was denied.
        for (prefix, region) in scenario.lostChecks {
            let affected = run.findings.filter {
                ($0["checkId"]?.stringValue ?? "").hasPrefix(prefix) && $0["resource"]?["region"]?.stringValue == region
            }
            #expect(!affected.isEmpty, "\(scenario.name): no \(prefix) findings in \(region)")
            let decided = affected.filter { $0["status"]?.stringValue != "UNKNOWN" }.map(Self.key)
            #expect(decided.isEmpty, "\(scenario.name): \(prefix) in \(region) decided without its data: \(decided.prefix(5))")
        }

        // The summary lists what was lost.
        let unknowns = run.verdicts.values.filter { $0 == "UNKNOWN" }.count
        let cleanUnknowns = clean.verdicts.values.filter { $0 == "UNKNOWN" }.count
        // Calls the clean run could not make either (moto has no Access Analyzer) change no verdict when lost again.
        let newlyLost = lost.filter { request in
            if let name = Self.cliName(request.operation) { return !clean.summary.contains(" \(name): failed") }
            // REST calls are labelled by method and path: match the clean run's failures by service and region.
            let service = request.service.replacingOccurrences(of: "-", with: "")
            return !clean.summary.split(separator: "\n").contains { $0.contains(" \(service) ") && $0.contains(": failed (\(request.region))") }
        }
        if !lost.isEmpty {
            #expect(run.summary.contains("Could not read ("), "\(scenario.name): the summary does not list lost calls")
        }
        // A lost call need not add an UNKNOWN: which call a fault hits depends on timing, and some
        // answers decide no verdict (the rotation status of a key pending deletion, which no check
        // judges). Every verdict that did change is UNKNOWN (above), and a scan never has fewer.
        #expect(unknowns >= cleanUnknowns, "\(scenario.name): fewer UNKNOWN than the clean run")
        if !newlyLost.isEmpty, !scenario.lostChecks.isEmpty {
            #expect(unknowns > cleanUnknowns, "\(scenario.name): \(newlyLost.count) calls lost but no more UNKNOWN than the clean run")
        }
        for request in lost {
            guard let name = Self.cliName(request.operation) else { continue }
            #expect(run.summary.contains(" \(name): failed"), "\(scenario.name): the summary does not list lost \(request.service) \(name)")
        }
        if scenario.name.hasPrefix("throttling without end") {
            #expect(!lost.isEmpty && lost.allSatisfy { attempts[$0.fingerprint]?.count == Self.maxAttempts },
                "a call throttled on every attempt is tried exactly \(Self.maxAttempts) times, then reported lost")
        }

        print("fault-injection \(scenario.name): injected \(log.injectedTotal) \(log.injected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")), "
            + "requests \(log.requests.count), forwarded \(log.forwarded), retries \(proxyRetries) (client: \(stated?.retries ?? -1)), "
            + "max attempts \(mostAttempts)/\(Self.maxAttempts), peak \(peak)/s (limit \(Self.maxRate)), lost calls \(lost.count), "
            + "UNKNOWN \(unknowns) (clean \(cleanUnknowns)), false PASS \(falsePasses.count)"
            + (lost.isEmpty ? "" : "; lost: " + Set(lost.map { "\($0.service) \($0.operation) (\($0.fault ?? ""))" }).sorted().joined(separator: ", ")))
    }

    /// `N requests, M retries` from the collection's closing line on stderr.
    static func clientCounters(_ stderr: String) -> (requests: Int, retries: Int)? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.hasPrefix("rampart: collected ") }) else { return nil }
        let numbers = line.components(separatedBy: ": ").last?.components(separatedBy: ", ").compactMap { Int($0.split(separator: " ").first ?? "") }
        guard let numbers, numbers.count >= 2 else { return nil }
        return (numbers[0], numbers[1])
    }

    /// Whether an operation as the proxy names it is a read: `Describe*`, `List*`, `Get*`,
    /// `BatchGet*` (CodeBuild's project details), `GenerateCredentialReport`, or a REST call made
    /// with GET or HEAD.
    static func isRead(_ operation: String) -> Bool {
        if operation.hasPrefix("GET ") || operation.hasPrefix("HEAD ") { return true }
        if operation.contains(" ") { return false }
        return ["Describe", "List", "Get", "BatchGet"].contains { operation.hasPrefix($0) } || operation == "GenerateCredentialReport"
    }

    /// The AWS CLI's name for an API operation name (`DescribeDBInstances` → `describe-db-instances`),
    /// as the summary shows it; nil for REST calls the proxy labels by method and path. The EMR
    /// follow-up calls are reported under the command that makes them.
    static func cliName(_ operation: String) -> String? {
        guard !operation.contains(" "), !operation.isEmpty else { return nil }
        if ["ListInstanceGroups", "ListInstanceFleets", "ListBootstrapActions"].contains(operation) { return "describe-cluster" }
        var text = operation
        text = text.replacingOccurrences(of: "(.)([A-Z][a-z]+)", with: "$1-$2", options: .regularExpression)
        text = text.replacingOccurrences(of: "([a-z0-9])([A-Z])", with: "$1-$2", options: .regularExpression)
        return text.lowercased()
    }
}

/// The clean run, kept for the scenarios that compare with it.
actor BaselineCache {
    private var runs: [Int: FaultInjectionTests.Run] = [:]
    func run(for port: Int) -> FaultInjectionTests.Run? { runs[port] }
    func store(_ run: FaultInjectionTests.Run, for port: Int) { runs[port] = run }
}
