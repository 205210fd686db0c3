import Foundation
import RampartFindings
import Testing

@Suite struct EKSClusterChecksTests {
    static func cluster(_ name: String, version: String, publicAccess: Bool, cidrs: [String], logTypes: [String], secrets: Bool) -> String {
        let logging = #"{"clusterLogging": [{"types": [\#(logTypes.map { "\"\($0)\"" }.joined(separator: ", "))], "enabled": true}]}"#
        let encryption = secrets ? #", "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": "arn:aws:kms:us-east-1:123456789012:key/k"}}]"# : ""
        return #"""
            {"cluster": {"name": "\#(name)", "arn": "arn:aws:eks:us-east-1:123456789012:cluster/\#(name)", "version": "\#(version)",
              "roleArn": "arn:aws:iam::123456789012:role/eks", "status": "ACTIVE",
              "resourcesVpcConfig": {"subnetIds": ["subnet-a"], "securityGroupIds": [], "endpointPublicAccess": \#(publicAccess), "endpointPrivateAccess": true,
                                     "publicAccessCidrs": [\#(cidrs.map { "\"\($0)\"" }.joined(separator: ", "))]},
              "logging": \#(logging)\#(encryption), "tags": {"team": "platform"}}}
            """#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "eks", "list-clusters", #"{"clusters": ["prod", "old", "secret"]}"#)
        f.answer("us-east-1", "eks", "describe-cluster", resource: "prod",
                 Self.cluster("prod", version: "1.34", publicAccess: false, cidrs: [], logTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"], secrets: true))
        f.answer("us-east-1", "eks", "describe-cluster", resource: "old",
                 Self.cluster("old", version: "1.27", publicAccess: true, cidrs: ["0.0.0.0/0"], logTypes: ["api"], secrets: false))
        f.fail("us-east-1", "eks", "describe-cluster", resource: "secret", code: "AccessDeniedException")
        return f
    }

    static let checks = ["eks.cluster.endpoint-not-public", "eks.cluster.public-endpoint-restricted", "eks.cluster.supported-version",
                         "eks.cluster.secrets-encrypted", "eks.cluster.audit-logging", "eks.cluster.control-plane-logging"]

    @Test func everyClusterCheckPassesTheHardenedClusterFailsTheOldOneAndIsUnknownForTheUnread() {
        let f = fixture
        for check in Self.checks {
            #expect(f.status(check, on: "cluster/prod") == .pass, "\(check)")
            #expect(f.status(check, on: "cluster/old") == .fail, "\(check)")
            #expect(f.status(check, on: "cluster/secret") == .unknown, "\(check)")
        }
    }

    @Test func versionSupportIsJudgedAtTheCollectionTime() {
        let old = fixture.run("eks.cluster.supported-version").first { $0.resource.arn.hasSuffix("cluster/old") }
        #expect(old?.message == "Cluster old runs Kubernetes 1.27, whose standard support ended on 2024-07-24.")
        var f = Fixture()
        f.answer("us-east-1", "eks", "list-clusters", #"{"clusters": ["future"]}"#)
        f.answer("us-east-1", "eks", "describe-cluster", resource: "future", Self.cluster("future", version: "1.99", publicAccess: false, cidrs: [], logTypes: [], secrets: false))
        #expect(f.status("eks.cluster.supported-version", on: "cluster/future") == .unknown)
    }

    @Test func aPublicEndpointLimitedToKnownRangesPassesTheRangeCheckOnly() {
        var f = Fixture()
        f.answer("us-east-1", "eks", "list-clusters", #"{"clusters": ["office"]}"#)
        f.answer("us-east-1", "eks", "describe-cluster", resource: "office",
                 Self.cluster("office", version: "1.34", publicAccess: true, cidrs: ["203.0.113.0/24"], logTypes: ["audit"], secrets: true))
        #expect(f.status("eks.cluster.public-endpoint-restricted", on: "cluster/office") == .pass)
        #expect(f.status("eks.cluster.endpoint-not-public", on: "cluster/office") == .fail)
    }

    @Test func anUnreadableClusterListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "eks", "list-clusters", code: "AccessDeniedException")
        for check in Self.checks { #expect(f.run(check).map(\.status) == [.unknown], "\(check)") }
    }
}
