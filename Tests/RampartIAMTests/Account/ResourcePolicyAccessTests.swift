@testable import RampartIAM
import RampartInventory
import RampartJSON
import Testing

/// `who-can` and `what-can` with resource-based policies (issue 19), and effective permissions
/// that honour resource types. IAM User Guide, "Policy evaluation logic" — "Identity-based
/// policies with resource-based policies" (same account: a resource policy naming the principal
/// grants by itself, except KMS key policies and role trust policies) and "Cross-account policy
/// evaluation logic" (both sides must allow).
@Suite struct ResourcePolicyAccessTests {
    static let accountId = "111122223333"
    static let otherAccount = "444455556666"

    /// A small account: dana (only ec2:Describe*), erin (s3:GetObject and sts:AssumeRole on
    /// everything), frank (an explicit deny of s3:*), and the roles Admin (trusting dana by ARN)
    /// and Shared (trusting the account).
    static let account: IAMAccount = {
        func user(_ name: String, _ statements: String) -> String {
            #"{"Path":"/","UserName":"\#(name)","UserId":"AIDA\#(name.uppercased())","Arn":"arn:aws:iam::111122223333:user/\#(name)","CreateDate":"2024-01-02T03:04:05+00:00","UserPolicyList":[{"PolicyName":"own","PolicyDocument":{"Version":"2012-10-17","Statement":[\#(statements)]}}],"GroupList":[],"AttachedManagedPolicies":[],"Tags":[]}"#
        }
        func role(_ name: String, trusting principal: String) -> String {
            #"{"Path":"/","RoleName":"\#(name)","RoleId":"AROA\#(name.uppercased())","Arn":"arn:aws:iam::111122223333:role/\#(name)","CreateDate":"2024-01-02T03:04:05+00:00","AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"}]},"InstanceProfileList":[],"RolePolicyList":[],"AttachedManagedPolicies":[],"Tags":[],"RoleLastUsed":{}}"#
        }
        let text = #"{"UserDetailList":["#
            + [
                user("dana", #"{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}"#),
                user("erin", #"{"Effect":"Allow","Action":["s3:GetObject","sts:AssumeRole"],"Resource":"*"}"#),
                user("frank", #"{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}"#),
                user("gwen", #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::payroll"},{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::audit"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:s3:::audit/*"},{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::audit/*"}"#),
                user("hugo", #"{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:iam::111122223333:role/*"}"#),
            ].joined(separator: ",")
            + #"],"GroupDetailList":[],"RoleDetailList":["#
            + [role("Admin", trusting: "arn:aws:iam::111122223333:user/dana"), role("Shared", trusting: "arn:aws:iam::111122223333:root")]
            .joined(separator: ",")
            + #"],"Policies":[]}"#
        return IAMAccount(try! AuthorizationDetails(awsCLIOutput: try! JSONParser.parse(text)), accountId: accountId)
    }()

    static let permissions = EffectivePermissions(account: account)

    static func entry(_ arn: String, account: String = accountId, kind: ResourcePolicyKind = .standard, _ statements: String) -> ResourcePolicies.Entry {
        let document = try! PolicyDocument(text: #"{"Version":"2012-10-17","Statement":[\#(statements)]}"#)
        return ResourcePolicies.Entry(arn: arn, account: account, policy: NamedPolicy("resource policy of \(arn)", document), kind: kind)
    }

    static let payroll = entry("arn:aws:s3:::payroll",
        #"{"Sid":"Dana","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/dana","arn:aws:iam::111122223333:user/frank"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::payroll/*"}"#)

    static func names(_ grants: [PrincipalGrant]) -> [String] { grants.map(\.principal.name).sorted() }

    static func level(_ grants: [PrincipalGrant], _ name: String) -> GrantLevel? { grants.first { $0.principal.name == name }?.level }

    // MARK: Same account

    @Test func aBucketPolicyNamingAUserGrantsWithoutAnIdentityAllow() throws {
        let object = "arn:aws:s3:::payroll/2026.csv"
        let without = try Self.permissions.whoCan(action: "s3:GetObject", resource: object, in: Self.account)
        #expect(!Self.names(without).contains("dana"))
        let with = try Self.permissions.whoCan(action: "s3:GetObject", resource: object, in: Self.account,
            resourcePolicies: ResourcePolicies([Self.payroll]))
        #expect(Self.level(with, "dana") == .allowed)
        #expect(with.first { $0.principal.name == "dana" }?.allows.map(\.sid) == ["Dana"])
        // An explicit deny in frank's own policy still wins over the bucket policy naming him.
        #expect(!Self.names(with).contains("frank"))
        #expect(Self.level(with, "erin") == .allowed)
    }

    @Test func withoutAResourceAUserOnlyAResourcePolicyNamesIsLimitedToThatResource() throws {
        let grants = try Self.permissions.whoCan(action: "s3:GetObject", in: Self.account, resourcePolicies: ResourcePolicies([Self.payroll]))
        let dana = try #require(grants.first { $0.principal.name == "dana" })
        #expect(dana.level == .limited)
        #expect(dana.limits == ["only arn:aws:s3:::payroll, through its resource policy"])
        #expect(dana.allows.map(\.kind) == [.resource])
        #expect(!Self.names(grants).contains("frank"))
        let put = try Self.permissions.whoCan(action: "s3:PutObject", in: Self.account, resourcePolicies: ResourcePolicies([Self.payroll]))
        #expect(!Self.names(put).contains("dana"))
    }

    @Test func whatCanListsWhatOnlyAResourcePolicyGrants() {
        let dana = Self.account.principal(arn: "arn:aws:iam::111122223333:user/dana")!
        let grants = Self.permissions.whatCan(dana, service: "s3", resourcePolicies: ResourcePolicies([Self.payroll]))
        #expect(grants.map(\.action.fullName) == ["s3:GetObject"])
        #expect(grants.first?.access == .limited)
        #expect(grants.first?.throughResourcePolicies == ["arn:aws:s3:::payroll"])
        #expect(Self.permissions.whatCan(dana, service: "s3").isEmpty)
    }

    /// KMS Developer Guide, "Key policies": the key policy must allow; naming the account only
    /// delegates to identity policies, naming the user grants by itself.
    @Test func aKeyPolicyMustAllowAndNamingTheAccountOnlyDelegates() throws {
        let key = "arn:aws:kms:us-east-1:111122223333:key/k1"
        let delegating = Self.entry(key, kind: .kmsKey,
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}"#)
        let naming = Self.entry(key, kind: .kmsKey,
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/dana"},"Action":"kms:Decrypt","Resource":"*"}"#)
        let viaAccount = try Self.permissions.whoCan(action: "kms:Decrypt", resource: key, in: Self.account, resourcePolicies: ResourcePolicies([delegating]))
        #expect(!Self.names(viaAccount).contains("dana"))
        #expect(Self.names(viaAccount).contains("hugo"))
        let direct = try Self.permissions.whoCan(action: "kms:Decrypt", resource: key, in: Self.account, resourcePolicies: ResourcePolicies([naming]))
        #expect(Self.level(direct, "dana") == .allowed)
        #expect(!Self.names(direct).contains("hugo"), "hugo's identity allow is not enough when the key policy does not delegate")
    }

    /// IAM User Guide, "How IAM roles differ from resource-based policies" / "Policy evaluation
    /// logic": a trust policy naming the principal lets it assume the role without an identity
    /// allow; one naming the account needs the identity allow too.
    @Test func roleTrustPoliciesDecideAssumeRole() throws {
        let trusts = ResourcePolicies([
            Self.entry("arn:aws:iam::111122223333:role/Admin", kind: .roleTrust,
                #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/dana"},"Action":"sts:AssumeRole"}"#),
            Self.entry("arn:aws:iam::111122223333:role/Shared", kind: .roleTrust,
                #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}"#),
        ])
        let admin = try Self.permissions.whoCan(action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Admin",
            in: Self.account, resourcePolicies: trusts)
        #expect(Self.level(admin, "dana") == .allowed)
        #expect(!Self.names(admin).contains("erin"), "erin's identity allow is not enough: the trust policy names only dana")
        let shared = try Self.permissions.whoCan(action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Shared",
            in: Self.account, resourcePolicies: trusts)
        #expect(!Self.names(shared).contains("dana"))
        #expect(Self.level(shared, "erin") == .allowed)
    }

    // MARK: Cross account

    @Test func aResourceInAnotherAccountNeedsBothSides() throws {
        let elsewhere = Self.entry("arn:aws:s3:::partner-data", account: Self.otherAccount,
            #"{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/dana","arn:aws:iam::111122223333:user/erin"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::partner-data/*"}"#)
        let closed = Self.entry("arn:aws:s3:::partner-data", account: Self.otherAccount,
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::partner-data/*"}"#)
        let object = "arn:aws:s3:::partner-data/x"
        let open = try Self.permissions.whoCan(action: "s3:GetObject", resource: object, in: Self.account, resourcePolicies: ResourcePolicies([elsewhere]))
        #expect(Self.level(open, "erin") == .allowed)
        #expect(!Self.names(open).contains("dana"), "dana's own account does not allow her")
        let shut = try Self.permissions.whoCan(action: "s3:GetObject", resource: object, in: Self.account, resourcePolicies: ResourcePolicies([closed]))
        #expect(!Self.names(shut).contains("erin"), "erin's identity allow alone does not reach another account's bucket")
        // Without a resource, another account's policy adds no principal.
        let any = try Self.permissions.whoCan(action: "s3:GetObject", in: Self.account, resourcePolicies: ResourcePolicies([elsewhere]))
        #expect(!Self.names(any).contains("dana"))
    }

    // MARK: Resource types — Service Authorization Reference, "Actions, resources, and condition keys"

    /// `s3:GetObject` acts on objects: granted only on the bucket ARN it grants nothing.
    @Test func anActionOnlyOnAResourceOfAnotherTypeGrantsNothing() {
        let gwen = Self.account.principal(arn: "arn:aws:iam::111122223333:user/gwen")!
        let access = Self.permissions.access(of: gwen)
        func of(_ action: String) -> ActionAccess { access.access(toActionAt: ActionCatalog.shared.index(of: action)!) }
        #expect(of("s3:GetObject") == ActionAccess.none)
        #expect(of("s3:ListBucket") == .limited, "s3:* on the bucket ARN keeps the bucket actions")
        #expect(of("s3:PutObject") == .limited)
        #expect(of("iam:PassRole") == ActionAccess.none, "an S3 object ARN is no role")
    }

    /// A deny on resources of another type removes nothing.
    @Test func aDenyOnResourcesOfAnotherTypeLeavesFullAccess() {
        let hugo = Self.account.principal(arn: "arn:aws:iam::111122223333:user/hugo")!
        #expect(Self.permissions.access(of: hugo).access(toActionAt: ActionCatalog.shared.index(of: "s3:GetObject")!) == .full)
    }

    @Test(arguments: [
        ("arn:aws:s3:::payroll", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", false),
        ("arn:aws:s3:::payroll/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true),
        ("arn:aws:s3:::pay*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true),
        ("arn:aws:s3:::payroll", "arn:${Partition}:s3:::${BucketName}", true),
        ("arn:aws:iam::111122223333:role/x", "arn:${Partition}:s3:::${BucketName}", false),
        ("arn:aws:iam::111122223333:role/?", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", true),
        ("arn:aws:s3:::audit/*", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", false),
        ("arn:aws:*", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", true),
    ])
    func arnPatternsOverlapWhenSomeARNMatchesBoth(pattern: String, format: String, overlap: Bool) {
        #expect(ActionCatalog.arnsOverlap(pattern, format) == overlap)
    }
}
