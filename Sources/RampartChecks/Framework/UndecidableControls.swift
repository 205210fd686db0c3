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
    public static let undecidableControls: [UndecidableControl] = [
        UndecidableControl(
            "CloudFront.14", "CloudFront distributions should be tagged",
            why: "Which tags are required is the organisation's own policy, not something AWS states; Rampart does not read distribution tags."),
        UndecidableControl(
            "APIGateway.10", "API Gateway V2 integrations should use HTTPS for private connections",
            why: "Needs apigatewayv2 get-integrations per API (the TlsConfig of each VPC_LINK integration), which Rampart does not collect yet."),
    ]
}
