public import RampartIAM
public import RampartInventory

extension ResourcePolicies {
    /// Every resource policy of `inventory` (each `ResourcePolicyBearing` resource, role trust
    /// policies included), evaluated by its type's rules (`ResourceTypeProfile.policyKind`), for
    /// `iam who-can` and `what-can`. A policy that could not be read or parsed is left out and
    /// named in `unreadable` (`ARN: reason`), so answers that would need it say so.
    public static func of(_ inventory: Inventory) -> (policies: ResourcePolicies, unreadable: [String]) {
        var entries: [Entry] = []
        var unreadable: [String] = []
        inventory.forEachResource { resource in
            guard let bearing = resource as? any ResourcePolicyBearing else { return }
            let ref = bearing.ref
            switch bearing.resourcePolicy {
            case .unknown(let reason): unreadable.append("\(ref.arn): \(reason)")
            case .known(nil): break
            case .known(let text?):
                do {
                    let document = try PolicyDocument(text: text)
                    let kind = ResourceTypeProfile.profile(for: ref.type, arn: ref.arn).policyKind
                    entries.append(Entry(arn: ref.arn, account: ref.account, policy: NamedPolicy("resource policy of \(ref.arn)", document), kind: kind))
                } catch {
                    unreadable.append("\(ref.arn): the resource policy is not a valid policy: \(error)")
                }
            }
        }
        return (ResourcePolicies(entries), unreadable)
    }
}
