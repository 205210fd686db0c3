@testable import RampartIAM
import Testing

/// Escalation steps judged with everything that applies to the step itself (issue 19, item 4):
/// IAM User Guide, "Policy evaluation logic" (an explicit deny wins, at every step),
/// "Permissions boundaries for IAM entities" (a boundary caps what a principal can grant
/// itself), and IAM API Reference, SetDefaultPolicyVersion (it only puts an existing version in
/// force).
@Suite struct EscalationStepTests {
    typealias F = IdentityFixture
    static let adminPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"

    static func findings(_ f: IdentityFixture) throws -> [EscalationFinding] { try f.graph().findings() }

    /// Rewriting a role's trust is only half the step: an explicit deny of sts:AssumeRole on
    /// that role stops the second half.
    @Test func anExplicitDenyOnTheSecondStepClosesThePath() throws {
        for denied in [false, true] {
            var f = F()
            var statements = [#"{"Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"\#(F.arn("role", "admin"))"}"#]
            if denied { statements.append(#"{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}"#) }
            f.user("mallory", inline: [F.inline("p", F.document(statements))])
            f.role("admin", trust: F.trust(service: "ec2.amazonaws.com"), attached: [Self.adminPolicy])
            let mallory = try Self.findings(f).first { $0.principal.name == "mallory" }
            if denied {
                #expect(mallory == nil, "path: \(mallory?.path.map(\.method.id) ?? [])")
            } else {
                #expect(mallory?.path.map(\.method.id) == ["iam:UpdateAssumeRolePolicy"])
            }
        }
    }

    /// A boundary that does not allow sts:AssumeRole stops the second half as well.
    @Test func aBoundaryWithoutAssumeRoleClosesTheTrustRewrite() throws {
        var f = F()
        let rewrite = #"{"Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"*"}"#
        f.policy("ceiling", versions: [F.document([rewrite])])
        f.user("mallory", inline: [F.inline("p", F.document([rewrite]))], boundary: F.arn("policy", "ceiling"))
        f.role("admin", trust: F.trust(service: "ec2.amazonaws.com"), attached: [Self.adminPolicy])
        #expect(try Self.findings(f).first { $0.principal.name == "mallory" } == nil)
    }

    /// A principal that may attach any policy to itself, under a boundary that allows only that
    /// and S3, gains no more than the boundary: no path to admin.
    @Test func aBoundaryCapsWhatAPrincipalCanGrantItself() throws {
        for bounded in [false, true] {
            var f = F()
            let attach = #"{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"\#(F.arn("user", "mallory"))"}"#
            f.policy("ceiling", versions: [F.document([attach, #"{"Effect":"Allow","Action":"s3:*","Resource":"*"}"#])])
            f.user("mallory", inline: [F.inline("p", F.document([attach]))], boundary: bounded ? F.arn("policy", "ceiling") : nil)
            let mallory = try Self.findings(f).first { $0.principal.name == "mallory" }
            #expect((mallory != nil) == !bounded, bounded ? "the boundary caps the self-grant" : "no boundary: a path")
        }
    }

    /// SetDefaultPolicyVersion needs a version in the snapshot that grants more than the default.
    @Test func setDefaultPolicyVersionNeedsAVersionThatGrantsMore() throws {
        let small = F.document([#"{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}"#])
        let smaller = F.document([#"{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}"#])
        for (versions, reaches) in [([small, smaller], false), ([small, small], false), ([small, F.admin], true)] {
            var f = F()
            f.policy("mallory-policy", versions: versions)
            f.user("mallory", inline: [F.inline("p", F.document([
                #"{"Effect":"Allow","Action":"iam:SetDefaultPolicyVersion","Resource":"\#(F.arn("policy", "mallory-policy"))"}"#,
            ]))], attached: [F.arn("policy", "mallory-policy")])
            let mallory = try Self.findings(f).first { $0.principal.name == "mallory" }
            #expect((mallory?.path.contains { $0.method.id == "iam:SetDefaultPolicyVersion" } ?? false) == reaches)
        }
    }

    @Test func aVersionGrantsMoreOnlyWithActionsOrReachTheDefaultLacks() throws {
        let permissions = EffectivePermissions(account: try F().build())
        func doc(_ s: String) throws -> PolicyDocument { try PolicyDocument(text: F.document([s])) }
        let list = try doc(#"{"Effect":"Allow","Action":"s3:List*","Resource":"*"}"#)
        let listOne = try doc(#"{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::a"}"#)
        let getAll = try doc(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#)
        #expect(!permissions.versionGrantsMore(listOne, than: list))
        #expect(permissions.versionGrantsMore(list, than: listOne))
        #expect(permissions.versionGrantsMore(getAll, than: list))
    }
}
