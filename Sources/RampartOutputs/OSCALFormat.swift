public import RampartCompliance
import RampartFindings
import RampartInventory
import RampartJSON

/// The report as a NIST OSCAL 1.1.2 `assessment-results` document (docs/compliance.md, "OSCAL").
///
/// One `result` per framework. Each result's `local-definitions` hold three components (Rampart
/// the tool, AWS the provider, the customer's account) and one inventory item per resource the
/// framework's checks judged; one `observation` per check with findings, whose subjects are those
/// resources; one observation of AWS's attestations whose subject is the AWS component; and one
/// `finding` per requirement whose target is the requirement (`objective-id`
/// `<framework>_<requirement>`) with `satisfied` only for PASS and INHERITED. Every UUID is a
/// version 5 UUID of the content, so the same scan gives the same file.
public struct OSCALAssessmentResultsFormat: ComplianceFormat {
    public let name = "oscal"
    public let fileName = "rampart-compliance-oscal.json"
    public let productVersion: String

    /// The OSCAL version the document conforms to.
    public static let oscalVersion = "1.1.2"
    /// The namespace of Rampart's own property names.
    public static let namespace = "urn:rampart:oscal"
    /// uuid5(NAMESPACE_URL, "urn:rampart:oscal"): the namespace of every UUID Rampart writes.
    static let uuidNamespace: [UInt8] = [
        0x51, 0x1a, 0x5b, 0x60, 0x62, 0xdd, 0x56, 0x83, 0x83, 0x30, 0xb0, 0x21, 0x8f, 0x64, 0x95, 0xae,
    ]

    public init(productVersion: String) {
        self.productVersion = productVersion
    }

    public func write(_ report: ComplianceReport, to sink: ByteSink) {
        let time = Timestamp.format(report.collectedAt)
        var seed = "\(report.source)|\(time)|\(report.accounts.joined(separator: ","))|\(report.frameworks.map(\.framework.id).joined(separator: ","))"
        for finding in report.findings.sorted(by: { $0.findingId < $1.findingId }) { seed += "|\(finding.findingId)=\(finding.status.rawValue)" }
        let documentSeed = Self.uuid(seed)
        func id(_ parts: [String]) -> JSONValue { .string(Self.uuid(([documentSeed] + parts).joined(separator: "/"))) }

        let planUUID = id(["assessment-plan"])
        let results: [JSONValue] = report.frameworks.map { framework in
            result(report, framework, time: time, id: { id([framework.framework.id] + $0) })
        }
        let frameworkNames = report.frameworks.map { "\($0.framework.name) \($0.framework.version)" }.joined(separator: "; ")
        let document: JSONValue = .object([
            "assessment-results": .object([
                "uuid": .string(documentSeed),
                "metadata": .object([
                    "title": .string(Self.line("Rampart compliance assessment of \(report.source): \(frameworkNames)")),
                    "last-modified": .string(time), "version": .string(productVersion), "oscal-version": .string(Self.oscalVersion),
                    "props": .array([Self.prop("tool", "rampart \(productVersion)")]),
                ]),
                "import-ap": .object(["href": .string("#\(planUUID.stringValue ?? "")")]),
                "results": .array(results),
                "back-matter": .object([
                    "resources": .array([
                        .object([
                            "uuid": planUUID, "title": .string("Rampart's automated assessment (no separate assessment plan)"),
                            "description": .string(
                                "The assessment is the set of Rampart checks (listed by `rampart checks`) run read-only over \(report.source); each framework's data file in Rampart's Data/frameworks maps its requirements to those checks."
                            ),
                        ])
                    ])
                ]),
            ])
        ])
        JSONWriter.write(document, into: &sink.buffer, pretty: true)
        sink.append("\n")
    }

