import RampartInventory
import RampartJSON

/// What the templates declare of the network, compute and service resources beyond security
/// groups, buckets, IAM and RDS instances, gathered while rendering and assembled at the end,
/// when every attachment (routes, associations, policies, permissions) has met its parent
/// whatever the order of the files.
struct DeclaredServices {
    var vpcs: [JSONObject] = []
    var subnets: [JSONObject] = []
    var subnetIndex: [String: Int] = [:]
    /// A subnet's unresolved values: the resources placed in it depend on them too (its zone, its public addresses).
    var subnetUnresolved: [String: [String]] = [:]
    var routeTables: [String: JSONObject] = [:], routeTableOrder: [String] = []
    var routes: [(table: String, route: JSONValue)] = []
    var tableAssociations: [(table: String, subnet: String)] = []
    var gateways: [String: JSONObject] = [:], gatewayOrder: [String] = []
    var gatewayAttachments: [(gateway: String, vpc: String)] = []
    var acls: [String: JSONObject] = [:], aclOrder: [String] = []
    var aclEntries: [(acl: String, entry: JSONValue)] = []
    var aclAssociations: [(acl: String, subnet: String)] = []
    var instances: [JSONObject] = []
    var volumes: [JSONObject] = []
    var volumeAttachments: [(volume: String, instance: String)] = []
    /// Launch templates by id and by name: their metadata options reach the instances launched from them.
    var launchTemplates: [String: TemplateValue] = [:]
    var groups: [JSONObject] = []
    var clusters: [JSONObject] = []
    var queuePolicies: [String: (policy: JSONValue, unresolved: [String])] = [:]
    var topicPolicies: [String: (policy: JSONValue, unresolved: [String])] = [:]
    var permissions: [String: [(statement: JSONValue, unresolved: [String])]] = [:]
    /// Each declared resource's rendered ARN by the id a `Ref` returns, so attachments find their parent.
    var arnsById: [String: String] = [:]
}

