import RampartFindings
import Testing

@Suite struct PublicAccessChecksTests {
    static let publicRead = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}
        """

    static let publicReadACL = """
        {"Owner": {"ID": "abc123"}, "Grants": [
          {"Grantee": {"ID": "abc123", "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"},
          {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"},
          {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}, "Permission": "WRITE"}]}
        """

    static let partlyBlocked = """
        {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": false, "BlockPublicPolicy": true, "RestrictPublicBuckets": false}}
        """

    /// A bucket with `policy`, no bucket-level Block Public Access, in an account with none either.
    static func policyFixture(_ policy: String, account: S3Answer = .error("NoSuchPublicAccessBlockConfiguration")) -> Fixture {
        var f = Fixture()
        f.listBuckets(["site"])
        f.bucket("site", ["get-bucket-policy": Fixture.policy(policy), "get-public-access-block": .error("NoSuchPublicAccessBlockConfiguration")])
        f.accountBlock(account)
        return f
    }

    // MARK: Block Public Access

    @Test func bucketWithSomeOrNoBlockPublicAccessFails() {
        var f = Fixture()
        f.listBuckets(["good", "partial", "bare"])
        f.bucket("good")
        f.bucket("partial", ["get-public-access-block": .json(Self.partlyBlocked)])
        f.bucket("bare", ["get-public-access-block": .error("NoSuchPublicAccessBlockConfiguration")])
        let check = "s3.bucket.block-public-access"
        #expect(f.status(check, on: ":::good") == .pass)
        #expect(f.status(check, on: ":::partial") == .fail)
        #expect(f.status(check, on: ":::bare") == .fail)
        let messages = f.run(check).map(\.message)
        #expect(messages.contains("partial has Block Public Access settings off: IgnorePublicAcls, RestrictPublicBuckets."))
        #expect(messages.contains("bare has no bucket-level Block Public Access configuration."))
    }

    @Test func unreadableBucketBlockPublicAccessIsUnknownForThatBucketOnly() {
        var f = Fixture()
        f.listBuckets(["good", "denied"])
        f.bucket("good")
        f.bucket("denied", ["get-public-access-block": .error("AccessDenied")])
        #expect(f.status("s3.bucket.block-public-access", on: ":::denied") == .unknown)
        #expect(f.status("s3.bucket.block-public-access", on: ":::good") == .pass)
    }

    @Test func bucketListingNotCollectedIsUnknown() {
        let findings = Fixture().run("s3.bucket.block-public-access")
        #expect(findings.map(\.status) == [.unknown])
    }

    @Test func accountBlockPublicAccessMissingOrPartialFails() {
        var all = Fixture()
        all.accountBlock(.json(Fixture.allBlocked))
        #expect(all.run("s3.account.block-public-access").map(\.status) == [.pass])
        #expect(all.run("s3.account.block-public-access").first?.resource.arn == "arn:aws:iam::123456789012:root")

        var none = Fixture()
        none.accountBlock(.error("NoSuchPublicAccessBlockConfiguration"))
        #expect(none.run("s3.account.block-public-access").first?.message
            == "Account 123456789012 has no account-level S3 Block Public Access configuration.")

        var partial = Fixture()
        partial.accountBlock(.json(Self.partlyBlocked))
        #expect(partial.run("s3.account.block-public-access").map(\.status) == [.fail])
    }

    @Test func accountBlockPublicAccessNotReadIsUnknown() {
        var f = Fixture()
        f.accountBlock(.error("AccessDenied"))
        #expect(f.run("s3.account.block-public-access").map(\.status) == [.unknown])
        #expect(Fixture().run("s3.account.block-public-access").map(\.status) == [.unknown])
    }

    // MARK: ACLs

    @Test func aclGrantingToAllUsersFailsWhenNothingIgnoresIt() {
        var f = Fixture()
        f.listBuckets(["open", "private"])
        f.bucket("open", ["get-bucket-acl": .json(Self.publicReadACL), "get-public-access-block": .error("NoSuchPublicAccessBlockConfiguration")])
        f.bucket("private")
        f.accountBlock(.json(Fixture.noneBlocked))
        #expect(f.status("s3.bucket.acl-not-public", on: ":::private") == .pass)
        let finding = f.run("s3.bucket.acl-not-public").first { $0.resource.arn.hasSuffix(":::open") }
        #expect(finding?.status == .fail)
        #expect(finding?.message == "open's ACL grants READ to AllUsers, WRITE to AuthenticatedUsers.")
    }

    @Test func publicACLIgnoredByBucketSettingPassesWithTheReason() {
        var f = Fixture()
        f.listBuckets(["open"])
        f.bucket("open", ["get-bucket-acl": .json(Self.publicReadACL)])
        f.accountBlock(.error("AccessDenied"))
        let finding = f.run("s3.bucket.acl-not-public").first
        #expect(finding?.status == .pass)
        #expect(finding?.message.contains("bucket-level IgnorePublicAcls is on") == true)
    }

    @Test func publicACLWithUnknownAccountSettingIsUnknown() {
        var f = Fixture()
        f.listBuckets(["open"])
        f.bucket("open", ["get-bucket-acl": .json(Self.publicReadACL), "get-public-access-block": .error("NoSuchPublicAccessBlockConfiguration")])
        f.accountBlock(.error("AccessDenied"))
        let finding = f.run("s3.bucket.acl-not-public").first
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("s3control get-public-access-block") == true)
    }

    @Test func unreadableACLIsUnknown() {
        var f = Fixture()
        f.listBuckets(["b"])
        f.bucket("b", ["get-bucket-acl": .error("AccessDenied")])
        #expect(f.run("s3.bucket.acl-not-public").map(\.status) == [.unknown])
    }

    // MARK: Policies

    @Test func policyAllowingEveryoneFails() {
        let f = Self.policyFixture(Self.publicRead)
        let finding = f.run("s3.bucket.policy-not-public").first
        #expect(finding?.status == .fail)
        #expect(finding?.message == "site's policy allows s3:GetObject to everyone (PublicRead).")
    }

    @Test func awsStarPrincipalInAListIsPublic() {
        let policy = """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]},
              "Action": ["s3:PutObject"], "Resource": "arn:aws:s3:::site/*"}]}
            """
        #expect(Self.policyFixture(policy).run("s3.bucket.policy-not-public").first?.status == .fail)
    }

    @Test func publicPolicyPinnedToAVPCEndpointOrOrganizationPasses() {
        let vpce = """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*",
              "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}
            """
        #expect(Self.policyFixture(vpce).run("s3.bucket.policy-not-public").first?.status == .pass)
        let org = """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "arn:aws:s3:::site/*",
              "Condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-abc123"]}}}]}
            """
        #expect(Self.policyFixture(org).run("s3.bucket.policy-not-public").first?.status == .pass)
    }

    @Test func conditionsThatDoNotPinTheCallerStayPublic() {
        let negated = """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*",
              "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}
            """
        let ifExists = """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*",
              "Condition": {"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}}]}
            """
        let wildcard = """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*",
              "Condition": {"StringLike": {"aws:PrincipalOrgID": "o-*"}}}]}
            """
        let anyIP = """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*",
              "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}]}
            """
        for policy in [negated, ifExists, wildcard, anyIP] {
            #expect(Self.policyFixture(policy).run("s3.bucket.policy-not-public").first?.status == .fail)
        }
    }

    @Test func publicPolicyNeutralisedByAccountRestrictPublicBucketsPasses() {
        let f = Self.policyFixture(Self.publicRead, account: .json(Fixture.allBlocked))
        let finding = f.run("s3.bucket.policy-not-public").first
        #expect(finding?.status == .pass)
        #expect(finding?.message.contains("account-level RestrictPublicBuckets is on") == true)
    }

    @Test func publicPolicyWithUnknownAccountSettingIsUnknown() {
        let f = Self.policyFixture(Self.publicRead, account: .error("AccessDenied"))
        let finding = f.run("s3.bucket.policy-not-public").first
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("AccessDenied") == true)
    }

    @Test func bucketWithoutPolicyPassesAndUnreadablePolicyIsUnknown() {
        var f = Fixture()
        f.listBuckets(["none", "denied"])
        f.bucket("none")
        f.bucket("denied", ["get-bucket-policy": .error("AccessDenied")])
        #expect(f.status("s3.bucket.policy-not-public", on: ":::none") == .pass)
        #expect(f.status("s3.bucket.policy-not-public", on: ":::denied") == .unknown)
    }
}
