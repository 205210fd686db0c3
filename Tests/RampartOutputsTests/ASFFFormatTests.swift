import Foundation
import RampartFindings
import RampartInventory
import RampartJSON
@testable import RampartOutputs
import Testing

@Suite struct ASFFFormatTests {
    func finding(
        _ status: Status, arn: String = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1", region: String = "us-east-1",
        type: String = "AWS::EC2::SecurityGroup", title: String = "Security groups do not admit SSH from the internet",
        message: String = "sg-1 admits TCP port 22 from 0.0.0.0/0.", frameworks: [String: [String]] = ["cis-aws-3.0": ["5.2"], "aws-fsbp": ["EC2.13"]]
    ) -> Finding {
        Finding(
            checkId: "ec2.security-group.ingress-open-admin-ports", title: title, status: status, severity: .high,
            resource: ResourceRef(arn: arn, type: type, account: "123456789012", region: region, name: "bastion"),
            responsibility: Responsibility(owner: .customer, serviceModel: .infrastructure), frameworks: frameworks,
            aliases: [:], message: message, risk: "Risk.", evidence: [:], remediation: "Remove the rule. Command: aws ec2 revoke-security-group-ingress ...",
            service: "ec2")
    }

    func report(_ findings: [Finding]) -> ScanReport {
        ScanReport(
            findings: findings, collectedAt: Timestamp.parse("2026-11-29T12:00:00Z")!, accounts: ["123456789012"],
            regions: ["eu-west-1", "us-east-1"], resourceCounts: [:], problems: [], source: "test", checksRun: 1)
    }

    func render(_ findings: [Finding]) throws -> [JSONValue] {
        try JSONParser.parse(ASFFFormat(productVersion: "0.1.0").render(report(findings))).arrayValue ?? []
    }

