public import RampartFindings

/// A way to present a finished scan: the seam every output format implements.
public protocol OutputFormat: Sendable {
    /// The name `--format` takes.
    var name: String { get }
    /// The file name used under `--output-dir`.
    var fileName: String { get }
    func render(_ report: ScanReport) -> String
}

/// The formats `rampart scan --format` accepts, by name.
public enum OutputFormats {
    public static let names = ["table", "json", "ocsf"]

    /// The format called `name`; nil for an unknown name.
    public static func named(_ name: String, color: Bool, productVersion: String) -> (any OutputFormat)? {
        switch name {
        case "table": TableFormat(color: color)
        case "json": FindingsJSONFormat()
        case "ocsf": OCSFFormat(productVersion: productVersion)
        default: nil
        }
    }
}
