/// A small VPC, shaped as the AWS CLI prints it, for exposure tests: a public subnet (routes to
/// an internet gateway, network ACL allows everything), a public subnet whose network ACL denies
/// MySQL first, and a private subnet (main route table, local route only).
extension Fixture {
    static let networkSecurityGroups = """
        {"SecurityGroups": [
          {"GroupId": "sg-redshift", "GroupName": "warehouse", "VpcId": "vpc-1", "IpPermissionsEgress": [],
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5439, "ToPort": 5439, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
          {"GroupId": "sg-mysql", "GroupName": "mysql", "VpcId": "vpc-1", "IpPermissionsEgress": [],
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
          {"GroupId": "sg-v6", "GroupName": "mysql-v6", "VpcId": "vpc-1", "IpPermissionsEgress": [],
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]},
          {"GroupId": "sg-pl", "GroupName": "mysql-pl", "VpcId": "vpc-1", "IpPermissionsEgress": [],
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "PrefixListIds": [{"PrefixListId": "pl-0abc"}]}]},
          {"GroupId": "sg-ref", "GroupName": "mysql-from-app", "VpcId": "vpc-1", "IpPermissionsEgress": [],
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "UserIdGroupPairs": [{"GroupId": "sg-app", "UserId": "123456789012"}]}]},
          {"GroupId": "sg-all", "GroupName": "launch-wizard-1", "VpcId": "vpc-1", "IpPermissionsEgress": [],
           "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
          {"GroupId": "sg-web", "GroupName": "web", "VpcId": "vpc-1", "IpPermissionsEgress": [],
           "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
                             {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                             {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}, {"CidrIp": "198.51.0.0/16"}]}]}
        ]}
        """

    static let networkSubnets = """
        {"Subnets": [
          {"SubnetId": "subnet-pub", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.1.0/24", "MapPublicIpOnLaunch": true},
          {"SubnetId": "subnet-pub2", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1c", "CidrBlock": "10.0.3.0/24", "MapPublicIpOnLaunch": true},
          {"SubnetId": "subnet-priv", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1b", "CidrBlock": "10.0.2.0/24", "MapPublicIpOnLaunch": false}
        ]}
        """

    static let networkRouteTables = """
        {"RouteTables": [
          {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true, "RouteTableId": "rtb-main"}],
           "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]},
          {"RouteTableId": "rtb-pub", "VpcId": "vpc-1",
           "Associations": [{"Main": false, "SubnetId": "subnet-pub"}, {"Main": false, "SubnetId": "subnet-pub2"}],
           "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                      {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"},
                      {"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1", "State": "active"}]}
        ]}
        """

    static let networkACLs = """
        {"NetworkAcls": [
          {"NetworkAclId": "acl-default", "VpcId": "vpc-1", "IsDefault": true,
           "Associations": [{"SubnetId": "subnet-pub"}, {"SubnetId": "subnet-priv"}],
           "Entries": [{"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"},
                       {"RuleNumber": 101, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "Ipv6CidrBlock": "::/0"},
                       {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"}]},
          {"NetworkAclId": "acl-nomysql", "VpcId": "vpc-1", "IsDefault": false, "Associations": [{"SubnetId": "subnet-pub2"}],
           "Entries": [{"RuleNumber": 50, "Protocol": "6", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 3306, "To": 3306}},
                       {"RuleNumber": 60, "Protocol": "6", "RuleAction": "allow", "Egress": false, "CidrBlock": "10.0.0.0/8", "PortRange": {"From": 22, "To": 22}},
                       {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"}]},
          {"NetworkAclId": "acl-spare", "VpcId": "vpc-1", "IsDefault": false, "Associations": [],
           "Entries": [{"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": false, "CidrBlock": "10.0.0.0/8", "PortRange": {"From": 443, "To": 443}}]}
        ]}
        """

    /// Records the VPC's security groups, subnets, route tables and network ACLs in us-east-1.
    mutating func network() {
        answer("us-east-1", "ec2", "describe-security-groups", Self.networkSecurityGroups)
        answer("us-east-1", "ec2", "describe-subnets", Self.networkSubnets)
        answer("us-east-1", "ec2", "describe-route-tables", Self.networkRouteTables)
        answer("us-east-1", "ec2", "describe-network-acls", Self.networkACLs)
    }
}
