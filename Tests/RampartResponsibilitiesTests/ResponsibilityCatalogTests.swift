import Foundation
import RampartChecks
import RampartFindings
import RampartResponsibilities
import Testing

/// The catalogue is complete and consistent with the checks, and its embedded copy is the data file.
@Suite struct ResponsibilityCatalogTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let catalog: ResponsibilityCatalog = {
        do { return try ResponsibilityCatalog.embedded() } catch {
            Issue.record("the embedded catalogue does not load: \(error)")
            return try! ResponsibilityCatalog(json: minimalCatalog(rows: ""), file: "fallback")
        }
    }()

    /// Every row of every service, the class rows included.
    static var allRows: [(service: String, row: ResponsibilityEntry)] {
        catalog.services.flatMap { service in catalog.responsibilities(of: service).map { (service.service, $0) } }
    }

    @Test func theEmbeddedCopyIsTheDataFile() throws {
        let file = try String(contentsOf: Self.repository.appendingPathComponent("Data/responsibilities.json"), encoding: .utf8)
        #expect(file.hasSuffix("\n"))
        #expect(String(file.dropLast()) == ResponsibilityCatalog.embeddedJSON, "run python3 scripts/embed_data.py")
    }

    @Test func theGeneratorFindsNothingToRegenerate() throws {
        let script = Self.repository.appendingPathComponent("scripts/embed_data.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--check"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        do {
            try process.run()
        } catch {
            try Test.cancel("python3 is not available: \(error)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }

    @Test func everyCheckVerifiesAResponsibility() {
        let mapped = Self.catalog.mappedChecks
        let unmapped = CheckCatalog.all.map(\.metadata.id).filter { mapped[$0] == nil }
        #expect(unmapped.isEmpty, "add these checks to a responsibility in Data/responsibilities.json: \(unmapped)")
    }

    @Test func everyMappedCheckExists() {
        let known = Set(CheckCatalog.all.map(\.metadata.id))
        let missing = Self.catalog.mappedChecks.keys.filter { !known.contains($0) }.sorted()
        #expect(missing.isEmpty, "Data/responsibilities.json names checks that do not exist: \(missing)")
    }

    /// A check's findings say which service model they are on; the service it is mapped to must agree.
    @Test func everyCheckAgreesWithTheServiceModelOfItsService() throws {
        for service in Self.catalog.services {
            let model = try #require(Self.catalog.serviceClass(service.serviceClass)).serviceModel
            for row in service.responsibilities {
                for id in row.checks {
                    guard let check = CheckCatalog.check(id: id) else { continue }
                    #expect(check.metadata.serviceModel == model, "\(id) is \(check.metadata.serviceModel) but \(service.service) is \(model)")
                }
            }
        }
    }

    @Test func everyCustomerOrSharedResponsibilityHasChecksOrEvidence() {
        for (service, row) in Self.allRows where row.owner != .aws {
            #expect(!row.checks.isEmpty || !(row.evidence ?? "").isEmpty, "\(service)/\(row.id) has neither checks nor evidence guidance")
        }
    }

    @Test func awsSideItemsCiteTheAttestationsByTheirArtifactNames() {
        #expect(Self.catalog.attestations == [
            "SOC 1", "SOC 2", "SOC 3", "ISO/IEC 27001", "ISO/IEC 27017", "ISO/IEC 27018", "PCI DSS Attestation of Compliance", "FedRAMP",
        ])
        for (service, row) in Self.allRows where row.owner != .customer {
            #expect(!row.attestations.isEmpty, "\(service)/\(row.id) cites no attestation")
        }
        for (service, row) in Self.allRows where row.owner == .customer {
            #expect(row.attestations.isEmpty, "\(service)/\(row.id) is the customer's but cites AWS attestations")
        }
    }

    @Test func everyServiceRampartReadsIsClassifiedAsTheIssueSays() {
        let classes = Dictionary(uniqueKeysWithValues: Self.catalog.services.map { ($0.service, $0.serviceClass) })
        for service in ["ec2", "vpc", "ebs", "s3"] { #expect(classes[service] == "infrastructure", "\(service)") }
        for service in ["rds", "redshift", "emr", "workspaces", "elasticache", "opensearch", "ecs", "eks", "codebuild", "sagemaker", "glue"] { #expect(classes[service] == "container", "\(service)") }
        for service in ["dynamodb", "elbv2", "autoscaling", "cloudtrail", "kms", "iam", "route53", "sqs", "sns", "secretsmanager", "kinesis", "acm", "ssm", "ecr", "efs", "lambda", "stepfunctions", "cloudfront", "apigateway", "wafv2"] {
            #expect(classes[service] == "abstracted", "\(service)")
        }
        #expect(classes.count == 35)
        #expect(Self.catalog.serviceClass("infrastructure")?.serviceModel == .infrastructure)
        #expect(Self.catalog.serviceClass("container")?.serviceModel == .managed)
        #expect(Self.catalog.serviceClass("abstracted")?.serviceModel == .managed)
    }

    /// The demo holds every kind of resource the inventory models; each belongs to a catalogued service.
    @Test func everyResourceTypeTheInventoryModelsBelongsToAService() throws {
        let types = Set(Self.catalog.services.flatMap(\.resourceTypes))
        let report = try DemoScan.report()
        let missing = report.resourceCounts.keys.filter { !types.contains($0) }.sorted()
        #expect(missing.isEmpty, "resource types in no service of Data/responsibilities.json: \(missing)")
    }

    static func minimalCatalog(rows: String, attestations: String = #"[{"name": "SOC 2"}]"#) -> String {
        """
        {"format": "rampart-responsibilities/1", "version": 1, "reviewed": "2026-11-29", "attestations": \(attestations),
         "classes": [{"class": "abstracted", "awsWording": "abstracted services", "serviceModel": "managed", "summary": "s",
                      "responsibilities": []}],
         "services": [{"service": "kms", "name": "KMS", "class": "abstracted", "resourceTypes": ["AWS::KMS::Key"],
                       "responsibilities": [\(rows)]}]}
        """
    }

    @Test(arguments: [
        (#"{"id": "a", "title": "t", "owner": "aws"}"#,
         "t.json: $.services[0].responsibilities[0]: an aws responsibility must cite the attestations that cover AWS's part"),
        (#"{"id": "a", "title": "t", "owner": "aws", "attestations": ["SOC 9"]}"#,
         "t.json: $.services[0].responsibilities[0].attestations: \"SOC 9\" is not one of the catalogue's attestations (SOC 2)"),
        (#"{"id": "a", "title": "t", "owner": "customer"}"#,
         "t.json: $.services[0].responsibilities[0]: a customer responsibility needs checks or evidence guidance (what a person should gather)"),
        (#"{"id": "a", "title": "t", "owner": "nobody", "checks": ["x"]}"#,
         "t.json: $.services[0].responsibilities[0].owner: \"nobody\" is not customer, aws or shared"),
        (#"{"id": "a", "owner": "customer", "checks": ["x"]}"#,
         "t.json: $.services[0].responsibilities[0]: missing required member \"title\""),
        (#"{"id": "a", "title": "t", "owner": "customer", "checks": ["kms.key.rotation-enabled"], "partial": true}"#,
         "t.json: $.services[0].responsibilities[0]: a partial responsibility needs the checks that verify its part and evidence guidance for the rest"),
    ])
    func aBadCatalogueIsRefusedNamingThePathAndTheFix(row: String, expected: String) {
        let error = #expect(throws: ResponsibilityCatalogError.self) {
            try ResponsibilityCatalog(json: Self.minimalCatalog(rows: row), file: "t.json")
        }
        #expect(error?.description == expected)
    }

    @Test func aCatalogueThatIsNotJSONIsRefused() {
        #expect(throws: ResponsibilityCatalogError.self) { try ResponsibilityCatalog(json: "{\"format\": ", file: "t.json") }
    }

    /// Issue 17: a check that is only a proxy for a job does not decide it, and a job its checks
    /// verify only in part stays partial.
    @Test func proxiesDoNotDecideTheJobsTheyOnlyHintAt() throws {
        func row(_ service: String, _ id: String) -> ResponsibilityEntry? {
            Self.catalog.services.first { $0.service == service }?.responsibilities.first { $0.id == id }
        }
        #expect(row("vpc", "vpc.segmentation")?.checks == [])
        #expect(row("ec2", "ec2.host-protection")?.checks == [])
        #expect(row("redshift", "redshift.database-users")?.checks == [])
        for (service, id) in [("ec2", "ec2.backups"), ("ebs", "ebs.snapshots"), ("rds", "rds.backups"), ("ec2", "ec2.patching"),
                              ("cloudtrail", "cloudtrail.log-review"), ("iam", "iam.least-privilege"), ("kms", "kms.key-policies")] {
            let entry = try #require(row(service, id), "\(id)")
            #expect(entry.partial, "\(id)")
            #expect(!(entry.evidence ?? "").isEmpty, "\(id)")
        }
        #expect(row("ec2", "ec2.network-interfaces")?.checks == ["ec2.instance.single-network-interface"])
        #expect(row("ec2", "ec2.metrics")?.checks == ["ec2.instance.detailed-monitoring"])
    }
}
