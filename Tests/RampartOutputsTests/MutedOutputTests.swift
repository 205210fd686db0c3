import RampartFindings
import RampartInventory
import RampartJSON
import RampartOutputs
import Testing

/// Every format marks a muted finding, keeps its status, and counts it apart.
@Suite struct MutedOutputTests {
    static let accepted = Muted(reason: "legacy <bastion>", owner: "ops", expires: "2027-01-31", rule: "bastion")

    /// `sampleReport()` with its high FAIL (`ec2.a`) muted.
    func report() -> ScanReport {
        var report = sampleReport()
        report.findings[0].muted = Self.accepted
        report.suppression.mutelist = "m.yaml"
        report.suppression.expiredRules = [.init(rule: "old-rule", owner: "sec", expires: "2025-01-01")]
        report.suppression.unusedRules = [.init(rule: "stale-rule", owner: "sec", expires: "2027-01-01")]
        return report
    }

    @Test func nativeJSONCarriesTheMutedObjectAndNullOtherwise() throws {
        let findings = try JSONParser.parse(FindingsJSONFormat().render(report())).arrayValue ?? []
        #expect(findings[0]["status"] == "FAIL")
        #expect(findings[0]["muted"] == ["reason": "legacy <bastion>", "owner": "ops", "expires": "2027-01-31", "rule": "bastion"])
        #expect(findings[1]["muted"] == .null)
    }

    @Test func ocsfMarksItSuppressedAsProwlerDoes() throws {
        let events = try JSONParser.parse(OCSFFormat(productVersion: "1").render(report())).arrayValue ?? []
        #expect(events[0]["status"] == "Suppressed")
        #expect(events[0]["status_id"] == 3)
        #expect(events[0]["status_code"] == "FAIL")
        #expect(events[0]["status_detail"]?.stringValue?.hasPrefix("Muted by rule bastion (owner ops, until 2027-01-31): legacy <bastion>.") == true)
        #expect(events[0]["unmapped"]?["muted"]?["rule"] == "bastion")
        #expect(events[1]["status"] == "New")
        #expect(events[1]["unmapped"]?["muted"] == false)
    }

    @Test func asffSetsTheWorkflowToSuppressed() throws {
        let findings = try JSONParser.parse(ASFFFormat(productVersion: "1").render(report())).arrayValue ?? []
        #expect(findings[0]["Workflow"]?["Status"] == "SUPPRESSED")
        #expect(findings[0]["Compliance"]?["Status"] == "FAILED")
        #expect(findings[1]["Workflow"]?["Status"] == "NEW")
    }

    @Test func csvHasTheMutedColumns() throws {
        let text = CSVFormat().render(report())
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0].hasSuffix("\"muted\",\"mutedReason\",\"mutedOwner\",\"mutedExpires\",\"mutedRule\"") || lines[0].hasSuffix("muted,mutedReason,mutedOwner,mutedExpires,mutedRule"))
        #expect(lines[1].contains("legacy <bastion>") && lines[1].contains("2027-01-31") && lines[1].contains("bastion"))
        #expect(lines[1].contains("true"))
        #expect(lines[2].contains("false"))
    }

    @Test func junitSkipsAMutedFailureSoItCannotFailTheBuild() throws {
        let xml = JUnitFormat().render(report())
        #expect(xml.contains("<skipped message=\"MUTED (FAIL): legacy &lt;bastion&gt;; owner ops, until 2027-01-31, rule bastion."))
        #expect(xml.contains("failures=\"1\" errors=\"1\" skipped=\"1\""))
    }

    @Test func theTableCountsMutedApartAndListsTheRulesThatMutedNothing() throws {
        let text = TableFormat(color: false).render(report())
        #expect(text.contains("FAIL 1   UNKNOWN 1   MANUAL 0   MUTED 1\n"))
        #expect(text.contains("\nMUTED (1): accepted risks, counted apart, never trip --fail-on\n  ec2.a  bastion  [123456789012/us-east-1]  FAIL\n"))
        #expect(text.contains("rule bastion, owner ops, until 2027-01-31: legacy <bastion>"))
        #expect(!text.contains("\nHIGH ("))
        #expect(text.contains("  old-rule  owner sec, expired after 2025-01-01"))
        #expect(text.contains("  stale-rule  owner sec, until 2027-01-01"))
    }

    @Test func theHTMLReportCanFilterMutedFindings() throws {
        let html = HTMLReportFormat(productVersion: "1", sections: HTMLReportSections()).render(report())
        #expect(html.contains("key: \"muted\""))
        #expect(html.contains("\"muted\":{\"reason\":\"legacy \\u003cbastion\\u003e\"") || html.contains("\"rule\":\"bastion\""))
    }
}

