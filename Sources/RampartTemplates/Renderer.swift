import RampartInventory
import RampartJSON
import Foundation

/// Turns resolved template resources into AWS CLI answers (`describe-security-groups`,
/// `get-account-authorization-details`, `get-bucket-*` ...) for one assumption about unresolved values.
struct Renderer {
    let context: TemplateContext
    let assumption: Assumption
    var lists: [String: [JSONValue]] = [:]
    var results: [AWSCall: CallResult] = [:]
    var resources: [RenderedResource] = []
    var unmodelled: [String: Int] = [:]
    /// Security groups by id, so rule resources can add to them.
    var groups: [String: (index: Int, object: JSONObject)] = [:]
    var groupOrder: [String] = []
    var iamUsers: [String: JSONObject] = [:], iamRoles: [String: JSONObject] = [:], iamGroups: [String: JSONObject] = [:]
    var iamPolicies: [String: JSONObject] = [:]
    var iamOrder: [(kind: String, name: String)] = []
    var bucketPolicies: [String: (JSONValue, [String])] = [:]
    var bucketNames: [String] = []
    var pending: [(CloudFormationTemplate, CloudFormationTemplate.Resource)] = []
    /// Each declared resource's place in `resources`, by ARN (attachments find their parent without a search).
    var resourceIndex: [String: Int] = [:]
    var services = DeclaredServices()

    init(context: TemplateContext, assumption: Assumption) {
        self.context = context
        self.assumption = assumption
    }

    func call(_ service: String, _ operation: String, resource: String? = nil, global: Bool = false) -> AWSCall {
        AWSCall(account: context.account, region: global ? "global" : context.region, service: service, operation: operation, resource: resource)
    }

    mutating func render(_ template: CloudFormationTemplate) {
        // Resources first, then what attaches to them (rules, policies), whatever the order in the file.
        let attaching: Set<String> = [
            "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::S3::BucketPolicy", "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy", "AWS::IAM::UserToGroupAddition", "AWS::EC2::Route", "AWS::EC2::NetworkAclEntry",
            "AWS::EC2::Instance", "AWS::AutoScaling::AutoScalingGroup",
        ]
        for r in template.resources where !attaching.contains(r.type) { renderOne(template, r) }
        for r in template.resources where attaching.contains(r.type) { renderOne(template, r) }
    }

    func location(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource) -> SourceLocation {
        if let address = r.address { return SourceLocation(file: template.file, address: address) }
        return SourceLocation(file: template.file, line: r.line, column: r.column, logicalId: r.logicalId)
    }

    mutating func declare(_ arn: String, _ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: Properties) {
        resourceIndex[arn] = resources.count
        resources.append(RenderedResource(
            arn: arn, location: location(template, r), unresolved: p.unresolved, suppressions: Self.suppressions(r.metadata)))
    }

    /// `Metadata: {rampart: {skip: [...]}}`: each item a check id (with the list's `reason`) or `{id, reason}`.
    static func suppressions(_ metadata: TemplateValue) -> [InlineSuppression] {
        guard let rampart = metadata["rampart"], let skip = rampart["skip"] else { return [] }
        let shared = rampart["reason"]?.text ?? "suppressed in the template"
        guard case .array(let items) = skip else {
            if let id = skip.text { return [InlineSuppression(checkId: id, reason: shared)] }
            return []
        }
        return items.compactMap { item in
            if let id = item.text { return InlineSuppression(checkId: id, reason: shared) }
            guard let id = item["id"]?.text else { return nil }
            return InlineSuppression(checkId: id, reason: item["reason"]?.text ?? shared)
        }
    }

