import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// S3 public access: Block Public Access at bucket and account level, and whether a bucket's
/// ACL or policy grants access to everyone (taking into account Block Public Access settings
/// that make S3 ignore such grants).
enum PublicAccessChecks {
    static let all: [Check] = [bucketBlockPublicAccess, accountBlockPublicAccess, aclNotPublic, policyNotPublic]

    static let allBlocked = "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"

    static func settingsJSON(_ block: PublicAccessBlock?) -> JSONValue {
        guard let block else { return .null }
        return [
            "BlockPublicAcls": .bool(block.blockPublicAcls), "IgnorePublicAcls": .bool(block.ignorePublicAcls),
            "BlockPublicPolicy": .bool(block.blockPublicPolicy), "RestrictPublicBuckets": .bool(block.restrictPublicBuckets),
        ]
    }

    /// Whether a Block Public Access setting makes S3 disregard a public grant on `bucket`:
    /// the bucket's setting or the account's, whichever is on.
    enum Neutralisation {
        case neutralised(by: String)
        case inForce
        case unknown(String)
    }

    static func neutralisation(
        of bucket: S3Bucket, in account: AccountInventory, setting: KeyPath<PublicAccessBlock, Bool>, name: String
    ) -> Neutralisation {
        if case .known(let block?) = bucket.publicAccessBlock, block[keyPath: setting] { return .neutralised(by: "bucket-level \(name) is on") }
        if case .known(let block?) = account.s3.accountPublicAccessBlock, block[keyPath: setting] {
            return .neutralised(by: "account-level \(name) is on")
        }
        if let reason = bucket.publicAccessBlock.unknownReason ?? account.s3.accountPublicAccessBlock.unknownReason {
            return .unknown(reason)
        }
        return .inForce
    }

