public import RampartCompliance

extension ReportCompliance {
    /// The compliance engine's verdicts: every requirement of every framework evaluated, with its
    /// status (INHERITED and NOT_APPLICABLE included), counts of the resources judged and the score.
    public init(_ report: ComplianceReport) {
        self.init(
            frameworks: report.frameworks.map { result in
                Framework(
                    id: result.framework.id, title: result.framework.name,
                    requirements: result.requirements.map { r in
                        var requirement = Requirement(
                            id: r.requirement.id, title: r.requirement.title, pass: r.passing.count, fail: r.failing.count,
                            unknown: r.unknown.count, manual: r.status == .manual ? 1 : 0, checks: r.requirement.checks)
                        requirement.verdict = r.status.rawValue
                        return requirement
                    },
                    score: "\(result.score.percentText) (\(result.score.passed) of \(result.score.decidable) decidable requirements)")
            },
            basis: "Every requirement of each framework (docs/compliance.md): inherited ones are AWS's; customer and shared ones "
                + "take their status from the mapped checks' findings (PASS only when every judged resource passes); the rest are MANUAL.")
    }
}
