public import RampartResponsibilities
import RampartFindings
import RampartInventory
import RampartJSON

/// A way to present the shared responsibility matrix (`rampart responsibilities --format`).
public protocol ResponsibilityFormat: Sendable {
    /// The name `--format` takes.
    var name: String { get }
    /// The file name used under `--output-dir`.
    var fileName: String { get }
    func write(_ matrix: ResponsibilityMatrix, to sink: ByteSink)
}

extension ResponsibilityFormat {
    /// The whole output as one string.
    public func render(_ matrix: ResponsibilityMatrix) -> String {
        var collected: [UInt8] = []
        let sink = ByteSink { collected.append(contentsOf: $0) }
        write(matrix, to: sink)
        sink.flush()
        return String(decoding: collected, as: UTF8.self)
    }
}

/// The formats `rampart responsibilities --format` accepts, by name.
public enum ResponsibilityFormats {
    public static let names = ["table", "json", "markdown"]

    /// The format called `name`; nil for an unknown name.
    public static func named(_ name: String, color: Bool) -> (any ResponsibilityFormat)? {
        switch name {
        case "table": ResponsibilityTableFormat(color: color)
        case "json": ResponsibilityJSONFormat()
        case "markdown": ResponsibilityMarkdownFormat()
        default: nil
        }
    }
}

/// The matrix as DESIGN.md's JSON: `{"services": [{"service", "serviceModel", "responsibilities": [...]}]}`.
public struct ResponsibilityJSONFormat: ResponsibilityFormat {
    public let name = "json"
    public let fileName = "rampart-responsibilities.json"

    public init() {}

    public func write(_ matrix: ResponsibilityMatrix, to sink: ByteSink) {
        let services: [JSONValue] = matrix.services.map { service in
            .object([
                "service": .string(service.service), "name": .string(service.name),
                "serviceModel": .string(service.serviceModel.rawValue), "awsModel": .string(service.awsModel), "note": .optional(service.note),
                "responsibilities": .array(service.responsibilities.map { row in
                    JSONValue.object([
                        "id": .string(row.id), "title": .string(row.title), "owner": .string(row.owner.rawValue),
                        "status": .string(row.status.rawValue), "failing": .number(Double(row.failing)),
                        "unknown": .number(Double(row.unknown)), "judged": .number(Double(row.judged)),
                        "accepted": .number(Double(row.accepted)),
                        "checks": .strings(row.checks), "attestations": .strings(row.attestations),
                        "evidence": .optional(row.evidence),
                    ]).adding("byAccount", row.byAccount.isEmpty ? nil : .object(JSONObject(pairs: row.byAccount.keys.sorted().map { ($0, .string(row.byAccount[$0]!.rawValue)) })))
                }),
            ])
        }
        let document: JSONValue = .object([
            "catalogueVersion": .number(Double(matrix.catalogVersion)), "source": .string(matrix.source),
            "collectedAt": .string(Timestamp.format(matrix.collectedAt)), "accounts": .strings(matrix.accounts),
            "services": .array(services), "unmappedChecks": .strings(matrix.unmappedChecks),
            "awsOwnedFindingsSetAside": .number(Double(matrix.awsOwnedSetAside)),
        ])
        JSONWriter.write(document, into: &sink.buffer, pretty: true)
        sink.append("\n")
    }
}

/// The matrix for a terminal: one block per service, one line per responsibility.
public struct ResponsibilityTableFormat: ResponsibilityFormat {
    public let name = "table"
    public let fileName = "rampart-responsibilities.txt"
    /// ANSI colour; only when writing to a terminal.
    public let color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func write(_ matrix: ResponsibilityMatrix, to sink: ByteSink) {
        var out = bold("Shared responsibility matrix") + " of \(TableFormat.clean(matrix.source)), collected \(Timestamp.format(matrix.collectedAt))\n"
        out += "Catalogue version \(matrix.catalogVersion)   Services in use: \(matrix.services.count)\n\n"
        let counts = ResponsibilityStatus.allCases.map { "\($0.rawValue) \(matrix.count($0))" }
        out += "  " + counts.joined(separator: "   ") + "\n"
        for service in matrix.services {
            out += "\n" + bold("\(TableFormat.clean(service.service))  \(TableFormat.clean(service.name))") + "  (\(service.awsModel); \(service.serviceModel.rawValue))\n"
            for row in service.responsibilities {
                let status = paint(row.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0), statusColor(row.status))
                let owner = row.owner.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                out += "  \(status) \(owner) \(TableFormat.clean(row.title))\(detail(row))\n"
                if row.status == .manual, let evidence = row.evidence { out += "      evidence: \(TableFormat.clean(evidence))\n" }
                if !row.byAccount.isEmpty {
                    out += "      per account: " + row.byAccount.keys.sorted().map { "\(TableFormat.clean($0)) \(row.byAccount[$0]!.rawValue)" }.joined(separator: ", ") + "\n"
                }
            }
        }
        if !matrix.unmappedChecks.isEmpty {
            out += "\n" + paint("Checks in no responsibility (add them to Data/responsibilities.json): ", "33")
            out += matrix.unmappedChecks.joined(separator: ", ") + "\n"
        }
        if matrix.awsOwnedSetAside > 0 {
            out += "\nNot counted: \(matrix.awsOwnedSetAside) findings on resources AWS owns (AWS managed policies, service-linked roles, "
            out += "AWS managed keys); --include-aws-owned counts them.\n"
        }
        sink.append(out)
    }

    private func detail(_ row: ResponsibilityMatrix.Row) -> String {
        switch row.status {
        case .fail: "  [\(row.failing) failing of \(row.judged)]"
        case .unknown: "  [\(row.unknown) unknown of \(row.judged)]"
        case .pass: row.judged == 0 ? "  [nothing to judge]" : "  [\(row.judged) judged]"
        case .inherited: "  [\(row.attestations.joined(separator: ", "))]"
        case .manual: ""
        case .accepted: "  [\(row.accepted) accepted of \(row.judged): muted by the mutelist]"
        }
    }

    private func statusColor(_ status: ResponsibilityStatus) -> String {
        switch status {
        case .pass: "32"
        case .fail: "31"
        case .unknown: "33"
        case .manual: "36"
        case .inherited: "37"
        case .accepted: "35"
        }
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}

