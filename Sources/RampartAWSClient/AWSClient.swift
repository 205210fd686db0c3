public import AsyncHTTPClient
public import RampartAWSProtocols
public import RampartCredentials
public import RampartJSON
public import struct Foundation.URL
import Foundation
import NIOCore
import NIOHTTP1
import RampartSigning

/// What one call came to when it did not produce an answer.
public enum CallFailure: Error, Sendable, CustomStringConvertible {
    /// AWS answered with an error (after retries, for retryable ones).
    case service(code: String, message: String, status: Int)
    /// No usable answer: connection failures, timeouts, unreadable bodies (after retries).
    case transport(String)
    /// The read-only allow-list refused the operation.
    case notAllowed(OperationNotAllowed)
    /// Credentials could not be had; the message never holds a secret.
    case credentials(String)

    public var code: String {
        switch self {
        case .service(let code, _, _): code
        case .transport: "RequestFailed"
        case .notAllowed: "NotAllowed"
        case .credentials: "NoCredentials"
        }
    }

    public var message: String {
        switch self {
        case .service(_, let message, _): message
        case .transport(let message): message
        case .notAllowed(let refusal): refusal.description
        case .credentials(let message): message
        }
    }

    public var description: String { "\(code): \(message)" }
}

/// Counters a live collection reports at the end.
public struct ClientStatistics: Sendable {
    public var requests = 0
    public var retries = 0
    public var failures = 0
    /// Answers that said to slow down; each halved its bucket's rate (`RequestBudgets`).
    public var throttles = 0

    public init() {}
}

/// Sends AWS API calls and returns exactly what the AWS CLI would print: builds the request
/// with the service's wire protocol, checks it against the read-only allow-list, signs it,
/// waits for its service's request budget (and the overall `--max-rate`, if any), retries throttling and transient failures with backoff, follows
/// pagination, and decodes the answer.
public final class AWSClient: Sendable {
    let http: HTTPClient
    let credentials: any CredentialProvider
    let endpointOverride: URL?
    let options: ClientOptions
    let allowList: ReadOnlyAllowList
    let models: AWSServiceModels
    let limiter: RateLimiter
    let budgets: RequestBudgets
    let retry: RetryPolicy
    let stats = StatisticsBox()

    public init(
        http: HTTPClient, credentials: any CredentialProvider, endpointOverride: URL?, options: ClientOptions,
        allowList: ReadOnlyAllowList, models: AWSServiceModels, budgets: RequestBudgets = RequestBudgets()
    ) {
        self.budgets = budgets
        self.http = http
        self.credentials = credentials
        self.endpointOverride = endpointOverride
        self.options = options
        self.allowList = allowList
        self.models = models
        self.limiter = RateLimiter(requestsPerSecond: options.maxRequestsPerSecond)
        self.retry = RetryPolicy(maxAttempts: options.maxAttempts, baseBackoff: options.baseBackoff, maxBackoff: options.maxBackoff)
    }

    public var statistics: ClientStatistics { get async { await stats.value } }