extension Renderer {
    /// The types rendered here; false for a type Rampart does not model.
    mutating func renderService(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties) -> Bool {
        let props = r.properties
        let resolver = template.resolver
        let id = resolver.ref(resource: r.logicalId).text ?? r.logicalId
        let scope = Scope(partition: context.partition, account: context.account, region: context.region)
        switch r.type {
        case "AWS::EC2::VPC":
            var o = JSONObject()
            o["VpcId"] = .string(id)
            o["CidrBlock"] = .string(p.string(props["CidrBlock"], key: "CidrBlock") ?? "")
            o["IsDefault"] = false
            o["State"] = "available"
            o["Tags"] = p.tags()
            services.vpcs.append(o)
            declare(scope.arn("ec2", "vpc/\(id)"), template, r, p)
        case "AWS::EC2::Subnet":
            // Without AvailabilityZone (or AvailabilityZoneId) AWS picks a zone at creation.
            let zoneValue: TemplateValue = props["AvailabilityZone"] ?? props["AvailabilityZoneId"].map { v in
                v.text.flatMap(zoneName(ofId:)).map(TemplateValue.string) ?? v
            } ?? .unknown("AvailabilityZone is not set; AWS picks the zone at creation")
            let closed = context.region + ["a", "b", "c"][services.subnets.count % 3]
            let zone = p.string(zoneValue, key: "AvailabilityZone", open: context.region + "a", closed: closed) ?? closed
            var o = JSONObject()
            o["SubnetId"] = .string(id)
            o["SubnetArn"] = .string(scope.arn("ec2", "subnet/\(id)"))
            o["VpcId"] = .string(p.string(props["VpcId"], key: "VpcId", open: "vpc-unresolved", closed: "vpc-unresolved") ?? "")
            o["CidrBlock"] = .string(p.string(props["CidrBlock"], key: "CidrBlock") ?? "")
            o["AvailabilityZone"] = .string(zone)
            if let zoneId = zoneId(ofName: zone) { o["AvailabilityZoneId"] = .string(zoneId) }
            // AWS's default: a subnet does not assign public addresses unless told to.
            o["MapPublicIpOnLaunch"] = .bool(p.bool(props["MapPublicIpOnLaunch"], key: "MapPublicIpOnLaunch", open: true) ?? false)
            o["State"] = "available"
            o["Tags"] = p.tags()
            services.subnetIndex[id] = services.subnets.count
            services.subnetUnresolved[id] = p.unresolved
            services.subnets.append(o)
            declare(scope.arn("ec2", "subnet/\(id)"), template, r, p)
        case "AWS::EC2::RouteTable":
            var o = JSONObject()
            o["RouteTableId"] = .string(id)
            o["VpcId"] = .string(p.string(props["VpcId"], key: "VpcId", open: "vpc-unresolved", closed: "vpc-unresolved") ?? "")
            o["Tags"] = p.tags()
            services.routeTables[id] = o
            services.routeTableOrder.append(id)
            declare(scope.arn("ec2", "route-table/\(id)"), template, r, p)
        case "AWS::EC2::Route":
            guard let table = p.string(props["RouteTableId"], key: "RouteTableId", open: "rtb-unresolved", closed: "rtb-unresolved") else { return true }
            var route = JSONObject()
            if let v = p.string(props["DestinationCidrBlock"], key: "DestinationCidrBlock", open: "0.0.0.0/0", closed: "192.0.2.0/24") {
                route["DestinationCidrBlock"] = .string(v)
            }
            if let v = p.string(props["DestinationIpv6CidrBlock"], key: "DestinationIpv6CidrBlock", open: "::/0", closed: "2001:db8::/64") {
                route["DestinationIpv6CidrBlock"] = .string(v)
            }
            if let v = p.string(props["GatewayId"], key: "GatewayId", open: "igw-unresolved", closed: "vgw-unresolved") { route["GatewayId"] = .string(v) }
            if let v = p.string(props["NatGatewayId"], key: "NatGatewayId") { route["NatGatewayId"] = .string(v) }
            route["State"] = "active"
            services.routes.append((table, .object(route)))
            attachUnresolved(p.unresolved, to: scope.arn("ec2", "route-table/\(table)"))
        case "AWS::EC2::SubnetRouteTableAssociation":
            if let table = p.string(props["RouteTableId"], key: "RouteTableId"), let subnet = p.string(props["SubnetId"], key: "SubnetId") {
                services.tableAssociations.append((table, subnet))
            }
        case "AWS::EC2::InternetGateway":
            var o = JSONObject()
            o["InternetGatewayId"] = .string(id)
            o["Tags"] = p.tags()
            services.gateways[id] = o
            services.gatewayOrder.append(id)
            declare(scope.arn("ec2", "internet-gateway/\(id)"), template, r, p)
        case "AWS::EC2::VPCGatewayAttachment":
            if let gateway = p.string(props["InternetGatewayId"], key: "InternetGatewayId"), let vpc = p.string(props["VpcId"], key: "VpcId") {
                services.gatewayAttachments.append((gateway, vpc))
            }
        case "AWS::EC2::NetworkAcl":
            var o = JSONObject()
            o["NetworkAclId"] = .string(id)
            o["VpcId"] = .string(p.string(props["VpcId"], key: "VpcId", open: "vpc-unresolved", closed: "vpc-unresolved") ?? "")
            o["IsDefault"] = false
            o["Tags"] = p.tags()
            services.acls[id] = o
            services.aclOrder.append(id)
            declare(scope.arn("ec2", "network-acl/\(id)"), template, r, p)
        case "AWS::EC2::NetworkAclEntry":
            guard let acl = p.string(props["NetworkAclId"], key: "NetworkAclId") else { return true }
            var e = JSONObject()
            e["RuleNumber"] = .number(Double(p.int(props["RuleNumber"], key: "RuleNumber", open: 1, closed: 32766) ?? 100))
            e["Protocol"] = .string(p.string(props["Protocol"], key: "Protocol", open: "-1", closed: "17") ?? "-1")
            e["RuleAction"] = .string(p.string(props["RuleAction"], key: "RuleAction", open: "allow", closed: "deny")?.lowercased() ?? "deny")
            e["Egress"] = .bool(p.bool(props["Egress"], key: "Egress", open: false) ?? false)
            if let v = p.string(props["CidrBlock"], key: "CidrBlock", open: "0.0.0.0/0", closed: "192.0.2.1/32") { e["CidrBlock"] = .string(v) }
            if let v = p.string(props["Ipv6CidrBlock"], key: "Ipv6CidrBlock", open: "::/0", closed: "2001:db8::1/128") { e["Ipv6CidrBlock"] = .string(v) }
            if let range = props["PortRange"] {
                e["PortRange"] = [
                    "From": .number(Double(p.int(range["From"], key: "PortRange.From", open: 0, closed: 65535) ?? 0)),
                    "To": .number(Double(p.int(range["To"], key: "PortRange.To", open: 65535, closed: 0) ?? 65535)),
                ]
            }
            services.aclEntries.append((acl, .object(e)))
            attachUnresolved(p.unresolved, to: scope.arn("ec2", "network-acl/\(acl)"))
        case "AWS::EC2::SubnetNetworkAclAssociation":
            if let acl = p.string(props["NetworkAclId"], key: "NetworkAclId"), let subnet = p.string(props["SubnetId"], key: "SubnetId") {
                services.aclAssociations.append((acl, subnet))
            }
        case "AWS::EC2::LaunchTemplate":
            let data = props["LaunchTemplateData"] ?? .object([])
            services.launchTemplates[id] = data
            if let name = props["LaunchTemplateName"]?.text { services.launchTemplates[name] = data }
            // Not in the inventory by itself: what it says reaches the instances and groups that use it.
            unmodelled[r.type + " (read through the instances and groups that use it)", default: 0] += 1
        case "AWS::EC2::Instance":
            renderInstance(template, r, &p, id: id, scope: scope)
        case "AWS::EC2::Volume":
            var o = JSONObject()
            o["VolumeId"] = .string(id)
            let zone = p.string(props["AvailabilityZone"], key: "AvailabilityZone", open: context.region + "a", closed: context.region + "a")
            if let zone { o["AvailabilityZone"] = .string(zone) }
            // Unencrypted unless asked: the account's encryption by default is not the template's to show (read as off).
            o["Encrypted"] = .bool(p.bool(props["Encrypted"], key: "Encrypted", open: false) ?? false)
            if let key = p.string(props["KmsKeyId"], key: "KmsKeyId") { o["KmsKeyId"] = .string(key) }
            if let size = p.int(props["Size"], key: "Size", open: 1, closed: 1) { o["Size"] = .number(Double(size)) }
            o["State"] = "available"
            o["Tags"] = p.tags()
            services.volumes.append(o)
            declare(scope.arn("ec2", "volume/\(id)"), template, r, p)
        case "AWS::EC2::VolumeAttachment":
            if let volume = p.string(props["VolumeId"], key: "VolumeId"), let instance = p.string(props["InstanceId"], key: "InstanceId") {
                services.volumeAttachments.append((volume, instance))
            }
        case "AWS::AutoScaling::AutoScalingGroup":
            renderAutoScalingGroup(template, r, &p, scope: scope)
        case "AWS::KMS::Key":
            renderKey(template, r, &p, id: id, scope: scope)
        case "AWS::DynamoDB::Table":
            renderTable(template, r, &p, scope: scope)
        case "AWS::SQS::Queue":
            renderQueue(template, r, &p, scope: scope)
        case "AWS::SQS::QueuePolicy":
            let document = p.policy(props["PolicyDocument"], key: "PolicyDocument") ?? .null
            for (i, url) in (props["Queues"]?.arrayItems ?? []).enumerated() {
                guard let url = p.string(url, key: "Queues[\(i)]") else { continue }
                services.queuePolicies[url] = (document, p.unresolved)
            }
        case "AWS::SNS::Topic":
            renderTopic(template, r, &p, scope: scope)
        case "AWS::SNS::TopicPolicy":
            let document = p.policy(props["PolicyDocument"], key: "PolicyDocument") ?? .null
            for (i, arn) in (props["Topics"]?.arrayItems ?? []).enumerated() {
                guard let arn = p.string(arn, key: "Topics[\(i)]") else { continue }
                services.topicPolicies[arn] = (document, p.unresolved)
            }
        case "AWS::Lambda::Function":
            renderFunction(template, r, &p, scope: scope)
        case "AWS::Lambda::Permission":
            // One statement of the function's resource-based policy, as `get-policy` prints it.
            guard let function = p.string(props["FunctionName"], key: "FunctionName") else { return true }
            let name = function.split(separator: ":").count >= 7 ? String(function.split(separator: ":")[6]) : function
            var statement = JSONObject()
            statement["Sid"] = .string(r.logicalId)
            statement["Effect"] = "Allow"
            let principal = p.string(props["Principal"], key: "Principal", open: "*", closed: context.account) ?? "*"
            statement["Principal"] = principal == "*" ? "*" : principal.contains(".amazonaws.com") ? ["Service": .string(principal)] : ["AWS": .string(principal)]
            statement["Action"] = .string(p.string(props["Action"], key: "Action") ?? "lambda:InvokeFunction")
            statement["Resource"] = .string(scope.arn("lambda", "function:\(name)"))
            var condition = JSONObject()
            if let account = p.string(props["SourceAccount"], key: "SourceAccount", open: "<unresolved>", closed: context.account) {
                condition["StringEquals"] = ["AWS:SourceAccount": .string(account)]
            }
            if let arn = p.string(props["SourceArn"], key: "SourceArn", open: "*", closed: scope.arn("events", "rule/unresolved")) {
                condition["ArnLike"] = ["AWS:SourceArn": .string(arn)]
            }
            if let org = p.string(props["PrincipalOrgID"], key: "PrincipalOrgID", open: "*", closed: "o-unresolved") {
                condition["StringEquals"] = ["aws:PrincipalOrgID": .string(org)]
            }
            if let url = p.string(props["FunctionUrlAuthType"], key: "FunctionUrlAuthType", open: "NONE", closed: "AWS_IAM") {
                condition["StringEquals"] = ["lambda:FunctionUrlAuthType": .string(url)]
            }
            if !condition.isEmpty { statement["Condition"] = .object(condition) }
            services.permissions[name, default: []].append((.object(statement), p.unresolved))
        case "AWS::CloudTrail::Trail":
            renderTrail(template, r, &p, scope: scope)
        case "AWS::RDS::DBCluster":
            renderDBCluster(template, r, &p, scope: scope)
        default:
            return false
        }
        return true
    }

