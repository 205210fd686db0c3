public import RampartJSON

/// The Security Hub hub of one region: present when the account has enabled Security Hub there.
public struct SecurityHubHub: Sendable, Hashable {
    public var arn: String
    /// When Security Hub was enabled, as the AWS CLI prints it.
    public var subscribedAt: String?
    /// Whether new controls of enabled standards are turned on automatically.
    public var autoEnableControls: Bool?
}

/// Security Hub in one region (`describe-hub`; `InvalidAccessException` answers "not enabled").
public struct SecurityHubInventory: Sendable {
    /// nil when Security Hub is not enabled in the region.
    public var hub: Known<SecurityHubHub?>
}

extension SecurityHubInventory {
    static func load(_ loader: inout Loader, _ scope: Scope) -> SecurityHubInventory {
        let call = AWSCall(account: scope.account, region: scope.region, service: "securityhub", operation: "describe-hub")
        let hub = loader.loadOptional(call) { (root) throws(JSONShapeError) in
            SecurityHubHub(
                arn: try root.requiredString("HubArn"), subscribedAt: try root.string("SubscribedAt"),
                autoEnableControls: try root.bool("AutoEnableControls"))
        }
        return SecurityHubInventory(hub: hub.map { $0 })
    }
}
