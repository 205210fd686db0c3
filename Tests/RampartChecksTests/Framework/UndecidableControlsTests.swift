import RampartChecks
import Testing

@Suite struct UndecidableControlsTests {
    /// A control listed as undecided must not also be claimed by a check: docs/checks.md would say
    /// both that Rampart decides it and that it cannot.
    @Test func noUndecidableControlIsClaimedByACheck() {
        let claimed = Set(CheckCatalog.all.flatMap { $0.metadata.frameworks["aws-fsbp"] ?? [] })
        let undecidable = CheckCatalog.undecidableControls.map(\.control)
        #expect(Set(undecidable).count == undecidable.count, "a control is listed twice")
        #expect(claimed.intersection(undecidable).isEmpty, "claimed by a check and listed as undecidable: \(claimed.intersection(undecidable).sorted())")
        #expect(CheckCatalog.undecidableControls.allSatisfy { !$0.why.isEmpty && !$0.title.isEmpty })
    }
}