    private func result(_ report: ComplianceReport, _ result: FrameworkResult, time: String, id: ([String]) -> JSONValue) -> JSONValue {
        func uuid(_ parts: String...) -> JSONValue { id(parts) }
        let f = result.framework
        let tool = uuid("component", "rampart")
        let aws = uuid("component", "aws")
        let account = uuid("component", "account")
        let accounts = report.accounts.isEmpty ? "the account" : "AWS account " + report.accounts.joined(separator: ", ")
        let components: [JSONValue] = [
            Self.component(tool, type: "software", title: "Rampart \(productVersion)", description: "The tool that collected the evidence and ran the checks, read-only."),
            Self.component(
                aws, type: "service", title: "Amazon Web Services",
                description: "The cloud provider; the requirements it owns are inherited and covered by its third-party attestations (AWS Artifact)."),
            Self.component(
                account, type: "this-system", title: Self.line(accounts),
                description: "The customer's side of the shared responsibility model, judged by Rampart's checks."),
        ]

        let checkIds = Set(f.requirements.flatMap(\.checks))
        let findings = report.findings.filter { checkIds.contains($0.checkId) }
        var itemUUID: [String: JSONValue] = [:]
        var items: [JSONValue] = []
        for finding in findings.sorted(by: { $0.resource.arn < $1.resource.arn }) where itemUUID[finding.resource.arn] == nil {
            let item = uuid("inventory-item", finding.resource.arn)
            itemUUID[finding.resource.arn] = item
            items.append(.object([
                "uuid": item, "description": .string(finding.resource.arn),
                "props": .array([Self.prop("asset-id", finding.resource.arn, ns: nil), Self.prop("resource-type", finding.resource.type)]),
                "implemented-components": .array([.object(["component-uuid": account])]),
            ]))
        }

        var byCheck: [String: [Finding]] = [:]
        for finding in findings { byCheck[finding.checkId, default: []].append(finding) }
        var observationUUID: [String: JSONValue] = [:]
        var observations: [JSONValue] = []
        for checkId in byCheck.keys.sorted() {
            let list = byCheck[checkId] ?? []
            let observation = uuid("observation", checkId)
            observationUUID[checkId] = observation
            let counts = [Status.pass, .fail, .unknown, .manual].map { s in "\(list.filter { $0.status == s }.count) \(s.rawValue)" }
            var subjects: [JSONValue] = []
            var seen: Set<String> = []
            for finding in list where seen.insert(finding.resource.arn).inserted {
                subjects.append(.object([
                    "subject-uuid": itemUUID[finding.resource.arn] ?? .null, "type": .string("inventory-item"),
                    "title": .string(Self.line(finding.resource.arn)),
                ]))
            }
            let evidence: [JSONValue] = list.filter { $0.status != .pass }.sorted { $0.resource.arn < $1.resource.arn }.map {
                .object(["description": .string("\($0.status.rawValue) \($0.resource.arn): \($0.message)")])
            }
            var object: JSONObject = [
                "uuid": observation, "title": .string(Self.line("Check \(checkId)")),
                "description": .string("\(list.first?.title ?? checkId): \(counts.joined(separator: ", "))."),
                "props": .array([Self.prop("check-id", checkId)]),
                "methods": .strings(["TEST"]),
                "origins": .array([.object(["actors": .array([.object(["type": .string("tool"), "actor-uuid": tool])])])]),
                "subjects": .array(subjects),
                "collected": .string(time),
            ]
            if !evidence.isEmpty { object["relevant-evidence"] = .array(evidence) }
            observations.append(.object(object))
        }
        let inherited = f.requirements.filter { $0.responsibility != .customer }
        let attestationObservation = uuid("observation", "aws-attestations")
        if !inherited.isEmpty {
            let names = Array(Set(inherited.flatMap(\.attestations))).sorted()
            observations.append(.object([
                "uuid": attestationObservation, "title": .string("AWS attestations"),
                "description": .string(
                    "AWS's part of the inherited and shared requirements is covered by its third-party attestations: \(names.joined(separator: ", ")); download them from AWS Artifact."),
                "methods": .strings(["EXAMINE"]),
                "subjects": .array([.object(["subject-uuid": aws, "type": .string("component"), "title": .string("Amazon Web Services")])]),
                "collected": .string(time),
            ]))
        }

        let oscalFindings: [JSONValue] = result.requirements.map { r in
            let req = r.requirement
            let (state, reason): (String, String) =
                switch r.status {
                case .pass: ("satisfied", "pass")
                case .inherited: ("satisfied", "other")
                case .fail: ("not-satisfied", "fail")
                case .unknown, .manual, .notApplicable, .accepted: ("not-satisfied", "other")
                }
            var related = req.checks.compactMap { observationUUID[$0] }.map { JSONValue.object(["observation-uuid": $0]) }
            if req.responsibility != .customer { related.append(.object(["observation-uuid": attestationObservation])) }
            var description = r.reason
            if r.status == .manual, let evidence = req.evidence { description += ". Evidence to show: \(evidence)" }
            var object: JSONObject = [
                "uuid": uuid("finding", req.id), "title": .string(Self.line("\(req.id) \(req.title)")),
                "description": .string(description),
                "props": .array([Self.prop("status", r.status.rawValue), Self.prop("responsibility", req.responsibility.rawValue)]),
                "target": .object([
                    "type": .string("objective-id"), "target-id": .string(Self.targetId(f.id, req.id)),
                    "title": .string(Self.line(req.title)),
                    "status": .object(["state": .string(state), "reason": .string(reason)]),
                ]),
            ]
            object["origins"] = .array([.object(["actors": .array([.object(["type": .string("tool"), "actor-uuid": tool])])])])
            if !related.isEmpty { object["related-observations"] = .array(related) }
            return .object(object)
        }

        var local: JSONObject = ["components": .array(components)]
        if !items.isEmpty { local["inventory-items"] = .array(items) }
        var object: JSONObject = [
            "uuid": uuid("result"), "title": .string(Self.line("\(f.name) \(f.version)")),
            "description": .string("Requirements of \(f.name) \(f.version) (\(f.id)) judged from \(report.source). \(f.scope)"),
            "start": .string(time), "end": .string(time),
            "props": .array([
                Self.prop("framework", f.id), Self.prop("score", result.score.percentText),
                Self.prop("score-formula", "passed / (passed + failed + unknown)"),
            ]),
            "local-definitions": .object(local),
            "reviewed-controls": .object([
                "description": .string("Every requirement of \(f.id) in Rampart's data file."),
                "control-selections": .array([.object(["include-all": .object([:])])]),
            ]),
        ]
        if !observations.isEmpty { object["observations"] = .array(observations) }
        object["findings"] = .array(oscalFindings)
        return .object(object)
    }

