import AsyncHTTPClient
import Foundation
import RampartSigning

/// A finished HTTP exchange: status and body.
struct HTTPExchange: Sendable {
    let status: Int
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// The request never got an answer (refused, timed out, reset). Its description names the URL
/// and the failure, never a header.
struct HTTPTransportError: Error, CustomStringConvertible {
    let url: String
    let summary: String

    var description: String { "no answer from \(url) (\(summary))" }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// "1 s", "250 ms".
    var shortText: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return "\(seconds) s" }
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}

/// The HTTP methods the credential providers use.
enum HTTPVerb {
    case get, put, post
}

/// Sends one request with a deadline and collects at most `maxBody` bytes of the answer.
func send(
    _ client: HTTPClient, method: HTTPVerb, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
    timeout: Duration, maxBody: Int = 1 << 20
) async throws -> HTTPExchange {
    var request = HTTPClientRequest(url: url)
    switch method {
    case .get: request.method = .GET
    case .put: request.method = .PUT
    case .post: request.method = .POST
    }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(body) }
    do {
        let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
        let buffer = try await response.body.collect(upTo: maxBody)
        return HTTPExchange(status: Int(response.status.code), body: Array(buffer.readableBytesView))
    } catch let error as HTTPClientError {
        let summary: String
        switch error {
        case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout:
            summary = "timed out after \(timeout.shortText)"
        default:
            summary = String(describing: error)
        }
        throw HTTPTransportError(url: url, summary: summary)
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        // NIO's connection errors name the host and port only.
        let text = String(describing: error)
        if text.contains("TooManyBytes") {
            throw HTTPTransportError(url: url, summary: "answer larger than \(maxBody) bytes")
        }
        throw HTTPTransportError(url: url, summary: text.count > 300 ? String(text.prefix(300)) + "…" : text)
    }
}

/// The credential JSON that the container endpoint, instance metadata and credential_process
/// print (field names as AWS sends them; `Token` or `SessionToken`).
struct CredentialDocument: Decodable {
    var Version: Int?
    var Code: String?
    var AccessKeyId: String?
    var SecretAccessKey: String?
    var Token: String?
    var SessionToken: String?
    var Expiration: String?

    /// Decodes without ever surfacing the decoder's error text, which can quote the input.
    static func decode(_ bytes: [UInt8]) -> CredentialDocument? {
        try? JSONDecoder().decode(CredentialDocument.self, from: Data(bytes))
    }
}

/// Parses the ISO 8601 timestamps AWS sends, with or without fractional seconds.
func parseTimestamp(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = options
        if let date = formatter.date(from: trimmed) { return date }
    }
    return nil
}

/// Whether a URL's host is a loopback address (127.0.0.0/8, ::1) or `localhost`.
func isLoopbackHost(_ host: String) -> Bool {
    let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    if bare.lowercased() == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
    let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
    return octets[0] == "127"
}
