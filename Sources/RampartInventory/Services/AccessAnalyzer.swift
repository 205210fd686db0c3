public import RampartJSON

/// An IAM Access Analyzer analyzer (`accessanalyzer list-analyzers`): which resources outside
/// the zone of trust (account or organization) can reach, or which access goes unused.
public struct AccessAnalyzer: Sendable, Hashable {
    public var arn: String
    public var name: String
    /// `ACCOUNT` or `ORGANIZATION` for external access; `ACCOUNT_UNUSED_ACCESS`,
    /// `ORGANIZATION_UNUSED_ACCESS` and the internal-access types for the other analyses.
    public var type: String
    /// `ACTIVE`, `CREATING`, `DISABLED` or `FAILED`.
    public var status: String

    /// An external access analyzer that is running: what CIS asks for in every region.
    public var isActiveExternalAccess: Bool { ["ACCOUNT", "ORGANIZATION"].contains(type) && status == "ACTIVE" }
}

/// IAM Access Analyzer in one region.
public struct AccessAnalyzerInventory: Sendable {
    public var analyzers: Known<[AccessAnalyzer]>
}

extension AccessAnalyzerInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> AccessAnalyzerInventory {
        let call = AWSCall(account: scope.account, region: scope.region, service: "accessanalyzer", operation: "list-analyzers")
        let analyzers = loader.load(call) { (root) throws(JSONShapeError) in
            try root.required("analyzers").array().map { (a) throws(JSONShapeError) in
                AccessAnalyzer(
                    arn: try a.requiredString("arn"), name: try a.string("name") ?? "", type: try a.requiredString("type"),
                    status: try a.requiredString("status"))
            }
        }
        return AccessAnalyzerInventory(analyzers: analyzers)
    }
}
