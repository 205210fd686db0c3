import RampartJSON
import Testing

/// What `JSONWriter` prints: RFC 8259 text that parses back to the same value, with the
/// characters that could end a `<script>` element escaped, whether written whole or in pieces.
@Suite struct JSONWriterTests {
    static let awkward = ["plain", "quote \" and \\ backslash", "line\nbreak\r\ttab", "<script>&</script>", "\u{01}\u{1F}",
        "line\u{2028}para\u{2029}", "\u{E2}\u{80}", "é ü 日本 🚀", "", "e2 80 at the end: \u{2030}"]

    static func value(_ seed: Int) -> JSONValue {
        .object(["findings": .array((0..<300).map { i in
            .object(["id": .string("check-\(i)"), "text": .string(awkward[(i + seed) % awkward.count]), "count": .number(Double(i)),
                "nested": .array([.bool(i % 2 == 0), .null, .strings([awkward[i % awkward.count]])])])
        })])
    }

    @Test(arguments: [false, true])
    func writingInPiecesGivesTheSameText(_ pretty: Bool) {
        let value = Self.value(3)
        var pieces: [[UInt8]] = []
        JSONWriter.write(value, pretty: pretty, chunk: 512) { pieces.append(Array($0)) }
        #expect(pieces.count > 10, "a small chunk size gives many pieces")
        #expect(pieces.flatMap { $0 } == JSONWriter.bytes(value, pretty: pretty))
    }

    @Test func everyAwkwardStringParsesBackUnchanged() throws {
        for text in Self.awkward {
            let written = JSONWriter.bytes(.array([.string(text)]))
            #expect(try JSONParser.parse(written) == .array([.string(text)]), "\(text.debugDescription)")
        }
    }

    @Test func scriptClosingCharactersAreEscaped() {
        #expect(JSONWriter.string(.string("</script><b>&\u{2028}\u{2029}\u{7}")) == #""\u003c/script\u003e\u003cb\u003e\u0026\u2028\u2029\u0007""#)
        #expect(JSONWriter.string(.string("a\"b\\c\nd")) == #""a\"b\\c\nd""#)
        #expect(JSONWriter.string(.string("\u{2030}")) == "\"\u{2030}\"", "E2 80 B0 is not a line separator")
    }
}
