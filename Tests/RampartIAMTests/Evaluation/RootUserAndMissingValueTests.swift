import RampartIAM
import Testing

/// The root user of an account, and policy variables with no value in the request (issue 19,
/// item 4). Each test names the AWS page it encodes.
@Suite struct RootUserAndMissingValueTests {
    typealias F = Fixture
    static let root = RequestPrincipal(arn: "arn:aws:iam::111122223333:root")
    static let otherRoot = RequestPrincipal(arn: "arn:aws:iam::444455556666:root")
    let allowAll = Fixture.doc(#"{"Effect":"Allow","Action":"*","Resource":"*"}"#)

    // MARK: IAM User Guide, "AWS account root user": complete access to the account's resources

    @Test func theRootUserNeedsNoIdentityPolicyInItsOwnAccount() {
        #expect(RequestPrincipal(arn: "arn:aws:iam::111122223333:root").kind == .root)
        #expect(F.decide(F.request(Self.root)) == .allowed)
        #expect(F.decide(F.request(Self.root, action: "ec2:TerminateInstances", resource: "*")) == .allowed)
    }

    @Test func anExplicitDenyInAResourcePolicyStillStopsTheRootUser() {
        let bucket = F.doc(#"{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(Self.root), resource: bucket) == .explicitDeny)
    }

    /// "Service control policies (SCPs)": SCPs restrict the root user of member accounts, not the
    /// management account.
    @Test func scpsLimitTheRootUserOfAMemberAccountButNotOfTheManagementAccount() {
        let onlyEC2 = F.doc(F.allow("ec2:*"))
        #expect(F.decide(F.request(Self.root), scps: [[onlyEC2]]) == .implicitDeny)
        #expect(F.decide(F.request(Self.root), scps: [[allowAll, F.doc(F.deny("s3:*"))]]) == .explicitDeny)
        #expect(F.decide(F.request(Self.root), scps: [[onlyEC2]], managementAccount: true) == .allowed)
    }

    /// KMS Developer Guide, "Default key policy": a key policy that does not allow the account
    /// keeps even its root user out.
    @Test func theRootUserNeedsTheKeyPolicyForAKMSKey() {
        let other = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"kms:*","Resource":"*"}"#)
        let account = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}"#)
        let decrypt = F.request(Self.root, action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/k")
        #expect(F.decide(decrypt, resource: other, kind: .kmsKey) == .implicitDeny)
        #expect(F.decide(decrypt, resource: account, kind: .kmsKey) == .allowed)
    }

    /// STS API Reference, AssumeRole: "You cannot call AssumeRole by using AWS account root user
    /// credentials; access is denied."
    @Test func theRootUserCannotAssumeARole() {
        let trust = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}"#)
        let assume = F.request(Self.root, action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Admin")
        #expect(F.decide(assume, resource: trust, kind: .roleTrust) == .implicitDeny)
    }

    /// "Cross-account policy evaluation logic": another account's root user holds its own side,
    /// so the resource policy decides.
    @Test func anotherAccountsRootUserGetsInWhenTheResourcePolicyNamesItsAccount() {
        let naming = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"*"}"#)
        let notNaming = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"555566667777"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(Self.otherRoot, resourceAccount: F.account), resource: naming) == .allowed)
        #expect(F.decide(F.request(Self.otherRoot, resourceAccount: F.account), resource: notNaming) == .implicitDeny)
        #expect(F.decide(F.request(Self.otherRoot, resourceAccount: F.account)) == .implicitDeny)
    }

    // MARK: IAM User Guide, "IAM policy elements: Variables and tags" — "Policy variables with no value"

    /// A negated matching operator matches a variable with no value; a positive one does not.
    @Test(arguments: [
        ("StringNotEquals", true), ("StringNotEqualsIgnoreCase", true), ("StringNotLike", true),
        ("StringEquals", false), ("StringEqualsIgnoreCase", false), ("StringLike", false),
    ])
    func aVariableWithNoValueMatchesOnlyTheNegatedOperators(op: String, matches: Bool) {
        let policy = F.doc(F.allow(condition: #"{"\#(op)":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}"#))
        let untaggedCaller = F.request(context: ["aws:ResourceTag/team": "blue"])
        #expect(F.decide(untaggedCaller, identity: [policy]) == (matches ? .allowed : .implicitDeny))
    }

    @Test(arguments: [("ArnNotEquals", true), ("ArnNotLike", true), ("ArnEquals", false), ("ArnLike", false)])
    func anARNVariableWithNoValueMatchesOnlyTheNegatedOperators(op: String, matches: Bool) {
        let policy = F.doc(F.allow(condition: #"{"\#(op)":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:${aws:PrincipalTag/topic}"}}"#))
        let request = F.request(context: ["aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:alerts"])
        #expect(F.decide(request, identity: [policy]) == (matches ? .allowed : .implicitDeny))
    }

    /// The guard most policies write: deny unless the resource's tag equals the caller's. A
    /// caller without the tag is denied, never let through.
    @Test func aDenyUnlessTagsMatchStopsACallerWithoutTheTag() {
        let policy = F.doc(F.allow() + "," + F.deny(condition: #"{"StringNotEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}"#))
        #expect(F.decide(F.request(context: ["aws:ResourceTag/team": "blue"]), identity: [policy]) == .explicitDeny)
        #expect(F.decide(F.request(context: ["aws:ResourceTag/team": "blue", "aws:PrincipalTag/team": "blue"]), identity: [policy]) == .allowed)
        #expect(F.decide(F.request(context: ["aws:ResourceTag/team": "blue", "aws:PrincipalTag/team": "red"]), identity: [policy]) == .explicitDeny)
    }

    /// "A request context key with no value will not match" in `Resource`.
    @Test func aVariableWithNoValueInResourceMatchesNothing() {
        let policy = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*"))
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket//f"), identity: [policy]) == .implicitDeny)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/f"), identity: [policy]) == .implicitDeny)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/blue/f", context: ["aws:PrincipalTag/team": "blue"]), identity: [policy]) == .allowed)
    }
}
