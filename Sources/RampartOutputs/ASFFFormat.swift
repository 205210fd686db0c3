public import RampartFindings
import RampartInventory
import RampartJSON

/// AWS Security Finding Format (schema 2018-10-08): an array of findings that
/// `aws securityhub batch-import-findings --findings file://...` accepts as a custom integration
/// (at most 100 per call, each sent to the Region its `ProductArn` names; docs/reports.md).
/// Ids are stable across scans, so a re-import updates a finding instead of adding one.
public struct ASFFFormat: OutputFormat {
    public let name = "asff"
    public let fileName = "rampart-findings.asff.json"
    public let productVersion: String

    /// The ASFF schema version Security Hub expects.
    public static let schemaVersion = "2018-10-08"

    /// Length limits AWS documents for the strings Rampart fills (UTF-16 code units, as the API counts).
    enum Limit {
        static let id = 512
        static let title = 256
        static let description = 1024
        static let recommendation = 512
        static let resourceType = 256
        static let relatedRequirements = 32
    }

    public init(productVersion: String) {
        self.productVersion = productVersion
    }

    public func write(_ report: ScanReport, to sink: ByteSink) {
        let home = report.regions.first ?? "us-east-1"
        sink.writeJSONArray(report.findings) { finding($0, collectedAt: Timestamp.format(report.collectedAt), homeRegion: home) }
    }

    func finding(_ f: Finding, collectedAt: String, homeRegion: String) -> JSONValue {
        let partition = Self.partition(of: f.resource.arn)
        // Global resources (IAM, S3 account settings) are reported in the scan's first Region.
        let region = Self.isRegion(f.resource.region) ? f.resource.region : homeRegion
        let account = f.resource.account
        var requirements = f.frameworks.sorted { $0.key < $1.key }.flatMap { framework, ids in ids.map { "\(framework) \($0)" } }
        if requirements.count > Limit.relatedRequirements { requirements = Array(requirements.prefix(Limit.relatedRequirements)) }
        var compliance: JSONObject = ["Status": .string(Self.complianceStatus(f.status))]
        if !requirements.isEmpty { compliance["RelatedRequirements"] = .strings(requirements.map { Self.text($0, max: 256) }) }
        let description = f.message.contains(where: { !$0.isWhitespace }) ? f.message : f.title
        return .object([
            "SchemaVersion": .string(Self.schemaVersion),
            "Id": .string(Self.id(f)),
            "ProductArn": .string("arn:\(partition):securityhub:\(region):\(account):product/\(account)/default"),
            "ProductName": "Rampart",
            "CompanyName": "Rampart",
            "GeneratorId": .string(Self.text(f.checkId, max: 512)),
            "AwsAccountId": .string(account),
            "Types": .strings(Self.types(f.frameworks)),
            "CreatedAt": .string(collectedAt),
            "UpdatedAt": .string(collectedAt),
            "Severity": .object(["Label": .string(f.severity.rawValue.uppercased()), "Original": .string(f.severity.rawValue)]),
            "Title": .string(Self.text(f.title, max: Limit.title)),
            "Description": .string(Self.text(description, max: Limit.description)),
            "Remediation": .object(["Recommendation": .object(["Text": .string(Self.text(f.remediation, max: Limit.recommendation))])]),
            "ProductFields": .object([
                "ProviderName": "Rampart", "ProviderVersion": .string(productVersion),
                "rampart/status": .string(f.status.rawValue), "rampart/service": .string(f.service),
                "rampart/resourceName": .string(Self.text(f.resource.name, max: 2048)),
            ]),
            "Resources": .array([
                .object([
                    "Type": .string(Self.resourceType(f.resource.type)),
                    "Id": .string(Self.text(f.resource.arn, max: 2048)),
                    "Partition": .string(partition),
                    "Region": .string(region),
                ]),
            ]),
            "Compliance": .object(compliance),
            "Workflow": .object(["Status": .string(f.muted != nil ? "SUPPRESSED" : f.status == .pass ? "RESOLVED" : "NEW")]),
            "RecordState": "ACTIVE",
        ])
    }

    /// `Finding.findingId` (check and resource) when it fits ASFF's 512; else the check id and a
    /// SHA-256 of the finding id, which is just as stable.
    static func id(_ f: Finding) -> String {
        let id = clean(f.findingId)
        if id.utf16.count <= Limit.id { return id }
        return "\(clean(f.checkId).prefix(200))/sha256:\(SHA256.hex(f.findingId))"
    }

    /// PASS → PASSED, FAIL → FAILED; UNKNOWN → WARNING (Security Hub's word for "could not be
    /// evaluated"), never PASSED; MANUAL → NOT_AVAILABLE.
    static func complianceStatus(_ status: Status) -> String {
        switch status {
        case .pass: "PASSED"
        case .fail: "FAILED"
        case .unknown: "WARNING"
        case .manual: "NOT_AVAILABLE"
        }
    }

