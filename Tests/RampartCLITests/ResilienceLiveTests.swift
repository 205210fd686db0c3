import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// `rampart resilience simulate` against moto's server holding the demo company: the live
/// account gives the verdicts the committed demo snapshot gives.
@Suite(.demoMotoServer, .serialized) struct ResilienceLiveTests {
    func environment(_ moto: MotoServer) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": moto.admin.accessKeyId, "AWS_SECRET_ACCESS_KEY": moto.admin.secretAccessKey,
            "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1",
        ]
    }

    /// `scenario id verdict` for the workloads whose ids moto does not randomise.
    func verdicts(_ json: String) -> Set<String> {
        var out = Set<String>()
        for scenario in (try? JSONParser.parse(json).arrayValue) ?? [] {
            let name = scenario["scenario"]?.stringValue ?? ""
            for w in scenario["workloads"]?.arrayValue ?? [] {
                let id = w["id"]?.stringValue ?? ""
                guard ["asg:", "rds:", "rds-cluster:", "dynamodb:", "s3:", "app:"].contains(where: id.hasPrefix) else { continue }
                out.insert("\(name) \(id) \(w["verdict"]?.stringValue ?? "")")
            }
        }
        return out
    }

    @Test func aLiveSweepGivesTheVerdictsOfTheDemoSnapshot() throws {
        let moto = try #require(MotoServer.current)
        let live = try Rampart.run(
            ["resilience", "simulate", "--sweep", "--format", "json", "--quiet", "--endpoint-url", moto.endpoint,
             "--region", "us-east-1", "--region", "eu-west-1"],
            environment: environment(moto))
        #expect(live.status == 0, "\(live.stderr)")
        let demo = try Rampart.run(["resilience", "simulate", "--sweep", "--format", "json", "--quiet", "--demo"])
        let liveVerdicts = verdicts(live.stdout)
        #expect(liveVerdicts.contains("region:us-east-1 asg:us-east-1:acme-web-asg down"))
        #expect(liveVerdicts.count > 50)
        #expect(liveVerdicts == verdicts(demo.stdout))
    }
}
