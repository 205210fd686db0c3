import Foundation
import RampartChecks
import RampartFindings
import RampartInventory
import RampartJSON
import RampartTemplates

/// Infrastructure code read as evidence: the templates rendered under each assumption about
/// their unresolved values (one rendering when nothing is unresolved), and where each declared
/// resource is written.
struct CodeEvidence {
    /// The inventory per assumption; the first (permissive) is what resilience and the matrix read.
    var inventories: [Inventory]
    /// Declared resources by ARN.
    var declared: [String: RenderedResource]
    var unmodelled: [String: Int]
    var files: Int

    init(_ set: TemplateSet) {
        let now = Date()
        let first = set.callResults(.permissive, collectedAt: now)
        var renderings = [first]
        if first.resources.contains(where: { !$0.unresolved.isEmpty }) { renderings.append(set.callResults(.restrictive, collectedAt: now)) }
        inventories = renderings.map { rendering in
            var inventory = InventoryBuilder.build(from: rendering)
            // Calls a template cannot answer (the account as it runs) are not problems of the code.
            inventory.problems.removeAll { $0.kind == .notCollected }
            return inventory
        }
        var declared: [String: RenderedResource] = [:]
        for r in first.resources { declared[r.arn] = r }
        self.declared = declared
        unmodelled = first.unmodelled
        files = set.templates.count
    }

    /// Runs `checks` over every rendering and keeps the verdicts on declared resources: a verdict
    /// that differs between renderings depends on an unresolved value and becomes UNKNOWN; a
    /// verdict that needs the running account (credential report, last use) is not applicable to
    /// code and is counted, not reported. Findings gain the resource's location and inline suppressions.
    func findings(_ checks: [Check]) -> (findings: [Finding], notApplicable: Int) {
        let runs = inventories.map { Scanner.run(checks, on: $0) }
        var others: [[String: Finding]] = []
        for run in runs.dropFirst() {
            var byId: [String: Finding] = [:]
            for f in run { byId[f.findingId] = f }
            others.append(byId)
        }
        var out: [Finding] = []
        var notApplicable = 0
        for var finding in runs[0] {
            guard let resource = declared[finding.resource.arn] else { continue }
            if finding.status == .unknown && finding.message.contains("was not collected") {
                notApplicable += 1
                continue
            }
            for other in others where other[finding.findingId]?.status != finding.status {
                finding.status = .unknown
                finding.message = "Depends on values the template leaves unresolved: " + resource.unresolved.joined(separator: "; ")
                finding.evidence["unresolved"] = .strings(resource.unresolved)
            }
            finding.resource.location = resource.location
            if let skip = resource.suppressions.first(where: { $0.checkId == finding.checkId }) {
                finding.muted = Muted(reason: skip.reason, owner: "template", expires: nil, rule: "inline:\(resource.location.file)")
            }
            out.append(finding)
        }
        return (out, notApplicable)
    }
}
