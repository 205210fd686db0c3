import Foundation
import RampartInventory
import RampartJSON
@testable import RampartTemplates
import Testing

/// Template resources rendered into the AWS CLI answers, read back by the one `InventoryBuilder`:
/// the inventory sees the same relationships as a live account would show.
struct TemplateRenderingTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/templates/cloudformation").path

    static func inventory(_ text: String, _ assumption: Assumption = .permissive) throws -> (Inventory, TemplateCallResults) {
        let dir = NSTemporaryDirectory() + "rampart-templates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/app.yaml", atomically: true, encoding: .utf8)
        let set = try TemplateSet.load(paths: [dir + "/app.yaml"], parameters: [:])
        #expect(set.unreadable.isEmpty, "\(set.unreadable)")
        let results = set.callResults(assumption)
        return (InventoryBuilder.build(from: results), results)
    }

    @Test func securityGroupRuleResourcesJoinTheirGroupAndDefaultEgressIsAdded() throws {
        let (inventory, results) = try Self.inventory("""
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]
              Ssh:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: !Ref Web, IpProtocol: "6", FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
            """)
        let groups = try #require(inventory.regions.first?.ec2.securityGroups.value)
        #expect(groups.count == 1)
        let web = try #require(groups.first)
        #expect(web.ingress.map(\.fromPort) == [443, 22])
        #expect(web.ingress.allSatisfy { $0.isOpenToInternet && $0.ipProtocol == "tcp" })
        #expect(web.egress.first?.isAllTraffic == true)
        let location = try #require(results.resources.first { $0.arn == web.ref.arn }?.location)
        #expect(location.logicalId == "Web")
        #expect(location.line == 2)
    }

    @Test func bucketSettingsDefaultToWhatAWSGivesNewBuckets() throws {
        let (inventory, _) = try Self.inventory("""
            Resources:
              Plain: {Type: AWS::S3::Bucket}
              Open:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: open-bucket
                  AccessControl: PublicRead
                  PublicAccessBlockConfiguration: {BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false}
              OpenPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Open
                  PolicyDocument: {Statement: [{Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: !Sub "${Open.Arn}/*"}]}
            """)
        let buckets = try #require(inventory.accounts.first?.s3.buckets.value)
        let plain = try #require(buckets.first { $0.name == "app-plain" })
        #expect(plain.publicAccessBlock.value??.blockPublicPolicy == true)
        #expect(plain.encryption.value??.first?.algorithm == "AES256")
        #expect(plain.policy.value != nil)
        let open = try #require(buckets.first { $0.name == "open-bucket" })
        #expect(open.publicAccessBlock.value??.blockPublicPolicy == false)
        #expect(open.acl.value?.contains { $0.uri?.hasSuffix("AllUsers") == true } == true)
        let policy = try #require(open.policy.value ?? nil)
        #expect(JSONWriter.string(policy).contains("arn:aws:s3:::open-bucket/*"))
    }

    @Test func iamRolesCarryInlineAndManagedPolicies() throws {
        let (inventory, _) = try Self.inventory("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: app
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}
              Extra:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  Roles: [!Ref Role]
                  PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
            """)
        let details = try #require(inventory.accounts.first?.iam.authorizationDetails.value)
        let role = try #require(details.roles.first)
        #expect(role.name == "app")
        #expect(role.attachedPolicies.count == 1)
        #expect(details.policies.first?.attachmentCount == 1)
    }

    @Test func anUnresolvedValueTakesEachAssumptionAndIsNoted() throws {
        let text = """
            Parameters: {Public: {Type: String}}
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: mysql, DBInstanceClass: db.t3.micro, PubliclyAccessible: !Ref Public, StorageEncrypted: true}
            """
        let (open, results) = try Self.inventory(text, .permissive)
        let (closed, _) = try Self.inventory(text, .restrictive)
        #expect(open.regions.first?.rds.instances.value?.first?.publiclyAccessible == true)
        #expect(closed.regions.first?.rds.instances.value?.first?.publiclyAccessible == false)
        #expect(results.resources.first?.unresolved.first?.contains("PubliclyAccessible") == true)
    }

    @Test func inlineSuppressionsAreReadFromMetadata() throws {
        let (_, results) = try Self.inventory("""
            Resources:
              B:
                Type: AWS::S3::Bucket
                Metadata:
                  rampart:
                    skip:
                      - {id: s3.bucket.versioning, reason: scratch data}
                      - s3.bucket.access-logging
                    reason: temporary bucket
            """)
        let skips = try #require(results.resources.first?.suppressions)
        #expect(skips == [
            InlineSuppression(checkId: "s3.bucket.versioning", reason: "scratch data"),
            InlineSuppression(checkId: "s3.bucket.access-logging", reason: "temporary bucket"),
        ])
    }

    /// The example templates (and so the forms these tests use) are real CloudFormation.
    @Test func exampleTemplatesPassCfnLint() throws {
        let lint = Process()
        lint.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        lint.arguments = ["cfn-lint", Self.examples + "/web-flawed.yaml", Self.examples + "/web-clean.yaml", Self.examples + "/services.yaml"]
        let out = Pipe()
        lint.standardOutput = out
        lint.standardError = out
        do { try lint.run() } catch {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("cfn-lint is missing") }
            return
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        lint.waitUntilExit()
        if lint.terminationStatus == 127 && ProcessInfo.processInfo.environment["CI"] == nil { return }
        #expect(lint.terminationStatus == 0, "\(text)")
    }
}
