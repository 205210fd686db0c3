import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// `rampart responsibilities` end to end, as a user runs it.
@Suite struct ResponsibilitiesCommandTests {
    func row(_ json: JSONValue, _ service: String, _ id: String) throws -> JSONValue {
        let entry = try #require(json["services"]?.arrayValue?.first { $0["service"]?.stringValue == service })
        return try #require(entry["responsibilities"]?.arrayValue?.first { $0["id"]?.stringValue == id })
    }

    /// The matrix's failing count is the number of distinct resources `scan` reports failing for the row's check.
    @Test func theDemoMatrixAgreesWithTheScansFindings() throws {
        let result = try Rampart.run(["responsibilities", "--demo", "--format", "json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let matrix = try JSONParser.parse(result.stdout)

        let scan = try Rampart.run(["scan", "--demo", "--check", "s3.bucket.default-encryption", "--format", "json", "--quiet"])
        let findings = try JSONParser.parse(scan.stdout).arrayValue ?? []
        let failing = Set(findings.filter { $0["status"]?.stringValue == "FAIL" }.compactMap { $0["resource"]?["arn"]?.stringValue })
        #expect(!failing.isEmpty)

        let encryption = try row(matrix, "s3", "s3.encryption-at-rest")
        #expect(encryption["status"] == "FAIL")
        #expect(encryption["owner"] == "customer")
        #expect(encryption["failing"] == .number(Double(failing.count)))
        #expect(encryption["checks"] == ["s3.bucket.default-encryption"])

        let s3 = try #require(matrix["services"]?.arrayValue?.first { $0["service"] == "s3" })
        #expect(s3["serviceModel"] == "infrastructure")
        // AWS's page calls S3 abstracted; the catalogue says why Rampart keeps it with infrastructure.
        #expect(s3["note"]?.stringValue?.contains("abstracted services") == true)
        let inherited = try row(matrix, "s3", "aws.facilities")
        #expect(inherited["status"] == "INHERITED")
        #expect(inherited["owner"] == "aws")
        #expect(inherited["attestations"]?.arrayValue?.contains("PCI DSS Attestation of Compliance") == true)
        #expect(try row(matrix, "iam", "iam.awareness-training")["status"] == "MANUAL")
        // Segregation of duties is decided by the IAM engine's check, not left to a person.
        let sod = try row(matrix, "iam", "iam.segregation-of-duties")
        #expect(sod["checks"]?.arrayValue?.contains("iam.principal.segregation-of-duties") == true)
        #expect(sod["status"] == "FAIL")
    }

    @Test func theTableNamesTheSourceAndShowsEachServiceBlock() throws {
        let result = try Rampart.run(["responsibilities", "--demo", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Shared responsibility matrix of the demo snapshot, collected "))
        #expect(result.stdout.contains("\ns3  Amazon S3  (infrastructure services (IaaS); infrastructure)\n"))
        let line = result.stdout.split(separator: "\n").first { $0.contains("Objects are encrypted at rest") } ?? ""
        #expect(line.hasPrefix("  FAIL      customer Objects are encrypted at rest"))
        #expect(line.contains(" failing of "))
        #expect(result.stdout.contains("      evidence: "))
    }

    /// A listing that AWS refused: the service may be in use, so it is shown, and its checked rows are UNKNOWN.
    @Test func aServiceThatCouldNotBeListedIsShownUnknownNotHidden() throws {
        let dir = try TemporaryDirectory()
        try dir.write("manifest.json", """
            {"format": "rampart-snapshot/1", "collectedAt": "2026-11-29T12:00:00Z", "accounts": ["123456789012"],
             "regions": ["us-east-1"], "errors": [{"account": "123456789012", "region": "us-east-1", "service": "rds",
             "operation": "describe-db-instances", "code": "AccessDenied", "message": "not allowed"}]}
            """)
        let result = try Rampart.run(["responsibilities", "--snapshot", dir.path, "--format", "json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let matrix = try JSONParser.parse(result.stdout)
        #expect(try row(matrix, "rds", "rds.network-placement")["status"] == "UNKNOWN")
        #expect(try row(matrix, "rds", "rds.database-users")["status"] == "MANUAL")
    }

    @Test func outputDirGetsOneOwnerOnlyFilePerFormatAndTheTableOnStdout() throws {
        let out = try TemporaryDirectory()
        let result = try Rampart.run([
            "responsibilities", "--demo", "--format", "table", "--format", "json", "--format", "markdown", "--output-dir", out.path, "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Shared responsibility matrix"))
        for name in ["rampart-responsibilities.txt", "rampart-responsibilities.json", "rampart-responsibilities.md"] {
            let path = out.path + "/" + name
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
        }
        let markdown = try String(contentsOfFile: out.path + "/rampart-responsibilities.md", encoding: .utf8)
        #expect(markdown.hasPrefix("# Shared responsibility matrix\n"))
        #expect(markdown.contains("\n## s3: Amazon S3\n"))
    }

    @Test(arguments: [
        (["responsibilities", "--demo", "--format", "pdf"], "rampart: unknown --format \"pdf\"; choose from table, json, markdown\n"),
        (["responsibilities", "--demo", "--snapshot", "x"], "rampart: --demo and --snapshot cannot be used together\n"),
        (["responsibilities", "--snapshot", "/nonexistent/snap"], "rampart: /nonexistent/snap: no such directory\n"),
        (["scan", "--demo", "--snapshot", "x"], "rampart: --demo and --snapshot cannot be used together\n"),
    ])
    func badUsageExitsTwoWithOneLine(arguments: [String], expected: String) throws {
        let result = try Rampart.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == expected)
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnknownFlagExitsTwo() throws {
        let result = try Rampart.run(["responsibilities", "--demo", "--include-aws-ownd"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("rampart: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
