import RampartJSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesWhatTheAWSCLIPrints() throws {
        let value = try JSONParser.parse(#"{"SecurityGroups": [{"GroupId": "sg-1", "FromPort": 22, "Ratio": 0.5, "On": true, "X": null}]}"#)
        let group = value["SecurityGroups"]?.arrayValue?.first
        #expect(group?["GroupId"] == "sg-1")
        #expect(group?["FromPort"] == .number(22))
        #expect(group?["Ratio"] == .number(0.5))
        #expect(group?["On"] == .bool(true))
        #expect(group?["X"] == .null)
    }

    @Test func keepsKeyOrderWhenWrittenBack() throws {
        let text = #"{"b":1,"a":[true,false,null],"c":{"z":"y"}}"#
        #expect(JSONWriter.string(try JSONParser.parse(text)) == text)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/\né😀"))
    }

    @Test(arguments: [
        ("{\"a\": 1", "line 1, column 8: unexpected end of input inside an object (the file is truncated?)"),
        ("{\"a\" 1}", "line 1, column 6: expected ':' after key \"a\""),
        ("[1, 2,]", "line 1, column 7: unexpected ']' where a value should start"),
        ("{\n  \"a\": tru\n}", "line 2, column 8: invalid literal; expected true"),
        ("{} x", "line 1, column 4: unexpected text after the end of the document"),
        ("\"abc", "line 1, column 1: unterminated string (the file is truncated?)"),
        ("\"\\x\"", "line 1, column 2: invalid escape '\\x' in a string"),
        ("01", "line 1, column 2: unexpected text after the end of the document"),
        ("", "line 1, column 1: unexpected end of input (the file is truncated?)"),
    ])
    func reportsWhereAndWhatIsWrong(input: String, message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
    }

    @Test func boundsNestingDepth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("100,000 levels of nesting were accepted")
        } catch {
            #expect(error.message == "nesting deeper than 512 levels")
        }
    }

    @Test func writerEscapesTextThatCouldCloseAScriptElement() {
        #expect(JSONWriter.string(.string("</script><b>&\u{1}")) == #""\u003c/script\u003e\u003cb\u003e\u0026\u0001""#)
    }

    @Test func writerEscapesLineAndParagraphSeparatorsButKeepsOtherText() throws {
        let text = "a\u{2028}b\u{2029}c–é😀\u{2027}"
        let written = JSONWriter.string(.string(text))
        #expect(written == "\"a\\u2028b\\u2029c–é😀\u{2027}\"")
        #expect(try JSONParser.parse(written) == .string(text))
    }

    @Test func writtenDocumentsParseBackToTheSameValue() throws {
        let value: JSONValue = ["a": [1, 2.5, -3, true, nil], "b": ["c": "d\"e\\f\n"], "": []]
        #expect(try JSONParser.parse(JSONWriter.string(value, pretty: true)) == value)
        #expect(try JSONParser.parse(JSONWriter.string(value)) == value)
    }

    @Test func shapeErrorsNameThePath() throws {
        let node = JSONNode(try JSONParser.parse(#"{"Reservations":[{"Instances":[{"InstanceId":7}]}]}"#))
        do {
            _ = try node.array("Reservations")[0].array("Instances")[0].requiredString("InstanceId")
            Issue.record("a number was read as a string")
        } catch {
            #expect(error.description == "$.Reservations[0].Instances[0].InstanceId: expected a string, found a number")
        }
    }
}
