import Foundation

/// Finds the bundled demo snapshot: `RAMPART_DEMO_SNAPSHOT`, else `Examples/demo-snapshot` in the
/// current directory or beside any folder above the executable (so `swift run` and a built
/// binary both find it in a checkout).
enum DemoSnapshot {
    static let relative = "Examples/demo-snapshot"

    static func locate() throws -> String {
        if let path = ProcessInfo.processInfo.environment["RAMPART_DEMO_SNAPSHOT"], !path.isEmpty { return path }
        var candidates = [FileManager.default.currentDirectoryPath]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var up = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(up.path)
                up = up.deletingLastPathComponent()
            }
        }
        for base in candidates {
            let path = URL(fileURLWithPath: base).appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path + "/manifest.json") { return path }
        }
        throw RampartError("the demo snapshot was not found: run from the repository root, or set RAMPART_DEMO_SNAPSHOT")
    }
}
