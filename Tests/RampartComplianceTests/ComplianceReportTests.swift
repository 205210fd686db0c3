import Foundation
import RampartChecks
import RampartCompliance
import RampartFindings
import RampartInventory
import RampartJSON
import RampartSnapshot
import Testing

/// Findings and reports made by hand, for the status rules.
enum Made {
    static func finding(_ check: String, _ arn: String, _ status: Status, message: String = "m") -> Finding {
        Finding(
            checkId: check, title: "t", status: status, severity: .high,
            resource: ResourceRef(arn: arn, type: "AWS::S3::Bucket", account: "123456789012", region: "us-east-1", name: arn),
            responsibility: Responsibility(owner: .customer, serviceModel: .infrastructure), frameworks: [:], aliases: [:],
            message: message, risk: "r", evidence: JSONObject(), remediation: "x", service: "s3")
    }

    static func requirement(_ responsibility: RequirementResponsibility = .customer, checks: [String] = ["c.one", "c.two"]) -> Requirement {
        Requirement(
            id: "R1", title: "t", group: "G", responsibility: responsibility, checks: checks, evidence: "show it",
            attestations: responsibility == .customer ? [] : ["SOC 2"])
    }
}

/// The demo snapshot scanned with every check, as `rampart compliance --demo` sees it.
enum DemoScan {
    static func report() throws -> ScanReport {
        let snapshot = try SnapshotDirectory(path: FrameworkLibraryTests.repository.appendingPathComponent("Examples/demo-snapshot").path)
        let inventory = InventoryBuilder.build(from: snapshot)
        return ScanReport(
            findings: Scanner.run(CheckCatalog.all, on: inventory), collectedAt: inventory.collectedAt, accounts: snapshot.accounts,
            regions: snapshot.regions, resourceCounts: inventory.resourceCounts, problems: inventory.problems, source: "the demo snapshot",
            checksRun: CheckCatalog.all.count
        ).settingAsideAWSOwned()
    }
}

/// The status rules: no requirement is PASS unless a check judged something and all of it passed.
@Suite struct ComplianceStatusRuleTests {
    @Test func oneFailingResourceFailsTheRequirementAndIsListed() {
        let result = ComplianceReport.evaluate(Made.requirement(), findings: [
            Made.finding("c.one", "arn:a", .pass), Made.finding("c.two", "arn:b", .fail, message: "open"), Made.finding("c.two", "arn:c", .unknown),
        ])
        #expect(result.status == .fail)
        #expect(result.failing.map(\.arn) == ["arn:b"])
        #expect(result.failing.first?.checkId == "c.two" && result.failing.first?.message == "open")
        #expect(result.judged == 3)
    }

    @Test func unknownEvidenceWithoutAFailureIsUnknownNotPass() {
        let result = ComplianceReport.evaluate(Made.requirement(), findings: [
            Made.finding("c.one", "arn:a", .pass), Made.finding("c.two", "arn:a", .unknown, message: "AccessDenied"),
        ])
        #expect(result.status == .unknown)
        #expect(result.reason.contains("AccessDenied"))
        #expect(result.passing.isEmpty, "a resource with unknown evidence is not counted as passing")
    }

    @Test func noFindingAtAllIsNotApplicableNeverPass() {
        let result = ComplianceReport.evaluate(Made.requirement(), findings: [])
        #expect(result.status == .notApplicable)
        #expect(result.reason == "none of the 2 mapped checks found a resource to judge")
    }

    @Test func allJudgedResourcesPassingIsPass() {
        let result = ComplianceReport.evaluate(Made.requirement(), findings: [Made.finding("c.one", "arn:a", .pass), Made.finding("c.two", "arn:b", .pass)])
        #expect(result.status == .pass)
        #expect(result.passing.map(\.arn) == ["arn:a", "arn:b"])
    }

    @Test func aCheckThatNeedsAPersonMakesTheRequirementManual() {
        let result = ComplianceReport.evaluate(Made.requirement(), findings: [Made.finding("c.one", "arn:a", .pass), Made.finding("c.two", "arn:b", .manual)])
        #expect(result.status == .manual)
    }

    @Test func aRequirementWithoutChecksIsManualWithItsEvidence() {
        let result = ComplianceReport.evaluate(Made.requirement(checks: []), findings: [])
        #expect(result.status == .manual)
        #expect(result.requirement.evidence == "show it")
    }

