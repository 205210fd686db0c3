import Foundation
import RampartJSON
import RampartTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `rampart serve` as a user runs it: a real port, the bearer token, and hostile resource names
/// shown as text in headless Chromium.
@Suite struct ServeCommandTests {
    static let hostileName = "\"><img src=x onerror=alert(1)>"
    static let hostileTag = "<script>alert(1)</script>"

    /// A store holding one scan of a snapshot whose security group has a hostile name and Name tag.
    func hostileStore(_ directory: TemporaryDirectory) throws -> String {
        try directory.write("snap/manifest.json", """
            {"format": "rampart-snapshot/1", "collectedAt": "2026-11-29T12:00:00Z", "accounts": ["123456789012"],
             "regions": ["us-east-1"], "errors": []}
            """)
        let group: JSONValue = .object(JSONObject([
            "GroupId": .string("sg-0open"), "GroupName": .string(Self.hostileName), "VpcId": .string("vpc-1"),
            "Tags": .array([.object(JSONObject(["Key": .string("Name"), "Value": .string(Self.hostileTag)]))]),
            "IpPermissions": .array([.object(JSONObject([
                "IpProtocol": .string("tcp"), "FromPort": .number(22), "ToPort": .number(22),
                "IpRanges": .array([.object(JSONObject(["CidrIp": .string("0.0.0.0/0")]))]),
            ]))]),
            "IpPermissionsEgress": .array([]),
        ]))
        try directory.write(
            "snap/123456789012/us-east-1/ec2/describe-security-groups.json",
            JSONWriter.string(.object(JSONObject(["SecurityGroups": .array([group])]))))
        let store = directory.path + "/rampart.sqlite"
        let scan = try Rampart.run(["scan", "--snapshot", directory.path + "/snap", "--quiet", "--store", store, "--format", "json"])
        try #require(scan.status == 0, "\(scan.stderr)")
        return store
    }

    /// Starts `rampart serve` on a free port and waits until it answers.
    final class Server: @unchecked Sendable {
        let process = Process()
        let port: Int

        let scheme: String
        let caCertificate: String?

        /// `tls` (certificate, key): serve HTTPS and trust that certificate when fetching.
        init(store: String, environment extra: [String: String] = [:], tls: (certificate: String, key: String)? = nil) async throws {
            port = try freePort()
            scheme = tls == nil ? "http" : "https"
            caCertificate = tls?.certificate
            process.executableURL = Rampart.executable
            process.arguments = ["serve", "--store", store, "--port", String(port)]
                + (tls.map { ["--tls-certificate", $0.certificate, "--tls-key", $0.key] } ?? [])
            process.environment = Rampart.environment(extra)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let token = extra["RAMPART_TOKEN"]
            do {
                try await TestServers.waitUntilReady(
                    "rampart serve on port \(port)", isRunning: { [self] in process.isRunning },
                    isAnswering: { [self] in (try? await get("/openapi.json", token: token)) != nil })
            } catch {
                stop()
                throw error
            }
        }

