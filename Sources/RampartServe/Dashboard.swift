public import Hummingbird
public import RampartStore
import Foundation
import HummingbirdCore
import HummingbirdTLS
import RampartJSON

/// `rampart serve`: a read-only dashboard over the findings store. A JSON API (`/api/scans`, where
/// a sharded run is one entry with its `runId`, `/api/scans/{id}/findings`, `/api/runs/{id}/findings`,
/// `/api/diff?old=&new=`), its OpenAPI document (`/openapi.json`), and
/// HTML pages that carry their data inline and draw it with `textContent` only. Every route needs
/// `Authorization: Bearer TOKEN` when a token is set; a token is required to listen beyond loopback,
/// and so is TLS (`TLSFiles`) unless the caller says a plain-HTTP listener is intended.
public enum Dashboard {
    /// The PEM files of a TLS listener: the certificate chain (leaf first) and its private key.
    public struct TLSFiles: Sendable {
        public let certificate: String
        public let key: String
        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    /// Why the server will not start as asked.
    public struct ConfigurationError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Hosts that only this machine can reach.
    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.")
    }

    /// The server, ready to run with `runService()`; throws as `checkListener` does.
    public static func application(
        store: any FindingStore, storeName: String, host: String, port: Int, token: String?, tls: TLSFiles? = nil,
        insecureHTTP: Bool = false
    ) throws -> some ApplicationProtocol {
        Application(
            router: router(store: store, storeName: storeName, token: token),
            server: try serverBuilder(host: host, token: token, tls: tls, insecureHTTP: insecureHTTP),
            configuration: .init(address: .hostname(host, port: port), serverName: "rampart"))
    }

    /// Throws `ConfigurationError` when `host` is not loopback and no token is set; when it is not
    /// loopback and neither `tls` is given nor `insecureHTTP` allowed (the token would cross the
    /// network in clear text); or when the TLS files cannot be read.
    public static func checkListener(host: String, token: String?, tls: TLSFiles?, insecureHTTP: Bool) throws {
        _ = try serverBuilder(host: host, token: token, tls: tls, insecureHTTP: insecureHTTP)
    }

    static func serverBuilder(host: String, token: String?, tls: TLSFiles?, insecureHTTP: Bool) throws -> HTTPServerBuilder {
        if token == nil, !isLoopback(host) {
            throw ConfigurationError(description: "serving on \(host) needs a bearer token: set RAMPART_TOKEN (or --token), or bind to 127.0.0.1")
        }
        if tls == nil, !insecureHTTP, !isLoopback(host) {
            throw ConfigurationError(
                description: "serving on \(host) over plain HTTP would send the bearer token in clear text: "
                    + "give --tls-certificate FILE --tls-key FILE, or --insecure-http if a TLS proxy in front of it does TLS, or bind to 127.0.0.1")
        }
        guard let tls else { return .http1() }
        return try .tls(.http1(), tlsConfiguration: try tlsConfiguration(tls))
    }

