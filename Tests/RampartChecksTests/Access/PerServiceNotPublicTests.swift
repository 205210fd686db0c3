@testable import RampartChecks
import RampartFindings
import RampartJSON
import Testing

/// Every per-service "not public" check is decided by the one external-access analysis (issue
/// 19): the verdicts that differ from the old allow-list rule, each towards AWS's semantics, and
/// the registry of checks per policy-bearing type.
@Suite struct PerServiceNotPublicTests {
    static let url = "https://sqs.us-east-1.amazonaws.com/123456789012/"

    static func policy(_ statements: String) -> String { #"{"Version":"2012-10-17","Statement":[\#(statements)]}"# }

    /// Queues whose policies the old rule misjudged.
    static let queues: [String: String] = [
        // An explicit Deny for everyone outside the account closes the grant to "*"
        // ("Policy evaluation logic": an explicit deny wins).
        "closed": policy(#"{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"},{"Sid":"OnlyUs","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"123456789012"}}}"#),
        // A /4 source range is most of the internet (S3 User Guide, "The meaning of 'public'").
        "wide": policy(#"{"Sid":"Wide","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"16.0.0.0/4"}}}"#),
        // A fixed organization path pins the caller to that organization ("AWS global condition context keys").
        "org-path": policy(#"{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/r-ab12/*"}}}"#),
        // A wildcard organization pins nothing.
        "any-org": policy(#"{"Sid":"AnyOrg","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}}"#),
        // ...IfExists is satisfied by a request without the key ("Condition operators").
        "if-exists": policy(#"{"Sid":"IfExists","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"}}}"#),
        // A statement whose Resource names another queue grants nothing on this one.
        "elsewhere": policy(#"{"Sid":"Other","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:other"}"#),
        "broken": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}]}"#,
    ]

    var fixture: Fixture {
        var f = Fixture()
        let names = Self.queues.keys.sorted()
        f.answer("us-east-1", "sqs", "list-queues", #"{"QueueUrls": [\#(names.map { "\"\(Self.url)\($0)\"" }.joined(separator: ", "))]}"#)
        for name in names {
            f.answer("us-east-1", "sqs", "get-queue-attributes", resource: Self.url + name,
                SQSQueueChecksTests.attributes(name, ["SqsManagedSseEnabled": "true", "Policy": Self.queues[name]!]))
        }
        return f
    }

    @Test func verdictsFollowTheExactAnalysis() {
        let f = fixture
        #expect(f.status("sqs.queue.policy-not-public", on: ":closed") == .pass)
        #expect(f.status("sqs.queue.policy-not-public", on: ":wide") == .fail)
        #expect(f.status("sqs.queue.policy-not-public", on: ":org-path") == .pass)
        #expect(f.status("sqs.queue.policy-not-public", on: ":any-org") == .fail)
        #expect(f.status("sqs.queue.policy-not-public", on: ":if-exists") == .fail)
        #expect(f.status("sqs.queue.policy-not-public", on: ":elsewhere") == .pass)
        // A policy with a duplicated key is not data: UNKNOWN, never "not public".
        #expect(f.status("sqs.queue.policy-not-public", on: ":broken") == .unknown)
    }

    /// The FAIL carries the witness request the exact evaluator allows.
    @Test func aFailCarriesTheWitness() throws {
        let wide = try #require(fixture.run("sqs.queue.policy-not-public").first { $0.resource.arn.hasSuffix(":wide") })
        #expect(wide.message == "Queue wide's policy allows sqs:SendMessage to everyone (Wide).")
        let witness = try #require(wide.evidence["witness"]?.objectValue)
        #expect(witness["action"]?.stringValue == "sqs:SendMessage")
        #expect(witness["resource"]?.stringValue == "arn:aws:sqs:us-east-1:123456789012:wide")
    }

    /// The org-path queue is reachable from outside the account, though not by everyone.
    @Test func aConfinedGrantIsCrossAccount() {
        #expect(fixture.status("sqs.queue.no-unknown-cross-account-access", on: ":org-path") == .fail)
        #expect(fixture.status("sqs.queue.no-unknown-cross-account-access", on: ":closed") == .pass)
    }

    /// Every type the analysis reads has a "not public" check (its existing one, or the generic
    /// one) and a cross-account check, all in the catalogue.
    @Test func everyEnabledTypeHasBothChecks() {
        let ids = Set(CheckCatalog.all.map(\.metadata.id))
        for type in ExternalAccessChecks.enabled.keys {
            let notPublic = ExternalAccessChecks.notPublicElsewhere[type]
            let stem = ExternalAccessChecks.all.first { $0.metadata.resourceType == type }?.metadata.id.split(separator: ".").prefix(2).joined(separator: ".")
            #expect(stem != nil, "\(type) has no check")
            #expect(ids.contains(notPublic ?? "\(stem ?? "").not-public"), "\(type) has no not-public check")
            #expect(ids.contains("\(stem ?? "").no-unknown-cross-account-access"), "\(type) has no cross-account check")
        }
        for id in ExternalAccessChecks.notPublicElsewhere.values { #expect(ids.contains(id), "\(id) is not in the catalogue") }
    }
}
