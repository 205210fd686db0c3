public import RampartInventory
public import RampartJSON
public import struct Foundation.Date

/// `manifest.json`: what a snapshot covers and which calls failed.
public struct Manifest: Sendable {
    public static let format = "rampart-snapshot/1"

    /// One failed call, as listed in `errors`.
    public struct CallError: Sendable, Hashable {
        public var call: AWSCall
        public var code: String
        public var message: String

        public init(call: AWSCall, code: String, message: String) {
            self.call = call
            self.code = code
            self.message = message
        }
    }

    /// The organization an `--org` collection read: `"organization": {"id", "managementAccount"}`.
    public struct OrganizationRef: Sendable, Hashable {
        public var id: String
        public var managementAccount: String

        public init(id: String, managementAccount: String) {
            self.id = id
            self.managementAccount = managementAccount
        }
    }

    public var collectedAt: Date
    public var accounts: [String]
    public var regions: [String]
    public var errors: [CallError]
    public var organization: OrganizationRef?

    public init(collectedAt: Date, accounts: [String], regions: [String], errors: [CallError]) {
        self.collectedAt = collectedAt
        self.accounts = accounts
        self.regions = regions
        self.errors = errors
    }

    /// Reads a manifest; throws naming the JSON path of the first problem.
    public init(json root: JSONNode) throws(JSONShapeError) {
        let format = try root.requiredString("format")
        guard format == Self.format else {
            throw JSONShapeError(path: "$.format", message: "unsupported snapshot format \"\(format)\"; this Rampart reads \"\(Self.format)\"")
        }
        let stamp = try root.required("collectedAt")
        guard let date = Timestamp.parse(try stamp.string()) else {
            throw JSONShapeError(path: stamp.path.description, message: "not an ISO 8601 timestamp")
        }
        collectedAt = date
        accounts = try root.required("accounts").array().map { (node) throws(JSONShapeError) in
            let id = try node.string()
            guard id.count == 12, id.allSatisfy(\.isNumber) else {
                throw JSONShapeError(path: node.path.description, message: "\"\(id)\" is not a 12-digit AWS account id")
            }
            return id
        }
        regions = try root.required("regions").array().map { (node) throws(JSONShapeError) in
            let region = try node.string()
            guard !region.isEmpty, region != "global", region.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
                throw JSONShapeError(path: node.path.description, message: "\"\(region)\" is not a region name")
            }
            return region
        }
        errors = try root.map("errors") { (e) throws(JSONShapeError) in
            CallError(
                call: AWSCall(
                    account: try e.requiredString("account"), region: try e.string("region") ?? "global",
                    service: try e.requiredString("service"), operation: try e.requiredString("operation"),
                    resource: try e.string("resource")),
                code: try e.requiredString("code"), message: try e.string("message") ?? "")
        }
        if let org = try root.optional("organization") {
            organization = OrganizationRef(id: try org.requiredString("id"), managementAccount: try org.requiredString("managementAccount"))
        }
    }

    /// Failures that kept a whole account, or one of its regions, from being read: a role that could
    /// not be assumed, a region the account has not enabled, an account not ACTIVE in the organization.
    /// No check reads these calls, so they are reported here, one problem each.
    public var accessProblems: [SourceProblem] {
        errors.filter { e in
            e.call.service == "sts" || e.code == "RegionNotEnabled" || e.code == "AccountNotActive"
        }.map { e in
            SourceProblem(call: e.call, kind: .failed, message: "\(e.call): \(e.code): \(e.message)")
        }
    }

    /// The manifest as written to `manifest.json`.
    public var json: JSONValue {
        var root: JSONObject = [
            "format": .string(Self.format),
            "collectedAt": .string(Timestamp.format(collectedAt)),
            "accounts": .strings(accounts),
            "regions": .strings(regions),
            "errors": .array(errors.map { e in
                var o: JSONObject = [
                    "account": .string(e.call.account), "region": .string(e.call.region),
                    "service": .string(e.call.service), "operation": .string(e.call.operation),
                ]
                if let resource = e.call.resource { o["resource"] = .string(resource) }
                o["code"] = .string(e.code)
                o["message"] = .string(e.message)
                return .object(o)
            }),
        ]
        if let organization {
            root["organization"] = .object(["id": .string(organization.id), "managementAccount": .string(organization.managementAccount)])
        }
        return .object(root)
    }
}
