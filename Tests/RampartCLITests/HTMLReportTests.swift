import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// The HTML report of the demo scan, with attacker-controlled instance names planted, as headless
/// Chromium renders it: the page draws, the hash-driven filters narrow the table, the hostile
/// strings are text, and nothing they carry runs.
@Suite(.serialized) struct HTMLReportTests {
    /// Names planted as `Name` tags (Rampart's resource name) on four demo instances. The last two
    /// would set `data-pwned` on the page if their markup were ever parsed or run.
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
        "\"><img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
    ]

    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { name -> String? in
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }.first

    /// Skipped only on a developer machine without Chromium; in CI a missing browser fails.
    static let runnable = chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil

    struct Scan {
        let directory: TemporaryDirectory
        let report: URL
        let findings: [JSONValue]
        /// Instance ARN by planted name.
        let arns: [String: String]
    }

    /// The demo snapshot copied, four instances renamed, scanned to `report.html` and native JSON.
    static func scanWithHostileNames() throws -> Scan {
        let directory = try TemporaryDirectory()
        let snapshot = directory.url.appendingPathComponent("snapshot")
        try FileManager.default.copyItem(at: Rampart.packageRoot.appendingPathComponent("Examples/demo-snapshot"), to: snapshot)
        let file = snapshot.appendingPathComponent("123456789012/us-east-1/ec2/describe-instances.json")
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var reservations = try #require(document["Reservations"] as? [[String: Any]])
        var planted = 0
        var ids: [String: String] = [:]
        for r in reservations.indices where planted < hostile.count {
            var instances = try #require(reservations[r]["Instances"] as? [[String: Any]])
            for i in instances.indices where planted < hostile.count {
                var tags = (instances[i]["Tags"] as? [[String: Any]] ?? []).filter { $0["Key"] as? String != "Name" }
                tags.append(["Key": "Name", "Value": hostile[planted]])
                tags.append(["Key": "owner", "Value": hostile[(planted + 1) % hostile.count]])
                instances[i]["Tags"] = tags
                ids[hostile[planted]] = instances[i]["InstanceId"] as? String
                planted += 1
            }
            reservations[r]["Instances"] = instances
        }
        #expect(planted == hostile.count)
        document["Reservations"] = reservations
        try JSONSerialization.data(withJSONObject: document).write(to: file)

        let out = directory.url.appendingPathComponent("out")
        let result = try Rampart.run(["scan", "--snapshot", snapshot.path, "--format", "html", "--format", "json", "--output-dir", out.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let findings = try JSONParser.parse(String(decoding: try Data(contentsOf: out.appendingPathComponent("rampart-findings.json")), as: UTF8.self)).arrayValue ?? []
        var arns: [String: String] = [:]
        for (name, id) in ids {
            arns[name] = findings.first { $0["resource"]?["arn"]?.stringValue?.hasSuffix("instance/\(id)") == true }?["resource"]?["arn"]?.stringValue
        }
        return Scan(directory: directory, report: out.appendingPathComponent("report.html"), findings: findings, arns: arns)
    }

    /// The DOM after the page's script ran, as Chromium serialises it.
    static func dumpDOM(_ report: URL, hash: String = "", profile: TemporaryDirectory) throws -> String {
        let chromium = try #require(chromium, "Chromium is not installed (apt-get install chromium); CI must have it")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=\(profile.path)",
            "--virtual-time-budget=10000", "--dump-dom", report.absoluteString + hash,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: timer)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    static func attribute(_ name: String, in dom: String) -> String? {
        guard let range = dom.range(of: " \(name)=\"") else { return nil }
        return String(dom[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Whether an injected script or handler ran: it would have set `data-pwned` on `<html>`.
    static func pwned(_ dom: String) -> Bool {
        guard let start = dom.range(of: "<html") else { return true }
        return dom[start.lowerBound...].prefix { $0 != ">" }.contains("data-pwned")
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// The report's compliance section is the compliance engine's: every framework, inherited
    /// requirements as INHERITED, and the same score `rampart compliance` prints.
    @Test func theReportCarriesEveryFrameworkAsTheComplianceCommandJudgesIt() throws {
        let html = try Rampart.run(["scan", "--demo", "--format", "html", "--quiet"])
        #expect(html.status == 0, "\(html.stderr)")
        let open = try #require(html.stdout.range(of: "<script type=\"application/json\" id=\"rampart-data\">"))
        let close = try #require(html.stdout.range(of: "</script>", range: open.upperBound..<html.stdout.endIndex))
        let data = try JSONParser.parse(String(html.stdout[open.upperBound..<close.lowerBound]))
        let frameworks = data["compliance"]?["frameworks"]?.arrayValue ?? []
        #expect(Set(frameworks.compactMap { $0["id"]?.stringValue }) == [
            "cis-aws-3.0", "cis-aws-5.0", "aws-fsbp", "nist-800-53-r5", "iso-27001-2022", "soc2", "pci-dss-4.0",
        ])
        let nist = try #require(frameworks.first { $0["id"] == "nist-800-53-r5" })
        let pe1 = try #require(nist["requirements"]?.arrayValue?.first { $0["id"] == "PE-1" })
        #expect(pe1["status"] == "INHERITED")

        let cli = try Rampart.run(["compliance", "--demo", "--framework", "cis-aws-3.0", "--format", "json", "--quiet"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let score = try JSONParser.parse(cli.stdout)["frameworks"]?.arrayValue?.first?["score"]
        let (passed, decidable) = (try #require(score?["passed"]), try #require(score?["decidable"]))
        let cis = try #require(frameworks.first { $0["id"] == "cis-aws-3.0" })
        let shown = try #require(cis["score"]?.stringValue)
        #expect(shown.hasSuffix("(\(Self.integer(passed)) of \(Self.integer(decidable)) decidable requirements)"), "\(shown)")
    }

    static func integer(_ value: JSONValue) -> String {
        if case .number(let n) = value { return String(Int(n)) }
        return "\(value)"
    }

    /// `scan --format html` computes the matrix and the zone sweep and hands them to the report.
    @Test func theDemoReportCarriesTheMatrixAndTheHeatMap() throws {
        let result = try Rampart.run(["scan", "--demo", "--format", "html", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = result.stdout
        // Outside the data block (whose evidence may quote URLs such as ACL grantee URIs as text).
        let open = try #require(html.range(of: "<script type=\"application/json\" id=\"rampart-data\">"))
        let close = try #require(html.range(of: "</script>", range: open.upperBound..<html.endIndex))
        let markup = String(html[..<open.lowerBound]) + String(html[close.upperBound...])
        let (heatMap, sweptZone, matrix, noNamespace) = (
            html.contains("aria-label=\"Failure simulation heat-map\""), html.contains(">az:use1-az1</text>"),
            html.contains("\"matrix\":{\"services\":[{\"service\":\"ec2\""), !markup.contains("http://") && !markup.contains("https://"))
        #expect(heatMap)
        #expect(sweptZone)
        #expect(matrix)
        #expect(noNamespace)
    }

    @Test(.enabled(if: runnable)) func theReportRendersFiltersAndKeepsHostileNamesAsText() throws {
        let scan = try Self.scanWithHostileNames()
        let profile = try TemporaryDirectory()
        let findings = scan.findings

        // Unfiltered: the page drew every finding, and nothing planted ran or became markup.
        let all = try Self.dumpDOM(scan.report, profile: profile)
        let (rendered, rows) = (Self.attribute("data-rendered", in: all), Self.attribute("data-rows", in: all))
        #expect(rendered == "ok")
        #expect(rows == String(findings.count))
        let drawn = Self.attribute("data-drawn", in: all)
        // The first 2,000 rows are drawn until "Show all" is pressed; the count still covers every finding.
        #expect(drawn == String(min(findings.count, 2000)))
        let shown = all.contains("\(findings.count) of \(findings.count) findings shown")
        #expect(shown)
        let (pwned, image, scripts) = (Self.pwned(all), all.contains("<img"), Self.count("<script", in: all))
        #expect(!pwned)
        #expect(!image)
        #expect(scripts == 2, "only the data block and the page's own script")
        let scriptAsText = all.contains(">&lt;script&gt;alert(1)&lt;/script&gt;<")
        let imageAsText = all.contains(">\"&gt;&lt;img src=x onerror=alert(1)&gt;<")
        #expect(scriptAsText)
        #expect(imageAsText)

        // Filters from the URL hash narrow the table to what the JSON says.
        let high = findings.filter { $0["severity"] == "high" }.count
        let filtered = try Self.dumpDOM(scan.report, hash: "#severity=high", profile: profile)
        let filteredRows = Self.attribute("data-rows", in: filtered)
        #expect(filteredRows == String(high))
        #expect(high > 0 && high < findings.count)

        let failingEC2InUSEast1 = findings.filter {
            $0["status"] == "FAIL" && $0["resource"]?["region"] == "us-east-1" && $0["checkId"]?.stringValue?.hasPrefix("ec2.") == true
                && $0["frameworks"]?["aws-fsbp"] != nil
        }.count
        let combined = try Self.dumpDOM(scan.report, hash: "#status=FAIL&service=ec2&region=us-east-1&framework=aws-fsbp", profile: profile)
        let combinedRows = Self.attribute("data-rows", in: combined)
        #expect(combinedRows == String(failingEC2InUSEast1))

        // Text search finds the planted names; the detail view lists that resource's findings and evidence.
        let arn = try #require(scan.arns[Self.hostile[0]])
        let mine = findings.filter { $0["resource"]?["arn"]?.stringValue == arn }.count
        let searched = try Self.dumpDOM(scan.report, hash: "#q=alert(1)", profile: profile)
        // The search reads the check, title, message and resource fields: the planted names reach other
        // resources' messages too (an application that groups the renamed instances).
        let withAlert = findings.filter { f in
            let fields = [f["checkId"], f["title"], f["message"], f["resource"]?["name"], f["resource"]?["arn"]].compactMap { $0?.stringValue }
            return fields.contains { $0.contains("alert(1)") }
        }.count
        #expect(withAlert > 0)
        let searchedRows = Self.attribute("data-rows", in: searched)
        #expect(searchedRows == String(withAlert))
        let detail = try Self.dumpDOM(scan.report, hash: "#resource=" + (arn.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? arn), profile: profile)
        let detailFindings = Self.count("class=\"finding\"", in: detail)
        #expect(detailFindings == mine)
        let nameAsText = detail.contains("<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>")
        let evidence = detail.contains("<pre>{")
        #expect(nameAsText)
        #expect(evidence)
        for dom in [filtered, combined, searched, detail] {
            let (pwned, image) = (Self.pwned(dom), dom.contains("<img"))
            #expect(!pwned)
            #expect(!image)
        }
    }
}
