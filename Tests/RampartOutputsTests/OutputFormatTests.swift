import Foundation
import RampartFindings
import RampartInventory
import RampartJSON
@testable import RampartOutputs
import Testing

func sampleReport(problems: [SourceProblem] = []) -> ScanReport {
    func finding(_ id: String, _ status: Status, _ severity: Severity, name: String, message: String) -> Finding {
        Finding(
            checkId: id, title: "Title of \(id)", status: status, severity: severity,
            resource: ResourceRef(
                arn: "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1", type: "AWS::EC2::SecurityGroup",
                account: "123456789012", region: "us-east-1", availabilityZone: nil, name: name),
            responsibility: Responsibility(owner: .customer, serviceModel: .infrastructure),
            frameworks: ["cis-aws-3.0": ["5.2"], "aws-fsbp": ["EC2.53"]],
            aliases: ["prowler": "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"],
            message: message, risk: "Risk text.", evidence: ["openPorts": [22]], remediation: "Fix it. Command: aws ec2 ...",
            service: "ec2")
    }
    return ScanReport(
        findings: [
            finding("ec2.a", .fail, .high, name: "bastion", message: "sg-1 admits TCP port 22 from 0.0.0.0/0."),
            finding("ec2.b", .fail, .critical, name: "\u{1B}[2Jevil<script>", message: "all ports open"),
            finding("ec2.c", .pass, .medium, name: "ok", message: "fine"),
            finding("ec2.d", .unknown, .low, name: "all", message: "ec2 describe-volumes in 123456789012/us-east-1 failed: AccessDenied"),
        ],
        collectedAt: Timestamp.parse("2026-11-29T12:00:00Z")!, accounts: ["123456789012"], regions: ["us-east-1"],
        resourceCounts: ["AWS::EC2::SecurityGroup": 3], problems: problems, source: "snapshot test", checksRun: 4)
}

@Suite struct OutputFormatTests {
    @Test func nativeJSONFollowsTheDesignContract() throws {
        let text = FindingsJSONFormat().render(sampleReport())
        let first = try JSONParser.parse(text).arrayValue?.first
        #expect(first?["checkId"] == "ec2.a")
        #expect(first?["status"] == "FAIL")
        #expect(first?["severity"] == "high")
        #expect(first?["resource"]?["arn"] == "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1")
        #expect(first?["resource"]?["type"] == "AWS::EC2::SecurityGroup")
        #expect(first?["resource"]?["availabilityZone"] == .null)
        #expect(first?["responsibility"]?["owner"] == "customer")
        #expect(first?["responsibility"]?["serviceModel"] == "infrastructure")
        #expect(first?["frameworks"]?["cis-aws-3.0"] == ["5.2"])
        #expect(first?["aliases"]?["prowler"] == "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22")
        #expect(first?["evidence"]?["openPorts"] == [22])
        #expect(first?["remediation"]?.stringValue?.contains("aws ec2") == true)
    }

    /// The fields Prowler's `json-ocsf` output carries for a Detection Finding (class 2004).
    @Test func ocsfEventsCarryProwlersDetectionFindingFields() throws {
        let events = try JSONParser.parse(OCSFFormat(productVersion: "0.1.0").render(sampleReport())).arrayValue ?? []
        #expect(events.count == 4)
        let e = events[0]
        #expect(e["class_uid"] == 2004)
        #expect(e["class_name"] == "Detection Finding")
        #expect(e["category_uid"] == 2)
        #expect(e["type_uid"] == 200401)
        #expect(e["activity_id"] == 1)
        #expect(e["status_code"] == "FAIL")
        #expect(e["status_detail"] == "sg-1 admits TCP port 22 from 0.0.0.0/0.")
        #expect(e["severity_id"] == 4)
        #expect(e["severity"] == "High")
        #expect(e["metadata"]?["event_code"] == "ec2.a")
        #expect(e["metadata"]?["product"]?["name"] == "Rampart")
        #expect(e["finding_info"]?["title"] == "Title of ec2.a")
        #expect(e["finding_info"]?["uid"]?.stringValue?.isEmpty == false)
        #expect(e["finding_info"]?["created_time"] == .number(Double(Int(Timestamp.parse("2026-11-29T12:00:00Z")!.timeIntervalSince1970))))
        let resource = e["resources"]?.arrayValue?.first
        #expect(resource?["uid"] == "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1")
        #expect(resource?["type"] == "AWS::EC2::SecurityGroup")
        #expect(resource?["region"] == "us-east-1")
        #expect(resource?["cloud_partition"] == "aws")
        #expect(resource?["group"]?["name"] == "ec2")
        #expect(e["cloud"]?["provider"] == "aws")
        #expect(e["cloud"]?["account"]?["uid"] == "123456789012")
        #expect(e["cloud"]?["account"]?["type_id"] == 10)
        #expect(e["cloud"]?["region"] == "us-east-1")
        #expect(e["unmapped"]?["compliance"]?["aws-fsbp"] == ["EC2.53"])
        #expect(events[1]["severity_id"] == 5)
        #expect(events[3]["status_code"] == "UNKNOWN")
    }

    @Test func theTableGroupsFailuresBySeverityAndCountsStatuses() {
        let text = TableFormat(color: false).render(sampleReport())
        #expect(text.contains("PASS 1   FAIL 2   UNKNOWN 1   MANUAL 0"))
        let critical = text.range(of: "CRITICAL (1)")
        let high = text.range(of: "HIGH (1)")
        #expect(critical != nil && high != nil)
        if let critical, let high { #expect(critical.lowerBound < high.lowerBound) }
        #expect(text.contains("  ec2.a  bastion  [123456789012/us-east-1]\n      sg-1 admits TCP port 22 from 0.0.0.0/0.\n"))
        #expect(text.contains("UNKNOWN (1): evidence missing or unreadable, never counted as PASS"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func terminalControlCharactersInNamesAreShownNotObeyed() {
        let text = TableFormat(color: false).render(sampleReport())
        #expect(text.contains("\\u{1b}[2Jevil<script>"))
    }

    @Test func colourOnlyWhenAskedFor() {
        #expect(TableFormat(color: true).render(sampleReport()).contains("\u{1B}[31m"))
    }

    @Test func problemsAreListedGroupedByCall() {
        let call = AWSCall(account: "123456789012", region: "us-east-1", service: "rds", operation: "describe-db-instances")
        let report = sampleReport(problems: [SourceProblem(call: call, kind: .failed, message: "AccessDenied: not authorized")])
        let text = TableFormat(color: false).render(report)
        #expect(text.contains("Could not read (1); the checks that need this data are UNKNOWN:"))
        #expect(text.contains("rds describe-db-instances: failed (us-east-1)\n      AccessDenied: not authorized"))
    }

    /// An error that is a whole HTML page shows as its first line; JSON keeps all of it.
    @Test func aLongErrorShowsItsFirstLineOnly() {
        let call = AWSCall(account: "123456789012", region: "us-east-1", service: "accessanalyzer", operation: "list-analyzers")
        let page = "500: <!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>"
        let text = TableFormat(color: false).render(sampleReport(problems: [SourceProblem(call: call, kind: .failed, message: page)]))
        #expect(text.contains("accessanalyzer list-analyzers: failed (us-east-1)\n      500: <!doctype html> …\n"))
        #expect(!text.contains("<title>"))
        #expect(TableFormat.firstLine(String(repeating: "x", count: 600)) == String(repeating: "x", count: 500) + " …")
    }
}
