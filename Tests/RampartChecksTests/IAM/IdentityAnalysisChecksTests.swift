import RampartFindings
import Testing

/// The checks decided by the IAM engine: administrator power, escalation paths, segregation of
/// duties and role trust, each with PASS, FAIL and UNKNOWN.
@Suite struct IdentityAnalysisChecksTests {
    typealias F = IAMFixtures
    static let account = "123456789012"
    static let admin = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#

    static func user(_ name: String, attached: [String] = [], inline: [String] = []) -> String {
        let attachedJSON = attached.map { #"{"PolicyName": "\#($0.split(separator: "/").last ?? "")", "PolicyArn": "\#($0)"}"# }
        let inlineJSON = inline.enumerated().map { #"{"PolicyName": "p\#($0.offset)", "PolicyDocument": \#($0.element)}"# }
        return #"""
            {"Path": "/", "UserName": "\#(name)", "Arn": "arn:aws:iam::\#(account):user/\#(name)", "GroupList": [],
             "AttachedManagedPolicies": [\#(attachedJSON.joined(separator: ", "))], "UserPolicyList": [\#(inlineJSON.joined(separator: ", "))], "Tags": []}
            """#
    }

    static func role(_ name: String, trust: String) -> String {
        #"""
        {"Path": "/", "RoleName": "\#(name)", "Arn": "arn:aws:iam::\#(account):role/\#(name)", "AssumeRolePolicyDocument": \#(trust),
         "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []}
        """#
    }

    static func trust(_ principal: String, condition: String? = nil) -> String {
        #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": \#(principal), "Action": "sts:AssumeRole"\#(condition.map { #", "Condition": \#($0)"# } ?? "")}]}"#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.iam("get-account-authorization-details", F.authorizationDetails(
            users: [
                Self.user("boss", attached: ["arn:aws:iam::aws:policy/AdministratorAccess"]),
                Self.user("mallory", inline: [#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::\#(Self.account):user/boss"}]}"#]),
                Self.user("reader", inline: [#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:Get*"], "Resource": "*"}]}"#]),
                Self.user("proxy", inline: [#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::\#(Self.account):user/broken"}]}"#]),
                Self.user("broken", inline: [#"{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "*", "Resource": "*"}]}"#]),
            ],
            roles: [
                Self.role("public", trust: Self.trust(#""*""#)),
                Self.role("org-wide", trust: Self.trust(#"{"AWS": "*"}"#, condition: #"{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}"#)),
                Self.role("vendor", trust: Self.trust(#"{"AWS": "arn:aws:iam::444455556666:root"}"#)),
                Self.role("partner", trust: Self.trust(#"{"AWS": "arn:aws:iam::444455556666:role/deployer"}"#, condition: #"{"StringEquals": {"sts:ExternalId": "k"}}"#)),
                Self.role("app", trust: Self.trust(#"{"Service": "lambda.amazonaws.com"}"#)),
            ],
            policies: [F.policy("AdministratorAccess", attachments: 1, document: Self.admin, aws: true)]))
        return f
    }

    @Test func usersWithAdministratorPowerFail() {
        let f = fixture
        #expect(f.status("iam.user.no-administrator-power", on: "user/boss") == .fail)
        #expect(f.status("iam.user.no-administrator-power", on: "user/reader") == .pass)
        let boss = f.run("iam.user.no-administrator-power").first { $0.resource.arn.hasSuffix("user/boss") }
        #expect(boss?.message == "User boss holds administrator power, granted by arn:aws:iam::aws:policy/AdministratorAccess#0.")
    }

    @Test func escalationPathsFailWithTheirSteps() {
        let f = fixture
        #expect(f.status("iam.principal.no-privilege-escalation", on: "user/mallory") == .fail)
        #expect(f.status("iam.principal.no-privilege-escalation", on: "user/reader") == .pass)
        let mallory = f.run("iam.principal.no-privilege-escalation").first { $0.resource.arn.hasSuffix("user/mallory") }
        #expect(mallory?.message == "arn:aws:iam::123456789012:user/mallory can become an administrator: 1. arn:aws:iam::123456789012:user/mallory → arn:aws:iam::123456789012:user/boss by iam:CreateAccessKey.")
    }

    @Test func conflictingDutiesFail() {
        let f = fixture
        #expect(f.status("iam.principal.segregation-of-duties", on: "user/boss") == .fail)
        #expect(f.status("iam.principal.segregation-of-duties", on: "user/reader") == .pass)
    }

    @Test func roleTrustsAreJudged() {
        let f = fixture
        #expect(f.status("iam.role.trust-not-public", on: "role/public") == .fail)
        #expect(f.status("iam.role.trust-not-public", on: "role/org-wide") == .pass)
        #expect(f.status("iam.role.cross-account-trust-conditions", on: "role/vendor") == .fail)
        #expect(f.status("iam.role.cross-account-trust-conditions", on: "role/partner") == .pass)
        #expect(f.status("iam.role.cross-account-trust-conditions", on: "role/app") == .pass)
        #expect(f.status("iam.role.cross-account-trust-names-principals", on: "role/vendor") == .fail)
        #expect(f.status("iam.role.cross-account-trust-names-principals", on: "role/partner") == .pass)
    }

    /// No false PASS: a principal whose own policy cannot be read, or an account without authorization details, is UNKNOWN.
    @Test func unreadableEvidenceIsUnknown() {
        let f = fixture
        for id in ["iam.user.no-administrator-power", "iam.principal.no-privilege-escalation", "iam.principal.segregation-of-duties"] {
            #expect(f.status(id, on: "user/broken") == .unknown, "\(id)")
        }
        // A principal that can become one whose policies are unreadable: its paths through it are unknown.
        for id in ["iam.principal.no-privilege-escalation", "iam.principal.segregation-of-duties"] {
            #expect(f.status(id, on: "user/proxy") == .unknown, "\(id)")
            let proxy = f.run(id).first { $0.resource.arn.hasSuffix("user/proxy") }
            #expect(proxy?.message.contains("can become arn:aws:iam::123456789012:user/broken, whose policies could not be read") == true)
        }
        #expect(f.status("iam.user.no-administrator-power", on: "user/proxy") == .pass)
        var missing = Fixture()
        missing.iamFails("get-account-authorization-details")
        for id in ["iam.user.no-administrator-power", "iam.principal.no-privilege-escalation", "iam.principal.segregation-of-duties",
            "iam.role.trust-not-public"]
        {
            #expect(missing.run(id).map(\.status) == [.unknown], "\(id)")
        }
    }
}
