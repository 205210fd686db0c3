public import RampartFindings
import RampartJSON

/// The reviewed service catalogue of the shared responsibility model (`Data/responsibilities.json`,
/// embedded at build time): which kind of service each service Rampart reads is, and for each
/// who owns which security job, which checks verify the customer's part, and which
/// attestations cover AWS's part.
public struct ResponsibilityCatalog: Sendable {
    /// Increases whenever the catalogue's content changes.
    public var version: Int
    /// The day the catalogue was last reviewed against AWS's pages (`YYYY-MM-DD`).
    public var reviewed: String
    /// The attestation names AWS Artifact uses, in catalogue order.
    public var attestations: [String]
    public var classes: [ServiceClass]
    public var services: [ServiceEntry]

    /// The catalogue Rampart ships with.
    public static func embedded() throws(ResponsibilityCatalogError) -> ResponsibilityCatalog {
        try ResponsibilityCatalog(json: embeddedJSON, file: "Data/responsibilities.json")
    }

    /// The class called `name` (`infrastructure`, `container`, `abstracted`).
    public func serviceClass(_ name: String) -> ServiceClass? { classes.first { $0.name == name } }

    /// Every check id the catalogue maps, with the responsibility ids that list it.
    public var mappedChecks: [String: [String]] {
        var out: [String: [String]] = [:]
        for service in services {
            for r in service.responsibilities {
                for check in r.checks { out[check, default: []].append("\(service.service)/\(r.id)") }
            }
        }
        return out
    }

    /// A service's rows in the order the matrix shows them: its own, then those of its class.
    public func responsibilities(of service: ServiceEntry) -> [ResponsibilityEntry] {
        service.responsibilities + (serviceClass(service.serviceClass)?.responsibilities ?? [])
    }
}

/// One of AWS's kinds of service ("infrastructure services", "container services", "abstracted
/// services"), with the rows every service of that kind shares (chiefly AWS's inherited ones).
public struct ServiceClass: Sendable {
    /// `infrastructure`, `container` or `abstracted`.
    public var name: String
    /// How AWS's own pages name the kind of service.
    public var awsWording: String
    /// Rampart's two-valued model, as findings carry it: `infrastructure` or `managed`.
    public var serviceModel: ServiceModel
    public var summary: String
    public var responsibilities: [ResponsibilityEntry]
}

/// One service Rampart reads (`ec2`, `s3`, `iam` ...) and its own responsibilities.
public struct ServiceEntry: Sendable {
    /// The short name used in the matrix (the AWS CLI's, except `vpc` and `ebs`, which split `ec2`).
    public var service: String
    public var name: String
    /// The class name (`infrastructure`, `container`, `abstracted`).
    public var serviceClass: String
    /// Why the class differs from what one of AWS's pages says, where it does.
    public var note: String?
    /// IAM and CloudTrail concern the whole account: always part of the matrix.
    public var alwaysInUse: Bool
    /// CloudFormation types whose presence in the inventory means the service is in use.
    public var resourceTypes: [String]
    /// The listing calls (`rds describe-db-instances`); when one could not be read, the service
    /// may be in use, so it is shown rather than hidden.
    public var listedBy: [String]
    public var responsibilities: [ResponsibilityEntry]
}

/// One security job: who owns it, the checks that verify the customer's part, what a person
/// should gather when no check does, and the attestations that cover AWS's part.
public struct ResponsibilityEntry: Sendable {
    public var id: String
    public var title: String
    public var owner: Owner
    public var checks: [String]
    /// What a person should gather as evidence; required where no check verifies the job.
    public var evidence: String?
    /// AWS Artifact report names; required for `aws` and `shared` jobs.
    public var attestations: [String]
    /// The checks verify only part of the job (`"partial": true`): they can fail it, but when
    /// they all pass the row stays MANUAL, and `evidence` says what a person must bring for the rest.
    public var partial: Bool = false
}

/// The catalogue could not be read: the file, the JSON path and what to change.
public struct ResponsibilityCatalogError: Error, Sendable, CustomStringConvertible, Equatable {
    public let file: String
    public let path: String
    public let message: String

    public var description: String { "\(file): \(path): \(message)" }
}

extension ResponsibilityCatalog {
    static let format = "rampart-responsibilities/1"
    static let classNames = ["infrastructure", "container", "abstracted"]

