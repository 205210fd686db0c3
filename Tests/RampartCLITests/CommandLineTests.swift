import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// Exit codes, errors and outputs of the real executable on small snapshots.
@Suite struct CommandLineTests {
    /// A one-region snapshot with one open security group and everything else absent.
    func smallSnapshot() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("manifest.json", """
            {"format": "rampart-snapshot/1", "collectedAt": "2026-11-29T12:00:00Z", "accounts": ["123456789012"],
             "regions": ["us-east-1"], "errors": []}
            """)
        try dir.write("123456789012/us-east-1/ec2/describe-security-groups.json", """
            {"SecurityGroups": [{"GroupId": "sg-0open", "GroupName": "ssh", "VpcId": "vpc-1",
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
              "IpPermissionsEgress": []}]}
            """)
        return dir
    }

    @Test func unknownFlagIsOneLineAndExitTwo() throws {
        let result = try Rampart.run(["scan", "--snapshto", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("rampart: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["scan", "--format", "pdf", "--demo"], "rampart: unknown --format \"pdf\"; choose from table, json, ocsf, asff, csv, junit, html, sarif\n"),
        (["scan", "--fail-on", "urgent", "--demo"], "rampart: unknown --fail-on \"urgent\"; choose from critical, high, medium, low, informational\n"),
        (["scan", "--check", "nope", "--demo"], "rampart: unknown --check \"nope\"; 'rampart checks' lists them\n"),
        (["scan", "--snapshot", "/nonexistent/snap"], "rampart: /nonexistent/snap: no such directory\n"),
    ])
    func badUsageExitsTwoWithOneLine(arguments: [String], expected: String) throws {
        let result = try Rampart.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == expected)
        #expect(result.stdout.isEmpty)
    }

    /// Without --snapshot or --demo a scan is live; with no credentials anywhere it says what it tried.
    @Test func aLiveScanWithoutCredentialsExitsTwoNamingWhatWasTried() throws {
        let result = try Rampart.run(["scan", "--region", "us-east-1"], environment: [
            "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("rampart: cannot identify the account (sts get-caller-identity): NoCredentials: Unable to locate credentials"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func aDirectoryThatIsNotASnapshotExitsTwo() throws {
        let dir = try TemporaryDirectory()
        let result = try Rampart.run(["scan", "--snapshot", dir.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a Rampart snapshot: manifest.json is missing"))
    }

    @Test func failOnSetsExitCodeOneOnlyAtOrAboveTheThreshold() throws {
        let snap = try smallSnapshot()
        let high = try Rampart.run(["scan", "--snapshot", snap.path, "--fail-on", "high", "--quiet", "--check", "ec2.security-group.ingress-open-admin-ports"])
        #expect(high.status == 1)
        let critical = try Rampart.run(["scan", "--snapshot", snap.path, "--fail-on", "critical", "--quiet", "--check", "ec2.security-group.ingress-open-admin-ports"])
        #expect(critical.status == 0)
        let none = try Rampart.run(["scan", "--snapshot", snap.path, "--quiet"])
        #expect(none.status == 0)
    }

    @Test func missingEvidenceIsUnknownAndTheSummarySaysWhatWasNotRead() throws {
        let snap = try smallSnapshot()
        let result = try Rampart.run(["scan", "--snapshot", snap.path, "--quiet", "--no-group"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ec2.security-group.ingress-open-admin-ports  ssh (sg-0open)  [123456789012/us-east-1]"))
        #expect(result.stdout.contains("Could not read"))
        #expect(result.stdout.contains("ec2 describe-instances: not collected (us-east-1)"))
        let json = try Rampart.run(["scan", "--snapshot", snap.path, "--quiet", "--format", "json"])
        let findings = try JSONParser.parse(json.stdout).arrayValue ?? []
        let imds = findings.filter { $0["checkId"]?.stringValue?.hasPrefix("ec2.instance") == true }
        #expect(!imds.isEmpty)
        #expect(imds.allSatisfy { $0["status"] == "UNKNOWN" })
        #expect(!findings.contains { $0["status"] == "PASS" && $0["checkId"]?.stringValue?.hasPrefix("rds.") == true })
    }

    @Test func aTruncatedFileIsListedAndStrictModeRefusesIt() throws {
        let snap = try smallSnapshot()
        try snap.write("123456789012/us-east-1/ec2/describe-vpcs.json", #"{"Vpcs": [{"VpcId": "vpc-1""#)
        let lenient = try Rampart.run(["scan", "--snapshot", snap.path, "--quiet"])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("describe-vpcs.json: not valid JSON: line 1, column 28: unexpected end of input inside an object (the file is truncated?)"))
        let strict = try Rampart.run(["scan", "--snapshot", snap.path, "--strict"])
        #expect(strict.status == 2)
        #expect(strict.stderr.hasPrefix("rampart: \(snap.path)/123456789012/us-east-1/ec2/describe-vpcs.json: not valid JSON: line 1, column 28"))
        #expect(strict.stdout.isEmpty)
    }

    @Test func outputDirGetsOneOwnerOnlyFilePerFormat() throws {
        let snap = try smallSnapshot()
        let out = try TemporaryDirectory()
        let result = try Rampart.run(["scan", "--snapshot", snap.path, "--format", "json", "--format", "ocsf", "--output-dir", out.path])
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["rampart-findings.json", "rampart-findings.ocsf.json"])
        for file in files {
            let attributes = try FileManager.default.attributesOfItem(atPath: out.path + "/" + file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let data = try Data(contentsOf: out.url.appendingPathComponent(file))
            #expect(throws: Never.self) { try JSONParser.parse([UInt8](data)) }
        }
    }

    @Test func theChecksCommandListsTheCatalogue() throws {
        let result = try Rampart.run(["checks", "--format", "json"])
        #expect(result.status == 0)
        let checks = try JSONParser.parse(result.stdout).arrayValue ?? []
        #expect(checks.contains { $0["id"] == "ec2.security-group.ingress-open-admin-ports" })
    }

    /// The table shows what the help promises: frameworks and the Prowler alias, one line per check.
    @Test func theChecksTableShowsFrameworksAndTheProwlerAlias() throws {
        let catalogue = try JSONParser.parse(Rampart.run(["checks", "--format", "json"]).stdout).arrayValue ?? []
        let table = try Rampart.run(["checks"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == catalogue.count + 1)
        for check in catalogue {
            let id = try #require(check["id"]?.stringValue)
            let line = try #require(lines.first { $0.hasPrefix(id + " ") }, "no line for \(id)")
            #expect(line.hasSuffix(" | prowler: \(check["prowler"]?.stringValue ?? "-")"), "\(line)")
            let frameworks = check["frameworks"]?.objectValue ?? JSONObject()
            for framework in frameworks.keys {
                let ids = (frameworks[framework]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
                #expect(line.contains("\(framework) \(ids)"), "\(line)")
            }
        }
    }
}

@Suite struct CheckCatalogueDocumentTests {
    /// docs/checks.md is the output of `rampart checks --format markdown`; regenerate it when checks change.
    @Test func theCommittedCatalogueMatchesTheChecksCommand() throws {
        let result = try Rampart.run(["checks", "--format", "markdown"])
        #expect(result.status == 0)
        let committed = try String(contentsOf: Rampart.packageRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        #expect(committed == result.stdout, "docs/checks.md is stale: run `swift run rampart checks --format markdown > docs/checks.md`")
    }
}
