import RampartTime
public import Foundation
import Crypto

/// Signs an HTTP request with AWS Signature Version 4 (header form), as the AWS documentation
/// and its published test suite define it. Pure: no clock, no I/O; the caller passes the date.
///
/// The path of the URL is taken as sent on the wire (percent-encoded). For every service but
/// S3 the canonical URI is that path with dot segments and empty segments removed, each segment
/// URI-encoded again ("encoded twice"); for `s3` and `s3-control` the path is neither normalized
/// nor encoded a second time.
///
/// ```swift
/// let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "ec2")
/// let added = signer.signedHeaders(method: "POST", url: url, headers: [("Content-Type", form)],
///                                  body: Array(body.utf8), date: Date())
/// // send the request with its headers plus `added`
/// ```
public struct SigV4Signer: Sendable {
    public let credentials: AWSCredentials
    public let region: String
    public let service: String

    /// The algorithm name that opens the string to sign and the `Authorization` header.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash sent for an S3 request whose body is not signed.
    public static let unsignedPayloadHash = "UNSIGNED-PAYLOAD"

    /// Header names the signer never signs: it sets the first three itself, and the others are
    /// rewritten by proxies and HTTP stacks on the way, which would break the signature.
    static let unsignedHeaderNames: Set<String> = [
        "authorization", "x-amz-date", "x-amz-security-token",
        "user-agent", "expect", "x-amzn-trace-id", "connection", "transfer-encoding",
    ]

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Whether the service takes S3's rules: no path normalization, a single encoding, and a
    /// signed `x-amz-content-sha256` header.
    public var isS3: Bool { service == "s3" || service == "s3-control" }

    // MARK: - Signing

    /// The headers to add to the request so that AWS accepts it: `X-Amz-Date`,
    /// `x-amz-content-sha256` (S3 only), `X-Amz-Security-Token` (temporary credentials only) and
    /// `Authorization`. The `Host` header is signed as derived from the URL (with the port when
    /// it is not the scheme's default) unless `headers` holds one; the HTTP client must send
    /// the same value.
    public func signedHeaders(
        method: String, url: URL, headers: [(String, String)], body: [UInt8], date: Date,
        unsignedPayload: Bool = false
    ) -> [(String, String)] {
        let payloadHash = self.payloadHash(body: body, unsignedPayload: unsignedPayload)
        let toSign = headersToSign(url: url, headers: headers, date: date, payloadHash: payloadHash)
        let canonical = canonicalRequest(
            method: method, path: url.path(percentEncoded: true), query: url.query(percentEncoded: true),
            headers: toSign, payloadHash: payloadHash)
        let signature = self.signature(stringToSign: stringToSign(canonicalRequest: canonical, date: date), date: date)
        let authorization = "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(credentialScope(date: date)), "
            + "SignedHeaders=\(Self.signedHeaderList(toSign)), Signature=\(signature)"

        var added: [(String, String)] = [("X-Amz-Date", Self.amzDate(date))]
        if isS3 { added.append(("x-amz-content-sha256", payloadHash)) }
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        added.append(("Authorization", authorization))
        return added
    }

    /// The canonical request that `signedHeaders` signs for this request (for tests and for
    /// debugging a `SignatureDoesNotMatch`; it holds the session token, so never log it).
    public func canonicalRequest(
        method: String, url: URL, headers: [(String, String)], body: [UInt8], date: Date,
        unsignedPayload: Bool = false
    ) -> String {
        let payloadHash = self.payloadHash(body: body, unsignedPayload: unsignedPayload)
        return canonicalRequest(
            method: method, path: url.path(percentEncoded: true), query: url.query(percentEncoded: true),
            headers: headersToSign(url: url, headers: headers, date: date, payloadHash: payloadHash),
            payloadHash: payloadHash)
    }

    /// The canonical request from its raw parts: `path` and `query` as they appear on the
    /// request line (the query without `?`), `headers` exactly the headers to sign (including
    /// `Host` and `X-Amz-Date`), `payloadHash` the hex SHA-256 of the body or `UNSIGNED-PAYLOAD`.
    public func canonicalRequest(
        method: String, path: String, query: String?, headers: [(String, String)], payloadHash: String
    ) -> String {
        let canonicalHeaders = Self.canonicalHeaders(headers)
        return [
            method.uppercased(),
            canonicalURI(path: path),
            Self.canonicalQueryString(query ?? ""),
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(),
            canonicalHeaders.map(\.name).joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// The string to sign: algorithm, request date, credential scope and the hash of the
    /// canonical request, one per line.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        [
            Self.algorithm,
            Self.amzDate(date),
            credentialScope(date: date),
            Self.hexSHA256(Array(canonicalRequest.utf8)),
        ].joined(separator: "\n")
    }

