import Foundation
import RampartIAM
import RampartJSON

/// Parameter values as the AWS CLI reads them: `file://` and `fileb://` paths, shorthand
/// structures (`ContextKeyName=aws:SourceIp,ContextKeyValues=10.0.0.1,ContextKeyType=ip`), JSON
/// lists, and `--cli-input-json` documents.
enum AWSCLIValues {
    /// The text of a parameter: the file's contents for `file://PATH` / `fileb://PATH`, else the value.
    static func resolve(_ value: String, flag: String) throws -> String {
        for scheme in ["file://", "fileb://"] where value.hasPrefix(scheme) {
            let path = String(value.dropFirst(scheme.count))
            return try readInputText(path, limit: 64 << 20, what: flag)
        }
        return value
    }

    /// Parses `--cli-input-json` (or `file://`): a JSON object whose keys are the API's member names.
    static func cliInputJSON(_ value: String) throws -> JSONObject {
        let text = try resolve(value, flag: "--cli-input-json")
        do {
            guard case .object(let object) = try JSONParser.parse(text) else {
                throw RampartError("--cli-input-json must be a JSON object")
            }
            return object
        } catch let error as JSONSyntaxError {
            throw RampartError("--cli-input-json: \(error)")
        }
    }

    /// A list of strings from a `--cli-input-json` member.
    static func strings(_ object: JSONObject, _ key: String) throws -> [String]? {
        guard let value = object[key] else { return nil }
        guard case .array(let items) = value else { throw RampartError("--cli-input-json: \(key) must be a list of strings") }
        return try items.map {
            guard case .string(let s) = $0 else { throw RampartError("--cli-input-json: \(key) must be a list of strings") }
            return s
        }
    }

    /// A string from a `--cli-input-json` member.
    static func string(_ object: JSONObject, _ key: String) throws -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let s) = value else { throw RampartError("--cli-input-json: \(key) must be a string") }
        return s
    }

    /// `--context-entries`: each argument a shorthand structure, or one JSON list of
    /// `{"ContextKeyName", "ContextKeyValues", "ContextKeyType"}` objects (inline or `file://`).
    static func contextEntries(_ arguments: [String]) throws -> [String: ContextValue] {
        var entries: [String: ContextValue] = [:]
        for argument in arguments {
            let text = try resolve(argument, flag: "--context-entries")
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") {
                let parsed: JSONValue
                do { parsed = try JSONParser.parse(trimmed) } catch { throw RampartError("--context-entries: \(error)") }
                let list: [JSONValue]
                switch parsed {
                case .array(let items): list = items
                default: list = [parsed]
                }
                for item in list {
                    guard case .object(let o) = item else { throw RampartError("--context-entries: each entry must be an object") }
                    try add(name: string(o, "ContextKeyName"), values: strings(o, "ContextKeyValues"), type: string(o, "ContextKeyType"), to: &entries)
                }
            } else {
                let fields = try shorthand(trimmed, flag: "--context-entries")
                for key in fields.keys where !["ContextKeyName", "ContextKeyValues", "ContextKeyType"].contains(key) {
                    throw RampartError("--context-entries: unknown member \"\(key)\"; use ContextKeyName, ContextKeyValues, ContextKeyType")
                }
                try add(name: fields["ContextKeyName"]?.first, values: fields["ContextKeyValues"], type: fields["ContextKeyType"]?.first, to: &entries)
            }
        }
        return entries
    }

    static let contextKeyTypes: Set<String> = [
        "string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList",
    ]

    private static func add(name: String?, values: [String]?, type: String?, to entries: inout [String: ContextValue]) throws {
        guard let name, !name.isEmpty else { throw RampartError("--context-entries: an entry has no ContextKeyName") }
        let values = values ?? []
        if let type, !contextKeyTypes.contains(type) {
            throw RampartError("--context-entries: ContextKeyType \"\(type)\" of \(name) is not one of \(contextKeyTypes.sorted().joined(separator: ", "))")
        }
        let isList = type?.hasSuffix("List") ?? (values.count > 1)
        entries[name] = isList ? .multiple(values) : values.count == 1 ? .single(values[0]) : .multiple(values)
    }

    /// The AWS CLI's shorthand syntax for one structure: `Key=value,Key2=a,b,c,Key3=[x,y]`, with
    /// values in single or double quotes allowed. A value followed by `,text` where `text` holds
    /// no `=` continues as a list, as the AWS CLI reads it.
    static func shorthand(_ text: String, flag: String) throws -> [String: [String]] {
        let chars = Array(text)
        var i = 0
        var out: [String: [String]] = [:]
        func fail(_ why: String) -> RampartError { RampartError("\(flag): \(why) in \"\(text)\" at character \(i + 1)") }
        func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }
        func item(stopAt stops: Set<Character>) throws -> String {
            skipSpaces()
            if i < chars.count, chars[i] == "'" || chars[i] == "\"" {
                let quote = chars[i]
                i += 1
                var value = ""
                while i < chars.count, chars[i] != quote {
                    if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == quote { i += 1 }
                    value.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw fail("an unterminated quote") }
                i += 1
                skipSpaces()
                return value
            }
            var value = ""
            while i < chars.count, !stops.contains(chars[i]) {
                value.append(chars[i])
                i += 1
            }
            return value.trimmingCharacters(in: .whitespaces)
        }
        /// Whether the text from `i` up to the next top-level comma holds an `=` (a new key).
        func nextIsKey() -> Bool {
            var j = i
            var quote: Character?
            while j < chars.count {
                let c = chars[j]
                if let q = quote { if c == q { quote = nil } } else if c == "'" || c == "\"" { quote = c } else if c == "," { return false } else if c == "=" { return true }
                j += 1
            }
            return false
        }
        while i < chars.count {
            skipSpaces()
            var key = ""
            while i < chars.count, chars[i] != "=" {
                if chars[i] == "," { throw fail("expected Key=value") }
                key.append(chars[i])
                i += 1
            }
            guard i < chars.count else { throw fail("expected Key=value") }
            key = key.trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw fail("a value without a key") }
            i += 1
            var values: [String] = []
            skipSpaces()
            if i < chars.count, chars[i] == "[" {
                i += 1
                while true {
                    skipSpaces()
                    guard i < chars.count else { throw fail("an unterminated [ list") }
                    if chars[i] == "]" { i += 1; break }
                    values.append(try item(stopAt: [",", "]"]))
                    if i < chars.count, chars[i] == "," { i += 1 }
                }
            } else {
                values.append(try item(stopAt: [","]))
                while i < chars.count, chars[i] == "," {
                    i += 1
                    if nextIsKey() { i -= 1; break }
                    values.append(try item(stopAt: [","]))
                }
            }
            out[key, default: []] += values
            skipSpaces()
            if i < chars.count {
                guard chars[i] == "," else { throw fail("expected a comma") }
                i += 1
            }
        }
        return out
    }
}
