#!/usr/bin/env python3
"""Writes N synthetic CloudFormation templates (default 1,000) into a folder for `rampart scan --template`.

Each template holds a VPC, two security groups (one with SSH open), an ingress rule resource, a bucket
with its policy, a role with an inline policy and a database, with parameters, conditions, mappings and
the intrinsic functions a real template uses. Usage: generate.py OUT_DIR [COUNT]
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