    @Test func aFailureCarriesWhatSecurityHubNeeds() throws {
        let asff = try #require(try render([finding(.fail)]).first)
        #expect(asff["SchemaVersion"] == "2018-10-08")
        #expect(asff["Id"] == "ec2.security-group.ingress-open-admin-ports/arn:aws:ec2:us-east-1:123456789012:security-group/sg-1")
        #expect(asff["ProductArn"] == "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default")
        #expect(asff["GeneratorId"] == "ec2.security-group.ingress-open-admin-ports")
        #expect(asff["AwsAccountId"] == "123456789012")
        #expect(asff["CreatedAt"] == "2026-11-29T12:00:00Z")
        #expect(asff["UpdatedAt"] == "2026-11-29T12:00:00Z")
        #expect(asff["Severity"]?["Label"] == "HIGH")
        #expect(asff["Types"] == [
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ])
        #expect(asff["Compliance"]?["Status"] == "FAILED")
        #expect(asff["Compliance"]?["RelatedRequirements"] == ["aws-fsbp EC2.13", "cis-aws-3.0 5.2"])
        #expect(asff["Workflow"]?["Status"] == "NEW")
        #expect(asff["RecordState"] == "ACTIVE")
        let resource = asff["Resources"]?.arrayValue?.first
        #expect(resource?["Type"] == "AwsEc2SecurityGroup")
        #expect(resource?["Id"] == "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1")
        #expect(resource?["Partition"] == "aws")
        #expect(resource?["Region"] == "us-east-1")
        #expect(asff["Remediation"]?["Recommendation"]?["Text"]?.stringValue?.contains("aws ec2 revoke-security-group-ingress") == true)
    }

    /// UNKNOWN must never import as PASSED: it is WARNING; MANUAL is NOT_AVAILABLE; PASS is PASSED and resolved.
    @Test func eachStatusMapsToAComplianceStatusThatIsNeverAFalsePass() throws {
        let all = try render([finding(.pass), finding(.fail), finding(.unknown), finding(.manual)])
        #expect(all.map { $0["Compliance"]?["Status"] } == ["PASSED", "FAILED", "WARNING", "NOT_AVAILABLE"])
        #expect(all.map { $0["Workflow"]?["Status"] } == ["RESOLVED", "NEW", "NEW", "NEW"])
    }

    @Test func theIdIsTheSameInEveryScanAndDiffersPerResource() throws {
        let a = try render([finding(.fail), finding(.fail, arn: "arn:aws:ec2:us-east-1:123456789012:security-group/sg-2")])
        let b = try render([finding(.pass)])
        #expect(a[0]["Id"] == b[0]["Id"])
        #expect(a[0]["Id"] != a[1]["Id"])
    }

    @Test func everyFindingFitsTheSecurityHubModelEvenWithHostileAndOversizedText() throws {
        let validator = try ASFFModelValidator()
        let longArn = "arn:aws:s3:::" + String(repeating: "b", count: 700)
        let findings = [
            finding(.fail),
            finding(.unknown, arn: longArn, region: "global", type: "AWS::S3::Bucket", title: String(repeating: "T", count: 400),
                    message: "line one\nline two\u{1B}[2J" + String(repeating: "é", count: 1500), frameworks: [:]),
            finding(.manual, arn: "arn:aws-cn:iam::123456789012:root", region: "global", type: "AWS::::Account", message: " \n "),
            finding(.pass, type: "AWS::Made::Up", frameworks: ["nist-800-53-r5": (1...40).map { "AC-\($0)" }]),
        ]
        let all = try render(findings)
        #expect(all.count == 4)
        for (i, asff) in all.enumerated() {
            let problems = validator.problems(finding: asff)
            #expect(problems.isEmpty, "finding \(i): \(problems)")
        }
        #expect(all[1]["Id"]?.stringValue?.hasPrefix("ec2.security-group.ingress-open-admin-ports/sha256:") == true)
        #expect(all[1]["Title"]?.stringValue?.hasSuffix("…") == true)
        // A global resource is reported in the scan's first Region.
        #expect(all[1]["Resources"]?.arrayValue?.first?["Region"] == "eu-west-1")
        #expect(all[1]["ProductArn"] == "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default")
        #expect(all[1]["Types"] == ["Software and Configuration Checks/AWS Security Best Practices"])
        #expect(all[2]["Resources"]?.arrayValue?.first?["Type"] == "AwsAccount")
        #expect(all[2]["Resources"]?.arrayValue?.first?["Partition"] == "aws-cn")
        #expect(all[2]["Description"] == "Security groups do not admit SSH from the internet")
        #expect(all[3]["Resources"]?.arrayValue?.first?["Type"] == "Other")
        #expect(all[3]["Compliance"]?["RelatedRequirements"]?.arrayValue?.count == 32)
    }

    /// The validator itself catches what Security Hub would reject, so the test above can fail.
    @Test func theValidatorRejectsWhatSecurityHubRejects() throws {
        let validator = try ASFFModelValidator()
        guard case .object(var broken) = try #require(try render([finding(.fail)]).first) else { return }
        broken["Title"] = nil
        broken["Description"] = "two\nlines"
        broken["Severity"] = ["Label": "SEVERE"]
        broken["Bogus"] = true
        broken["Types"] = .strings((1...51).map { "Software and Configuration Checks/\($0)" })
        let problems = validator.problems(finding: .object(broken)).joined(separator: "\n")
        #expect(problems.contains("required member Title is missing"))
        #expect(problems.contains("$.Description: \"two\nlines\" does not match"))
        #expect(problems.contains("$.Severity.Label: SEVERE is not one of"))
        #expect(problems.contains("$.Bogus: not a member of AwsSecurityFinding"))
        #expect(problems.contains("$.Types: 51 items, at most 50"))
    }

    /// Every name in Rampart's table is a resource type Security Hub's model knows (AwsAccount is
    /// documented for account-level findings but has no details shape).
    @Test func resourceTypeNamesAreOnesSecurityHubKnows() throws {
        let known = try ASFFModelValidator().resourceTypes.union(["AwsAccount"])
        let unknown = ASFFFormat.resourceTypes.values.filter { !known.contains($0) }
        #expect(unknown.isEmpty, "\(unknown)")
    }

    @Test func sha256MatchesTheFIPSVectors() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // Padding boundaries: 55, 56 and 64 bytes of "a" (values from Python's hashlib).
        #expect(SHA256.hex(String(repeating: "a", count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex(String(repeating: "a", count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256.hex(String(repeating: "a", count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        #expect(SHA256.base64(SHA256.digest("abc")) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }
}
