import RampartResilience
import Testing

@Suite struct ResiliencyPolicyTests {
    static let example = """
        # Resilience Hub's disruption types: application, infrastructure, az, region.
        default:
          minimumCapacity: 1
        workloads:
          - id: asg:us-east-1:web
            minimumCapacity: 4
            targets:
              az: {rto: 5m, rpo: 0}
              region: {rto: 1h, rpo: 15m}
          - tags: {app: payments}
            capacityFraction: 0.5
        """

    @Test func readsRulesTargetsAndTheDefault() throws {
        let policy = try ResiliencyPolicy.parse(Self.example, file: "policy.yaml")
        #expect(policy.rules.count == 2)
        #expect(policy.rules[0].id == "asg:us-east-1:web")
        #expect(policy.rules[0].minimumCapacity == 4)
        #expect(policy.rules[0].targets[.az] == RecoveryTarget(rtoSeconds: 300, rpoSeconds: 0))
        #expect(policy.rules[0].targets[.region] == RecoveryTarget(rtoSeconds: 3600, rpoSeconds: 900))
        #expect(policy.rules[1].tags == ["app": "payments"])
        #expect(policy.rules[1].capacityFraction == 0.5)
        #expect(policy.defaultRule?.minimumCapacity == 1)
    }

    func error(_ yaml: String) -> String? {
        do {
            _ = try ResiliencyPolicy.parse(yaml, file: "p.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func unknownKeyIsNamedWithItsLineAndColumn() {
        #expect(error("workloads:\n  - id: x\n    minCapacity: 2\n")
            == "p.yaml:3:5: unknown key \"minCapacity\" in a workload rule; expected one of id, tags, minimumCapacity, capacityFraction, targets")
    }

    @Test func brokenYAMLNamesWhereItBroke() {
        let message = error("workloads:\n  - id: [unclosed\n")
        #expect(message?.hasPrefix("p.yaml:3:") == true, "\(message ?? "")")
        #expect(message?.contains("not valid YAML") == true)
    }

    @Test func badValuesSayWhatToWrite() {
        #expect(error("workloads:\n  - id: x\n    capacityFraction: 2\n")
            == "p.yaml:3:23: capacityFraction must be a number above 0 and at most 1 (0.5 = half of today's capacity)")
        #expect(error("workloads:\n  - minimumCapacity: 2\n")
            == "p.yaml:2:5: a workload rule needs id or tags to say which workloads it covers")
        #expect(error("default:\n  targets:\n    region: {rto: soon}\n")
            == "p.yaml:3:19: \"soon\" is not a duration; write seconds (90) or a number with s, m, h or d (15m)")
        #expect(error("default:\n  targets:\n    planet: {rto: 1h}\n")?.hasPrefix("p.yaml:3:5: unknown key \"planet\" in targets") == true)
        #expect(error("") == "p.yaml:1:1: the policy is empty; see docs/resilience.md for the format")
        #expect(error("- 1\n") == "p.yaml:1:1: the policy must be a mapping of keys to values")
    }
}
