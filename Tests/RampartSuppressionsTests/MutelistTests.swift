import Foundation
import RampartFindings
import RampartInventory
import RampartSuppressions
import Testing

/// 2026-06-15T12:00:00Z: when the test scans' evidence was collected.
let collected = Date(timeIntervalSince1970: 1_781_524_800)

func finding(
    _ checkId: String, _ status: Status = .fail, arn: String = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc",
    account: String = "111122223333", region: String = "us-east-1", prowler: String? = nil
) -> Finding {
    Finding(
        checkId: checkId, title: "t", status: status, severity: .high,
        resource: ResourceRef(arn: arn, type: "AWS::EC2::Instance", account: account, region: region, name: "web"),
        responsibility: Responsibility(owner: .customer, serviceModel: .infrastructure), frameworks: [:],
        aliases: prowler.map { ["prowler": $0] } ?? [:], message: "m", risk: "r", evidence: [:], remediation: "aws ec2 x", service: "ec2")
}

func report(_ findings: [Finding], at date: Date = collected) -> ScanReport {
    ScanReport(
        findings: findings, collectedAt: date, accounts: ["111122223333"], regions: ["us-east-1"], resourceCounts: [:], problems: [],
        source: "test", checksRun: 1)
}

func mutelist(_ rules: String) throws -> Mutelist { try Mutelist.parse("rules:\n" + rules, file: "m.yaml") }

func rule(_ selectors: String, expires: String = "2026-12-31", name: String = "r1") -> String {
    "  - name: \(name)\n\(selectors)    reason: accepted\n    owner: team-a\n    expires: \(expires)\n"
}

/// The findings of `findings` that `list` mutes, by check id.
func mutedChecks(_ list: Mutelist, _ findings: [Finding], tags: [String: Tags] = [:], at date: Date = collected) -> [String] {
    list.apply(to: report(findings, at: date)) { tags[$0] }.findings.filter { $0.muted != nil }.map(\.checkId)
}

@Suite struct MutelistMatchingTests {
    @Test func checksSelectByCheckIdOrProwlerAlias() throws {
        let list = try mutelist(rule("    checks: [\"ec2.instance.ssh-*\", ec2_instance_port_rdp_exposed]\n"))
        let muted = mutedChecks(list, [
            finding("ec2.instance.ssh-not-exposed-to-internet"), finding("ec2.instance.telnet-not-exposed-to-internet"),
            finding("ec2.instance.rdp-not-exposed-to-internet", prowler: "ec2_instance_port_rdp_exposed"),
        ])
        #expect(muted == ["ec2.instance.ssh-not-exposed-to-internet", "ec2.instance.rdp-not-exposed-to-internet"])
    }

    @Test func resourcesSelectByARN() throws {
        let list = try mutelist(rule("    resources: \"arn:aws:s3:::public-*\"\n"))
        let muted = mutedChecks(list, [
            finding("s3.a", arn: "arn:aws:s3:::public-site"), finding("s3.b", arn: "arn:aws:s3:::private-data"),
        ])
        #expect(muted == ["s3.a"])
    }

    @Test func accountsAndRegionsSelectTheirScope() throws {
        let list = try mutelist(rule("    accounts: [\"1111*\"]\n    regions: [eu-*, global]\n"))
        let muted = mutedChecks(list, [
            finding("a", account: "111122223333", region: "eu-west-1"), finding("b", account: "111122223333", region: "us-east-1"),
            finding("c", account: "999988887777", region: "eu-west-1"), finding("d", account: "111122223333", region: "global"),
        ])
        #expect(muted == ["a", "d"])
    }

    @Test func tagsMustAllBeOnTheResourceWithMatchingValues() throws {
        let list = try mutelist(rule("    tags:\n      team: legacy-*\n      env: prod\n"))
        let arnA = "arn:aws:ec2:us-east-1:111122223333:instance/i-a"
        let arnB = "arn:aws:ec2:us-east-1:111122223333:instance/i-b"
        let arnC = "arn:aws:ec2:us-east-1:111122223333:instance/i-c"
        let tags: [String: Tags] = [arnA: ["team": "legacy-web", "env": "prod"], arnB: ["team": "legacy-web"], arnC: ["team": "core", "env": "prod"]]
        let muted = mutedChecks(list, [finding("a", arn: arnA), finding("b", arn: arnB), finding("c", arn: arnC), finding("d", arn: "arn:unknown")], tags: tags)
        #expect(muted == ["a"])
    }

    @Test func everySelectorOfARuleMustMatch() throws {
        let list = try mutelist(rule("    checks: [s3.*]\n    regions: [eu-west-1]\n"))
        #expect(mutedChecks(list, [finding("s3.x", region: "us-east-1"), finding("s3.y", region: "eu-west-1")]) == ["s3.y"])
    }

    @Test func aMatchedFindingKeepsItsStatusAndCarriesTheRule() throws {
        let list = try mutelist(rule("    checks: \"*\"\n", name: "legacy-web"))
        let out = list.apply(to: report([finding("a", .fail), finding("b", .unknown)])) { _ in nil }
        #expect(out.findings.map(\.status) == [.fail, .unknown])
        #expect(out.findings[0].muted == Muted(reason: "accepted", owner: "team-a", expires: "2026-12-31", rule: "legacy-web"))
        #expect(out.failures(atLeast: .informational).isEmpty)
        #expect(out.count(.fail) == 0 && out.muted.count == 2)
    }