    static let bucketBlockPublicAccess = Check(
        CheckMetadata(
            id: "s3.bucket.block-public-access",
            title: "S3 buckets have all four Block Public Access settings on",
            severity: .medium, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["2.1.4"], "cis-aws-5.0": ["2.1.4"], "aws-fsbp": ["S3.8"]],
            prowler: "s3_bucket_level_public_access_block",
            risk: "Without bucket-level Block Public Access, one ACL or policy change can make the bucket's data public.",
            remediation: "Turn on all four Block Public Access settings for the bucket, unless it is meant to be public.",
            remediationCommand: "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration \(allBlocked)"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, _ in
                bucket.judge(bucket.publicAccessBlock) { block in
                    let evidence: JSONObject = ["bucket": .string(bucket.name), "publicAccessBlock": settingsJSON(block)]
                    guard let block else {
                        return .fail(bucket.ref, "\(bucket.name) has no bucket-level Block Public Access configuration.", evidence: evidence)
                    }
                    if block.allEnabled {
                        return .pass(bucket.ref, "\(bucket.name) has all four Block Public Access settings on.", evidence: evidence)
                    }
                    return .fail(bucket.ref, "\(bucket.name) has Block Public Access settings off: \(block.disabledSettings.joined(separator: ", ")).",
                                 evidence: evidence)
                }
            }
        })

    static let accountBlockPublicAccess = Check(
        CheckMetadata(
            id: "s3.account.block-public-access",
            title: "The account has all four S3 Block Public Access settings on",
            severity: .high, resourceType: "AWS::::Account", serviceModel: .infrastructure,
            frameworks: ["cis-aws-3.0": ["2.1.4"], "cis-aws-5.0": ["2.1.4"], "aws-fsbp": ["S3.1"]],
            prowler: "s3_account_level_public_access_blocks",
            risk: "Without the account-level settings, every bucket relies on its own configuration to stay private.",
            remediation: "Turn on all four Block Public Access settings for the account; serve intended public content through CloudFront.",
            remediationCommand: "aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration \(allBlocked)"),
        evaluate: { ctx in
            ctx.perAccount(\.s3.accountPublicAccessBlock, resource: { ctx.accountRef($0) }) { block, ref, account in
                let evidence: JSONObject = ["account": .string(account.id), "publicAccessBlock": settingsJSON(block)]
                guard let block else {
                    return .fail(ref, "Account \(account.id) has no account-level S3 Block Public Access configuration.", evidence: evidence)
                }
                if block.allEnabled {
                    return .pass(ref, "Account \(account.id) has all four S3 Block Public Access settings on.", evidence: evidence)
                }
                return .fail(ref, "Account \(account.id) has S3 Block Public Access settings off: \(block.disabledSettings.joined(separator: ", ")).",
                             evidence: evidence)
            }
        })

    /// `AllUsers` or `AuthenticatedUsers`, from the group URI.
    static func groupName(_ grant: ACLGrant) -> String {
        grant.uri.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? grant.granteeType
    }

    static let aclNotPublic = Check(
        CheckMetadata(
            id: "s3.bucket.acl-not-public",
            title: "S3 bucket ACLs grant nothing to AllUsers or AuthenticatedUsers",
            severity: .critical, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["S3.2", "S3.3"]],
            prowler: "s3_bucket_public_access",
            risk: "An ACL grant to AllUsers opens the bucket to anyone on the internet; AuthenticatedUsers means any AWS account holder.",
            remediation: "Reset the bucket ACL to private and turn on IgnorePublicAcls; better, disable ACLs with Object Ownership BucketOwnerEnforced.",
            remediationCommand: "aws s3api put-bucket-acl --bucket <bucket> --acl private"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, account in
                bucket.judge(bucket.acl) { grants in
                    let open = grants.filter(\.isPublic)
                    let described = open.map { "\($0.permission) to \(groupName($0))" }
                    let evidence: JSONObject = [
                        "bucket": .string(bucket.name),
                        "publicGrants": .array(open.map { ["grantee": .optional($0.uri), "permission": .string($0.permission)] }),
                    ]
                    if open.isEmpty {
                        return .pass(bucket.ref, "\(bucket.name)'s ACL grants nothing to AllUsers or AuthenticatedUsers.", evidence: evidence)
                    }
                    let grantText = "\(bucket.name)'s ACL grants \(described.joined(separator: ", "))"
                    switch neutralisation(of: bucket, in: account, setting: \.ignorePublicAcls, name: "IgnorePublicAcls") {
                    case .neutralised(let why):
                        return .pass(bucket.ref, "\(grantText), but S3 ignores public ACLs on it (\(why)).", evidence: evidence)
                    case .unknown(let reason):
                        return .unknown(bucket.ref, "\(grantText); whether Block Public Access ignores it is unknown: \(reason)")
                    case .inForce:
                        return .fail(bucket.ref, "\(grantText).", evidence: evidence)
                    }
                }
            }
        })

    static let policyNotPublic = Check(
        CheckMetadata(
            id: "s3.bucket.policy-not-public",
            title: "S3 bucket policies do not allow public access",
            severity: .critical, resourceType: "AWS::S3::Bucket", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["S3.2", "S3.3"]],
            prowler: "s3_bucket_policy_public_write_access",
            risk: "A policy statement that allows Principal \"*\" without a restricting condition lets anyone on the internet act on the bucket.",
            remediation: "Remove the public statement or limit it with fixed aws:SourceVpce, aws:SourceIp or aws:PrincipalOrgID conditions; turn on RestrictPublicBuckets.",
            remediationCommand: "aws s3api put-bucket-policy --bucket <bucket> --policy file://<policy-without-public-statements>.json"),
        evaluate: { ctx in
            ctx.eachGlobal(\.s3.buckets) { bucket, account in
                bucket.judge(bucket.resourcePolicy) { text in
                    guard let text else {
                        return .pass(bucket.ref, "\(bucket.name) has no bucket policy.", evidence: ["bucket": .string(bucket.name)])
                    }
                    // The one external-access analysis (RampartAccess) decides what is public.
                    let open: [ExternalGrant]
                    switch ExternalAccessChecks.publicGrants(of: text, bucket.ref) {
                    case .unknown(let reason): return .unknown(bucket.ref, reason)
                    case .known(let grants): open = grants
                    }
                    let labels = open.flatMap(\.statements).map(ExternalAccessChecks.legacyLabel)
                    let actions = Set(open.flatMap(\.actions)).sorted()
                    let evidence: JSONObject = [
                        "bucket": .string(bucket.name), "publicStatements": .strings(labels), "actions": .strings(actions),
                    ]
                    if open.isEmpty {
                        return .pass(bucket.ref, "\(bucket.name)'s policy allows no access to everyone.", evidence: evidence)
                    }
                    let grantText = "\(bucket.name)'s policy allows \(actions.joined(separator: ", ")) to everyone (\(labels.joined(separator: ", ")))"
                    switch neutralisation(of: bucket, in: account, setting: \.restrictPublicBuckets, name: "RestrictPublicBuckets") {
                    case .neutralised(let why):
                        return .pass(bucket.ref, "\(grantText), but S3 restricts it to the owner account and AWS services (\(why)).",
                                     evidence: evidence)
                    case .unknown(let reason):
                        return .unknown(bucket.ref, "\(grantText); whether Block Public Access restricts it is unknown: \(reason)")
                    case .inForce:
                        return .fail(bucket.ref, "\(grantText).", evidence: evidence)
                    }
                }
            }
        })
}

extension S3Bucket {
    /// Judges one piece of this bucket's evidence; unknown evidence gives UNKNOWN with its reason.
    func judge<T>(_ evidence: Known<T>, _ verdict: (T) -> CheckOutcome) -> CheckOutcome {
        switch evidence {
        case .known(let value): verdict(value)
        case .unknown(let reason): .unknown(ref, reason)
        }
    }
}
