import Foundation

/// One CloudFormation template, read and resolved: its resources with their properties after
/// every intrinsic function that can be resolved statically was, and where each is declared.
public struct CloudFormationTemplate: Sendable {
    /// One declared resource.
    public struct Resource: Sendable {
        public var logicalId: String
        public var type: String
        /// Properties with intrinsic functions resolved; what cannot be resolved is `.unknown`.
        public var properties: TemplateValue
        /// The resolved `Metadata` section (inline suppressions live here).
        public var metadata: TemplateValue
        public var line: Int?
        public var column: Int?
        /// The Terraform resource address, for resources read from a plan.
        public var address: String? = nil
    }

    init(file: String, stackName: String, resources: [Resource], resolver: Resolver) {
        self.file = file
        self.stackName = stackName
        self.resources = resources
        self.resolver = resolver
    }

    public var file: String
    public var resources: [Resource]
    let resolver: Resolver

    /// Reads and resolves `text`. `parameters` override the template's defaults.
    /// The stack name the template is scanned as (its file name); physical ids are derived from it.
    public var stackName: String

    public init(
        text: String, file: String, stackName: String, parameters: [String: String], context: TemplateContext
    ) throws(TemplateError) {
        let root = try TemplateReader.read(text: text, file: file)
        guard case .object = root else { throw TemplateError(file: file, line: 1, column: 1, message: "a template is a mapping at the top") }
        guard let resourcesMember = root.member("Resources"), case .object(let declared) = resourcesMember.value else {
            throw TemplateError(file: file, line: 1, column: 1, message: "no Resources section; not a CloudFormation template")
        }
        var resolver = Resolver(root: root, file: file, stack: stackName, overrides: parameters, context: context)
        try resolver.prepare()
        try Self.checkCycles(declared, file: file)
        var resources: [Resource] = []
        for member in declared {
            let body = member.value
            guard let type = body["Type"]?.text else {
                throw TemplateError(file: file, line: member.line, column: member.column, message: "resource \(member.key) has no Type")
            }
            if let condition = body["Condition"]?.text {
                if try resolver.condition(named: condition, line: member.line) == false { continue }
            }
            let properties = try resolver.resolve(body["Properties"] ?? .object([]), line: member.line)
            let metadata = try resolver.resolve(body["Metadata"] ?? .object([]), line: member.line)
            resources.append(Resource(
                logicalId: member.key, type: type, properties: properties, metadata: metadata, line: member.line, column: member.column))
        }
        self.file = file
        self.stackName = stackName
        self.resources = resources
        self.resolver = resolver
    }
}

extension CloudFormationTemplate {
    /// CloudFormation refuses a template whose resources depend on each other in a circle
    /// (through Ref, Fn::GetAtt, Fn::Sub or DependsOn); so does Rampart, naming one resource of the circle.
    static func checkCycles(_ declared: [TemplateValue.Member], file: String) throws(TemplateError) {
        let names = Set(declared.map(\.key))
        var edges: [String: Set<String>] = [:]
        func collect(_ v: TemplateValue, into out: inout Set<String>) {
            switch v {
            case .array(let items): for i in items { collect(i, into: &out) }
            case .object(let members):
                for m in members {
                    switch m.key {
                    case "Ref": if let t = m.value.text, names.contains(t) { out.insert(t) }
                    case "Fn::GetAtt":
                        if case .array(let a) = m.value, let t = a.first?.text, names.contains(t) { out.insert(t) }
                        if let t = m.value.text?.split(separator: ".").first.map(String.init), names.contains(t) { out.insert(t) }
                    case "Fn::Sub":
                        let text = m.value.text ?? { if case .array(let a) = m.value { a.first?.text } else { nil } }() ?? ""
                        var rest = Substring(text)
                        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
                            let name = rest[start.upperBound..<end].split(separator: ".").first.map(String.init) ?? ""
                            if names.contains(name) { out.insert(name) }
                            rest = rest[rest.index(after: end)...]
                        }
                    default: break
                    }
                    collect(m.value, into: &out)
                }
            default: break
            }
        }
        for m in declared {
            var out: Set<String> = []
            collect(m.value["Properties"] ?? .null, into: &out)
            for d in m.value["DependsOn"]?.arrayItems ?? [] { if let t = d.text { out.insert(t) } }
            edges[m.key] = out
        }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        for start in declared.map(\.key) where state[start] == nil {
            var stack: [(String, [String])] = [(start, Array(edges[start] ?? []))]
            state[start] = 1
            while !stack.isEmpty {
                if let next = stack[stack.count - 1].1.popLast() {
                    if state[next] == 1 {
                        let line = declared.first { $0.key == next }
                        throw TemplateError(
                            file: file, line: line?.line, column: line?.column,
                            message: "circular reference: \(next) depends on itself through \(stack.map(\.0).joined(separator: " -> "))")
                    }
                    if state[next] == nil {
                        state[next] = 1
                        stack.append((next, Array(edges[next] ?? [])))
                    }
                } else {
                    state[stack.removeLast().0] = 2
                }
            }
        }
    }
}

