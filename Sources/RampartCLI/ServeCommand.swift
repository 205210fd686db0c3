import ArgumentParser
import Foundation
import RampartServe
import RampartStore

/// `rampart serve`: the read-only dashboard and JSON API over the findings store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a read-only dashboard and JSON API over the findings store.",
        discussion: """
            Pages: / (scans, latest posture, FAIL trend), /scans/ID (findings), /runs/RUN_ID (a sharded \
            run's findings), /diff?old=&new=. Over several accounts a findings page shows each account's \
            counts and score and filters by ?account=ID. API: /api/scans (a sharded run is one entry with \
            its runId), /api/scans/ID/findings, /api/runs/RUN_ID/findings, /api/diff?old=&new=, described \
            by /openapi.json.

            Bound to 127.0.0.1 (the default) no token is needed unless one is set; on any other address \
            every request needs 'Authorization: Bearer TOKEN' with the token from RAMPART_TOKEN (preferred: \
            a command line is visible to other users) or --token, and the server speaks HTTPS with \
            --tls-certificate and --tls-key (PEM files), so the token never crosses the network in clear \
            text. --insecure-http allows plain HTTP beyond loopback, for a TLS-terminating proxy in front.

            Examples:
              rampart serve
              RAMPART_TOKEN=$(openssl rand -hex 32) rampart serve --host 0.0.0.0 --port 8443 \\
                --tls-certificate cert.pem --tls-key key.pem --store postgres://rampart@db/rampart
            """)

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "H"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on.", valueName: "P"))
    var port = 8080

    @Option(help: ArgumentHelp("Bearer token every request must carry (default: $RAMPART_TOKEN).", valueName: "TOKEN"))
    var token: String?

    @Option(help: ArgumentHelp("PEM certificate chain to serve HTTPS with (needs --tls-key).", valueName: "FILE"))
    var tlsCertificate: String?

    @Option(help: ArgumentHelp("PEM private key of --tls-certificate.", valueName: "FILE"))
    var tlsKey: String?

    @Flag(help: "Allow plain HTTP on a non-loopback --host (the bearer token then crosses the network in clear text).")
    var insecureHttp = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        guard (1...65535).contains(port) else { throw RampartError("--port \(port) is not a port number (1-65535)") }
        let environment = ProcessInfo.processInfo.environment
        let token = self.token ?? environment["RAMPART_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let tls: Dashboard.TLSFiles?
        switch (tlsCertificate, tlsKey) {
        case (let certificate?, let key?): tls = Dashboard.TLSFiles(certificate: certificate, key: key)
        case (nil, nil): tls = nil
        case (_?, nil): throw RampartError("--tls-certificate needs --tls-key (the certificate's PEM private key)")
        case (nil, _?): throw RampartError("--tls-key needs --tls-certificate (the PEM certificate chain)")
        }
        // Refuse a bad listener before opening the store.
        do {
            try Dashboard.checkListener(host: host, token: token, tls: tls, insecureHTTP: insecureHttp)
        } catch let error as Dashboard.ConfigurationError {
            throw RampartError(error.description)
        }
        let location = try storeOptions.location()
        let scheme = tls == nil ? "http" : "https"
        try await withStore(storeOptions, location, create: false) { store in
            try await Dashboard.serve(
                store: store, storeName: location.description, host: host, port: port, token: token, tls: tls, insecureHTTP: insecureHttp
            ) {
                note("rampart: serving \(location) on \(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)/\(token == nil ? "" : " (bearer token required)")")
            }
        }
    }
}
