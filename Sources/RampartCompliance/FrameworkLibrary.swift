import RampartFindings
import RampartJSON
import RampartResponsibilities

/// Who does the work a requirement asks for: AWS alone (`inherited`, proven by AWS's
/// attestations), AWS and the customer together (`shared`), or the customer alone.
public enum RequirementResponsibility: String, Sendable, CaseIterable {
    case inherited, shared, customer
}

/// Where a framework's requirement-to-check mapping comes from: the framework file itself
/// (`this-file`, Rampart's judgement), or the checks' own `frameworks` metadata
/// (`check-metadata`, for the benchmarks the checks were written against: CIS and FSBP).
public enum ChecksSource: String, Sendable {
    case thisFile = "this-file"
    case checkMetadata = "check-metadata"
}

/// One requirement of a framework: its id, a short title in Rampart's words, who owns it, the
/// checks that decide the customer's part, and what a person must show when no check does.
public struct Requirement: Sendable {
    public var id: String
    public var title: String
    /// The id of the group (chapter, family) it belongs to.
    public var group: String
    public var responsibility: RequirementResponsibility
    /// Check ids whose findings decide the customer's part, in catalogue order.
    public var checks: [String]
    /// What a person must show as evidence; present where no check decides the requirement.
    public var evidence: String?
    /// The AWS attestations (AWS Artifact names) that cover AWS's part of `inherited` and `shared` requirements.
    public var attestations: [String]

    public init(
        id: String, title: String, group: String, responsibility: RequirementResponsibility, checks: [String], evidence: String?,
        attestations: [String]
    ) {
        self.id = id
        self.title = title
        self.group = group
        self.responsibility = responsibility
        self.checks = checks
        self.evidence = evidence
        self.attestations = attestations
    }
}

/// A chapter or family of a framework (`AC`, `CC6`, `5`).
public struct RequirementGroup: Sendable {
    public var id: String
    public var title: String
}

/// Where a framework's ids come from, and the licence under which they are used.
public struct FrameworkSource: Sendable {
    public var title: String
    public var url: String
    public var licence: String
}

/// One compliance framework as Rampart ships it (`Data/frameworks/<id>.json`), with the
/// requirement-to-check mapping already joined.
public struct Framework: Sendable {
    /// One of `FrameworkID.all`: `cis-aws-3.0`, `nist-800-53-r5` ...
    public var id: String
    public var name: String
    public var version: String
    /// The day the data was last reviewed (`YYYY-MM-DD`).
    public var reviewed: String
    /// Which requirements are included and why.
    public var scope: String
    public var checksFrom: ChecksSource
    public var sources: [FrameworkSource]
    public var groups: [RequirementGroup]
    public var requirements: [Requirement]
    /// The data file, for messages.
    public var file: String

    /// The requirement called `id`.
    public func requirement(_ id: String) -> Requirement? { requirements.first { $0.id == id } }
}

/// What a check says about itself: the framework requirements its metadata names. The
/// library joins these into the `check-metadata` frameworks, and checks the data files'
/// own mappings against the set of check ids.
public struct CheckClaim: Sendable {
    public var checkId: String
    /// Framework id to requirement ids, exactly as the check's metadata has them.
    public var frameworks: [String: [String]]

    public init(checkId: String, frameworks: [String: [String]]) {
        self.checkId = checkId
        self.frameworks = frameworks
    }
}

/// The framework data could not be read or does not agree with the checks: the file, where in
/// it, and what to change.
public struct FrameworkDataError: Error, Sendable, CustomStringConvertible, Equatable {
    public let file: String
    public let path: String
    public let message: String

    public var description: String { "\(file): \(path): \(message)" }
}

/// Every framework Rampart can report on, loaded from `Data/frameworks` (embedded at build time
/// by `scripts/embed_data.py`) and joined with the checks' metadata.
public struct FrameworkLibrary: Sendable {
    public var frameworks: [Framework]

    /// The framework ids, in file name order.
    public var ids: [String] { frameworks.map(\.id) }

