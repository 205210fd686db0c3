import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// `rampart collect` and a live `rampart scan` as a user runs them, against moto's server
/// holding the demo company (authentication on, so every request is really signed).
@Suite(.demoMotoServer, .serialized) struct LiveCommandTests {
    func environment(_ moto: MotoServer) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": moto.admin.accessKeyId, "AWS_SECRET_ACCESS_KEY": moto.admin.secretAccessKey,
            "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1",
        ]
    }

    @Test func collectWritesASnapshotAndSaysWhatItDid() throws {
        let moto = try #require(MotoServer.current)
        let parent = try TemporaryDirectory()
        let output = parent.path + "/snapshot"
        let result = try Rampart.run(
            ["collect", "--output", output, "--endpoint-url", moto.endpoint, "--region", "us-east-1", "--region", "eu-west-1"],
            environment: environment(moto))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("rampart: collected "))
        #expect(result.stderr.contains(" in 2 region(s) of 123456789012: "))
        #expect(result.stderr.contains(" retries, "))
        #expect(!result.stderr.contains(moto.admin.secretAccessKey), "the secret never appears")
        let manifest = try JSONParser.parse(String(contentsOfFile: output + "/manifest.json", encoding: .utf8))
        #expect(manifest["format"] == "rampart-snapshot/1")
        #expect(manifest["regions"] == ["us-east-1", "eu-west-1"])

        let again = try Rampart.run(["collect", "--output", output, "--endpoint-url", moto.endpoint], environment: environment(moto))
        #expect(again.status == 2)
        #expect(again.stderr == "rampart: \(output) already exists; choose a new directory for the snapshot\n")
    }

    @Test func aLiveScanReportsWhatAScanOfTheCollectedSnapshotReports() throws {
        let moto = try #require(MotoServer.current)
        let parent = try TemporaryDirectory()
        let output = parent.path + "/snapshot"
        let live = ["--endpoint-url", moto.endpoint, "--region", "us-east-1", "--region", "eu-west-1"]
        #expect(try Rampart.run(["collect", "--output", output, "--quiet"] + live, environment: environment(moto)).status == 0)
        let liveScan = try Rampart.run(["scan", "--quiet", "--format", "json"] + live, environment: environment(moto))
        let offlineScan = try Rampart.run(["scan", "--quiet", "--format", "json", "--snapshot", output], environment: environment(moto))
        #expect(liveScan.status == 0 && offlineScan.status == 0)
        let verdicts = { (text: String) -> [String] in
            ((try? JSONParser.parse(text).arrayValue) ?? []).map {
                "\($0["checkId"]?.stringValue ?? "") \($0["resource"]?["arn"]?.stringValue ?? "") \($0["status"]?.stringValue ?? "")"
            }
        }
        #expect(verdicts(liveScan.stdout).count > 300)
        // moto stamps some answers with the time of the request (RDS restore times, trail delivery
        // times); no check reads those, so the verdicts are equal.
        #expect(verdicts(liveScan.stdout) == verdicts(offlineScan.stdout))
    }

    @Test(arguments: [
        (["--max-concurrency", "0"], "rampart: --max-concurrency must be at least 1\n"),
        (["--max-rate", "0"], "rampart: --max-rate must be a positive number of requests per second\n"),
        (["--endpoint-url", "ftp://example"], "rampart: --endpoint-url \"ftp://example\" is not an http(s) URL\n"),
    ])
    func badLiveFlagsExitTwo(arguments: [String], expected: String) throws {
        let moto = try #require(MotoServer.current)
        let result = try Rampart.run(["scan", "--region", "us-east-1"] + arguments, environment: environment(moto))
        #expect(result.status == 2)
        #expect(result.stderr == expected)
    }
}
