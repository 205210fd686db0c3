import RampartFindings
import Testing

@Suite struct DataProtectionChecksTests {
    /// One bucket `b` with the given overrides of its per-bucket answers.
    static func one(_ overrides: [String: S3Answer], region: String = "us-east-1") -> Fixture {
        var f = Fixture()
        f.listBuckets(["b"])
        f.bucket("b", region: region, overrides)
        return f
    }

    static func status(_ check: String, _ overrides: [String: S3Answer]) -> Status? {
        one(overrides).run(check).first?.status
    }

    // MARK: Default encryption

    @Test func bucketWithoutDefaultEncryptionFails() {
        let check = "s3.bucket.default-encryption"
        #expect(Self.status(check, [:]) == .pass)
        #expect(Self.one([:]).run(check).first?.message == "b encrypts new objects by default with SSE-S3 (AES256).")
        #expect(Self.status(check, ["get-bucket-encryption": .error("ServerSideEncryptionConfigurationNotFoundError")]) == .fail)
        #expect(Self.status(check, ["get-bucket-encryption": .error("AccessDenied")]) == .unknown)
    }

    // MARK: TLS

    static let denyHTTP = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "AllowRole", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"}, "Action": "s3:GetObject",
           "Resource": "arn:aws:s3:::b/*"},
          {"Sid": "DenyHTTP", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
           "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
        """

    @Test func policyDenyingPlainHTTPPasses() {
        let f = Self.one(["get-bucket-policy": Fixture.policy(Self.denyHTTP)])
        let finding = f.run("s3.bucket.tls-required").first
        #expect(finding?.status == .pass)
        #expect(finding?.message == "b's policy denies requests over plain HTTP (DenyHTTP).")
    }

    @Test func boolIfExistsWithAWSStarAndObjectOnlyResourcePasses() {
        let policy = """
            {"Statement": {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "arn:aws:s3:::b/*",
              "Condition": {"BoolIfExists": {"aws:securetransport": false}}}}
            """
        let finding = Self.one(["get-bucket-policy": Fixture.policy(policy)]).run("s3.bucket.tls-required").first
        #expect(finding?.status == .pass)
        #expect(finding?.message.contains("objects only") == true)
    }

    @Test func partialOrNarrowedDenyDoesNotRequireTLS() {
        let getOnly = """
            {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
              "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """
        let narrowed = """
            {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*",
              "Condition": {"Bool": {"aws:SecureTransport": "false"}, "StringEquals": {"aws:SourceVpc": "vpc-1"}}}]}
            """
        let prefixOnly = """
            {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/reports/*",
              "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """
        let allowTLS = """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
              "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}
            """
        for policy in [getOnly, narrowed, prefixOnly, allowTLS] {
            #expect(Self.status("s3.bucket.tls-required", ["get-bucket-policy": Fixture.policy(policy)]) == .fail)
        }
    }

    @Test func bucketWithoutPolicyFailsTLSAndUnreadablePolicyIsUnknown() {
        #expect(Self.one([:]).run("s3.bucket.tls-required").first?.message == "b has no bucket policy, so it accepts requests over plain HTTP.")
        #expect(Self.status("s3.bucket.tls-required", ["get-bucket-policy": .error("AccessDenied")]) == .unknown)
    }

    // MARK: Versioning and logging

    @Test func bucketNeverVersionedOrSuspendedFails() {
        let check = "s3.bucket.versioning-enabled"
        #expect(Self.status(check, [:]) == .pass)
        #expect(Self.status(check, ["get-bucket-versioning": .json("{}")]) == .fail)
        #expect(Self.one(["get-bucket-versioning": .json(#"{"Status": "Suspended"}"#)]).run(check).first?.message
            == "b has versioning suspended (Status=Suspended).")
        #expect(Self.status(check, ["get-bucket-versioning": .error("AccessDenied")]) == .unknown)
    }

    @Test func bucketWithoutAccessLoggingFails() {
        let check = "s3.bucket.access-logging-enabled"
        #expect(Self.status(check, [:]) == .fail)
        let logging = #"{"LoggingEnabled": {"TargetBucket": "logs", "TargetPrefix": "b/"}}"#
        let finding = Self.one(["get-bucket-logging": .json(logging)]).run(check).first
        #expect(finding?.status == .pass)
        #expect(finding?.message == "b logs access to logs/b/.")
        #expect(Self.status(check, ["get-bucket-logging": .error("AccessDenied")]) == .unknown)
    }

    // MARK: Replication

    static func replication(to destination: String, status: String = "Enabled") -> S3Answer {
        .json("""
            {"ReplicationConfiguration": {"Role": "arn:aws:iam::123456789012:role/replication", "Rules": [
              {"ID": "all", "Priority": 1, "Filter": {}, "Status": "\(status)", "DeleteMarkerReplication": {"Status": "Disabled"},
               "Destination": {"Bucket": "arn:aws:s3:::\(destination)"}}]}}
            """)
    }

    @Test func replicationToAnotherRegionPassesAndWithinTheRegionFails() {
        var f = Fixture()
        f.listBuckets(["src", "same", "copy-eu"])
        f.bucket("src", ["get-bucket-replication": Self.replication(to: "copy-eu")])
        f.bucket("same", ["get-bucket-replication": Self.replication(to: "src")])
        f.bucket("copy-eu", region: "eu-west-1")
        let check = "s3.bucket.cross-region-replication"
        let src = f.run(check).first { $0.resource.arn.hasSuffix(":::src") }
        #expect(src?.status == .pass)
        #expect(src?.message == "src (us-east-1) replicates to arn:aws:s3:::copy-eu in eu-west-1.")
        #expect(f.status(check, on: ":::same") == .fail)
        #expect(f.status(check, on: ":::copy-eu") == .fail)
    }

    @Test func replicationToABucketOutsideTheInventoryIsUnknown() {
        let finding = Self.one(["get-bucket-replication": Self.replication(to: "partner-bucket")]).run("s3.bucket.cross-region-replication").first
        #expect(finding?.status == .unknown)
        #expect(finding?.message.contains("partner-bucket") == true)
    }

    @Test func disabledReplicationRuleFailsAndUnreadableReplicationIsUnknown() {
        let check = "s3.bucket.cross-region-replication"
        #expect(Self.one(["get-bucket-replication": Self.replication(to: "x", status: "Disabled")]).run(check).first?.message
            == "b has no enabled replication rule.")
        #expect(Self.status(check, ["get-bucket-replication": .error("AccessDenied")]) == .unknown)
    }
}
