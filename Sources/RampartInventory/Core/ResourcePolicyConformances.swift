import RampartJSON

// The existing inventory types that carry a resource-based policy (issue 19): their policy as text,
// the form `ResourcePolicyBearing` gives every service.

extension S3Bucket: ResourcePolicyBearing {
    /// The bucket policy (`get-bucket-policy`).
    public var resourcePolicy: Known<String?> { policy.map { $0 == nil || $0 == .null ? nil : policyText($0!) } }
}

extension KMSKey: ResourcePolicyBearing {
    /// The key policy (`get-key-policy`); a key always has one, so an absent one reads as none.
    public var resourcePolicy: Known<String?> { policy.map { $0 == .null ? nil : policyText($0) } }
}

extension IAMRole: ResourcePolicyBearing {
    /// The role's trust policy (`AssumeRolePolicyDocument`).
    public var resourcePolicy: Known<String?> { .known(assumeRolePolicy.map(policyText)) }
}

private func policyText(_ document: PolicyDocument) -> String { JSONWriter.string(document) }
