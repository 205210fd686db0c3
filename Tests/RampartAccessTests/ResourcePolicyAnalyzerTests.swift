import Testing
import RampartAccess
import RampartIAM
import RampartInventory

/// The external-access rule per condition form. Pages: IAM User Guide "IAM JSON policy elements:
/// Condition operators" (negated operators and ...IfExists match a missing key), "Single-valued
/// vs. multivalued context keys" (ForAllValues is true on an empty set), "AWS global condition
/// context keys" (which keys describe the caller), "Policy evaluation logic" — "Cross-account
/// policy evaluation logic"; IAM Access Analyzer "Resources that you can use with IAM Access
/// Analyzer" for what counts as outside the zone of trust.
struct ResourcePolicyAnalyzerTests {
    static let owner = "111122223333"
    static let other = "222233334444"
    static let queueArn = "arn:aws:sqs:us-east-1:111122223333:orders"

    static func policy(_ statements: String) -> String {
        #"{"Version":"2012-10-17","Statement":[\#(statements)]}"#
    }

    static func allow(principal: String = #""*""#, action: String = "sqs:SendMessage", condition: String? = nil) -> String {
        let c = condition.map { #","Condition":\#($0)"# } ?? ""
        return #"{"Sid":"Grant","Effect":"Allow","Principal":\#(principal),"Action":"\#(action)","Resource":"\#(queueArn)"\#(c)}"#
    }

    static func analyze(_ text: String, type: String = "AWS::SQS::Queue", arn: String = queueArn, zone: AccessZone = .account)
        -> AccessOutcome
    {
        ResourcePolicyAnalyzer.analyze(
            policyText: text, resourceArn: arn, owner: owner, profile: ResourceTypeProfile.profile(for: type, arn: arn), zone: zone)
    }

    /// Every witness must be a request the exact evaluator allows, against the same policy.
    static func expectWitnessesHold(_ outcome: AccessOutcome, _ text: String, type: String = "AWS::SQS::Queue") throws {
        guard case .external(let grants) = outcome else { return }
        let document = try PolicyDocument(text: text)
        let allowAll = try PolicyDocument(text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        let kind = ResourceTypeProfile.profile(for: type, arn: queueArn).policyKind
        for grant in grants {
            let w = try #require(grant.witness)
            let caller: RequestPrincipal
            if w.principal.contains(":oidc-provider/") || w.principal.hasSuffix(".com") {
                caller = RequestPrincipal(arn: w.principal, kind: .webIdentity, accountId: nil, federatedProvider: w.principal)
            } else {
                caller = RequestPrincipal(arn: w.principal)
            }
            let request = RequestContext(principal: caller, action: w.action, resource: w.resource, resourceAccount: owner,
                context: w.context.mapValues { $0.count == 1 ? .single($0[0]) : .multiple($0) })
            let identity = caller.accountId == nil ? [] : [NamedPolicy("theirs", allowAll)]
            let result = PolicyEvaluator.evaluate(request, policies: PolicySet(identityPolicies: identity,
                resourcePolicy: NamedPolicy("resource", document), resourcePolicyKind: kind))
            #expect(result.decision == .allowed, "witness \(w) is not allowed")
            #expect(caller.accountId.map { $0 != owner } ?? true, "a witness comes from outside the account")
        }
    }

    static func access(_ outcome: AccessOutcome) -> AccessLevelKind? {
        ResourceAccess(ref: ResourceRef(arn: queueArn, type: "AWS::SQS::Queue", account: owner, region: "us-east-1", name: "q"),
            outcome: outcome).access
    }

    @Test func grantToEveryoneWithoutConditionIsPublicWithAWitness() throws {
        let text = Self.policy(Self.allow())
        let outcome = Self.analyze(text)
        #expect(Self.access(outcome) == .public)
        guard case .external(let grants) = outcome else { Issue.record("expected access"); return }
        #expect(grants[0].principals == ["*"])
        #expect(grants[0].actions == ["sqs:SendMessage"])
        #expect(grants[0].statements == [#"Statement[0] (Sid "Grant")"#])
        #expect(grants[0].witness?.action == "sqs:SendMessage")
        try Self.expectWitnessesHold(outcome, text)
    }

    @Test(arguments: [
        // (condition, expected) — a key the caller cannot choose pinned to a fixed value confines it.
        (#"{"StringEquals":{"aws:SourceAccount":"222233334444"}}"#, AccessLevelKind.crossAccount),
        (#"{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#, .crossAccount),
        (#"{"ForAnyValue:StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#, .crossAccount),
        (#"{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c"}}"#, .crossAccount),
        (#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#, .crossAccount),
        (#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:222233334444:*"}}"#, .crossAccount),
        (#"{"StringEquals":{"kms:CallerAccount":"222233334444"}}"#, .crossAccount),
        // Wildcards, negations, IfExists, ForAllValues and Null leave the value to the caller: public.
        (#"{"StringLike":{"aws:PrincipalOrgID":"o-*"}}"#, .public),
        (#"{"StringLike":{"aws:SourceVpce":"*"}}"#, .public),
        (#"{"ForAllValues:StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#, .public),
        (#"{"StringEqualsIfExists":{"aws:SourceAccount":"222233334444"}}"#, .public),
        (#"{"StringNotEquals":{"aws:PrincipalAccount":"222233334444"}}"#, .public),
        (#"{"Null":{"aws:SourceVpce":"false"}}"#, .public),
        (#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#, .public),
        (#"{"IpAddress":{"aws:SourceIp":"10.0.0.0/7"}}"#, .public),
        (#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}"#, .public),
        (#"{"StringEquals":{"aws:SourceAccount":"${aws:PrincipalAccount}"}}"#, .public),
        // A key the caller sets itself confines nothing.
        (#"{"Bool":{"aws:SecureTransport":"true"}}"#, .public),
        (#"{"StringEquals":{"aws:UserAgent":"internal-tool"}}"#, .public),
    ])
    func conditionFormsDecidePublicOrConfined(condition: String, expected: AccessLevelKind) throws {
        let text = Self.policy(Self.allow(condition: condition))
        let outcome = Self.analyze(text)
        #expect(Self.access(outcome) == expected, "\(condition)")
        try Self.expectWitnessesHold(outcome, text)
    }

    @Test func aGrantPinnedToTheOwnAccountReachesNoOneOutside() {
        let text = Self.policy(Self.allow(condition: #"{"StringEquals":{"aws:SourceAccount":"111122223333"}}"#))
        #expect(Self.access(Self.analyze(text)) == nil)
    }

    @Test func organizationZoneTrustsTheOrganizationAndItsAccounts() throws {
        let byOrg = Self.policy(Self.allow(condition: #"{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#))
        let org = AccessZone(kind: .organization, organizationId: "o-abc123", organizationAccounts: [Self.owner, Self.other])
        #expect(Self.access(Self.analyze(byOrg, zone: org)) == nil)
        #expect(Self.access(Self.analyze(byOrg, zone: .account)) == .crossAccount)
        let toAccount = Self.policy(Self.allow(principal: #"{"AWS":"arn:aws:iam::222233334444:root"}"#))
        #expect(Self.access(Self.analyze(toAccount, zone: org)) == nil)
        let outcome = Self.analyze(toAccount, zone: .account)
        #expect(Self.access(outcome) == .crossAccount)
        try Self.expectWitnessesHold(outcome, toAccount)
        // Without an organization id, the organization itself is not trusted.
        let noId = AccessZone(kind: .organization, organizationId: nil, organizationAccounts: [Self.owner])
        #expect(Self.access(Self.analyze(byOrg, zone: noId)) == .crossAccount)
    }

    @Test func namedPrincipalsInsideTheAccountAreNotExternal() {
        let text = Self.policy(Self.allow(principal: #"{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:role/App"]}"#))
        #expect(Self.access(Self.analyze(text)) == nil)
    }

    @Test func anExplicitDenyForEveryoneOutsideTheAccountClosesTheGrant() {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}"#
        let text = Self.policy(Self.allow() + "," + deny)
        #expect(Self.access(Self.analyze(text)) == nil)
    }

    @Test func denyWithNotPrincipalClosesTheGrantToOutsiders() {
        let deny = #"{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sqs:*","Resource":"*"}"#
        let text = Self.policy(Self.allow() + "," + deny)
        #expect(Self.access(Self.analyze(text)) == nil)
    }

    @Test func allowWithNotPrincipalIsPublic() throws {
        let text = Self.policy(#"{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sqs:*","Resource":"*"}"#)
        let outcome = Self.analyze(text)
        #expect(Self.access(outcome) == .public)
        try Self.expectWitnessesHold(outcome, text)
    }

    @Test func aDenyOnAKeyTheCallerChoosesDoesNotCloseTheGrant() throws {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#
        let text = Self.policy(Self.allow() + "," + deny)
        let outcome = Self.analyze(text)
        #expect(Self.access(outcome) == .public)
        guard case .external(let grants) = outcome else { return }
        // The witness never sends the value the Deny names.
        #expect(grants[0].witness?.context["aws:SecureTransport"] != ["false"])
        try Self.expectWitnessesHold(outcome, text)
    }

    @Test func aDenyOnOneActionLeavesTheOthers() throws {
        let deny = #"{"Effect":"Deny","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}"#
        let text = Self.policy(Self.allow(action: "sqs:*") + "," + deny)
        let outcome = Self.analyze(text)
        #expect(Self.access(outcome) == .public)
        guard case .external(let grants) = outcome else { return }
        #expect(grants[0].witness?.action != "sqs:SendMessage")
        try Self.expectWitnessesHold(outcome, text)
    }

    @Test func aGrantOfActionsOfAnotherServiceGivesNothingOnThisResource() {
        let text = Self.policy(Self.allow(action: "sns:Publish"))
        #expect(Self.access(Self.analyze(text)) == nil)
    }

    @Test(arguments: ["not json", "[]", #"{"Statement":[{"Effect":"Permit","Principal":"*","Action":"*"}]}"#, "{\"Version\":\"2012-10-17\",\"Statement\":[]} x"])
    func anUnreadablePolicyIsUnknownNeverPrivate(text: String) {
        guard case .unknown(let reason) = Self.analyze(text) else {
            Issue.record("expected unknown for \(text)")
            return
        }
        #expect(reason.contains("not a valid policy"))
    }

    @Test func roleTrustPoliciesReportOtherAccountsAndIdentityProvidersButNotServices() throws {
        let roleArn = "arn:aws:iam::111122223333:role/Deploy"
        let trust = Self.policy(#"""
            {"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"},
            {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"s3cr3t"}}},
            {"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}
            """#)
        let outcome = Self.analyze(trust, type: "AWS::IAM::Role", arn: roleArn)
        guard case .external(let grants) = outcome else { Issue.record("expected access"); return }
        #expect(grants.map(\.principals) == [["arn:aws:iam::222233334444:root"], ["cognito-identity.amazonaws.com"]])
        #expect(grants.allSatisfy { $0.access == .crossAccount })
        #expect(grants[0].witness?.context["sts:ExternalId"] == ["s3cr3t"])
        #expect(grants[1].witness?.action == "sts:AssumeRoleWithWebIdentity")
    }

    @Test func resourcePatternsUnderTheResourceGiveTheWitnessItsResource() throws {
        let bucket = "arn:aws:s3:::photos"
        let text = Self.policy(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/public/*"}"#)
        let outcome = Self.analyze(text, type: "AWS::S3::Bucket", arn: bucket)
        #expect(Self.access(outcome) == .public)
        guard case .external(let grants) = outcome else { return }
        #expect(grants[0].witness?.resource == "arn:aws:s3:::photos/public/x")
    }
}
