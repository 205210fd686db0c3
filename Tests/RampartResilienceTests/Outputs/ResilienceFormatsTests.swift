import Foundation
import RampartJSON
import RampartOutputs
import RampartResilience
import Testing

@Suite struct ResilienceFormatsTests {
    static var simulation: Simulation {
        var f = TopologyFixture(regions: ["us-east-1"])
        f.groups(
            TopologyFixture.group("web", min: 2, zones: ["us-east-1a", "us-east-1b"], instances: ["us-east-1a", "us-east-1b"]),
            TopologyFixture.group("evil<script>&x\\u001b[2J", min: 1, zones: ["us-east-1a"], instances: ["us-east-1a"]))
        return f.simulation()
    }

    @Test func jsonFollowsTheDesignContract() throws {
        let sim = Self.simulation
        let json = try JSONParser.parse(ResilienceJSON.render([sim.run(.zone("use1-az4"))]))
        let scenario = try #require(json.arrayValue?.first)
        #expect(scenario["scenario"]?.stringValue == "az:use1-az4")
        let web = try #require(scenario["workloads"]?.arrayValue?.first { $0["id"]?.stringValue == "asg:us-east-1:web" })
        #expect(web["kind"]?.stringValue == "auto-scaling-group")
        #expect(web["resources"]?.arrayValue?.first?.stringValue == "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0:autoScalingGroupName/web")
        #expect(web["capacityBefore"] == .number(2))
        #expect(web["capacityAfter"] == .number(1))
        #expect(web["capacityRequired"] == .number(2))
        #expect(web["verdict"]?.stringValue == "degraded")
        #expect(web["reason"]?.stringValue == "loses 1 of 2; 1 left, 2 required")
        #expect(web["assumptions"]?.arrayValue?.isEmpty == false)
        #expect(web["staticallyStable"] == .bool(false))
        #expect(web["drStrategy"]?.stringValue == "backup-and-restore")
    }

    @Test func heatMapEscapesEveryName() {
        let sim = Self.simulation
        let svg = ResilienceHeatMap.svg(sim.sweepFailures.map(sim.run))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("asg:us-east-1:evil&lt;script&gt;&amp;x[2J"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("\u{1B}"))
        #expect(svg.contains("<title>asg:us-east-1:web under az:use1-az4: degraded, 1/2: loses 1 of 2; 1 left, 2 required</title>"))
    }

    /// Column labels are rotated -35 degrees up and to the right: the picture is wide and tall enough
    /// for each label at 7 px per character (12 px sans-serif), the last column's included.
    @Test func heatMapColumnLabelsFitInThePicture() throws {
        let sim = Self.simulation
        let svg = ResilienceHeatMap.svg(sim.sweepFailures.map(sim.run))
        let size = try #require(svg.firstMatch(of: /width="(\d+)" height="(\d+)"/))
        let width = Double(size.1)!
        let labels = svg.matches(of: /<text x="(\d+)" y="(\d+)" transform="rotate\(-35 [^"]*\)">([^<]*)<\/text>/)
        #expect(labels.count == sim.sweepFailures.count)
        for label in labels {
            let length = Double(label.3.count) * 7
            #expect(Double(label.1)! + length * cos(35 * .pi / 180) <= width, "\(label.3) runs past the right edge")
            #expect(Double(label.2)! - length * sin(35 * .pi / 180) >= 0, "\(label.3) runs past the top edge")
        }
    }

    @Test func tableShowsControlCharactersEscaped() {
        let sim = Self.simulation
        let table = ResilienceTable.render([sim.run(.zone("use1-az4"))], sweep: false, color: false)
        #expect(table.contains("evil<script>&x\\u{1b}[2J"))
        #expect(!table.contains("\u{1B}"))
        #expect(table.contains("      why: loses 1 of 2; 1 left, 2 required"))
    }

    @Test func sweepIsAMatrixOfWorkloadsAgainstFailures() {
        let sim = Self.simulation
        let table = ResilienceTable.render(sim.sweepFailures.map(sim.run), sweep: true, color: false)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("Sweep: 3 failure(s)"))
        #expect(lines[1].contains("az:use1-az4") && lines[1].contains("az:use1-az6") && lines[1].contains("region:us-east-1"))
        let web = lines.first { $0.hasPrefix("asg:us-east-1:web ") }
        #expect(web?.split(separator: " ").map(String.init) == ["asg:us-east-1:web", "no", "degraded", "degraded", "down"])
    }
}
