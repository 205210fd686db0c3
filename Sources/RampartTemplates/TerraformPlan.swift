import Foundation
import RampartJSON

/// A Terraform plan (`terraform show -json PLAN`) read as one more template: each AWS provider
/// resource of `planned_values` (child modules included) becomes the CloudFormation resource it
/// corresponds to, sub-resources (bucket settings, rules, policy attachments) merged into their
/// parent through `configuration`'s references, and every `after_unknown` value unknown. The
/// one renderer then gives the AWS CLI answers, so Terraform needs no check of its own.
enum TerraformPlan {
    struct Planned {
        var address: String
        var type: String
        var module: String?
        var values: TemplateValue
        var references: [String: [String]]
    }

    static func read(text: String, file: String, stackName: String, context: TemplateContext) throws(TemplateError) -> CloudFormationTemplate {
        let root: JSONValue
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw TemplateError(file: file, message: "not a Terraform plan's JSON: \(error)")
        }
        guard root["format_version"] != nil, let planned = root["planned_values"]?["root_module"] else {
            throw TemplateError(file: file, message: "no planned_values.root_module; give the output of `terraform show -json PLANFILE`")
        }
        var unknowns: [String: JSONValue] = [:]
        for change in root["resource_changes"]?.arrayValue ?? [] {
            if let address = change["address"]?.stringValue, let u = change["change"]?["after_unknown"] { unknowns[address] = u }
        }
        var references: [String: [String: [String]]] = [:]
        collectReferences(root["configuration"]?["root_module"], modulePath: "", into: &references)
        var resources: [Planned] = []
        collect(planned, unknowns: unknowns, references: references, into: &resources)
        return convert(resources, file: file, stackName: stackName, context: context)
    }

    /// Each configured resource's references by attribute, keyed by its full address without instance keys.
    static func collectReferences(_ module: JSONValue?, modulePath: String, into out: inout [String: [String: [String]]]) {
        guard let module else { return }
        for r in module["resources"]?.arrayValue ?? [] {
            guard let address = r["address"]?.stringValue else { continue }
            var byAttribute: [String: [String]] = [:]
            for (key, expression) in r["expressions"]?.objectValue?.pairs.map({ ($0, $1) }) ?? [] {
                let refs = expression["references"]?.arrayValue?.compactMap(\.stringValue) ?? []
                if !refs.isEmpty { byAttribute[key] = refs.map { $0.hasPrefix("var.") || $0.hasPrefix("local.") ? $0 : modulePath + $0 } }
            }
            out[modulePath + address] = byAttribute
        }
        for (name, call) in module["module_calls"]?.objectValue?.pairs.map({ ($0, $1) }) ?? [] {
            collectReferences(call["module"], modulePath: "\(modulePath)module.\(name).", into: &out)
        }
    }

    static func collect(
        _ module: JSONValue, unknowns: [String: JSONValue], references: [String: [String: [String]]], into out: inout [Planned]
    ) {
        for r in module["resources"]?.arrayValue ?? [] where r["mode"]?.stringValue == "managed" {
            guard let address = r["address"]?.stringValue, let type = r["type"]?.stringValue else { continue }
            let values = mark(r["values"] ?? .object(JSONObject()), unknown: unknowns[address], path: address)
            let configAddress = address.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
            out.append(Planned(
                address: address, type: type, module: module["address"]?.stringValue, values: values,
                references: references[configAddress] ?? [:]))
        }
        for child in module["child_modules"]?.arrayValue ?? [] { collect(child, unknowns: unknowns, references: references, into: &out) }
    }

    /// The planned values with every `after_unknown: true` leaf (or subtree) unknown.
    static func mark(_ value: JSONValue, unknown: JSONValue?, path: String) -> TemplateValue {
        if unknown == .bool(true) { return .unknown("\(path) is known only after apply") }
        switch value {
        case .null:
            return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .array(let items):
            let marks = unknown?.arrayValue ?? []
            return .array(items.enumerated().map { i, item in mark(item, unknown: i < marks.count ? marks[i] : nil, path: "\(path)[\(i)]") })
        case .object(let object):
            var members = object.pairs.map { key, v in TemplateValue.Member(key: key, value: mark(v, unknown: unknown?[key], path: "\(path).\(key)")) }
            // Attributes absent from values but unknown (computed) are unknown, not absent.
            for (key, u) in unknown?.objectValue?.pairs.map({ ($0, $1) }) ?? [] where object[key] == nil && u == .bool(true) {
                members.append(TemplateValue.Member(key: key, value: .unknown("\(path).\(key) is known only after apply")))
            }
            return .object(members)
        }
    }

    /// The resource address an attribute refers to (`aws_security_group.web` for `aws_security_group.web.id`).
    static func target(_ p: Planned, _ attribute: String) -> String? {
        for ref in p.references[attribute] ?? [] where !ref.hasPrefix("var.") && !ref.hasPrefix("local.") {
            var parts = ref.split(separator: ".").map(String.init)
            // module.x.TYPE.NAME(.attr)
            var prefix: [String] = []
            while parts.count >= 2, parts[0] == "module" { prefix += parts.prefix(2); parts.removeFirst(2) }
            guard parts.count >= 2, parts[0].hasPrefix("aws_") else { continue }
            return (prefix + parts.prefix(2)).joined(separator: ".")
        }
        return nil
    }

    static func convert(_ planned: [Planned], file: String, stackName: String, context: TemplateContext) -> CloudFormationTemplate {
        var byAddress: [String: Planned] = [:]
        for p in planned { byAddress[p.address] = p; byAddress[p.address.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)] = p }
        /// The name a referenced resource has: its planned name, else its address.
        func name(of address: String?, _ key: String) -> TemplateValue? {
            guard let address, let p = byAddress[address] else { return nil }
            if case .string(let s)? = p.values[key] { return .string(s) }
            return .string(address)
        }
        func value(_ p: Planned, _ key: String) -> TemplateValue? {
            guard let v = p.values[key], v != .null else { return nil }
            return v
        }
        func policy(_ v: TemplateValue?) -> TemplateValue? {
            guard let v else { return nil }
            if case .string(let text) = v, let parsed = try? JSONParser.parse(text) { return TemplateValue(json: parsed) }
            return v
        }
        func rules(_ list: TemplateValue?, source: String) -> TemplateValue? {
            guard let list else { return nil }
            if case .unknown = list { return list }
            var out: [TemplateValue] = []
            for block in list.arrayItems {
                let base: [TemplateValue.Member] = [
                    .init(key: "IpProtocol", value: block["protocol"] ?? .string("-1")),
                    .init(key: "FromPort", value: block["from_port"] ?? .null), .init(key: "ToPort", value: block["to_port"] ?? .null),
                ]
                var any = false
                for cidr in block["cidr_blocks"]?.arrayItems ?? [] { out.append(.object(base + [.init(key: "CidrIp", value: cidr)])); any = true }
                for cidr in block["ipv6_cidr_blocks"]?.arrayItems ?? [] { out.append(.object(base + [.init(key: "CidrIpv6", value: cidr)])); any = true }
                for g in block["security_groups"]?.arrayItems ?? [] { out.append(.object(base + [.init(key: "\(source)SecurityGroupId", value: g)])); any = true }
                if case .bool(true)? = block["self"] { any = true }
                if !any { out.append(.object(base)) }
            }
            return .array(out)
        }
        var resources: [CloudFormationTemplate.Resource] = []
        var bucketExtras: [String: [TemplateValue.Member]] = [:]
        var roleExtras: [String: [TemplateValue]] = [:]
        func add(_ p: Planned, _ type: String, _ members: [TemplateValue.Member?]) {
            resources.append(CloudFormationTemplate.Resource(
                logicalId: p.address, type: type, properties: .object(members.compactMap { $0 }), metadata: .object([]),
                line: nil, column: nil, address: p.address))
        }
        func m(_ key: String, _ v: TemplateValue?) -> TemplateValue.Member? { v.map { TemplateValue.Member(key: key, value: $0) } }
        // Sub-resources first, so parents can take them in.
        for p in planned {
            let bucket = target(p, "bucket")
            switch p.type {
            case "aws_s3_bucket_public_access_block":
                guard let bucket else { continue }
                bucketExtras[bucket, default: []].append(.init(key: "PublicAccessBlockConfiguration", value: .object([
                    m("BlockPublicAcls", value(p, "block_public_acls")), m("IgnorePublicAcls", value(p, "ignore_public_acls")),
                    m("BlockPublicPolicy", value(p, "block_public_policy")), m("RestrictPublicBuckets", value(p, "restrict_public_buckets")),
                ].compactMap { $0 })))
            case "aws_s3_bucket_server_side_encryption_configuration":
                guard let bucket else { continue }
                let rules = (value(p, "rule")?.arrayItems ?? []).map { rule -> TemplateValue in
                    let d = rule["apply_server_side_encryption_by_default"]?.arrayItems.first
                    return .object([
                        .init(key: "ServerSideEncryptionByDefault", value: .object([
                            m("SSEAlgorithm", d?["sse_algorithm"]), m("KMSMasterKeyID", d?["kms_master_key_id"].flatMap { $0 == .string("") ? nil : $0 }),
                        ].compactMap { $0 })),
                        m("BucketKeyEnabled", rule["bucket_key_enabled"]) ?? .init(key: "BucketKeyEnabled", value: .bool(false)),
                    ])
                }
                bucketExtras[bucket, default: []].append(.init(
                    key: "BucketEncryption", value: .object([.init(key: "ServerSideEncryptionConfiguration", value: .array(rules))])))
            case "aws_s3_bucket_versioning":
                guard let bucket, let status = value(p, "versioning_configuration")?.arrayItems.first?["status"] else { continue }
                bucketExtras[bucket, default: []].append(.init(key: "VersioningConfiguration", value: .object([.init(key: "Status", value: status)])))
            case "aws_s3_bucket_logging":
                guard let bucket else { continue }
                bucketExtras[bucket, default: []].append(.init(key: "LoggingConfiguration", value: .object([
                    m("DestinationBucketName", value(p, "target_bucket")), m("LogFilePrefix", value(p, "target_prefix")),
                ].compactMap { $0 })))
            case "aws_s3_bucket_acl":
                guard let bucket, let acl = value(p, "acl") else { continue }
                let canned: [String: String] = ["private": "Private", "public-read": "PublicRead", "public-read-write": "PublicReadWrite",
                    "authenticated-read": "AuthenticatedRead", "log-delivery-write": "LogDeliveryWrite"]
                let mapped: TemplateValue = acl.text.flatMap { canned[$0] }.map(TemplateValue.string) ?? acl
                bucketExtras[bucket, default: []].append(.init(key: "AccessControl", value: mapped))
            case "aws_iam_role_policy_attachment":
                guard let role = target(p, "role") ?? value(p, "role")?.text else { continue }
                let arn: TemplateValue = target(p, "policy_arn").flatMap { a in
                    name(of: a, "name").map { .string("arn:\(context.partition):iam::\(context.account):policy/\($0.text ?? a)") }
                } ?? value(p, "policy_arn") ?? .unknown("\(p.address).policy_arn is known only after apply")
                roleExtras[role, default: []].append(arn)
            default: break
            }
        }
        for p in planned {
            switch p.type {
            case "aws_security_group":
                add(p, "AWS::EC2::SecurityGroup", [
                    m("GroupName", value(p, "name")), m("GroupDescription", value(p, "description")), m("VpcId", value(p, "vpc_id")),
                    m("SecurityGroupIngress", rules(value(p, "ingress"), source: "Source") ?? .array([])),
                    m("SecurityGroupEgress", rules(value(p, "egress"), source: "Destination") ?? .array([])),
                ])
            case "aws_security_group_rule":
                let isIngress = value(p, "type")?.text != "egress"
                let group: TemplateValue = target(p, "security_group_id").map { .string("sg-\(stackName)-\($0)") } ?? value(p, "security_group_id") ?? .null
                let base: [TemplateValue.Member?] = [
                    m("GroupId", group), m("IpProtocol", value(p, "protocol")), m("FromPort", value(p, "from_port")), m("ToPort", value(p, "to_port")),
                ]
                let source = isIngress ? "Source" : "Destination"
                var sources: [TemplateValue.Member?] = (value(p, "cidr_blocks")?.arrayItems ?? []).map { m("CidrIp", $0) }
                sources += (value(p, "ipv6_cidr_blocks")?.arrayItems ?? []).map { m("CidrIpv6", $0) }
                if let g = target(p, "source_security_group_id") { sources.append(m("\(source)SecurityGroupId", .string("sg-\(stackName)-\(g)"))) }
                for s in sources.isEmpty ? [nil] : sources {
                    add(p, isIngress ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress", base + [s])
                }
            case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
                let isIngress = p.type.contains("ingress")
                let group: TemplateValue = target(p, "security_group_id").map { .string("sg-\(stackName)-\($0)") } ?? value(p, "security_group_id") ?? .null
                let source = isIngress ? "Source" : "Destination"
                add(p, isIngress ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress", [
                    m("GroupId", group), m("IpProtocol", value(p, "ip_protocol")), m("FromPort", value(p, "from_port")), m("ToPort", value(p, "to_port")),
                    m("CidrIp", value(p, "cidr_ipv4")), m("CidrIpv6", value(p, "cidr_ipv6")),
                    m("\(source)SecurityGroupId", target(p, "referenced_security_group_id").map { .string("sg-\(stackName)-\($0)") }
                        ?? value(p, "referenced_security_group_id")),
                ])
            case "aws_s3_bucket":
                add(p, "AWS::S3::Bucket", [m("BucketName", value(p, "bucket") ?? .string(p.address))] + (bucketExtras[p.address] ?? []).map { $0 })
            case "aws_s3_bucket_policy":
                add(p, "AWS::S3::BucketPolicy", [m("Bucket", name(of: target(p, "bucket"), "bucket") ?? value(p, "bucket")), m("PolicyDocument", policy(value(p, "policy")))])
            case "aws_iam_role":
                // Computed when not set: a new role has only what the plan attaches (policy and attachment resources).
                func declared(_ key: String) -> [TemplateValue] {
                    if case .unknown? = value(p, key) { return [] }
                    return value(p, key)?.arrayItems ?? []
                }
                let inline = declared("inline_policy").compactMap { block -> TemplateValue? in
                    guard let n = block["name"], n != .null, n != .string("") else { return nil }
                    return .object([.init(key: "PolicyName", value: n), .init(key: "PolicyDocument", value: policy(block["policy"]) ?? .null)])
                }
                add(p, "AWS::IAM::Role", [
                    m("RoleName", value(p, "name") ?? .string(p.address)), m("Path", value(p, "path")),
                    m("AssumeRolePolicyDocument", policy(value(p, "assume_role_policy"))), m("Policies", .array(inline)),
                    m("ManagedPolicyArns", .array(declared("managed_policy_arns") + (roleExtras[p.address] ?? []))),
                    m("PermissionsBoundary", value(p, "permissions_boundary")),
                ])
            case "aws_iam_user":
                add(p, "AWS::IAM::User", [m("UserName", value(p, "name")), m("Path", value(p, "path"))])
            case "aws_iam_group":
                add(p, "AWS::IAM::Group", [m("GroupName", value(p, "name")), m("Path", value(p, "path"))])
            case "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy":
                let (listKey, attribute) = p.type == "aws_iam_role_policy" ? ("Roles", "role") : p.type == "aws_iam_user_policy" ? ("Users", "user") : ("Groups", "group")
                let owner = name(of: target(p, attribute), "name") ?? value(p, attribute)
                add(p, "AWS::IAM::Policy", [
                    m("PolicyName", value(p, "name") ?? .string(p.address)), m("PolicyDocument", policy(value(p, "policy"))),
                    m(listKey, owner.map { .array([$0]) }),
                ])
            case "aws_iam_policy":
                add(p, "AWS::IAM::ManagedPolicy", [
                    m("ManagedPolicyName", value(p, "name") ?? .string(p.address)), m("Path", value(p, "path")), m("PolicyDocument", policy(value(p, "policy"))),
                ])
            case "aws_db_instance":
                add(p, "AWS::RDS::DBInstance", [
                    m("DBInstanceIdentifier", value(p, "identifier")), m("Engine", value(p, "engine")), m("DBInstanceClass", value(p, "instance_class")),
                    m("MultiAZ", value(p, "multi_az")), m("PubliclyAccessible", value(p, "publicly_accessible") ?? .bool(false)),
                    m("StorageEncrypted", value(p, "storage_encrypted")), m("KmsKeyId", value(p, "kms_key_id")),
                    m("BackupRetentionPeriod", value(p, "backup_retention_period")), m("DeletionProtection", value(p, "deletion_protection")),
                    m("AutoMinorVersionUpgrade", value(p, "auto_minor_version_upgrade")),
                    m("EnableIAMDatabaseAuthentication", value(p, "iam_database_authentication_enabled")),
                    m("CopyTagsToSnapshot", value(p, "copy_tags_to_snapshot")), m("MonitoringInterval", value(p, "monitoring_interval")),
                    m("MasterUsername", value(p, "username")), m("Port", value(p, "port")),
                    m("EnableCloudwatchLogsExports", value(p, "enabled_cloudwatch_logs_exports")),
                    m("VPCSecurityGroups", value(p, "vpc_security_group_ids")),
                ])
            default:
                if !p.type.hasPrefix("aws_s3_bucket_") && p.type != "aws_iam_role_policy_attachment" {
                    add(p, "Terraform::" + p.type, [])
                }
            }
        }
        var resolver = Resolver(root: .object([]), file: file, stack: stackName, overrides: [:], context: context)
        for r in resources {
            resolver.resourceTypes[r.logicalId] = r.type
            if let key = Resolver.nameProperty[r.type], case .string(let n)? = r.properties[key] { resolver.resourceNames[r.logicalId] = n }
        }
        return CloudFormationTemplate(file: file, stackName: stackName, resources: resources, resolver: resolver)
    }
}

extension TemplateValue {
    /// A JSON value as a template value (policy documents written with `jsonencode`).
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(TemplateValue.init(json:)))
        case .object(let o): self = .object(o.pairs.map { TemplateValue.Member(key: $0, value: TemplateValue(json: $1)) })
        }
    }
}
