import Foundation
import RampartInventory
import RampartResilience
import Testing

/// Lambda functions and Step Functions state machines as workloads of the failure simulation.
@Suite struct ServerlessWorkloadTests {
    static func function(_ name: String, subnets: [String]) -> String {
        #"""
        {"FunctionName": "\#(name)", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:\#(name)", "Runtime": "python3.12",
         "Role": "arn:aws:iam::123456789012:role/r", "VpcConfig": {"SubnetIds": [\#(subnets.map { "\"\($0)\"" }.joined(separator: ", "))], "SecurityGroupIds": []}}
        """#
    }

    var fixture: TopologyFixture {
        var f = TopologyFixture(regions: ["us-east-1"])
        f.answer("us-east-1", "ec2", "describe-subnets", #"""
            {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az4", "MapPublicIpOnLaunch": false},
                         {"SubnetId": "subnet-b", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1b", "AvailabilityZoneId": "use1-az6", "MapPublicIpOnLaunch": false}]}
            """#)
        f.answer("us-east-1", "lambda", "list-functions", """
            {"Functions": [\(Self.function("spread", subnets: ["subnet-a", "subnet-b"])), \(Self.function("pinned", subnets: ["subnet-a"])),
                           \(Self.function("regional", subnets: []))]}
            """)
        f.answer("us-east-1", "stepfunctions", "list-state-machines",
                 #"{"stateMachines": [{"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:flow", "name": "flow"}]}"#)
        return f
    }

    @Test func aVPCFunctionRunsInTheZonesOfItsSubnets() {
        let sim = fixture.simulation()
        #expect(sim.workloads.first { $0.id == "lambda:us-east-1:spread" }?.activeByZone == ["use1-az4": 1, "use1-az6": 1])
        #expect(sim.verdict("lambda:us-east-1:spread", "az:use1-az4")?.verdict == .ok)
        #expect(sim.verdict("lambda:us-east-1:pinned", "az:use1-az4")?.verdict == .down)
    }

    @Test func functionsOutsideAVPCAndStateMachinesAreRegional() {
        let sim = fixture.simulation()
        #expect(sim.workloads.first { $0.id == "lambda:us-east-1:regional" }?.zoneIds.isEmpty == true)
        #expect(sim.verdict("lambda:us-east-1:regional", "az:use1-az4")?.verdict == .ok)
        #expect(sim.verdict("sfn:us-east-1:flow", "az:use1-az4")?.verdict == .ok)
        #expect(sim.verdict("sfn:us-east-1:flow", "region:us-east-1")?.verdict == .down)
    }

    @Test func anUnreadableFunctionListIsAnUnknownWorkload() {
        var f = TopologyFixture(regions: ["us-east-1"])
        f.fail("us-east-1", "lambda", "list-functions")
        let sim = f.simulation()
        let unknown = sim.workloads.first { $0.kind == .lambdaFunction }
        #expect(unknown?.unknownForZones.first?.contains("AccessDenied") == true)
    }
}
