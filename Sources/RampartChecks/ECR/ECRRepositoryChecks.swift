import RampartFindings
import RampartInventory
import RampartJSON

/// ECR private repositories: image scanning, tag immutability, lifecycle policies and whether
/// the repository policy lets everyone pull or push.
enum ECRRepositoryChecks {
    static let all: [Check] = [scanOnPush, tagImmutability, lifecyclePolicy, notPublic]

    static func evidence(_ r: ECRRepository, _ extra: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var object: JSONObject = ["repositoryName": .string(r.name)]
        for (key, value) in extra { object[key] = value }
        return object
    }

    static let scanOnPush = Check(
        CheckMetadata(
            id: "ecr.repository.scan-on-push",
            title: "ECR private repositories scan images on push",
            severity: .high, resourceType: "AWS::ECR::Repository", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECR.1"]], prowler: "ecr_repositories_scan_images_on_push_enabled",
            risk: "Images pushed without a scan can ship known-vulnerable packages into production unnoticed.",
            remediation: "Turn on scan on push for the repository (or enhanced scanning for the registry).",
            remediationCommand: "aws ecr put-image-scanning-configuration --repository-name <repository> --image-scanning-configuration scanOnPush=true"),
        evaluate: { ctx in
            ctx.eachRegional(\.ecr.repositories) { r, _ in
                judgeSetting(r.ref, r.scanOnPush, member: "imageScanningConfiguration.scanOnPush", call: "ecr describe-repositories",
                    name: r.name, evidence: evidence(r, ["scanOnPush": r.scanOnPush.map(JSONValue.bool) ?? .null]),
                    pass: "\(r.name) scans images on push.", fail: "\(r.name) does not scan images on push (scanOnPush=false).")
            }
        })

    static let tagImmutability = Check(
        CheckMetadata(
            id: "ecr.repository.tag-immutability",
            title: "ECR private repositories have tag immutability configured",
            severity: .medium, resourceType: "AWS::ECR::Repository", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECR.2"]], prowler: "ecr_repositories_tag_immutability",
            risk: "A mutable tag can be moved to a different image, so a deployment by tag may run an image nobody reviewed.",
            remediation: "Make the repository's tags immutable.",
            remediationCommand: "aws ecr put-image-tag-mutability --repository-name <repository> --image-tag-mutability IMMUTABLE"),
        evaluate: { ctx in
            ctx.eachRegional(\.ecr.repositories) { r, _ in
                guard let mode = r.imageTagMutability else {
                    return .unknown(r.ref, "ecr describe-repositories gave no imageTagMutability for \(r.name).")
                }
                let facts = evidence(r, ["imageTagMutability": .string(mode)])
                if mode.hasPrefix("IMMUTABLE") { return .pass(r.ref, "\(r.name) has immutable tags (\(mode)).", evidence: facts) }
                return .fail(r.ref, "\(r.name) has mutable tags (imageTagMutability=\(mode)).", evidence: facts)
            }
        })

    static let lifecyclePolicy = Check(
        CheckMetadata(
            id: "ecr.repository.lifecycle-policy",
            title: "ECR repositories have a lifecycle policy",
            severity: .medium, resourceType: "AWS::ECR::Repository", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["ECR.3"]], prowler: "ecr_repositories_lifecycle_policy_enabled",
            risk: "Without a lifecycle policy old, unpatched images pile up, cost storage and stay available to deploy.",
            remediation: "Add a lifecycle policy that expires untagged and old images.",
            remediationCommand: "aws ecr put-lifecycle-policy --repository-name <repository> --lifecycle-policy-text file://lifecycle.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.ecr.repositories) { r, _ in
                switch r.lifecyclePolicy {
                case .unknown(let reason): return .unknown(r.ref, reason)
                case .known(nil): return .fail(r.ref, "\(r.name) has no lifecycle policy.", evidence: evidence(r, ["lifecyclePolicy": .bool(false)]))
                case .known(_?): return .pass(r.ref, "\(r.name) has a lifecycle policy.", evidence: evidence(r, ["lifecyclePolicy": .bool(true)]))
                }
            }
        })

    static let notPublic = Check(
        CheckMetadata(
            id: "ecr.repository.not-public",
            title: "ECR repository policies do not allow access to everyone",
            severity: .critical, resourceType: "AWS::ECR::Repository", serviceModel: .managed,
            frameworks: [:], prowler: "ecr_repositories_not_publicly_accessible",
            risk: "A repository policy that allows every principal lets anyone pull the images (and the secrets baked into them) or push new ones.",
            remediation: "Remove the statements that allow Principal \"*\", or pin them to your organization or accounts with a condition.",
            remediationCommand: "aws ecr set-repository-policy --repository-name <repository> --policy-text file://policy.json"),
        evaluate: { ctx in
            ctx.eachRegional(\.ecr.repositories) { r, _ in
                ExternalAccessChecks.judgeNotPublic(r, subject: r.name, evidence: ["resource": .string(r.name)]) { ref in
                    .pass(ref, "\(r.name) has no repository policy: only the account's own principals can reach it.",
                          evidence: evidence(r, ["repositoryPolicy": .null]))
                }
            }
        })
}