    /// The framework called `id`.
    public func framework(_ id: String) -> Framework? { frameworks.first { $0.id == id } }

    /// The library Rampart ships with, joined with `claims` (one per check in the catalogue).
    /// Attestation names are those of the responsibility catalogue.
    public static func embedded(claims: [CheckClaim]) throws(FrameworkDataError) -> FrameworkLibrary {
        let attestations: [String]
        do {
            attestations = try ResponsibilityCatalog.embedded().attestations
        } catch {
            throw FrameworkDataError(file: error.file, path: error.path, message: error.message)
        }
        return try FrameworkLibrary(files: embeddedFiles, claims: claims, attestations: attestations)
    }

    static let format = "rampart-framework/1"

    /// Parses and validates framework files and joins `claims` into them. Every check id a file
    /// lists must be one of the claims' (when claims are given); every requirement a claim names
    /// must exist; a customer or shared requirement needs checks or evidence guidance; an
    /// inherited or shared one must cite attestations from `attestations`.
    public init(files: [(file: String, json: String)], claims: [CheckClaim], attestations: [String]) throws(FrameworkDataError) {
        var frameworks: [Framework] = []
        for (file, json) in files {
            let framework = try Self.parse(json, file: file, attestations: Set(attestations))
            if frameworks.contains(where: { $0.id == framework.id }) {
                throw FrameworkDataError(file: file, path: "$.id", message: "framework \"\(framework.id)\" is defined twice")
            }
            frameworks.append(framework)
        }
        let known = Set(claims.map(\.checkId))
        for index in frameworks.indices {
            try Self.join(&frameworks[index], claims: claims, knownChecks: known)
        }
        for claim in claims {
            for id in claim.frameworks.keys.sorted() where !frameworks.contains(where: { $0.id == id }) {
                throw FrameworkDataError(
                    file: "Data/frameworks", path: id,
                    message: "check \(claim.checkId) names framework \"\(id)\", which has no data file; add Data/frameworks/\(id).json")
            }
        }
        self.frameworks = frameworks
    }

    private static func join(_ framework: inout Framework, claims: [CheckClaim], knownChecks: Set<String>) throws(FrameworkDataError) {
        let file = framework.file
        for claim in claims {
            for requirementId in claim.frameworks[framework.id] ?? [] {
                guard let index = framework.requirements.firstIndex(where: { $0.id == requirementId }) else {
                    throw FrameworkDataError(
                        file: file, path: "$.requirements",
                        message: "check \(claim.checkId) names requirement \"\(requirementId)\", which the file does not list; add it or correct the check's frameworks")
                }
                if framework.requirements[index].responsibility == .inherited {
                    throw FrameworkDataError(
                        file: file, path: "$.requirements[\(index)]",
                        message: "check \(claim.checkId) names \(requirementId), which is inherited from AWS; a check can only decide a customer or shared requirement")
                }
                if !framework.requirements[index].checks.contains(claim.checkId) { framework.requirements[index].checks.append(claim.checkId) }
            }
        }
        for (index, requirement) in framework.requirements.enumerated() {
            let path = "$.requirements[\(index)]"
            if !knownChecks.isEmpty, let unknown = requirement.checks.first(where: { !knownChecks.contains($0) }) {
                throw FrameworkDataError(file: file, path: "\(path).checks", message: "\"\(unknown)\" is not a check id (see `rampart checks`)")
            }
            if requirement.responsibility != .inherited && requirement.checks.isEmpty && (requirement.evidence ?? "").isEmpty {
                throw FrameworkDataError(
                    file: file, path: path,
                    message: "\(requirement.id) is \(requirement.responsibility.rawValue) but has neither checks nor evidence guidance (what a person must show)")
            }
        }
    }

