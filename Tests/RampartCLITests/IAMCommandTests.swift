import Foundation
import RampartJSON
import RampartTestSupport
import Testing

/// `rampart iam ...` through the real executable, with the AWS CLI's flags and JSON.
@Suite struct IAMCommandTests {
    static let details = Rampart.packageRoot.appendingPathComponent("Tests/RampartIAMTests/Fixtures/authorization-details.json").path
    static let dynamoPolicy = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}"#

    func json(_ result: Rampart.Result) throws -> JSONNode {
        #expect(result.status == 0, "\(result.stderr)")
        return JSONNode(try JSONParser.parse(result.stdout))
    }

    /// The AWS CLI documentation's example, flag for flag, prints the documented result.
    @Test func simulateCustomPolicyPrintsTheAWSCLIExample() throws {
        let root = try json(try Rampart.run(["iam", "simulate-custom-policy", "--policy-input-list", Self.dynamoPolicy,
            "--action-names", "dynamodb:CreateBackup",
            "--context-entries", "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date"]))
        let expected = try JSONParser.parse("""
            {"EvaluationResults": [{"EvalActionName": "dynamodb:CreateBackup", "EvalResourceName": "*", "EvalDecision": "allowed",
              "MatchedStatements": [{"SourcePolicyId": "PolicyInputList.1", "StartPosition": {"Line": 1, "Column": 38},
                                     "EndPosition": {"Line": 1, "Column": 167}}],
              "MissingContextValues": []}]}
            """)
        #expect(root.value == expected)
    }

    /// `file://` values, JSON context entries, and `--cli-input-json` give the same answers as inline flags.
    @Test func fileValuesJSONContextAndCLIInputJSON() throws {
        let dir = try TemporaryDirectory()
        let policy = try dir.write("policy.json", Self.dynamoPolicy)
        let context = try dir.write("context.json", #"[{"ContextKeyName": "aws:CurrentTime", "ContextKeyValues": ["2014-04-25T11:00:00Z"], "ContextKeyType": "date"}]"#)
        let viaFiles = try json(try Rampart.run(["iam", "simulate-custom-policy", "--policy-input-list", "file://\(policy)",
            "--action-names", "dynamodb:CreateBackup", "dynamodb:DeleteTable", "--context-entries", "file://\(context)"]))
        #expect(try viaFiles.required("EvaluationResults").array().map { try $0.requiredString("EvalDecision") } == ["implicitDeny", "implicitDeny"])

        let input = try dir.write("input.json", """
            {"PolicyInputList": [\(JSONWriter.string(.string(Self.dynamoPolicy)))], "ActionNames": ["dynamodb:CreateBackup"],
             "ResourceArns": ["arn:aws:dynamodb:us-east-1:111122223333:table/t"],
             "ContextEntries": [{"ContextKeyName": "aws:CurrentTime", "ContextKeyValues": ["2019-04-25T11:00:00Z"], "ContextKeyType": "date"}]}
            """)
        let viaInput = try json(try Rampart.run(["iam", "simulate-custom-policy", "--cli-input-json", "file://\(input)"]))
        let result = try viaInput.required("EvaluationResults").array()[0]
        #expect(try result.requiredString("EvalDecision") == "allowed")
        #expect(try result.requiredString("EvalResourceName") == "arn:aws:dynamodb:us-east-1:111122223333:table/t")
        // A flag given on the command line wins over the same member of --cli-input-json.
        let overridden = try json(try Rampart.run(["iam", "simulate-custom-policy", "--cli-input-json", "file://\(input)",
            "--context-entries", "ContextKeyName=aws:CurrentTime,ContextKeyValues=2010-01-01T00:00:00Z,ContextKeyType=date"]))
        #expect(try overridden.required("EvaluationResults").array()[0].requiredString("EvalDecision") == "implicitDeny")
    }

    /// Shorthand lists (`a,b` and `[a,b]`) become multivalued keys for `ForAnyValue`.
    @Test func shorthandListsAreMultivaluedKeys() throws {
        let policy = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}}}"#
        for entry in ["ContextKeyName=aws:TagKeys,ContextKeyValues=env,team,ContextKeyType=stringList",
            "ContextKeyName=aws:TagKeys,ContextKeyValues=[env,team],ContextKeyType=stringList",
            "ContextKeyName=aws:TagKeys,ContextKeyValues=env,owner,ContextKeyType=stringList"]
        {
            let root = try json(try Rampart.run(["iam", "simulate-custom-policy", "--policy-input-list", policy, "--action-names", "ec2:CreateTags",
                "--context-entries", entry]))
            let decision = try root.required("EvaluationResults").array()[0].requiredString("EvalDecision")
            #expect(decision == (entry.contains("owner") ? "implicitDeny" : "allowed"), "\(entry)")
        }
    }

    /// simulate-principal-policy follows groups, default versions and boundaries of the file.
    @Test func simulatePrincipalPolicyReadsTheAccount() throws {
        let alice = try json(try Rampart.run(["iam", "simulate-principal-policy", "--authorization-details", Self.details,
            "--policy-source-arn", "arn:aws:iam::111122223333:user/alice", "--action-names", "iam:CreateUser", "cloudtrail:StopLogging"]))
        let results = try alice.required("EvaluationResults").array()
        #expect(try results.map { try $0.requiredString("EvalDecision") } == ["allowed", "explicitDeny"])
        let deny = try results[1].required("MatchedStatements").array()[0]
        #expect(try deny.requiredString("SourcePolicyId") == "DenyTrailTampering")
        #expect(try deny.requiredString("SourcePolicyType") == "user-managed")
        #expect(try results[0].required("MatchedStatements").array()[0].requiredString("SourcePolicyType") == "aws-managed")

        let bob = try json(try Rampart.run(["iam", "simulate-principal-policy", "--authorization-details", "file://\(Self.details)",
            "--policy-source-arn", "arn:aws:iam::111122223333:user/dev/bob", "--action-names", "ec2:DescribeInstances", "ec2:RunInstances"]))
        let bobResults = try bob.required("EvaluationResults").array()
        #expect(try bobResults.map { try $0.requiredString("EvalDecision") } == ["allowed", "implicitDeny"])
        #expect(try bobResults[1].required("PermissionsBoundaryDecisionDetail").bool("AllowedByPermissionsBoundary") == false)

        let carol = try json(try Rampart.run(["iam", "simulate-principal-policy", "--authorization-details", Self.details,
            "--policy-source-arn", "arn:aws:iam::111122223333:user/carol", "--action-names", "iam:CreateAccessKey",
            "--resource-arns", "arn:aws:iam::111122223333:user/carol", "arn:aws:iam::111122223333:user/alice"]))
        let carolResults = try carol.required("EvaluationResults").array()
        #expect(try carolResults.map { try $0.requiredString("EvalDecision") } == ["implicitDeny", "implicitDeny"])
        #expect(try carolResults[0].strings("MissingContextValues") == ["aws:MultiFactorAuthPresent"])
    }

    @Test func simulatePrincipalPolicyOverTheDemoSnapshot() throws {
        let result = try Rampart.run(["iam", "simulate-principal-policy", "--demo", "--policy-source-arn",
            "arn:aws:iam::123456789012:role/acme-breakglass", "--action-names", "iam:CreateUser", "--output", "table"])
        #expect(result.status == 0, "\(result.stderr)")
        let row = result.stdout.split(separator: "\n")[1].split(separator: " ", omittingEmptySubsequences: true)
        #expect(row.prefix(4) == ["allowed", "iam:CreateUser", "*", "acme-breakglass-full-admin"])
    }

    /// A `limited` grant always says what limits it, in the table and in JSON.
    @Test func aLimitedGrantSaysWhatLimitsIt() throws {
        let table = try Rampart.run(["iam", "who-can", "--authorization-details", Self.details, "--action", "s3:GetObject"])
        #expect(table.status == 0, "\(table.stderr)")
        let carol = try #require(table.stdout.split(separator: "\n").first { $0.contains("user/carol") })
        #expect(carol.hasPrefix("limited "))
        #expect(carol.hasSuffix("arn:aws:iam::111122223333:policy/S3ReadLogs#ReadLogs: only arn:aws:s3:::logs, arn:aws:s3:::logs/*"), "\(carol)")

        let who = try json(try Rampart.run(["iam", "who-can", "--authorization-details", Self.details, "--action", "s3:GetObject", "--format", "json"]))
        for principal in try who.required("principals").array() {
            let limits = try principal.required("limits").array().map { try $0.string() }
            if try principal.requiredString("access") == "limited" {
                let arn = try principal.requiredString("arn")
                #expect(!limits.isEmpty, "\(arn) is limited but says by nothing")
            } else {
                #expect(limits.isEmpty)
            }
        }
    }

    @Test func whoCanAndWhatCanInTableAndJSON() throws {
        let table = try Rampart.run(["iam", "who-can", "--authorization-details", Self.details, "--action", "iam:PassRole"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("full    user  arn:aws:iam::111122223333:user/alice"))
        #expect(table.stdout.contains("2 principals can perform iam:PassRole"))
        #expect(table.stdout.contains("Not evaluated (unreadable policies"))
        #expect(!table.stdout.contains("user/dev/bob"))

        let who = try json(try Rampart.run(["iam", "who-can", "--authorization-details", Self.details, "--action", "s3:getobject",
            "--resource", "arn:aws:s3:::logs/a", "--format", "json"]))
        #expect(try who.requiredString("action") == "s3:GetObject")
        #expect(try who.required("principals").array().map { try $0.requiredString("arn") } == [
            "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/carol", "arn:aws:iam::111122223333:role/ops-admin",
        ])

        let what = try json(try Rampart.run(["iam", "what-can", "--authorization-details", Self.details,
            "--principal", "arn:aws:iam::111122223333:user/dev/bob", "--access-level", "list", "--format", "json"]))
        let actions = try what.required("actions").array()
        #expect(!actions.isEmpty)
        #expect(try actions.allSatisfy { try $0.requiredString("action").hasPrefix("ec2:") && $0.requiredString("access") == "full" })

        let all = try json(try Rampart.run(["iam", "what-can", "--authorization-details", Self.details, "--all", "--format", "json"]))
        let admins = try all.required("principals").array().filter { try $0.bool("allActions") == true }
        #expect(try admins.map { try $0.requiredString("principal") } == ["arn:aws:iam::111122223333:role/ops-admin"])
    }

    @Test(arguments: [
        (["iam", "simulate-custom-policy", "--action-names", "s3:GetObject"], "rampart: --policy-input-list needs at least one policy\n"),
        (["iam", "simulate-custom-policy", "--policy-input-list", "{\"Statement\":{\"Effect\":\"Permit\",\"Action\":\"*\",\"Resource\":\"*\"}}",
            "--action-names", "s3:GetObject"],
            "rampart: PolicyInputList.1 is not a valid policy: Statement[0]: Effect must be \"Allow\" or \"Deny\", found \"Permit\"\n"),
        (["iam", "simulate-custom-policy", "--policy-input-list", "file:///nonexistent/p.json", "--action-names", "s3:GetObject"],
            "rampart: --policy-input-list: /nonexistent/p.json cannot be read: No such file or directory\n"),
        // A device would feed the reader forever: refused before anything is read.
        (["iam", "simulate-custom-policy", "--policy-input-list", "file:///dev/zero", "--action-names", "s3:GetObject"],
            "rampart: --policy-input-list: /dev/zero is not a regular file\n"),
        (["iam", "simulate-custom-policy", "--policy-input-list", "{}", "--action-names", "s3:GetObject", "--context-entries", "ContextKeyName"],
            "rampart: --context-entries: expected Key=value in \"ContextKeyName\" at character 15\n"),
        (["iam", "who-can", "--demo", "--action", "s3:Get*"],
            "rampart: \"s3:Get*\" is not an action of the IAM action catalogue (service:Action, no wildcards)\n"),
        (["iam", "who-can", "--demo", "--authorization-details", "auth.json", "--action", "s3:GetObject"],
            "rampart: --authorization-details cannot be used with --demo or --snapshot\n"),
        (["iam", "what-can", "--demo"], "rampart: give either --principal ARN or --all\n"),
        (["iam", "what-can", "--demo", "--all", "--access-level", "admin"],
            "rampart: unknown --access-level \"admin\"; choose List, Read, Write, 'Permissions management' or Tagging\n"),
        (["iam", "simulate-principal-policy", "--demo", "--policy-source-arn", "arn:aws:iam::123456789012:user/nobody", "--action-names", "s3:GetObject"],
            "rampart: arn:aws:iam::123456789012:user/nobody is not a user, group or role of account 123456789012\n"),
    ])
    func badInputIsOneLineAndExitTwo(arguments: [String], expected: String) throws {
        let result = try Rampart.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == expected)
        #expect(result.stdout.isEmpty)
    }

    @Test func malformedAuthorizationDetailsNameTheFileAndPlace() throws {
        let dir = try TemporaryDirectory()
        let broken = try dir.write("auth.json", "{\"UserDetailList\": [\n  {\"UserName\": \"a\",}\n]}")
        let syntax = try Rampart.run(["iam", "who-can", "--authorization-details", broken, "--action", "s3:GetObject"])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.hasPrefix("rampart: \(broken): "))
        #expect(syntax.stderr.contains("line 2"))
        let shape = try dir.write("shape.json", #"{"UserDetailList": [{"UserName": "a", "Arn": 7}]}"#)
        let wrong = try Rampart.run(["iam", "who-can", "--authorization-details", shape, "--action", "s3:GetObject"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("UserDetailList[0].Arn"))
    }

    /// DESIGN.md's shape: `[{"principal", "isAdmin", "reachesAdmin", "paths": [{"steps": [{"from", "to", "method", "statements"}]}]}]`.
    @Test func escalationsPrintPathsStepByStep() throws {
        let root = try json(try Rampart.run(["iam", "escalations", "--demo", "--format", "json"]))
        let entries = try root.array()
        let dave = try #require(try entries.first { try $0.requiredString("principal").hasSuffix("user/people/dave.kowalski") })
        #expect(try dave.bool("isAdmin") == false)
        #expect(try dave.bool("reachesAdmin") == true)
        let step = try dave.required("paths").array()[0].required("steps").array()[0]
        #expect(try step.requiredString("method") == "sts:AssumeRole")
        #expect(try step.requiredString("to") == "arn:aws:iam::123456789012:role/acme-breakglass")
        #expect(try step.required("statements").array().map { try $0.requiredString("policy") }.contains("arn:aws:iam::aws:policy/PowerUserAccess"))
        #expect(try step.strings("conditions") == ["needs request context aws:MultiFactorAuthPresent"])
        let alice = try #require(try entries.first { try $0.requiredString("principal").hasSuffix("user/people/alice.nguyen") })
        #expect(try alice.bool("isAdmin") == true)
        let table = try Rampart.run(["iam", "escalations", "--demo"])
        #expect(table.stdout.contains("1. arn:aws:iam::123456789012:user/people/dave.kowalski becomes arn:aws:iam::123456789012:role/acme-breakglass by sts:AssumeRole"))
    }

    /// DESIGN.md's shape: `{"conflicts": [{"principal", "rule", "sides": [{"duty", "actions", "via"}]}]}`, with user rules from YAML.
    @Test func segregationOfDutiesWithUserRules() throws {
        let dir = try TemporaryDirectory()
        let rules = try dir.write("rules.yaml", """
            rules:
              - id: data.read-vs-delete-buckets
                title: Read customer data / delete buckets
                duties:
                  - name: read customer data
                    actions: ["s3:GetObject"]
                  - name: delete buckets
                    actions: ["s3:DeleteBucket"]
            """)
        let root = try json(try Rampart.run(["iam", "sod", "--authorization-details", Self.details, "--rules", rules, "--no-built-in", "--format", "json"]))
        let conflicts = try root.required("conflicts").array()
        #expect(try conflicts.map { try $0.requiredString("principal") } == [
            "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/ops-admin",
        ])
        let sides = try conflicts[0].required("sides").array()
        #expect(try sides.map { try $0.requiredString("duty") } == ["read customer data", "delete buckets"])
        #expect(try sides[0].strings("via").contains("arn:aws:iam::111122223333:group/admins"))
        let bad = try dir.write("bad.yaml", "rules:\n  - id: x\n")
        let refused = try Rampart.run(["iam", "sod", "--authorization-details", Self.details, "--rules", bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("rampart: \(bad):2:5: rules[0] needs \"title\""))
    }

    @Test func trustsListCrossAccountReach() throws {
        let root = try json(try Rampart.run(["iam", "trusts", "--demo", "--cross-account", "--format", "json"]))
        let trusts = try root.required("trusts").array()
        let vendor = try #require(try trusts.first { try $0.requiredString("role").hasSuffix("role/acme-vendor-readonly") })
        #expect(try vendor.requiredString("reach") == "externalAccount")
        #expect(try vendor.bool("requiresExternalId") == false)
        #expect(try trusts.allSatisfy { ["everyone", "externalAccount", "externalPrincipal"].contains(try $0.requiredString("reach")) })
    }
}
