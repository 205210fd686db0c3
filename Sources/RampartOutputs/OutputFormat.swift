public import RampartFindings

/// A way to present a finished scan: the seam every output format implements. Formats write
/// into a `ByteSink`, so large reports stream to their destination instead of being built whole.
public protocol OutputFormat: Sendable {
    /// The name `--format` takes.
    var name: String { get }
    /// The file name used under `--output-dir`.
    var fileName: String { get }
    func write(_ report: ScanReport, to sink: ByteSink)
}

extension OutputFormat {
    /// The whole output as one string (for tests and small reports).
    public func render(_ report: ScanReport) -> String {
        var collected: [UInt8] = []
        let sink = ByteSink { collected.append(contentsOf: $0) }
        write(report, to: sink)
        sink.flush()
        return String(decoding: collected, as: UTF8.self)
    }
}

/// Buffers output bytes and hands them on in chunks of about a megabyte.
public final class ByteSink {
    public var buffer: [UInt8] = []
    private let deliver: ([UInt8]) -> Void
    private let chunk = 1 << 20

    public init(deliver: @escaping ([UInt8]) -> Void) {
        self.deliver = deliver
        buffer.reserveCapacity(chunk + 4096)
    }

    public func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    /// Hands the buffer on once it has grown past a chunk.
    public func flushIfFull() {
        if buffer.count >= chunk { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        deliver(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The formats `rampart scan --format` accepts, by name.
public enum OutputFormats {
    public static let names = ["table", "json", "ocsf", "asff", "csv", "junit", "html", "sarif"]

    /// The format called `name`; nil for an unknown name.
    public static func named(_ name: String, color: Bool, productVersion: String) -> (any OutputFormat)? {
        switch name {
        case "table": TableFormat(color: color)
        case "json": FindingsJSONFormat()
        case "ocsf": OCSFFormat(productVersion: productVersion)
        case "asff": ASFFFormat(productVersion: productVersion)
        case "csv": CSVFormat()
        case "junit": JUnitFormat()
        case "html": HTMLReportFormat(productVersion: productVersion)
        case "sarif": SARIFFormat(productVersion: productVersion)
        default: nil
        }
    }
}

import RampartJSON

extension ByteSink {
    /// Writes `items` as a pretty JSON array, one element at a time.
    func writeJSONArray<T>(_ items: [T], _ element: (T) -> JSONValue) {
        guard !items.isEmpty else {
            append("[]\n")
            return
        }
        append("[")
        for (i, item) in items.enumerated() {
            append(i == 0 ? "\n  " : ",\n  ")
            JSONWriter.write(element(item), into: &buffer, pretty: true, indent: 1)
            flushIfFull()
        }
        append("\n]\n")
    }
}