    @Test func anInheritedRequirementIsInheritedAndNamesTheAttestation() {
        let result = ComplianceReport.evaluate(Made.requirement(.inherited, checks: []), findings: [])
        #expect(result.status == .inherited)
        #expect(result.reason == "AWS's: covered by SOC 2")
    }

    @Test func aSharedRequirementIsDecidedByItsChecks() {
        let result = ComplianceReport.evaluate(Made.requirement(.shared), findings: [Made.finding("c.one", "arn:a", .fail)])
        #expect(result.status == .fail)
    }

    @Test func theScoreCountsUnknownAgainstAndLeavesManualOut() {
        let score = ComplianceScore(passed: 3, failed: 1, unknown: 2)
        #expect(score.decidable == 6)
        #expect(score.value == 0.5)
        #expect(score.percentText == "50%")
        #expect(ComplianceScore(passed: 0, failed: 0, unknown: 0).percentText == "n/a")
    }
}

/// The demo company's compliance, recomputed here from the scan's findings by another road: the
/// `frameworks` each finding carries (CIS), or the checks each requirement lists (NIST).
@Suite struct DemoComplianceTests {
    @Test func cisScoresFollowTheFindingsFrameworkIds() throws {
        let scan = try DemoScan.report()
        let library = FrameworkLibraryTests.library
        for id in ["cis-aws-3.0", "cis-aws-5.0", "aws-fsbp"] {
            let report = ComplianceReport(library: library, frameworks: [id], report: scan)
            let result = try #require(report.frameworks.first)
            var statuses: [String: Set<Status>] = [:]
            for finding in scan.findings {
                for requirement in finding.frameworks[id] ?? [] { statuses[requirement, default: []].insert(finding.status) }
            }
            let failed = Set(statuses.filter { $0.value.contains(.fail) }.keys)
            let unknown = Set(statuses.filter { !$0.value.contains(.fail) && $0.value.contains(.unknown) }.keys)
            let passed = Set(statuses.filter { $0.value == [.pass] }.keys)
            #expect(Set(result.requirements.filter { $0.status == .fail }.map(\.requirement.id)) == failed, "\(id)")
            #expect(Set(result.requirements.filter { $0.status == .unknown }.map(\.requirement.id)) == unknown, "\(id)")
            #expect(Set(result.requirements.filter { $0.status == .pass }.map(\.requirement.id)) == passed, "\(id)")
            #expect(result.score == ComplianceScore(passed: passed.count, failed: failed.count, unknown: unknown.count), "\(id)")
            // The demo company is built to fail some controls and meet others.
            #expect(!failed.isEmpty && !passed.isEmpty, "\(id)")
        }
    }

    @Test func aFrameworkAskedForTwiceIsReportedOnce() throws {
        let report = ComplianceReport(library: FrameworkLibraryTests.library, frameworks: ["soc2", "pci-dss-4.0", "soc2"], report: try DemoScan.report())
        #expect(report.frameworks.map(\.framework.id) == ["soc2", "pci-dss-4.0"])
    }

    @Test func aFailingNistControlListsEveryResourceItsChecksFail() throws {
        let scan = try DemoScan.report()
        let report = ComplianceReport(library: FrameworkLibraryTests.library, frameworks: ["nist-800-53-r5"], report: scan)
        let nist = try #require(report.frameworks.first)
        let ac6 = try #require(nist.requirements.first { $0.requirement.id == "AC-6" })
        let checks = Set(ac6.requirement.checks)
        let failing = Set(scan.findings.filter { checks.contains($0.checkId) && $0.status == .fail }.map(\.resource.arn))
        #expect(!failing.isEmpty)
        #expect(ac6.status == .fail)
        #expect(Set(ac6.failing.map(\.arn)) == failing)
        #expect(nist.requirements.filter { $0.requirement.group == "PE" }.allSatisfy { $0.status == .inherited })
        #expect(nist.requirements.first { $0.requirement.id == "AC-1" }?.status == .manual)
    }

    @Test func noRequirementPassesWithoutAPassingFinding() throws {
        let scan = try DemoScan.report()
        let report = ComplianceReport(library: FrameworkLibraryTests.library, frameworks: FrameworkLibraryTests.library.ids, report: scan)
        for framework in report.frameworks {
            for r in framework.requirements where r.status == .pass {
                let checks = Set(r.requirement.checks)
                let findings = scan.findings.filter { checks.contains($0.checkId) }
                #expect(!findings.isEmpty && findings.allSatisfy { $0.status == .pass }, "\(framework.framework.id) \(r.requirement.id)")
            }
        }
    }
}
