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
                // Nested blocks (`launch_template { id = ... }`, `route { gateway_id = ... }`) hold their references inside.
                let refs = nestedReferences(expression)
                if !refs.isEmpty { byAttribute[key] = refs.map { $0.hasPrefix("var.") || $0.hasPrefix("local.") ? $0 : modulePath + $0 } }
            }
            out[modulePath + address] = byAttribute
        }
        for (name, call) in module["module_calls"]?.objectValue?.pairs.map({ ($0, $1) }) ?? [] {
            collectReferences(call["module"], modulePath: "\(modulePath)module.\(name).", into: &out)
        }
    }

    /// Every reference in an expression, including those of its nested blocks.
    static func nestedReferences(_ expression: JSONValue) -> [String] {
        switch expression {
        case .array(let items): return items.flatMap(nestedReferences)
        case .object(let object):
            if let refs = object["references"]?.arrayValue { return refs.compactMap(\.stringValue) }
            return object.values.flatMap(nestedReferences)
        default: return []
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
        var keyPolicies: [String: TemplateValue?] = [:]
        /// `part` names a second resource one Terraform resource declares (an inline route, an ACL
        /// entry, a policy), so that each keeps its own type; all are located at the address.
        func add(_ p: Planned, _ type: String, part: String? = nil, _ members: [TemplateValue.Member?]) {
            resources.append(CloudFormationTemplate.Resource(
                logicalId: part.map { "\(p.address)#\($0)" } ?? p.address, type: type, properties: .object(members.compactMap { $0 }), metadata: .object([]),
                line: nil, column: nil, address: p.address))
        }
        func m(_ key: String, _ v: TemplateValue?) -> TemplateValue.Member? { v.map { TemplateValue.Member(key: key, value: $0) } }
        /// Every resource address an attribute refers to (a list of ids names several).
        func targets(_ p: Planned, _ attribute: String) -> [String] {
            var out: [String] = []
            for ref in p.references[attribute] ?? [] {
                if let t = target(Planned(address: p.address, type: p.type, module: p.module, values: p.values, references: [attribute: [ref]]), attribute),
                    !out.contains(t)
                {
                    out.append(t)
                }
            }
            return out
        }
        /// The id a referenced resource gets (what a CloudFormation `Ref` to it returns), else the planned value.
        func id(_ p: Planned, _ attribute: String, _ prefix: String) -> TemplateValue? {
            target(p, attribute).map { .string("\(prefix)-\(stackName)-\($0)") } ?? value(p, attribute)
        }
        /// A list of ids: the known ones planned, and those of the resources it refers to.
        func ids(_ p: Planned, _ attribute: String, _ prefix: (String) -> String) -> TemplateValue? {
            let refs = targets(p, attribute).map { TemplateValue.string("\(prefix($0))-\(stackName)-\($0)") }
            guard let v = value(p, attribute) else { return refs.isEmpty ? nil : .array(refs) }
            if case .unknown = v { return refs.isEmpty ? v : .array(refs) }
            let known = v.arrayItems.filter { if case .unknown = $0 { false } else { true } }
            let unknown = v.arrayItems.count - known.count
            return .array(known + refs + (unknown > refs.count ? [.unknown("\(p.address).\(attribute) is known only after apply")] : []))
        }
        func prefix(_ address: String) -> String {
            let type = address.split(separator: ".").first { $0.hasPrefix("aws_") }.map(String.init) ?? ""
            return ["aws_security_group": "sg", "aws_subnet": "subnet", "aws_vpc": "vpc", "aws_instance": "i", "aws_ebs_volume": "vol"][type] ?? "id"
        }
        /// An attribute AWS gives a default when the configuration leaves it out: computed in the
        /// plan (unknown) with nothing referred to means "not set", so AWS's default applies.
        func optional(_ p: Planned, _ key: String) -> TemplateValue? {
            guard let v = value(p, key) else { return nil }
            if case .unknown = v, (p.references[key] ?? []).isEmpty { return nil }
            return v
        }
        func first(_ p: Planned, _ key: String) -> TemplateValue? {
            guard let v = value(p, key) else { return nil }
            if case .unknown = v { return v }
            return v.arrayItems.first
        }
        func block(_ v: TemplateValue?, _ key: String) -> TemplateValue? {
            guard let v, let inner = v[key], inner != .null else { return nil }
            return inner
        }
        func tags(_ p: Planned) -> TemplateValue? {
            guard case .object(let members)? = value(p, "tags") else { return nil }
            return .array(members.map { .object([.init(key: "Key", value: .string($0.key)), .init(key: "Value", value: $0.value)]) })
        }
        func aclEntry(_ acl: TemplateValue, egress: TemplateValue, number: TemplateValue?, action: TemplateValue?, protocolName: TemplateValue?,
                      cidr: TemplateValue?, ipv6: TemplateValue?, from: TemplateValue?, to: TemplateValue?) -> [TemplateValue.Member?] {
            // Terraform names protocols (`tcp`, `all`); the AWS CLI prints their numbers.
            let numbers = ["tcp": "6", "udp": "17", "icmp": "1", "all": "-1", "-1": "-1"]
            let proto: TemplateValue? = protocolName.map { v in v.text.flatMap { numbers[$0.lowercased()] }.map(TemplateValue.string) ?? v }
            let allPorts = proto?.text == "-1"
            return [
                m("NetworkAclId", acl), m("Egress", egress), m("RuleNumber", number), m("RuleAction", action), m("Protocol", proto),
                m("CidrBlock", cidr.flatMap { $0 == .string("") ? nil : $0 }), m("Ipv6CidrBlock", ipv6.flatMap { $0 == .string("") ? nil : $0 }),
                allPorts ? nil : m("PortRange", .object([m("From", from), m("To", to)].compactMap { $0 })),
            ]
        }
        func queueURL(_ address: String) -> TemplateValue {
            let n = physicalName(address)
            return .string("https://sqs.\(context.region).amazonaws.com/\(context.account)/\(n)")
        }
        func topicARN(_ address: String) -> TemplateValue {
            .string("arn:\(context.partition):sns:\(context.region):\(context.account):\(physicalName(address))")
        }
        /// The name the resolver gives a resource: its planned name, else `<stack>-<address>`.
        func physicalName(_ address: String) -> String {
            if case .string(let n)? = byAddress[address]?.values["name"] { return n }
            return "\(stackName)-\(address)"
        }
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
            case "aws_kms_key_policy":
                guard let key = target(p, "key_id") else { continue }
                keyPolicies[key] = policy(value(p, "policy"))
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
            case "aws_vpc":
                add(p, "AWS::EC2::VPC", [m("CidrBlock", value(p, "cidr_block")), m("Tags", tags(p))])
            case "aws_subnet":
                add(p, "AWS::EC2::Subnet", [
                    m("VpcId", id(p, "vpc_id", "vpc")), m("CidrBlock", value(p, "cidr_block")),
                    m("AvailabilityZone", value(p, "availability_zone")), m("AvailabilityZoneId", optional(p, "availability_zone_id")),
                    m("MapPublicIpOnLaunch", optional(p, "map_public_ip_on_launch")), m("Tags", tags(p)),
                ])
            case "aws_route_table":
                add(p, "AWS::EC2::RouteTable", [m("VpcId", id(p, "vpc_id", "vpc")), m("Tags", tags(p))])
                for (i, route) in (optional(p, "route")?.arrayItems ?? []).enumerated() {
                    add(p, "AWS::EC2::Route", part: "route\(i)", [
                        m("RouteTableId", .string("rtb-\(stackName)-\(p.address)")),
                        m("DestinationCidrBlock", block(route, "cidr_block").flatMap { $0 == .string("") ? nil : $0 }),
                        m("DestinationIpv6CidrBlock", block(route, "ipv6_cidr_block").flatMap { $0 == .string("") ? nil : $0 }),
                        m("GatewayId", block(route, "gateway_id").flatMap { $0 == .string("") ? nil : $0 }
                            .flatMap { v -> TemplateValue? in if case .unknown = v { nil } else { v } }
                            ?? target(p, "route").flatMap { $0.contains("aws_internet_gateway.") ? .string("igw-\(stackName)-\($0)") : nil }
                            ?? block(route, "gateway_id")),
                    ])
                }
            case "aws_route":
                add(p, "AWS::EC2::Route", [
                    m("RouteTableId", id(p, "route_table_id", "rtb")), m("DestinationCidrBlock", value(p, "destination_cidr_block")),
                    m("DestinationIpv6CidrBlock", value(p, "destination_ipv6_cidr_block")), m("GatewayId", id(p, "gateway_id", "igw")),
                    m("NatGatewayId", id(p, "nat_gateway_id", "nat")),
                ])
            case "aws_route_table_association":
                add(p, "AWS::EC2::SubnetRouteTableAssociation", [m("RouteTableId", id(p, "route_table_id", "rtb")), m("SubnetId", id(p, "subnet_id", "subnet"))])
            case "aws_internet_gateway":
                add(p, "AWS::EC2::InternetGateway", [m("Tags", tags(p))])
                if let vpc = id(p, "vpc_id", "vpc") {
                    add(p, "AWS::EC2::VPCGatewayAttachment", part: "attachment", [m("InternetGatewayId", .string("igw-\(stackName)-\(p.address)")), m("VpcId", vpc)])
                }
            case "aws_internet_gateway_attachment":
                add(p, "AWS::EC2::VPCGatewayAttachment", [m("InternetGatewayId", id(p, "internet_gateway_id", "igw")), m("VpcId", id(p, "vpc_id", "vpc"))])
            case "aws_network_acl":
                add(p, "AWS::EC2::NetworkAcl", [m("VpcId", id(p, "vpc_id", "vpc")), m("Tags", tags(p))])
                let acl = TemplateValue.string("acl-\(stackName)-\(p.address)")
                for (egress, key) in [(false, "ingress"), (true, "egress")] {
                    for (i, rule) in (optional(p, key)?.arrayItems ?? []).enumerated() {
                        add(p, "AWS::EC2::NetworkAclEntry", part: "\(key)\(i)", aclEntry(acl, egress: .bool(egress), number: block(rule, "rule_no"), action: block(rule, "action"),
                            protocolName: block(rule, "protocol"), cidr: block(rule, "cidr_block"), ipv6: block(rule, "ipv6_cidr_block"),
                            from: block(rule, "from_port"), to: block(rule, "to_port")))
                    }
                }
                for (i, subnet) in (ids(p, "subnet_ids", { _ in "subnet" })?.arrayItems ?? []).enumerated() {
                    add(p, "AWS::EC2::SubnetNetworkAclAssociation", part: "association\(i)", [m("NetworkAclId", acl), m("SubnetId", subnet)])
                }
            case "aws_network_acl_rule":
                add(p, "AWS::EC2::NetworkAclEntry", aclEntry(id(p, "network_acl_id", "acl") ?? .null, egress: value(p, "egress") ?? .bool(false),
                    number: value(p, "rule_number"), action: value(p, "rule_action"), protocolName: value(p, "protocol"),
                    cidr: value(p, "cidr_block"), ipv6: value(p, "ipv6_cidr_block"), from: value(p, "from_port"), to: value(p, "to_port")))
            case "aws_network_acl_association":
                add(p, "AWS::EC2::SubnetNetworkAclAssociation", [m("NetworkAclId", id(p, "network_acl_id", "acl")), m("SubnetId", id(p, "subnet_id", "subnet"))])
            case "aws_launch_template":
                let metadata = first(p, "metadata_options")
                add(p, "AWS::EC2::LaunchTemplate", [
                    m("LaunchTemplateName", value(p, "name")),
                    m("LaunchTemplateData", .object([m("MetadataOptions", metadata.map { md in .object([
                        m("HttpTokens", optional(p, "metadata_options").flatMap { _ in block(md, "http_tokens") }),
                        m("HttpEndpoint", block(md, "http_endpoint")),
                    ].compactMap { $0 }) })].compactMap { $0 })),
                ])
            case "aws_instance":
                let metadata = optional(p, "metadata_options").flatMap { $0.arrayItems.first }
                let publicIp = value(p, "associate_public_ip_address").flatMap { v -> TemplateValue? in if case .unknown = v { nil } else { v } }
                var devices: [TemplateValue] = []
                for (key, name) in [("root_block_device", "/dev/xvda"), ("ebs_block_device", "")] {
                    for d in optional(p, key)?.arrayItems ?? [] {
                        devices.append(.object([
                            m("DeviceName", block(d, "device_name") ?? .string(name)),
                            m("Ebs", .object([m("Encrypted", block(d, "encrypted").flatMap { v -> TemplateValue? in
                                // Computed when not configured: the account's default (read as off), as in CloudFormation.
                                if case .unknown = v, (p.references[key] ?? []).isEmpty { nil } else { v }
                            }), m("KmsKeyId", block(d, "kms_key_id").flatMap { $0 == .string("") ? nil : $0 }),
                                              m("VolumeSize", block(d, "volume_size"))].compactMap { $0 })),
                        ].compactMap { $0 }))
                    }
                }
                let launchTemplate = first(p, "launch_template")
                add(p, "AWS::EC2::Instance", [
                    m("ImageId", value(p, "ami")), m("InstanceType", value(p, "instance_type")), m("SubnetId", id(p, "subnet_id", "subnet")),
                    m("SecurityGroupIds", ids(p, "vpc_security_group_ids", { _ in "sg" })),
                    m("AvailabilityZone", optional(p, "availability_zone")),
                    m("NetworkInterfaces", publicIp.map { .array([.object([m("DeviceIndex", .string("0")), m("AssociatePublicIpAddress", $0)].compactMap { $0 })]) }),
                    m("IamInstanceProfile", target(p, "iam_instance_profile").flatMap { name(of: $0, "name") } ?? value(p, "iam_instance_profile").flatMap { $0 == .string("") ? nil : $0 }),
                    m("Monitoring", value(p, "monitoring")),
                    m("MetadataOptions", metadata.map { md in .object([m("HttpTokens", block(md, "http_tokens")), m("HttpEndpoint", block(md, "http_endpoint"))].compactMap { $0 }) }),
                    m("LaunchTemplate", launchTemplate.map { lt in .object([
                        m("LaunchTemplateId", target(p, "launch_template").map { .string("lt-\(stackName)-\($0)") } ?? block(lt, "id")),
                    ].compactMap { $0 }) }),
                    m("BlockDeviceMappings", devices.isEmpty ? nil : .array(devices)), m("Tags", tags(p)),
                ])
            case "aws_ebs_volume":
                add(p, "AWS::EC2::Volume", [
                    m("AvailabilityZone", value(p, "availability_zone")), m("Encrypted", optional(p, "encrypted")),
                    m("KmsKeyId", optional(p, "kms_key_id")), m("Size", value(p, "size")), m("Tags", tags(p)),
                ])
            case "aws_volume_attachment":
                add(p, "AWS::EC2::VolumeAttachment", [m("VolumeId", id(p, "volume_id", "vol")), m("InstanceId", id(p, "instance_id", "i"))])
            case "aws_autoscaling_group":
                let launchTemplate = first(p, "launch_template")
                add(p, "AWS::AutoScaling::AutoScalingGroup", [
                    m("AutoScalingGroupName", value(p, "name")), m("MinSize", value(p, "min_size")), m("MaxSize", value(p, "max_size")),
                    m("DesiredCapacity", optional(p, "desired_capacity")),
                    m("VPCZoneIdentifier", ids(p, "vpc_zone_identifier", { _ in "subnet" })),
                    m("AvailabilityZones", optional(p, "availability_zones").flatMap { v in (p.references["vpc_zone_identifier"] ?? []).isEmpty && value(p, "vpc_zone_identifier")?.arrayItems.isEmpty != false ? v : nil }),
                    m("TargetGroupARNs", optional(p, "target_group_arns")), m("HealthCheckType", optional(p, "health_check_type")),
                    m("LaunchTemplate", launchTemplate.map { lt in .object([
                        m("LaunchTemplateId", target(p, "launch_template").map { .string("lt-\(stackName)-\($0)") } ?? block(lt, "id")),
                        m("LaunchTemplateName", block(lt, "name")),
                    ].compactMap { $0 }) }),
                    m("LaunchConfigurationName", optional(p, "launch_configuration").flatMap { $0 == .string("") ? nil : $0 }),
                ])
            case "aws_kms_key":
                add(p, "AWS::KMS::Key", [
                    m("Description", value(p, "description")), m("EnableKeyRotation", value(p, "enable_key_rotation")),
                    m("Enabled", value(p, "is_enabled")), m("KeySpec", optional(p, "customer_master_key_spec")),
                    m("KeyUsage", optional(p, "key_usage")), m("MultiRegion", optional(p, "multi_region")),
                    m("KeyPolicy", keyPolicies[p.address] ?? policy(optional(p, "policy"))),
                ])
            case "aws_dynamodb_table":
                let sse = first(p, "server_side_encryption")
                add(p, "AWS::DynamoDB::Table", [
                    m("TableName", value(p, "name")), m("BillingMode", value(p, "billing_mode")),
                    m("DeletionProtectionEnabled", value(p, "deletion_protection_enabled")),
                    m("SSESpecification", sse.map { s in .object([m("SSEEnabled", block(s, "enabled")), m("KMSMasterKeyId", block(s, "kms_key_arn").flatMap { $0 == .string("") ? nil : $0 })].compactMap { $0 }) }),
                    m("PointInTimeRecoverySpecification", first(p, "point_in_time_recovery").map { r in .object([m("PointInTimeRecoveryEnabled", block(r, "enabled"))].compactMap { $0 }) }),
                    m("Tags", tags(p)),
                ])
            case "aws_sqs_queue":
                add(p, "AWS::SQS::Queue", [
                    m("QueueName", value(p, "name")), m("KmsMasterKeyId", optional(p, "kms_master_key_id")),
                    m("SqsManagedSseEnabled", optional(p, "sqs_managed_sse_enabled")), m("RedrivePolicy", optional(p, "redrive_policy").flatMap { $0 == .string("") ? nil : policy($0) }),
                    m("MessageRetentionPeriod", value(p, "message_retention_seconds")),
                ])
                if let document = optional(p, "policy"), document != .string("") {
                    add(p, "AWS::SQS::QueuePolicy", part: "policy", [m("Queues", .array([queueURL(p.address)])), m("PolicyDocument", policy(document))])
                }
            case "aws_sqs_queue_policy":
                add(p, "AWS::SQS::QueuePolicy", [m("Queues", .array([target(p, "queue_url").map(queueURL) ?? value(p, "queue_url") ?? .null])), m("PolicyDocument", policy(value(p, "policy")))])
            case "aws_sns_topic":
                add(p, "AWS::SNS::Topic", [m("TopicName", value(p, "name")), m("KmsMasterKeyId", optional(p, "kms_master_key_id").flatMap { $0 == .string("") ? nil : $0 })])
                if let document = optional(p, "policy"), document != .string("") {
                    add(p, "AWS::SNS::TopicPolicy", part: "policy", [m("Topics", .array([topicARN(p.address)])), m("PolicyDocument", policy(document))])
                }
            case "aws_sns_topic_policy":
                add(p, "AWS::SNS::TopicPolicy", [m("Topics", .array([target(p, "arn").map(topicARN) ?? value(p, "arn") ?? .null])), m("PolicyDocument", policy(value(p, "policy")))])
            case "aws_lambda_function":
                add(p, "AWS::Lambda::Function", [
                    m("FunctionName", value(p, "function_name")), m("Role", value(p, "role")), m("Runtime", value(p, "runtime")),
                    m("PackageType", value(p, "package_type")), m("KmsKeyArn", optional(p, "kms_key_arn")),
                    m("TracingConfig", first(p, "tracing_config").map { t in .object([m("Mode", block(t, "mode"))].compactMap { $0 }) }),
                    m("DeadLetterConfig", first(p, "dead_letter_config").map { d in .object([m("TargetArn", block(d, "target_arn"))].compactMap { $0 }) }),
                    m("Environment", first(p, "environment").map { e in .object([m("Variables", block(e, "variables"))].compactMap { $0 }) }),
                    m("VpcConfig", first(p, "vpc_config").map { v in .object([m("SubnetIds", block(v, "subnet_ids")), m("SecurityGroupIds", block(v, "security_group_ids"))].compactMap { $0 }) }),
                    m("Layers", value(p, "layers")),
                ])
            case "aws_lambda_permission":
                add(p, "AWS::Lambda::Permission", [
                    m("FunctionName", target(p, "function_name").flatMap { name(of: $0, "function_name") } ?? value(p, "function_name")),
                    m("Principal", value(p, "principal")), m("Action", value(p, "action")), m("SourceAccount", value(p, "source_account")),
                    m("SourceArn", value(p, "source_arn")), m("PrincipalOrgID", value(p, "principal_org_id")),
                    m("FunctionUrlAuthType", value(p, "function_url_auth_type")),
                ])
            case "aws_rds_cluster":
                add(p, "AWS::RDS::DBCluster", [
                    m("DBClusterIdentifier", value(p, "cluster_identifier")), m("Engine", value(p, "engine")),
                    m("StorageEncrypted", optional(p, "storage_encrypted")), m("KmsKeyId", optional(p, "kms_key_id")),
                    m("DeletionProtection", value(p, "deletion_protection")), m("BackupRetentionPeriod", optional(p, "backup_retention_period")),
                    m("MasterUsername", value(p, "master_username")),
                    m("EnableIAMDatabaseAuthentication", value(p, "iam_database_authentication_enabled")),
                    m("CopyTagsToSnapshot", value(p, "copy_tags_to_snapshot")), m("BacktrackWindow", value(p, "backtrack_window")),
                    m("EnableCloudwatchLogsExports", value(p, "enabled_cloudwatch_logs_exports")), m("Port", optional(p, "port")),
                    m("VpcSecurityGroupIds", ids(p, "vpc_security_group_ids", { _ in "sg" }).flatMap { v -> TemplateValue? in
                        if case .unknown = v, (p.references["vpc_security_group_ids"] ?? []).isEmpty { nil } else { v }
                    }),
                ])
            case "aws_rds_cluster_instance":
                add(p, "AWS::RDS::DBInstance", [
                    m("DBInstanceIdentifier", value(p, "identifier")), m("Engine", value(p, "engine")), m("DBInstanceClass", value(p, "instance_class")),
                    m("DBClusterIdentifier", target(p, "cluster_identifier").flatMap { name(of: $0, "cluster_identifier") } ?? value(p, "cluster_identifier")),
                    m("PubliclyAccessible", optional(p, "publicly_accessible") ?? .bool(false)),
                ])
            case "aws_cloudtrail":
                add(p, "AWS::CloudTrail::Trail", [
                    m("TrailName", value(p, "name")), m("S3BucketName", target(p, "s3_bucket_name").flatMap { name(of: $0, "bucket") } ?? value(p, "s3_bucket_name")),
                    m("KMSKeyId", optional(p, "kms_key_id").flatMap { $0 == .string("") ? nil : $0 }),
                    m("EnableLogFileValidation", value(p, "enable_log_file_validation")),
                    m("IsMultiRegionTrail", value(p, "is_multi_region_trail")), m("IsOrganizationTrail", value(p, "is_organization_trail")),
                    m("CloudWatchLogsLogGroupArn", optional(p, "cloud_watch_logs_group_arn").flatMap { $0 == .string("") ? nil : $0 }),
                    // Terraform starts logging unless enable_logging is false.
                    m("IsLogging", value(p, "enable_logging") ?? .bool(true)),
                    m("EventSelectors", optional(p, "event_selector").map { list in .array(list.arrayItems.map { s in .object([
                        m("ReadWriteType", block(s, "read_write_type")), m("IncludeManagementEvents", block(s, "include_management_events")),
                        m("DataResources", .array((block(s, "data_resource")?.arrayItems ?? []).map { d in .object([m("Type", block(d, "type")), m("Values", block(d, "values"))].compactMap { $0 }) })),
                    ].compactMap { $0 }) }) }),
                ])
            default:
                if !p.type.hasPrefix("aws_s3_bucket_") && p.type != "aws_iam_role_policy_attachment" && p.type != "aws_kms_key_policy" {
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
