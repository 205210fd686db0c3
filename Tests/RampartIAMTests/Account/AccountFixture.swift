import Foundation
import RampartIAM
import RampartInventory
import RampartJSON

/// The test account of `Fixtures/authorization-details.json` (the shape `aws iam
/// get-account-authorization-details` prints): alice (admins group: AdministratorAccess and a
/// deny on trail tampering), bob (developers group, DevBoundary boundary), carol (S3ReadLogs at
/// its default version v2, conditional inline policies, tag team=data), dave (a broken inline
/// policy and a group missing from the file), roles app-web and ops-admin.
enum AccountFixture {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/authorization-details.json").path

    static let account: IAMAccount = {
        let data = FileManager.default.contents(atPath: path)!
        let value = try! JSONParser.parse([UInt8](data))
        return IAMAccount(try! AuthorizationDetails(awsCLIOutput: value), accountId: "111122223333")
    }()

    static let permissions = EffectivePermissions(account: account)

    static func principal(_ name: String) -> IAMPrincipal {
        account.principals.first { $0.name == name }!
    }

    static func access(_ name: String, _ action: String) -> ActionAccess {
        permissions.access(of: principal(name)).access(toActionAt: ActionCatalog.shared.index(of: action)!)
    }
}
