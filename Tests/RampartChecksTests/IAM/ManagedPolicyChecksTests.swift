import RampartFindings
import Testing

@Suite struct ManagedPolicyChecksTests {
    typealias F = IAMFixtures
    static let id = "iam.managed-policy.attached-no-full-admin"

    static func doc(_ statements: String) -> String { #"{"Version": "2012-10-17", "Statement": \#(statements)}"# }

    static let policies = [
        // One statement object, Action and Resource strings.
        F.policy("AdminAll", attachments: 1, document: doc(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)),
        // A statement array; the second statement is full access through lists, named by Sid.
        F.policy("Mixed", attachments: 1, document: doc(#"""
            [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
             {"Sid": "Everything", "Effect": "Allow", "Action": ["ec2:*", "*"], "Resource": ["arn:aws:s3:::b", "*"]}]
            """#)),
        // "*:*" on an ARN pattern that covers every resource.
        F.policy("StarColonStar", attachments: 1, document: doc(#"[{"Effect": "Allow", "Action": "*:*", "Resource": "arn:aws:*:*:*:*"}]"#)),
        // An empty Condition restricts nothing; NotResource listing nothing excludes nothing.
        F.policy("EmptyCondition", attachments: 1, document: doc(#"{"Effect": "Allow", "Action": ["*"], "NotResource": [], "Condition": {}}"#)),
        // Conditioned: left out, as CIS does.
        F.policy("MFAAdmin", attachments: 1, document: doc(
            #"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}"#)),
        // Everything but IAM: not every action.
        F.policy("NotIAM", attachments: 1, document: doc(#"{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}"#)),
        // A Deny of everything is no grant.
        F.policy("DenyAll", attachments: 1, document: doc(#"{"Effect": "Deny", "Action": "*", "Resource": "*"}"#)),
        // Every action on one bucket.
        F.policy("OneBucket", attachments: 1, document: doc(#"{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}"#)),
        // Not attached: judged by the unattached check.
        F.policy("Unattached", attachments: 0, document: doc(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)),
        F.policy("UnattachedScoped", attachments: 0, document: doc(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)),
        // Only a permissions boundary: grants nothing, judged by neither check.
        F.policy("Boundary", attachments: 0, document: doc(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)),
        // AttachmentCount says 0 but a role lists it: attached.
        F.policy("Undercounted", attachments: 0, document: doc(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)),
        // AWS managed: not the customer's.
        F.policy("AdministratorAccess", attachments: 2, document: doc(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#), aws: true),
    ]

    var fixture: Fixture {
        var f = Fixture()
        f.iam("get-account-authorization-details", F.authorizationDetails(
            users: [F.user("alice", groups: ["admins"])],
            groups: [F.group("admins", attached: ["arn:aws:iam::123456789012:policy/AdminAll"])],
            roles: [F.role("ops", attached: ["arn:aws:iam::123456789012:policy/Undercounted"],
                           boundary: "arn:aws:iam::123456789012:policy/Boundary")],
            policies: Self.policies))
        return f
    }

    @Test func attachedPolicyAllowingStarOnStarFails() {
        let finding = fixture.run(Self.id).first { $0.resource.arn.hasSuffix("policy/AdminAll") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "AdminAll allows every action on every resource (statement 1) and is attached.")
        #expect(finding?.resource.type == "AWS::IAM::ManagedPolicy")
    }

    @Test func statementListsAndWildcardFormsAreRecognised() {
        #expect(fixture.status(Self.id, on: "policy/Mixed") == .fail)
        #expect(fixture.run(Self.id).first { $0.resource.arn.hasSuffix("policy/Mixed") }?.message.contains("(Sid Everything)") == true)
        #expect(fixture.status(Self.id, on: "policy/StarColonStar") == .fail)
        #expect(fixture.status(Self.id, on: "policy/Undercounted") == .fail)
        #expect(fixture.status(Self.id, on: "policy/EmptyCondition") == .fail)
    }

    @Test func conditionedNarrowedOrDenyingPoliciesPass() {
        for name in ["MFAAdmin", "NotIAM", "DenyAll", "OneBucket"] {
            #expect(fixture.status(Self.id, on: "policy/\(name)") == .pass, "\(name)")
        }
    }

    @Test func onlyAttachedCustomerManagedPoliciesAreJudged() {
        let judged = fixture.run(Self.id).map(\.resource.name).sorted()
        #expect(judged == ["AdminAll", "DenyAll", "EmptyCondition", "MFAAdmin", "Mixed", "NotIAM", "OneBucket", "StarColonStar", "Undercounted"])
    }

    @Test func unattachedPolicyAllowingStarOnStarFailsTheUnattachedCheck() {
        let unattached = "iam.managed-policy.unattached-no-full-admin"
        let finding = fixture.run(unattached).first { $0.resource.arn.hasSuffix("policy/Unattached") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "Unattached allows every action on every resource (statement 1) and is not attached to anything.")
        #expect(fixture.status(unattached, on: "policy/UnattachedScoped") == .pass)
        #expect(fixture.run(unattached).map(\.resource.name).sorted() == ["Unattached", "UnattachedScoped"])
    }

    @Test func theDefaultVersionIsTheOneJudged() {
        // v1 (not default) is harmless in every fixture policy; the default v2 decides.
        var f = Fixture()
        f.iam("get-account-authorization-details", F.authorizationDetails(
            users: [], roles: [F.role("ops", attached: ["arn:aws:iam::123456789012:policy/Safe"])],
            policies: [F.policy("Safe", attachments: 1, document: Self.doc(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#))]))
        #expect(f.status(Self.id, on: "policy/Safe") == .pass)
    }

    @Test func policyWithoutADefaultDocumentIsUnknown() {
        var f = Fixture()
        let policy = #"""
            {"PolicyName": "Bare", "Arn": "arn:aws:iam::123456789012:policy/Bare", "DefaultVersionId": "v3", "AttachmentCount": 1,
             "PolicyVersionList": []}
            """#
        f.iam("get-account-authorization-details", F.authorizationDetails(users: [], policies: [policy]))
        let finding = f.run(Self.id).first
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("Bare's default version (v3)") == true)
    }

    @Test func unreadableAuthorizationDetailsAreUnknown() {
        var f = Fixture()
        f.iamFails("get-account-authorization-details", code: "Throttling")
        let findings = f.run(Self.id)
        #expect(findings.map(\.status) == [.unknown])
        #expect(findings.first?.message.contains("Throttling") == true)
    }
}
