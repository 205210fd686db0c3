import Foundation
import RampartCompliance
import RampartFindings
import RampartInventory
import RampartJSON
import RampartOutputs
import Testing

/// The compliance formats over a small made-up report whose resource names are hostile.
@Suite struct ComplianceFormatsTests {
    static let hostileARN = "arn:aws:s3:::=HYPERLINK(\"http://evil\")|<b>x</b>"

    static func report() throws -> ComplianceReport {
        let json = """
            {"format": "rampart-framework/1", "id": "soc2", "name": "SOC 2", "version": "1", "reviewed": "2026-11-29",
             "checksFrom": "this-file", "scope": "s", "sources": [{"title": "t", "url": "https://x", "licence": "l"}],
             "groups": [{"id": "CC6", "title": "g"}],
             "requirements": [
               {"id": "CC6.1", "title": "Access | is restricted", "group": "CC6", "responsibility": "customer", "checks": ["s3.bucket.policy-not-public"]},
               {"id": "CC6.4", "title": "Physical", "group": "CC6", "responsibility": "inherited", "attestations": ["SOC 2"]},
               {"id": "CC6.9", "title": "Manual one", "group": "CC6", "responsibility": "customer", "evidence": "-1+1 show the \\"policy\\""}]}
            """
        let library = try FrameworkLibrary(files: [("Data/frameworks/soc2.json", json)], claims: [], attestations: ["SOC 2"])
        let finding = Finding(
            checkId: "s3.bucket.policy-not-public", title: "Bucket policies are not public", status: .fail, severity: .high,
            resource: ResourceRef(arn: hostileARN, type: "AWS::S3::Bucket", account: "123456789012", region: "us-east-1", name: "b"),
            responsibility: Responsibility(owner: .customer, serviceModel: .infrastructure), frameworks: [:], aliases: [:],
            message: "@SUM(1+1) line\nbreak", risk: "r", evidence: JSONObject(), remediation: "x", service: "s3")
        let scan = ScanReport(
            findings: [finding], collectedAt: Date(timeIntervalSince1970: 1_800_000_000), accounts: ["123456789012"], regions: ["us-east-1"],
            resourceCounts: [:], problems: [], source: "snapshot ./snap", checksRun: 1)
        return ComplianceReport(library: library, frameworks: ["soc2"], report: scan)
    }

    /// Splits RFC 4180 CSV into rows of fields.
    func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }

    @Test func csvQuotesEveryFieldAndNeutralisesFormulas() throws {
        let text = ComplianceCSVFormat().render(try Self.report())
        let rows = parseCSV(text)
        #expect(rows.first?.first == "framework")
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        let failing = try #require(rows.first { $0[1] == "CC6.1" })
        #expect(failing[4] == "FAIL")
        #expect(failing[7] == Self.hostileARN, "an ARN starting with arn: needs no prefix")
        #expect(failing[9] == "'@SUM(1+1) line\nbreak")
        let manual = try #require(rows.first { $0[1] == "CC6.9" })
        #expect(manual[10] == "'-1+1 show the \"policy\"")
        #expect(ComplianceCSVFormat.field("=1+2") == "\"'=1+2\"")
        #expect(ComplianceCSVFormat.field("+x") == "\"'+x\"")
        #expect(ComplianceCSVFormat.field("a\"b") == "\"a\"\"b\"")
        // Every line ends with CRLF and every field is quoted.
        #expect(text.split(separator: "\r\n").first?.hasPrefix("\"framework\",\"requirement\"") == true)
    }

    @Test func markdownEscapesPipesAndMarkup() throws {
        let text = ComplianceMarkdownFormat().render(try Self.report())
        #expect(text.contains("Access \\| is restricted"))
        #expect(text.contains("&lt;b&gt;x&lt;/b&gt;"))
        #expect(!text.contains("<b>"))
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| CC6.1 |") })
        // Six cells: the escaped pipes inside them do not add columns.
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
    }

    @Test func tableShowsTheScoreAndTheFailingResource() throws {
        let text = ComplianceTableFormat(color: false).render(try Self.report())
        #expect(text.contains("Score 0%: 0 passed of 1 decidable (1 failed, 0 unknown)"))
        #expect(text.contains("  FAIL            customer   CC6.1          Access | is restricted\n      \(Self.hostileARN)  [s3.bucket.policy-not-public]\n"))
        #expect(text.contains("evidence: -1+1 show the \"policy\""))
    }

    @Test func jsonCarriesScoreStatusesAndFailingResources() throws {
        let json = try JSONParser.parse(ComplianceJSONFormat().render(try Self.report()))
        let framework = try #require(json["frameworks"]?.arrayValue?.first)
        #expect(framework["score"]?["value"] == .number(0))
        #expect(framework["score"]?["formula"] == "passed / (passed + failed + unknown + accepted)")
        let requirements = framework["requirements"]?.arrayValue ?? []
        #expect(requirements.map { $0["status"] } == ["FAIL", "INHERITED", "MANUAL"])
        #expect(requirements.first?["failing"]?.arrayValue?.first?["arn"] == .string(Self.hostileARN))
    }

    @Test func oscalIsDeterministicAndMarksOnlyPassAndInheritedSatisfied() throws {
        let format = OSCALAssessmentResultsFormat(productVersion: "0.1.0")
        let report = try Self.report()
        let first = format.render(report)
        #expect(first == format.render(report))
        let doc = try JSONParser.parse(first)
        let results = try #require(doc["assessment-results"]?["results"]?.arrayValue)
        let findings = results.first?["findings"]?.arrayValue ?? []
        let states = findings.map { $0["target"]?["status"]?["state"]?.stringValue ?? "" }
        #expect(states == ["not-satisfied", "satisfied", "not-satisfied"])
        #expect(findings.first?["target"]?["target-id"] == "soc2_cc6.1")
        #expect(doc["assessment-results"]?["metadata"]?["oscal-version"] == "1.1.2")
        let items = results.first?["local-definitions"]?["inventory-items"]?.arrayValue ?? []
        #expect(items.map { $0["description"] } == [.string(Self.hostileARN)])
    }

    /// Python's uuid.uuid5(uuid.NAMESPACE_URL, "urn:rampart:oscal") is the namespace; a name in it
    /// gives the same UUID as Python's uuid5 with that namespace.
    @Test func uuidsAreVersion5OfTheContent() {
        let id = OSCALAssessmentResultsFormat.uuid("hello")
        #expect(id == "4cac3ce9-6146-561f-96c1-f6127dad270e")
        #expect(Array(id)[14] == "5")
        #expect(["8", "9", "a", "b"].contains(Array(id)[19]))
        #expect(id != OSCALAssessmentResultsFormat.uuid("hello2"))
        #expect(OSCALAssessmentResultsFormat.targetId("iso-27001-2022", "A 5.1/x") == "iso-27001-2022_a-5.1-x")
    }
}