    @Test func aRuleWithoutANameIsNamedByFileAndLine() throws {
        let list = try Mutelist.parse("rules:\n  - checks: [a]\n    reason: r\n    owner: o\n    expires: 2026-12-31\n", file: "ok.yaml")
        #expect(list.rules[0].id == "ok.yaml:2")
    }

    @Test func unusedRulesAreListedAsStale() throws {
        let list = try mutelist(rule("    checks: [a]\n", name: "used") + rule("    checks: [zzz]\n", name: "stale"))
        let out = list.apply(to: report([finding("a")])) { _ in nil }
        #expect(out.suppression.unusedRules.map(\.rule) == ["stale"])
        #expect(out.suppression.expiredRules.isEmpty)
    }
}

@Suite struct MutelistExpiryTests {
    @Test func aRuleHoldsThroughItsLastDayInUTCJudgedAtCollectionTime() throws {
        let list = try mutelist(rule("    checks: \"*\"\n", expires: "2026-06-15"))
        #expect(mutedChecks(list, [finding("a")], at: collected) == ["a"])
        let nextDay = Date(timeIntervalSince1970: 1_781_568_000)  // 2026-06-16T00:00:00Z
        #expect(mutedChecks(list, [finding("a")], at: nextDay).isEmpty)
    }

    @Test func anOldSnapshotIsJudgedAsOfItsCollectionNotTheWallClock() throws {
        // Expired long before today, but in force when this snapshot was collected (2020).
        let list = try mutelist(rule("    checks: \"*\"\n", expires: "2021-01-01"))
        let old = Date(timeIntervalSince1970: 1_590_000_000)  // 2020-05-20
        #expect(mutedChecks(list, [finding("a")], at: old) == ["a"])
        #expect(mutedChecks(list, [finding("a")], at: Date()).isEmpty)
    }

    @Test func anExpiredRuleMutesNothingAndIsListed() throws {
        let list = try mutelist(rule("    checks: \"*\"\n", expires: "2026-01-31", name: "old"))
        let out = list.apply(to: report([finding("a")])) { _ in nil }
        #expect(out.muted.isEmpty)
        #expect(out.suppression.expiredRules == [.init(rule: "old", owner: "team-a", expires: "2026-01-31")])
        #expect(out.suppression.unusedRules.isEmpty)
        #expect(out.failures(atLeast: .high).count == 1)
    }
}

@Suite struct MutelistBadInputTests {
    func error(_ text: String) -> String? {
        do {
            _ = try Mutelist.parse(text, file: "bad.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: ["reason", "owner", "expires"])
    func aRuleWithoutReasonOwnerOrExpiryIsRefusedWithItsPlace(_ missing: String) throws {
        var lines = ["rules:", "  - checks: [a]", "    reason: r", "    owner: o", "    expires: 2026-12-31"]
        lines.removeAll { $0.hasPrefix("    \(missing):") }
        let message = try #require(error(lines.joined(separator: "\n")))
        #expect(message.hasPrefix("bad.yaml:2:5: "))
        #expect(message.contains("no \(missing)"))
        #expect(!message.contains("\n"))
    }

    @Test func unknownKeysAreRefusedWithLineAndColumn() throws {
        let message = try #require(error("rules:\n  - checks: [a]\n    reason: r\n    owner: o\n    expires: 2026-12-31\n    region: eu-west-1\n"))
        #expect(message.hasPrefix("bad.yaml:6:5: unknown key \"region\""))
    }

    @Test func aDateThatIsNotADateIsRefused() throws {
        for bad in ["2026-02-30", "next year", "2026-1-5", "31/12/2026"] {
            let message = try #require(error("rules:\n  - checks: [a]\n    reason: r\n    owner: o\n    expires: \(bad)\n"), "\(bad)")
            #expect(message.hasPrefix("bad.yaml:5:14: expires"), "\(bad)")
        }
    }

    @Test func aPatternThatCannotCompileIsRefused() throws {
        let message = try #require(error("rules:\n  - checks: [\"ec2.[abc\"]\n    reason: r\n    owner: o\n    expires: 2026-12-31\n"))
        #expect(message.hasPrefix("bad.yaml:2:14: "))
        #expect(message.contains("[ without its ]"))
    }

    @Test func textThatIsNotYAMLIsRefusedWithItsPlace() throws {
        let message = try #require(error("rules:\n  - checks: [a\n    reason: r\n"))
        #expect(message.hasPrefix("bad.yaml:"))
        #expect(message.contains("not valid YAML"))
        #expect(!message.contains("\n"))
    }

    @Test func aRuleThatSelectsNothingIsRefused() throws {
        let message = try #require(error("rules:\n  - reason: r\n    owner: o\n    expires: 2026-12-31\n"))
        #expect(message.contains("at least one of checks"))
    }

    @Test func anEmptyFileOrOneWithoutRulesIsRefused() throws {
        #expect(error("")?.hasPrefix("bad.yaml:1:1: ") == true)
        #expect(error("rules: nope\n")?.contains("rules must be a list") == true)
        #expect(error("- a\n")?.contains("must be a mapping") == true)
    }
}
