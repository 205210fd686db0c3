import Foundation
@testable import RampartIAM
import Testing

/// One case per escalation method: the path is found, and a deny, a boundary, a condition or a
/// resource restriction blocks it (issue: "one fixture per escalation method, each with a
/// positive case and a negative case").
struct EscalationCase: CustomTestStringConvertible, Sendable {
    enum Blocker: String, Sendable, CaseIterable { case none, deny, boundary, condition, resource }
    let method: EscalationMethod
    let blocker: Blocker
    var testDescription: String { "\(method.id) blocked by \(blocker.rawValue)" }

    static var all: [EscalationCase] {
        EscalationMethod.all.flatMap { m in
            let blockers: [Blocker] = m.evaluatesTargetResource ? Blocker.allCases : [.none, .deny, .boundary]
            return blockers.map { EscalationCase(method: m, blocker: $0) }
        }
    }

    /// The actor's ARN and the account.
    func fixture() -> (actor: String, fixture: IdentityFixture) {
        typealias F = IdentityFixture
        let m = method
        var f = F()
        let actorIsRole: Bool = {
            switch m.target {
            case .role where m.effect == .grant: return true
            case .boundedPrincipal: return m.targetAction.contains("Role")
            default: return false
            }
        }()
        let actorName = actorIsRole ? "mallory-role" : "mallory"
        let actorArn = F.arn(actorIsRole ? "role" : "user", actorName)
        let elsewhere = F.arn("user", "somebody-else")
        var targetResource = "*"
        var inAdminPolicy = false
        var attached: [String] = []
        var groups: [String] = []
        switch m.target {
        case .user:
            if m.effect == .grant {
                targetResource = actorArn
            } else {
                f.user("victim", attached: ["arn:aws:iam::aws:policy/AdministratorAccess"])
                targetResource = F.arn("user", "victim")
            }
        case .role:
            if m.effect == .grant {
                targetResource = actorArn
            } else {
                f.role("victim-role", trust: F.trust(service: "ec2.amazonaws.com"), attached: ["arn:aws:iam::aws:policy/AdministratorAccess"])
                targetResource = F.arn("role", "victim-role")
            }
        case .group:
            if m.effect == .grant {
                f.group("devs")
                groups = ["devs"]
                targetResource = F.arn("group", "devs")
            } else {
                f.group("admins", attached: ["arn:aws:iam::aws:policy/AdministratorAccess"])
                targetResource = F.arn("group", "admins")
            }
        case .attachedPolicy:
            let small = F.document([#"{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}"#])
            f.policy("mallory-policy", versions: m.targetAction == "iam:SetDefaultPolicyVersion" ? [small, F.admin] : [small])
            attached = [F.arn("policy", "mallory-policy")]
            targetResource = F.arn("policy", "mallory-policy")
        case .boundedPrincipal:
            inAdminPolicy = true
            attached = ["arn:aws:iam::aws:policy/AdministratorAccess"]
            targetResource = actorArn
        case .serviceRole(let service):
            f.role("victim-role", trust: F.trust(service: service), attached: ["arn:aws:iam::aws:policy/AdministratorAccess"],
                instanceProfile: service == "ec2.amazonaws.com")
            targetResource = m.evaluatesTargetResource ? F.arn("role", "victim-role") : "*"
        case .instanceRole:
            f.role("victim-role", trust: F.trust(service: "ec2.amazonaws.com"), attached: ["arn:aws:iam::aws:policy/AdministratorAccess"],
                instanceProfile: true)
        case .assumableRole:
            f.role("victim-role", trust: F.trust(aws: "arn:aws:iam::\(F.account):root"), attached: ["arn:aws:iam::aws:policy/AdministratorAccess"])
            targetResource = F.arn("role", "victim-role")
        }
        let resource = blocker == .resource ? elsewhere : targetResource
        let condition = blocker == .condition ? #","Condition":{"StringEquals":{"aws:PrincipalTag/team":"admins"}}"# : ""
        var statements = [#"{"Sid":"Method","Effect":"Allow","Action":"\#(m.targetAction)","Resource":"\#(resource)"\#(condition)}"#]
        if !m.companions.isEmpty {
            statements.append(#"{"Sid":"Companions","Effect":"Allow","Action":[\#(m.companions.map { "\"\($0)\"" }.joined(separator: ","))],"Resource":"*"}"#)
        }
        var identity = statements
        if blocker == .deny { identity.append(#"{"Sid":"Blocker","Effect":"Deny","Action":"\#(m.targetAction)","Resource":"*"}"#) }
        var boundary: String?
        if inAdminPolicy {
            // The boundary is what the method removes: it must allow the method (unless it is the blocker).
            let ceiling = blocker == .boundary ? [#"{"Effect":"Allow","Action":"s3:*","Resource":"*"}"#] : statements
            f.policy("ceiling", versions: [F.document(ceiling)])
            boundary = F.arn("policy", "ceiling")
            identity = blocker == .deny ? [#"{"Sid":"Blocker","Effect":"Deny","Action":"\#(m.targetAction)","Resource":"*"}"#] : []
        } else if blocker == .boundary {
            f.policy("ceiling", versions: [F.document([#"{"Effect":"Allow","Action":"s3:*","Resource":"*"}"#])])
            boundary = F.arn("policy", "ceiling")
        }
        let inline = identity.isEmpty ? [] : [F.inline("method", F.document(identity))]
        if actorIsRole {
            f.role(actorName, trust: F.trust(service: "ec2.amazonaws.com"), inline: inline, attached: attached, boundary: boundary,
                tags: ["team": "dev"])
        } else {
            f.user(actorName, inline: inline, attached: attached, groups: groups, boundary: boundary, tags: ["team": "dev"])
        }
        return (actorArn, f)
    }
}

@Suite struct EscalationGraphTests {
    @Test(arguments: EscalationCase.all)
    func eachMethodIsFoundAndBlocked(_ c: EscalationCase) throws {
        let (actor, fixture) = c.fixture()
        let findings = try fixture.graph().findings()
        let finding = findings.first { $0.principal.arn == actor }
        if c.blocker == .none {
            let f = try #require(finding, "no escalation found for \(actor)")
            #expect(f.reachesAdmin && !f.isAdmin)
            #expect(f.path.contains { $0.method.id == c.method.id }, "path: \(f.path.map(\.method.id))")
            let step = try #require(f.path.first { $0.method.id == c.method.id })
            #expect(step.from == actor)
            if let caveat = c.method.caveat { #expect(step.conditions.contains(caveat)) }
        } else {
            #expect(!(finding?.path.contains { $0.method.id == c.method.id } ?? false), "still found: \(finding?.path.map(\.method.id) ?? [])")
            // A companion that is a method of its own (opening an existing notebook) is still a path, with its caveat.
            let otherMethods = Set(EscalationMethod.all.filter { $0.id != c.method.id && $0.companions.isEmpty }.map(\.targetAction))
            if c.method.companions.allSatisfy({ !otherMethods.contains($0) }) {
                #expect(finding == nil, "escalation still found: \(finding?.path.map(\.method.id) ?? [])")
            }
        }
    }

    @Test func thereAreAtLeastTwentyFiveMethods() {
        #expect(EscalationMethod.all.count >= 25)
        #expect(Set(EscalationMethod.all.map(\.id)).count == EscalationMethod.all.count)
        for m in EscalationMethod.all {
            for action in [m.targetAction] + m.companions { #expect(ActionCatalog.shared.action(action) != nil, "\(action)") }
        }
    }

    /// mallory → (CreateAccessKey) bob → (AssumeRole) admin role: a two-step path.
    @Test func multiHopPathsAreFound() throws {
        typealias F = IdentityFixture
        var f = F()
        f.user("mallory", inline: [F.inline("p", F.document([#"{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"\#(F.arn("user", "bob"))"}"#]))])
        f.user("bob", inline: [F.inline("p", F.document([#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"\#(F.arn("role", "admin"))"}"#]))])
        f.role("admin", trust: F.trust(aws: F.account), attached: ["arn:aws:iam::aws:policy/AdministratorAccess"])
        let findings = try f.graph().findings()
        let mallory = try #require(findings.first { $0.principal.name == "mallory" })
        #expect(mallory.path.map(\.method.id) == ["iam:CreateAccessKey", "sts:AssumeRole"])
        #expect(mallory.path.map(\.to) == [F.arn("user", "bob"), F.arn("role", "admin")])
        #expect(mallory.path[0].statements.count == 1)
        let admin = try #require(findings.first { $0.principal.name == "admin" })
        #expect(admin.isAdmin && admin.path.isEmpty)
        #expect(admin.adminStatements.map(\.policyName) == ["arn:aws:iam::aws:policy/AdministratorAccess"])
    }

    /// A trust policy naming the user lets it in without an identity allow ("same account: union").
    @Test func aTrustNamingThePrincipalIsEnough() throws {
        typealias F = IdentityFixture
        var f = F()
        f.user("mallory")
        f.role("admin", trust: F.trust(aws: F.arn("user", "mallory")), attached: ["arn:aws:iam::aws:policy/AdministratorAccess"])
        let mallory = try #require(try f.graph().findings().first { $0.principal.name == "mallory" })
        #expect(mallory.path.map(\.method.id) == ["sts:AssumeRole"])
    }

    /// A trust gated on MFA is a conditional step, not a missed one.
    @Test func anMFAGatedTrustIsAConditionalStep() throws {
        typealias F = IdentityFixture
        var f = F()
        f.user("mallory", inline: [F.inline("p", F.document([#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}"#]))])
        f.role("admin", trust: F.trust(aws: F.account, condition: #"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#),
            attached: ["arn:aws:iam::aws:policy/AdministratorAccess"])
        let mallory = try #require(try f.graph().findings().first { $0.principal.name == "mallory" })
        #expect(mallory.path.first?.conditions == ["needs request context aws:MultiFactorAuthPresent"])
    }

    /// A role that can rewrite another user's policies and become that user reaches admin.
    @Test func grantingAnotherPrincipalItCanBecome() throws {
        typealias F = IdentityFixture
        var f = F()
        f.role("automation", trust: F.trust(service: "lambda.amazonaws.com"), inline: [F.inline("p", F.document([
            #"{"Effect":"Allow","Action":["iam:PutUserPolicy","iam:CreateAccessKey"],"Resource":"\#(F.arn("user", "svc"))"}"#,
        ]))])
        f.user("svc")
        let findings = try f.graph().findings()
        let automation = try #require(findings.first { $0.principal.name == "automation" })
        #expect(automation.path.map(\.method.id) == ["iam:PutUserPolicy", "iam:CreateAccessKey"])
        #expect(automation.path.last?.to == F.arn("user", "svc"))
        #expect(findings.first { $0.principal.name == "svc" } == nil)
    }

    /// A missing context key that only a deny reads can only deny: no step. One that an allow
    /// reads makes a conditional step, shown with that allow.
    @Test func aKeyOnlyADenyReadsOpensNoStep() throws {
        typealias F = IdentityFixture
        var f = F()
        let denyUntagged = #"{"Effect":"Deny","NotAction":"s3:Get*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"red"}}}"#
        f.user("reader", inline: [F.inline("p", F.document([
            #"{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"\#(F.arn("user", "intern"))"}"#, denyUntagged,
        ]))])
        f.user("intern")
        f.user("tagged", inline: [F.inline("p", F.document([
            #"{"Sid":"TeamKeys","Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"red"}}}"#,
        ]))])
        f.user("boss", attached: ["arn:aws:iam::aws:policy/AdministratorAccess"])
        let findings = try f.graph().findings()
        #expect(findings.first { $0.principal.name == "reader" } == nil)
        let tagged = try #require(findings.first { $0.principal.name == "tagged" })
        #expect(tagged.path.map(\.method.id) == ["iam:CreateAccessKey"])
        #expect(tagged.path.first?.conditions == ["needs request context aws:ResourceTag/team"])
        #expect(tagged.path.first?.statements.map(\.sid) == ["TeamKeys"])
    }

    /// An actor allowed on most of many targets goes through one hub; the targets a deny names stay
    /// out of its reach, for users (a method's hub) and for roles of one trust (a trust class's hub).
    @Test(arguments: ["user", "role"])
    func aHubKeepsOutTheTargetsADenyNames(_ kind: String) throws {
        typealias F = IdentityFixture
        let action = kind == "user" ? "iam:CreateAccessKey" : "sts:AssumeRole"
        for (denied, admin, reaches) in [(3, 3, false), (3, 5, true)] {
            var f = F()
            f.user("mallory", inline: [F.inline("p", F.document([
                #"{"Effect":"Allow","Action":"\#(action)","Resource":"*"}"#,
                #"{"Effect":"Deny","Action":"\#(action)","Resource":"\#(F.arn(kind, "t" + String(denied)))"}"#,
            ]))])
            for i in 0..<24 {
                let attached = i == admin ? ["arn:aws:iam::aws:policy/AdministratorAccess"] : []
                if kind == "user" { f.user("t\(i)", attached: attached) } else { f.role("t\(i)", trust: F.trust(aws: F.account), attached: attached) }
            }
            let graph = try f.graph()
            #expect(graph.edgeCounts.exact == 0, "reached through a hub, not one edge per target")
            let mallory = graph.findings().first { $0.principal.name == "mallory" }
            #expect((mallory != nil) == reaches, "denied t\(denied), admin t\(admin)")
            if reaches { #expect(mallory?.path.last?.to == F.arn(kind, "t\(admin)")) }
        }
    }

    /// "Full IAM write" is administrator power even without every other action.
    @Test func fullIAMWriteIsAdministratorPower() throws {
        typealias F = IdentityFixture
        var f = F()
        f.user("iam-admin", inline: [F.inline("p", F.document([#"{"Effect":"Allow","Action":"iam:*","Resource":"*"}"#]))])
        f.user("reader", inline: [F.inline("p", F.document([#"{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}"#]))])
        let findings = try f.graph().findings()
        #expect(findings.map(\.principal.name) == ["iam-admin"])
        #expect(findings[0].isAdmin)
    }
}

/// docs/iam.md lists every escalation method the graph looks for.
@Suite struct EscalationDocsTests {
    @Test func everyMethodIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/iam.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for m in EscalationMethod.all { #expect(text.contains("| `\(m.id)` |"), "\(m.id) is not in docs/iam.md") }
        for rule in DutyRule.builtIn { #expect(text.contains("`\(rule.id)`"), "\(rule.id) is not in docs/iam.md") }
    }
}
