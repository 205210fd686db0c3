import Foundation
import RampartFindings
import Testing

@Suite struct LambdaFunctionChecksTests {
    static func function(_ name: String, runtime: String, role: String, env: String = "{}", vpcSubnets: [String] = [], tracing: String = "PassThrough",
                         dlq: Bool = false, kms: Bool = false) -> String {
        let subnets = vpcSubnets.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"""
            {"FunctionName": "\#(name)", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:\#(name)", "Runtime": "\#(runtime)",
             "Role": "\#(role)", "Handler": "index.handler", "CodeSize": 312, "Timeout": 3, "MemorySize": 128,
             "LastModified": "2026-01-01T00:00:00.000+0000", "Version": "$LATEST", "PackageType": "Zip",
             "Environment": {"Variables": \#(env)}, "TracingConfig": {"Mode": "\#(tracing)"},
             \#(dlq ? #""DeadLetterConfig": {"TargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"},"# : "")
             \#(kms ? #""KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1234","# : "")
             "VpcConfig": {"SubnetIds": [\#(subnets)], "SecurityGroupIds": [], "VpcId": "\#(vpcSubnets.isEmpty ? "" : "vpc-1")"}}
            """#
    }

    static let publicPolicy = #"""
        {"Policy": "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{\"Sid\":\"open\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:legacy\"}]}",
         "RevisionId": "r1"}
        """#
    static let scopedPolicy = #"""
        {"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"s3\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::uploads\"},\"StringEquals\":{\"AWS:SourceAccount\":\"123456789012\"}}}]}",
         "RevisionId": "r2"}
        """#

    static let subnets = #"""
        {"Subnets": [
          {"SubnetId": "subnet-a", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az1", "CidrBlock": "10.0.0.0/24", "State": "available", "MapPublicIpOnLaunch": false},
          {"SubnetId": "subnet-b", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1b", "AvailabilityZoneId": "use1-az2", "CidrBlock": "10.0.1.0/24", "State": "available", "MapPublicIpOnLaunch": false}]}
        """#

    /// `clean` is configured as a security engineer wants; `legacy` has every flaw; `odd` has a
    /// runtime Rampart does not know and an unreadable policy.
    var fixture: Fixture {
        var f = Fixture()
        f.computeRoles()
        f.answer("us-east-1", "ec2", "describe-subnets", Self.subnets)
        f.answer("us-east-1", "lambda", "list-functions", """
            {"Functions": [
              \(Self.function("clean", runtime: "python3.12", role: ComputeRoleFixtures.appRole, env: #"{"TABLE_NAME": "orders", "DB_PASSWORD_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}"#,
                              vpcSubnets: ["subnet-a", "subnet-b"], tracing: "Active", dlq: true, kms: true)),
              \(Self.function("legacy", runtime: "nodejs16.x", role: ComputeRoleFixtures.adminRole, env: #"{"DB_PASSWORD": "hunter2-very-secret", "LEGACY_KEY_HOLDER": "AKIAIOSFODNN7EXAMPLE", "LOG_LEVEL": "debug"}"#,
                              vpcSubnets: ["subnet-a"])),
              \(Self.function("odd", runtime: "cobol85", role: "arn:aws:iam::999988887777:role/elsewhere"))
            ]}
            """)
        f.answer("us-east-1", "lambda", "get-policy", resource: "clean", Self.scopedPolicy)
        f.answer("us-east-1", "lambda", "get-policy", resource: "legacy", Self.publicPolicy)
        f.fail("us-east-1", "lambda", "get-policy", resource: "odd", code: "AccessDeniedException")
        return f
    }

    @Test func aPolicyThatLetsEveryoneInvokeFails() {
        let f = fixture
        #expect(f.status("lambda.function.not-public", on: "function:clean") == .pass)
        let legacy = f.run("lambda.function.not-public").first { $0.resource.arn.hasSuffix("function:legacy") }
        #expect(legacy?.status == .fail)
        #expect(legacy?.message.contains("lambda:InvokeFunction") == true)
        #expect(f.status("lambda.function.not-public", on: "function:odd") == .unknown)
    }

    @Test func aFunctionWithoutAPolicyIsNotPublic() {
        var f = Fixture()
        f.answer("us-east-1", "lambda", "list-functions", #"{"Functions": [\#(Self.function("quiet", runtime: "python3.12", role: ComputeRoleFixtures.appRole))]}"#)
        f.fail("us-east-1", "lambda", "get-policy", resource: "quiet", code: "ResourceNotFoundException")
        #expect(f.status("lambda.function.not-public", on: "function:quiet") == .pass)
    }

    @Test func deprecatedRuntimesFailAtTheCollectionTime() {
        let f = fixture
        #expect(f.status("lambda.function.supported-runtime", on: "function:clean") == .pass)
        let legacy = f.run("lambda.function.supported-runtime").first { $0.resource.arn.hasSuffix("function:legacy") }
        #expect(legacy?.status == .fail)
        #expect(legacy?.message == "Function legacy uses nodejs16.x, deprecated by AWS on 2024-06-12.")
        #expect(f.status("lambda.function.supported-runtime", on: "function:odd") == .unknown)
    }

    @Test func vpcPlacementAndZones() {
        let f = fixture
        #expect(f.status("lambda.function.in-vpc", on: "function:clean") == .pass)
        #expect(f.status("lambda.function.in-vpc", on: "function:odd") == .fail)
        #expect(f.status("lambda.function.vpc-multi-az", on: "function:clean") == .pass)
        #expect(f.status("lambda.function.vpc-multi-az", on: "function:legacy") == .fail)
        #expect(f.status("lambda.function.vpc-multi-az", on: "function:odd") == nil, "not in a VPC: not judged")
        var unread = fixture
        unread.fail("us-east-1", "ec2", "describe-subnets", code: "UnauthorizedOperation")
        #expect(unread.status("lambda.function.vpc-multi-az", on: "function:clean") == .unknown)
    }

    @Test func tracingDeadLetterAndEnvironmentKey() {
        let f = fixture
        for check in ["lambda.function.xray-tracing", "lambda.function.dead-letter-queue", "lambda.function.environment-cmk"] {
            #expect(f.status(check, on: "function:clean") == .pass, "\(check)")
            #expect(f.status(check, on: "function:legacy") == .fail, "\(check)")
        }
        #expect(f.status("lambda.function.environment-cmk", on: "function:odd") == nil, "no environment: nothing to encrypt")
    }

    @Test func credentialsInTheEnvironmentFailWithoutShowingThem() {
        let f = fixture
        #expect(f.status("lambda.function.no-secrets-in-environment", on: "function:clean") == .pass)
        let legacy = f.run("lambda.function.no-secrets-in-environment").first { $0.resource.arn.hasSuffix("function:legacy") }
        #expect(legacy?.status == .fail)
        #expect(legacy?.message.contains("DB_PASSWORD") == true)
        #expect(legacy?.message.contains("LEGACY_KEY_HOLDER") == true)
        #expect(legacy?.message.contains("LOG_LEVEL") == false)
        for finding in f.run("lambda.function.no-secrets-in-environment") {
            let shown = finding.message + String(describing: finding.evidence)
            #expect(!shown.contains("hunter2"), "a secret value is shown")
            #expect(!shown.contains("AKIAIOSFODNN7EXAMPLE"), "a key id is shown")
        }
    }

    @Test func executionRolesWithAdministratorPowerFail() {
        let f = fixture
        #expect(f.status("lambda.function.execution-role-not-admin", on: "function:clean") == .pass)
        #expect(f.status("lambda.function.execution-role-not-admin", on: "function:legacy") == .fail)
        #expect(f.status("lambda.function.execution-role-not-admin", on: "function:odd") == .unknown, "another account's role")
        var noIAM = fixture
        noIAM.iamFails("get-account-authorization-details")
        #expect(noIAM.status("lambda.function.execution-role-not-admin", on: "function:clean") == .unknown)
    }

    @Test func anUnreadableFunctionListIsUnknown() {
        var f = Fixture()
        f.fail("us-east-1", "lambda", "list-functions", code: "AccessDeniedException")
        for check in LambdaCheckIds.all {
            #expect(f.run(check).map(\.status) == [.unknown], "\(check)")
        }
    }
}

enum LambdaCheckIds {
    static let all = ["lambda.function.not-public", "lambda.function.supported-runtime", "lambda.function.in-vpc", "lambda.function.vpc-multi-az",
                      "lambda.function.xray-tracing", "lambda.function.no-secrets-in-environment", "lambda.function.environment-cmk",
                      "lambda.function.dead-letter-queue", "lambda.function.execution-role-not-admin"]
}
