import Foundation
@testable import RampartCollector
import RampartJSON
import Testing

@Suite struct CollectionPlanTests {
    /// The demo's dump script and the collector make the same calls, so a snapshot made with the
    /// AWS CLI and one made by `rampart collect` hold the same files.
    @Test func thePlanMatchesTheAWSCLIDumpScript() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = try String(contentsOf: root.appendingPathComponent("Examples/demo-generator/dump.py"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"Call\((G|R), "([a-z0-9]+)", "([a-z0-9-]+)""#)
        let matches = pattern.matches(in: script, range: NSRange(script.startIndex..., in: script))
        let scriptCalls = matches.map { m -> String in
            let part = { (i: Int) in String(script[Range(m.range(at: i), in: script)!]) }
            return "\(part(1) == "G" ? "global" : "regional") \(part(2)) \(part(3))"
        }
        let planCalls = CollectionPlan.calls.map { "\($0.scope.rawValue) \($0.service) \($0.operation)" }
        #expect(scriptCalls == planCalls)
    }

    @Test func everyPlannedCallIsARead() {
        for call in CollectionPlan.calls {
            #expect(["describe-", "list-", "get-", "batch-get-"].contains { call.operation.hasPrefix($0) }, "\(call.operation)")
        }
    }
}

@Suite struct ListingIdsTests {
    @Test func idsAreReadAtThePathsThePlanNames() throws {
        let buckets = try JSONParser.parse(#"{"Buckets": [{"Name": "a"}, {"Name": "b"}], "Owner": {"ID": "x"}}"#)
        #expect(Collector.ids(in: buckets, path: "Buckets[].Name", homeRegion: nil) == ["a", "b"])
        let tables = try JSONParser.parse(#"{"TableNames": ["t1", "t2"]}"#)
        #expect(Collector.ids(in: tables, path: "TableNames[]", homeRegion: nil) == ["t1", "t2"])
        #expect(Collector.ids(in: tables, path: "Missing[]", homeRegion: nil) == [])
    }

    @Test func tableTagsAreAskedForByTheTableARNOfTheRegionAndPartition() throws {
        let tags = try #require(CollectionPlan.calls.first { $0.service == "dynamodb" && $0.operation == "list-tags-of-resource" }?.perResource)
        #expect(tags.parameter == "ResourceArn")
        #expect(tags.value(for: "orders", account: "123456789012", region: "eu-west-1") == "arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
        #expect(tags.value(for: "orders", account: "123456789012", region: "cn-north-1") == "arn:aws-cn:dynamodb:cn-north-1:123456789012:table/orders")
        // Calls without a template pass the listed id as it is.
        let describe = try #require(CollectionPlan.calls.first { $0.service == "dynamodb" && $0.operation == "describe-table" }?.perResource)
        #expect(describe.value(for: "orders", account: "123456789012", region: "eu-west-1") == "orders")
    }

    @Test func multiRegionTrailsAreReadOnlyInTheirHomeRegion() throws {
        let trails = try JSONParser.parse("""
            {"trailList": [{"TrailARN": "arn:home", "HomeRegion": "us-east-1"}, {"TrailARN": "arn:local", "HomeRegion": "eu-west-1"}]}
            """)
        #expect(Collector.ids(in: trails, path: "trailList[].TrailARN", homeRegion: "eu-west-1") == ["arn:local"])
    }
}