    func zoneId(ofName zone: String) -> String? {
        guard zone.hasPrefix(context.region), let letter = zone.dropFirst(context.region.count).first,
            let index = "abcdef".firstIndex(of: letter)
        else { return nil }
        return "\(context.region)-az\("abcdef".distance(from: "abcdef".startIndex, to: index) + 1)"
    }

    func zoneName(ofId id: String) -> String? {
        guard id.hasPrefix("\(context.region)-az"), let n = Int(id.dropFirst("\(context.region)-az".count)), (1...6).contains(n) else { return nil }
        return context.region + String(Array("abcdef")[n - 1])
    }

    /// A declared resource's verdicts depend on the unresolved values of what attaches to it.
    mutating func attachUnresolved(_ unresolved: [String], to arn: String?) {
        guard !unresolved.isEmpty, let arn, let i = resourceIndex[arn] else { return }
        resources[i].unresolved += unresolved
    }

    mutating func renderInstance(
        _ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, id: String, scope: Scope
    ) {
        let props = r.properties
        let interfaces = props["NetworkInterfaces"]?.arrayItems ?? []
        let primary = interfaces.first { $0["DeviceIndex"]?.text == "0" || $0["DeviceIndex"] == .number(0) } ?? interfaces.first
        let subnetValue = props["SubnetId"] ?? primary?["SubnetId"]
        let subnet = p.string(subnetValue, key: "SubnetId", open: "subnet-unresolved", closed: "subnet-unresolved")
        let declaredSubnet = subnet.flatMap { services.subnetIndex[$0] }.map { services.subnets[$0] }
        p.unresolved += subnet.flatMap { services.subnetUnresolved[$0] } ?? []
        var o = JSONObject()
        o["InstanceId"] = .string(id)
        // AWS's documented default instance type.
        o["InstanceType"] = .string(p.string(props["InstanceType"], key: "InstanceType") ?? "m1.small")
        if let image = p.string(props["ImageId"], key: "ImageId") { o["ImageId"] = .string(image) }
        o["State"] = ["Name": "running", "Code": 16]
        if let subnet { o["SubnetId"] = .string(subnet) }
        if let vpc = declaredSubnet?["VpcId"] { o["VpcId"] = vpc }
        let zone = p.string(props["AvailabilityZone"], key: "AvailabilityZone", open: context.region + "a", closed: context.region + "a")
            ?? declaredSubnet?["AvailabilityZone"]?.stringValue
        if let zone { o["Placement"] = ["AvailabilityZone": .string(zone)] }
        // A public address: the interface's AssociatePublicIpAddress, else the subnet's MapPublicIpOnLaunch;
        // a subnet this template does not declare decides it at launch (unresolved).
        let publicValue: TemplateValue = primary?["AssociatePublicIpAddress"]
            ?? declaredSubnet.map { .bool($0["MapPublicIpOnLaunch"] == .bool(true)) }
            ?? .unknown(subnetValue == nil
                ? "no SubnetId: the instance launches in a default subnet, which assigns public addresses"
                : "the subnet is not declared here; whether it assigns public addresses is known at launch")
        if p.bool(publicValue, key: "AssociatePublicIpAddress", open: true) == true { o["PublicIpAddress"] = "203.0.113.10" }
        o["PrivateIpAddress"] = .string(p.string(props["PrivateIpAddress"], key: "PrivateIpAddress") ?? "10.0.0.10")
        // IMDS: a launch template's MetadataOptions; otherwise the AMI and the account's defaults decide.
        let launchTemplate = props["LaunchTemplate"].flatMap { spec in
            (spec["LaunchTemplateId"]?.text ?? spec["LaunchTemplateName"]?.text).flatMap { services.launchTemplates[$0] }
        }
        // A Terraform instance's own metadata_options come first (CloudFormation has no such property).
        let options = props["MetadataOptions"] ?? launchTemplate?["MetadataOptions"]
        let tokens = options?["HttpTokens"]
            ?? .unknown("HttpTokens is set by no launch template; the AMI and the account's IMDS defaults decide it")
        var metadata = JSONObject()
        metadata["HttpTokens"] = .string(p.string(tokens, key: "MetadataOptions.HttpTokens", open: "optional", closed: "required") ?? "optional")
        metadata["HttpEndpoint"] = .string(
            p.string(options?["HttpEndpoint"], key: "MetadataOptions.HttpEndpoint", open: "enabled", closed: "disabled") ?? "enabled")
        o["MetadataOptions"] = .object(metadata)
        if let profile = p.string(props["IamInstanceProfile"], key: "IamInstanceProfile") {
            o["IamInstanceProfile"] = ["Arn": .string(profile.hasPrefix("arn:") ? profile : "arn:\(context.partition):iam::\(context.account):instance-profile/\(profile)")]
        }
        var groupIds = (props["SecurityGroupIds"]?.arrayItems ?? []) + (props["SecurityGroups"]?.arrayItems ?? [])
        for interface in interfaces { groupIds += interface["GroupSet"]?.arrayItems ?? [] }
        let groups: [JSONValue] = groupIds.enumerated().compactMap { (i, g) in
            p.string(g, key: "SecurityGroupIds[\(i)]", open: "sg-unresolved", closed: "sg-unresolved").map { ["GroupId": .string($0)] }
        }
        o["SecurityGroups"] = .array(groups)
        o["NetworkInterfaces"] = .array((interfaces.isEmpty ? [TemplateValue.null] : interfaces).map { _ in ["Groups": .array(groups), "Ipv6Addresses": []] })
        var mappings: [JSONValue] = []
        for (i, mapping) in (props["BlockDeviceMappings"]?.arrayItems ?? []).enumerated() {
            guard let ebs = mapping["Ebs"] else { continue }
            // Each volume depends on its own unresolved values only.
            var vp = Properties(r.properties, assumption, logicalId: r.logicalId)
            let volumeId = "vol-\(template.stackName)-\(r.logicalId)-\(i)"
            mappings.append(["DeviceName": .string(mapping["DeviceName"]?.text ?? "/dev/xvd\(i)"), "Ebs": ["VolumeId": .string(volumeId)]])
            var v = JSONObject()
            v["VolumeId"] = .string(volumeId)
            if let zone { v["AvailabilityZone"] = .string(zone) }
            v["Encrypted"] = .bool(vp.bool(ebs["Encrypted"], key: "BlockDeviceMappings[\(i)].Ebs.Encrypted", open: false) ?? false)
            if let key = vp.string(ebs["KmsKeyId"], key: "BlockDeviceMappings[\(i)].Ebs.KmsKeyId") { v["KmsKeyId"] = .string(key) }
            if let size = vp.int(ebs["VolumeSize"], key: "BlockDeviceMappings[\(i)].Ebs.VolumeSize", open: 8, closed: 8) { v["Size"] = .number(Double(size)) }
            v["State"] = "in-use"
            v["Attachments"] = [["InstanceId": .string(id), "State": "attached"]]
            services.volumes.append(v)
            // The volume is written in the instance's declaration: findings on it point there.
            declare(scope.arn("ec2", "volume/\(volumeId)"), template, r, vp)
        }
        o["BlockDeviceMappings"] = .array(mappings)
        o["VirtualizationType"] = "hvm"
        o["Monitoring"] = ["State": p.bool(props["Monitoring"], key: "Monitoring", open: false) == true ? "enabled" : "disabled"]
        o["Tags"] = p.tags()
        services.instances.append(o)
        declare(scope.arn("ec2", "instance/\(id)"), template, r, p)
    }