    /// The server side of TLS from the PEM files; a file that cannot be read or parsed is named.
    static func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificate)
        } catch {
            throw ConfigurationError(description: "--tls-certificate \(files.certificate): not a readable PEM certificate (\(error))")
        }
        guard !chain.isEmpty else {
            throw ConfigurationError(description: "--tls-certificate \(files.certificate): holds no PEM certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: files.key, format: .pem)
        } catch {
            throw ConfigurationError(description: "--tls-key \(files.key): not a readable PEM private key (\(error))")
        }
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    /// Runs the server until the process is stopped; `onStart` runs once the configuration is accepted.
    public static func serve(
        store: any FindingStore, storeName: String, host: String, port: Int, token: String?, tls: TLSFiles? = nil,
        insecureHTTP: Bool = false, onStart: @Sendable () -> Void
    ) async throws {
        let app = try application(store: store, storeName: storeName, host: host, port: port, token: token, tls: tls, insecureHTTP: insecureHTTP)
        onStart()
        try await app.runService()
    }

    /// The routes, with the bearer-token check in front of all of them when `token` is set.
    public static func router(store: any FindingStore, storeName: String, token: String?) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeaders())
        if let token { router.add(middleware: BearerToken(token: token)) }
        let api = API(store: store, storeName: storeName)

        router.get("/api/scans") { _, _ in try await json(StoreFormats.historyJSON(api.scans())) }
        router.get("/api/scans/:id/findings") { _, context in
            try await json(StoreFormats.findingsJSON(api.findings(try scanId(context))))
        }
        router.get("/api/runs/:id/findings") { _, context in
            try await json(StoreFormats.findingsJSON(api.findings(run: try runId(context))))
        }
        router.get("/api/diff") { request, _ in
            try await json(StoreFormats.diffJSON(api.diff(old: try query(request, "old"), new: try query(request, "new"))))
        }
        router.get("/openapi.json") { _, _ in json(OpenAPIDocument.text) }

        router.get("/") { _, _ in
            html(Page.render(title: "Rampart: scans", view: "scans", data: try JSONParser.parse(StoreFormats.historyJSON(try await api.scans()))))
        }
        router.get("/scans/:id") { _, context in
            let id = try scanId(context)
            let findings = try JSONParser.parse(StoreFormats.findingsJSON(try await api.findings(id)))
            return html(Page.render(title: "Rampart: scan \(id)", view: "findings", data: .object(JSONObject(["scan": .number(Double(id)), "findings": findings]))))
        }
        // A sharded run's findings, with the same per-account view as a scan's.
        router.get("/runs/:id") { _, context in
            let id = try runId(context)
            let findings = try JSONParser.parse(StoreFormats.findingsJSON(try await api.findings(run: id)))
            return html(Page.render(title: "Rampart: run \(id)", view: "findings", data: .object(JSONObject(["run": .string(id), "findings": findings]))))
        }
        router.get("/diff") { request, _ in
            let diff = try await api.diff(old: try query(request, "old"), new: try query(request, "new"))
            return html(Page.render(title: "Rampart: diff", view: "diff", data: try JSONParser.parse(StoreFormats.diffJSON(diff))))
        }
        return router
    }

    private static func scanId(_ context: BasicRequestContext) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self) else { throw HTTPError(.badRequest, message: "the scan id is not a number") }
        return id
    }

    private static func runId(_ context: BasicRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), RunTag.problem(with: id) == nil else {
            throw HTTPError(.badRequest, message: "the run id is not one (letters, digits, '.', '_', '-', ':')")
        }
        return id
    }

    private static func query(_ request: Request, _ name: String) throws -> Int? {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        guard let value = Int(text) else { throw HTTPError(.badRequest, message: "\(name) is not a scan id") }
        return value
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The store's answers for the routes, with its errors turned into HTTP errors.
struct API: Sendable {
    let store: any FindingStore
    let storeName: String

    /// Newest first, each sharded run once.
    func scans() async throws -> [ScanRecord] { try await mapped { try await store.scansAndRuns() } }

    func findings(run id: String) async throws -> [StoredFinding] {
        try await mapped { try await store.findings(run: try await store.run(id: id)) }
    }

    func findings(_ id: Int) async throws -> [StoredFinding] { try await mapped { try await store.findings(scan: id) } }

    /// Like `rampart diff`: no ids means the two latest scans; one means it against the latest.
    func diff(old: Int?, new: Int?) async throws -> ScanDiff {
        try await mapped {
            switch (old, new) {
            case (let old?, let new?):
                return try await store.diff(old: old, new: new)
            case (nil, let new?):
                throw HTTPError(.badRequest, message: "new=\(new) needs old= too")
            case (let old?, nil):
                guard let latest = try await store.scans().first else { throw StoreError.unknownScan(store: storeName, id: old) }
                return try await store.diff(old: old, new: latest.id)
            case (nil, nil):
                let scans = try await store.scans()
                guard scans.count >= 2 else { throw StoreError.notEnoughScans(store: storeName, count: scans.count) }
                return try await store.diff(old: scans[1].id, new: scans[0].id)
            }
        }
    }

    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            switch error {
            case .unknownScan(_, let id): throw HTTPError(.notFound, message: "no scan with id \(id)")
            case .unknownRun: throw HTTPError(.notFound, message: "no scan was saved under this run id")
            case .notEnoughScans(_, let count): throw HTTPError(.notFound, message: "the store holds \(count) scan(s); a diff needs two")
            default: throw HTTPError(.internalServerError, message: "the store could not be read")
            }
        }
    }
}

/// Requires `Authorization: Bearer TOKEN`, compared in constant time.
struct BearerToken<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let given = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let given, Self.equal(Array(given.utf8), Array(token.utf8)) else {
            return Response(
                status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"rampart\"", .contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"message":"a bearer token is required"}}"#)))
        }
        return try await next(request, context)
    }

    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) { difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
        return difference == 0
    }
}

/// Pages load nothing from anywhere: no network fetch, no frames, and only the page's own inline
/// script and style, by hash (`Page.contentSecurityPolicy`).
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Page.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