    mutating func renderOne(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource) {
        var p = Properties(r.properties, assumption, logicalId: r.logicalId)
        let resolver = template.resolver
        let props = r.properties
        switch r.type {
        case "AWS::EC2::SecurityGroup":
            let id = resolver.ref(resource: r.logicalId).text ?? r.logicalId
            var ingress: [JSONValue] = []
            for (i, rule) in (props["SecurityGroupIngress"]?.arrayItems ?? []).enumerated() {
                ingress.append(permission(rule, &p, key: "SecurityGroupIngress[\(i)]", source: "Source"))
            }
            var egress: [JSONValue] = []
            if case .unknown(let reason)? = props["SecurityGroupEgress"] {
                // Known only after apply: open means AWS's allow-all rule, closed means none.
                p.unresolved.append("\(r.logicalId).SecurityGroupEgress: \(reason)")
                if assumption == .permissive {
                    egress = [["IpProtocol": "-1", "IpRanges": [["CidrIp": "0.0.0.0/0"]], "Ipv6Ranges": [], "UserIdGroupPairs": [], "PrefixListIds": []]]
                }
            } else if case .array(let rules)? = props["SecurityGroupEgress"] {
                for (i, rule) in rules.enumerated() { egress.append(permission(rule, &p, key: "SecurityGroupEgress[\(i)]", source: "Destination")) }
            } else {
                // AWS adds an allow-all egress rule to a VPC security group created without egress rules.
                egress = [["IpProtocol": "-1", "IpRanges": [["CidrIp": "0.0.0.0/0"]], "Ipv6Ranges": [], "UserIdGroupPairs": [], "PrefixListIds": []]]
            }
            var g = JSONObject()
            g["GroupId"] = .string(id)
            g["GroupName"] = .string(p.string(props["GroupName"], key: "GroupName") ?? id)
            g["Description"] = .string(p.string(props["GroupDescription"], key: "GroupDescription") ?? "")
            if let vpc = p.string(props["VpcId"], key: "VpcId", open: "vpc-unresolved", closed: "vpc-unresolved") { g["VpcId"] = .string(vpc) }
            g["OwnerId"] = .string(context.account)
            g["IpPermissions"] = .array(ingress)
            g["IpPermissionsEgress"] = .array(egress)
            g["Tags"] = p.tags()
            groups[id] = (groupOrder.count, g)
            groupOrder.append(id)
            declare(Scope(partition: context.partition, account: context.account, region: context.region).arn("ec2", "security-group/\(id)"), template, r, p)
        case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress":
            let isIngress = r.type.hasSuffix("Ingress")
            let target = p.string(props["GroupId"], key: "GroupId", open: "?", closed: "?")
            guard let target, var group = groups[target] else {
                // A rule on a group this template does not declare: nothing here to judge it with.
                unmodelled[r.type + " (on a group not declared here)", default: 0] += 1
                return
            }
            let rule = permission(props, &p, key: r.logicalId, source: isIngress ? "Source" : "Destination")
            let key = isIngress ? "IpPermissions" : "IpPermissionsEgress"
            var rules = group.object[key]?.arrayValue ?? []
            rules.append(rule)
            group.object[key] = .array(rules)
            groups[target] = group
            // Findings are on the group; the rule's unresolved values make the group's verdicts depend on them.
            attachUnresolved(p.unresolved, to: Scope(partition: context.partition, account: context.account, region: context.region).arn("ec2", "security-group/\(target)"))
        case "AWS::S3::Bucket":
            renderBucket(template, r, &p)
        case "AWS::S3::BucketPolicy":
            let bucket = p.string(props["Bucket"], key: "Bucket", open: "?", closed: "?") ?? "?"
            let document = p.policy(props["PolicyDocument"], key: "PolicyDocument") ?? .null
            bucketPolicies[bucket] = (document, p.unresolved)
            if let i = resourceIndex["arn:\(context.partition):s3:::\(bucket)"] {
                resources[i].unresolved += p.unresolved
            } else {
                unmodelled[r.type + " (on a bucket not declared here)", default: 0] += 1
            }
        case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group":
            renderIdentity(template, r, &p)
        case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
            renderPolicy(template, r, &p)
        case "AWS::RDS::DBInstance":
            renderDBInstance(template, r, &p)
        default:
            if renderService(template, r, &p) { return }
            if r.type.hasPrefix("AWS::") && !r.type.hasPrefix("AWS::CloudFormation::") { unmodelled[r.type, default: 0] += 1 }
        }
    }

