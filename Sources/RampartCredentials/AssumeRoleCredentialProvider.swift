public import AsyncHTTPClient
public import Foundation
public import RampartSigning
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Temporary credentials of an IAM role, from one STS `AssumeRole` call signed with the
/// source credentials. Every call to `credentials()` calls STS: wrap it in a
/// `CachingCredentialProvider` (as `AWSResolvedConfig` does) to reuse them until shortly
/// before they expire.
public struct AssumeRoleCredentialProvider: CredentialProvider, CustomStringConvertible {
    public let source: any CredentialProvider
    public let roleArn: String
    public let roleSessionName: String?
    public let externalId: String?
    public let durationSeconds: Int?
    /// The region that signs the call (and names the default endpoint).
    public let region: String
    /// The STS endpoint; `https://sts.<region>.amazonaws.com` when nil.
    public let endpoint: URL?
    private let httpClient: HTTPClient
    public let timeout: Duration
    public let attempts: Int

    public init(
        source: any CredentialProvider, roleArn: String, roleSessionName: String? = nil, externalId: String? = nil,
        durationSeconds: Int? = nil, region: String, endpoint: URL? = nil, httpClient: HTTPClient,
        timeout: Duration = .seconds(10), attempts: Int = 3
    ) {
        self.source = source
        self.roleArn = roleArn
        self.roleSessionName = roleSessionName
        self.externalId = externalId
        self.durationSeconds = durationSeconds
        self.region = region
        self.endpoint = endpoint
        self.httpClient = httpClient
        self.timeout = timeout
        self.attempts = max(1, attempts)
    }

    /// The regional STS endpoint (`.amazonaws.com.cn` in the China regions).
    public static func defaultEndpoint(region: String) -> URL {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return URL(string: "https://sts.\(region).\(suffix)/")!
    }

    /// The form body of the call, values encoded with RFC 3986 rules.
    func formBody(sessionName: String) -> String {
        var fields = [
            ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleArn), ("RoleSessionName", sessionName),
        ]
        if let externalId { fields.append(("ExternalId", externalId)) }
        if let durationSeconds { fields.append(("DurationSeconds", String(durationSeconds))) }
        return fields.map { "\($0.0)=\(SigV4Signer.uriEncode($0.1))" }.joined(separator: "&")
    }

    public func credentials() async throws -> AWSCredentials {
        let sourceCredentials = try await source.credentials()
        let secrets = [sourceCredentials.secretAccessKey, sourceCredentials.sessionToken]
        var url = endpoint ?? Self.defaultEndpoint(region: region)
        if url.path(percentEncoded: true).isEmpty { url = url.appending(path: "/") }
        let sessionName = roleSessionName ?? "rampart-\(Int(Date().timeIntervalSince1970))"
        let body = Array(formBody(sessionName: sessionName).utf8)
        let signer = SigV4Signer(credentials: sourceCredentials, region: region, service: "sts")
        func failure(_ reason: String) -> CredentialError {
            .assumeRoleFailed(roleArn: roleArn, reason: reason.redacting(secrets))
        }

        var lastFailure = ""
        for attempt in 1...attempts {
            if attempt > 1 { try await Task.sleep(for: .milliseconds(300 * (1 << (attempt - 2)))) }
            var headers = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
            headers += signer.signedHeaders(method: "POST", url: url, headers: headers, body: body, date: Date())
            let exchange: HTTPExchange
            do {
                exchange = try await send(httpClient, method: .post, url: url.absoluteString, headers: headers, body: body, timeout: timeout)
            } catch let error as HTTPTransportError {
                lastFailure = error.description
                continue
            }
            let document = STSResponse.parse(exchange.body)
            if exchange.status == 200 {
                guard let keyId = document["Credentials/AccessKeyId"], let secret = document["Credentials/SecretAccessKey"],
                    let token = document["Credentials/SessionToken"]
                else {
                    throw failure("STS answered without Credentials")
                }
                return AWSCredentials(
                    accessKeyId: keyId, secretAccessKey: secret, sessionToken: token,
                    expiration: document["Credentials/Expiration"].flatMap(parseTimestamp))
            }
            let code = document["Error/Code"]
            let message = document["Error/Message"]
            let summary = "HTTP \(exchange.status)" + (code.map { " \($0)" } ?? "") + (message.map { ": \($0)" } ?? "")
            let retryable = exchange.status >= 500 || code == "Throttling" || code == "ThrottlingException" || code == "RequestLimitExceeded"
            if retryable {
                lastFailure = summary
                continue
            }
            throw failure(summary)
        }
        throw failure("\(lastFailure) after \(attempts) attempts")
    }

    public var description: String { "AssumeRoleCredentialProvider(\(roleArn))" }
}

/// Reads the fields of an STS answer: `Credentials/<Field>` of AssumeRole and `Error/<Field>`
/// of an error document.
enum STSResponse {
    static func parse(_ body: [UInt8]) -> [String: String] {
        let delegate = Delegate()
        let parser = XMLParser(data: Data(body))
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.fields
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var stack: [String] = []
        var text = ""
        var fields: [String: String] = [:]

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            stack.append(elementName)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if stack.count >= 2, ["Credentials", "Error"].contains(stack[stack.count - 2]) {
                fields["\(stack[stack.count - 2])/\(elementName)"] = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if !stack.isEmpty { stack.removeLast() }
            text = ""
        }
    }
}
