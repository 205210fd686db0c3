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
            Pages: / (scans, latest posture, FAIL trend), /scans/ID (findings), /diff?old=&new=. API: \
            /api/scans, /api/scans/ID/findings, /api/diff?old=&new=, described by /openapi.json.

            Bound to 127.0.0.1 (the default) no token is needed unless one is set; on any other address \
            every request needs 'Authorization: Bearer TOKEN' with the token from RAMPART_TOKEN (preferred: \
            a command line is visible to other users) or --token.

            Examples:
              rampart serve
              RAMPART_TOKEN=$(openssl rand -hex 32) rampart serve --host 0.0.0.0 --port 8443 --store postgres://rampart@db/rampart
            """)

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "H"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on.", valueName: "P"))
    var port = 8080

    @Option(help: ArgumentHelp("Bearer token every request must carry (default: $RAMPART_TOKEN).", valueName: "TOKEN"))
    var token: String?

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        guard (1...65535).contains(port) else { throw RampartError("--port \(port) is not a port number (1-65535)") }
        let environment = ProcessInfo.processInfo.environment
        let token = self.token ?? environment["RAMPART_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if token == nil, !Dashboard.isLoopback(host) {
            throw RampartError("serving on \(host) needs a bearer token: set RAMPART_TOKEN (or --token), or bind to 127.0.0.1")
        }
        let location = try storeOptions.location()
        try await withStore(storeOptions, location, create: false) { store in
            try await Dashboard.serve(store: store, storeName: location.description, host: host, port: port, token: token) {
                note("rampart: serving \(location) on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/\(token == nil ? "" : " (bearer token required)")")
            }
        }
    }
}
