import ArgumentParser
import RampartFindings
import RampartInventory
import RampartSuppressions

/// `--mutelist FILE`: accepted risks (README, "Accepting a risk"), shared by `scan`,
/// `responsibilities` and `compliance` so all three judge the same findings muted.
struct MutelistOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Accept risks listed in this YAML file: matched findings are muted, counted apart and never trip --fail-on.", valueName: "FILE"))
    var mutelist: String?

    /// Reads and checks the file, before any evidence is read; nil without `--mutelist`.
    func load() throws -> Mutelist? {
        guard let mutelist else { return nil }
        let text = try readInputText(mutelist, limit: 4 << 20, what: "--mutelist")
        do {
            return try Mutelist.parse(text, file: mutelist)
        } catch {
            throw RampartError(error.description)
        }
    }
}

/// `--baseline FILE`: a previous `scan --format json`, whose failures no longer trip `--fail-on`.
struct BaselineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A previous 'scan --format json' file: only failures not in it trip --fail-on.", valueName: "FILE"))
    var baseline: String?

    func load() throws -> Baseline? {
        guard let baseline else { return nil }
        let bytes = try readInputFile(baseline, limit: 512 << 20, what: "--baseline")
        do {
            return try Baseline.parse(bytes, file: baseline)
        } catch {
            throw RampartError(error.description)
        }
    }
}

extension AccountEvidence {
    /// Every resource's tags by ARN, for mutelist rules that select by tag.
    func tagsByARN() -> [String: Tags] {
        var tags: [String: Tags] = [:]
        inventory.forEachResource { tags[$0.ref.arn] = $0.tags }
        return tags
    }

    /// `report` with `mutelist` applied (unchanged without one).
    func muting(_ report: ScanReport, with mutelist: Mutelist?) -> ScanReport {
        guard let mutelist else { return report }
        let tags = tagsByARN()
        return mutelist.apply(to: report) { tags[$0] }
    }
}