    mutating func renderAutoScalingGroup(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, scope: Scope) {
        let props = r.properties
        let name = p.string(props["AutoScalingGroupName"], key: "AutoScalingGroupName") ?? template.resolver.physicalName(r.logicalId)
        let arn = scope.arn("autoscaling", "autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/\(name)")
        var o = JSONObject()
        o["AutoScalingGroupName"] = .string(name)
        o["AutoScalingGroupARN"] = .string(arn)
        let minSize = p.int(props["MinSize"], key: "MinSize", open: 0, closed: 0) ?? 0
        let maxSize = p.int(props["MaxSize"], key: "MaxSize", open: 0, closed: 0) ?? 0
        // Without DesiredCapacity, AWS starts the group at its minimum size.
        let desired = p.int(props["DesiredCapacity"], key: "DesiredCapacity", open: minSize, closed: maxSize) ?? minSize
        o["MinSize"] = .number(Double(minSize))
        o["MaxSize"] = .number(Double(maxSize))
        o["DesiredCapacity"] = .number(Double(desired))
        let subnets = (props["VPCZoneIdentifier"]?.arrayItems ?? []).enumerated().compactMap { (i, s) in
            p.string(s, key: "VPCZoneIdentifier[\(i)]", open: "subnet-unresolved", closed: "subnet-unresolved-\(i)")
        }
        o["VPCZoneIdentifier"] = .string(subnets.joined(separator: ","))
        // The zones are the subnets' (as AWS reports them); a subnet not declared here has an unknown zone.
        var zones = (props["AvailabilityZones"]?.arrayItems ?? []).enumerated().compactMap { (i, z) in
            p.string(z, key: "AvailabilityZones[\(i)]", open: context.region + "a", closed: context.region + ["a", "b", "c"][i % 3])
        }
        for (i, subnet) in subnets.enumerated() {
            p.unresolved += services.subnetUnresolved[subnet] ?? []
            let zone = services.subnetIndex[subnet].flatMap { services.subnets[$0]["AvailabilityZone"]?.stringValue }
                ?? p.string(.unknown("the zone of subnet \(subnet), which is not declared here"), key: "VPCZoneIdentifier[\(i)]",
                            open: context.region + "a", closed: context.region + ["a", "b", "c"][i % 3])
            if let zone, !zones.contains(zone) { zones.append(zone) }
        }
        o["AvailabilityZones"] = .strings(zones)
        o["TargetGroupARNs"] = .strings((props["TargetGroupARNs"]?.arrayItems ?? []).compactMap { p.string($0, key: "TargetGroupARNs") })
        o["LoadBalancerNames"] = .strings((props["LoadBalancerNames"]?.arrayItems ?? []).compactMap { p.string($0, key: "LoadBalancerNames") })
        o["HealthCheckType"] = .string(p.string(props["HealthCheckType"], key: "HealthCheckType", open: "EC2", closed: "ELB") ?? "EC2")
        func spec(_ v: TemplateValue?) -> JSONValue? {
            guard let v else { return nil }
            var s = JSONObject()
            if let id = p.string(v["LaunchTemplateId"], key: "LaunchTemplate.LaunchTemplateId") { s["LaunchTemplateId"] = .string(id) }
            if let n = p.string(v["LaunchTemplateName"], key: "LaunchTemplate.LaunchTemplateName") { s["LaunchTemplateName"] = .string(n) }
            return .object(s)
        }
        if let direct = spec(props["LaunchTemplate"]) { o["LaunchTemplate"] = direct }
        if let mixed = props["MixedInstancesPolicy"]?["LaunchTemplate"] {
            o["MixedInstancesPolicy"] = ["LaunchTemplate": [
                "LaunchTemplateSpecification": spec(mixed["LaunchTemplateSpecification"]) ?? .object(JSONObject()),
                "Overrides": .array((mixed["Overrides"]?.arrayItems ?? []).compactMap { o in
                    p.string(o["InstanceType"], key: "Overrides.InstanceType").map { ["InstanceType": .string($0)] }
                }),
            ]]
        }
        if let configuration = p.string(props["LaunchConfigurationName"], key: "LaunchConfigurationName") {
            o["LaunchConfigurationName"] = .string(configuration)
        }
        // The instances AWS launches: the desired capacity, balanced across the zones.
        o["Instances"] = .array(zones.isEmpty ? [] : (0..<desired).map { i in
            ["InstanceId": .string("i-\(template.stackName)-\(r.logicalId)-\(i)"), "AvailabilityZone": .string(zones[i % zones.count]),
             "LifecycleState": "InService", "HealthStatus": "Healthy"]
        })
        o["Tags"] = p.tags()
        services.groups.append(o)
        declare(arn, template, r, p)
    }

