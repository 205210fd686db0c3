import RampartFindings
import Testing

@Suite struct DataServicePlacementChecksTests {
    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "elasticache", "describe-replication-groups", """
            {"ReplicationGroups": [\(ElastiCacheChecksTests.group("sessions", good: true)), \(ElastiCacheChecksTests.group("scratch", good: false)),
              {"ReplicationGroupId": "bare", "ARN": "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:bare"}]}
            """)
        f.answer("us-east-1", "ec2", "describe-vpcs", """
            {"Vpcs": [{"VpcId": "vpc-spread", "CidrBlock": "10.0.0.0/16", "IsDefault": false, "State": "available"},
                      {"VpcId": "vpc-one", "CidrBlock": "10.1.0.0/16", "IsDefault": false, "State": "available"},
                      {"VpcId": "vpc-empty", "CidrBlock": "10.2.0.0/16", "IsDefault": false, "State": "available"}]}
            """)
        f.answer("us-east-1", "ec2", "describe-subnets", """
            {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-spread", "AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az4", "MapPublicIpOnLaunch": false},
                         {"SubnetId": "subnet-b", "VpcId": "vpc-spread", "AvailabilityZone": "us-east-1b", "AvailabilityZoneId": "use1-az6", "MapPublicIpOnLaunch": false},
                         {"SubnetId": "subnet-c", "VpcId": "vpc-one", "AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az4", "MapPublicIpOnLaunch": false},
                         {"SubnetId": "subnet-d", "VpcId": "vpc-one", "AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az4", "MapPublicIpOnLaunch": false}]}
            """)
        f.answer("us-east-1", "efs", "describe-file-systems", """
            {"FileSystems": [\(EFSChecksTests.fileSystem("fs-good", encrypted: true)), \(EFSChecksTests.fileSystem("fs-bad", encrypted: true, oneZone: true))]}
            """)
        f.answer("us-east-1", "efs", "describe-mount-targets", resource: "fs-good", """
            {"MountTargets": [{"MountTargetId": "fsmt-1", "SubnetId": "subnet-a"}, {"MountTargetId": "fsmt-2", "SubnetId": "subnet-b"}]}
            """)
        f.answer("us-east-1", "opensearch", "list-domain-names", #"{"DomainNames": [{"DomainName": "logs-good"}, {"DomainName": "logs-bad"}]}"#)
        f.answer("us-east-1", "opensearch", "describe-domain", resource: "logs-good", OpenSearchDomainChecksTests.domain("logs-good", good: true))
        f.answer("us-east-1", "opensearch", "describe-domain", resource: "logs-bad", OpenSearchDomainChecksTests.domain("logs-bad", good: false))
        return f
    }

    @Test func replicationGroupsWithNodesInOneZoneFail() {
        #expect(fixture.status("elasticache.replication-group.nodes-multi-az", on: ":sessions") == .pass)
        let one = fixture.run("elasticache.replication-group.nodes-multi-az").first { $0.resource.arn.hasSuffix(":scratch") }
        #expect(one?.status == .fail)
        #expect(one?.message == "scratch has every node in us-east-1a.")
        #expect(fixture.status("elasticache.replication-group.nodes-multi-az", on: ":bare") == .unknown)
    }

    @Test func vpcsWhoseSubnetsAllSitInOneZoneFail() {
        #expect(fixture.status("vpc.vpc.subnets-multi-az", on: "vpc/vpc-spread") == .pass)
        let one = fixture.run("vpc.vpc.subnets-multi-az").first { $0.resource.arn.hasSuffix("vpc/vpc-one") }
        #expect(one?.status == .fail)
        #expect(one?.message == "Every subnet of vpc-one (2) is in use1-az4.")
        #expect(fixture.status("vpc.vpc.subnets-multi-az", on: "vpc/vpc-empty") == nil)
        var f = fixture
        f.fail("us-east-1", "ec2", "describe-subnets", code: "UnauthorizedOperation")
        #expect(f.status("vpc.vpc.subnets-multi-az", on: "vpc/vpc-one") == .unknown)
    }

    @Test func oneZoneFileSystemsFailAndRegionalOnesNeedMountTargetsInTwoZones() {
        #expect(fixture.status("efs.file-system.regional", on: "fs-good") == .pass)
        #expect(fixture.status("efs.file-system.regional", on: "fs-bad") == .fail)
        #expect(fixture.status("efs.file-system.mount-targets-multi-az", on: "fs-good") == .pass)
        #expect(fixture.status("efs.file-system.mount-targets-multi-az", on: "fs-bad") == nil)
        var f = fixture
        f.answer("us-east-1", "efs", "describe-mount-targets", resource: "fs-good", #"{"MountTargets": [{"MountTargetId": "fsmt-1", "SubnetId": "subnet-a"}]}"#)
        #expect(f.status("efs.file-system.mount-targets-multi-az", on: "fs-good") == .fail)
        f.answer("us-east-1", "efs", "describe-mount-targets", resource: "fs-good", #"{"MountTargets": [{"MountTargetId": "fsmt-9", "SubnetId": "subnet-gone"}]}"#)
        #expect(f.status("efs.file-system.mount-targets-multi-az", on: "fs-good") == .unknown)
    }

    @Test func domainsWithoutZoneAwarenessFail() {
        #expect(fixture.status("opensearch.domain.multi-az", on: "logs-good") == .pass)
        #expect(fixture.status("opensearch.domain.multi-az", on: "logs-bad") == .fail)
        var f = Fixture()
        f.fail("us-east-1", "opensearch", "list-domain-names", code: "AccessDeniedException")
        #expect(f.run("opensearch.domain.multi-az").map(\.status) == [.unknown])
    }
}
