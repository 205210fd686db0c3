import RampartFindings
import Testing

@Suite struct ECRRepositoryChecksTests {
    static func repository(_ name: String, good: Bool) -> String {
        """
        {"repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/\(name)", "registryId": "123456789012", "repositoryName": "\(name)",
         "repositoryUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/\(name)", "createdAt": "2026-01-01T00:00:00+00:00",
         "imageTagMutability": "\(good ? "IMMUTABLE" : "MUTABLE")", "imageScanningConfiguration": {"scanOnPush": \(good)},
         "encryptionConfiguration": {"encryptionType": "AES256"}}
        """
    }

    static let publicPolicy = #"{"Version": "2012-10-17", "Statement": [{"Sid": "PublicPull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}"#
    static let orgPolicy = #"{"Version": "2012-10-17", "Statement": [{"Sid": "OrgPull", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]}"#

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ecr", "describe-repositories",
                 #"{"repositories": [\#(Self.repository("app-good", good: true)), \#(Self.repository("app-bad", good: false)), \#(Self.repository("app-org", good: true))]}"#)
        func policy(_ name: String, _ text: String) -> String {
            let escaped = text.replacingOccurrences(of: "\"", with: "\\\"")
            return #"{"registryId": "123456789012", "repositoryName": "\#(name)", "policyText": "\#(escaped)"}"#
        }
        f.fail("us-east-1", "ecr", "get-repository-policy", resource: "app-good", code: "RepositoryPolicyNotFoundException", message: "no policy")
        f.answer("us-east-1", "ecr", "get-repository-policy", resource: "app-bad", policy("app-bad", Self.publicPolicy))
        f.answer("us-east-1", "ecr", "get-repository-policy", resource: "app-org", policy("app-org", Self.orgPolicy))
        f.answer("us-east-1", "ecr", "get-lifecycle-policy", resource: "app-good",
                 #"{"registryId": "123456789012", "repositoryName": "app-good", "lifecyclePolicyText": "{\"rules\": []}"}"#)
        f.fail("us-east-1", "ecr", "get-lifecycle-policy", resource: "app-bad", code: "LifecyclePolicyNotFoundException", message: "none")
        f.fail("us-east-1", "ecr", "get-lifecycle-policy", resource: "app-org", code: "AccessDeniedException")
        return f
    }

    @Test func settingsPassOnTheGoodRepositoryAndFailOnTheBadOne() {
        for check in ["ecr.repository.scan-on-push", "ecr.repository.tag-immutability", "ecr.repository.lifecycle-policy"] {
            #expect(fixture.status(check, on: "repository/app-good") == .pass, "\(check)")
            #expect(fixture.status(check, on: "repository/app-bad") == .fail, "\(check)")
        }
        let scan = fixture.run("ecr.repository.scan-on-push").first { $0.resource.arn.hasSuffix("repository/app-bad") }
        #expect(scan?.message == "app-bad does not scan images on push (scanOnPush=false).")
    }

    @Test func anUnreadableLifecyclePolicyIsUnknownNotAbsent() {
        let finding = fixture.run("ecr.repository.lifecycle-policy").first { $0.resource.arn.hasSuffix("repository/app-org") }
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("AccessDeniedException") == true)
    }

    @Test func aPolicyAllowingEveryoneMakesTheRepositoryPublic() {
        let bad = fixture.run("ecr.repository.not-public").first { $0.resource.arn.hasSuffix("repository/app-bad") }
        #expect(bad?.status == .fail)
        #expect(bad?.message == "app-bad's policy allows ecr:BatchGetImage, ecr:GetDownloadUrlForLayer to everyone (PublicPull).")
        #expect(fixture.status("ecr.repository.not-public", on: "repository/app-org") == .pass)
        #expect(fixture.status("ecr.repository.not-public", on: "repository/app-good") == .pass)
    }

    @Test func aRepositoryWithoutSettingsIsUnknownNotPassing() {
        var f = Fixture()
        f.answer("us-east-1", "ecr", "describe-repositories", #"{"repositories": [{"repositoryName": "bare"}]}"#)
        #expect(f.status("ecr.repository.scan-on-push", on: "repository/bare") == .unknown)
        #expect(f.status("ecr.repository.tag-immutability", on: "repository/bare") == .unknown)
        #expect(f.status("ecr.repository.not-public", on: "repository/bare") == .unknown)
    }

    @Test func unreadableRepositoriesAreUnknownForEveryCheck() {
        var f = Fixture()
        f.fail("us-east-1", "ecr", "describe-repositories", code: "AccessDeniedException")
        for check in ECRRepositoryChecksTests.checks {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }

    static let checks = ["ecr.repository.scan-on-push", "ecr.repository.tag-immutability", "ecr.repository.lifecycle-policy", "ecr.repository.not-public"]
}