        func get(_ path: String, token: String? = nil) async throws -> (status: Int, body: String) {
            if let caCertificate { return try await curl(path, token: token, caCertificate: caCertificate) }
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        /// curl trusting only `caCertificate` (URLSession on Linux cannot be given a trust root).
        func curl(_ path: String, token: String?, caCertificate: String) async throws -> (status: Int, body: String) {
            let output = try await runCommand(
                ["curl", "--silent", "--show-error", "--cacert", caCertificate, "--write-out", "\n%{http_code}"]
                    + (token.map { ["--header", "Authorization: Bearer \($0)"] } ?? []) + ["https://localhost:\(port)\(path)"],
                environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"])
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }

        func stop() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test func theAPIAnswersOverHTTPAndNeedsTheTokenWhenSet() async throws {
        let directory = try TemporaryDirectory()
        let store = try hostileStore(directory)
        let server = try await Server(store: store, environment: ["RAMPART_TOKEN": "let-me-in"])
        defer { server.stop() }
        #expect(try await server.get("/api/scans").status == 401)
        #expect(try await server.get("/api/scans", token: "wrong").status == 401)
        let answer = try await server.get("/api/scans/1/findings", token: "let-me-in")
        #expect(answer.status == 200)
        let findings = try JSONParser.parse(answer.body).arrayValue ?? []
        #expect(findings.contains { $0["resource"]?["name"]?.stringValue == Self.hostileTag })
    }

    @Test func servingBeyondLoopbackWithoutATokenExitsTwo() throws {
        let result = try Rampart.run(["serve", "--host", "0.0.0.0"], environment: ["RAMPART_TOKEN": ""])
        #expect(result.status == 2)
        #expect(result.stderr == "rampart: serving on 0.0.0.0 needs a bearer token: set RAMPART_TOKEN (or --token), or bind to 127.0.0.1\n")
    }

    /// Beyond loopback the bearer token would cross the network: plain HTTP is refused unless
    /// --insecure-http says so; half a TLS configuration or an unreadable file is named.
    @Test(arguments: [
        (["serve", "--host", "0.0.0.0"],
         "rampart: serving on 0.0.0.0 over plain HTTP would send the bearer token in clear text: give --tls-certificate FILE --tls-key FILE, or --insecure-http if a TLS proxy in front of it does TLS, or bind to 127.0.0.1\n"),
        (["serve", "--tls-certificate", "cert.pem"], "rampart: --tls-certificate needs --tls-key (the certificate's PEM private key)\n"),
        (["serve", "--tls-key", "key.pem"], "rampart: --tls-key needs --tls-certificate (the PEM certificate chain)\n"),
    ])
    func aListenerThatWouldLeakTheTokenExitsTwo(arguments: [String], message: String) throws {
        let result = try Rampart.run(arguments, environment: ["RAMPART_TOKEN": "let-me-in"])
        #expect(result.status == 2)
        #expect(result.stderr == message)
    }

    @Test func anUnreadableCertificateExitsTwoNamingIt() throws {
        let directory = try TemporaryDirectory()
        try directory.write("cert.pem", "not a certificate")
        try directory.write("key.pem", "not a key")
        let result = try Rampart.run(
            ["serve", "--tls-certificate", directory.path + "/cert.pem", "--tls-key", directory.path + "/key.pem"], environment: ["RAMPART_TOKEN": ""])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("rampart: --tls-certificate \(directory.path)/cert.pem: not a readable PEM certificate"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// HTTPS with a self-signed certificate made here (openssl CLI): the API answers over TLS to a
    /// client trusting that certificate, needs the token, and plain HTTP gets no page.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PATH"].map { path in
        ["openssl", "curl"].allSatisfy { tool in path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") } }
    } ?? false, "needs the openssl and curl command-line tools"))
    func servesHTTPSWithTheGivenCertificate() async throws {
        let directory = try TemporaryDirectory()
        let store = try hostileStore(directory)
        let certificate = directory.path + "/cert.pem"
        let key = directory.path + "/key.pem"
        _ = try await runCommand(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin", "HOME": directory.path])
        let server = try await Server(store: store, environment: ["RAMPART_TOKEN": "let-me-in"], tls: (certificate, key))
        defer { server.stop() }
        #expect(try await server.get("/api/scans").status == 401)
        let answer = try await server.get("/api/scans/1/findings", token: "let-me-in")
        #expect(answer.status == 200)
        #expect((try JSONParser.parse(answer.body).arrayValue ?? []).contains { $0["resource"]?["name"]?.stringValue == Self.hostileTag })
        // The same port does not answer plain HTTP with a page.
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/scans")!)
        request.setValue("Bearer let-me-in", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 30
        let plain = try? await URLSession.shared.data(for: request)
        #expect((plain?.1 as? HTTPURLResponse)?.statusCode != 200)
    }

    /// Debian's `chromium`, headless: the page renders the hostile name and tag as text, and no
    /// element from them exists. Runs where Chromium is installed (`.ci/run` installs it).
    @Test(.enabled(if: Self.chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil),
        arguments: ["/scans/1", "/", "/scans/1?resource=arn%3Aaws%3Aec2%3Aus-east-1%3A123456789012%3Asecurity-group%2Fsg-0open"])
    func hostileNamesShowAsTextInChromium(path: String) async throws {
        try #require(Self.chromium != nil, "CI is set but chromium is not installed: .ci/run must install it")
        let directory = try TemporaryDirectory()
        let store = try hostileStore(directory)
        let server = try await Server(store: store)
        defer { server.stop() }
        let dom = try await runCommand(
            [Self.chromium ?? "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory.path)/chromium",
             "--virtual-time-budget=3000", "--dump-dom", "http://127.0.0.1:\(server.port)\(path)"],
            environment: ["HOME": directory.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"])
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("<script>alert"))
        if path == "/scans/1" {
            #expect(dom.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</a></td>"))
            #expect(dom.range(of: #"<p>(\d+) of \1 findings</p>"#, options: .regularExpression) != nil)
            // Failures first, most severe first.
            let rows = dom.matches(of: /<tr><td><span class="st st-(\w+)">\w+<\/span><\/td><td><span class="sev-(\w+)">/).map { (String($0.1), String($0.2)) }
            let statusRank = ["FAIL": 0, "UNKNOWN": 1, "MANUAL": 2, "PASS": 3]
            let severityRank = ["critical": 0, "high": 1, "medium": 2, "low": 3, "informational": 4]
            let ranks = rows.map { [statusRank[$0.0] ?? 9, severityRank[$0.1] ?? 9] }
            #expect(rows.first?.0 == "FAIL" && rows.count > 1, "\(rows)")
            #expect(ranks == ranks.sorted { $0.lexicographicallyPrecedes($1) }, "\(rows)")
        } else if path.hasPrefix("/scans/1?resource=") {
            // Drill-down to one resource: its findings only, with their remediation.
            #expect(dom.contains("<h2>Resource arn:aws:ec2:us-east-1:123456789012:security-group/sg-0open</h2>"))
            let counts = try #require(dom.firstMatch(of: /<p>(\d+) of (\d+) findings<\/p>/))
            #expect(Int(counts.1)! > 0 && Int(counts.1)! < Int(counts.2)!, "\(counts.0)")
            #expect(dom.contains("<th>remediation</th>"))
        } else {
            #expect(dom.contains("Latest posture (scan 1,"))
            #expect(dom.contains("<form method=\"get\" action=\"/diff\" id=\"compare\">"), "the diff between any two scans")
            // The FAIL trend: both axes, their labels, a tick per scan and every value.
            let fails = try #require(dom.firstMatch(of: /<svg[^>]*class="trend" data-values="(\d+)"/)).1
            #expect(Int(fails)! > 0)
            #expect(dom.matches(of: /<line [^>]*class="axis"/).count >= 2)
            #expect(dom.contains(">FAIL findings</text>") && dom.contains(">scans, oldest to newest</text>"))
            #expect(dom.contains(">scan 1</text>"))
            #expect(dom.contains("class=\"value\">\(fails)</text>"))
        }
    }

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
