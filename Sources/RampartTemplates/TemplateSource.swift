public import RampartInventory
public import Foundation
import RampartJSON
import Dispatch
import Synchronization

/// Infrastructure code as a source of the one `Inventory`: CloudFormation templates read,
/// resolved and rendered into the answers the AWS CLI would print for the resources they declare.
public struct TemplateSet: Sendable {
    public var templates: [CloudFormationTemplate] = []
    /// Files that could not be read (listed under "Could not read"; under `--strict`, the first is an error).
    public var unreadable: [TemplateError] = []
    public var context: TemplateContext

    public init(context: TemplateContext = TemplateContext()) {
        self.context = context
    }

    /// The file names read as CloudFormation templates when a folder is given.
    public static let extensions: Set<String> = ["json", "yaml", "yml", "template"]

    /// Reads every template at `paths` (files, or folders searched for templates). A folder's
    /// files that are JSON or YAML but not templates (no `Resources`) are skipped; a named file
    /// that cannot be read is listed in `unreadable`. Throws only when a path does not exist.
    public static func load(
        paths: [String], parameters: [String: String], context: TemplateContext = TemplateContext()
    ) throws(TemplateError) -> TemplateSet {
        var set = TemplateSet(context: context)
        var files: [(path: String, named: Bool)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw TemplateError(file: path, message: "no such file or folder")
            }
            if isDirectory.boolValue {
                let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                    .sorted()
                    .map { (path: (path as NSString).appendingPathComponent($0), named: false) }
                files += found
            } else {
                files.append((path, true))
            }
        }
        // Files are read and parsed on every core (each template is resolved on its own); the
        // stack names, which depend on the order, are given in between, one file after another.
        let texts = concurrentMap(files) { file -> Result<String, TemplateError>? in
            switch readText(file.path) {
            case .failure(let error): return .failure(error)
            // A folder holds other JSON and YAML too: only files that look like templates are read.
            case .success(let text): return !file.named && !text.contains("Resources") ? nil : .success(text)
            }
        }
        var stacks: [String: Int] = [:]
        var jobs: [(path: String, text: String, stack: String)?] = []
        for (file, text) in zip(files, texts) {
            guard let text else { jobs.append(nil); continue }
            guard case .success(let t) = text else { jobs.append(nil); continue }
            var stack = URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent
            stacks[stack, default: 0] += 1
            if let n = stacks[stack], n > 1 { stack += "-\(n)" }
            jobs.append((file.path, t, stack))
        }
        let parsed = concurrentMap(jobs) { job -> Result<CloudFormationTemplate, TemplateError>? in
            guard let job else { return nil }
            do throws(TemplateError) {
                return .success(try CloudFormationTemplate(
                    text: job.text, file: job.path, stackName: job.stack, parameters: parameters, context: context))
            } catch {
                return .failure(error)
            }
        }
        for (text, template) in zip(texts, parsed) {
            if case .failure(let error)? = text { set.unreadable.append(error) }
            switch template {
            case .success(let t)?: set.templates.append(t)
            case .failure(let error)?: set.unreadable.append(error)
            case nil: break
            }
        }
        return set
    }

    /// Adds Terraform plans (`terraform show -json PLANFILE`); one that cannot be read is listed in `unreadable`.
    public mutating func addPlans(_ paths: [String]) throws(TemplateError) {
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { throw TemplateError(file: path, message: "no such file") }
            switch Self.readText(path) {
            case .failure(let error): unreadable.append(error)
            case .success(let text):
                let stack = "tf" + (templates.filter { $0.resources.first?.address != nil }.isEmpty ? "" : "\(templates.count)")
                do {
                    templates.append(try TerraformPlan.read(text: text, file: path, stackName: stack, context: context))
                } catch {
                    unreadable.append(error)
                }
            }
        }
    }

    /// `transform` over `items` on every core, results in the items' order.
    static func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let results = Mutex<[Int: R]>([:])
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            let result = transform(items[i])
            results.withLock { $0[i] = result }
        }
        return results.withLock { slots in items.indices.map { slots[$0]! } }
    }

    static func readText(_ path: String) -> Result<String, TemplateError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(TemplateError(file: path, message: "cannot be read"))
        }
        guard data.count <= 64 * 1024 * 1024 else { return .failure(TemplateError(file: path, message: "over the 64 MB limit")) }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(TemplateError(file: path, message: "not UTF-8 text")) }
        return .success(text)
    }

    /// The templates rendered as AWS CLI answers, unresolved values read as `assumption` says.
    public func callResults(_ assumption: Assumption, collectedAt: Date = Date()) -> TemplateCallResults {
        var renderer = Renderer(context: context, assumption: assumption)
        for template in templates { renderer.render(template) }
        return renderer.finish(collectedAt: collectedAt)
    }

    /// Whether any resource reads an unresolved value (when none does, one rendering is enough).
    public func hasUnresolved() -> Bool {
        callResults(.permissive).resources.contains { !$0.unresolved.isEmpty }
    }
}

/// The rendered answers, as `CallResults`, with each declared resource's ARN, location,
/// unresolved values and inline suppressions.
public struct TemplateCallResults: CallResults {
    public var collectedAt: Date
    public var accounts: [String]
    public var regions: [String]
    public var results: [AWSCall: CallResult]
    public var resources: [RenderedResource]
    /// Declared resources of types Rampart does not model, by type (reported, not judged).
    public var unmodelled: [String: Int]

    /// Calls about the account as it runs, not about declared resources: a template says nothing of
    /// them, so they are not collected and the checks that need them are not applicable to code.
    static let runtime: Set<String> = [
        "iam get-credential-report", "iam get-account-password-policy", "iam get-account-summary",
        "iam list-virtual-mfa-devices", "iam list-server-certificates", "emr get-block-public-access-configuration",
    ]

    /// Services whose resources a template can declare: their listings answer with what the templates hold.
    /// Others (GuardDuty, Security Hub, Config, Access Analyzer ...) are account-wide switches a template
    /// of resources says nothing about, so their calls are not collected (not applicable to code).
    static let declarable: Set<String> = [
        "ec2", "rds", "s3api", "iam", "dynamodb", "redshift", "elbv2", "autoscaling", "kms", "cloudtrail", "emr", "workspaces",
        "route53", "backup", "logs", "cloudwatch", "sqs", "sns", "lambda",
    ]

    public func result(of call: AWSCall) -> CallResult {
        if let answer = results[call] { return answer }
        let name = "\(call.service) \(call.operation)"
        if Self.runtime.contains(name) || !Self.declarable.contains(call.service) { return .notCollected }
        switch name {
        // Settings of the account, not of the template: assumed off, which can only make a verdict stricter.
        case "s3control get-public-access-block":
            return .failed(code: "NoSuchPublicAccessBlockConfiguration", message: "the template does not set the account's block")
        case "ec2 get-ebs-encryption-by-default":
            return .answer(["EbsEncryptionByDefault": false])
        case "s3api get-bucket-tagging":
            return .failed(code: "NoSuchTagSet", message: "no tags")
        default:
            break
        }
        // A listing answers with what the templates declare: nothing of this kind.
        if call.resource == nil { return .answer(.object(JSONObject())) }
        return .notCollected
    }

    public func location(of call: AWSCall) -> String? { nil }
}