    private static func parse(_ text: String, file: String, attestations: Set<String>) throws(FrameworkDataError) -> Framework {
        func fail(_ path: String, _ message: String) -> FrameworkDataError { FrameworkDataError(file: file, path: path, message: message) }
        let root: JSONNode
        do {
            root = JSONNode(try JSONParser.parse(text))
        } catch {
            throw fail("$", "not JSON (\(error.description))")
        }
        do {
            let format = try root.requiredString("format")
            guard format == Self.format else { throw fail("$.format", "is \"\(format)\"; this Rampart reads \"\(Self.format)\"") }
            let id = try root.requiredString("id")
            guard FrameworkID.all.contains(id) else {
                throw fail("$.id", "\"\(id)\" is not a framework id (\(FrameworkID.all.sorted().joined(separator: ", ")))")
            }
            guard file.hasSuffix("/\(id).json") || file == "\(id).json" else { throw fail("$.id", "\"\(id)\" must match the file name (\(id).json)") }
            let fromName = try root.requiredString("checksFrom")
            guard let checksFrom = ChecksSource(rawValue: fromName) else {
                throw fail("$.checksFrom", "\"\(fromName)\" is not this-file or check-metadata")
            }
            let sources = try root.map("sources") { (s) throws(JSONShapeError) in
                FrameworkSource(title: try s.requiredString("title"), url: try s.requiredString("url"), licence: try s.requiredString("licence"))
            }
            guard !sources.isEmpty else { throw fail("$.sources", "name at least one source with its licence") }
            let groups = try root.map("groups") { (g) throws(JSONShapeError) in
                RequirementGroup(id: try g.requiredString("id"), title: try g.requiredString("title"))
            }
            let groupIds = Set(groups.map(\.id))
            var requirements: [Requirement] = []
            var seen: Set<String> = []
            for node in try root.array("requirements") {
                let at = node.path.description
                let rid = try node.requiredString("id")
                guard seen.insert(rid).inserted else { throw fail(at, "duplicate requirement id \"\(rid)\"") }
                let group = try node.requiredString("group")
                guard groupIds.contains(group) else { throw fail("\(at).group", "\"\(group)\" is not one of the file's groups") }
                let ownerName = try node.requiredString("responsibility")
                guard let owner = RequirementResponsibility(rawValue: ownerName) else {
                    throw fail("\(at).responsibility", "\"\(ownerName)\" is not inherited, shared or customer")
                }
                let title = try node.requiredString("title")
                guard !title.isEmpty else { throw fail("\(at).title", "must not be empty") }
                let listedChecks = try node.optional("checks")
                if checksFrom == .checkMetadata && listedChecks != nil {
                    throw fail("\(at).checks", "this framework takes its checks from the checks' metadata; name the requirement in the check's frameworks instead")
                }
                let requirement = Requirement(
                    id: rid, title: title, group: group, responsibility: owner, checks: try node.strings("checks"),
                    evidence: try node.string("evidence"), attestations: try node.strings("attestations"))
                if owner != .customer && requirement.attestations.isEmpty {
                    throw fail(at, "an \(owner.rawValue) requirement must cite the AWS attestations that cover AWS's part")
                }
                if owner == .customer && !requirement.attestations.isEmpty {
                    throw fail("\(at).attestations", "a customer requirement is the customer's alone; make it shared to cite AWS's attestations")
                }
                if let name = requirement.attestations.first(where: { !attestations.contains($0) }) {
                    throw fail("\(at).attestations", "\"\(name)\" is not one of the attestations of Data/responsibilities.json (\(attestations.sorted().joined(separator: ", ")))")
                }
                if owner == .inherited && !requirement.checks.isEmpty {
                    throw fail("\(at).checks", "an inherited requirement is AWS's; map checks to a customer or shared one")
                }
                requirements.append(requirement)
            }
            guard !requirements.isEmpty else { throw fail("$.requirements", "a framework needs at least one requirement") }
            return Framework(
                id: id, name: try root.requiredString("name"), version: try root.requiredString("version"),
                reviewed: try root.requiredString("reviewed"), scope: try root.requiredString("scope"), checksFrom: checksFrom,
                sources: sources, groups: groups, requirements: requirements, file: file)
        } catch let error as FrameworkDataError {
            throw error
        } catch let error as JSONShapeError {
            throw fail(error.path, error.message)
        } catch {
            throw fail("$", "\(error)")
        }
    }
}
