public import RampartFindings
public import RampartResilience
public import RampartResponsibilities
import Foundation

/// What the HTML report shows beyond the findings: analysis results the command line computes
/// and hands in, so that the output never runs an analysis itself. A section left nil is shown
/// as "not computed for this report".
public struct HTMLReportSections: Sendable {
    /// The shared responsibility matrix of the same scan.
    public var responsibilities: ResponsibilityMatrix?
    /// The availability-zone and Region sweep (`Simulation.sweepFailures`), for the heat-map.
    public var resilience: [Scenario]?
    /// Compliance per framework; nil means "computed from the findings' framework ids".
    public var compliance: ReportCompliance?

    public init(responsibilities: ResponsibilityMatrix? = nil, resilience: [Scenario]? = nil, compliance: ReportCompliance? = nil) {
        self.responsibilities = responsibilities
        self.resilience = resilience
        self.compliance = compliance
    }
}

/// Compliance per framework as the HTML report shows it: for each framework, each requirement
/// with how many findings pass, fail, are unknown or need a person. `init(findings:)` derives it
/// from the findings' `frameworks` ids; a compliance engine can fill it with its own verdicts
/// (titles, requirements no check covers) through the memberwise initialisers.
public struct ReportCompliance: Sendable {
    /// One framework requirement and the verdicts of the checks that evidence it.
    public struct Requirement: Sendable {
        public var id: String
        public var title: String?
        public var pass: Int
        public var fail: Int
        public var unknown: Int
        public var manual: Int
        /// The checks whose findings were counted.
        public var checks: [String]
        /// The compliance engine's verdict (`INHERITED`, `NOT_APPLICABLE` ...), shown instead of
        /// the one derived from the counts.
        public var verdict: String?

        public init(id: String, title: String? = nil, pass: Int, fail: Int, unknown: Int, manual: Int, checks: [String]) {
            self.id = id
            self.title = title
            self.pass = pass
            self.fail = fail
            self.unknown = unknown
            self.manual = manual
            self.checks = checks
        }

        /// FAIL when any finding fails; else UNKNOWN when any is unknown (never PASS on missing
        /// evidence); else MANUAL when nothing was judged automatically; else PASS.
        public var shownStatus: String { verdict ?? status.rawValue }

        public var status: Status {
            if fail > 0 { return .fail }
            if unknown > 0 { return .unknown }
            if pass == 0 { return .manual }
            return .pass
        }
    }

    /// One framework (`cis-aws-3.0`, `aws-fsbp` ...) and its requirements.
    public struct Framework: Sendable {
        public var id: String
        public var title: String?
        public var requirements: [Requirement]
        /// The framework's score as the compliance engine states it ("62% (31 of 50)").
        public var score: String?

        public init(id: String, title: String? = nil, requirements: [Requirement], score: String? = nil) {
            self.id = id
            self.title = title
            self.requirements = requirements
            self.score = score
        }
    }

    public var frameworks: [Framework]
    /// Where the verdicts come from, shown under the section's heading.
    public var basis: String

    public init(frameworks: [Framework], basis: String) {
        self.frameworks = frameworks
        self.basis = basis
    }

    /// Per framework and requirement, the findings whose check lists that requirement.
    public init(findings: [Finding]) {
        struct Tally { var pass = 0, fail = 0, unknown = 0, manual = 0; var checks: [String] = [] }
        var tallies: [String: [String: Tally]] = [:]
        for f in findings {
            for (framework, requirements) in f.frameworks {
                for requirement in requirements {
                    var t = tallies[framework, default: [:]][requirement, default: Tally()]
                    switch f.status {
                    case .pass: t.pass += 1
                    case .fail: t.fail += 1
                    case .unknown: t.unknown += 1
                    case .manual: t.manual += 1
                    }
                    if !t.checks.contains(f.checkId) { t.checks.append(f.checkId) }
                    tallies[framework, default: [:]][requirement] = t
                }
            }
        }
        frameworks = tallies.keys.sorted().map { framework in
            let requirements = tallies[framework, default: [:]].sorted { Self.requirementOrder($0.key, $1.key) }.map { id, t in
                Requirement(id: id, pass: t.pass, fail: t.fail, unknown: t.unknown, manual: t.manual, checks: t.checks.sorted())
            }
            return Framework(id: framework, requirements: requirements)
        }
        basis = "Counted from the framework requirements each check's findings evidence; requirements no check covers are not listed."
    }

    /// `1.10` after `1.9`, `EC2.13` after `EC2.2`: numeric runs compare as numbers.
    static func requirementOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: .numeric) == .orderedAscending
    }
}