    /// One security-group rule (a template's rule or an ingress/egress resource) as the AWS CLI prints it.
    func permission(_ rule: TemplateValue, _ p: inout Properties, key: String, source: String) -> JSONValue {
        var protocolName = p.string(rule["IpProtocol"], key: "\(key).IpProtocol", open: "-1", closed: "tcp") ?? "-1"
        switch protocolName.lowercased() {
        case "6": protocolName = "tcp"
        case "17": protocolName = "udp"
        case "1": protocolName = "icmp"
        case "58": protocolName = "icmpv6"
        case "all": protocolName = "-1"
        default: protocolName = protocolName.lowercased()
        }
        var out = JSONObject()
        out["IpProtocol"] = .string(protocolName)
        if protocolName != "-1" {
            if let from = p.int(rule["FromPort"], key: "\(key).FromPort", open: 0, closed: 65535) { out["FromPort"] = .number(Double(from)) }
            if let to = p.int(rule["ToPort"], key: "\(key).ToPort", open: 65535, closed: 0) { out["ToPort"] = .number(Double(to)) }
        }
        var v4: [JSONValue] = [], v6: [JSONValue] = [], pairs: [JSONValue] = [], lists: [JSONValue] = []
        if let cidr = p.string(rule["CidrIp"], key: "\(key).CidrIp", open: "0.0.0.0/0", closed: "192.0.2.1/32") { v4.append(["CidrIp": .string(cidr)]) }
        if let cidr = p.string(rule["CidrIpv6"], key: "\(key).CidrIpv6", open: "::/0", closed: "2001:db8::1/128") { v6.append(["CidrIpv6": .string(cidr)]) }
        for member in ["\(source)SecurityGroupId", "\(source)SecurityGroupName"] {
            if let g = p.string(rule[member], key: "\(key).\(member)", open: "sg-unresolved", closed: "sg-unresolved") { pairs.append(["GroupId": .string(g)]) }
        }
        let prefixKey = source == "Source" ? "SourcePrefixListId" : "DestinationPrefixListId"
        if let l = p.string(rule[prefixKey], key: "\(key).\(prefixKey)", open: "pl-unresolved", closed: "pl-unresolved") {
            lists.append(["PrefixListId": .string(l)])
        }
        out["IpRanges"] = .array(v4)
        out["Ipv6Ranges"] = .array(v6)
        out["UserIdGroupPairs"] = .array(pairs)
        out["PrefixListIds"] = .array(lists)
        return .object(out)
    }

