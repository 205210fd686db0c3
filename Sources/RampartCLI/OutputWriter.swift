import Foundation
import RampartFindings
import RampartOutputs

/// Sends rendered formats to stdout, or to files under `--output-dir`. Files are written to a
/// temporary name and renamed, owner-readable only, so a reader never sees half a report.
struct OutputWriter {
    let formats: [String]
    let outputDir: String?

    func write(_ report: ScanReport) throws {
        let color = outputDir == nil && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let rendered = formats.compactMap { OutputFormats.named($0, color: color, productVersion: RampartCommand.version) }
        guard let outputDir else {
            for format in rendered { stream(format, report, to: FileHandle.standardOutput) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
        } catch {
            throw RampartError("\(outputDir): cannot create the output directory: \(error.localizedDescription)")
        }
        for format in rendered {
            let target = URL(fileURLWithPath: outputDir).appendingPathComponent(format.fileName)
            try writeAtomically(format, report, to: target)
            if format.name == "table" { stream(TableFormat(color: false), report, to: FileHandle.standardOutput) }
            note("rampart: wrote \(target.path)")
        }
    }

    private func stream(_ format: any OutputFormat, _ report: ScanReport, to handle: FileHandle) {
        let sink = ByteSink { handle.write(Data($0)) }
        format.write(report, to: sink)
        sink.flush()
    }

    private func writeAtomically(_ format: any OutputFormat, _ report: ScanReport, to target: URL) throws {
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else { throw RampartError("\(temporary.path): cannot write") }
        stream(format, report, to: handle)
        try? handle.close()
        guard rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw RampartError("\(target.path): cannot write: \(String(cString: strerror(errno)))")
        }
    }
}
