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

        init(store: String, environment extra: [String: String] = [:]) async throws {
            port = try freePort()
            process.executableURL = Rampart.executable
            process.arguments = ["serve", "--store", store, "--port", String(port)]
            process.environment = Rampart.environment(extra)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                if (try? await get("/openapi.json", token: extra["RAMPART_TOKEN"])) != nil { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            stop()
            throw HelperError(description: "rampart serve did not answer on port \(port)")
        }

        func get(_ path: String, token: String? = nil) async throws -> (status: Int, body: String) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
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
        } else if path.hasPrefix("/scans/1?resource=") {
            // Drill-down to one resource: its findings only, with their remediation.
            #expect(dom.contains("<h2>Resource arn:aws:ec2:us-east-1:123456789012:security-group/sg-0open</h2>"))
            let counts = try #require(dom.firstMatch(of: /<p>(\d+) of (\d+) findings<\/p>/))
            #expect(Int(counts.1)! > 0 && Int(counts.1)! < Int(counts.2)!, "\(counts.0)")
            #expect(dom.contains("<th>remediation</th>"))
        } else {
            #expect(dom.contains("Latest posture (scan 1,"))
            #expect(dom.contains("<form method=\"get\" action=\"/diff\" id=\"compare\">"), "the diff between any two scans")
        }
    }

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