/// The terminal summary's grouping of a resource's failures that share a cause.
@Suite struct FailureGroupTests {
    func finding(_ id: String, _ arn: String = "arn:i-1", severity: Severity = .high) -> Finding {
        Finding(
            checkId: id, title: "t", status: .fail, severity: severity,
            resource: ResourceRef(arn: arn, type: "AWS::EC2::Instance", account: "1", region: "us-east-1", name: "web"),
            responsibility: Responsibility(owner: .customer, serviceModel: .infrastructure), frameworks: [:], aliases: [:], message: "m",
            risk: "r", evidence: [:], remediation: "x", service: "ec2")
    }

    @Test func portsOfOneInstanceAreOneGroupAndOtherResourcesAreNot() {
        let groups = FailureGroup.grouping([
            finding("ec2.instance.ssh-not-exposed-to-internet"), finding("ec2.instance.rdp-not-exposed-to-internet", severity: .critical),
            finding("ec2.instance.ssh-not-exposed-to-internet", "arn:i-2"), finding("ec2.instance.imdsv2-required"),
        ])
        #expect(groups.count == 3)
        #expect(groups[0].cause == "reachable from the internet on")
        #expect(groups[0].items == ["ssh", "rdp"])
        #expect(groups[0].severity == .critical)
        #expect(groups[1].cause == nil && groups[1].findings.count == 1)
        #expect(groups[2].items == ["ec2.instance.imdsv2-required"])
    }

    @Test func publicAccessChecksOfABucketAreOneGroup() {
        let arn = "arn:aws:s3:::site"
        let groups = FailureGroup.grouping([
            finding("s3.bucket.block-public-access", arn), finding("s3.bucket.acl-not-public", arn), finding("s3.bucket.policy-not-public", arn),
            finding("s3.bucket.versioning-enabled", arn),
        ])
        #expect(groups.map(\.findings.count) == [3, 1])
        #expect(groups[0].cause == "public access:")
    }

    @Test func theGroupedTableNamesEveryCheckIdOnTheResourceLine() {
        let report = ScanReport(
            findings: [finding("ec2.instance.ssh-not-exposed-to-internet"), finding("ec2.instance.rdp-not-exposed-to-internet")],
            collectedAt: sampleReport().collectedAt, accounts: ["1"], regions: ["us-east-1"], resourceCounts: [:], problems: [], source: "t",
            checksRun: 2)
        let grouped = TableFormat(color: false).render(report)
        #expect(grouped.contains("\n  ec2.instance.ssh-not-exposed-to-internet,ec2.instance.rdp-not-exposed-to-internet  web  [1/us-east-1]\n      2 failures, reachable from the internet on ssh, rdp\n"))
        #expect(grouped.contains("Failures by check family: ec2.instance 2"))
        let flat = TableFormat(color: false, grouped: false).render(report)
        #expect(flat.contains("\n  ec2.instance.ssh-not-exposed-to-internet  web  [1/us-east-1]\n      m\n  ec2.instance.rdp-not-exposed-to-internet  web  [1/us-east-1]\n"))
    }
}
