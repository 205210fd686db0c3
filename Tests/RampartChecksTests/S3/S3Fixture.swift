import RampartJSON

/// What one `aws s3api` call printed for a bucket, or the error it failed with.
enum S3Answer {
    case json(String)
    case error(String)
}

extension Fixture {
    /// ACL of a bucket owned by its account only, as `aws s3api get-bucket-acl` prints it.
    static let privateACL = """
        {"Owner": {"ID": "abc123"}, "Grants": [{"Grantee": {"ID": "abc123", "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]}
        """

    static let allBlocked = """
        {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}
        """

    static let noneBlocked = """
        {"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}
        """

    /// `aws s3api get-bucket-policy` prints the policy as a JSON string inside `Policy`.
    static func policy(_ document: String) -> S3Answer {
        .json(JSONWriter.string(["Policy": .string(document)]))
    }

    /// Records every per-bucket call of a bucket; the defaults describe a well-configured private bucket.
    mutating func bucket(_ name: String, region: String = "us-east-1", _ overrides: [String: S3Answer] = [:]) {
        let location = region == "us-east-1" ? #"{"LocationConstraint": null}"# : #"{"LocationConstraint": "\#(region)"}"#
        let defaults: [String: S3Answer] = [
            "get-bucket-location": .json(location),
            "get-bucket-tagging": .error("NoSuchTagSet"),
            "get-bucket-acl": .json(Self.privateACL),
            "get-bucket-policy": .error("NoSuchBucketPolicy"),
            "get-public-access-block": .json(Self.allBlocked),
            "get-bucket-encryption": .json("""
                {"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": false}]}}
                """),
            "get-bucket-versioning": .json(#"{"Status": "Enabled", "MFADelete": "Disabled"}"#),
            "get-bucket-replication": .error("ReplicationConfigurationNotFoundError"),
            "get-bucket-logging": .json("{}"),
        ]
        for (operation, answer) in defaults.merging(overrides, uniquingKeysWith: { _, override in override }) {
            switch answer {
            case .json(let json): self.answer("global", "s3api", operation, resource: name, json)
            case .error(let code): fail("global", "s3api", operation, resource: name, code: code)
            }
        }
    }

    /// Records `aws s3api list-buckets` for these buckets.
    mutating func listBuckets(_ names: [String]) {
        let entries = names.map { #"{"Name": "\#($0)", "CreationDate": "2024-03-01T10:00:00+00:00"}"# }.joined(separator: ",")
        answer("global", "s3api", "list-buckets", #"{"Buckets": [\#(entries)], "Owner": {"ID": "abc123"}}"#)
    }

    /// Records `aws s3control get-public-access-block` for the account.
    mutating func accountBlock(_ answer: S3Answer) {
        switch answer {
        case .json(let json): self.answer("global", "s3control", "get-public-access-block", json)
        case .error(let code): fail("global", "s3control", "get-public-access-block", code: code)
        }
    }
}
