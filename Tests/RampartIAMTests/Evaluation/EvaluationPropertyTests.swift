import RampartIAM
import Testing

/// Properties of "Policy evaluation logic" on random small policy sets and requests (seeded):
/// an explicit deny in any policy wins, so adding a Deny can never produce `allowed` where there
/// was none, and adding an Allow can never undo an explicit deny.
@Suite struct EvaluationPropertyTests {
    struct Generator {
        var rng: SplitMix64
        mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

        let actions = ["s3:GetObject", "s3:PutObject", "iam:PassRole", "ec2:RunInstances"]
        let actionPatterns = ["*", "s3:*", "s3:Get*", "s3:GetObject", "iam:*", "ec2:Run?nstances", "S3:PUTOBJECT"]
        let resources = ["arn:aws:s3:::b/k", "arn:aws:s3:::b/home/alice/x", "arn:aws:iam::111122223333:role/R", "*"]
        let resourcePatterns = ["*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:iam::*:role/?",
            "arn:aws:s3:::other/*"]
        let conditions = [
            #"{"StringEquals":{"aws:PrincipalTag/team":"blue"}}"#, #"{"StringNotEquals":{"aws:PrincipalTag/team":"blue"}}"#,
            #"{"Bool":{"aws:SecureTransport":"true"}}"#, #"{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#,
            #"{"ForAllValues:StringLike":{"aws:TagKeys":"team*"}}"#, #"{"ForAnyValue:StringEquals":{"aws:TagKeys":"env"}}"#,
            #"{"NumericLessThanIfExists":{"s3:max-keys":"10"}}"#, #"{"Null":{"aws:PrincipalTag/team":"true"}}"#,
        ]
        let principals = [Fixture.alice, Fixture.bob, Fixture.adminSession, RequestPrincipal(arn: "ec2.amazonaws.com")]
        let principalElements = [#""*""#, #"{"AWS":"111122223333"}"#, #"{"AWS":"arn:aws:iam::111122223333:user/alice"}"#,
            #"{"AWS":"arn:aws:iam::444455556666:root"}"#, #"{"AWS":"arn:aws:iam::111122223333:role/ops/Admin"}"#,
            #"{"Service":"ec2.amazonaws.com"}"#]

        mutating func statement(_ effect: String, withPrincipal: Bool) -> String {
            var s = #"{"Effect":"\#(effect)","#
            s += chance(20) ? #""NotAction":"\#(pick(actionPatterns))","# : #""Action":["\#(pick(actionPatterns))","\#(pick(actionPatterns))"],"#
            s += chance(15) ? #""NotResource":"\#(pick(resourcePatterns))""# : #""Resource":"\#(pick(resourcePatterns))""#
            if withPrincipal {
                s += chance(10) ? #","NotPrincipal":\#(pick(principalElements))"# : #","Principal":\#(pick(principalElements))"#
            }
            if chance(40) { s += #","Condition":\#(pick(conditions))"# }
            return s + "}"
        }

        mutating func policy(withPrincipal: Bool = false, size: Int? = nil) -> [String] {
            (0..<(size ?? Int(1 + rng.next() % 3))).map { _ in statement(chance(70) ? "Allow" : "Deny", withPrincipal: withPrincipal) }
        }

        mutating func request() -> RequestContext {
            var context: [String: ContextValue] = [:]
            if chance(50) { context["aws:PrincipalTag/team"] = .single(pick(["blue", "red"])) }
            if chance(50) { context["aws:SecureTransport"] = .single(pick(["true", "false"])) }
            if chance(50) { context["aws:SourceIp"] = .single(pick(["10.1.2.3", "203.0.113.1"])) }
            if chance(50) { context["aws:TagKeys"] = .multiple(pick([[], ["team-a"], ["env", "team-b"]])) }
            return RequestContext(principal: pick(principals), action: pick(actions), resource: pick(resources),
                resourceAccount: pick([nil, "111122223333", "444455556666"]), context: context)
        }
    }

    /// A random policy set as statement lists, so statements can be added before building it.
    struct Scenario {
        var identity: [[String]]
        var resource: [String]?
        var kind: ResourcePolicyKind
        var boundary: [String]?
        var session: [[String]]?
        var scps: [[[String]]]

        func evaluate(_ request: RequestContext) -> Decision {
            func doc(_ s: [String]) -> String { Fixture.doc(s.joined(separator: ",")) }
            return Fixture.decide(request, identity: identity.map(doc), resource: resource.map(doc), kind: kind,
                boundary: boundary.map(doc), session: session.map { $0.map(doc) }, scps: scps.map { $0.map(doc) })
        }
    }

    static func scenarios(seed: UInt64, count: Int) -> [(Scenario, RequestContext, Generator)] {
        var g = Generator(rng: SplitMix64(seed: seed))
        var out: [(Scenario, RequestContext, Generator)] = []
        for _ in 0..<count {
            let s = Scenario(
                identity: (0..<Int(g.rng.next() % 3)).map { _ in g.policy() },
                resource: g.chance(50) ? g.policy(withPrincipal: true) : nil,
                kind: g.pick([.standard, .standard, .roleTrust, .kmsKey]),
                boundary: g.chance(30) ? g.policy() : nil,
                session: g.chance(20) ? [g.policy()] : nil,
                scps: g.chance(30) ? [[Fixture.allow("*")], g.policy()].map { [$0] } : [])
            out.append((s, g.request(), g))
        }
        return out
    }

    @Test func addingADenyStatementNeverYieldsAllowed() {
        var allowedSeen = 0
        for (scenario, request, g0) in Self.scenarios(seed: 1, count: 400) {
            var g = g0
            let before = scenario.evaluate(request)
            if before == .allowed { allowedSeen += 1 }
            var after = scenario
            let deny = g.statement("Deny", withPrincipal: false)
            switch g.rng.next() % 4 {
            case 0: after.identity.append([deny])
            case 1 where !after.identity.isEmpty: after.identity[0].append(deny)
            case 2 where after.resource != nil: after.resource!.append(g.statement("Deny", withPrincipal: true))
            case 3 where after.boundary != nil: after.boundary!.append(deny)
            default: after.identity.append([deny])
            }
            let decision = after.evaluate(request)
            #expect(decision != .allowed || before == .allowed)
            #expect(decision == before || decision == .explicitDeny, "\(before) → \(decision)")
        }
        #expect(allowedSeen >= 10, "the generator should produce allowed requests too")
    }

    @Test func addingAnAllowStatementNeverUndoesAnExplicitDeny() {
        var deniedSeen = 0
        for (scenario, request, g0) in Self.scenarios(seed: 2, count: 400) {
            var g = g0
            let before = scenario.evaluate(request)
            var after = scenario
            let allow = g.statement("Allow", withPrincipal: false)
            switch g.rng.next() % 3 {
            case 0: after.identity.append([allow])
            case 1 where after.resource != nil: after.resource!.append(g.statement("Allow", withPrincipal: true))
            default: after.identity.append([allow])
            }
            let decision = after.evaluate(request)
            if before == .explicitDeny {
                deniedSeen += 1
                #expect(decision == .explicitDeny)
            }
            if before == .allowed { #expect(decision == .allowed) }
        }
        #expect(deniedSeen >= 10, "the generator should produce explicit denies too")
    }

    @Test func aMatchingUnconditionalDenyAlwaysWins() {
        for (scenario, request, _) in Self.scenarios(seed: 3, count: 300) {
            var after = scenario
            after.identity.append([Fixture.deny("*", "*")])
            #expect(after.evaluate(request) == .explicitDeny || request.principal.accountId == nil)
        }
    }
}
