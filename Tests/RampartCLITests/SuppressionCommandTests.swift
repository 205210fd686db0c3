import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// `--mutelist`, `--baseline` and the grouped summary end to end over the demo, as a user runs them.
@Suite struct SuppressionCommandTests {
    static let website = "arn:aws:s3:::acme-marketing-website"

    /// Mutes the marketing website's public-access failures; one expired rule and one stale rule.
    func mutelist(_ dir: TemporaryDirectory) throws -> String {
        try dir.write("mutelist.yaml", """
            rules:
              - name: marketing-site
                checks: ["s3.bucket.*public*"]
                resources: ["\(Self.website)"]
                reason: public website by design
                owner: web-team
                expires: 2027-03-31
              - name: long-gone
                checks: ["*"]
                reason: old
                owner: nobody
                expires: 2025-01-01
              - name: stale
                checks: ["no.such.check"]
                reason: left over
                owner: ops
                expires: 2027-01-01
            """)
    }

    @Test func mutedFindingsKeepTheirStatusAndCarryTheRuleInJSON() throws {
        let dir = try TemporaryDirectory()
        let result = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--format", "json", "--mutelist", try mutelist(dir)])
        #expect(result.status == 0, "\(result.stderr)")
        let findings = try JSONParser.parse(result.stdout).arrayValue ?? []
        let muted = findings.filter { $0["muted"] != .null }
        #expect(!muted.isEmpty)
        for f in muted {
            #expect(f["resource"]?["arn"]?.stringValue == Self.website)
            #expect(f["checkId"]?.stringValue?.contains("public") == true)
            #expect(f["muted"] == ["reason": "public website by design", "owner": "web-team", "expires": "2027-03-31", "rule": "marketing-site"])
        }
        #expect(muted.contains { $0["status"] == "FAIL" })
        #expect(findings.contains { $0["muted"] == .null && $0["status"] == "FAIL" })
    }

    @Test func theTableCountsMutedApartAndListsExpiredAndStaleRules() throws {
        let dir = try TemporaryDirectory()
        let result = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--mutelist", try mutelist(dir)])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("   MUTED "))
        #expect(out.contains("\nMUTED ("))
        #expect(out.contains("rule marketing-site, owner web-team, until 2027-03-31: public website by design"))
        #expect(out.contains("Expired mutelist rules (1)"))
        #expect(out.contains("  long-gone  owner nobody, expired after 2025-01-01"))
        #expect(out.contains("Mutelist rules that matched nothing (1)"))
        #expect(out.contains("  stale  owner ops, until 2027-01-01"))
    }

    @Test func mutedFailuresNeverTripFailOn() throws {
        let dir = try TemporaryDirectory()
        let all = try dir.write("all.yaml", "rules:\n  - checks: \"*\"\n    reason: r\n    owner: o\n    expires: 2030-01-01\n")
        let without = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--format", "json", "--fail-on", "low"])
        #expect(without.status == 1)
        let with = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--format", "json", "--fail-on", "low", "--mutelist", all])
        #expect(with.status == 0, "\(with.stderr)")
    }

