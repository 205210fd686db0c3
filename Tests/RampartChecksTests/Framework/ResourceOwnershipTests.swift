import RampartChecks
import RampartFindings
import RampartInventory
import Testing

/// Findings on what the customer cannot change (AWS managed policies, service-linked roles,
/// AWS managed keys) are AWS's, and stay out of the customer's failure counts unless asked for.
@Suite struct ResourceOwnershipTests {
    static let linkedRoleArn = "arn:aws:iam::123456789012:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"

    /// An account with a service-linked role, a customer role, an AWS managed and a customer managed
    /// policy, and an AWS managed and a customer managed key.
    static var fixture: Fixture {
        var f = Fixture()
        let linked = IAMFixtures.role("AWSServiceRoleForElasticLoadBalancing", attached: [])
            .replacingOccurrences(of: #""Path": "/""#, with: #""Path": "/aws-service-role/elasticloadbalancing.amazonaws.com/""#)
            .replacingOccurrences(of: "role/AWSServiceRoleForElasticLoadBalancing", with: "role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing")
        let admin = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#
        f.answer("global", "iam", "get-account-authorization-details", IAMFixtures.authorizationDetails(
            users: [], roles: [linked, IAMFixtures.role("app", attached: [])],
            policies: [
                IAMFixtures.policy("AdministratorAccess", attachments: 1, document: admin, aws: true),
                IAMFixtures.policy("ops-admin", attachments: 1, document: admin),
            ]))
        f.answer("us-east-1", "kms", "list-keys", #"{"Keys": [{"KeyId": "k-aws"}, {"KeyId": "k-mine"}]}"#)
        f.answer("us-east-1", "kms", "describe-key", resource: "k-aws", KMSKeyChecksTests.describe("k-aws", manager: "AWS"))
        f.answer("us-east-1", "kms", "describe-key", resource: "k-mine", KMSKeyChecksTests.describe("k-mine"))
        return f
    }

    /// Fails every role, every managed policy (AWS's included) and every key: a stand-in for any
    /// check that judges such resources.
    static let failEverything = Check(
        CheckMetadata(
            id: "iam.test.fail-everything", title: "t", severity: .high, resourceType: "AWS::IAM::Role", serviceModel: .managed,
            frameworks: [:], prowler: nil, risk: "r", remediation: "x", remediationCommand: "aws iam get-role"),
        evaluate: { ctx in
            var out: [CheckOutcome] = []
            for account in ctx.inventory.accounts {
                let details = account.iam.authorizationDetails.value
                for role in details?.roles ?? [] { out.append(.fail(role.ref, "fails")) }
                for policy in details?.policies ?? [] { out.append(.fail(policy.ref, "fails")) }
            }
            out += ctx.eachRegional(\.kms.keys) { key, _ in .fail(key.ref, "fails") }
            return out
        })

    func owners() -> [String: Owner] {
        let findings = Scanner.run([Self.failEverything], on: Self.fixture.inventory)
        return Dictionary(uniqueKeysWithValues: findings.map { ($0.resource.arn, $0.responsibility.owner) })
    }

    @Test func theScannerAttributesAWSOwnedResourcesToAWS() {
        let owners = owners()
        #expect(owners.count == 6)
        #expect(owners[Self.linkedRoleArn] == .aws)
        #expect(owners["arn:aws:iam::aws:policy/AdministratorAccess"] == .aws)
        #expect(owners["arn:aws:kms:us-east-1:123456789012:key/k-aws"] == .aws)
        #expect(owners["arn:aws:iam::123456789012:role/app"] == .customer)
        #expect(owners["arn:aws:iam::123456789012:policy/ops-admin"] == .customer)
        #expect(owners["arn:aws:kms:us-east-1:123456789012:key/k-mine"] == .customer)
    }

    @Test func awsOwnedFailuresStayOutOfTheCountsAndFailOnUnlessIncluded() {
        let findings = Scanner.run([Self.failEverything], on: Self.fixture.inventory)
        let report = ScanReport(
            findings: findings, collectedAt: Fixture.collectedAt, accounts: [Fixture.account], regions: ["us-east-1"],
            resourceCounts: [:], problems: [], source: "test", checksRun: 1)
        let customer = report.settingAsideAWSOwned()
        #expect(customer.count(.fail) == 3)
        #expect(customer.failures(atLeast: .high).count == 3)
        #expect(customer.awsOwned.count == 3)
        #expect(report.count(.fail) == 6)
    }

    @Test(arguments: [
        ("arn:aws:iam::aws:policy/AdministratorAccess", true),
        ("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess", true),
        ("arn:aws:iam::123456789012:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS", true),
        ("arn:aws:iam::123456789012:role/service-role/my-lambda", false),
        ("arn:aws:iam::123456789012:policy/aws-service-role/looks-alike", false),
        ("arn:aws:s3:::aws-service-role", false),
        ("not an arn", false),
    ])
    func whatTheARNAloneShows(arn: String, awsOwned: Bool) {
        #expect(ResourceOwnership.isAWSOwned(arn: arn) == awsOwned)
    }
}