    /// The hex signature of a string to sign, with the key derived from the secret key, the
    /// date, the region and the service.
    public func signature(stringToSign: String, date: Date) -> String {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [Self.dateStamp(date), region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    /// `yyyymmdd/region/service/aws4_request`.
    public func credentialScope(date: Date) -> String {
        "\(Self.dateStamp(date))/\(region)/\(service)/aws4_request"
    }

    // MARK: - Parts

    func payloadHash(body: [UInt8], unsignedPayload: Bool) -> String {
        unsignedPayload ? Self.unsignedPayloadHash : Self.hexSHA256(body)
    }

    /// The caller's headers less the ones never signed, plus `host`, `x-amz-date`, the session
    /// token and (S3) the payload hash.
    func headersToSign(url: URL, headers: [(String, String)], date: Date, payloadHash: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var hasHost = false
        for (name, value) in headers {
            let lower = name.lowercased()
            if Self.unsignedHeaderNames.contains(lower) { continue }
            if isS3 && lower == "x-amz-content-sha256" { continue }
            if lower == "host" { hasHost = true }
            result.append((lower, value))
        }
        if !hasHost { result.append(("host", Self.hostHeader(url))) }
        result.append(("x-amz-date", Self.amzDate(date)))
        if isS3 { result.append(("x-amz-content-sha256", payloadHash)) }
        if let token = credentials.sessionToken { result.append(("x-amz-security-token", token)) }
        return result
    }

    /// The `Host` header for a URL: the host, with `:port` when the port is not the scheme's
    /// default.
    public static func hostHeader(_ url: URL) -> String {
        var host = url.host(percentEncoded: false) ?? ""
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }  // IPv6 literal
        guard let port = url.port else { return host }
        let scheme = url.scheme?.lowercased()
        if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { return host }
        return "\(host):\(port)"
    }

    /// The canonical URI of a path as sent on the wire.
    func canonicalURI(path: String) -> String {
        if path.isEmpty { return "/" }
        if isS3 {
            // S3: the path as it is, each segment encoded exactly once.
            return path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                let raw = String(segment)
                let decoded = raw.removingPercentEncoding ?? raw
                return Self.uriEncode(decoded)
            }.joined(separator: "/")
        }
        // Other services: remove dot segments and empty segments, then encode the wire form
        // of each segment once more.
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !output.isEmpty { output.removeLast() }
            default: output.append(segment)
            }
        }
        if output.isEmpty { return "/" }
        let trailing = path.hasSuffix("/") ? "/" : ""
        return "/" + output.map { Self.uriEncode(String($0)) }.joined(separator: "/") + trailing
    }

    /// The canonical query string: each name and value decoded from the wire, then encoded
    /// with RFC 3986 rules, sorted by name and then value.
    static func canonicalQueryString(_ query: String) -> String {
        var pairs: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = item.firstIndex(of: "=") {
                name = item[..<equals]
                value = item[item.index(after: equals)...]
            } else {
                name = item
                value = ""
            }
            pairs.append((uriEncode(decodeQueryComponent(name)), uriEncode(decodeQueryComponent(value))))
        }
        pairs.sort { lhs, rhs in
            lhs.0 == rhs.0 ? lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8) : lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
        }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    private static func decodeQueryComponent(_ text: Substring) -> String {
        let raw = String(text)
        return raw.removingPercentEncoding ?? raw
    }

    /// Lowercased names sorted; values of one name joined with commas in the order given,
    /// each trimmed and with runs of whitespace collapsed to one space.
    static func canonicalHeaders(_ headers: [(String, String)]) -> [(name: String, value: String)] {
        var values: [String: [String]] = [:]
        var order: [String] = []
        for (name, value) in headers {
            let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
            if values[lower] == nil { order.append(lower) }
            values[lower, default: []].append(normalizeHeaderValue(value))
        }
        return order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { (name: $0, value: values[$0, default: []].joined(separator: ",")) }
    }

    static func signedHeaderList(_ headers: [(String, String)]) -> String {
        canonicalHeaders(headers).map(\.name).joined(separator: ";")
    }

    private static func normalizeHeaderValue(_ value: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in value {
            if character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n" {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
        return result
    }

    // MARK: - Encoding, hashing, dates

    /// RFC 3986 percent-encoding of the UTF-8 bytes: `A-Z a-z 0-9 - _ . ~` stay, everything
    /// else (including `/`) becomes `%XX` with upper-case hex digits.
    public static func uriEncode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigitsUpper[Int(byte >> 4)])
                out.append(hexDigitsUpper[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-case hex of the SHA-256 of `bytes` (the `x-amz-content-sha256` value).
    public static func hexSHA256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static let hexDigitsUpper: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let hexDigitsLower: [UInt8] = Array("0123456789abcdef".utf8)

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(hexDigitsLower[Int(byte >> 4)])
            out.append(hexDigitsLower[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `yyyymmddThhmmssZ` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let parts = civil(date)
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T"
            + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    /// `yyyymmdd` in UTC.
    static func dateStamp(_ date: Date) -> String {
        let parts = civil(date)
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String { UTCCalendar.pad(value, width) }

    private static func civil(_ date: Date) -> UTCCalendar.Fields {
        UTCCalendar.fields(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down)))
    }
}
