import Foundation
import RampartFindings
import RampartInventory
import RampartJSON
@testable import RampartOutputs
import Testing

@Suite struct HTMLReportFormatTests {
    func page(_ report: ScanReport = sampleReport(), sections: HTMLReportSections = HTMLReportSections()) -> String {
        HTMLReportFormat(productVersion: "0.1.0", sections: sections).render(report)
    }

    /// The text between the first `open` after `start` and the next `close`.
    func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let a = text.range(of: open), let b = text.range(of: close, range: a.upperBound..<text.endIndex) else { return nil }
        return String(text[a.upperBound..<b.lowerBound])
    }

    @Test func thePageLoadsNothingFromAnywhere() throws {
        let html = page()
        let attributes = try NSRegularExpression(pattern: #"\b(src|href|action|srcset|poster|data)\s*=\s*["']?([^"' >]*)"#, options: .caseInsensitive)
        let urls = attributes.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { Range($0.range(at: 2), in: html).map { String(html[$0]) } }
        #expect(urls.filter { $0.contains("http:") || $0.contains("https:") || $0.contains("//") }.isEmpty, "\(urls)")
        for marker in ["http://", "https://", "<link", "<img", "<iframe", "@import", "url(", "innerHTML"] {
            #expect(!html.contains(marker), "\(marker)")
        }
    }

    /// The policy allows the page's own script and style by hash, and nothing else.
    @Test func theContentSecurityPolicyHashesExactlyTheInlineScriptAndStyle() throws {
        let html = page()
        let policy = try #require(between(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\""))
        #expect(policy.hasPrefix("default-src 'none'; "))
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
        #expect(policy.contains("connect-src 'none'") && policy.contains("img-src 'none'"))
        let script = try #require(between(html, "<script>", "</script>"))
        let style = try #require(between(html, "<style>", "</style>"))
        #expect(policy.contains("script-src 'sha256-\(SHA256.base64(SHA256.digest(script)))'"))
        #expect(policy.contains("style-src 'sha256-\(SHA256.base64(SHA256.digest(style)))'"))
    }

    /// A name that tries to close the data block, and line separators that end a JavaScript
    /// string, stay inside the JSON and come back out unchanged.
    @Test func hostileTextCannotLeaveTheDataBlock() throws {
        var report = sampleReport()
        let name = "</script><script>alert(1)</script><!-- \u{2028}\u{2029} & \"><img src=x onerror=alert(1)>"
        report.findings[0].resource.name = name
        report.findings[0].message = "</SCRIPT>" + name
        let html = page(report)
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        #expect(html.lowercased().components(separatedBy: "</script").count - 1 == 2)
        #expect(!html.contains("\u{2028}"))
        let json = try #require(between(html, "<script type=\"application/json\" id=\"rampart-data\">", "</script>"))
        let data = try JSONParser.parse(json)
        #expect(data["findings"]?.arrayValue?.first?["name"]?.stringValue == name)
        #expect(data["findings"]?.arrayValue?.first?["message"]?.stringValue == "</SCRIPT>" + name)
        #expect(html.contains("<title>Rampart report: snapshot test</title>"))
    }

    @Test func theSummaryChartsCountByStatusAndFailuresBySeverity() {
        let html = page()
        #expect(html.contains("data-status=\"FAIL\">FAIL 2<"))
        #expect(html.contains("data-status=\"UNKNOWN\">UNKNOWN 1<"))
        #expect(html.contains("data-status=\"PASS\">PASS 1<"))
        #expect(html.contains("data-severity=\"critical\">1<"))
        #expect(html.contains("data-severity=\"high\">1<"))
        #expect(html.contains("data-severity=\"medium\">0<"))
    }

    @Test func sectionsTheCommandDidNotComputeSaySo() {
        let html = page()
        #expect(html.contains("<section id=\"matrix\"><h2>Shared responsibility matrix</h2><p class=\"note\">Not computed for this report.</p>"))
        #expect(html.contains("<section id=\"resilience\"><h2>Resilience: losing a zone or a Region</h2>\n<p class=\"note\">Not computed for this report.</p>"))
    }

    /// Per framework and requirement, from the findings' framework ids; unknown evidence makes a
    /// requirement UNKNOWN, never PASS, and requirement ids sort as numbers.
    @Test func complianceIsCountedPerRequirementFromTheFindings() {
        var report = sampleReport()
        report.findings[2].frameworks = ["cis-aws-3.0": ["1.10", "1.9"]]
        report.findings[3].frameworks = ["cis-aws-3.0": ["1.10"]]
        let compliance = ReportCompliance(findings: report.findings)
        #expect(compliance.frameworks.map(\.id) == ["aws-fsbp", "cis-aws-3.0"])
        let cis = compliance.frameworks[1]
        #expect(cis.requirements.map(\.id) == ["1.9", "1.10", "5.2"])
        let r110 = cis.requirements[1]
        #expect((r110.pass, r110.fail, r110.unknown, r110.manual) == (1, 0, 1, 0))
        #expect(r110.status == .unknown)
        #expect(cis.requirements[0].status == .pass)
        #expect(cis.requirements[2].status == .fail)
        #expect(cis.requirements[2].checks == ["ec2.a", "ec2.b"])
    }
}