    mutating func renderKey(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, id: String, scope: Scope) {
        let props = r.properties
        let arn = scope.arn("kms", "key/\(id)")
        let c = { (op: String) in AWSCall(account: scope.account, region: scope.region, service: "kms", operation: op, resource: id) }
        lists["kms list-keys Keys", default: []].append(["KeyId": .string(id), "KeyArn": .string(arn)])
        let spec = p.string(props["KeySpec"], key: "KeySpec") ?? "SYMMETRIC_DEFAULT"
        var m = JSONObject()
        m["KeyId"] = .string(id)
        m["Arn"] = .string(arn)
        m["KeyManager"] = "CUSTOMER"
        m["KeyState"] = p.bool(props["Enabled"], key: "Enabled", open: true) == false ? "Disabled" : "Enabled"
        m["KeySpec"] = .string(spec)
        m["KeyUsage"] = .string(p.string(props["KeyUsage"], key: "KeyUsage") ?? "ENCRYPT_DECRYPT")
        m["Origin"] = .string(p.string(props["Origin"], key: "Origin") ?? "AWS_KMS")
        m["MultiRegion"] = .bool(p.bool(props["MultiRegion"], key: "MultiRegion", open: false) ?? false)
        if let d = p.string(props["Description"], key: "Description") { m["Description"] = .string(d) }
        results[c("describe-key")] = .answer(["KeyMetadata": .object(m)])
        // EnableKeyRotation defaults to false.
        results[c("get-key-rotation-status")] = .answer(["KeyRotationEnabled": .bool(p.bool(props["EnableKeyRotation"], key: "EnableKeyRotation", open: false) ?? false)])
        // Without KeyPolicy, AWS gives the key its default policy: the account's root, through IAM.
        let defaultPolicy: JSONValue = ["Version": "2012-10-17", "Statement": [[
            "Sid": "Enable IAM User Permissions", "Effect": "Allow",
            "Principal": ["AWS": .string("arn:\(context.partition):iam::\(context.account):root")], "Action": "kms:*", "Resource": "*",
        ]]]
        let policy = p.policy(props["KeyPolicy"], key: "KeyPolicy") ?? defaultPolicy
        results[c("get-key-policy")] = .answer(["Policy": .string(JSONWriter.string(policy))])
        declare(arn, template, r, p)
    }

    mutating func renderTable(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, scope: Scope) {
        let props = r.properties
        let name = p.string(props["TableName"], key: "TableName") ?? template.resolver.physicalName(r.logicalId)
        let arn = scope.arn("dynamodb", "table/\(name)")
        let c = { (op: String, resource: String) in AWSCall(account: scope.account, region: scope.region, service: "dynamodb", operation: op, resource: resource) }
        lists["dynamodb list-tables TableNames", default: []].append(.string(name))
        results[c("list-tags-of-resource", arn)] = .answer(["Tags": p.tags()])
        var t = JSONObject()
        t["TableName"] = .string(name)
        t["TableArn"] = .string(arn)
        t["TableStatus"] = "ACTIVE"
        t["BillingModeSummary"] = ["BillingMode": .string(p.string(props["BillingMode"], key: "BillingMode") ?? "PROVISIONED")]
        t["DeletionProtectionEnabled"] = .bool(p.bool(props["DeletionProtectionEnabled"], key: "DeletionProtectionEnabled", open: false) ?? false)
        // SSESpecification.SSEEnabled true means a KMS key; without it, an AWS owned key (no SSEDescription).
        if p.bool(props["SSESpecification"]?["SSEEnabled"], key: "SSESpecification.SSEEnabled", open: false) == true {
            var sse: JSONObject = ["Status": "ENABLED", "SSEType": "KMS"]
            if let key = p.setting(props["SSESpecification"]?["KMSMasterKeyId"], key: "SSESpecification.KMSMasterKeyId") {
                sse["KMSMasterKeyArn"] = .string(key)
            }
            t["SSEDescription"] = .object(sse)
        }
        results[c("describe-table", name)] = .answer(["Table": .object(t)])
        let pitr = p.bool(props["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"], key: "PointInTimeRecoveryEnabled", open: false) ?? false
        results[c("describe-continuous-backups", name)] = .answer(["ContinuousBackupsDescription": [
            "ContinuousBackupsStatus": "ENABLED",
            "PointInTimeRecoveryDescription": ["PointInTimeRecoveryStatus": pitr ? "ENABLED" : "DISABLED"],
        ]])
        declare(arn, template, r, p)
    }

