import RampartIAM
import Testing

/// Policy evaluation logic, element by element and policy type by policy type. Each test names
/// the IAM User Guide section it encodes.
@Suite struct EvaluationLogicTests {
    typealias F = Fixture
    let allowAll = Fixture.doc(#"{"Effect":"Allow","Action":"*","Resource":"*"}"#)

    // MARK: Within an account — "Determining whether a request is allowed or denied within an account"

    @Test func noPolicyMeansImplicitDeny() {
        #expect(F.decide(F.request()) == .implicitDeny)
    }

    @Test func identityAllowAllows() {
        let r = F.evaluate(F.request(), identity: [F.doc(F.allow())])
        #expect(r.decision == .allowed)
        #expect(r.matchedStatements.map(\.policyName) == ["identity0"])
    }

    @Test func explicitDenyInAnyIdentityPolicyWins() {
        let r = F.evaluate(F.request(), identity: [allowAll, F.doc(F.deny())])
        #expect(r.decision == .explicitDeny)
        #expect(r.matchedStatements.map(\.effect) == [.deny])
    }

    @Test func explicitDenyInResourcePolicyWinsOverIdentityAllow() {
        let bucket = F.doc(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bucket/*"}"#)
        #expect(F.decide(F.request(), identity: [allowAll], resource: bucket) == .explicitDeny)
    }

    @Test func explicitDenyInBoundaryWins() {
        #expect(F.decide(F.request(), identity: [allowAll], boundary: F.doc(F.allow("*") + "," + F.deny())) == .explicitDeny)
    }

    // MARK: Action — "IAM JSON policy elements: Action"

    @Test func actionMatchingIsCaseInsensitive() {
        #expect(F.decide(F.request(action: "S3:getobject"), identity: [F.doc(F.allow("s3:GetObject"))]) == .allowed)
    }

    @Test func actionWildcardsMatchPrefixesAndSingleCharacters() {
        #expect(F.decide(F.request(action: "s3:GetObjectAcl"), identity: [F.doc(F.allow("s3:Get*"))]) == .allowed)
        #expect(F.decide(F.request(action: "s3:PutObject"), identity: [F.doc(F.allow("s3:Get*"))]) == .implicitDeny)
        #expect(F.decide(F.request(action: "iam:GetUser"), identity: [F.doc(F.allow("iam:?etUser"))]) == .allowed)
    }

    @Test func actionArrayMatchesAnyEntry() {
        let p = F.doc(#"{"Effect":"Allow","Action":["ec2:Describe*","s3:GetObject"],"Resource":"*"}"#)
        #expect(F.decide(F.request(), identity: [p]) == .allowed)
    }

    @Test func actionOfAnotherServiceDoesNotMatch() {
        #expect(F.decide(F.request(action: "s3:GetObject"), identity: [F.doc(F.allow("s3express:*"))]) == .implicitDeny)
    }

    // MARK: NotAction — "IAM JSON policy elements: NotAction"

    @Test func notActionAllowsEverythingElse() {
        let p = F.doc(#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#)
        #expect(F.decide(F.request(), identity: [p]) == .allowed)
        #expect(F.decide(F.request(action: "iam:CreateUser", resource: "*"), identity: [p]) == .implicitDeny)
    }

    @Test func denyWithNotActionDeniesEverythingNotListed() {
        let p = F.doc(F.allow("*") + "," + #"{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*"}"#)
        #expect(F.decide(F.request(), identity: [p]) == .explicitDeny)
        #expect(F.decide(F.request(action: "sts:GetCallerIdentity", resource: "*"), identity: [p]) == .allowed)
    }

    // MARK: Resource — "IAM JSON policy elements: Resource"

    @Test func resourceMatchingIsCaseSensitive() {
        #expect(F.decide(F.request(resource: "arn:aws:s3:::Bucket/key"), identity: [F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/*"))]) == .implicitDeny)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/key"), identity: [F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/*"))]) == .allowed)
    }

    @Test func resourceWildcardSpansSlashesAndColons() {
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/a/b/c.txt"), identity: [F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/*"))]) == .allowed)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/key"), identity: [F.doc(F.allow("s3:GetObject", "arn:aws:s3:::*"))]) == .allowed)
    }

    @Test func resourceQuestionMarkMatchesOneCharacter() {
        let p = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/file?.txt"))
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/file1.txt"), identity: [p]) == .allowed)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/file12.txt"), identity: [p]) == .implicitDeny)
    }

    @Test func notResourceAppliesToOtherResources() {
        let p = F.doc(#"{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}"#)
        #expect(F.decide(F.request(), identity: [p]) == .allowed)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::secret/x"), identity: [p]) == .implicitDeny)
    }

    @Test func denyWithNotResourceDeniesOutsideTheListedResources() {
        let p = F.doc(F.allow("*") + "," + #"{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]}"#)
        #expect(F.decide(F.request(), identity: [p]) == .allowed)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::other/k"), identity: [p]) == .explicitDeny)
    }

    // MARK: Variables — "IAM policy elements: Variables and tags"

    @Test func usernameVariableInResource() {
        let p = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*"))
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/home/alice/f"), identity: [p]) == .allowed)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/home/bob/f"), identity: [p]) == .implicitDeny)
    }

    @Test func principalTagVariableInResource() {
        let p = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*"))
        let r = F.request(resource: "arn:aws:s3:::bucket/blue/f", context: ["aws:PrincipalTag/team": "blue"])
        #expect(F.decide(r, identity: [p]) == .allowed)
    }

    @Test func variableWithoutValueMakesResourceNotMatch() {
        let p = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*"))
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/blue/f"), identity: [p]) == .implicitDeny)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket//f"), identity: [p]) == .implicitDeny)
    }

    @Test func variableDefaultValueIsUsedWhenKeyIsMissing() {
        let p = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*"))
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/shared/f"), identity: [p]) == .allowed)
    }

    @Test func specialCharacterVariablesAreLiteral() {
        let p = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/${*}${?}${$}"))
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/*?$"), identity: [p]) == .allowed)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/xy$"), identity: [p]) == .implicitDeny)
    }

    @Test func substitutedValueIsNotAWildcard() {
        let p = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}"))
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/anything", context: ["aws:PrincipalTag/team": "*"]), identity: [p]) == .implicitDeny)
    }

    @Test func variablesAreLiteralUnderVersion2008() {
        let p = #"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${aws:username}"}}"#
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/alice"), identity: [p]) == .implicitDeny)
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/${aws:username}"), identity: [p]) == .allowed)
    }

    @Test func variablesAreLiteralWithoutVersion() {
        let p = #"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/${aws:username}"}}"#
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/alice"), identity: [p]) == .implicitDeny)
    }

    @Test func variableInConditionValue() {
        let c = #"{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}"#
        let p = F.doc(F.allow("s3:ListBucket", condition: c))
        #expect(F.decide(F.request(action: "s3:ListBucket", context: ["s3:prefix": "home/alice/x"]), identity: [p]) == .allowed)
        #expect(F.decide(F.request(action: "s3:ListBucket", context: ["s3:prefix": "home/bob/x"]), identity: [p]) == .implicitDeny)
    }

    @Test func conditionVariableComparesTwoContextKeys() {
        let c = #"{"StringEquals":{"aws:ResourceTag/owner":"${aws:PrincipalTag/owner}"}}"#
        let p = F.doc(F.allow(condition: c))
        #expect(F.decide(F.request(context: ["aws:ResourceTag/owner": "x", "aws:PrincipalTag/owner": "x"]), identity: [p]) == .allowed)
        #expect(F.decide(F.request(context: ["aws:ResourceTag/owner": "x", "aws:PrincipalTag/owner": "y"]), identity: [p]) == .implicitDeny)
        #expect(F.decide(F.request(context: ["aws:ResourceTag/owner": "x"]), identity: [p]) == .implicitDeny)
    }

    @Test func multivaluedKeyDoesNotSubstituteAsVariable() {
        let p = F.doc(F.allow("s3:GetObject", "arn:aws:s3:::bucket/${aws:TagKeys}"))
        #expect(F.decide(F.request(resource: "arn:aws:s3:::bucket/a", context: ["aws:TagKeys": ["a", "b"]]), identity: [p]) == .implicitDeny)
    }

    // MARK: Resource-based policies — "Identity-based policies with resource-based policies"

    let bucketAllowsAlice = Fixture.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#)

    @Test func sameAccountResourcePolicyNamingTheUserSufficesAlone() {
        #expect(F.decide(F.request(), resource: bucketAllowsAlice) == .allowed)
    }

    @Test func sameAccountIdentityAllowSufficesWithoutResourcePolicyAllow() {
        #expect(F.decide(F.request(), identity: [F.doc(F.allow())], resource: F.doc(#"{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*"}"#)) == .allowed)
    }

    @Test func sameAccountResourcePolicyNamingTheAccountDelegatesToIdentityPolicies() {
        let p = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(), resource: p) == .implicitDeny)
        #expect(F.decide(F.request(), identity: [F.doc(F.allow())], resource: p) == .allowed)
    }

    @Test func resourcePolicyForAnotherPrincipalDoesNotApply() {
        let p = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/carol"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(), resource: p) == .implicitDeny)
    }

    @Test func wildcardPrincipalGrantsEveryone() {
        let p = F.doc(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(), resource: p) == .allowed)
        #expect(F.decide(F.request(.anonymous), resource: p) == .allowed)
        let aws = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(F.bob, resourceAccount: F.account), identity: [F.doc(F.allow())], resource: aws) == .allowed)
    }

    @Test func anonymousCallerWithoutResourcePolicyIsDenied() {
        #expect(F.decide(F.request(.anonymous)) == .implicitDeny)
    }

    @Test func servicePrincipalIsMatchedByServiceName() {
        let p = F.doc(#"{"Effect":"Allow","Principal":{"Service":["cloudtrail.amazonaws.com"]},"Action":"s3:PutObject","Resource":"*"}"#)
        let trail = RequestPrincipal(arn: "cloudtrail.amazonaws.com")
        #expect(F.decide(F.request(trail, action: "s3:PutObject", resourceAccount: F.account), resource: p) == .allowed)
        let other = RequestPrincipal(arn: "config.amazonaws.com")
        #expect(F.decide(F.request(other, action: "s3:PutObject", resourceAccount: F.account), resource: p) == .implicitDeny)
    }

    @Test func federatedAndCanonicalUserPrincipalsMatch() {
        let p = F.doc(#"{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df900b949e5"},"Action":"s3:GetObject","Resource":"*"}"#)
        let web = RequestPrincipal(arn: "arn:aws:sts::111122223333:assumed-role/Web/x", kind: .webIdentity, accountId: nil,
            federatedProvider: "cognito-identity.amazonaws.com")
        #expect(F.decide(F.request(web), resource: p) == .allowed)
        let canonical = RequestPrincipal(arn: "anon", kind: .anonymous, accountId: nil, canonicalUserId: "79a59df900b949e5")
        #expect(F.decide(F.request(canonical), resource: p) == .allowed)
    }

    // MARK: Cross-account — "Cross-account policy evaluation logic"

    @Test func crossAccountNeedsBothIdentityAndResourcePolicy() {
        let bucket = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"*"}"#)
        let r = F.request(F.bob, resourceAccount: F.account)
        #expect(F.decide(r, identity: [F.doc(F.allow())]) == .implicitDeny)
        #expect(F.decide(r, resource: bucket) == .implicitDeny)
        #expect(F.decide(r, identity: [F.doc(F.allow())], resource: bucket) == .allowed)
    }

    @Test func crossAccountResourcePolicyNamingTheUserStillNeedsIdentityAllow() {
        let bucket = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/bob"},"Action":"s3:GetObject","Resource":"*"}"#)
        let r = F.request(F.bob, resourceAccount: F.account)
        #expect(F.decide(r, resource: bucket) == .implicitDeny)
        #expect(F.decide(r, identity: [F.doc(F.allow())], resource: bucket) == .allowed)
    }

    @Test func crossAccountDenyInResourcePolicyWins() {
        let bucket = F.doc(#"{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(F.bob, resourceAccount: F.account), identity: [allowAll], resource: bucket) == .explicitDeny)
    }

    // MARK: Role trust and KMS key policies

    @Test func roleTrustPolicyMustAllowEvenWithIdentityAllowInTheSameAccount() {
        let r = F.request(action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Admin")
        #expect(F.decide(r, identity: [allowAll], resource: F.doc(#"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#), kind: .roleTrust) == .implicitDeny)
        #expect(F.decide(r, identity: [], resource: F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}"#), kind: .roleTrust) == .allowed)
    }

    @Test func roleTrustPolicyNamingTheAccountNeedsIdentityAllow() {
        let r = F.request(action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Admin")
        let trust = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}"#)
        #expect(F.decide(r, resource: trust, kind: .roleTrust) == .implicitDeny)
        #expect(F.decide(r, identity: [F.doc(F.allow("sts:AssumeRole"))], resource: trust, kind: .roleTrust) == .allowed)
    }

    /// IAM User Guide, "Permissions boundaries for IAM entities" and "IAM roles — trust policy":
    /// a trust policy naming the user lets it assume the role without an identity allow, but a
    /// boundary on the user that does not allow sts:AssumeRole still stops it (issue 19).
    @Test func roleTrustNamingTheCallerIsStillCappedByItsPermissionsBoundary() {
        let r = F.request(action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Admin")
        let trust = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}"#)
        #expect(F.decide(r, resource: trust, kind: .roleTrust) == .allowed)
        #expect(F.decide(r, resource: trust, kind: .roleTrust, boundary: F.doc(F.allow("s3:*"))) == .implicitDeny)
        #expect(F.decide(r, resource: trust, kind: .roleTrust, boundary: F.doc(F.allow("sts:AssumeRole"))) == .allowed)
    }

    /// "IAM JSON policy elements: Condition" — trust conditions are evaluated against the request:
    /// sts:ExternalId and aws:MultiFactorAuthPresent must be present with the pinned value.
    @Test func roleTrustConditionsAreEvaluatedAgainstTheRequest() {
        let trust = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x1"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}"#)
        var r = F.request(action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Admin")
        #expect(F.decide(r, resource: trust, kind: .roleTrust) == .implicitDeny)
        r.set("sts:ExternalId", "x1")
        #expect(F.decide(r, resource: trust, kind: .roleTrust) == .implicitDeny)
        r.set("aws:MultiFactorAuthPresent", "true")
        #expect(F.decide(r, resource: trust, kind: .roleTrust) == .allowed)
        r.set("sts:ExternalId", "other")
        #expect(F.decide(r, resource: trust, kind: .roleTrust) == .implicitDeny)
    }

    @Test func kmsKeyPolicyWithoutAccountDelegationIgnoresIdentityPolicies() {
        let r = F.request(action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/1")
        let keyPolicy = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyAdmin"},"Action":"kms:*","Resource":"*"}"#)
        #expect(F.decide(r, identity: [allowAll], resource: keyPolicy, kind: .kmsKey) == .implicitDeny)
        let delegating = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}"#)
        #expect(F.decide(r, identity: [allowAll], resource: delegating, kind: .kmsKey) == .allowed)
    }

    // MARK: Permissions boundaries — "Permissions boundaries for IAM entities"

    @Test func boundaryIntersectsIdentityPolicies() {
        let boundary = F.doc(F.allow("s3:*"))
        #expect(F.decide(F.request(), identity: [allowAll], boundary: boundary) == .allowed)
        #expect(F.decide(F.request(action: "iam:CreateUser", resource: "*"), identity: [allowAll], boundary: boundary) == .implicitDeny)
    }

    @Test func boundaryAloneGrantsNothing() {
        #expect(F.decide(F.request(), boundary: allowAll) == .implicitDeny)
    }

    @Test func resourcePolicyNamingTheUserIsNotLimitedByTheBoundary() {
        #expect(F.decide(F.request(), boundary: F.doc(F.allow("ec2:*")), ) == .implicitDeny)
        #expect(F.decide(F.request(), resource: bucketAllowsAlice, boundary: F.doc(F.allow("ec2:*"))) == .allowed)
    }

    @Test func resourcePolicyNamingTheRoleIsLimitedByTheBoundary() {
        let bucket = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ops/Admin"},"Action":"s3:GetObject","Resource":"*"}"#)
        let r = F.request(F.adminSession)
        #expect(F.decide(r, resource: bucket) == .allowed)
        #expect(F.decide(r, resource: bucket, boundary: F.doc(F.allow("ec2:*"))) == .implicitDeny)
        #expect(F.decide(r, resource: bucket, boundary: F.doc(F.allow("s3:*"))) == .allowed)
    }

    @Test func resourcePolicyNamingTheSessionIsNotLimitedByBoundaryOrSessionPolicy() {
        let bucket = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/Admin/alice-session"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(F.adminSession), resource: bucket, boundary: F.doc(F.allow("ec2:*")), session: [F.doc(F.allow("ec2:*"))]) == .allowed)
    }

    @Test func denyWithNotPrincipalAlwaysAppliesToPrincipalsWithABoundary() {
        let bucket = F.doc(#"{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/alice","111122223333"]},"Action":"s3:*","Resource":"*"}"#)
        #expect(F.decide(F.request(), identity: [allowAll], resource: bucket) == .allowed)
        #expect(F.decide(F.request(), identity: [allowAll], resource: bucket, boundary: allowAll) == .explicitDeny)
    }

    // MARK: NotPrincipal — "AWS JSON policy elements: NotPrincipal"

    @Test func denyWithNotPrincipalDeniesEveryoneNotListed() {
        let bucket = F.doc(#"{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/alice","arn:aws:iam::111122223333:root"]},"Action":"s3:*","Resource":"*"}"#)
        #expect(F.decide(F.request(), identity: [allowAll], resource: bucket) == .allowed)
        let carol = RequestPrincipal(arn: "arn:aws:iam::111122223333:user/carol")
        #expect(F.decide(F.request(carol), identity: [allowAll], resource: bucket) == .explicitDeny)
    }

    @Test func notPrincipalWithoutTheAccountDoesNotExcludeTheUser() {
        let bucket = F.doc(#"{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:*","Resource":"*"}"#)
        #expect(F.decide(F.request(), identity: [allowAll], resource: bucket) == .explicitDeny)
    }

    @Test func notPrincipalExcludesARoleSessionOnlyWithSessionRoleAndAccount() {
        let listing = #"["arn:aws:sts::111122223333:assumed-role/Admin/alice-session","arn:aws:iam::111122223333:role/ops/Admin","arn:aws:iam::111122223333:root"]"#
        let full = F.doc(#"{"Effect":"Deny","NotPrincipal":{"AWS":\#(listing)},"Action":"s3:*","Resource":"*"}"#)
        #expect(F.decide(F.request(F.adminSession), identity: [allowAll], resource: full) == .allowed)
        let roleOnly = F.doc(#"{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:role/ops/Admin","111122223333"]},"Action":"s3:*","Resource":"*"}"#)
        #expect(F.decide(F.request(F.adminSession), identity: [allowAll], resource: roleOnly) == .explicitDeny)
    }

    // MARK: Session policies — "Session policies"

    @Test func sessionPolicyIntersectsIdentityPolicies() {
        let r = F.request(F.adminSession)
        #expect(F.decide(r, identity: [allowAll], session: [F.doc(F.allow("s3:Get*"))]) == .allowed)
        #expect(F.decide(F.request(F.adminSession, action: "s3:PutObject"), identity: [allowAll], session: [F.doc(F.allow("s3:Get*"))]) == .implicitDeny)
    }

    @Test func sessionPolicyAloneGrantsNothing() {
        #expect(F.decide(F.request(F.adminSession), session: [allowAll]) == .implicitDeny)
    }

    @Test func emptySessionPolicyListGrantsNothing() {
        #expect(F.decide(F.request(F.adminSession), identity: [allowAll], session: []) == .implicitDeny)
    }

    @Test func resourcePolicyNamingTheRoleIsLimitedBySessionPolicy() {
        let bucket = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ops/Admin"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(F.adminSession), resource: bucket, session: [F.doc(F.allow("ec2:*"))]) == .implicitDeny)
    }

    @Test func explicitDenyInSessionPolicyWins() {
        #expect(F.decide(F.request(F.adminSession), identity: [allowAll], session: [allowAll, F.doc(F.deny())]) == .explicitDeny)
    }

    @Test func roleSessionPrincipalArnIsTheRoleArn() {
        let c = #"{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ops/Admin"}}"#
        #expect(F.decide(F.request(F.adminSession), identity: [F.doc(F.allow(condition: c))]) == .allowed)
    }

    @Test func roleArnPrincipalWithoutPathMatchesTheSession() {
        let session = RequestPrincipal(arn: "arn:aws:sts::111122223333:assumed-role/Reader/s")
        let bucket = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Reader"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(session), resource: bucket) == .allowed)
    }

    // MARK: SCPs — "Service control policies (SCPs)" and "Policy evaluation logic"

    @Test func scpMustAllowAtEveryLevel() {
        let full = F.doc(F.allow("*"))
        let s3Only = F.doc(F.allow("s3:*"))
        #expect(F.decide(F.request(), identity: [allowAll], scps: [[full], [s3Only], [full]]) == .allowed)
        #expect(F.decide(F.request(action: "ec2:RunInstances", resource: "*"), identity: [allowAll], scps: [[full], [s3Only], [full]]) == .implicitDeny)
        #expect(F.decide(F.request(), identity: [allowAll], scps: [[full], []]) == .implicitDeny)
    }

    @Test func scpGrantsNothingByItself() {
        #expect(F.decide(F.request(), scps: [[allowAll]]) == .implicitDeny)
    }

    @Test func scpExplicitDenyWins() {
        #expect(F.decide(F.request(), identity: [allowAll], scps: [[allowAll, F.doc(F.deny("s3:*"))]]) == .explicitDeny)
    }

    @Test func scpDoesNotRestrictTheManagementAccount() {
        #expect(F.decide(F.request(), identity: [allowAll], scps: [[F.doc(F.deny("s3:*"))]], managementAccount: true) == .allowed)
    }

    @Test func scpLimitsResourcePolicyGrantsToPrincipalsInMemberAccounts() {
        #expect(F.decide(F.request(), resource: bucketAllowsAlice, scps: [[F.doc(F.allow("ec2:*"))]]) == .implicitDeny)
    }

    @Test func scpConditionsAreEvaluated() {
        let region = F.doc(F.allow("*") + "," + F.deny("*", condition: #"{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}"#))
        #expect(F.decide(F.request(context: ["aws:RequestedRegion": "eu-west-1"]), identity: [allowAll], scps: [[region]]) == .allowed)
        #expect(F.decide(F.request(context: ["aws:RequestedRegion": "us-east-1"]), identity: [allowAll], scps: [[region]]) == .explicitDeny)
    }

    // MARK: RCPs — "Resource control policies (RCPs)"

    @Test func rcpMustAllowAtEveryLevel() {
        let full = F.doc(#"{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}"#)
        #expect(F.decide(F.request(), identity: [allowAll], rcps: [[full], [full]]) == .allowed)
        #expect(F.decide(F.request(), identity: [allowAll], rcps: [[full], []]) == .implicitDeny)
    }

    @Test func rcpDenyAppliesToCrossAccountPrincipals() {
        let rcp = F.doc(#"{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"111122223333"}}}"#)
        let bucket = F.doc(#"{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"*"}"#)
        #expect(F.decide(F.request(F.bob, resourceAccount: F.account), identity: [allowAll], resource: bucket, rcps: [[rcp]]) == .explicitDeny)
        #expect(F.decide(F.request(), identity: [allowAll], rcps: [[rcp]]) == .allowed)
    }

    @Test func rcpDoesNotRestrictTheManagementAccount() {
        let rcp = F.doc(#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}"#)
        #expect(F.decide(F.request(), identity: [allowAll], rcps: [[rcp]], managementAccount: true) == .allowed)
    }

    // MARK: Matched statements

    @Test func allowedResultListsEveryContributingStatement() {
        let r = F.evaluate(F.request(), identity: [F.doc(#"{"Sid":"One","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"Two","Effect":"Allow","Action":"ec2:*","Resource":"*"}"#)])
        #expect(r.matchedStatements.map(\.sid) == ["One"])
        #expect(r.matchedStatements.first?.kind == .identity)
    }

    @Test func implicitDenyListsNoStatements() {
        #expect(F.evaluate(F.request(), identity: [F.doc(F.allow("ec2:*"))]).matchedStatements.isEmpty)
    }
}
