import Foundation

/// One section of a shared config or credentials file: its properties (keys lower-cased, as
/// the AWS CLI reads them) and the nested sub-sections written as `s3 =` followed by indented
/// `key = value` lines. Its descriptions list keys only, since values include secret keys.
public struct AWSConfigSection: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var values: Sensitive<[String: String]>
    private var nested: Sensitive<[String: [String: String]]>

    public init(values: [String: String] = [:], nested: [String: [String: String]] = [:]) {
        var lowered: [String: String] = [:]
        for (key, value) in values { lowered[key.lowercased()] = value }
        self.values = Sensitive(lowered)
        self.nested = Sensitive(nested)
    }

    /// The value of a top-level property, nil when absent.
    public subscript(key: String) -> String? { values.value[key.lowercased()] }

    /// The value of `key` inside the nested sub-section `section` (e.g. `sts` / `endpoint_url`).
    public func value(_ key: String, in section: String) -> String? {
        nested.value[section.lowercased()]?[key.lowercased()]
    }

    /// Property names, sorted.
    public var keys: [String] { values.value.keys.sorted() }

    /// Names of the nested sub-sections, sorted.
    public var subsections: [String] { nested.value.keys.sorted() }

    mutating func set(_ key: String, _ value: String) {
        values = Sensitive(values.value.merging([key: value]) { $1 })
    }

    mutating func set(_ key: String, _ value: String, in section: String) {
        var all = nested.value
        all[section, default: [:]][key] = value
        nested = Sensitive(all)
    }

    /// Properties of `other` override these.
    func overlaid(by other: AWSConfigSection) -> AWSConfigSection {
        var result = self
        result.values = Sensitive(values.value.merging(other.values.value) { $1 })
        result.nested = Sensitive(nested.value.merging(other.nested.value) { $0.merging($1) { $1 } })
        return result
    }

    public static func == (lhs: AWSConfigSection, rhs: AWSConfigSection) -> Bool {
        lhs.values.value == rhs.values.value && lhs.nested.value == rhs.nested.value
    }

    public var description: String { "AWSConfigSection(keys: \(keys))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["keys": keys, "subsections": subsections]) }
}

/// A parsed `~/.aws/config` or `~/.aws/credentials` file, read the way the AWS CLI reads it:
/// `[default]` and `[profile NAME]` sections in the config file, `[NAME]` in the credentials
/// file, `[services NAME]` kept for endpoint settings, other sections (`[sso-session X]`)
/// ignored; whole-line comments with `#` or `;`; `key = value` (or `key: value`); indented
/// lines after an empty `key =` as a nested sub-section.
public struct AWSConfigFile: Sendable, CustomStringConvertible {
    /// Which of the two files: they name their profile sections differently.
    public enum Kind: Sendable, Equatable {
        case config
        case credentials
    }

    public let path: String
    public let kind: Kind
    /// Profiles by name (`default` for `[default]`).
    public private(set) var profiles: [String: AWSConfigSection]
    /// `[services NAME]` sections by name (config file only).
    public private(set) var services: [String: AWSConfigSection]

    /// An empty file, as a missing one reads.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
        self.profiles = [:]
        self.services = [:]
    }

    /// Reads the file at `path`; a missing file reads as empty.
    public static func load(path: String, kind: Kind) throws(AWSConfigFileError) -> AWSConfigFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return AWSConfigFile(path: path, kind: kind)
        }
        if isDirectory.boolValue {
            throw AWSConfigFileError(path: path, line: nil, reason: "is a directory, not a file")
        }
        // FileHandle rather than FileManager.contents, which answers nil for /dev/null.
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data() else {
            throw AWSConfigFileError(path: path, line: nil, reason: "cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AWSConfigFileError(path: path, line: nil, reason: "is not UTF-8 text")
        }
        return try AWSConfigFile(parsing: text, path: path, kind: kind)
    }

    private enum Target {
        case profile(String)
        case services(String)
        case ignored
    }

    /// Parses the text of a file; `path` is used in errors.
    public init(parsing text: String, path: String, kind: Kind) throws(AWSConfigFileError) {
        self.init(path: path, kind: kind)
        var target: Target?
        var section = AWSConfigSection()
        // The property the indented lines below it belong to, with its indentation.
        var property: (key: String, indent: Int, opensSubsection: Bool)?

        func flush() {
            switch target {
            case .profile(let name): profiles[name] = (profiles[name] ?? AWSConfigSection()).overlaid(by: section)
            case .services(let name): services[name] = (services[name] ?? AWSConfigSection()).overlaid(by: section)
            case .ignored, nil: break
            }
        }

        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var lineNumber = 0
        for rawLine in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = rawLine
            if line.hasSuffix("\r") { line = line.dropLast() }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }

            if let current = property, indent > current.indent {
                if current.opensSubsection {
                    guard let (key, value) = Self.splitProperty(trimmed) else {
                        throw AWSConfigFileError(path: path, line: lineNumber, reason: "expected `key = value` in the nested settings of `\(current.key)`")
                    }
                    section.set(key, value, in: current.key)
                } else {
                    section.set(current.key, (section[current.key] ?? "") + "\n" + trimmed)
                }
                continue
            }

            if trimmed.hasPrefix("[") {
                guard let close = trimmed.lastIndex(of: "]") else {
                    throw AWSConfigFileError(path: path, line: lineNumber, reason: "a section header must end with `]`")
                }
                let rest = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
                if !rest.isEmpty && !rest.hasPrefix("#") && !rest.hasPrefix(";") {
                    throw AWSConfigFileError(path: path, line: lineNumber, reason: "unexpected text after the section header")
                }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                if name.isEmpty {
                    throw AWSConfigFileError(path: path, line: lineNumber, reason: "empty section name")
                }
                flush()
                section = AWSConfigSection()
                property = nil
                target = Self.target(of: name, kind: kind)
                continue
            }

            guard target != nil else {
                throw AWSConfigFileError(path: path, line: lineNumber, reason: "a setting before any [section] header")
            }
            guard let (key, value) = Self.splitProperty(trimmed) else {
                throw AWSConfigFileError(path: path, line: lineNumber, reason: "expected `key = value` or a [section] header")
            }
            section.set(key, value)
            property = (key, indent, value.isEmpty)
        }
        flush()
    }

    private static func target(of header: String, kind: Kind) -> Target {
        switch kind {
        case .credentials:
            return .profile(header)
        case .config:
            if header == "default" { return .profile("default") }
            let parts = header.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else { return .ignored }
            switch parts[0] {
            case "profile": return .profile(String(parts[1]))
            case "services": return .services(String(parts[1]))
            default: return .ignored  // sso-session and anything newer
            }
        }
    }

    /// `key = value` or `key: value`, split at the first delimiter; nil when there is none or the
    /// key is empty.
    private static func splitProperty(_ line: String) -> (String, String)? {
        guard let delimiter = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let key = line[..<delimiter].trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty else { return nil }
        let value = line[line.index(after: delimiter)...].trimmingCharacters(in: .whitespaces)
        return (key, value)
    }

    public var description: String {
        "AWSConfigFile(\(path), profiles: \(profiles.keys.sorted()))"
    }
}

extension Sensitive: Equatable where Value: Equatable {
    static func == (lhs: Sensitive<Value>, rhs: Sensitive<Value>) -> Bool { lhs.value == rhs.value }
}
