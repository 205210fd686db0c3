import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RampartFindings
import RampartInventory
import RampartOutputs
import Testing

/// Collects the elements and attributes of a JUnit document as Foundation's XMLParser reads them.
final class JUnitReader: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text = "" }
    var elements: [Element] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    static func read(_ text: String) throws -> [Element] {
        let reader = JUnitReader()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return reader.elements
    }
}

@Suite struct JUnitFormatTests {
    @Test func oneSuitePerCheckAndOneCasePerResourceWithEachStatusMapped() throws {
        var report = sampleReport()
        var manual = report.findings[2]
        manual.checkId = "ec2.c"
        manual.status = .manual
        manual.resource.arn = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-2"
        report.findings.append(manual)
        let elements = try JUnitReader.read(JUnitFormat().render(report))
        let root = try #require(elements.first)
        #expect(root.name == "testsuites")
        #expect(root.attributes["tests"] == "5")
        #expect(root.attributes["failures"] == "2")
        #expect(root.attributes["errors"] == "1")
        #expect(root.attributes["skipped"] == "1")
        #expect(root.attributes["timestamp"] == "2026-11-29T12:00:00")
        let suites = elements.filter { $0.name == "testsuite" }
        #expect(suites.map { $0.attributes["name"] } == ["ec2.a", "ec2.b", "ec2.c", "ec2.d"])
        #expect(suites.first { $0.attributes["name"] == "ec2.c" }?.attributes["tests"] == "2")
        #expect(elements.filter { $0.name == "testcase" }.count == 5)
        let failure = try #require(elements.first { $0.name == "failure" })
        #expect(failure.attributes["message"] == "sg-1 admits TCP port 22 from 0.0.0.0/0.")
        #expect(failure.attributes["type"] == "high")
        #expect(failure.text.contains("Remediation: Fix it."))
        let error = try #require(elements.first { $0.name == "error" })
        #expect(error.attributes["type"] == "UNKNOWN")
        #expect(error.attributes["message"]?.contains("AccessDenied") == true)
        #expect(elements.filter { $0.name == "skipped" }.count == 1)
    }

    /// Markup and characters XML 1.0 forbids (ESC, NUL, U+FFFF) in a name or message still give a
    /// document XMLParser accepts, with the markup as text.
    @Test func hostileTextIsEscapedIncludingForbiddenControlCharacters() throws {
        var report = sampleReport()
        report.findings[0].resource.name = "\"><script>alert(1)</script>\u{0}\u{1B}[2J\u{FFFF}"
        report.findings[0].message = "</failure><evil a='1'>&amp;\u{7}"
        let elements = try JUnitReader.read(JUnitFormat().render(report))
        #expect(!elements.contains { $0.name == "script" || $0.name == "evil" })
        let testcase = try #require(elements.first { $0.name == "testcase" })
        #expect(testcase.attributes["name"]?.hasPrefix("\"><script>alert(1)</script>\\u{0}\\u{1b}[2J\\u{ffff}") == true)
        #expect(elements.first { $0.name == "failure" }?.attributes["message"] == "</failure><evil a='1'>&amp;\\u{7}")
    }
}
