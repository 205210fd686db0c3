import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// `rampart access` end to end, as a user runs it (docs/access.md).
@Suite struct AccessCommandTests {
    @Test func theDemoListsPublicAndCrossAccountResourcesWithWitnessesAndWhatCouldNotBeRead() throws {
        let result = try Rampart.run(["access", "--demo", "--format", "json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try JSONParser.parse(result.stdout).arrayValue ?? []
        func entry(_ arn: String) -> JSONValue? { entries.first { $0["resource"]?.stringValue == arn } }
        let assets = try #require(entry("arn:aws:s3:::acme-public-assets"))
        #expect(assets["access"] == "public")
        #expect(assets["type"] == "AWS::S3::Bucket")
        #expect(assets["witness"]?["action"] == "s3:GetObject")
        let vendor = try #require(entry("arn:aws:iam::123456789012:role/acme-vendor-readonly"))
        #expect(vendor["access"] == "cross-account")
        #expect(vendor["principals"] == ["arn:aws:iam::444455556666:root"])
        // The demo's CloudTrail bucket policy is malformed: UNKNOWN with the reason, never private.
        let trail = try #require(entry("arn:aws:s3:::acme-cloudtrail-logs-use1"))
        #expect(trail["access"] == "unknown")
        #expect(trail["reason"]?.stringValue?.contains("not a valid policy") == true)

        let table = try Rampart.run(["access", "--demo", "--quiet"])
        #expect(table.stdout.contains("Could not read (1):"))
        #expect(table.stdout.contains("PUBLIC  AWS::S3::Bucket  arn:aws:s3:::acme-public-assets"))
    }

    @Test(arguments: [["--zone", "galaxy"], ["--format", "yaml"], ["--organization-id", "o-abcdefghij"], ["--zone", "organization", "--organization-id", "nope"]])
    func badFlagsAreOneLineErrorsWithExitTwo(flags: [String]) throws {
        let result = try Rampart.run(["access", "--demo"] + flags)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
