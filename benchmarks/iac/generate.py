#!/usr/bin/env python3
"""Writes N synthetic CloudFormation templates (default 1,000) into a folder for `rampart scan --template`.

Each template holds a VPC with two subnets in two zones, an internet gateway and a route table, two
security groups (one with SSH open), an ingress rule resource, a network ACL with an entry, a launch
template, an instance and an Auto Scaling group, a bucket with its policy, a role with an inline policy,
a database, a KMS key, a DynamoDB table and a queue with its policy, with parameters, conditions,
mappings and the intrinsic functions a real template uses. Usage: generate.py OUT_DIR [COUNT]
"""
import os
import sys

TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {{Type: String, Default: {env}}}
  AdminCidr: {{Type: String, Default: {cidr}}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Mappings:
  Sizes:
    prod: {{Class: db.m5.large}}
    dev: {{Class: db.t3.micro}}
Resources:
  Network:
    Type: AWS::EC2::VPC
    Properties: {{CidrBlock: 10.{n8}.0.0/16}}
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "web ${{Env}} {n}"
      VpcId: !Ref Network
      SecurityGroupIngress:
        - {{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr}}
        - {{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}}
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Network
      SecurityGroupEgress: [{{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}}]
  AppFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {{GroupId: !GetAtt App.GroupId, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !Ref Web}}
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Join ["-", [data, !Ref Env, "{n}"]]
      VersioningConfiguration: {{Status: !If [IsProd, Enabled, Suspended]}}
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Statement:
          - {{Effect: Deny, Principal: "*", Action: "s3:*", Resource: [!GetAtt Data.Arn, !Sub "${{Data.Arn}}/*"], Condition: {{Bool: {{aws:SecureTransport: "false"}}}}}}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {{Statement: [{{Effect: Allow, Principal: {{Service: ec2.amazonaws.com}}, Action: "sts:AssumeRole"}}]}}
      Policies:
        - PolicyName: data
          PolicyDocument: {{Statement: [{{Effect: Allow, Action: "s3:GetObject", Resource: !Sub "${{Data.Arn}}/*"}}]}}
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: !FindInMap [Sizes, !Ref Env, Class]
      AllocatedStorage: "20"
      MasterUsername: dbowner
      ManageMasterUserPassword: true
      PubliclyAccessible: false
      StorageEncrypted: true
      MultiAZ: !If [IsProd, true, false]
      VPCSecurityGroups: [!Ref App]
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Network, CidrBlock: 10.{n8}.1.0/24, AvailabilityZone: !Select [0, !GetAZs ""], MapPublicIpOnLaunch: !If [IsProd, false, true]}}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Network, CidrBlock: 10.{n8}.2.0/24, AvailabilityZone: !Select [1, !GetAZs ""]}}
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {{VpcId: !Ref Network, InternetGatewayId: !Ref Gateway}}
  Routes:
    Type: AWS::EC2::RouteTable
    Properties: {{VpcId: !Ref Network}}
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties: {{RouteTableId: !Ref Routes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gateway}}
  RoutesA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {{SubnetId: !Ref SubnetA, RouteTableId: !Ref Routes}}
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: {{VpcId: !Ref Network}}
  AclSsh:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {{NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: !Ref AdminCidr, PortRange: {{From: 22, To: 22}}}}
  AclA:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: {{SubnetId: !Ref SubnetA, NetworkAclId: !Ref Acl}}
  Launch:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: {{ImageId: ami-0abcdef1234567890, InstanceType: t3.micro, MetadataOptions: {{HttpTokens: !If [IsProd, required, optional]}}}}
  Bastion:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: !Ref SubnetA
      SecurityGroupIds: [!Ref Web]
      LaunchTemplate: {{LaunchTemplateId: !Ref Launch, Version: !GetAtt Launch.LatestVersionNumber}}
      BlockDeviceMappings: [{{DeviceName: /dev/xvda, Ebs: {{VolumeSize: 8, Encrypted: true}}}}]
  Fleet:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "2"
      MaxSize: "6"
      VPCZoneIdentifier: !If [IsProd, [!Ref SubnetA, !Ref SubnetB], [!Ref SubnetA]]
      LaunchTemplate: {{LaunchTemplateId: !Ref Launch, Version: !GetAtt Launch.LatestVersionNumber}}
  Key:
    Type: AWS::KMS::Key
    Properties: {{Description: data key, EnableKeyRotation: !If [IsProd, true, false]}}
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{{AttributeName: id, AttributeType: S}}]
      KeySchema: [{{AttributeName: id, KeyType: HASH}}]
      SSESpecification: {{SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key}}
  Jobs:
    Type: AWS::SQS::Queue
    Properties: {{KmsMasterKeyId: !Ref Key}}
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Statement: [{{Effect: Allow, Principal: {{AWS: !GetAtt Role.Arn}}, Action: "sqs:SendMessage", Resource: !GetAtt Jobs.Arn}}]
"""


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    os.makedirs(out, exist_ok=True)
    for n in range(count):
        env = "prod" if n % 2 else "dev"
        cidr = "0.0.0.0/0" if n % 10 == 0 else "10.0.0.0/16"
        with open(os.path.join(out, f"stack-{n:04d}.yaml"), "w") as f:
            f.write(TEMPLATE.format(n=n, n8=n % 250, env=env, cidr=cidr))


if __name__ == "__main__":
    main()
