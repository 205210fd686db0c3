/// Every check Rampart runs, in the order findings are reported. A service's checks are
/// listed in that service's file; add a check there and it is part of every scan.
public enum CheckCatalog {
    public static let all: [Check] =
        SecurityGroupChecks.all + RootUserChecks.all + IAMUserChecks.all + AccountIAMChecks.all + ManagedPolicyChecks.all

    /// The check with this id, if any.
    public static func check(id: String) -> Check? { all.first { $0.metadata.id == id } }
}
