import Foundation
import RampartFindings
import RampartInventory
import RampartJSON
import RampartOutputs
import RampartResponsibilities
import Testing

/// The matrix formats: DESIGN.md's JSON shape, and Markdown and terminal text that hostile
/// names cannot break out of.
@Suite struct ResponsibilityFormatsTests {
    /// A one-service catalogue whose titles carry Markdown and HTML, and a report with one failing key.
    static func matrix(source: String = "snapshot ./snap") throws -> ResponsibilityMatrix {
        let catalog = try ResponsibilityCatalog(json: """
            {"format": "rampart-responsibilities/1", "version": 3, "reviewed": "2026-11-29", "attestations": [{"name": "SOC 2"}],
             "classes": [{"class": "abstracted", "awsWording": "abstracted services", "serviceModel": "managed", "summary": "s",
                          "responsibilities": [{"id": "aws.platform", "title": "Platform", "owner": "aws", "attestations": ["SOC 2"]}]}],
             "services": [{"service": "kms", "name": "AWS KMS", "class": "abstracted", "resourceTypes": ["AWS::KMS::Key"],
                           "responsibilities": [
                 {"id": "kms.rotation", "title": "Keys | rotate <img src=x onerror=alert(1)>\\nyearly", "owner": "customer",
                  "checks": ["kms.key.rotation-enabled"]},
                 {"id": "kms.policies", "title": "Policies", "owner": "customer", "evidence": "Key policies | <b>grants</b>"}]}]}
            """, file: "test.json")
        let failing = Finding(
            checkId: "kms.key.rotation-enabled", title: "t", status: .fail, severity: .medium,
            resource: ResourceRef(arn: "arn:aws:kms:us-east-1:123456789012:key/1", type: "AWS::KMS::Key", account: "123456789012",
                                  region: "us-east-1", name: "1"),
            responsibility: Responsibility(owner: .customer, serviceModel: .managed), frameworks: [:], aliases: [:], message: "m",
            risk: "r", evidence: JSONObject(), remediation: "x", service: "kms")
        let report = ScanReport(
            findings: [failing], collectedAt: Timestamp.parse("2026-11-29T12:00:00Z")!, accounts: ["123456789012"],
            regions: ["us-east-1"], resourceCounts: ["AWS::KMS::Key": 1], problems: [], source: source, checksRun: 1)
        return ResponsibilityMatrix(catalog: catalog, report: report)
    }

    @Test func jsonFollowsTheDesignContract() throws {
        let json = try JSONParser.parse(ResponsibilityJSONFormat().render(Self.matrix()))
        #expect(json["catalogueVersion"] == 3)
        let service = try #require(json["services"]?.arrayValue?.first { $0["service"] == "kms" })
        // IAM and CloudTrail are not in this catalogue, so KMS is the only service.
        #expect(json["services"]?.arrayValue?.count == 1)
        #expect(service["serviceModel"] == "managed")
        let rows = service["responsibilities"]?.arrayValue ?? []
        #expect(rows.map { $0["id"]?.stringValue ?? "" } == ["kms.rotation", "kms.policies", "aws.platform"])
        #expect(rows[0]["status"] == "FAIL")
        #expect(rows[0]["owner"] == "customer")
        #expect(rows[0]["failing"] == 1)
        #expect(rows[0]["checks"] == ["kms.key.rotation-enabled"])
        #expect(rows[1]["status"] == "MANUAL")
        #expect(rows[2]["status"] == "INHERITED")
        #expect(rows[2]["attestations"] == ["SOC 2"])
    }

    @Test func markdownEscapesPipesHTMLAndLineBreaksInEveryCell() throws {
        let text = ResponsibilityMarkdownFormat().render(try Self.matrix(source: "snapshot /tmp/x|<script>alert(1)</script>"))
        #expect(!text.contains("<script>"))
        #expect(!text.contains("<img"))
        #expect(!text.contains("<b>"))
        #expect(text.contains("/tmp/x\\|&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(text.contains("| FAIL | customer | Keys \\| rotate &lt;img src=x onerror=alert(1)&gt; yearly | 1 | `kms.key.rotation-enabled` |"))
        #expect(text.contains("| MANUAL | customer | Policies |  |  | Key policies \\| &lt;b&gt;grants&lt;/b&gt; |"))
        // Every table row has exactly the header's seven pipes: no cell text added a column.
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let unescaped = line.replacingOccurrences(of: "\\|", with: "")
            #expect(unescaped.filter { $0 == "|" }.count == 7, "\(line)")
        }
    }

    @Test func tableShowsFailingCountsEvidenceAndAttestationsWithControlCharactersEscaped() throws {
        let text = ResponsibilityTableFormat(color: false).render(try Self.matrix(source: "snapshot \u{1B}[2Jevil"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("snapshot \\u{1b}[2Jevil"))
        #expect(text.contains("  FAIL      customer Keys | rotate <img src=x onerror=alert(1)>\\u{a}yearly  [1 failing of 1]\n"))
        #expect(text.contains("  MANUAL    customer Policies\n      evidence: Key policies | <b>grants</b>\n"))
        #expect(text.contains("  INHERITED aws      Platform  [SOC 2]\n"))
    }
}
