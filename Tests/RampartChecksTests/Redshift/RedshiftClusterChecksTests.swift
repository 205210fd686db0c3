import RampartFindings
import Testing

@Suite struct RedshiftClusterChecksTests {
    /// Shaped as `aws redshift describe-clusters` prints it.
    static let clusters = """
        {"Clusters": [
          {"ClusterIdentifier": "open-dw", "NodeType": "ra3.xlplus", "ClusterStatus": "available", "PubliclyAccessible": true,
           "Encrypted": false, "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a", "NumberOfNodes": 2,
           "Endpoint": {"Address": "open-dw.abc.us-east-1.redshift.amazonaws.com", "Port": 5439},
           "AutomatedSnapshotRetentionPeriod": 1, "Tags": []},
          {"ClusterIdentifier": "closed-dw", "NodeType": "ra3.xlplus", "ClusterStatus": "available", "PubliclyAccessible": false,
           "Encrypted": true, "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/2222", "VpcId": "vpc-1",
           "AvailabilityZone": "us-east-1b", "NumberOfNodes": 2, "Tags": [{"Key": "team", "Value": "bi"}]}
        ]}
        """

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "redshift", "describe-clusters", Self.clusters)
        return f
    }

    @Test func publiclyAccessibleClusterFails() {
        #expect(fixture.status("redshift.cluster.not-publicly-accessible", on: "cluster:open-dw") == .fail)
        #expect(fixture.status("redshift.cluster.not-publicly-accessible", on: "cluster:closed-dw") == .pass)
        let finding = fixture.run("redshift.cluster.not-publicly-accessible").first { $0.resource.arn.hasSuffix("cluster:open-dw") }
        #expect(finding?.message == "Redshift cluster open-dw is publicly accessible (PubliclyAccessible=true).")
    }

    @Test func unencryptedClusterFails() {
        #expect(fixture.status("redshift.cluster.encrypted-at-rest", on: "cluster:open-dw") == .fail)
        #expect(fixture.status("redshift.cluster.encrypted-at-rest", on: "cluster:closed-dw") == .pass)
    }

    @Test func unreadableClustersAreUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "redshift", "describe-clusters", code: "AccessDenied")
        #expect(f.run("redshift.cluster.not-publicly-accessible").map(\.status) == [.unknown])
        #expect(f.run("redshift.cluster.encrypted-at-rest").map(\.status) == [.unknown])
    }
}
