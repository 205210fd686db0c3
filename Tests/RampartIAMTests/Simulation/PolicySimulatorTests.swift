@testable import RampartIAM
import Testing

/// The policy simulator as the `SimulateCustomPolicy` API reference and the AWS CLI's examples describe it.
@Suite struct PolicySimulatorTests {
    static let dynamoPolicy = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}"#

    static func simulate(_ request: SimulationRequest) throws -> [SimulationResult] { try PolicySimulator.simulate(request) }

    /// The AWS CLI's `simulate-custom-policy` example 1: allowed, with the statement at line 1, columns 38 to 167.
    @Test func reproducesTheAWSCLIExampleThatAllows() throws {
        let policy = try SimulatedPolicy(id: "PolicyInputList.1", text: Self.dynamoPolicy)
        let results = try Self.simulate(SimulationRequest(identityPolicies: [policy], actions: ["dynamodb:CreateBackup"],
            context: ["aws:CurrentTime": "2019-04-25T11:00:00Z"]))
        #expect(results.count == 1)
        #expect(results[0].resource == "*")
        #expect(results[0].decision == .allowed)
        #expect(results[0].matchedStatements == [SimulatedStatement(sourcePolicyId: "PolicyInputList.1", sourcePolicyType: nil,
            span: StatementSpan(startLine: 1, startColumn: 38, endLine: 1, endColumn: 167))])
        #expect(results[0].missingContextValues.isEmpty)
    }

    /// Example 2: a date before the condition's is an implicit deny with no matched statement.
    @Test func reproducesTheAWSCLIExampleThatDenies() throws {
        let policy = try SimulatedPolicy(id: "PolicyInputList.1", text: Self.dynamoPolicy)
        let results = try Self.simulate(SimulationRequest(identityPolicies: [policy], actions: ["dynamodb:CreateBackup"],
            context: ["aws:CurrentTime": "2014-04-25T11:00:00Z"]))
        #expect(results[0].decision == .implicitDeny)
        #expect(results[0].matchedStatements.isEmpty)
    }

    /// "Each operation is evaluated for each resource": actions × resources, in that order.
    @Test func everyActionIsEvaluatedOnEveryResource() throws {
        let policy = try SimulatedPolicy(id: "PolicyInputList.1", text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"},{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::a/secret"}]}"#)
        let results = try Self.simulate(SimulationRequest(identityPolicies: [policy], actions: ["s3:GetObject", "s3:PutObject"],
            resources: ["arn:aws:s3:::a/k", "arn:aws:s3:::a/secret"]))
        #expect(results.map { "\($0.action) \($0.resource) \($0.decision.rawValue)" } == [
            "s3:GetObject arn:aws:s3:::a/k allowed", "s3:GetObject arn:aws:s3:::a/secret explicitDeny",
            "s3:PutObject arn:aws:s3:::a/k implicitDeny", "s3:PutObject arn:aws:s3:::a/secret explicitDeny",
        ])
        // "the deny statement is the only entry included in the result".
        #expect(results[1].matchedStatements.map(\.span?.startLine) == [1])
        #expect(results[1].matchedStatements.count == 1)
    }

    /// `PermissionsBoundaryDecisionDetail` and `OrganizationsDecisionDetail` appear when those inputs are given.
    @Test func reportsBoundaryAndOrganizationDetails() throws {
        let allowAll = try SimulatedPolicy(id: "PolicyInputList.1", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#)
        let boundary = try SimulatedPolicy(id: "PermissionsBoundaryPolicyInputList.1", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#)
        let scp = try SimulatedPolicy(id: "ScpInputList.1", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"}}"#)
        let results = try Self.simulate(SimulationRequest(identityPolicies: [allowAll], permissionsBoundary: boundary,
            serviceControlPolicies: [[scp]], actions: ["s3:ListAllMyBuckets", "ec2:DescribeVpcs", "iam:ListUsers"]))
        #expect(results.map(\.decision) == [.allowed, .implicitDeny, .implicitDeny])
        #expect(results.map(\.allowedByPermissionsBoundary) == [true, false, false])
        #expect(results.map(\.allowedByOrganizations) == [true, true, false])
        let plain = try Self.simulate(SimulationRequest(identityPolicies: [allowAll], actions: ["s3:ListAllMyBuckets"]))
        #expect(plain[0].allowedByPermissionsBoundary == nil && plain[0].allowedByOrganizations == nil)
    }

    /// "Resource control policies": an RCP denying access from outside the organization
    /// blocks a cross-account caller even where the bucket policy allows it.
    @Test func resourceControlPoliciesRestrictResourcesAtEveryLevel() throws {
        let bucketPolicy = try SimulatedPolicy(id: "ResourcePolicy", sourceType: "resource", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#)
        let identity = try SimulatedPolicy(id: "PolicyInputList.1", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#)
        let rcp = try SimulatedPolicy(id: "RcpInputList.1", text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"111122223333"}}}]}"#)
        func decide(_ rcps: [[SimulatedPolicy]]) throws -> SimulationResult {
            try Self.simulate(SimulationRequest(identityPolicies: [identity], resourcePolicy: bucketPolicy, resourceControlPolicies: rcps,
                actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/k"], callerArn: "arn:aws:iam::444455556666:user/bob",
                resourceOwner: "111122223333"))[0]
        }
        #expect(try decide([]).decision == .allowed)
        let allowOnly = try SimulatedPolicy(id: "RcpInputList.1", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}"#)
        #expect(try decide([[allowOnly]]).allowedByOrganizations == true)
        let blocked = try decide([[rcp]])
        #expect(blocked.decision == .explicitDeny)
        #expect(blocked.allowedByOrganizations == false)
        #expect(blocked.matchedStatements.map(\.sourcePolicyId) == ["RcpInputList.1"])
    }

    /// "CallerArn is required if you include a ResourcePolicy"; the resource policy then names the caller.
    @Test func aResourcePolicyNeedsACallerAndMatchesIt() throws {
        let bucketPolicy = try SimulatedPolicy(id: "ResourcePolicy", sourceType: "resource", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#)
        #expect(throws: SimulationInputError.self) {
            try Self.simulate(SimulationRequest(resourcePolicy: bucketPolicy, actions: ["s3:GetObject"]))
        }
        let asAlice = try Self.simulate(SimulationRequest(resourcePolicy: bucketPolicy, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/k"],
            callerArn: "arn:aws:iam::111122223333:user/alice", resourceOwner: "arn:aws:iam::111122223333:root"))
        #expect(asAlice[0].decision == .allowed)
        #expect(asAlice[0].matchedStatements.first?.sourcePolicyType == "resource")
        // Another account owns the bucket: the caller's identity policy must allow too ("Cross-account policy evaluation logic").
        let crossAccount = try Self.simulate(SimulationRequest(resourcePolicy: bucketPolicy, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/k"],
            callerArn: "arn:aws:iam::111122223333:user/alice", resourceOwner: "444455556666"))
        #expect(crossAccount[0].decision == .implicitDeny)
    }

    /// Without `CallerArn` the simulated caller is of the account owning the resource, so an
    /// identity policy alone decides even for resources whose ARN names an account.
    @Test func withoutACallerTheResourceAccountIsTheCallersAccount() throws {
        let policy = try SimulatedPolicy(id: "PolicyInputList.1", text: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*"}}"#)
        let results = try Self.simulate(SimulationRequest(identityPolicies: [policy], actions: ["dynamodb:GetItem"],
            resources: ["arn:aws:dynamodb:us-east-1:111122223333:table/t", "arn:aws:dynamodb:us-east-1:444455556666:table/u"]))
        #expect(results.map(\.decision) == [.allowed, .allowed])
        // A named caller of another account needs the resource's own policy.
        let cross = try Self.simulate(SimulationRequest(identityPolicies: [policy], actions: ["dynamodb:GetItem"],
            resources: ["arn:aws:dynamodb:us-east-1:444455556666:table/u"], callerArn: "arn:aws:iam::111122223333:user/alice"))
        #expect(cross[0].decision == .implicitDeny)
    }

    @Test func rejectsWildcardActionsAndBrokenPolicies() throws {
        let policy = try SimulatedPolicy(id: "PolicyInputList.1", text: Self.dynamoPolicy)
        #expect(throws: SimulationInputError.self) { try Self.simulate(SimulationRequest(identityPolicies: [policy], actions: ["dynamodb:*"])) }
        #expect(throws: SimulationInputError.self) { try Self.simulate(SimulationRequest(identityPolicies: [policy], actions: [])) }
        do {
            _ = try SimulatedPolicy(id: "PolicyInputList.2", text: #"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Bogus":1}}"#)
            Issue.record("a policy with an unknown element was accepted")
        } catch {
            #expect(error.description.hasPrefix("PolicyInputList.2 is not a valid policy: Statement[0]"))
            #expect(error.description.contains("Bogus"))
        }
    }
}

/// Statement positions as `MatchedStatements` reports them.
@Suite struct StatementSpanTests {
    @Test func multiLineStatementsAreLocatedOnTheirLines() {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/{x}"},
                {
                  "Sid": "Two, with \\"quotes\\" and ]",
                  "Effect": "Deny",
                  "Action": "s3:*",
                  "Resource": "*"
                }
              ]
            }
            """
        #expect(StatementSpan.locate(in: text) == [
            StatementSpan(startLine: 4, startColumn: 6, endLine: 4, endColumn: 84),
            StatementSpan(startLine: 5, startColumn: 6, endLine: 10, endColumn: 6),
        ])
    }

    @Test func textThatIsNotAPolicyHasNoSpans() {
        #expect(StatementSpan.locate(in: "[1,2]").isEmpty)
        #expect(StatementSpan.locate(in: #"{"Version":"2012-10-17"}"#).isEmpty)
        #expect(StatementSpan.locate(in: #"{"Statement":[{"Effect":"Allow""#).isEmpty)
    }
}