    /// ASFF `Types` in the Software and Configuration Checks namespace: one "Industry and Regulatory
    /// Standards" classifier per framework the check evidences (AWS's types taxonomy), else the
    /// AWS Security Best Practices category.
    static func types(_ frameworks: [String: [String]]) -> [String] {
        let prefix = "Software and Configuration Checks/Industry and Regulatory Standards/"
        var seen = Set<String>()
        var out: [String] = []
        for framework in frameworks.keys.sorted() {
            let classifier: String? = switch framework {
            case "aws-fsbp": "AWS Foundational Security Best Practices"
            case let id where id.hasPrefix("cis-aws-"): "CIS AWS Foundations Benchmark"
            case let id where id.hasPrefix("pci-dss"): "PCI-DSS"
            case let id where id.hasPrefix("iso-27001"): "ISO 27001 Controls"
            case "soc2": "SOC 2"
            case let id where id.hasPrefix("nist-800-53"): "NIST 800-53 Controls (USA)"
            default: nil
            }
            if let classifier, seen.insert(classifier).inserted { out.append(prefix + classifier) }
        }
        return out.isEmpty ? ["Software and Configuration Checks/AWS Security Best Practices"] : out
    }

    /// ASFF resource type names for the CloudFormation types Rampart reports; `Other` for the rest.
    static let resourceTypes: [String: String] = [
        "AWS::::Account": "AwsAccount",
        "AWS::AutoScaling::AutoScalingGroup": "AwsAutoScalingAutoScalingGroup",
        "AWS::Backup::BackupPlan": "AwsBackupBackupPlan",
        "AWS::Backup::BackupVault": "AwsBackupBackupVault",
        "AWS::CloudTrail::Trail": "AwsCloudTrailTrail",
        "AWS::DynamoDB::Table": "AwsDynamoDbTable",
        "AWS::EC2::Instance": "AwsEc2Instance",
        "AWS::EC2::NetworkAcl": "AwsEc2NetworkAcl",
        "AWS::EC2::RouteTable": "AwsEc2RouteTable",
        "AWS::EC2::SecurityGroup": "AwsEc2SecurityGroup",
        "AWS::EC2::Subnet": "AwsEc2Subnet",
        "AWS::EC2::Volume": "AwsEc2Volume",
        "AWS::EC2::VPC": "AwsEc2Vpc",
        "AWS::ElasticLoadBalancingV2::LoadBalancer": "AwsElbv2LoadBalancer",
        "AWS::GuardDuty::Detector": "AwsGuardDutyDetector",
        "AWS::IAM::Group": "AwsIamGroup",
        "AWS::IAM::ManagedPolicy": "AwsIamPolicy",
        "AWS::IAM::Role": "AwsIamRole",
        "AWS::IAM::User": "AwsIamUser",
        "AWS::KMS::Key": "AwsKmsKey",
        "AWS::RDS::DBCluster": "AwsRdsDbCluster",
        "AWS::RDS::DBInstance": "AwsRdsDbInstance",
        "AWS::RDS::DBSnapshot": "AwsRdsDbSnapshot",
        "AWS::Redshift::Cluster": "AwsRedshiftCluster",
        "AWS::Route53::HostedZone": "AwsRoute53HostedZone",
        "AWS::S3::Bucket": "AwsS3Bucket",
        "AWS::S3::Object": "AwsS3Object",
    ]

    static func resourceType(_ cloudFormationType: String) -> String { resourceTypes[cloudFormationType] ?? "Other" }

    static func partition(of arn: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        let candidate = parts.count > 2 && parts[0] == "arn" ? String(parts[1]) : "aws"
        return ["aws", "aws-cn", "aws-us-gov"].contains(candidate) ? candidate : "aws"
    }

    /// A Region code such as `eu-west-1` (not `global`, not empty), within ASFF's 16 characters.
    static func isRegion(_ region: String) -> Bool {
        region.contains("-") && region.utf16.count <= 16 && region.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// One line (ASFF strings must match `.*\S.*`, where `.` stops at a line break), within `max`
    /// UTF-16 code units, ending in an ellipsis when cut.
    static func text(_ s: String, max: Int) -> String {
        let line = clean(s)
        let value = line.contains(where: { !$0.isWhitespace }) ? line : "-"
        guard value.utf16.count > max else { return value }
        var out = ""
        var used = 0
        for character in value {
            let width = String(character).utf16.count
            if used + width > max - 1 { break }
            out.append(character)
            used += width
        }
        return out + "…"
    }

    /// Line breaks and other control characters as spaces.
    static func clean(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0x85
            out.unicodeScalars.append(control ? " " : scalar)
        }
        return out
    }
}