    /// Calls `service operation` (AWS CLI names) in `region` with API `parameters`, following
    /// every page and the CLI's follow-up calls, and returns the output as the AWS CLI prints it.
    public func call(service: String, operation: String, region: String, account: String?, parameters: JSONObject) async
        -> Result<JSONValue, CallFailure>
    {
        guard let model = models.operation(service: service, cliName: operation) else {
            return .failure(.transport("no model for \(service) \(operation)"))
        }
        let first = await paginated(model, region: region, account: account, parameters: parameters)
        guard case .success(let result) = first else { return first }
        let followUps = CLICustomizations.followUpCalls(after: model, parameters: parameters, result: result)
        guard !followUps.isEmpty else { return first }
        var followUpResults: [JSONValue] = []
        for followUp in followUps {
            switch await paginated(followUp.operation, region: region, account: account, parameters: followUp.parameters) {
            case .success(let value): followUpResults.append(value)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(CLICustomizations.combine(operation: model, result: result, followUps: followUps, followUpResults: followUpResults))
    }

    /// Every page of one operation, merged as the CLI merges them.
    func paginated(_ model: OperationModel, region: String, account: String?, parameters: JSONObject) async -> Result<JSONValue, CallFailure> {
        var pages: [JSONValue] = []
        var next: JSONObject? = Pagination.initialParameters(operation: model, parameters: parameters)
        while let current = next {
            switch await send(model: model, region: region, account: account, parameters: current) {
            case .failure(let failure): return .failure(failure)
            case .success(let page):
                pages.append(page)
                do {
                    next = try Pagination.nextRequestParameters(operation: model, page: page, parameters: current)
                } catch {
                    return .failure(.transport("\(model.service.cliName) \(model.cliName): \(error)"))
                }
                if pages.count >= 100_000 { return .failure(.transport("\(model.service.cliName) \(model.cliName): more than 100,000 pages")) }
            }
        }
        return .success(Pagination.merge(operation: model, pages: pages))
    }

    /// One request, with retries; an S3 bucket in another region is asked again in its region.
    func send(model: OperationModel, region: String, account: String?, parameters: JSONObject) async -> Result<JSONValue, CallFailure> {
        var attempt = 0
        var signingRegion = region
        while true {
            // A cancelled scan sends nothing more (and never waits on a budget).
            if Task.isCancelled { return .failure(.transport("\(model.service.cliName) \(model.cliName) in \(region): cancelled")) }
            attempt += 1
            let budget = budgets.key(account: account, region: signingRegion, service: model.service.cliName, operation: model.cliName)
            let outcome = await attemptOnce(model: model, region: signingRegion, account: account, parameters: parameters, budget: budget)
            let retryable: Bool
            switch outcome {
            case .success(let value):
                await budgets.succeeded(budget)
                return .success(value)
            case .failure(let failure):
                if failure.isThrottling {
                    await budgets.throttled(budget)
                    await stats.update { $0.throttles += 1 }
                }
                if case .redirect(let bucketRegion) = failure, bucketRegion != signingRegion, attempt < retry.maxAttempts {
                    signingRegion = bucketRegion
                    continue
                }
                retryable = failure.isRetryable(retry)
            }
            if !retryable || attempt >= retry.maxAttempts {
                await stats.update { $0.failures += 1 }
                return outcome.mapError(\.final)
            }
            await stats.update { $0.retries += 1 }
            let delay = retry.delay(afterAttempt: attempt)
            try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
        }
    }

    /// One attempt: the only place a request is built, signed and sent, so the read-only
    /// allow-list is checked here, before credentials are read or a byte is sent.
    func attemptOnce(
        model: OperationModel, region: String, account: String?, parameters: JSONObject, budget: RequestBudgets.Key
    ) async -> Result<JSONValue, AttemptFailure> {
        let service = model.service.cliName
        guard allowList.allows(service: service, operation: model.cliName) else {
            return .failure(.final(.notAllowed(OperationNotAllowed(service: service, operation: model.cliName))))
        }
        let creds: AWSCredentials
        do {
            creds = try await credentials.credentials()
        } catch {
            return .failure(.final(.credentials("\(error)")))
        }
        guard let endpoint = AWSEndpoints.endpoint(
            service: service, region: region, endpointOverride: endpointOverride?.absoluteString, accountId: account, models: models)
        else { return .failure(.final(.transport("no endpoint for \(service) in \(region)"))) }
        let parts: HTTPRequestParts
        do {
            parts = try AWSRequestBuilder.build(operation: model, parameters: parameters)
        } catch {
            return .failure(.final(.transport("cannot build the request: \(error)")))
        }
        guard var components = URLComponents(string: endpoint.url) else {
            return .failure(.final(.transport("bad endpoint \(endpoint.url)")))
        }
        let basePath = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = basePath + parts.path
        components.percentEncodedQuery = parts.query.isEmpty ? nil : parts.query.map { key, value in
            value.isEmpty ? PercentEncoding.encode(key) : "\(PercentEncoding.encode(key))=\(PercentEncoding.encode(value))"
        }.joined(separator: "&")
        guard let url = components.url else { return .failure(.final(.transport("cannot build a URL for \(endpoint.url)"))) }

        let signer = SigV4Signer(credentials: creds, region: endpoint.signingRegion, service: endpoint.signingName)
        let signed = signer.signedHeaders(method: parts.method, url: url, headers: parts.headers, body: parts.body, date: Date())
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: parts.method)
        for (name, value) in parts.headers + signed { request.headers.add(name: name, value: value) }
        if !parts.body.isEmpty { request.body = .bytes(ByteBuffer(bytes: parts.body)) }

        await budgets.acquire(budget)
        await limiter.acquire()
        await stats.update { $0.requests += 1 }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: .milliseconds(Int64(options.requestTimeout * 1000)))
            body = try await response.body.collect(upTo: 1 << 30)
        } catch {
            return .failure(.retryable(.transport("\(service) \(model.cliName) in \(region): \(Self.describe(error))")))
        }
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        let answer = HTTPResponseParts(status: Int(response.status.code), headers: headers, body: Array(body.readableBytesView))
        if let damaged = Self.damagedJSONBody(model: model, response: answer) {
            return .failure(.retryable(.transport("\(service) \(model.cliName) in \(region): \(damaged)")))
        }
        switch AWSResponseDecoder.decode(operation: model, response: answer) {
        case .success(let value): return .success(value)
        case .failure(let error):
            if error.status == 301, let bucketRegion = error.bucketRegion { return .failure(.redirect(bucketRegion)) }
            // AWS quotes the canonical request (with the session token) in signature errors, and a
            // proxy may echo headers: the message keeps none of this request's secrets.
            let secrets = [creds.secretAccessKey, creds.sessionToken ?? ""]
                + signed.filter { ["authorization", "x-amz-security-token"].contains($0.0.lowercased()) }.map(\.1)
            let failure = CallFailure.service(
                code: Self.redact(error.code, secrets: secrets), message: Self.redact(error.message, secrets: secrets), status: error.status)
            return .failure(retry.isRetryable(status: error.status, code: error.code) ? .retryable(failure) : .final(failure))
        }
    }

    /// Why a successful answer of a JSON protocol cannot be trusted, or nil. The AWS CLI reads a
    /// body that is not JSON as `{}`, which would look like "no resources"; Rampart treats it as
    /// a damaged answer (retried, then a failed call), never as an empty one.
    static func damagedJSONBody(model: OperationModel, response: HTTPResponseParts) -> String? {
        guard response.status < 300, !response.body.isEmpty, model.outputShapeName != nil else { return nil }
        switch model.service.wireProtocol {
        case .json, .restJSON: break
        case .query, .ec2, .restXML: return nil
        }
        if case .object = try? JSONParser.parse(response.body) { return nil }
        return "the answer's body (\(response.body.count) bytes) is not a JSON object"
    }

    /// `text` with every secret of the request (the secret key, the session token, the
    /// `Authorization` value and the signature inside it) replaced by `[redacted]`.
    static func redact(_ text: String, secrets: [String]) -> String {
        var pieces: [String] = []
        for secret in secrets {
            pieces.append(secret)
            if let range = secret.range(of: "Signature=") { pieces.append(String(secret[range.upperBound...])) }
        }
        var result = text
        // Longest first, so a header value is removed whole before the signature inside it.
        for piece in pieces.filter({ $0.count >= 16 }).sorted(by: { $0.count > $1.count }) where result.contains(piece) {
            result = result.replacingOccurrences(of: piece, with: "[redacted]")
        }
        return result
    }

    /// A transport error in words, without request details that could carry signed headers.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "the connection was closed"
            default: return "HTTP client error \(error)"
            }
        }
        return String(describing: type(of: error)) + ": " + "\(error)".prefix(200)
    }
}

/// How one attempt failed, and whether to try again.
enum AttemptFailure: Error {
    case retryable(CallFailure)
    case final(CallFailure)
    /// S3 answered 301: the bucket lives in this region.
    case redirect(String)

    func isRetryable(_ policy: RetryPolicy) -> Bool {
        if case .retryable = self { return true }
        return false
    }

    /// AWS said to slow down (a throttling code, or HTTP 429).
    var isThrottling: Bool {
        guard case .retryable(.service(let code, _, let status)) = self else { return false }
        return RetryPolicy.throttlingCodes.contains(code) || status == 429
    }

    var final: CallFailure {
        switch self {
        case .retryable(let failure), .final(let failure): failure
        case .redirect(let region): .service(code: "PermanentRedirect", message: "the bucket is in \(region)", status: 301)
        }
    }
}

/// Mutable statistics behind an actor.
actor StatisticsBox {
    var value = ClientStatistics()
    func update(_ change: (inout ClientStatistics) -> Void) { change(&value) }
}
