import RampartFindings
import Testing

@Suite struct EFSChecksTests {
    static func fileSystem(_ id: String, encrypted: Bool, oneZone: Bool = false) -> String {
        """
        {"OwnerId": "123456789012", "CreationToken": "\(id)", "FileSystemId": "\(id)",
         "FileSystemArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/\(id)",
         "CreationTime": "2026-01-01T00:00:00+00:00", "LifeCycleState": "available", "NumberOfMountTargets": 1,
         "SizeInBytes": {"Value": 6144}, "PerformanceMode": "generalPurpose", "Encrypted": \(encrypted),
         \(oneZone ? #""AvailabilityZoneName": "us-east-1a", "AvailabilityZoneId": "use1-az1","# : "")
         "Tags": [{"Key": "Name", "Value": "\(id)-name"}]}
        """
    }

    static let tlsPolicy = #"{"Version": "2012-10-17", "Statement": [{"Sid": "DenyPlain", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Sid": "App", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"}, "Action": "elasticfilesystem:ClientMount"}]}"#
    static let openPolicy = #"{"Version": "2012-10-17", "Statement": [{"Sid": "Everyone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]}]}"#

    static func policy(_ id: String, _ text: String) -> String {
        #"{"FileSystemId": "\#(id)", "Policy": "\#(text.replacingOccurrences(of: "\"", with: "\\\""))"}"#
    }

    var fixture: Fixture {
        var f = Fixture()
        f.answer("us-east-1", "ec2", "describe-subnets", """
            {"Subnets": [{"SubnetId": "subnet-priv", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a", "MapPublicIpOnLaunch": false, "CidrBlock": "10.0.1.0/24"},
                         {"SubnetId": "subnet-pub", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1b", "MapPublicIpOnLaunch": true, "CidrBlock": "10.0.2.0/24"}]}
            """)
        f.answer("us-east-1", "efs", "describe-file-systems", """
            {"FileSystems": [\(Self.fileSystem("fs-good", encrypted: true)), \(Self.fileSystem("fs-bad", encrypted: false, oneZone: true))]}
            """)
        f.answer("us-east-1", "efs", "describe-backup-policy", resource: "fs-good", #"{"BackupPolicy": {"Status": "ENABLED"}}"#)
        f.fail("us-east-1", "efs", "describe-backup-policy", resource: "fs-bad", code: "PolicyNotFound", message: "no backup policy")
        f.answer("us-east-1", "efs", "describe-file-system-policy", resource: "fs-good", Self.policy("fs-good", Self.tlsPolicy))
        f.answer("us-east-1", "efs", "describe-file-system-policy", resource: "fs-bad", Self.policy("fs-bad", Self.openPolicy))
        f.answer("us-east-1", "efs", "describe-mount-targets", resource: "fs-good",
                 #"{"MountTargets": [{"MountTargetId": "fsmt-1", "FileSystemId": "fs-good", "SubnetId": "subnet-priv", "LifeCycleState": "available", "AvailabilityZoneId": "use1-az1", "AvailabilityZoneName": "us-east-1a"}]}"#)
        f.answer("us-east-1", "efs", "describe-mount-targets", resource: "fs-bad",
                 #"{"MountTargets": [{"MountTargetId": "fsmt-2", "FileSystemId": "fs-bad", "SubnetId": "subnet-pub", "LifeCycleState": "available"}]}"#)
        f.answer("us-east-1", "efs", "describe-access-points", """
            {"AccessPoints": [
              {"AccessPointId": "fsap-good", "AccessPointArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-good", "FileSystemId": "fs-good",
               "PosixUser": {"Uid": 1000, "Gid": 1000}, "RootDirectory": {"Path": "/app"}, "Tags": [], "LifeCycleState": "available"},
              {"AccessPointId": "fsap-bad", "AccessPointArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-bad", "FileSystemId": "fs-good",
               "RootDirectory": {"Path": "/"}, "Tags": [], "LifeCycleState": "available"}]}
            """)
        return f
    }

    static let fileSystemChecks = [
        "efs.file-system.encrypted", "efs.file-system.automatic-backups", "efs.file-system.not-public", "efs.file-system.requires-tls",
        "efs.file-system.mount-targets-not-in-public-subnets",
    ]

    @Test func fileSystemChecksPassOnTheGoodFileSystemAndFailOnTheBadOne() {
        for check in Self.fileSystemChecks {
            #expect(fixture.status(check, on: "file-system/fs-good") == .pass, "\(check)")
            #expect(fixture.status(check, on: "file-system/fs-bad") == .fail, "\(check)")
        }
        let mount = fixture.run("efs.file-system.mount-targets-not-in-public-subnets").first { $0.resource.arn.hasSuffix("fs-bad") }
        #expect(mount?.message == "fs-bad has mount targets in subnets that assign public IP addresses: subnet-pub.")
        let open = fixture.run("efs.file-system.not-public").first { $0.resource.arn.hasSuffix("fs-bad") }
        #expect(open?.message == "fs-bad's policy allows elasticfilesystem:ClientMount, elasticfilesystem:ClientWrite to everyone (Everyone).")
    }

    @Test func aFileSystemWithoutAPolicyIsOpenToEveryClientThatReachesIt() {
        var f = fixture
        f.fail("us-east-1", "efs", "describe-file-system-policy", resource: "fs-good", code: "PolicyNotFound", message: "none")
        #expect(f.status("efs.file-system.not-public", on: "fs-good") == .fail)
        #expect(f.status("efs.file-system.requires-tls", on: "fs-good") == .fail)
    }

    @Test func accessPointsWithoutARootDirectoryOrUserFail() {
        for check in ["efs.access-point.root-directory", "efs.access-point.user-identity"] {
            #expect(fixture.status(check, on: "access-point/fsap-good") == .pass, "\(check)")
            #expect(fixture.status(check, on: "access-point/fsap-bad") == .fail, "\(check)")
        }
    }

    @Test func unknownSubnetsOrMountTargetsAreUnknownNotPass() {
        var f = fixture
        f.fail("us-east-1", "ec2", "describe-subnets", code: "UnauthorizedOperation")
        #expect(f.status("efs.file-system.mount-targets-not-in-public-subnets", on: "fs-good") == .unknown)
        var g = fixture
        g.fail("us-east-1", "efs", "describe-mount-targets", resource: "fs-good", code: "AccessDeniedException")
        #expect(g.status("efs.file-system.mount-targets-not-in-public-subnets", on: "fs-good") == .unknown)
        g.fail("us-east-1", "efs", "describe-backup-policy", resource: "fs-good", code: "AccessDeniedException")
        #expect(g.status("efs.file-system.automatic-backups", on: "fs-good") == .unknown)
    }

    @Test func unreadableFileSystemsAreUnknownForEveryCheck() {
        var f = Fixture()
        f.fail("us-east-1", "efs", "describe-file-systems", code: "AccessDeniedException")
        f.fail("us-east-1", "efs", "describe-access-points", code: "AccessDeniedException")
        for check in Self.fileSystemChecks + ["efs.access-point.root-directory", "efs.access-point.user-identity"] {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}
