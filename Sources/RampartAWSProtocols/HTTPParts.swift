/// An HTTP request as a protocol codec builds it, before signing: no I/O types, so codecs stay pure.
public struct HTTPRequestParts: Sendable, Equatable {
    public var method: String
    /// The path, percent-encoded as it goes on the wire (`/`, `/my-bucket`, `/2013-04-01/hostedzone`).
    public var path: String
    /// Query parameters in order, not yet encoded.
    public var query: [(String, String)]
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, path: String = "/", query: [(String, String)] = [], headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public static func == (a: HTTPRequestParts, b: HTTPRequestParts) -> Bool {
        a.method == b.method && a.path == b.path && a.query.elementsEqual(b.query, by: ==)
            && a.headers.elementsEqual(b.headers, by: ==) && a.body == b.body
    }
}

/// An HTTP response as a codec reads it.
public struct HTTPResponseParts: Sendable {
    public var status: Int
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
