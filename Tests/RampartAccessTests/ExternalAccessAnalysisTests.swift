import Foundation
import Testing
import RampartAccess
import RampartInventory
import RampartJSON

/// S3 (policy, ACL, Block Public Access at account and bucket level), the sharing attributes,
/// and the services other branches add, through `ResourcePolicyBearing`. Pages: S3 User Guide
/// "Blocking public access to your Amazon S3 storage" ("The meaning of 'public'",
/// IgnorePublicAcls, RestrictPublicBuckets) and "Access control list (ACL) overview".
struct ExternalAccessAnalysisTests {
    static let account = "111122223333"

    /// A one-bucket account as the AWS CLI prints it.
    static func bucketInventory(policy: String?, acl: String? = nil, bucketBlock: String? = nil, accountBlock: String? = nil,
        accountBlockFails: Bool = false) -> Inventory
    {
        var results: [AWSCall: CallResult] = [:]
        func answer(_ service: String, _ op: String, _ resource: String?, _ json: String) {
            results[AWSCall(account: account, region: "global", service: service, operation: op, resource: resource)] =
                .answer(try! JSONParser.parse(json))
        }
        func fail(_ service: String, _ op: String, _ resource: String?, _ code: String) {
            results[AWSCall(account: account, region: "global", service: service, operation: op, resource: resource)] =
                .failed(code: code, message: "x")
        }
        answer("s3api", "list-buckets", nil, #"{"Buckets":[{"Name":"photos","CreationDate":"2024-03-01T10:00:00+00:00"}],"Owner":{"ID":"abc"}}"#)
        answer("s3api", "get-bucket-location", "photos", #"{"LocationConstraint":null}"#)
        answer("s3api", "get-bucket-acl", "photos", acl ?? #"{"Owner":{"ID":"abc"},"Grants":[{"Grantee":{"ID":"abc","Type":"CanonicalUser"},"Permission":"FULL_CONTROL"}]}"#)
        if let policy {
            answer("s3api", "get-bucket-policy", "photos", JSONWriter.string(["Policy": .string(policy)]))
        } else {
            fail("s3api", "get-bucket-policy", "photos", "NoSuchBucketPolicy")
        }
        if let bucketBlock { answer("s3api", "get-public-access-block", "photos", bucketBlock) } else {
            fail("s3api", "get-public-access-block", "photos", "NoSuchPublicAccessBlockConfiguration")
        }
        if accountBlockFails {
            fail("s3control", "get-public-access-block", nil, "AccessDenied")
        } else if let accountBlock {
            answer("s3control", "get-public-access-block", nil, accountBlock)
        } else {
            fail("s3control", "get-public-access-block", nil, "NoSuchPublicAccessBlockConfiguration")
        }
        return InventoryBuilder.build(from: InMemoryCallResults(
            collectedAt: Date(timeIntervalSince1970: 1_780_000_000), accounts: [account], regions: ["us-east-1"], results: results))
    }

    static func block(ignoreAcls: Bool = false, restrict: Bool = false) -> String {
        #"{"PublicAccessBlockConfiguration":{"BlockPublicAcls":false,"IgnorePublicAcls":\#(ignoreAcls),"BlockPublicPolicy":false,"RestrictPublicBuckets":\#(restrict)}}"#
    }

    static let publicPolicy = #"{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]}"#

    static func bucket(_ inventory: Inventory) -> ResourceAccess? {
        ExternalAccessAnalysis.run(inventory, zone: .account).first { $0.ref.type == "AWS::S3::Bucket" }
    }

    @Test func aPublicBucketPolicyMakesTheBucketPublic() {
        let r = Self.bucket(Self.bucketInventory(policy: Self.publicPolicy))
        #expect(r?.access == .public)
        #expect(r?.grants.first?.witness?.resource == "arn:aws:s3:::photos/x")
    }

    @Test func restrictPublicBucketsAtTheAccountOrTheBucketShutsAPublicPolicy() {
        #expect(Self.bucket(Self.bucketInventory(policy: Self.publicPolicy, accountBlock: Self.block(restrict: true)))?.access == nil)
        #expect(Self.bucket(Self.bucketInventory(policy: Self.publicPolicy, bucketBlock: Self.block(restrict: true)))?.access == nil)
        // IgnorePublicAcls does not touch policies.
        #expect(Self.bucket(Self.bucketInventory(policy: Self.publicPolicy, accountBlock: Self.block(ignoreAcls: true)))?.access == .public)
    }

    @Test func anUnreadableAccountBlockLeavesAPublicPolicyUnknownNotPrivate() {
        let r = Self.bucket(Self.bucketInventory(policy: Self.publicPolicy, accountBlockFails: true))
        #expect(r?.access == nil)
        #expect(r?.unknownReason?.contains("Block Public Access could not be read") == true)
    }

    @Test func aPublicACLGrantIsPublicUnlessIgnored() {
        let acl = #"{"Owner":{"ID":"abc"},"Grants":[{"Grantee":{"Type":"Group","URI":"http://acs.amazonaws.com/groups/global/AllUsers"},"Permission":"READ"}]}"#
        let open = Self.bucket(Self.bucketInventory(policy: nil, acl: acl))
        #expect(open?.access == .public)
        #expect(open?.grants.first?.statements == ["ACL AllUsers READ"])
        #expect(Self.bucket(Self.bucketInventory(policy: nil, acl: acl, bucketBlock: Self.block(ignoreAcls: true)))?.access == nil)
    }

    @Test func aBucketWithoutPolicyOrPublicACLHasNoExternalAccess() {
        let r = Self.bucket(Self.bucketInventory(policy: nil))
        #expect(r != nil)
        #expect(r?.access == nil && r?.unknownReason == nil)
    }

    /// A resource of a service another branch adds (SQS here, and a type the table does not
    /// know): conforming to `ResourcePolicyBearing` is all it takes.
    struct SyntheticResource: ResourcePolicyBearing {
        var ref: ResourceRef
        var tags: Tags { [:] }
        var resourcePolicy: Known<String?>
    }

    @Test func anyResourcePolicyBearingTypeIsAnalysed() {
        let queue = SyntheticResource(
            ref: ResourceRef(arn: "arn:aws:sqs:us-east-1:111122223333:jobs", type: "AWS::SQS::Queue", account: Self.account,
                region: "us-east-1", name: "jobs"),
            resourcePolicy: .known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222233334444"},"Action":"sqs:SendMessage","Resource":"*"}]}"#))
        let r = ExternalAccessAnalysis.analyze(queue, zone: .account)
        #expect(r.access == .crossAccount)
        #expect(r.grants.first?.principals == ["222233334444"])
        #expect(r.grants.first?.witness?.principal == "arn:aws:iam::222233334444:role/rampart-witness")

        let unlisted = SyntheticResource(
            ref: ResourceRef(arn: "arn:aws:backup:us-east-1:111122223333:backup-vault:v", type: "AWS::Backup::BackupVault",
                account: Self.account, region: "us-east-1", name: "v"),
            resourcePolicy: .known(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"backup:*","Resource":"*"}]}"#))
        #expect(ExternalAccessAnalysis.analyze(unlisted, zone: .account).access == .public)

        let unreadable = SyntheticResource(ref: queue.ref, resourcePolicy: .unknown(reason: "AccessDenied"))
        #expect(ExternalAccessAnalysis.analyze(unreadable, zone: .account).unknownReason?.contains("AccessDenied") == true)
        let none = SyntheticResource(ref: queue.ref, resourcePolicy: .known(nil))
        #expect(ExternalAccessAnalysis.analyze(none, zone: .account).access == nil)
    }
}
