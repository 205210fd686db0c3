import Foundation
import RampartFindings
import RampartOutputs

/// Sends rendered formats to stdout, or to files under `--output-dir`. Files are written to a
/// temporary name and renamed, owner-readable only, so a reader never sees half a report.
struct OutputWriter {
    let formats: [String]
    let outputDir: String?
    /// The analyses the HTML report shows beside the findings, computed by the command.
    var htmlSections: HTMLReportSections? = nil
    /// No "wrote FILE" lines on stderr (`--quiet`).
    var quiet = false
    /// The table puts a resource's related failures on one line (`--no-group` turns it off).
    var groupTable = true

    /// Whether output may be coloured: only to a terminal, without `--output-dir`, `NO_COLOR` unset.
    var color: Bool {
        outputDir == nil && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func write(_ report: ScanReport) throws {
        let rendered = formats.compactMap { name -> (any OutputFormat)? in
            if name == "html", let htmlSections { return HTMLReportFormat(productVersion: RampartCommand.version, sections: htmlSections) }
            if name == "table" { return TableFormat(color: color, grouped: groupTable) }
            return OutputFormats.named(name, color: color, productVersion: RampartCommand.version)
        }
        try deliver(rendered.map { format in
            Rendering(
                name: format.name, fileName: format.fileName, write: { format.write(report, to: $0) },
                terminalCopy: format.name == "table" ? { TableFormat(color: false, grouped: groupTable).write(report, to: $0) } : nil)
        })
    }

    /// One rendered output: how to write it, and for a terminal format written to a file, the
    /// copy that also goes to stdout.
    struct Rendering {
        var name: String
        var fileName: String
        var write: (ByteSink) -> Void
        var terminalCopy: ((ByteSink) -> Void)?
    }

    /// Streams each rendering to stdout, or writes it to its file under `--output-dir`.
    func deliver(_ renderings: [Rendering]) throws {
        guard let outputDir else {
            for rendering in renderings { stream(rendering.write, to: FileHandle.standardOutput) }
            return
        }
        do {
            // Reports name resources and weaknesses: a new directory is the owner's alone (0700).
            try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RampartError("\(outputDir): cannot create the output directory: \(error.localizedDescription)")
        }
        for rendering in renderings {
            let target = URL(fileURLWithPath: outputDir).appendingPathComponent(rendering.fileName)
            try writeAtomically(rendering.write, to: target)
            if let copy = rendering.terminalCopy { stream(copy, to: FileHandle.standardOutput) }
            if !quiet { note("rampart: wrote \(target.path)") }
        }
    }

    private func stream(_ write: (ByteSink) -> Void, to handle: FileHandle) {
        let sink = ByteSink { handle.write(Data($0)) }
        write(sink)
        sink.flush()
    }

    private func writeAtomically(_ write: (ByteSink) -> Void, to target: URL) throws {
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else { throw RampartError("\(temporary.path): cannot write") }
        stream(write, to: handle)
        try? handle.close()
        guard rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw RampartError("\(target.path): cannot write: \(String(cString: strerror(errno)))")
        }
    }
}
