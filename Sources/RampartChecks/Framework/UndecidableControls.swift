/// An AWS Foundational Security Best Practices control that no check decides, and why: what a
/// read-only call cannot show. `rampart checks --format markdown` lists them under the catalogue,
/// so docs/checks.md says plainly what Rampart leaves to a person.
public struct UndecidableControl: Sendable {
    /// The FSBP control id (`Lambda.3`).
    public var control: String
    public var title: String
    public var why: String

    public init(_ control: String, _ title: String, why: String) {
        self.control = control
        self.title = title
        self.why = why
    }
}

extension CheckCatalog {
    /// FSBP controls of the services Rampart reads that no check decides, with the reason.
    public static let undecidableControls: [UndecidableControl] = []
}