    static func component(_ uuid: JSONValue, type: String, title: String, description: String) -> JSONValue {
        .object([
            "uuid": uuid, "type": .string(type), "title": .string(title), "description": .string(description),
            "status": .object(["state": .string("operational")]),
        ])
    }

    /// A property; Rampart's own names carry its namespace.
    static func prop(_ name: String, _ value: String, ns: String? = namespace) -> JSONValue {
        var object: JSONObject = ["name": .string(name)]
        if let ns { object["ns"] = .string(ns) }
        object["value"] = .string(token(value))
        return .object(object)
    }

    /// OSCAL's `target-id` (a token): `<framework>_<requirement>`, lowercase, with every
    /// character outside letters, digits, `.`, `-` and `_` as `-`.
    public static func targetId(_ framework: String, _ requirement: String) -> String {
        let raw = "\(framework)_\(requirement)".lowercased()
        return String(raw.unicodeScalars.map { s -> Character in
            (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "-" || s == "_")) ? Character(s) : "-"
        })
    }

    /// A one-line string (titles must not hold line breaks): control characters become spaces.
    static func line(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? " " : scalar)
        }
        return out
    }

    /// A property value: one line without surrounding whitespace, never empty.
    static func token(_ text: String) -> String {
        let trimmed = line(text).trimmingSpaces()
        return trimmed.isEmpty ? "-" : trimmed
    }

    /// A version 5 (SHA-1, name-based) UUID of `name` in Rampart's namespace, lowercase.
    public static func uuid(_ name: String) -> String {
        var hash = SHA1.digest(uuidNamespace + Array(name.utf8))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let hex = hash.prefix(16).map { byte -> String in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
