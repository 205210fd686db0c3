@testable import RampartIAM
import Testing

/// Segregation of duties: each built-in rule is found directly, through a group and through a
/// role the principal can assume, and not found when one side is denied.
@Suite struct SegregationOfDutiesTests {
    typealias F = IdentityFixture

    enum Route: String, CaseIterable, Sendable { case direct, viaGroup, viaRole, blocked }

    struct Case: CustomTestStringConvertible, Sendable {
        let rule: DutyRule
        let route: Route
        var testDescription: String { "\(rule.id) \(route.rawValue)" }
    }

    static var cases: [Case] { DutyRule.builtIn.flatMap { rule in Route.allCases.map { Case(rule: rule, route: $0) } } }

    @Test(arguments: cases)
    func eachRuleIsFoundDirectlyThroughGroupsAndRoles(_ c: Case) throws {
        let first = c.rule.duties[0].actions[0]
        let second = c.rule.duties[1].actions[0]
        let both = F.document([#"{"Effect":"Allow","Action":["\#(first)","\#(second)"],"Resource":"*"}"#])
        var f = F()
        switch c.route {
        case .direct:
            f.user("pat", inline: [F.inline("both", both)])
        case .viaGroup:
            f.group("ops", inline: [F.inline("both", both)])
            f.user("pat", groups: ["ops"])
        case .viaRole:
            f.user("pat", inline: [F.inline("one", F.document([
                #"{"Effect":"Allow","Action":"\#(first)","Resource":"*"}"#,
                #"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"\#(F.arn("role", "other-side"))"}"#,
            ]))])
            f.role("other-side", trust: F.trust(aws: F.account), inline: [F.inline("two", F.document([#"{"Effect":"Allow","Action":"\#(second)","Resource":"*"}"#]))])
        case .blocked:
            f.user("pat", inline: [F.inline("both", F.document([
                #"{"Effect":"Allow","Action":["\#(first)","\#(second)"],"Resource":"*"}"#,
                #"{"Effect":"Deny","Action":[\#(c.rule.duties[1].actions.map { "\"\($0)\"" }.joined(separator: ","))],"Resource":"*"}"#,
            ]))])
        }
        let conflicts = SegregationOfDuties.conflicts(try f.graph(), rules: [c.rule]).filter { $0.principal.name == "pat" }
        if c.route == .blocked {
            #expect(conflicts.isEmpty)
            return
        }
        let conflict = try #require(conflicts.first)
        #expect(conflict.rule.id == c.rule.id)
        #expect(conflict.sides.map(\.duty.name) == c.rule.duties.map(\.name))
        #expect(conflict.sides[0].actions.contains(ActionCatalog.shared.action(first)!.fullName))
        switch c.route {
        case .direct: #expect(conflict.sides.allSatisfy { $0.via == [F.arn("user", "pat")] })
        case .viaGroup: #expect(conflict.sides.allSatisfy { $0.via == [F.arn("group", "ops")] })
        case .viaRole:
            #expect(conflict.sides[0].via == [F.arn("user", "pat")])
            #expect(conflict.sides[1].via == [F.arn("role", "other-side")])
        case .blocked: break
        }
    }

    @Test func everyBuiltInActionIsInTheCatalogue() {
        #expect(DutyRule.builtIn.count >= 6)
        for rule in DutyRule.builtIn {
            for duty in rule.duties { for action in duty.actions { #expect(ActionCatalog.shared.action(action) != nil, "\(rule.id): \(action)") } }
        }
    }

    @Test func userRulesAreReadFromYAML() throws {
        let rules = try DutyRuleFile.parse("""
            rules:
              - id: payments.approve-vs-release
                title: Approve payments / release payments
                rationale: The approver must not also release the money.
                duties:
                  - name: approve
                    actions: ["s3:PutObject"]
                  - name: release
                    actions: [sqs:SendMessage, "sns:Publish"]
            """, file: "rules.yaml")
        #expect(rules.map(\.id) == ["payments.approve-vs-release"])
        #expect(rules[0].duties.map(\.actions) == [["s3:PutObject"], ["sqs:SendMessage", "sns:Publish"]])
    }

    @Test(arguments: [
        ("rules: [", "rules.yaml: not valid YAML"),
        ("other: 1", "rules.yaml:1:1: unknown key \"other\""),
        ("rules:\n  - id: a\n    title: t\n    duties:\n      - name: x\n        actions: [s3:GetObject]", "rules.yaml:2:5: rules[0].duties must list at least two duties"),
        ("rules:\n  - id: a\n    title: t\n    duties:\n      - name: x\n        actions: [nosuch:Thing]\n      - name: y\n        actions: [s3:GetObject]",
            "rules.yaml:6:19: rules[0].duties[0].actions[0] \"nosuch:Thing\" matches no action of the IAM action catalogue"),
        ("rules:\n  - title: t", "rules.yaml:2:5: rules[0] needs \"id\""),
    ])
    func badRuleFilesNameThePlace(text: String, expected: String) {
        do {
            _ = try DutyRuleFile.parse(text, file: "rules.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }
}

/// Who role trust policies let in ("IAM JSON policy elements: Principal").
@Suite struct TrustAnalysisTests {
    typealias F = IdentityFixture

    @Test func trustsAreClassifiedByReach() throws {
        var f = F()
        f.role("public", trust: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#)
        f.role("org-only", trust: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}"#)
        f.role("vendor", trust: F.trust(aws: "arn:aws:iam::444455556666:root", condition: #"{"StringEquals":{"sts:ExternalId":"x"}}"#))
        f.role("partner", trust: F.trust(aws: "arn:aws:iam::444455556666:role/deployer"))
        f.role("internal", trust: F.trust(aws: F.account))
        f.role("svc", trust: F.trust(service: "lambda.amazonaws.com"))
        let grants = TrustAnalysis.grants(try f.build())
        func reach(_ role: String) -> [TrustGrant.Reach] { grants.filter { $0.role.name == role }.map(\.reach) }
        #expect(reach("public") == [.everyone])
        #expect(reach("org-only") == [.everyone])
        #expect(grants.first { $0.role.name == "org-only" }?.restrictsCaller == true)
        #expect(grants.first { $0.role.name == "public" }?.restrictsCaller == false)
        #expect(reach("vendor") == [.externalAccount])
        #expect(grants.first { $0.role.name == "vendor" }?.requiresExternalId == true)
        #expect(reach("partner") == [.externalPrincipal])
        #expect(grants.first { $0.role.name == "partner" }?.externalAccount == "444455556666")
        #expect(reach("internal") == [.sameAccount])
        #expect(reach("svc") == [.service])
    }
}

/// `rampart iam sod` builds the escalation graph with `sts:AssumeRole` only: the conflicts must be
/// those of the whole graph, hubs and trust classes included.
@Suite struct SegregationOfDutiesGraphTests {
    typealias F = IdentityFixture

    @Test func theAssumeRoleGraphGivesTheWholeGraphsConflicts() throws {
        var f = F()
        let rule = DutyRule.builtIn[0]
        let first = rule.duties[0].actions[0]
        let second = rule.duties[1].actions[0]
        // Forty roles of one trust (a trust class, reached through its hub), half holding the second duty.
        for i in 0..<40 {
            let action = i % 2 == 0 ? second : "s3:GetObject"
            f.role("worker-\(i)", trust: F.trust(aws: F.account), inline: [F.inline("p", F.document([
                #"{"Effect":"Allow","Action":"\#(action)","Resource":"*"}"#,
            ]))])
        }
        f.user("everywhere", inline: [F.inline("p", F.document([
            #"{"Effect":"Allow","Action":["\#(first)","sts:AssumeRole"],"Resource":"*"}"#,
        ]))])
        f.user("some", inline: [F.inline("p", F.document([
            #"{"Effect":"Allow","Action":"\#(first)","Resource":"*"}"#,
            #"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"\#(F.arn("role", "worker-1*"))"}"#,
        ]))])
        f.user("none", inline: [F.inline("p", F.document([
            #"{"Effect":"Allow","Action":["\#(first)","sts:AssumeRole"],"Resource":"*"}"#,
            #"{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}"#,
        ]))])
        let account = try f.build()
        let permissions = EffectivePermissions(account: account)
        func summary(_ graph: EscalationGraph) -> [String] {
            SegregationOfDuties.conflicts(graph, rules: [rule]).map { c in
                c.principal.name + " " + c.sides.map { "\($0.via) \($0.viaCount) \($0.actions)" }.joined(separator: " | ")
            }.sorted()
        }
        let whole = summary(EscalationGraph(account: account, permissions: permissions))
        let assumeOnly = summary(EscalationGraph(account: account, permissions: permissions, including: SegregationOfDuties.reads))
        #expect(assumeOnly == whole)
        #expect(whole.map { String($0.prefix { $0 != " " }) } == ["everywhere", "some"])
        #expect(whole.first { $0.hasPrefix("everywhere") }?.contains(" 20 ") == true, "the 20 roles holding the second duty")
    }
}