/// The matrix as Markdown, one table per service, for reports and pull requests. Every cell is
/// escaped: pipes, HTML and line breaks in it cannot change the table or inject markup.
public struct ResponsibilityMarkdownFormat: ResponsibilityFormat {
    public let name = "markdown"
    public let fileName = "rampart-responsibilities.md"

    public init() {}

    public func write(_ matrix: ResponsibilityMatrix, to sink: ByteSink) {
        var out = "# Shared responsibility matrix\n\n"
        out += "Source: \(Self.escape(matrix.source)), collected \(Timestamp.format(matrix.collectedAt)). "
        out += "Catalogue version \(matrix.catalogVersion).\n\n"
        out += ResponsibilityStatus.allCases.map { "\($0.rawValue) \(matrix.count($0))" }.joined(separator: " · ") + "\n"
        for service in matrix.services {
            out += "\n## \(Self.escape(service.service)): \(Self.escape(service.name))\n\n"
            out += "\(Self.escape(service.awsModel)); Rampart model: \(service.serviceModel.rawValue).\n\n"
            if let note = service.note { out += "Note: \(Self.escape(note))\n\n" }
            out += "| status | owner | responsibility | failing | checks | evidence or attestations |\n"
            out += "|---|---|---|---|---|---|\n"
            for row in service.responsibilities {
                let checks = row.checks.map(Self.code).joined(separator: "<br>")
                let support = row.owner == .aws || row.evidence == nil
                    ? row.attestations.map(Self.escape).joined(separator: ", ")
                    : Self.escape(row.evidence ?? "")
                let failing = row.checks.isEmpty ? "" : String(row.failing)
                let perAccount = row.byAccount.isEmpty ? "" : "<br>per account: " + row.byAccount.keys.sorted().map { "\(Self.escape($0)) \(row.byAccount[$0]!.rawValue)" }.joined(separator: ", ")
                out += "| \(row.status.rawValue)\(perAccount) | \(row.owner.rawValue) | \(Self.escape(row.title)) | \(failing) | \(checks) | \(support) |\n"
            }
        }
        if !matrix.unmappedChecks.isEmpty {
            out += "\n**Checks in no responsibility:** " + matrix.unmappedChecks.map(Self.code).joined(separator: ", ") + "\n"
        }
        if matrix.awsOwnedSetAside > 0 {
            out += "\n\(matrix.awsOwnedSetAside) findings on resources AWS owns are not counted (`--include-aws-owned` counts them).\n"
        }
        sink.append(out)
    }

    /// An identifier as a code span when it is plain (letters, digits, `.`, `-`), else escaped text.
    static func code(_ id: String) -> String {
        let plain = !id.isEmpty && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") }
        return plain ? "`\(id)`" : escape(id)
    }

    /// Text safe inside a Markdown table cell: HTML special characters as entities, pipes and
    /// Markdown punctuation backslash-escaped, line breaks and control characters as spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "|", "\\", "`", "*", "_", "[", "]", "#": out += "\\" + String(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension JSONValue {
    /// This object with `key` set to `value` at the end; unchanged when `value` is nil (so a
    /// single account's documents keep their keys) or this is not an object.
    func adding(_ key: String, _ value: JSONValue?) -> JSONValue {
        guard let value, case .object(var object) = self else { return self }
        object[key] = value
        return .object(object)
    }
}