/// What a template cannot say about itself: the account and region it is deployed into.
public struct TemplateContext: Sendable {
    public var account: String
    public var region: String
    public var partition: String

    public init(account: String = "000000000000", region: String = "us-east-1", partition: String = "aws") {
        self.account = account
        self.region = region
        self.partition = partition
    }
}

/// Resolves intrinsic functions over one template: parameters (defaults and overrides), pseudo
/// parameters, Mappings, Conditions, and references to the template's own resources.
struct Resolver {
    let root: TemplateValue
    let file: String
    let stack: String
    let overrides: [String: String]
    let context: TemplateContext
    var parameters: [String: TemplateValue] = [:]
    var conditions: [String: TemplateValue] = [:]
    var conditionValues: [String: Bool?] = [:]
    var resourceTypes: [String: String] = [:]
    var resourceNames: [String: String] = [:]
    /// Subnets' zones as the template gives them (`Fn::GetAtt Subnet.AvailabilityZone`).
    var subnetZones: [String: TemplateValue] = [:]
    var evaluating: Set<String> = []

    init(root: TemplateValue, file: String, stack: String, overrides: [String: String], context: TemplateContext) {
        self.root = root
        self.file = file
        self.stack = stack
        self.overrides = overrides
        self.context = context
    }

    mutating func prepare() throws(TemplateError) {
        for p in root["Parameters"]?.members ?? [] {
            let type = p.value["Type"]?.text ?? "String"
            let isList = type.hasPrefix("List<") || type == "CommaDelimitedList"
            let raw: String?
            if let given = overrides[p.key] { raw = given } else if let d = p.value["Default"] {
                if case .array(let items) = d { parameters[p.key] = .array(items); continue }
                raw = d.text
            } else { raw = nil }
            if let raw {
                parameters[p.key] = isList ? .array(raw.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }) : .string(raw)
            } else {
                parameters[p.key] = .unknown("parameter \(p.key) has no default and no --parameter value")
            }
        }
        for c in root["Conditions"]?.members ?? [] { conditions[c.key] = c.value }
        for r in root["Resources"]?.members ?? [] { resourceTypes[r.key] = r.value["Type"]?.text ?? "" }
        // Names the template gives (often through Fn::Sub), so a Ref elsewhere returns the same name.
        for r in root["Resources"]?.members ?? [] {
            if let type = resourceTypes[r.key], let nameKey = Self.nameProperty[type], let given = r.value["Properties"]?[nameKey],
                case .string(let name) = try resolve(given, line: r.line)
            {
                resourceNames[r.key] = name
            }
            if resourceTypes[r.key] == "AWS::EC2::Subnet", let zone = r.value["Properties"]?["AvailabilityZone"] {
                subnetZones[r.key] = try resolve(zone, line: r.line)
            }
        }
    }

    /// The property that names a resource of each type, when the template may set it.
    static let nameProperty: [String: String] = [
        "AWS::S3::Bucket": "BucketName", "AWS::IAM::Role": "RoleName", "AWS::IAM::User": "UserName",
        "AWS::IAM::Group": "GroupName", "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
        "AWS::RDS::DBInstance": "DBInstanceIdentifier", "AWS::RDS::DBCluster": "DBClusterIdentifier",
        "AWS::DynamoDB::Table": "TableName", "AWS::CloudTrail::Trail": "TrailName",
        "AWS::SQS::Queue": "QueueName", "AWS::SNS::Topic": "TopicName", "AWS::Lambda::Function": "FunctionName",
        "AWS::AutoScaling::AutoScalingGroup": "AutoScalingGroupName", "AWS::IAM::InstanceProfile": "InstanceProfileName",
    ]

    /// The physical name a resource gets: the name the template gives it, else one derived from
    /// the logical id as CloudFormation does (stack name, logical id; lower case for buckets).
    func physicalName(_ logicalId: String) -> String {
        if let name = resourceNames[logicalId] { return name }
        let type = resourceTypes[logicalId] ?? ""
        return type == "AWS::S3::Bucket" ? "\(stack)-\(logicalId)".lowercased() : "\(stack)-\(logicalId)"
    }

    /// What `Ref` to a resource returns, by type (AWS's documented return values).
    func ref(resource logicalId: String) -> TemplateValue {
        let type = resourceTypes[logicalId] ?? ""
        let name = physicalName(logicalId)
        if let prefix = Self.idPrefix[type] { return .string("\(prefix)-\(stack)-\(logicalId)") }
        switch type {
        case "AWS::IAM::ManagedPolicy": return .string(arn("iam", "policy/\(name)", regional: false))
        // A queue's Ref is its URL; a topic's its ARN.
        case "AWS::SQS::Queue": return .string("https://sqs.\(context.region).amazonaws.com/\(context.account)/\(name)")
        case "AWS::SNS::Topic": return .string(arn("sns", name))
        default: return .string(name)
        }
    }

    /// The id prefix AWS gives each type's physical id (`sg-`, `vpc-` ...).
    static let idPrefix: [String: String] = [
        "AWS::EC2::SecurityGroup": "sg", "AWS::EC2::VPC": "vpc", "AWS::EC2::Subnet": "subnet", "AWS::EC2::Instance": "i",
        "AWS::EC2::Volume": "vol", "AWS::EC2::RouteTable": "rtb", "AWS::EC2::InternetGateway": "igw",
        "AWS::EC2::NetworkAcl": "acl", "AWS::EC2::LaunchTemplate": "lt", "AWS::KMS::Key": "key",
    ]

    func arn(_ service: String, _ resource: String, regional: Bool = true) -> String {
        "arn:\(context.partition):\(service):\(regional ? context.region : ""):\(context.account):\(resource)"
    }

    /// What `Fn::GetAtt` returns for the attributes the checks follow; other attributes are known only after creation.
    func getAtt(_ logicalId: String, _ attribute: String) -> TemplateValue {
        let type = resourceTypes[logicalId] ?? ""
        let name = physicalName(logicalId)
        switch (type, attribute) {
        case ("AWS::EC2::SecurityGroup", "GroupId"): return ref(resource: logicalId)
        case ("AWS::S3::Bucket", "Arn"): return .string("arn:\(context.partition):s3:::\(name)")
        case ("AWS::S3::Bucket", "DomainName"): return .string("\(name).s3.amazonaws.com")
        case ("AWS::IAM::Role", "Arn"): return .string(arn("iam", "role/\(name)", regional: false))
        case ("AWS::IAM::User", "Arn"): return .string(arn("iam", "user/\(name)", regional: false))
        case ("AWS::IAM::Group", "Arn"): return .string(arn("iam", "group/\(name)", regional: false))
        case ("AWS::KMS::Key", "Arn"): return .string(arn("kms", "key/\(ref(resource: logicalId).text ?? logicalId)"))
        case ("AWS::KMS::Key", "KeyId"): return ref(resource: logicalId)
        case ("AWS::DynamoDB::Table", "Arn"): return .string(arn("dynamodb", "table/\(name)"))
        case ("AWS::EC2::VPC", "VpcId"), ("AWS::EC2::Subnet", "SubnetId"): return ref(resource: logicalId)
        case ("AWS::EC2::Subnet", "AvailabilityZone"):
            // The zone the template gives the subnet, else the one AWS picks at creation.
            if case .string(let zone)? = subnetZones[logicalId] { return .string(zone) }
            return .unknown("\(logicalId).AvailabilityZone is known only after creation")
        case ("AWS::SQS::Queue", "Arn"): return .string(arn("sqs", name))
        case ("AWS::SQS::Queue", "QueueUrl"): return ref(resource: logicalId)
        case ("AWS::SQS::Queue", "QueueName"), ("AWS::SNS::Topic", "TopicName"), ("AWS::Lambda::Function", "FunctionName"): return .string(name)
        case ("AWS::SNS::Topic", "TopicArn"): return ref(resource: logicalId)
        case ("AWS::Lambda::Function", "Arn"): return .string(arn("lambda", "function:\(name)"))
        case ("AWS::CloudTrail::Trail", "Arn"): return .string(arn("cloudtrail", "trail/\(name)"))
        case ("AWS::IAM::InstanceProfile", "Arn"): return .string(arn("iam", "instance-profile/\(name)", regional: false))
        case ("AWS::EC2::LaunchTemplate", "LaunchTemplateId"), ("AWS::EC2::Instance", "InstanceId"), ("AWS::EC2::Volume", "VolumeId"):
            return ref(resource: logicalId)
        default: return .unknown("\(logicalId).\(attribute) is known only after creation")
        }
    }

    func pseudo(_ name: String) -> TemplateValue? {
        switch name {
        case "AWS::Region": .string(context.region)
        case "AWS::AccountId": .string(context.account)
        case "AWS::Partition": .string(context.partition)
        case "AWS::URLSuffix": .string("amazonaws.com")
        case "AWS::StackName": .string(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        case "AWS::StackId":
            .string(arn("cloudformation", "stack/\(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)/0"))
        case "AWS::NotificationARNs": .array([])
        case "AWS::NoValue": .noValue
        default: nil
        }
    }

    func fail(_ message: String, _ line: Int?) -> TemplateError { TemplateError(file: file, line: line, message: message) }

    /// The truth of a named condition; nil when it depends on an unknown value.
    mutating func condition(named name: String, line: Int?) throws(TemplateError) -> Bool? {
        if let known = conditionValues[name] { return known }
        guard let body = conditions[name] else { throw fail("unknown condition \(name)", line) }
        guard !evaluating.contains("condition:" + name) else { throw fail("circular reference through condition \(name)", line) }
        evaluating.insert("condition:" + name)
        defer { evaluating.remove("condition:" + name) }
        let value = try truth(body, line: line)
        conditionValues[name] = value
        return value
    }

    mutating func truth(_ value: TemplateValue, line: Int?) throws(TemplateError) -> Bool? {
        guard case .object(let members) = value, members.count == 1 else {
            if case .bool(let b) = value { return b }
            throw fail("a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition", line)
        }
        let m = members[0]
        let line = m.line ?? line
        switch m.key {
        case "Condition":
            guard let name = m.value.text else { throw fail("Condition takes a name", line) }
            return try condition(named: name, line: line)
        case "Fn::Equals":
            guard case .array(let pair) = m.value, pair.count == 2 else { throw fail("Fn::Equals takes two values", line) }
            let a = try resolve(pair[0], line: line), b = try resolve(pair[1], line: line)
            if a.firstUnknown != nil || b.firstUnknown != nil { return nil }
            return a.text != nil && b.text != nil ? a.text == b.text : a == b
        case "Fn::Not":
            guard case .array(let one) = m.value, one.count == 1 else { throw fail("Fn::Not takes one condition", line) }
            return try truth(one[0], line: line).map { !$0 }
        case "Fn::And", "Fn::Or":
            guard case .array(let all) = m.value else { throw fail("\(m.key) takes a list of conditions", line) }
            var results: [Bool?] = []
            for c in all { results.append(try truth(c, line: line)) }
            if m.key == "Fn::And" {
                if results.contains(false) { return false }
                return results.contains(where: { $0 == nil }) ? nil : true
            }
            if results.contains(true) { return true }
            return results.contains(where: { $0 == nil }) ? nil : false
        default:
            throw fail("\(m.key) is not a condition function", line)
        }
    }

    /// Resolves every intrinsic function inside `value`.
    mutating func resolve(_ value: TemplateValue, line: Int?) throws(TemplateError) -> TemplateValue {
        switch value {
        case .array(let items):
            var out: [TemplateValue] = []
            for item in items {
                let r = try resolve(item, line: line)
                if r != .noValue { out.append(r) }
            }
            return .array(out)
        case .object(let members):
            if members.count == 1, members[0].key == "Ref" || members[0].key.hasPrefix("Fn::") {
                return try function(members[0], line: members[0].line ?? line)
            }
            var out: [TemplateValue.Member] = []
            for m in members {
                let r = try resolve(m.value, line: m.line ?? line)
                if r != .noValue { out.append(TemplateValue.Member(key: m.key, value: r, line: m.line, column: m.column)) }
            }
            return .object(out)
        default:
            return value
        }
    }

    private mutating func function(_ m: TemplateValue.Member, line: Int?) throws(TemplateError) -> TemplateValue {
        let argument = m.value
        switch m.key {
        case "Ref":
            guard let name = argument.text else { throw fail("Ref takes a name", line) }
            if let p = pseudo(name) { return p }
            if let p = parameters[name] { return p }
            if resourceTypes[name] != nil { return ref(resource: name) }
            throw fail("Ref to \(name), which is neither a parameter nor a resource", line)
        case "Fn::GetAtt":
            var parts: [String] = []
            if case .array(let items) = argument {
                for item in items {
                    let r = try resolve(item, line: line)
                    guard let t = r.text else { return .unknown("Fn::GetAtt with an unresolved name") }
                    parts.append(t)
                }
            } else if let dotted = argument.text { parts = dotted.split(separator: ".", maxSplits: 1).map(String.init) }
            guard parts.count == 2 else { throw fail("Fn::GetAtt takes a resource and an attribute", line) }
            guard resourceTypes[parts[0]] != nil else { throw fail("Fn::GetAtt of \(parts[0]), which is not a resource", line) }
            return getAtt(parts[0], parts[1])
        case "Fn::Sub":
            var template: String
            var variables: [String: TemplateValue] = [:]
            if case .array(let pair) = argument, pair.count == 2 {
                guard let t = pair[0].text else { throw fail("Fn::Sub takes a string", line) }
                template = t
                for v in pair[1].members { variables[v.key] = try resolve(v.value, line: line) }
            } else if let t = argument.text {
                template = t
            } else {
                throw fail("Fn::Sub takes a string or [string, variables]", line)
            }
            return try substitute(&template, variables, line: line)
        case "Fn::Join":
            guard case .array(let pair) = argument, pair.count == 2, let separator = pair[0].text else {
                throw fail("Fn::Join takes [separator, list]", line)
            }
            let list = try resolve(pair[1], line: line)
            if case .unknown = list { return list }
            guard case .array(let items) = list else { throw fail("Fn::Join takes a list", line) }
            var parts: [String] = []
            for item in items {
                if case .unknown = item { return item }
                guard let t = item.text else { throw fail("Fn::Join joins strings", line) }
                parts.append(t)
            }
            return .string(parts.joined(separator: separator))
        case "Fn::Select":
            guard case .array(let pair) = argument, pair.count == 2 else { throw fail("Fn::Select takes [index, list]", line) }
            let index = try resolve(pair[0], line: line), list = try resolve(pair[1], line: line)
            if case .unknown = index { return index }
            if case .unknown = list { return list }
            guard let i = index.text.flatMap({ Int($0) }), case .array(let items) = list else {
                throw fail("Fn::Select takes an index and a list", line)
            }
            guard i >= 0, i < items.count else { throw fail("Fn::Select index \(i) is outside the list of \(items.count)", line) }
            return items[i]
        case "Fn::Split":
            guard case .array(let pair) = argument, pair.count == 2, let separator = pair[0].text, !separator.isEmpty else {
                throw fail("Fn::Split takes [separator, string]", line)
            }
            let source = try resolve(pair[1], line: line)
            if case .unknown = source { return source }
            guard let text = source.text else { throw fail("Fn::Split splits a string", line) }
            return .array(text.components(separatedBy: separator).map(TemplateValue.string))
        case "Fn::If":
            guard case .array(let three) = argument, three.count == 3, let name = three[0].text else {
                throw fail("Fn::If takes [condition, value if true, value if false]", line)
            }
            switch try condition(named: name, line: line) {
            case true?: return try resolve(three[1], line: line)
            case false?: return try resolve(three[2], line: line)
            case nil: return .unknown("condition \(name) depends on an unresolved value")
            }
        case "Fn::FindInMap":
            guard case .array(let keys) = argument, keys.count >= 3 else { throw fail("Fn::FindInMap takes [map, key, key]", line) }
            var names: [String] = []
            for k in keys.prefix(3) {
                let r = try resolve(k, line: line)
                if case .unknown = r { return r }
                guard let t = r.text else { throw fail("Fn::FindInMap takes names", line) }
                names.append(t)
            }
            guard let map = root["Mappings"]?[names[0]] else { throw fail("no mapping \(names[0])", line) }
            guard let found = map[names[1]]?[names[2]] else {
                if keys.count == 4, let d = keys[3]["DefaultValue"] { return try resolve(d, line: line) }
                throw fail("mapping \(names[0]) has no \(names[1]).\(names[2])", line)
            }
            return try resolve(found, line: line)
        case "Fn::Base64":
            let r = try resolve(argument, line: line)
            if case .unknown = r { return r }
            guard let t = r.text else { throw fail("Fn::Base64 encodes a string", line) }
            return .string(Data(t.utf8).base64EncodedString())
        case "Fn::ImportValue":
            let r = try resolve(argument, line: line)
            return .unknown("Fn::ImportValue \(r.text ?? "(unresolved name)") is another stack's output")
        case "Fn::GetAZs":
            let r = try resolve(argument, line: line)
            let region = r.text.flatMap { $0.isEmpty ? nil : $0 } ?? context.region
            return .array(["a", "b", "c"].map { .string(region + $0) })
        case "Fn::Length":
            let r = try resolve(argument, line: line)
            if case .array(let items) = r { return .number(Double(items.count)) }
            return .unknown("Fn::Length of an unresolved list")
        case "Fn::ToJsonString":
            let r = try resolve(argument, line: line)
            if let reason = r.firstUnknown { return .unknown(reason) }
            return .string(r.jsonText())
        default:
            return .unknown("\(m.key) is not evaluated statically")
        }
    }

    /// `Fn::Sub`: `${Name}`, `${Resource.Attribute}`, `${!Literal}`.
    private mutating func substitute(_ template: inout String, _ variables: [String: TemplateValue], line: Int?) throws(TemplateError)
        -> TemplateValue
    {
        var out = ""
        var rest = Substring(template)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { throw fail("Fn::Sub has an unclosed ${", line) }
            let name = String(rest[start.upperBound..<end])
            rest = rest[rest.index(after: end)...]
            if name.hasPrefix("!") {
                out += "${" + name.dropFirst() + "}"
                continue
            }
            let value: TemplateValue
            if let v = variables[name] {
                value = v
            } else if let p = pseudo(name) {
                value = p
            } else if let p = parameters[name] {
                value = p
            } else if resourceTypes[name] != nil {
                value = ref(resource: name)
            } else if let dot = name.firstIndex(of: "."), resourceTypes[String(name[..<dot])] != nil {
                value = getAtt(String(name[..<dot]), String(name[name.index(after: dot)...]))
            } else {
                throw fail("Fn::Sub names ${\(name)}, which is neither a parameter, a resource nor a variable", line)
            }
            if case .unknown = value { return value }
            guard let text = value.text else {
                if case .array(let items) = value { out += items.compactMap(\.text).joined(separator: ","); continue }
                throw fail("Fn::Sub ${\(name)} is not a string", line)
            }
            out += text
        }
        out += rest
        return .string(out)
    }
}