    @Test(arguments: [
        ("rules:\n  - checks: [a]\n    owner: o\n    expires: 2026-12-31\n", "bad.yaml:2:5: a rule needs reason"),
        ("rules:\n  - checks: [a]\n    reason: r\n    owner: o\n    expires: someday\n", "bad.yaml:5:14: expires \"someday\" is not a date"),
        ("rules:\n  - checks: [a]\n    reason: r\n    owner: o\n    expires: 2026-12-31\n    colour: red\n", "bad.yaml:6:5: unknown key \"colour\""),
        ("rules:\n  - checks: [\"[a\"]\n    reason: r\n    owner: o\n    expires: 2026-12-31\n", "bad.yaml:2:14: "),
        ("rules: [\n", "bad.yaml:"),
    ])
    func aBadMutelistIsExitTwoWithOneLineNamingThePlace(_ text: String, _ expected: String) throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("bad.yaml", text)
        let result = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--mutelist", "bad.yaml"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("rampart: " + expected), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func theBaselineDecidesTheExitCode() throws {
        let dir = try TemporaryDirectory()
        let first = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--format", "json"])
        let baseline = try dir.write("baseline.json", first.stdout)
        let empty = try dir.write("empty.json", "[]")
        let known = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--fail-on", "high", "--baseline", baseline])
        #expect(known.status == 0, "\(known.stderr)")
        #expect(known.stdout.contains("failures already known, 0 new"))
        let new = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--fail-on", "high", "--baseline", empty])
        #expect(new.status == 1)
        #expect(new.stdout.contains(": 0 failures already known, "))
        let bad = try dir.write("bad.json", "{\"findings\": []}")
        let refused = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--fail-on", "high", "--baseline", bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not Rampart's findings JSON"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
    }

    @Test func theTablePutsAResourcesRelatedFailuresOnOneGreppableLine() throws {
        let grouped = try Rampart.run(["scan", "--demo", "--no-store", "--quiet"])
        let lines = grouped.stdout.split(separator: "\n").map(String.init)
        let ports = try #require(lines.firstIndex { $0.contains("ec2.instance.ssh-not-exposed-to-internet,") })
        #expect(lines[ports].contains("ec2.instance.rdp-not-exposed-to-internet"))
        #expect(lines[ports + 1].contains("failures, reachable from the internet on ssh, rdp"))
        #expect(grouped.stdout.contains("Failures by check family: "))
        let flat = try Rampart.run(["scan", "--demo", "--no-store", "--quiet", "--no-group"])
        #expect(!flat.stdout.contains("reachable from the internet on"))
        #expect(flat.stdout.contains("\n  ec2.instance.ssh-not-exposed-to-internet  "))
    }

    @Test func complianceAndResponsibilitiesReportAMutedFailureAsAcceptedNotPass() throws {
        let dir = try TemporaryDirectory()
        let all = try dir.write("all.yaml", "rules:\n  - checks: \"s3.*\"\n    reason: r\n    owner: o\n    expires: 2030-01-01\n")
        let matrix = try Rampart.run(["responsibilities", "--demo", "--quiet", "--format", "json", "--mutelist", all])
        #expect(matrix.status == 0, "\(matrix.stderr)")
        let json = try JSONParser.parse(matrix.stdout)
        let s3 = try #require(json["services"]?.arrayValue?.first { $0["service"] == "s3" })
        let encryption = try #require(s3["responsibilities"]?.arrayValue?.first { $0["id"] == "s3.encryption-at-rest" })
        #expect(encryption["status"] == "ACCEPTED")
        #expect(encryption["failing"] == 0)
        let compliance = try Rampart.run(["compliance", "--demo", "--quiet", "--framework", "aws-fsbp", "--format", "json", "--mutelist", all])
        #expect(compliance.status == 0, "\(compliance.stderr)")
        let requirements = try JSONParser.parse(compliance.stdout)["frameworks"]?.arrayValue?.first?["requirements"]?.arrayValue ?? []
        let s3Requirements = requirements.filter { ($0["checks"]?.arrayValue ?? []).allSatisfy { $0.stringValue?.hasPrefix("s3.") == true } && $0["checks"] != [] }
        #expect(s3Requirements.contains { $0["status"] == "ACCEPTED" })
        #expect(!s3Requirements.contains { $0["status"] == "FAIL" })
    }

    @Test func theStoreKeepsTheMuteStateAndHistoryCountsIt() throws {
        let dir = try TemporaryDirectory()
        let store = dir.path + "/s.sqlite"
        let scan = try Rampart.run(["scan", "--demo", "--quiet", "--store", store, "--format", "json", "--mutelist", try mutelist(dir)])
        #expect(scan.status == 0, "\(scan.stderr)")
        let muted = (try JSONParser.parse(scan.stdout).arrayValue ?? []).filter { $0["muted"] != .null }.count
        let history = try Rampart.run(["history", "--store", store, "--format", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(muted > 0)
        #expect(try JSONParser.parse(history.stdout).arrayValue?.first?["muted"] == .number(Double(muted)))
        let table = try Rampart.run(["history", "--store", store])
        #expect(table.stdout.contains("MUTED"))
    }
}
