import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RampartJSON
import RampartTestSupport
import Testing

/// `rampart resilience simulate` end to end, through the built executable, on the demo.
@Suite struct ResilienceCommandTests {
    @Test func failingAZoneOfTheDemoGivesTheContractsJSON() throws {
        let result = try Rampart.run(["resilience", "simulate", "--demo", "--fail", "az:use1-az6", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let scenarios = try #require(try JSONParser.parse(result.stdout).arrayValue)
        #expect(scenarios.count == 1)
        #expect(scenarios[0]["scenario"]?.stringValue == "az:use1-az6")
        let workloads = try #require(scenarios[0]["workloads"]?.arrayValue)
        let web = try #require(workloads.first { $0["id"]?.stringValue == "asg:us-east-1:acme-web-asg" })
        // Three zones, one instance each, rampart:min-capacity 2: N+1.
        #expect(web["capacityBefore"] == .number(3))
        #expect(web["capacityAfter"] == .number(2))
        #expect(web["capacityRequired"] == .number(2))
        #expect(web["verdict"]?.stringValue == "ok")
        #expect(web["assumptions"]?.arrayValue?.first?.stringValue == "required 2: tag rampart:min-capacity")
        let batch = try #require(workloads.first { $0["id"]?.stringValue == "asg:us-east-1:acme-batch-asg" })
        #expect(batch["verdict"]?.stringValue == "down")
    }

    @Test func sweepPrintsAMatrixOfZonesThenRegions() throws {
        let result = try Rampart.run(["resilience", "simulate", "--demo", "--sweep"])
        #expect(result.status == 0, "\(result.stderr)")
        let header = result.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        let columns = header.split(separator: " ").map(String.init)
        #expect(columns.first == "WORKLOAD")
        #expect(columns.contains("az:use1-az6") && columns.contains("region:us-east-1"))
        #expect(columns.firstIndex(of: "az:use1-az6")! < columns.firstIndex(of: "region:eu-west-1")!)
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test func heatMapIsWellFormedSVG() throws {
        let result = try Rampart.run(["resilience", "simulate", "--demo", "--fail", "region:us-east-1", "--format", "svg"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<svg "))
        #expect(result.stdout.contains(">asg:us-east-1:acme-web-asg</text>"))
        #expect(XMLParser(data: Data(result.stdout.utf8)).parse())
    }

    @Test func policyFileSetsRequiredCapacity() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("policy.yaml", """
            workloads:
              - id: asg:us-east-1:acme-web-asg
                minimumCapacity: 3
            """)
        let result = try Rampart.run(["resilience", "simulate", "--demo", "--fail", "az:use1-az6", "--format", "json", "--policy", file])
        #expect(result.status == 0, "\(result.stderr)")
        let workloads = try JSONParser.parse(result.stdout).arrayValue?.first?["workloads"]?.arrayValue ?? []
        let web = workloads.first { $0["id"]?.stringValue == "asg:us-east-1:acme-web-asg" }
        #expect(web?["capacityRequired"] == .number(3))
        #expect(web?["verdict"]?.stringValue == "degraded")
        #expect(web?["assumptions"]?.arrayValue?.first?.stringValue == "required 3: minimumCapacity in \(file):2")
    }

    @Test func badPolicyFilesExitTwoWithOneLineNamingFileAndPlace() throws {
        let dir = try TemporaryDirectory()
        let unknownKey = try dir.write("a.yaml", "workloads:\n  - id: x\n    minCapacity: 2\n")
        let broken = try dir.write("b.yaml", "workloads: [\n")
        for (file, prefix) in [(unknownKey, "rampart: \(unknownKey):3:5: unknown key \"minCapacity\""), (broken, "rampart: \(broken):2:")] {
            let result = try Rampart.run(["resilience", "simulate", "--demo", "--sweep", "--policy", file])
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix(prefix), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stdout.isEmpty)
        }
        let missing = try Rampart.run(["resilience", "simulate", "--demo", "--sweep", "--policy", dir.path + "/none.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "rampart: --policy: \(dir.path)/none.yaml cannot be read: No such file or directory\n")
    }

    @Test(arguments: [
        (["resilience", "simulate", "--demo"], "rampart: give --fail az:<zone-id>, --fail region:<name> or --sweep (one of them)\n"),
        (["resilience", "simulate", "--demo", "--fail", "zone:1"],
         "rampart: --fail \"zone:1\" is not az:<zone-id> (like az:use1-az1) or region:<name> (like region:eu-west-1)\n"),
        (["resilience", "simulate", "--demo", "--fail", "region:mars-1"],
         "rampart: Region \"mars-1\" is not in the inventory; known: eu-west-1, us-east-1\n"),
        (["resilience", "simulate", "--demo", "--sweep", "--format", "pdf"], "rampart: unknown --format \"pdf\"; choose from table, json, svg\n"),
    ])
    func badUsageExitsTwo(arguments: [String], expected: String) throws {
        let result = try Rampart.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == expected)
        #expect(result.stdout.isEmpty)
    }

    @Test func aZoneNameIsAnsweredWithItsZoneId() throws {
        let result = try Rampart.run(["resilience", "simulate", "--demo", "--fail", "az:us-east-1a"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("rampart: zone ID \"us-east-1a\" is not in the inventory (us-east-1a is a zone name; its ID here is use1-az6); known: "))
    }
}
