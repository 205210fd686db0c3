import RampartInventory
import RampartJSON
@testable import RampartTemplates
import Testing

/// Each intrinsic function resolved as CloudFormation documents it, and what cannot be
/// resolved statically left unknown with the reason.
struct IntrinsicFunctionTests {
    /// Resolves `value` (YAML) as the `Value` property of one resource in a template with these parameters, conditions and mappings.
    static func resolve(
        _ value: String, parameters: [String: String] = [:],
        header: String = """
            Parameters:
              Env: {Type: String, Default: prod}
              NoDefault: {Type: String}
              Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              Unknowable: !Equals [!Ref NoDefault, x]
            Mappings:
              Sizes:
                prod: {Count: 3}
                dev: {Count: 1}
            """
    ) throws -> TemplateValue {
        let text = header + "\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n      Value: " + value + "\n"
        let template = try CloudFormationTemplate(
            text: text, file: "t.yaml", stackName: "stack", parameters: parameters, context: TemplateContext(account: "111122223333", region: "eu-west-1"))
        return template.resources[1].properties["Value"] ?? .null
    }

    @Test func refReadsAParameterDefaultOrItsOverride() throws {
        #expect(try Self.resolve("!Ref Env") == .string("prod"))
        #expect(try Self.resolve("!Ref Env", parameters: ["Env": "dev"]) == .string("dev"))
        #expect(try Self.resolve("{Ref: Env}") == .string("prod"))
    }

    @Test func aParameterWithoutDefaultIsUnknownWithTheReason() throws {
        let value = try Self.resolve("!Ref NoDefault")
        guard case .unknown(let reason) = value else { Issue.record("expected unknown, got \(value)"); return }
        #expect(reason.contains("NoDefault"))
    }

    @Test func pseudoParametersUseTheScanContext() throws {
        #expect(try Self.resolve("!Ref AWS::Region") == .string("eu-west-1"))
        #expect(try Self.resolve("!Ref AWS::AccountId") == .string("111122223333"))
        #expect(try Self.resolve("!Ref AWS::StackName") == .string("t"))
    }

    @Test func subInBothForms() throws {
        #expect(try Self.resolve("!Sub '${Env}-${AWS::Region}-${!Literal}'") == .string("prod-eu-west-1-${Literal}"))
        #expect(try Self.resolve("!Sub ['${A}-${Env}', {A: x}]") == .string("x-prod"))
        #expect(try Self.resolve("!Sub '${Bucket.Arn}/*'") == .string("arn:aws:s3:::stack-bucket/*"))
    }

    @Test func joinSelectSplit() throws {
        #expect(try Self.resolve("!Join ['-', [a, !Ref Env]]") == .string("a-prod"))
        #expect(try Self.resolve("!Select [1, !Ref Zones]") == .string("b"))
        #expect(try Self.resolve("!Split [',', 'x,y']") == .array([.string("x"), .string("y")]))
        #expect(try Self.resolve("!Select [0, !Split ['/', 'p/q']]") == .string("p"))
    }

    @Test func ifFollowsConditionsAndIsUnknownWhenTheConditionIs() throws {
        #expect(try Self.resolve("!If [IsProd, big, small]") == .string("big"))
        #expect(try Self.resolve("!If [IsProd, big, small]", parameters: ["Env": "dev"]) == .string("small"))
        if case .unknown = try Self.resolve("!If [Unknowable, a, b]") {} else { Issue.record("expected unknown") }
    }

    @Test func findInMapBase64GetAZs() throws {
        #expect(try Self.resolve("!FindInMap [Sizes, !Ref Env, Count]") == .number(3))
        #expect(try Self.resolve("!Base64 hello") == .string("aGVsbG8="))
        #expect(try Self.resolve("!Select [0, !GetAZs '']") == .string("eu-west-1a"))
    }

    @Test func importValueAndAttributesKnownOnlyAfterCreationAreUnknown() throws {
        if case .unknown(let r) = try Self.resolve("!ImportValue shared-vpc") { #expect(r.contains("shared-vpc")) } else { Issue.record("expected unknown") }
        if case .unknown = try Self.resolve("!GetAtt Bucket.WebsiteURL") {} else { Issue.record("expected unknown") }
        #expect(try Self.resolve("!GetAtt Bucket.Arn") == .string("arn:aws:s3:::stack-bucket"))
        // An unknown inside Join makes the whole value unknown, never a partial string.
        if case .unknown = try Self.resolve("!Join ['', [a, !ImportValue x]]") {} else { Issue.record("expected unknown") }
    }

    @Test func noValueRemovesTheProperty() throws {
        let text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref AWS::NoValue\n"
        let t = try CloudFormationTemplate(text: text, file: "t.yaml", stackName: "s", parameters: [:], context: TemplateContext())
        #expect(t.resources[0].properties["BucketName"] == nil)
    }

    @Test func aFalseConditionLeavesTheResourceOut() throws {
        let text = """
            Parameters: {Env: {Type: String, Default: dev}}
            Conditions: {IsProd: !Equals [!Ref Env, prod]}
            Resources:
              B: {Type: AWS::S3::Bucket, Condition: IsProd}
              C: {Type: AWS::S3::Bucket}
            """
        let t = try CloudFormationTemplate(text: text, file: "t.yaml", stackName: "s", parameters: [:], context: TemplateContext())
        #expect(t.resources.map(\.logicalId) == ["C"])
    }
}

/// Templates that are not valid: one error naming the file, line and column.
struct TemplateBadInputTests {
    static func error(_ text: String) -> TemplateError? {
        do {
            _ = try CloudFormationTemplate(text: text, file: "bad.yaml", stackName: "s", parameters: [:], context: TemplateContext())
            return nil
        } catch {
            return error
        }
    }

    @Test func duplicateKeysAreRefusedWithTheirLine() {
        let e = Self.error("Resources:\n  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::S3::Bucket}\n")
        #expect(e?.message.contains("duplicate") == true)
        #expect(e?.line == 2)
    }

    @Test func unknownTagsAreRefused() {
        let e = Self.error("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Bogus x}\n")
        #expect(e?.message.contains("unknown tag !Bogus") == true)
        #expect(e?.line == 4)
    }

    @Test func textThatIsNotYAMLIsRefusedWithAPlace() {
        let e = Self.error("Resources: {A: [\n")
        #expect(e?.line != nil)
        #expect(e?.description.hasPrefix("bad.yaml:") == true)
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let e = Self.error("Resources: " + deep)
        #expect(e?.message.contains("nested") == true)
    }

    @Test func circularConditionsAreRefused() {
        let e = Self.error("Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  X: {Type: AWS::S3::Bucket, Condition: A}\n")
        #expect(e?.message.contains("circular") == true)
    }

    @Test func aRefToNothingIsRefused() {
        let e = Self.error("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Ref Missing}\n")
        #expect(e?.message.contains("Missing") == true)
    }
}

extension TemplateBadInputTests {
    @Test func resourcesReferringToEachOtherInACircleAreRefused() {
        let e = Self.error("""
            Resources:
              A:
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: !GetAtt B.GroupId}
              B:
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: !Sub "${A}"}
            """)
        #expect(e?.message.contains("circular") == true)
    }
}