    mutating func renderQueue(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, scope: Scope) {
        let props = r.properties
        let url = template.resolver.ref(resource: r.logicalId).text ?? r.logicalId
        let name = String(url.split(separator: "/").last ?? "")
        let arn = scope.arn("sqs", name)
        lists["sqs list-queues QueueUrls", default: []].append(.string(url))
        var a = JSONObject()
        a["QueueArn"] = .string(arn)
        // Since 2022 a new queue is encrypted with SQS-managed keys unless a KMS key is given or SSE is turned off.
        let kms = p.setting(props["KmsMasterKeyId"], key: "KmsMasterKeyId")
        if let kms { a["KmsMasterKeyId"] = .string(kms) }
        a["SqsManagedSseEnabled"] = .string(kms == nil && p.bool(props["SqsManagedSseEnabled"], key: "SqsManagedSseEnabled", open: false) ?? true ? "true" : "false")
        if let redrive = p.json(props["RedrivePolicy"], key: "RedrivePolicy") {
            a["RedrivePolicy"] = .string(redrive.stringValue ?? JSONWriter.string(redrive))
        }
        a["MessageRetentionPeriod"] = .string(String(p.int(props["MessageRetentionPeriod"], key: "MessageRetentionPeriod", open: 345_600, closed: 345_600) ?? 345_600))
        services.arnsById[url] = arn
        results[AWSCall(account: scope.account, region: scope.region, service: "sqs", operation: "get-queue-attributes", resource: url)] = .answer(["Attributes": .object(a)])
        declare(arn, template, r, p)
    }

    mutating func renderTopic(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, scope: Scope) {
        let props = r.properties
        let arn = template.resolver.ref(resource: r.logicalId).text ?? r.logicalId
        lists["sns list-topics Topics", default: []].append(["TopicArn": .string(arn)])
        var a = JSONObject()
        a["TopicArn"] = .string(arn)
        a["Owner"] = .string(context.account)
        if let kms = p.setting(props["KmsMasterKeyId"], key: "KmsMasterKeyId") { a["KmsMasterKeyId"] = .string(kms) }
        services.arnsById[arn] = arn
        results[AWSCall(account: scope.account, region: scope.region, service: "sns", operation: "get-topic-attributes", resource: arn)] = .answer(["Attributes": .object(a)])
        declare(arn, template, r, p)
    }

    mutating func renderFunction(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, scope: Scope) {
        let props = r.properties
        let name = p.string(props["FunctionName"], key: "FunctionName") ?? template.resolver.physicalName(r.logicalId)
        let arn = scope.arn("lambda", "function:\(name)")
        var f = JSONObject()
        f["FunctionName"] = .string(name)
        f["FunctionArn"] = .string(arn)
        f["Role"] = .string(p.string(props["Role"], key: "Role") ?? "")
        // An image function has no runtime; a zip function without Runtime is refused by AWS.
        let packageType = p.string(props["PackageType"], key: "PackageType") ?? "Zip"
        f["PackageType"] = .string(packageType)
        if let runtime = p.string(props["Runtime"], key: "Runtime", open: "python2.7", closed: "python3.13") { f["Runtime"] = .string(runtime) }
        if let key = p.setting(props["KmsKeyArn"], key: "KmsKeyArn") { f["KMSKeyArn"] = .string(key) }
        f["TracingConfig"] = ["Mode": .string(p.string(props["TracingConfig"]?["Mode"], key: "TracingConfig.Mode", open: "PassThrough", closed: "Active") ?? "PassThrough")]
        if let dlq = p.setting(props["DeadLetterConfig"]?["TargetArn"], key: "DeadLetterConfig.TargetArn") { f["DeadLetterConfig"] = ["TargetArn": .string(dlq)] }
        var variables = JSONObject()
        for member in props["Environment"]?["Variables"]?.members ?? [] {
            // Environment values may hold secrets: an unresolved one reads as a placeholder, never as a value.
            variables[member.key] = .string(member.value.text ?? "<unresolved>")
        }
        if !variables.isEmpty { f["Environment"] = ["Variables": .object(variables)] }
        if let vpc = props["VpcConfig"] {
            f["VpcConfig"] = [
                "SubnetIds": .strings((vpc["SubnetIds"]?.arrayItems ?? []).compactMap { p.string($0, key: "VpcConfig.SubnetIds", open: "subnet-unresolved", closed: "subnet-unresolved") }),
                "SecurityGroupIds": .strings((vpc["SecurityGroupIds"]?.arrayItems ?? []).compactMap { p.string($0, key: "VpcConfig.SecurityGroupIds", open: "sg-unresolved", closed: "sg-unresolved") }),
            ]
        }
        f["Layers"] = .array((props["Layers"]?.arrayItems ?? []).compactMap { p.string($0, key: "Layers").map { ["Arn": .string($0)] } })
        lists["lambda list-functions Functions", default: []].append(.object(f))
        services.arnsById[name] = arn
        declare(arn, template, r, p)
    }