    /// Parses and validates a catalogue; `file` names it in errors.
    public init(json text: String, file: String) throws(ResponsibilityCatalogError) {
        func fail(_ path: String, _ message: String) -> ResponsibilityCatalogError {
            ResponsibilityCatalogError(file: file, path: path, message: message)
        }
        let root: JSONNode
        do {
            root = JSONNode(try JSONParser.parse(text))
        } catch {
            throw fail("$", "not JSON (\(error.description))")
        }
        do {
            let format = try root.requiredString("format")
            guard format == Self.format else {
                throw fail("$.format", "is \"\(format)\"; this Rampart reads \"\(Self.format)\"")
            }
            version = try root.required("version").int()
            guard version > 0 else { throw fail("$.version", "must be a positive integer") }
            reviewed = try root.requiredString("reviewed")
            let attestationNames = try root.map("attestations") { (a) throws(JSONShapeError) in try a.requiredString("name") }
            attestations = attestationNames
            let allowed = Set(attestationNames)

            func entries(_ node: JSONNode) throws -> [ResponsibilityEntry] {
                var out: [ResponsibilityEntry] = []
                var seen: Set<String> = []
                for row in try node.array("responsibilities") {
                    let id = try row.requiredString("id")
                    let where_ = row.path.description
                    guard seen.insert(id).inserted else { throw fail(where_, "duplicate responsibility id \"\(id)\"") }
                    let ownerName = try row.requiredString("owner")
                    guard let owner = Owner(rawValue: ownerName) else {
                        throw fail("\(where_).owner", "\"\(ownerName)\" is not customer, aws or shared")
                    }
                    let entry = ResponsibilityEntry(
                        id: id, title: try row.requiredString("title"), owner: owner, checks: try row.strings("checks"),
                        evidence: try row.string("evidence"), attestations: try row.strings("attestations"),
                        partial: try row.bool("partial") ?? false)
                    for name in entry.attestations where !allowed.contains(name) {
                        throw fail("\(where_).attestations", "\"\(name)\" is not one of the catalogue's attestations (\(attestationNames.joined(separator: ", ")))")
                    }
                    if owner != .customer && entry.attestations.isEmpty {
                        throw fail(where_, "an \(owner.rawValue) responsibility must cite the attestations that cover AWS's part")
                    }
                    if owner == .aws && !entry.checks.isEmpty {
                        throw fail("\(where_).checks", "an aws responsibility is inherited; map checks to the customer's or a shared one")
                    }
                    if owner != .aws && entry.checks.isEmpty && (entry.evidence ?? "").isEmpty {
                        throw fail(where_, "a \(owner.rawValue) responsibility needs checks or evidence guidance (what a person should gather)")
                    }
                    if entry.partial && (entry.checks.isEmpty || (entry.evidence ?? "").isEmpty) {
                        throw fail(where_, "a partial responsibility needs the checks that verify its part and evidence guidance for the rest")
                    }
                    out.append(entry)
                }
                return out
            }

            var classes: [ServiceClass] = []
            for node in try root.array("classes") {
                let name = try node.requiredString("class")
                guard Self.classNames.contains(name) else {
                    throw fail("\(node.path).class", "\"\(name)\" is not one of \(Self.classNames.joined(separator: ", "))")
                }
                let modelName = try node.requiredString("serviceModel")
                guard let model = ServiceModel(rawValue: modelName) else {
                    throw fail("\(node.path).serviceModel", "\"\(modelName)\" is not infrastructure or managed")
                }
                classes.append(ServiceClass(
                    name: name, awsWording: try node.requiredString("awsWording"), serviceModel: model,
                    summary: try node.requiredString("summary"), responsibilities: try entries(node)))
            }
            self.classes = classes

            var services: [ServiceEntry] = []
            var names: Set<String> = []
            for node in try root.array("services") {
                let name = try node.requiredString("service")
                guard names.insert(name).inserted else { throw fail("\(node.path).service", "duplicate service \"\(name)\"") }
                let className = try node.requiredString("class")
                guard let serviceClass = classes.first(where: { $0.name == className }) else {
                    throw fail("\(node.path).class", "\"\(className)\" is not a class of the catalogue")
                }
                let own = try entries(node)
                let inherited = Set(serviceClass.responsibilities.map(\.id))
                if let clash = own.first(where: { inherited.contains($0.id) }) {
                    throw fail("\(node.path)", "responsibility \"\(clash.id)\" is already one of class \(className)'s")
                }
                services.append(ServiceEntry(
                    service: name, name: try node.requiredString("name"), serviceClass: className, note: try node.string("note"),
                    alwaysInUse: try node.bool("alwaysInUse") ?? false, resourceTypes: try node.strings("resourceTypes"),
                    listedBy: try node.strings("listedBy"), responsibilities: own))
            }
            self.services = services
        } catch let error as ResponsibilityCatalogError {
            throw error
        } catch let error as JSONShapeError {
            throw fail(error.path, error.message)
        } catch {
            throw fail("$", "\(error)")
        }
    }
}