    mutating func renderBucket(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties) {
        let props = r.properties
        let name = p.string(props["BucketName"], key: "BucketName") ?? template.resolver.physicalName(r.logicalId)
        bucketNames.append(name)
        let context = self.context
        let c = { (op: String) in AWSCall(account: context.account, region: "global", service: "s3api", operation: op, resource: name) }
        results[c("get-bucket-location")] = .answer(["LocationConstraint": context.region == "us-east-1" ? .null : .string(context.region)])
        let tags = p.tags()
        if case .array(let t) = tags, !t.isEmpty { results[c("get-bucket-tagging")] = .answer(["TagSet": tags]) }
        // ACLs: the canned AccessControl, else private (the owner only).
        var grants: [JSONValue] = [["Grantee": ["Type": "CanonicalUser", "ID": "owner"], "Permission": "FULL_CONTROL"]]
        let acl = p.string(props["AccessControl"], key: "AccessControl", open: "PublicReadWrite", closed: "Private") ?? "Private"
        let allUsers: JSONValue = ["Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"]
        let authUsers: JSONValue = ["Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"]
        switch acl {
        case "PublicRead": grants.append(["Grantee": allUsers, "Permission": "READ"])
        case "PublicReadWrite": grants += [["Grantee": allUsers, "Permission": "READ"], ["Grantee": allUsers, "Permission": "WRITE"]]
        case "AuthenticatedRead": grants.append(["Grantee": authUsers, "Permission": "READ"])
        case "LogDeliveryWrite":
            let logs: JSONValue = ["Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"]
            grants += [["Grantee": logs, "Permission": "WRITE"], ["Grantee": logs, "Permission": "READ_ACP"]]
        default: break
        }
        results[c("get-bucket-acl")] = .answer(["Owner": ["ID": "owner"], "Grants": .array(grants)])
        // Since April 2023 a new bucket blocks public access unless its configuration says otherwise.
        if let block = props["PublicAccessBlockConfiguration"] {
            var cfg = JSONObject()
            for key in ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] {
                cfg[key] = .bool(p.bool(block[key], key: "PublicAccessBlockConfiguration.\(key)", open: false) ?? false)
            }
            results[c("get-public-access-block")] = .answer(["PublicAccessBlockConfiguration": .object(cfg)])
        } else {
            results[c("get-public-access-block")] = .answer([
                "PublicAccessBlockConfiguration": [
                    "BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true,
                ],
            ])
        }
        // Since January 2023 every bucket encrypts with SSE-S3 unless configured otherwise.
        var rules: [JSONValue] = []
        if case .array(let configured)? = props["BucketEncryption"]?["ServerSideEncryptionConfiguration"] {
            for (i, rule) in configured.enumerated() {
                let d = rule["ServerSideEncryptionByDefault"]
                var byDefault = JSONObject()
                byDefault["SSEAlgorithm"] = .string(
                    p.string(d?["SSEAlgorithm"], key: "BucketEncryption[\(i)].SSEAlgorithm", open: "AES256", closed: "aws:kms") ?? "AES256")
                if let key = p.string(d?["KMSMasterKeyID"], key: "BucketEncryption[\(i)].KMSMasterKeyID") { byDefault["KMSMasterKeyID"] = .string(key) }
                rules.append(["ApplyServerSideEncryptionByDefault": .object(byDefault),
                              "BucketKeyEnabled": .bool(p.bool(rule["BucketKeyEnabled"], key: "BucketKeyEnabled", open: false) ?? false)])
            }
        } else {
            rules = [["ApplyServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"], "BucketKeyEnabled": false]]
        }
        results[c("get-bucket-encryption")] = .answer(["ServerSideEncryptionConfiguration": ["Rules": .array(rules)]])
        if let status = p.string(props["VersioningConfiguration"]?["Status"], key: "VersioningConfiguration.Status", open: "Suspended", closed: "Enabled") {
            results[c("get-bucket-versioning")] = .answer(["Status": .string(status)])
        } else {
            results[c("get-bucket-versioning")] = .answer(.object(JSONObject()))
        }
        if case .array(let replication)? = props["ReplicationConfiguration"]?["Rules"] {
            results[c("get-bucket-replication")] = .answer([
                "ReplicationConfiguration": ["Rules": .array(replication.enumerated().map { (i, rule) in
                    ["ID": .string(rule["Id"]?.text ?? "rule-\(i)"), "Status": .string(p.string(rule["Status"], key: "Replication.Status", open: "Disabled", closed: "Enabled") ?? "Enabled"),
                     "Destination": ["Bucket": .string(p.string(rule["Destination"]?["Bucket"], key: "Replication.Destination") ?? "")]]
                })],
            ])
        } else {
            results[c("get-bucket-replication")] = .failed(code: "ReplicationConfigurationNotFoundError", message: "no replication")
        }
        if let logging = props["LoggingConfiguration"] {
            let target = p.string(logging["DestinationBucketName"], key: "LoggingConfiguration.DestinationBucketName") ?? name
            results[c("get-bucket-logging")] = .answer(["LoggingEnabled": ["TargetBucket": .string(target), "TargetPrefix": .string(logging["LogFilePrefix"]?.text ?? "")]])
        } else {
            results[c("get-bucket-logging")] = .answer(.object(JSONObject()))
        }
        declare("arn:\(context.partition):s3:::\(name)", template, r, p)
    }

    mutating func renderIdentity(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties) {
        let props = r.properties
        let kind = String(r.type.split(separator: ":").last ?? "")
        let nameKey = "\(kind)Name"
        let name = p.string(props[nameKey], key: nameKey) ?? template.resolver.physicalName(r.logicalId)
        let path = props["Path"]?.text ?? "/"
        let arn = "arn:\(context.partition):iam::\(context.account):\(kind.lowercased())\(path)\(name)"
        var o = JSONObject()
        o[nameKey] = .string(name)
        o["Arn"] = .string(arn)
        o["Path"] = .string(path)
        o["\(kind)Id"] = .string("\(kind.uppercased())-\(name)")
        var inline: [JSONValue] = []
        if case .array(let policies)? = props["Policies"] {
            for (i, policy) in policies.enumerated() {
                inline.append(["PolicyName": .string(policy["PolicyName"]?.text ?? "policy-\(i)"),
                               "PolicyDocument": p.policy(policy["PolicyDocument"], key: "Policies[\(i)]") ?? .null])
            }
        }
        o["\(kind)PolicyList"] = .array(inline)
        o["AttachedManagedPolicies"] = .array((props["ManagedPolicyArns"]?.arrayItems ?? []).enumerated().map { (i, v) in
            let policyArn = p.string(v, key: "ManagedPolicyArns[\(i)]") ?? ""
            return ["PolicyName": .string(String(policyArn.split(separator: "/").last ?? "")), "PolicyArn": .string(policyArn)]
        })
        if let boundary = p.string(props["PermissionsBoundary"], key: "PermissionsBoundary") {
            o["PermissionsBoundary"] = ["PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": .string(boundary)]
        }
        switch kind {
        case "Role":
            o["AssumeRolePolicyDocument"] = p.policy(props["AssumeRolePolicyDocument"], key: "AssumeRolePolicyDocument") ?? .null
            o["InstanceProfileList"] = .array([])
            o["Tags"] = p.tags()
            iamRoles[name] = o
        case "User":
            o["GroupList"] = .array((props["Groups"]?.arrayItems ?? []).compactMap { p.string($0, key: "Groups").map(JSONValue.string) })
            o["Tags"] = p.tags()
            iamUsers[name] = o
        default:
            iamGroups[name] = o
        }
        iamOrder.append((kind, name))
        declare(arn, template, r, p)
    }

    mutating func renderPolicy(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties) {
        let props = r.properties
        let document = p.policy(props["PolicyDocument"], key: "PolicyDocument") ?? .null
        let managed = r.type == "AWS::IAM::ManagedPolicy"
        let name = managed
            ? (p.string(props["ManagedPolicyName"], key: "ManagedPolicyName") ?? template.resolver.physicalName(r.logicalId))
            : (p.string(props["PolicyName"], key: "PolicyName") ?? r.logicalId)
        let policyArn = "arn:\(context.partition):iam::\(context.account):policy\(props["Path"]?.text ?? "/")\(name)"
        var attached = 0
        for (kind, listKey) in [("Role", "Roles"), ("User", "Users"), ("Group", "Groups")] {
            for target in props[listKey]?.arrayItems ?? [] {
                guard let targetName = p.string(target, key: listKey) else { continue }
                func attach(_ o: inout JSONObject) {
                    if managed {
                        o["AttachedManagedPolicies"] = .array((o["AttachedManagedPolicies"]?.arrayValue ?? []) + [["PolicyName": .string(name), "PolicyArn": .string(policyArn)]])
                    } else {
                        o["\(kind)PolicyList"] = .array((o["\(kind)PolicyList"]?.arrayValue ?? []) + [["PolicyName": .string(name), "PolicyDocument": document]])
                    }
                }
                switch kind {
                case "Role": if var o = iamRoles[targetName] { attach(&o); iamRoles[targetName] = o; attached += 1 }
                case "User": if var o = iamUsers[targetName] { attach(&o); iamUsers[targetName] = o; attached += 1 }
                default: if var o = iamGroups[targetName] { attach(&o); iamGroups[targetName] = o; attached += 1 }
                }
                // The identity's verdicts now depend on this policy's unresolved values too.
                let arn = (kind == "Role" ? iamRoles[targetName] : kind == "User" ? iamUsers[targetName] : iamGroups[targetName])?["Arn"]?.stringValue
                attachUnresolved(p.unresolved, to: arn)
            }
        }
        if managed {
            var o = JSONObject()
            o["PolicyName"] = .string(name)
            o["PolicyId"] = .string("POLICY-\(name)")
            o["Arn"] = .string(policyArn)
            o["Path"] = .string(props["Path"]?.text ?? "/")
            o["DefaultVersionId"] = "v1"
            o["AttachmentCount"] = .number(Double(attached))
            o["IsAttachable"] = true
            o["PolicyVersionList"] = [["Document": document, "VersionId": "v1", "IsDefaultVersion": true]]
            iamPolicies[name] = o
            iamOrder.append(("Policy", name))
            declare(policyArn, template, r, p)
        }
    }

    mutating func renderDBInstance(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties) {
        let props = r.properties
        let id = (p.string(props["DBInstanceIdentifier"], key: "DBInstanceIdentifier") ?? template.resolver.physicalName(r.logicalId)).lowercased()
        let arn = "arn:\(context.partition):rds:\(context.region):\(context.account):db:\(id)"
        var o = JSONObject()
        o["DBInstanceIdentifier"] = .string(id)
        o["DBInstanceArn"] = .string(arn)
        o["Engine"] = .string(p.string(props["Engine"], key: "Engine") ?? "")
        o["DBInstanceClass"] = .string(p.string(props["DBInstanceClass"], key: "DBInstanceClass") ?? "")
        o["DBInstanceStatus"] = "available"
        o["MultiAZ"] = .bool(p.bool(props["MultiAZ"], key: "MultiAZ", open: false) ?? false)
        // Without PubliclyAccessible AWS decides from the VPC's internet gateway: unresolved in code.
        let publicValue: TemplateValue = props["PubliclyAccessible"]
            ?? .unknown("PubliclyAccessible is not set; AWS decides it from whether the VPC has an internet gateway")
        o["PubliclyAccessible"] = .bool(p.bool(publicValue, key: "PubliclyAccessible", open: true) ?? false)
        o["StorageEncrypted"] = .bool(p.bool(props["StorageEncrypted"], key: "StorageEncrypted", open: false) ?? false)
        if let key = p.string(props["KmsKeyId"], key: "KmsKeyId") { o["KmsKeyId"] = .string(key) }
        // AWS's default retention is 1 day when the template does not set it.
        o["BackupRetentionPeriod"] = .number(Double(p.int(props["BackupRetentionPeriod"], key: "BackupRetentionPeriod", open: 0, closed: 35) ?? 1))
        o["DeletionProtection"] = .bool(p.bool(props["DeletionProtection"], key: "DeletionProtection", open: false) ?? false)
        o["AutoMinorVersionUpgrade"] = .bool(p.bool(props["AutoMinorVersionUpgrade"], key: "AutoMinorVersionUpgrade", open: false) ?? true)
        o["IAMDatabaseAuthenticationEnabled"] = .bool(p.bool(props["EnableIAMDatabaseAuthentication"], key: "EnableIAMDatabaseAuthentication", open: false) ?? false)
        o["CopyTagsToSnapshot"] = .bool(p.bool(props["CopyTagsToSnapshot"], key: "CopyTagsToSnapshot", open: false) ?? false)
        o["MonitoringInterval"] = .number(Double(p.int(props["MonitoringInterval"], key: "MonitoringInterval", open: 0, closed: 60) ?? 0))
        if let user = p.string(props["MasterUsername"], key: "MasterUsername") { o["MasterUsername"] = .string(user) }
        if let cluster = p.string(props["DBClusterIdentifier"], key: "DBClusterIdentifier") { o["DBClusterIdentifier"] = .string(cluster) }
        o["EnabledCloudwatchLogsExports"] = .array((props["EnableCloudwatchLogsExports"]?.arrayItems ?? []).compactMap { $0.text.map(JSONValue.string) })
        o["VpcSecurityGroups"] = .array((props["VPCSecurityGroups"]?.arrayItems ?? []).map {
            ["VpcSecurityGroupId": .string(p.string($0, key: "VPCSecurityGroups", open: "sg-unresolved", closed: "sg-unresolved") ?? ""), "Status": "active"]
        })
        // Without Port, the engine's default port (as AWS assigns it).
        let engine = (o["Engine"]?.stringValue ?? "").lowercased()
        let defaultPort: Int? = engine.contains("postgres") ? 5432 : engine.contains("mysql") || engine.contains("maria") ? 3306
            : engine.hasPrefix("oracle") ? 1521 : engine.hasPrefix("sqlserver") ? 1433 : engine.hasPrefix("db2") ? 50000 : nil
        if let port = p.int(props["Port"], key: "Port", open: defaultPort ?? 0, closed: 1) ?? defaultPort {
            o["Endpoint"] = ["Port": .number(Double(port))]
        }
        o["TagList"] = p.tags()
        lists["rds describe-db-instances DBInstances", default: []].append(.object(o))
        declare(arn, template, r, p)
    }

    /// The answers for this assumption.
    mutating func finish(collectedAt: Date) -> TemplateCallResults {
        finishServices()
        let context = self.context
        let ec2 = { (op: String) in AWSCall(account: context.account, region: context.region, service: "ec2", operation: op) }
        let zones: [JSONValue] = ["a", "b", "c"].enumerated().map { (i, letter) in
            ["ZoneName": .string(context.region + letter), "ZoneId": .string("\(context.region)-az\(i + 1)"), "State": "available",
             "ZoneType": "availability-zone"]
        }
        results[ec2("describe-availability-zones")] = .answer(["AvailabilityZones": .array(zones)])
        results[ec2("describe-security-groups")] = .answer(["SecurityGroups": .array(groupOrder.compactMap { groups[$0].map { .object($0.object) } })])
        results[call("s3api", "list-buckets", global: true)] = .answer([
            "Buckets": .array(bucketNames.map { ["Name": .string($0), "CreationDate": "2026-01-01T00:00:00+00:00"] }),
            "Owner": ["ID": "owner"],
        ])
        for name in bucketNames {
            let policyCall = call("s3api", "get-bucket-policy", resource: name, global: true)
            if let (document, _) = bucketPolicies[name] {
                results[policyCall] = .answer(["Policy": .string(JSONWriter.string(document))])
            } else {
                results[policyCall] = .failed(code: "NoSuchBucketPolicy", message: "The bucket policy does not exist")
            }
        }
        var users: [JSONValue] = [], roles: [JSONValue] = [], groupsList: [JSONValue] = [], policies: [JSONValue] = []
        for (kind, name) in iamOrder {
            switch kind {
            case "Role": if let o = iamRoles[name] { roles.append(.object(o)) }
            case "User": if let o = iamUsers[name] { users.append(.object(o)) }
            case "Group": if let o = iamGroups[name] { groupsList.append(.object(o)) }
            default: if let o = iamPolicies[name] { policies.append(.object(o)) }
            }
        }
        results[call("iam", "get-account-authorization-details", global: true)] = .answer([
            "UserDetailList": .array(users), "GroupDetailList": .array(groupsList), "RoleDetailList": .array(roles),
            "Policies": .array(policies),
        ])
        for (key, items) in lists {
            let parts = key.split(separator: " ").map(String.init)
            results[call(parts[0], parts[1])] = .answer(.object(JSONObject(pairs: [(parts[2], .array(items))])))
        }
        return TemplateCallResults(
            collectedAt: collectedAt, accounts: [context.account], regions: [context.region], results: results,
            resources: resources, unmodelled: unmodelled)
    }
}

extension TemplateValue {
    /// The items of a list (a single value reads as a list of one).
    var arrayItems: [TemplateValue] {
        switch self {
        case .array(let items): items
        case .null, .noValue: []
        default: [self]
        }
    }
}