    mutating func renderTrail(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, scope: Scope) {
        let props = r.properties
        let name = p.string(props["TrailName"], key: "TrailName") ?? template.resolver.physicalName(r.logicalId)
        let arn = scope.arn("cloudtrail", "trail/\(name)")
        var t = JSONObject()
        t["Name"] = .string(name)
        t["TrailARN"] = .string(arn)
        t["HomeRegion"] = .string(context.region)
        t["IsMultiRegionTrail"] = .bool(p.bool(props["IsMultiRegionTrail"], key: "IsMultiRegionTrail", open: false) ?? false)
        t["IsOrganizationTrail"] = .bool(p.bool(props["IsOrganizationTrail"], key: "IsOrganizationTrail", open: false) ?? false)
        if let bucket = p.string(props["S3BucketName"], key: "S3BucketName") { t["S3BucketName"] = .string(bucket) }
        if let key = p.setting(props["KMSKeyId"], key: "KMSKeyId") { t["KmsKeyId"] = .string(key) }
        t["LogFileValidationEnabled"] = .bool(p.bool(props["EnableLogFileValidation"], key: "EnableLogFileValidation", open: false) ?? false)
        if let group = p.setting(props["CloudWatchLogsLogGroupArn"], key: "CloudWatchLogsLogGroupArn") { t["CloudWatchLogsLogGroupArn"] = .string(group) }
        lists["cloudtrail describe-trails trailList", default: []].append(.object(t))
        let c = { (op: String) in AWSCall(account: scope.account, region: scope.region, service: "cloudtrail", operation: op, resource: arn) }
        results[c("get-trail-status")] = .answer(["IsLogging": .bool(p.bool(props["IsLogging"], key: "IsLogging", open: false) ?? false)])
        // Without EventSelectors a trail logs all management events, reads and writes.
        var selectors: [JSONValue] = []
        for (i, s) in (props["EventSelectors"]?.arrayItems ?? []).enumerated() {
            selectors.append([
                "ReadWriteType": .string(p.string(s["ReadWriteType"], key: "EventSelectors[\(i)].ReadWriteType", open: "WriteOnly", closed: "All") ?? "All"),
                "IncludeManagementEvents": .bool(p.bool(s["IncludeManagementEvents"], key: "EventSelectors[\(i)].IncludeManagementEvents", open: false) ?? true),
                "DataResources": .array((s["DataResources"]?.arrayItems ?? []).map { d in
                    ["Type": .string(d["Type"]?.text ?? ""), "Values": .strings((d["Values"]?.arrayItems ?? []).compactMap(\.text))]
                }),
            ])
        }
        if selectors.isEmpty { selectors = [["ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []]] }
        results[c("get-event-selectors")] = .answer(["TrailARN": .string(arn), "EventSelectors": .array(selectors)])
        declare(arn, template, r, p)
    }

    mutating func renderDBCluster(_ template: CloudFormationTemplate, _ r: CloudFormationTemplate.Resource, _ p: inout Properties, scope: Scope) {
        let props = r.properties
        let id = (p.string(props["DBClusterIdentifier"], key: "DBClusterIdentifier") ?? template.resolver.physicalName(r.logicalId)).lowercased()
        let arn = scope.arn("rds", "cluster:\(id)")
        var o = JSONObject()
        o["DBClusterIdentifier"] = .string(id)
        o["DBClusterArn"] = .string(arn)
        let engine = p.string(props["Engine"], key: "Engine") ?? ""
        o["Engine"] = .string(engine)
        o["Status"] = "available"
        // AWS's defaults: unencrypted, no deletion protection, one day of backups.
        o["StorageEncrypted"] = .bool(p.bool(props["StorageEncrypted"], key: "StorageEncrypted", open: false) ?? false)
        if let key = p.setting(props["KmsKeyId"], key: "KmsKeyId") { o["KmsKeyId"] = .string(key) }
        o["DeletionProtection"] = .bool(p.bool(props["DeletionProtection"], key: "DeletionProtection", open: false) ?? false)
        o["BackupRetentionPeriod"] = .number(Double(p.int(props["BackupRetentionPeriod"], key: "BackupRetentionPeriod", open: 1, closed: 35) ?? 1))
        if let user = p.string(props["MasterUsername"], key: "MasterUsername") { o["MasterUsername"] = .string(user) }
        o["IAMDatabaseAuthenticationEnabled"] = .bool(p.bool(props["EnableIAMDatabaseAuthentication"], key: "EnableIAMDatabaseAuthentication", open: false) ?? false)
        o["CopyTagsToSnapshot"] = .bool(p.bool(props["CopyTagsToSnapshot"], key: "CopyTagsToSnapshot", open: false) ?? false)
        if let window = p.int(props["BacktrackWindow"], key: "BacktrackWindow", open: 0, closed: 86400) { o["BacktrackWindow"] = .number(Double(window)) }
        o["EnabledCloudwatchLogsExports"] = .strings((props["EnableCloudwatchLogsExports"]?.arrayItems ?? []).compactMap(\.text))
        o["VpcSecurityGroups"] = .array((props["VpcSecurityGroupIds"]?.arrayItems ?? []).compactMap {
            p.string($0, key: "VpcSecurityGroupIds", open: "sg-unresolved", closed: "sg-unresolved").map { ["VpcSecurityGroupId": .string($0), "Status": "active"] }
        })
        // Without Port, the engine's default port.
        let lower = engine.lowercased()
        let defaultPort: Int? = lower.contains("postgres") ? 5432 : lower.contains("mysql") ? 3306 : nil
        if let port = p.int(props["Port"], key: "Port", open: defaultPort ?? 0, closed: 1) ?? defaultPort { o["Port"] = .number(Double(port)) }
        o["AvailabilityZones"] = .strings((props["AvailabilityZones"]?.arrayItems ?? []).compactMap(\.text))
        o["TagList"] = p.tags()
        services.clusters.append(o)
        declare(arn, template, r, p)
    }

    /// The network, compute and service answers, once every template is rendered.
    mutating func finishServices() {
        let context = self.context
        let ec2 = { (op: String) in AWSCall(account: context.account, region: context.region, service: "ec2", operation: op) }
        let vpcs = services.vpcs
        // Each VPC gets a main route table (the local route) and a default network ACL (allow all), as AWS creates them.
        var vpcCidrs: [String: JSONValue] = [:]
        for vpc in vpcs { if let id = vpc["VpcId"]?.stringValue { vpcCidrs[id] = vpc["CidrBlock"] } }
        var tables: [JSONValue] = []
        var tableRoutes: [String: [JSONValue]] = [:]
        for (table, route) in services.routes { tableRoutes[table, default: []].append(route) }
        var tableSubnets: [String: [String]] = [:]
        for (table, subnet) in services.tableAssociations { tableSubnets[table, default: []].append(subnet) }
        for vpc in vpcs {
            let id = vpc["VpcId"]?.stringValue ?? ""
            tables.append([
                "RouteTableId": .string("rtb-main-\(id)"), "VpcId": .string(id), "Associations": [["Main": true]],
                "Routes": [["DestinationCidrBlock": vpc["CidrBlock"] ?? "", "GatewayId": "local", "State": "active"]], "Tags": [],
            ])
        }
        for id in services.routeTableOrder {
            guard var t = services.routeTables[id] else { continue }
            let cidr = t["VpcId"]?.stringValue.flatMap { vpcCidrs[$0] }
            t["Routes"] = .array((cidr.map { [["DestinationCidrBlock": $0, "GatewayId": "local", "State": "active"]] } ?? []) + (tableRoutes[id] ?? []))
            t["Associations"] = .array((tableSubnets[id] ?? []).map { ["Main": false, "SubnetId": .string($0), "RouteTableId": .string(id)] })
            tables.append(.object(t))
        }
        var aclSubnets: [String: [String]] = [:]
        var explicitAcl: Set<String> = []
        for (acl, subnet) in services.aclAssociations { aclSubnets[acl, default: []].append(subnet); explicitAcl.insert(subnet) }
        var aclEntries: [String: [JSONValue]] = [:]
        for (acl, entry) in services.aclEntries { aclEntries[acl, default: []].append(entry) }
        let denyAll: [JSONValue] = [false, true].map { egress in
            ["RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": .bool(egress), "CidrBlock": "0.0.0.0/0"]
        }
        var subnetsByVpc: [String: [String]] = [:]
        for subnet in services.subnets {
            guard let id = subnet["SubnetId"]?.stringValue, !explicitAcl.contains(id) else { continue }
            subnetsByVpc[subnet["VpcId"]?.stringValue ?? "", default: []].append(id)
        }
        var acls: [JSONValue] = []
        for vpc in vpcs {
            let id = vpc["VpcId"]?.stringValue ?? ""
            let subnets = subnetsByVpc[id] ?? []
            let allowAll: [JSONValue] = [false, true].map { egress in
                ["RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": .bool(egress), "CidrBlock": "0.0.0.0/0"]
            }
            acls.append([
                "NetworkAclId": .string("acl-default-\(id)"), "VpcId": .string(id), "IsDefault": true, "Entries": .array(allowAll + denyAll),
                "Associations": .array(subnets.map { ["SubnetId": .string($0)] }), "Tags": [],
            ])
        }
        for id in services.aclOrder {
            guard var a = services.acls[id] else { continue }
            a["Entries"] = .array((aclEntries[id] ?? []) + denyAll)
            a["Associations"] = .array((aclSubnets[id] ?? []).map { ["SubnetId": .string($0), "NetworkAclId": .string(id)] })
            acls.append(.object(a))
        }
        var gatewayVpcs: [String: [String]] = [:]
        for (gateway, vpc) in services.gatewayAttachments { gatewayVpcs[gateway, default: []].append(vpc) }
        var gateways: [JSONValue] = []
        for id in services.gatewayOrder {
            guard var g = services.gateways[id] else { continue }
            g["Attachments"] = .array((gatewayVpcs[id] ?? []).map { ["VpcId": .string($0), "State": "available"] })
            gateways.append(.object(g))
        }
        var volumeInstances: [String: [String]] = [:]
        for (volume, instance) in services.volumeAttachments { volumeInstances[volume, default: []].append(instance) }
        var volumes = services.volumes
        for i in volumes.indices {
            if let attached = volumeInstances[volumes[i]["VolumeId"]?.stringValue ?? ""] {
                volumes[i]["Attachments"] = .array(attached.map { ["InstanceId": .string($0), "State": "attached"] })
                volumes[i]["State"] = "in-use"
            }
        }
        results[ec2("describe-vpcs")] = .answer(["Vpcs": .array(vpcs.map(JSONValue.object))])
        results[ec2("describe-subnets")] = .answer(["Subnets": .array(services.subnets.map(JSONValue.object))])
        results[ec2("describe-route-tables")] = .answer(["RouteTables": .array(tables)])
        results[ec2("describe-network-acls")] = .answer(["NetworkAcls": .array(acls)])
        results[ec2("describe-internet-gateways")] = .answer(["InternetGateways": .array(gateways)])
        results[ec2("describe-instances")] = .answer(["Reservations": .array(services.instances.map { ["Instances": [.object($0)]] })])
        results[ec2("describe-volumes")] = .answer(["Volumes": .array(volumes.map(JSONValue.object))])
        results[ec2("describe-snapshots")] = .answer(["Snapshots": []])
        results[ec2("describe-flow-logs")] = .answer(["FlowLogs": []])
        results[ec2("describe-managed-prefix-lists")] = .answer(["PrefixLists": []])
        results[AWSCall(account: context.account, region: context.region, service: "autoscaling", operation: "describe-auto-scaling-groups")] =
            .answer(["AutoScalingGroups": .array(services.groups.map(JSONValue.object))])
        // A cluster's members are the DB instances that name it; AWS spreads them over zones, so
        // a cluster with a reader besides its writer is multi-AZ.
        var members: [String: [String]] = [:]
        for instance in lists["rds describe-db-instances DBInstances"] ?? [] {
            if let cluster = instance["DBClusterIdentifier"]?.stringValue?.lowercased(), let id = instance["DBInstanceIdentifier"]?.stringValue {
                members[cluster, default: []].append(id)
            }
        }
        results[AWSCall(account: context.account, region: context.region, service: "rds", operation: "describe-db-clusters")] = .answer([
            "DBClusters": .array(services.clusters.map { c in
                var c = c
                let ids = members[c["DBClusterIdentifier"]?.stringValue ?? ""] ?? []
                c["DBClusterMembers"] = .array(ids.enumerated().map { i, id in ["DBInstanceIdentifier": .string(id), "IsClusterWriter": .bool(i == 0)] })
                c["MultiAZ"] = .bool(ids.count > 1)
                return .object(c)
            }),
        ])
        // Resource policies written as their own resources join the queue, topic or function they name.
        for (url, policy) in services.queuePolicies {
            let call = AWSCall(account: context.account, region: context.region, service: "sqs", operation: "get-queue-attributes", resource: url)
            guard case .answer(let answer)? = results[call], var attributes = answer["Attributes"]?.objectValue else { continue }
            attributes["Policy"] = .string(JSONWriter.string(policy.policy))
            results[call] = .answer(["Attributes": .object(attributes)])
            attachUnresolved(policy.unresolved, to: services.arnsById[url])
        }
        for (arn, policy) in services.topicPolicies {
            let call = AWSCall(account: context.account, region: context.region, service: "sns", operation: "get-topic-attributes", resource: arn)
            guard case .answer(let answer)? = results[call], var attributes = answer["Attributes"]?.objectValue else { continue }
            attributes["Policy"] = .string(JSONWriter.string(policy.policy))
            results[call] = .answer(["Attributes": .object(attributes)])
            attachUnresolved(policy.unresolved, to: arn)
        }
        for function in lists["lambda list-functions Functions"] ?? [] {
            guard let name = function["FunctionName"]?.stringValue else { continue }
            let call = AWSCall(account: context.account, region: context.region, service: "lambda", operation: "get-policy", resource: name)
            if let statements = services.permissions[name] {
                let policy: JSONValue = ["Version": "2012-10-17", "Id": "default", "Statement": .array(statements.map(\.statement))]
                results[call] = .answer(["Policy": .string(JSONWriter.string(policy))])
                attachUnresolved(statements.flatMap(\.unresolved), to: services.arnsById[name])
            } else {
                results[call] = .failed(code: "ResourceNotFoundException", message: "The resource you requested does not exist.")
            }
        }
    }
}
