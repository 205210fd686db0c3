import Foundation
import RampartFindings
import Testing

/// Two roles for the execution-role checks of the compute services: `admin-role` holds
/// AdministratorAccess, `app-role` only reads one bucket.
enum ComputeRoleFixtures {
    static let adminRole = "arn:aws:iam::\(Fixture.account):role/admin-role"
    static let appRole = "arn:aws:iam::\(Fixture.account):role/app-role"

    static var authorizationDetails: String {
        IAMFixtures.authorizationDetails(
            users: [],
            roles: [IAMFixtures.role("admin-role", attached: ["arn:aws:iam::aws:policy/AdministratorAccess"]),
                    IAMFixtures.role("app-role", attached: ["arn:aws:iam::\(Fixture.account):policy/read-reports"])],
            policies: [
                IAMFixtures.policy("AdministratorAccess", attachments: 1,
                                   document: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#, aws: true),
                IAMFixtures.policy("read-reports", attachments: 1,
                                   document: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}"#),
            ])
    }
}

extension Fixture {
    /// The account's roles for execution-role checks.
    mutating func computeRoles() { iam("get-account-authorization-details", ComputeRoleFixtures.authorizationDetails) }
}
