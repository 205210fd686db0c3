public import RampartFindings
public import RampartInventory

/// Decides whether a finding's resource is one the customer cannot change, and so AWS's to
/// answer for: AWS managed policies (`arn:aws:iam::aws:policy/...`), service-linked roles (path
/// `/aws-service-role/`), AWS managed KMS keys, and anything whose ARN names the account `aws`.
/// The one place findings are attributed; `Scanner` applies it to every finding.
public struct ResourceOwnership: Sendable {
    private let awsOwned: Set<String>

    /// Reads which resources of `inventory` AWS owns (roles and keys are known by their data, not their ARN alone).
    public init(_ inventory: Inventory) {
        var arns: Set<String> = []
        for account in inventory.accounts {
            if let details = account.iam.authorizationDetails.value {
                for role in details.roles where role.isServiceLinked { arns.insert(role.ref.arn) }
                for policy in details.policies where policy.isAWSManaged { arns.insert(policy.ref.arn) }
            }
            for region in account.regions {
                for key in region.kms.keys.value ?? [] where key.metadata.value?.keyManager == "AWS" { arns.insert(key.ref.arn) }
            }
        }
        awsOwned = arns
    }

    /// `aws` when the customer cannot change the resource, `customer` otherwise.
    public func owner(of resource: ResourceRef) -> Owner {
        awsOwned.contains(resource.arn) || Self.isAWSOwned(arn: resource.arn) ? .aws : .customer
    }

    /// What the ARN alone shows: the account part is `aws` (AWS managed policies), or the role's
    /// path is `/aws-service-role/` (role ARNs carry the path).
    public static func isAWSOwned(arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return false }
        if parts[4] == "aws" { return true }
        return parts[2] == "iam" && parts[5].hasPrefix("role/aws-service-role/")
    }

    /// `findings` with `responsibility.owner` set from the resource's owner.
    public func attribute(_ findings: [Finding]) -> [Finding] {
        findings.map { finding in
            var attributed = finding
            attributed.responsibility.owner = owner(of: finding.resource)
            return attributed
        }
    }
}
