import RampartAccess
import RampartFindings
import RampartInventory
import RampartJSON

/// Systems Manager: EC2 instances managed by SSM with compliant patching and associations,
/// documents not shared publicly, and parameters whose names say "secret" stored encrypted.
/// Rampart never reads a parameter's value.
enum SSMChecks {
    static let all: [Check] = [instancesManaged, patchCompliant, associationCompliant, documentNotPublic, secretParametersEncrypted]

    static let instancesManaged = Check(
        CheckMetadata(
            id: "ssm.ec2-instance.managed",
            title: "Running EC2 instances are managed by Systems Manager",
            severity: .medium, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["SSM.1"]],
            prowler: "ec2_instance_managed_by_ssm",
            risk: "An instance outside Systems Manager gets no patch baseline, inventory or Session Manager access, so its state is unknown and its fixes are manual.",
            remediation: "Install and start the SSM Agent and give the instance a profile with the AmazonSSMManagedInstanceCore policy (or turn on Default Host Management).",
            remediationCommand: "aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<ssm-instance-profile>"),
        evaluate: { ctx in
            ctx.eachRegional(\.ec2.instances) { instance, region in
                guard instance.state == "running" else { return nil }
                return region.ssm.managedInstances.judged(instance.ref) { managed in
                    let node = managed.first { $0.instanceId == instance.id }
                    let evidence: JSONObject = ["instanceId": .string(instance.id), "pingStatus": .optional(node?.pingStatus)]
                    guard let node else {
                        return .fail(instance.ref, "Instance \(instance.id) is not a Systems Manager managed node (absent from describe-instance-information).", evidence: evidence)
                    }
                    return .pass(instance.ref, "Instance \(instance.id) is a Systems Manager managed node (PingStatus=\(node.pingStatus ?? "not reported")).", evidence: evidence)
                }
            }
        })

    /// Judges each managed EC2 instance's compliance of `type` (`Patch`, `Association`).
    static func judgeCompliance(_ ctx: CheckContext, type: String, what: String) -> [CheckOutcome] {
        ctx.eachRegional(\.ec2.instances) { instance, region in
            guard instance.state == "running" else { return nil }
            guard case .known(let managed) = region.ssm.managedInstances else {
                return .unknown(instance.ref, region.ssm.managedInstances.unknownReason ?? "describe-instance-information was not read")
            }
            // An instance outside Systems Manager has no compliance to judge: ssm.ec2-instance.managed fails it.
            guard managed.contains(where: { $0.instanceId == instance.id }) else { return nil }
            return region.ssm.compliance.judged(instance.ref) { summaries in
                let mine = summaries.filter { $0.resourceId == instance.id && $0.complianceType == type }
                let evidence: JSONObject = ["instanceId": .string(instance.id), "complianceType": .string(type), "statuses": .strings(mine.map(\.status))]
                if mine.isEmpty {
                    return .fail(instance.ref, "Instance \(instance.id) has no \(what) compliance recorded by Systems Manager.", evidence: evidence)
                }
                if mine.allSatisfy({ $0.status == "COMPLIANT" }) {
                    return .pass(instance.ref, "Instance \(instance.id) is COMPLIANT for \(what).", evidence: evidence)
                }
                return .fail(instance.ref, "Instance \(instance.id) is \(mine.map(\.status).joined(separator: "/")) for \(what).", evidence: evidence)
            }
        }
    }

    static let patchCompliant = Check(
        CheckMetadata(
            id: "ssm.ec2-instance.patch-compliant",
            title: "EC2 instances managed by Systems Manager are patch compliant",
            severity: .high, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["SSM.2"]],
            prowler: "ssm_managed_compliant_patching",
            risk: "Missing patches leave known, published vulnerabilities open on the instance.",
            remediation: "Patch the instance with Patch Manager (AWS-RunPatchBaseline) and schedule patching with a maintenance window or patch policy.",
            remediationCommand: "aws ssm send-command --document-name AWS-RunPatchBaseline --targets Key=InstanceIds,Values=<instance-id> --parameters Operation=Install"),
        evaluate: { ctx in judgeCompliance(ctx, type: "Patch", what: "patching") })

    static let associationCompliant = Check(
        CheckMetadata(
            id: "ssm.ec2-instance.association-compliant",
            title: "EC2 instances managed by Systems Manager are association compliant",
            severity: .low, resourceType: "AWS::EC2::Instance", serviceModel: .infrastructure,
            frameworks: ["aws-fsbp": ["SSM.3"]],
            prowler: nil,
            risk: "A failed State Manager association means the configuration the instance should hold (agents, hardening, software) is not applied.",
            remediation: "Find the failed association in State Manager, fix its cause and re-run it.",
            remediationCommand: "aws ssm start-associations-once --association-ids <association-id>"),
        evaluate: { ctx in judgeCompliance(ctx, type: "Association", what: "State Manager associations") })

    static let documentNotPublic = Check(
        CheckMetadata(
            id: "ssm.document.not-public",
            title: "Systems Manager documents the account owns are not shared publicly",
            severity: .critical, resourceType: "AWS::SSM::Document", serviceModel: .managed,
            frameworks: ["aws-fsbp": ["SSM.4"]],
            prowler: "ssm_documents_set_as_public",
            risk: "A public document exposes its commands, scripts, parameters and the account id to every AWS account.",
            remediation: "Stop sharing the document with All, and share it with named accounts only if needed.",
            remediationCommand: "aws ssm modify-document-permission --name <document> --permission-type Share --account-ids-to-remove All"),
        evaluate: { ctx in
            ctx.eachRegional(\.ssm.documents) { document, _ in
                // The one external-access analysis (RampartAccess) decides what is public.
                let open = ExternalAccessChecks.publicSharing(ExternalAccessAnalysis.analyze(document: document, zone: .account))
                return document.sharedWith.judged(document.ref) { accounts in
                    let evidence: JSONObject = ["document": .string(document.name), "sharedWith": .strings(accounts)]
                    if !(open.value ?? []).isEmpty {
                        return .fail(document.ref, "Document \(document.name) is shared with all AWS accounts (AccountIds contains all).", evidence: evidence)
                    }
                    let shared = accounts.isEmpty ? "is not shared" : "is shared only with \(accounts.count) named account(s)"
                    return .pass(document.ref, "Document \(document.name) \(shared).", evidence: evidence)
                }
            }
        })

    /// Name fragments that say a parameter holds a credential.
    static let secretWords = ["password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "private_key", "private-key", "privatekey", "credential"]

    static let secretParametersEncrypted = Check(
        CheckMetadata(
            id: "ssm.parameter.secrets-are-secure-strings",
            title: "Systems Manager parameters named like secrets are SecureString parameters",
            severity: .high, resourceType: "AWS::SSM::Parameter", serviceModel: .managed,
            frameworks: [:],
            prowler: nil,
            risk: "A String parameter is stored and returned in plain text to anyone allowed ssm:GetParameter, and appears in console views and logs.",
            remediation: "Re-create the parameter as a SecureString (encrypted with KMS) and rotate the credential it held.",
            remediationCommand: "aws ssm put-parameter --name <parameter> --type SecureString --value <new-value> --overwrite"),
        evaluate: { ctx in
            ctx.eachRegional(\.ssm.parameters) { parameter, _ in
                let lower = parameter.name.lowercased()
                guard let word = secretWords.first(where: { lower.contains($0) }) else { return nil }
                let evidence: JSONObject = ["parameter": .string(parameter.name), "type": .string(parameter.type), "matched": .string(word)]
                if parameter.type == "SecureString" {
                    return .pass(parameter.ref, "Parameter \(parameter.name) is a SecureString.", evidence: evidence)
                }
                return .fail(parameter.ref, "Parameter \(parameter.name) looks like a secret (\"\(word)\") but is stored as \(parameter.type), in plain text.", evidence: evidence)
            }
        })
}
