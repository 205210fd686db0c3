import RampartFindings
import RampartInventory
import RampartJSON

/// GuardDuty: threat detection is on in every region, so findings exist when something goes wrong.
enum GuardDutyChecks {
    static let all: [Check] = [detectorEnabled]

    static let detectorEnabled = Check(
        CheckMetadata(
            id: "guardduty.region.detector-enabled",
            title: "GuardDuty is enabled in every region",
            severity: .high, resourceType: "AWS::::Account", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["GuardDuty.1"]],
            prowler: "guardduty_is_enabled",
            risk: "Without an enabled GuardDuty detector, credential misuse, crypto-mining and reconnaissance in the region go unnoticed.",
            remediation: "Create a GuardDuty detector in the region, or enable the disabled one.",
            remediationCommand: "aws guardduty create-detector --enable --region <region>"),
        evaluate: { ctx in
            ctx.inventory.regions.map { region in
                let ref = ctx.regionRef(region, service: "guardduty")
                let name = region.scope.region
                let detectors: [GuardDutyDetector]
                switch region.guardDuty.detectors {
                case .known(let list): detectors = list
                case .unknown(let reason): return .unknown(ref, reason)
                }
                let evidence: JSONObject = ["detectors": .strings(detectors.map(\.id))]
                if let enabled = detectors.first(where: { $0.details.value?.isEnabled == true }) {
                    return .pass(ref, "GuardDuty detector \(enabled.id) is enabled in \(name).", evidence: evidence)
                }
                if let unread = detectors.first(where: { $0.details.value == nil }), case .unknown(let reason) = unread.details {
                    return .unknown(ref, reason)
                }
                if detectors.isEmpty {
                    return .fail(ref, "\(name) has no GuardDuty detector.", evidence: evidence)
                }
                return .fail(ref, "Every GuardDuty detector in \(name) is disabled (\(detectors.map(\.id).joined(separator: ", "))).", evidence: evidence)
            }
        })
}
