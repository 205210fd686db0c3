import RampartJSON
import Testing

/// Inputs found by fuzzing (Fuzz/Targets/json.swift) or built to be hostile: each is refused
/// with a located syntax error instead of trapping or changing meaning.
@Suite struct HostileJSONTests {
    @Test(arguments: ["722222222e222222222222222222222222", "-1e999", "[1, 2e400]"])
    func aNumberBeyondDoublesRangeIsRefusedNotReadAsInfinity(text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.message == "number out of range")
        }
    }

    /// A policy read two ways is an attack: `{"Effect":"Deny","Effect":"Allow"}` is refused, never
    /// resolved first-wins or last-wins (issue 19), in small objects and large ones alike.
    @Test(arguments: [
        #"{"Effect":"Deny","Effect":"Allow"}"#,
        #"{"Statement":[{"Action":"s3:GetObject","Resource":"*","Action":"*"}]}"#,
        "{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + #","k39":0}"#,
    ])
    func aDuplicatedKeyInOneObjectIsRefusedWithItsPlace(text: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("a duplicated key was accepted")
        } catch {
            #expect(error.message.hasPrefix("duplicate key"))
            #expect(error.line == 1 && error.column > 1)
        }
    }

    @Test func theSameKeyInDifferentObjectsIsFine() throws {
        let value = try JSONParser.parse(#"[{"a":1},{"a":2,"b":{"a":3}}]"#)
        #expect(value == .array([["a": 1], ["a": 2, "b": ["a": 3]]]))
    }

    @Test func largeButFiniteNumbersStillParse() throws {
        #expect(try JSONParser.parse("1.7976931348623157e308") == .number(1.7976931348623157e308))
        #expect(try JSONParser.parse("4.9e-324") == .number(4.9e-324))
    }

    @Test func nesting100000DeepIsRefusedAtTheLimitWithoutExhaustingTheStack() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(text)
            Issue.record("100,000 levels were accepted")
        } catch {
            #expect(error.message == "nesting deeper than 512 levels")
            #expect(error.offset == 512)
        }
    }

    @Test func invalidUTF8InAStringIsRefusedWithItsPlace() {
        let bytes: [UInt8] = Array(#"{"Name": "a"#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.line == 1)
            #expect(error.description.contains("UTF-8"), "\(error)")
        }
    }
}
