package import Foundation
import AsyncHTTPClient

/// The fault-injecting proxy (`Tests/FaultProxy/fault_proxy.py`) between Rampart and a moto
/// server, on 127.0.0.1 only: it injects faults in each AWS protocol's shape at seeded rates
/// and logs every request it saw, so a test can count attempts, retries and the request rate
/// where the account would see them.
package final class FaultProxy: Sendable {
    /// One kind of fault and where it applies; nil filters match everything.
    package struct Rule: Sendable {
        package var fault: String
        package var rate: Double
        /// The signing name from the credential scope (`ec2`, `s3`, `elasticloadbalancing`).
        package var service: String?
        package var region: String?
        /// The API name (`DescribeInstances`) or, for REST calls, the proxy's method-and-path label.
        package var operation: String?
        /// Only requests whose body holds this text (e.g. one account's id in an AssumeRole's RoleArn).
        package var bodyContains: String?

        package init(
            _ fault: String, rate: Double, service: String? = nil, region: String? = nil, operation: String? = nil, bodyContains: String? = nil
        ) {
            self.fault = fault
            self.rate = rate
            self.service = service
            self.region = region
            self.operation = operation
            self.bodyContains = bodyContains
        }

        var json: [String: Any] {
            var object: [String: Any] = ["fault": fault, "rate": rate]
            if let service { object["service"] = service }
            if let region { object["region"] = region }
            if let operation { object["operation"] = operation }
            if let bodyContains { object["bodyContains"] = bodyContains }
            return object
        }
    }

    /// One request as the proxy saw it.
    package struct Request: Sendable {
        package var time: Double
        package var service: String
        package var region: String
        package var operation: String
        /// Equal for the attempts of one request (same call, same parameters and page).
        package var fingerprint: String
        package var fault: String?
        /// The request's `Authorization` and `X-Amz-Security-Token` values, for tests that prove they leak nowhere.
        package var authorization: String
        package var token: String
    }

    /// Everything the proxy saw so far.
    package struct Log: Sendable {
        package var requests: [Request]
        package var forwarded: Int
        package var injected: [String: Int]

        package var injectedTotal: Int { injected.values.reduce(0, +) }

        /// Attempts of each distinct request.
        package var attemptsPerRequest: [String: [Request]] { Dictionary(grouping: requests, by: \.fingerprint) }

        /// The largest number of requests that arrived within any `window` seconds.
        package func peakRequests(within window: Double) -> Int {
            let times = requests.map(\.time).sorted()
            var peak = 0
            var start = 0
            for end in times.indices {
                while times[end] - times[start] >= window { start += 1 }
                peak = max(peak, end - start + 1)
            }
            return peak
        }
    }

    package let port: Int
    let child: ChildProcess

    package var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, child: ChildProcess) {
        self.port = port
        self.child = child
    }

    /// Starts a proxy in front of `upstream` with `rules` (first match decides), a fixed `seed`,
    /// and `slowSeconds` of delay for the `slow` fault.
    package static func start(upstream: String, rules: [Rule], seed: Int = 11, slowSeconds: Double = 3) async throws -> FaultProxy {
        let config: [String: Any] = ["seed": seed, "slowSeconds": slowSeconds, "rules": rules.map(\.json)]
        let configText = String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)
        let script = MotoServer.repositoryRoot.appendingPathComponent("Tests/FaultProxy/fault_proxy.py").path
        let pipe = Pipe()
        let child = try ChildProcess.start(["python3", script, upstream, configText], environment: cleanProcessEnvironment(), stdout: pipe)
        do {
            let line = try await ChildProcess.firstLine(of: pipe, timeout: 60)
            guard let port = Int(line.trimmingCharacters(in: .whitespaces)) else {
                throw HelperError(description: "the fault proxy printed \"\(line)\" instead of its port")
            }
            return FaultProxy(port: port, child: child)
        } catch {
            child.stop()
            throw error
        }
    }

    package func stop() { child.stop() }

    /// The proxy's log of every request so far.
    package func log() async throws -> Log {
        try await withHTTPClient { client in
            let response = try await client.execute(HTTPClientRequest(url: endpoint + "/__proxy/log"), timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 1 << 28)
            let object = try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any] ?? [:]
            let requests = (object["requests"] as? [[String: Any]] ?? []).map { entry in
                Request(
                    time: entry["time"] as? Double ?? 0, service: entry["service"] as? String ?? "",
                    region: entry["region"] as? String ?? "", operation: entry["operation"] as? String ?? "",
                    fingerprint: entry["fingerprint"] as? String ?? "", fault: entry["fault"] as? String,
                    authorization: entry["authorization"] as? String ?? "", token: entry["token"] as? String ?? "")
            }
            return Log(
                requests: requests, forwarded: object["forwarded"] as? Int ?? 0,
                injected: object["injected"] as? [String: Int] ?? [:])
        }
    }
}
