#!/usr/bin/env python3
"""Seed a moto server with the "Acme Payments" demo account.

Usage: seed.py [ENDPOINT_URL]      (default: $MOTO_ENDPOINT or http://127.0.0.1:5000)

Account 123456789012 (moto's default), regions us-east-1 (primary) and
eu-west-1 (disaster recovery). The estate deliberately mixes good and bad
configuration so that every Rampart check has a PASS and a FAIL resource.
Only ever talks to the given local endpoint with fake credentials.
"""

from __future__ import annotations

import json
import os
import sys
import time
from urllib.parse import urlsplit

import boto3
from botocore.config import Config

ENDPOINT = (sys.argv[1] if len(sys.argv) > 1 else None) or os.environ.get(
    "MOTO_ENDPOINT", "http://127.0.0.1:5000"
)
_parts = urlsplit(ENDPOINT)
if _parts.hostname not in ("127.0.0.1", "localhost"):
    sys.exit(f"seed.py: refusing non-local endpoint {ENDPOINT}")
PORT = _parts.port or 80

ACCOUNT = "123456789012"
PRIMARY = "us-east-1"
DR = "eu-west-1"
EXTERNAL_AUDIT_ACCOUNT = "999988887777"  # a (fictitious) auditor's account

# Fake credentials only; moto accepts anything.
os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ.pop("AWS_SESSION_TOKEN", None)
os.environ.pop("AWS_PROFILE", None)

_clients: dict[tuple[str, str], object] = {}


def client(service: str, region: str = PRIMARY):
    """A boto3 client pointed at moto.

    Two moto routing quirks are handled here, the same way dump.py handles
    them for the AWS CLI:
    - EMR takes its region from the Host header, which must look like
      elasticmapreduce.<region>.amazonaws.com;
    - S3 Control puts the account id in front of the host
      (123456789012.localhost), which does not resolve here.
    For both, the request is sent to moto *as an HTTP proxy* (moto's
    server accepts absolute-form request targets), so the Host header
    carries the name moto expects while the connection only ever goes to
    127.0.0.1.
    """
    key = (service, region)
    if key in _clients:
        return _clients[key]
    cfg = {"retries": {"max_attempts": 2, "mode": "standard"}}
    endpoint = ENDPOINT
    if service == "emr":
        endpoint = f"http://elasticmapreduce.{region}.amazonaws.com.localhost:{PORT}"
        cfg["proxies"] = {"http": f"http://127.0.0.1:{PORT}"}
    elif service == "s3control":
        endpoint = f"http://localhost:{PORT}"
        cfg["proxies"] = {"http": f"http://127.0.0.1:{PORT}"}
    c = boto3.client(
        service, region_name=region, endpoint_url=endpoint, config=Config(**cfg)
    )
    _clients[key] = c
    return c


def tags(name: str | None = None, env: str = "prod", team: str = "platform",
         app: str | None = None, **extra: str) -> list[dict[str, str]]:
    t = {}
    if name:
        t["Name"] = name
    t["env"] = env
    t["team"] = team
    if app:
        t["app"] = app
    t["cost-center"] = extra.pop("cost_center", "cc-1001")
    t.update(extra)
    return [{"Key": k, "Value": v} for k, v in t.items()]


def tagspec(resource_type: str, tag_list: list[dict[str, str]]):
    return [{"ResourceType": resource_type, "Tags": tag_list}]


def step(msg: str) -> None:
    print(f"  - {msg}", flush=True)


# --------------------------------------------------------------------------
# IAM (global)
# --------------------------------------------------------------------------

def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def trust(principal: dict, condition: dict | None = None):
    st = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    if condition:
        st["Condition"] = condition
    return doc(st)


def seed_iam() -> dict:
    iam = client("iam")
    out: dict = {}
    step("IAM password policy (weak on purpose)")
    iam.update_account_password_policy(
        MinimumPasswordLength=8,
        RequireSymbols=False,
        RequireNumbers=True,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
        AllowUsersToChangePassword=True,
        # no PasswordReusePrevention, no MaxPasswordAge
    )

    step("IAM customer managed policies")
    pol = {}
    pol["app-s3"] = iam.create_policy(
        PolicyName="acme-app-s3-access",
        Path="/acme/",
        Description="Web and API tier access to the payments data bucket",
        PolicyDocument=doc({"Effect": "Allow", "Action": ["s3:GetObject"],
                            "Resource": "arn:aws:s3:::acme-payments-prod-data/*"}),
        Tags=tags(app="payments-api", team="payments"),
    )["Policy"]["Arn"]
    # two more versions; v3 becomes the default
    iam.create_policy_version(
        PolicyArn=pol["app-s3"], SetAsDefault=False,
        PolicyDocument=doc({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                            "Resource": "arn:aws:s3:::acme-payments-prod-data/*"}))
    iam.create_policy_version(
        PolicyArn=pol["app-s3"], SetAsDefault=True,
        PolicyDocument=doc(
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
             "Resource": "arn:aws:s3:::acme-payments-prod-data/*"},
            {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
             "Resource": "*",
             "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}))
    pol["full-admin"] = iam.create_policy(
        PolicyName="acme-breakglass-full-admin",
        Description="Break-glass: full access to everything",
        PolicyDocument=doc({"Effect": "Allow", "Action": "*", "Resource": "*"}),
    )["Policy"]["Arn"]
    # A leftover from a migration: full admin, attached to nobody (still a finding: IAM.1).
    iam.create_policy(
        PolicyName="acme-old-ops-admin",
        Description="Former operations role policy; no longer attached",
        PolicyDocument=doc({"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}),
    )
    pol["analytics-read"] = iam.create_policy(
        PolicyName="acme-analytics-read",
        Description="Read the analytics lake and query Redshift",
        PolicyDocument=doc(
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
             "Resource": ["arn:aws:s3:::acme-analytics-lake", "arn:aws:s3:::acme-analytics-lake/*"]},
            {"Effect": "Allow", "Action": ["redshift:GetClusterCredentials",
                                           "redshift:DescribeClusters"], "Resource": "*"}),
    )["Policy"]["Arn"]
    pol["deploy"] = iam.create_policy(
        PolicyName="acme-ci-deploy",
        Path="/acme/",
        Description="What the CI pipeline may change",
        PolicyDocument=doc(
            {"Effect": "Allow", "Action": ["autoscaling:*", "elasticloadbalancing:*",
                                           "ec2:Describe*", "ec2:CreateLaunchTemplateVersion"],
             "Resource": "*"},
            {"Effect": "Allow", "Action": "iam:PassRole",
             "Resource": f"arn:aws:iam::{ACCOUNT}:role/acme-web-ec2-role"}),
    )["Policy"]["Arn"]
    pol["batch"] = iam.create_policy(
        PolicyName="acme-batch-worker",
        Description="Batch workers: scratch bucket and the idempotency table",
        PolicyDocument=doc(
            {"Effect": "Allow", "Action": ["s3:*"],
             "Resource": ["arn:aws:s3:::acme-batch-scratch-euw1", "arn:aws:s3:::acme-batch-scratch-euw1/*"]},
            {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
             "Resource": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/acme-idempotency-keys"}),
    )["Policy"]["Arn"]
    pol["mfa-selfservice"] = iam.create_policy(
        PolicyName="acme-manage-own-mfa",
        Description="Let people manage their own MFA device",
        PolicyDocument=doc(
            {"Effect": "Allow",
             "Action": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice",
                        "iam:ListMFADevices", "iam:ResyncMFADevice"],
             "Resource": ["arn:aws:iam::*:mfa/${aws:username}",
                          "arn:aws:iam::*:user/${aws:username}"]}),
    )["Policy"]["Arn"]
    out["policies"] = pol

    step("IAM groups")
    groups = {
        "Admins": (["arn:aws:iam::aws:policy/AdministratorAccess"], None),
        "Developers": (["arn:aws:iam::aws:policy/ReadOnlyAccess", pol["mfa-selfservice"]],
                       ("developers-extra", doc({"Effect": "Allow",
                                                 "Action": ["logs:GetLogEvents", "logs:FilterLogEvents"],
                                                 "Resource": "*"}))),
        "Finance": (["arn:aws:iam::aws:policy/job-function/Billing"], None),
        "Analysts": ([pol["analytics-read"], pol["mfa-selfservice"]],
                     ("athena-query", doc({"Effect": "Allow", "Action": ["athena:*"], "Resource": "*"}))),
        "Operators": (["arn:aws:iam::aws:policy/PowerUserAccess"],
                      ("deny-iam-changes", doc({"Effect": "Deny", "Action": ["iam:Create*", "iam:Delete*",
                                                                               "iam:Put*", "iam:Attach*"],
                                                "Resource": "*"}))),
    }
    for g, (attached, inline) in groups.items():
        iam.create_group(GroupName=g, Path="/acme/" if g != "Admins" else "/")
        for arn in attached:
            iam.attach_group_policy(GroupName=g, PolicyArn=arn)
        if inline:
            iam.put_group_policy(GroupName=g, PolicyName=inline[0], PolicyDocument=inline[1])

    step("IAM users, login profiles, access keys, MFA")
    users = [
        # name, groups, console, mfa, keys (active, inactive), attached, inline
        ("alice.nguyen", ["Admins"], True, True, (1, 0), [], None),
        ("bob.martinez", ["Developers"], True, False, (2, 0), [], None),
        ("carol.okafor", ["Finance"], True, True, (0, 0), [], None),
        ("dave.kowalski", ["Operators"], True, False, (1, 1),
         ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"], None),
        ("erin.sato", ["Analysts"], True, True, (1, 0), [], None),
        ("frank.contractor", ["Developers"], True, False, (0, 0), [], None),
        ("svc-ci-deploy", [], False, False, (2, 0), [pol["deploy"]], None),
        ("svc-backup", ["Operators"], False, False, (1, 0), [],
         ("backup-snapshots", doc({"Effect": "Allow",
                                   "Action": ["ec2:CreateSnapshot", "ec2:CopySnapshot",
                                              "rds:CreateDBSnapshot"], "Resource": "*"}))),
        ("svc-analytics-loader", ["Analysts"], False, False, (1, 0), [], None),
        ("grace.hopper", ["Admins"], True, True, (0, 0), [], None),
    ]
    user_tags = {
        "frank.contractor": [{"Key": "team", "Value": "payments"},
                             {"Key": "contract-end", "Value": "2026-12-31"}],
        "svc-ci-deploy": [{"Key": "team", "Value": "platform"}, {"Key": "app", "Value": "ci"}],
    }
    for name, grps, console, mfa, (active, inactive), attached, inline in users:
        path = "/service/" if name.startswith("svc-") else "/people/"
        iam.create_user(UserName=name, Path=path,
                        Tags=user_tags.get(name, [{"Key": "team", "Value": "platform"}]))
        for g in grps:
            iam.add_user_to_group(GroupName=g, UserName=name)
        if console:
            iam.create_login_profile(UserName=name, Password="Demo-Passw0rd-Not-Real!",
                                     PasswordResetRequired=False)
        for i in range(active + inactive):
            k = iam.create_access_key(UserName=name)["AccessKey"]["AccessKeyId"]
            if i >= active:
                iam.update_access_key(UserName=name, AccessKeyId=k, Status="Inactive")
        if mfa:
            dev = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]
            iam.enable_mfa_device(UserName=name, SerialNumber=dev["SerialNumber"],
                                  AuthenticationCode1="123456", AuthenticationCode2="654321")
        for arn in attached:
            iam.attach_user_policy(UserName=name, PolicyArn=arn)
        if inline:
            iam.put_user_policy(UserName=name, PolicyName=inline[0], PolicyDocument=inline[1])
    # an MFA device someone created but never enabled
    iam.create_virtual_mfa_device(VirtualMFADeviceName="frank.contractor-unused")

    step("IAM roles and instance profiles")
    ec2_trust = trust({"Service": "ec2.amazonaws.com"})
    roles = [
        ("acme-web-ec2-role", ec2_trust, [pol["app-s3"],
                                          "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
         None, "/acme/"),
        ("acme-batch-ec2-role", ec2_trust, [pol["batch"]], None, "/acme/"),
        ("acme-security-audit-crossaccount",
         trust({"AWS": f"arn:aws:iam::{EXTERNAL_AUDIT_ACCOUNT}:root"},
               {"StringEquals": {"sts:ExternalId": "acme-audit-7f3c"}}),
         ["arn:aws:iam::aws:policy/SecurityAudit"], None, "/"),
        ("acme-vendor-readonly",
         trust({"AWS": "arn:aws:iam::444455556666:root"}),  # no ExternalId: a FAIL
         ["arn:aws:iam::aws:policy/ReadOnlyAccess"], None, "/"),
        ("acme-support", trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}),
         ["arn:aws:iam::aws:policy/AWSSupportAccess"], None, "/"),
        ("acme-breakglass", trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                                  {"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
         [pol["full-admin"]], None, "/"),
        ("acme-lambda-settlement", trust({"Service": "lambda.amazonaws.com"}),
         ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
         ("dynamodb-settlement", doc({"Effect": "Allow", "Action": "dynamodb:*",
                                      "Resource": "*"})), "/service-role/"),
        ("acme-redshift-s3-read", trust({"Service": "redshift.amazonaws.com"}),
         ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"], None, "/"),
        ("EMR_DefaultRole", trust({"Service": "elasticmapreduce.amazonaws.com"}),
         ["arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole"], None, "/"),
        ("EMR_EC2_DefaultRole", ec2_trust,
         ["arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceforEC2Role"], None, "/"),
        ("acme-flow-logs", trust({"Service": "vpc-flow-logs.amazonaws.com"}), [],
         ("write-logs", doc({"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents",
                                                           "logs:DescribeLogStreams"], "Resource": "*"})),
         "/"),
        ("acme-s3-replication", trust({"Service": "s3.amazonaws.com"}), [],
         ("replicate", doc({"Effect": "Allow",
                            "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket",
                                       "s3:GetObjectVersion*", "s3:Replicate*"],
                            "Resource": ["arn:aws:s3:::acme-payments-prod-data*",
                                         "arn:aws:s3:::acme-payments-dr-data-euw1*"]})), "/"),
    ]
    for name, tr, attached, inline, path in roles:
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=tr, Path=path,
                        Description=f"Acme Payments {name}",
                        Tags=[{"Key": "team", "Value": "platform"}])
        for arn in attached:
            iam.attach_role_policy(RoleName=name, PolicyArn=arn)
        if inline:
            iam.put_role_policy(RoleName=name, PolicyName=inline[0], PolicyDocument=inline[1])
    for prof, role in [("acme-web-ec2-profile", "acme-web-ec2-role"),
                       ("acme-batch-ec2-profile", "acme-batch-ec2-role"),
                       ("EMR_EC2_DefaultRole", "EMR_EC2_DefaultRole")]:
        iam.create_instance_profile(InstanceProfileName=prof)
        iam.add_role_to_instance_profile(InstanceProfileName=prof, RoleName=role)
    step("IAM server certificate left over from the old checkout (CIS 1.19: expired, still stored)")
    # moto lists every uploaded certificate with Expiration 2012-05-08, so only the expired case can
    # be seeded; the body and key are placeholders, never a real certificate or key.
    iam.upload_server_certificate(ServerCertificateName="acme-legacy-checkout-2012",
                                  CertificateBody="-----BEGIN CERTIFICATE-----\nplaceholder\n-----END CERTIFICATE-----",
                                  PrivateKey="placeholder-not-a-key")
    out["web_profile"] = f"arn:aws:iam::{ACCOUNT}:instance-profile/acme-web-ec2-profile"
    out["batch_profile"] = f"arn:aws:iam::{ACCOUNT}:instance-profile/acme-batch-ec2-profile"
    return out


# --------------------------------------------------------------------------
# KMS (per region)
# --------------------------------------------------------------------------

def key_policy(admin_role: str, users: list[str]):
    return doc(
        {"Sid": "EnableRootAccount", "Effect": "Allow",
         "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "KeyAdministrators", "Effect": "Allow",
         "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/{admin_role}"},
         "Action": ["kms:Describe*", "kms:Enable*", "kms:Disable*", "kms:Put*", "kms:Update*",
                    "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], "Resource": "*"},
        {"Sid": "KeyUsers", "Effect": "Allow",
         "Principal": {"AWS": [f"arn:aws:iam::{ACCOUNT}:role/{u}" for u in users]},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                    "kms:DescribeKey"], "Resource": "*"})


def seed_kms(region: str) -> dict:
    kms = client("kms", region)
    keys = {}
    specs = {
        PRIMARY: [
            ("data", "acme-payments-data", "S3 and DynamoDB data in the payments tier", True, True),
            ("rds", "acme-rds", "RDS and Aurora storage", True, False),
            ("ebs", "acme-ebs", "EBS volumes and snapshots", True, False),
            ("legacy", "acme-legacy-reporting", "Legacy reporting exports", False, False),
            ("redshift", "acme-redshift", "Redshift analytics warehouse", False, False),
        ],
        DR: [
            ("data", "acme-dr-data", "DR copies of payments data", True, True),
            ("ebs", "acme-dr-ebs", "DR EBS volumes", False, False),
        ],
    }[region]
    for short, alias, desc, rotate, custom_policy in specs:
        kw = dict(Description=desc, KeyUsage="ENCRYPT_DECRYPT", KeySpec="SYMMETRIC_DEFAULT",
                  Tags=[{"TagKey": "team", "TagValue": "security"},
                        {"TagKey": "env", "TagValue": "prod" if region == PRIMARY else "dr"}])
        if custom_policy:
            kw["Policy"] = key_policy("acme-breakglass", ["acme-web-ec2-role", "acme-batch-ec2-role"])
        kid = kms.create_key(**kw)["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=kid)
        if rotate:
            kms.enable_key_rotation(KeyId=kid)
        keys[short] = kid
    if region == PRIMARY:
        # an asymmetric signing key (rotation does not apply to it)
        kid = kms.create_key(Description="Webhook payload signing", KeyUsage="SIGN_VERIFY",
                             KeySpec="ECC_NIST_P256")["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName="alias/acme-webhook-signing", TargetKeyId=kid)
        keys["signing"] = kid
        # a key that was disabled when a project ended
        kid = kms.create_key(Description="Old tokenization service (retired)")["KeyMetadata"]["KeyId"]
        kms.disable_key(KeyId=kid)
        keys["retired"] = kid
        # a key someone scheduled for deletion while S3 objects still use it (FSBP KMS.3)
        kid = kms.create_key(Description="Old batch exports (scheduled for deletion)")["KeyMetadata"]["KeyId"]
        kms.schedule_key_deletion(KeyId=kid, PendingWindowInDays=30)
        keys["doomed"] = kid
        # a key whose policy lets any principal decrypt: the partner exchange shortcut
        open_policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": "PartnersDecrypt", "Effect": "Allow", "Principal": "*",
             "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]})
        kid = kms.create_key(Description="Partner file exchange", Policy=open_policy)["KeyMetadata"]["KeyId"]
        kms.enable_key_rotation(KeyId=kid)
        keys["partner"] = kid
    return keys


# --------------------------------------------------------------------------
# EC2 networking (per region)
# --------------------------------------------------------------------------

def seed_network(region: str) -> dict:
    ec2 = client("ec2", region)
    net: dict = {"subnets": {}, "vpcs": {}, "sgs": {}}
    azs = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
    use_azs = azs[:3]
    net["azs"] = use_azs
    default_vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]
    net["vpcs"]["default"] = default_vpc["VpcId"]
    net["subnets"]["default"] = [
        s["SubnetId"] for s in ec2.describe_subnets(
            Filters=[{"Name": "vpc-id", "Values": [default_vpc["VpcId"]]}])["Subnets"]]

    # moto quirk: moto's default security groups have no inbound rule, while
    # AWS creates them with "all traffic from this group". Put that rule back
    # on the default VPC's default group (a FAIL for "default SG has rules").
    dsg = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [default_vpc["VpcId"]]},
                                                {"Name": "group-name", "Values": ["default"]}]
                                       )["SecurityGroups"][0]
    if not dsg["IpPermissions"]:
        ec2.authorize_security_group_ingress(GroupId=dsg["GroupId"], IpPermissions=[
            {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": dsg["GroupId"]}]}])

    # moto quirk: moto's default VPC has no internet gateway and only the local route, while
    # AWS gives every default VPC an attached gateway and a 0.0.0.0/0 route to it. Add them.
    if not ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [default_vpc["VpcId"]]}])["InternetGateways"]:
        digw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=digw, VpcId=default_vpc["VpcId"])
        main_rt = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [default_vpc["VpcId"]]},
                                                     {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
        ec2.create_route(RouteTableId=main_rt["RouteTableId"], DestinationCidrBlock="0.0.0.0/0", GatewayId=digw)

    env = "prod" if region == PRIMARY else "dr"
    if region == PRIMARY:
        vpc_specs = [("prod", "10.10.0.0/16", "acme-prod", True),
                     ("corp", "10.30.0.0/16", "acme-corp-desktops", False)]
    else:
        vpc_specs = [("prod", "10.110.0.0/16", "acme-dr", True)]

    for short, cidr, name, with_ipv6 in vpc_specs:
        vpc = ec2.create_vpc(CidrBlock=cidr, AmazonProvidedIpv6CidrBlock=with_ipv6,
                             TagSpecifications=tagspec("vpc", tags(name, env, "network")))["Vpc"]
        vid = vpc["VpcId"]
        net["vpcs"][short] = vid
        ec2.modify_vpc_attribute(VpcId=vid, EnableDnsHostnames={"Value": True})
        igw = ec2.create_internet_gateway(
            TagSpecifications=tagspec("internet-gateway", tags(f"{name}-igw", env, "network"))
        )["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vid)
        public_rt = ec2.create_route_table(
            VpcId=vid, TagSpecifications=tagspec("route-table", tags(f"{name}-public", env, "network"))
        )["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        private_rt = ec2.create_route_table(
            VpcId=vid, TagSpecifications=tagspec("route-table", tags(f"{name}-private", env, "network"))
        )["RouteTable"]["RouteTableId"]
        base = cidr.split(".")
        tiers = ["public", "private"] if short != "corp" else ["desktops"]
        zones = use_azs if short != "corp" else use_azs[:2]
        for t_i, tier in enumerate(tiers):
            for z_i, az in enumerate(zones):
                sub_cidr = f"{base[0]}.{base[1]}.{t_i * 16 + z_i}.0/24"
                sid = ec2.create_subnet(
                    VpcId=vid, CidrBlock=sub_cidr, AvailabilityZone=az,
                    TagSpecifications=tagspec("subnet", tags(f"{name}-{tier}-{az[-1]}", env, "network",
                                                             tier=tier)))["Subnet"]["SubnetId"]
                net["subnets"].setdefault(f"{short}-{tier}", []).append(sid)
                if tier == "public":
                    ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
                ec2.associate_route_table(RouteTableId=public_rt if tier == "public" else private_rt,
                                          SubnetId=sid)
        # default security group: tighten it (remove all rules) in the prod VPC
        dsg = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vid]},
                                                    {"Name": "group-name", "Values": ["default"]}]
                                           )["SecurityGroups"][0]
        if short == "prod":
            if dsg["IpPermissions"]:
                ec2.revoke_security_group_ingress(GroupId=dsg["GroupId"], IpPermissions=dsg["IpPermissions"])
            if dsg["IpPermissionsEgress"]:
                ec2.revoke_security_group_egress(GroupId=dsg["GroupId"],
                                                 IpPermissions=dsg["IpPermissionsEgress"])

    # network ACLs in the main VPC: a public one with SSH open to the world,
    # a private one that only admits the VPC range
    vid = net["vpcs"]["prod"]
    vpc_cidr = vpc_specs[0][1]
    pub_acl = ec2.create_network_acl(
        VpcId=vid, TagSpecifications=tagspec("network-acl", tags(f"acme-{env}-public-nacl", env, "network"))
    )["NetworkAcl"]["NetworkAclId"]
    for num, proto, ports, cidr in [(100, "6", (443, 443), "0.0.0.0/0"), (110, "6", (80, 80), "0.0.0.0/0"),
                                    (120, "6", (22, 22), "0.0.0.0/0"),
                                    (130, "6", (1024, 65535), "0.0.0.0/0")]:
        ec2.create_network_acl_entry(NetworkAclId=pub_acl, RuleNumber=num, Protocol=proto,
                                     RuleAction="allow", Egress=False, CidrBlock=cidr,
                                     PortRange={"From": ports[0], "To": ports[1]})
    ec2.create_network_acl_entry(NetworkAclId=pub_acl, RuleNumber=100, Protocol="-1", RuleAction="allow",
                                 Egress=True, CidrBlock="0.0.0.0/0")
    priv_acl = ec2.create_network_acl(
        VpcId=vid, TagSpecifications=tagspec("network-acl", tags(f"acme-{env}-private-nacl", env, "network"))
    )["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=priv_acl, RuleNumber=100, Protocol="-1", RuleAction="allow",
                                 Egress=False, CidrBlock=vpc_cidr)
    ec2.create_network_acl_entry(NetworkAclId=priv_acl, RuleNumber=200, Protocol="6", RuleAction="allow",
                                 Egress=False, CidrBlock="0.0.0.0/0", PortRange={"From": 1024, "To": 65535})
    ec2.create_network_acl_entry(NetworkAclId=priv_acl, RuleNumber=100, Protocol="-1", RuleAction="allow",
                                 Egress=True, CidrBlock="0.0.0.0/0")
    acls = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vid]}])["NetworkAcls"]
    assoc_by_subnet = {a["SubnetId"]: a["NetworkAclAssociationId"]
                       for acl in acls for a in acl.get("Associations", [])}
    for sid in net["subnets"]["prod-public"]:
        if sid in assoc_by_subnet:
            ec2.replace_network_acl_association(AssociationId=assoc_by_subnet[sid], NetworkAclId=pub_acl)
    for sid in net["subnets"]["prod-private"]:
        if sid in assoc_by_subnet:
            ec2.replace_network_acl_association(AssociationId=assoc_by_subnet[sid], NetworkAclId=priv_acl)

    # security groups
    def sg(short, name, desc, vpc, ingress, team="platform", app=None):
        gid = ec2.create_security_group(
            GroupName=name, Description=desc, VpcId=vpc,
            TagSpecifications=tagspec("security-group", tags(name, env, team, app)))["GroupId"]
        if ingress:
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=ingress)
        net["sgs"][short] = gid
        return gid

    def world(port_from, port_to=None, proto="tcp", v6=True, desc="internet"):
        p = {"IpProtocol": proto, "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": desc}]}
        if proto != "-1":
            p["FromPort"] = port_from
            p["ToPort"] = port_to if port_to is not None else port_from
        if v6:
            p["Ipv6Ranges"] = [{"CidrIpv6": "::/0", "Description": desc}]
        return p

    def from_sg(port, gid, desc):
        return {"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                "UserIdGroupPairs": [{"GroupId": gid, "Description": desc}]}

    def from_cidr(port, cidr, desc):
        return {"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                "IpRanges": [{"CidrIp": cidr, "Description": desc}]}

    alb = sg("alb", f"acme-{env}-web-alb", "Public HTTPS load balancer", vid,
             [world(443), world(80)], app="web")
    web = sg("web", f"acme-{env}-web-app", "Web tier instances", vid,
             [from_sg(8080, alb, "from ALB")], app="web")
    sg("api", f"acme-{env}-api", "Payments API instances behind the NLB", vid,
       [from_cidr(8443, vpc_cidr, "NLB health checks and clients in VPC")], app="payments-api")
    sg("db", f"acme-{env}-database", "PostgreSQL and MySQL from the app tiers", vid,
       [from_sg(5432, web, "web tier"), from_cidr(3306, vpc_cidr, "batch")], team="data")
    sg("bastion", f"acme-{env}-bastion", "SSH bastion (temporary, wide open)", vid,
       [world(22, desc="anyone - fix me")], team="ops")
    sg("admin", f"acme-{env}-admin-vpn", "SSH from the corporate VPN only", vid,
       [from_cidr(22, "10.200.0.0/16", "corp VPN"), from_cidr(3389, "10.200.0.0/16", "corp VPN")],
       team="ops")
    sg("batch", f"acme-{env}-batch", "Batch workers (egress only)", vid, [], team="data", app="batch")
    if region == PRIMARY:
        sg("rdp", "acme-legacy-windows-rdp", "Legacy reporting box RDP", net["vpcs"]["default"],
           [world(3389, v6=False, desc="vendor support")], team="finance", app="reporting")
        sg("allopen", "acme-legacy-allow-all", "Legacy: allow everything (do not use)",
           net["vpcs"]["default"], [world(None, proto="-1")], team="finance", app="reporting")
        sg("redshift", "acme-redshift", "Redshift from analysts", vid,
           [from_cidr(5439, "0.0.0.0/0", "BI tool SaaS")], team="analytics", app="analytics")
        sg("emr", "acme-emr-master", "EMR master", vid, [from_cidr(8443, vpc_cidr, "EMR service")],
           team="analytics", app="etl")
        sg("desktops", "acme-workspaces", "WorkSpaces ENIs", net["vpcs"]["corp"], [], team="it")
        # Prefix lists: partners' fixed ranges (a clean counterpart) and a list someone filled
        # with 0.0.0.0/0 (the planted flaw: Redis open to the internet through a prefix list).
        partners = ec2.create_managed_prefix_list(
            PrefixListName="acme-partner-ranges", AddressFamily="IPv4", MaxEntries=5,
            Entries=[{"Cidr": "203.0.113.0/24", "Description": "partner A"}, {"Cidr": "198.51.100.0/24", "Description": "partner B"}],
            TagSpecifications=tagspec("prefix-list", tags("acme-partner-ranges", env, "network")))["PrefixList"]["PrefixListId"]
        anywhere = ec2.create_managed_prefix_list(
            PrefixListName="acme-cache-clients", AddressFamily="IPv4", MaxEntries=5,
            Entries=[{"Cidr": "0.0.0.0/0", "Description": "temporary - everyone"}],
            TagSpecifications=tagspec("prefix-list", tags("acme-cache-clients", env, "network")))["PrefixList"]["PrefixListId"]
        sg("partner_sftp", "acme-partner-sftp", "SFTP from partner ranges", vid,
           [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "PrefixListIds": [{"PrefixListId": partners}]}], team="ops")
        sg("cache", "acme-session-cache", "Redis for sessions", vid,
           [{"IpProtocol": "tcp", "FromPort": 6379, "ToPort": 6379, "PrefixListIds": [{"PrefixListId": anywhere}]}],
           team="platform", app="web")
    else:
        sg("ssh6", "acme-dr-ssh-ipv6", "SSH from anywhere over IPv6", vid,
           [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
             "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}], team="ops")
        # The analysts' notebook UI, opened to everyone on JupyterHub's port (EMR primary node exposure).
        sg("notebooks", "acme-dr-notebooks-ui", "JupyterHub for analysts", vid, [world(9443, v6=False)],
           team="analytics", app="notebooks")

    # flow logs: main VPC in each region only (default and corp VPCs: none)
    ec2.create_flow_logs(
        ResourceIds=[vid], ResourceType="VPC", TrafficType="ALL",
        LogDestinationType="cloud-watch-logs", LogGroupName=f"/acme/{env}/vpc-flow-logs",
        DeliverLogsPermissionArn=f"arn:aws:iam::{ACCOUNT}:role/acme-flow-logs",
        TagSpecifications=tagspec("vpc-flow-log", tags(f"acme-{env}-flow-logs", env, "security")))
    return net


# --------------------------------------------------------------------------
# EC2 compute and storage
# --------------------------------------------------------------------------

AMI_AL2023 = "ami-0a1b2c3d4e5f60001"
AMI_AL2023_ARM = "ami-0a1b2c3d4e5f60002"
AMI_UBUNTU = "ami-0a1b2c3d4e5f60003"
AMI_WINDOWS = "ami-0a1b2c3d4e5f60004"


def seed_compute(region: str, net: dict, iam_out: dict, keys: dict) -> dict:
    ec2 = client("ec2", region)
    env = "prod" if region == PRIMARY else "dr"
    out: dict = {"instances": {}}
    ebs_key = f"arn:aws:kms:{region}:{ACCOUNT}:key/{keys['ebs']}"
    pub = net["subnets"]["prod-public"]
    priv = net["subnets"]["prod-private"]

    def run(short, name, ami, itype, subnet, sgs, imdsv2, public_ip=False, profile=None,
            team="platform", app=None, extra_tags=None):
        kw = dict(ImageId=ami, InstanceType=itype, MinCount=1, MaxCount=1,
                  MetadataOptions={"HttpTokens": "required" if imdsv2 else "optional",
                                   "HttpEndpoint": "enabled", "HttpPutResponseHopLimit": 1 if imdsv2 else 2},
                  NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "Groups": sgs,
                                      "AssociatePublicIpAddress": public_ip}],
                  TagSpecifications=tagspec("instance", tags(name, env, team, app, **(extra_tags or {}))))
        if profile:
            kw["IamInstanceProfile"] = {"Arn": profile}
        if imdsv2:  # the well-kept instances also have an encrypted root volume
            kw["BlockDeviceMappings"] = [{"DeviceName": "/dev/sda1" if ami in (AMI_UBUNTU, AMI_WINDOWS)
                                          else "/dev/xvda",
                                          "Ebs": {"VolumeSize": 30, "VolumeType": "gp3", "Encrypted": True,
                                                  "KmsKeyId": ebs_key, "DeleteOnTermination": True}}]
        iid = ec2.run_instances(**kw)["Instances"][0]["InstanceId"]
        out["instances"][short] = iid
        return iid

    sg = net["sgs"]
    if region == PRIMARY:
        for i, s in enumerate(priv):
            run(f"web{i + 1}", f"acme-web-{i + 1}", AMI_AL2023, "m6i.large", s, [sg["web"]], True,
                profile=iam_out["web_profile"], app="web")
        for i, s in enumerate(priv[:2]):
            run(f"api{i + 1}", f"acme-payments-api-{i + 1}", AMI_AL2023_ARM, "c7g.large", s, [sg["api"]],
                True, profile=iam_out["web_profile"], team="payments", app="payments-api")
        run("bastion", "acme-bastion", AMI_UBUNTU, "t3.micro", pub[0], [sg["bastion"], sg["admin"]],
            False, public_ip=True, team="ops")
        run("batch1", "acme-batch-worker-1", AMI_AL2023, "r6i.xlarge", priv[0], [sg["batch"]], False,
            profile=iam_out["batch_profile"], team="data", app="batch")
        run("legacy", "legacy-reporting-<script>alert(1)</script>", AMI_WINDOWS, "m5.large",
            net["subnets"]["default"][0], [sg["rdp"], sg["allopen"]], False, public_ip=True,
            team="finance", app="reporting",
            extra_tags={"owner-note": "<script>alert(1)</script> migrated from on-prem; do not patch"})
    else:
        for i, s in enumerate(priv[:2]):
            run(f"web{i + 1}", f"acme-dr-web-{i + 1}", AMI_AL2023, "m6i.large", s, [sg["web"]], True,
                profile=iam_out["web_profile"], app="web")
        run("bastion", "acme-dr-bastion", AMI_UBUNTU, "t3.micro", pub[0], [sg["bastion"], sg["ssh6"]],
            False, public_ip=True, team="ops")
        run("batch1", "acme-dr-batch-1", AMI_AL2023, "r6i.large", priv[1], [sg["batch"]], True,
            profile=iam_out["batch_profile"], team="data", app="batch")

    # extra data volumes, some encrypted and some not, attached and unattached
    inst = ec2.describe_instances(InstanceIds=list(out["instances"].values()))
    az_of = {i["InstanceId"]: i["Placement"]["AvailabilityZone"]
             for r in inst["Reservations"] for i in r["Instances"]}
    vols = []
    if region == PRIMARY:
        vol_specs = [("batch1", "acme-batch-data", 500, True, ebs_key),
                     ("batch1", "acme-batch-tmp", 200, False, None),
                     ("legacy", "legacy-reporting-d-drive", 100, False, None),
                     ("web1", "acme-web-1-cache", 50, True, ebs_key),
                     (None, "acme-orphaned-export", 20, False, None)]
    else:
        vol_specs = [("batch1", "acme-dr-batch-data", 500, True, ebs_key),
                     (None, "acme-dr-scratch", 100, False, None)]
    for owner, name, size, enc, kid in vol_specs:
        az = az_of[out["instances"][owner]] if owner else net["azs"][1]
        kw = dict(AvailabilityZone=az, Size=size, VolumeType="gp3", Encrypted=enc,
                  TagSpecifications=tagspec("volume", tags(name, env, "data" if "batch" in name else "platform")))
        if kid:
            kw["KmsKeyId"] = kid
        vid = ec2.create_volume(**kw)["VolumeId"]
        vols.append((name, vid, enc))
        if owner:
            ec2.attach_volume(VolumeId=vid, InstanceId=out["instances"][owner],
                              Device=f"/dev/sd{'fghij'[len(vols) % 5]}")
    # snapshots: nightly backup of the first data volumes
    out["snapshots"] = []
    for name, vid, enc in vols[:3]:
        sid = ec2.create_snapshot(VolumeId=vid, Description=f"nightly backup of {name}",
                                  TagSpecifications=tagspec("snapshot", tags(f"{name}-nightly", env, "ops"))
                                  )["SnapshotId"]
        out["snapshots"].append(sid)
    if region == PRIMARY:
        # Shared with "everyone" to hand a vendor a disk image: a public snapshot (EC2.1).
        ec2.modify_snapshot_attribute(SnapshotId=out["snapshots"][1], Attribute="createVolumePermission",
                                      OperationType="add", GroupNames=["all"])
    out["volumes"] = vols
    if region == PRIMARY:
        # Turned on after the estate above was built: older volumes stay
        # unencrypted, as they would in AWS. (moto does not apply the default
        # to new volumes anyway.) eu-west-1 keeps it off: the FAIL case.
        ec2.enable_ebs_encryption_by_default()
        ec2.modify_ebs_default_kms_key_id(KmsKeyId=ebs_key)
    return out


# --------------------------------------------------------------------------
# S3 (global namespace; buckets in both regions)
# --------------------------------------------------------------------------

def seed_s3(keys_primary: dict, keys_dr: dict) -> None:
    s3 = client("s3", PRIMARY)
    s3dr = client("s3", DR)

    def bucket(name, region, tag_list=None):
        c = s3 if region == PRIMARY else s3dr
        kw = {"Bucket": name}
        if region != "us-east-1":
            kw["CreateBucketConfiguration"] = {"LocationConstraint": region}
        c.create_bucket(**kw)
        if tag_list:
            c.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tag_list})
        return c

    def pab(c, name):
        c.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True,
            "BlockPublicPolicy": True, "RestrictPublicBuckets": True})

    def sse_kms(c, name, key):
        c.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key},
             "BucketKeyEnabled": True}]})

    def sse_s3(c, name):
        c.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})

    def deny_insecure(name, extra=(), principal="*"):
        return doc({"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": principal, "Action": "s3:*",
                    "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, *extra)

    def versioning(c, name):
        c.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})

    logs = "acme-s3-access-logs-use1"
    step(f"s3 {logs}")
    c = bucket(logs, PRIMARY, tags(None, "prod", "security", "logging"))
    sse_s3(c, logs)
    pab(c, logs)
    # moto quirk: put-bucket-logging crashes (500) if the target bucket's policy
    # has a statement whose Principal is the string "*"; {"AWS": "*"} is the
    # equivalent form and moto copes with it.
    c.put_bucket_policy(Bucket=logs, Policy=deny_insecure(logs, principal={"AWS": "*"}, extra=[{
        "Sid": "S3ServerAccessLogsPolicy", "Effect": "Allow",
        "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject",
        "Resource": f"arn:aws:s3:::{logs}/*",
        "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}}}]))

    def logging(c, name):
        c.put_bucket_logging(Bucket=name, BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": logs, "TargetPrefix": f"{name}/"}})

    dr = "acme-payments-dr-data-euw1"
    step(f"s3 {dr}")
    c = bucket(dr, DR, tags(None, "dr", "payments", "payments-api", **{"data-classification": "pci"}))
    versioning(c, dr)
    sse_kms(c, dr, keys_dr["data"])
    pab(c, dr)
    c.put_bucket_policy(Bucket=dr, Policy=deny_insecure(dr))

    prod = "acme-payments-prod-data"
    step(f"s3 {prod}")
    c = bucket(prod, PRIMARY, tags(None, "prod", "payments", "payments-api", **{"data-classification": "pci"}))
    versioning(c, prod)
    sse_kms(c, prod, keys_primary["data"])
    # before the TLS-only policy: moto enforces aws:SecureTransport, and we talk plain HTTP
    c.put_object(Bucket=prod, Key="settlements/2026-11-28/batch-0001.csv.gz", Body=b"demo")
    pab(c, prod)
    logging(c, prod)
    c.put_bucket_policy(Bucket=prod, Policy=deny_insecure(prod))
    c.put_bucket_replication(Bucket=prod, ReplicationConfiguration={
        "Role": f"arn:aws:iam::{ACCOUNT}:role/acme-s3-replication",
        "Rules": [{"ID": "replicate-all-to-dr", "Priority": 1, "Status": "Enabled",
                   "Filter": {"Prefix": ""}, "DeleteMarkerReplication": {"Status": "Enabled"},
                   "Destination": {"Bucket": f"arn:aws:s3:::{dr}", "StorageClass": "STANDARD_IA",
                                   "EncryptionConfiguration": {
                                       "ReplicaKmsKeyID": f"arn:aws:kms:{DR}:{ACCOUNT}:key/{keys_dr['data']}"}},
                   "SourceSelectionCriteria": {"SseKmsEncryptedObjects": {"Status": "Enabled"}}}]})

    trail = "acme-cloudtrail-logs-use1"
    step(f"s3 {trail}")
    c = bucket(trail, PRIMARY, tags(None, "prod", "security", "audit"))
    versioning(c, trail)
    sse_s3(c, trail)
    pab(c, trail)
    logging(c, trail)
    c.put_bucket_policy(Bucket=trail, Policy=deny_insecure(trail, {
        "Sid": "AWSCloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "s3:GetBucketAcl", "Resource": f"arn:aws:s3:::{trail}"}, {
        "Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{trail}/AWSLogs/{ACCOUNT}/*",
        "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}))

    site = "acme-marketing-website"
    step(f"s3 {site} (public ACL)")
    c = bucket(site, PRIMARY, tags(None, "prod", "marketing", "website"))
    c.put_bucket_acl(Bucket=site, ACL="public-read")
    c.put_bucket_website(Bucket=site, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
    c.put_object(Bucket=site, Key="index.html", Body=b"<html><body>Acme Payments</body></html>",
                 ContentType="text/html")

    assets = "acme-public-assets"
    step(f"s3 {assets} (public policy)")
    c = bucket(assets, PRIMARY, tags(None, "prod", "web", "web"))
    sse_s3(c, assets)
    c.put_bucket_policy(Bucket=assets, Policy=doc({
        "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{assets}/*"}))
    logging(c, assets)

    lake = "acme-analytics-lake"
    step(f"s3 {lake}")
    c = bucket(lake, PRIMARY, tags(None, "prod", "analytics", "analytics", **{"data-classification": "internal"}))
    versioning(c, lake)
    sse_kms(c, lake, keys_primary["data"])
    # no public access block, no logging, no replication, no TLS-only policy

    emrlogs = "acme-emr-logs-use1"
    step(f"s3 {emrlogs}")
    c = bucket(emrlogs, PRIMARY, tags(None, "prod", "analytics", "etl"))
    sse_s3(c, emrlogs)
    pab(c, emrlogs)
    c.put_bucket_lifecycle_configuration(Bucket=emrlogs, LifecycleConfiguration={"Rules": [
        {"ID": "expire-30d", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 30}}]})

    scratch = "acme-batch-scratch-euw1"
    step(f"s3 {scratch} (nothing configured)")
    bucket(scratch, DR)  # no tags, no encryption config, no versioning, no PAB

    drlogs = "acme-s3-access-logs-euw1"
    step(f"s3 {drlogs}")
    c = bucket(drlogs, DR, tags(None, "dr", "security", "logging"))
    sse_s3(c, drlogs)
    pab(c, drlogs)
    c.put_bucket_versioning(Bucket=drlogs, VersioningConfiguration={"Status": "Suspended"})

    # A few buckets must not have default encryption for the FAIL case.
    # moto (like AWS since 2023) may report SSE-S3 for every bucket; deleting
    # the configuration is the closest we can get.
    for b, cl in [(site, s3), (scratch, s3dr)]:
        try:
            cl.delete_bucket_encryption(Bucket=b)
        except Exception as e:  # noqa: BLE001
            print(f"    (delete_bucket_encryption {b}: {e})")


def seed_s3_account_pab() -> None:
    step("S3 account-level public access block (partial)")
    s3c = client("s3control", PRIMARY)
    s3c.put_public_access_block(AccountId=ACCOUNT, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": False,
        "BlockPublicPolicy": True, "RestrictPublicBuckets": False})


# --------------------------------------------------------------------------
# RDS
# --------------------------------------------------------------------------

def seed_rds(region: str, net: dict, keys: dict, primary_arns: dict | None = None) -> dict:
    rds = client("rds", region)
    env = "prod" if region == PRIMARY else "dr"
    out = {}
    sng = f"acme-{env}-db-subnets"
    rds.create_db_subnet_group(DBSubnetGroupName=sng, DBSubnetGroupDescription="private subnets",
                               SubnetIds=net["subnets"]["prod-private"], Tags=tags(None, env, "data"))
    dbsg = [net["sgs"]["db"]]
    key_arn = f"arn:aws:kms:{region}:{ACCOUNT}:key/{keys.get('rds', keys.get('data'))}"
    if region == PRIMARY:
        step("rds instances")
        r = rds.create_db_instance(
            DBInstanceIdentifier="acme-payments-db", Engine="postgres", EngineVersion="16.4",
            DBInstanceClass="db.r6g.large", AllocatedStorage=200, StorageType="gp3",
            MasterUsername="acme_admin", MasterUserPassword="not-a-real-password-1",
            DBSubnetGroupName=sng, VpcSecurityGroupIds=dbsg, MultiAZ=True, StorageEncrypted=True,
            KmsKeyId=key_arn, BackupRetentionPeriod=7, DeletionProtection=True,
            PubliclyAccessible=False, AutoMinorVersionUpgrade=True, CopyTagsToSnapshot=True,
            EnableIAMDatabaseAuthentication=True,
            Tags=tags("acme-payments-db", "prod", "payments", "payments-api", **{"rampart:resilience": "region"}))
        out["payments"] = r["DBInstance"]["DBInstanceArn"]
        rds.create_db_subnet_group(DBSubnetGroupName="acme-legacy-default-subnets",
                                   DBSubnetGroupDescription="default VPC (legacy)",
                                   SubnetIds=net["subnets"]["default"], Tags=tags(None, env, "finance"))
        rds.create_db_instance(
            DBInstanceIdentifier="acme-reporting-db", Engine="mysql", EngineVersion="8.0.35",
            DBSubnetGroupName="acme-legacy-default-subnets",
            DBInstanceClass="db.t3.medium", AllocatedStorage=50,
            MasterUsername="admin", MasterUserPassword="not-a-real-password-2",
            AvailabilityZone=net["azs"][0], MultiAZ=False, StorageEncrypted=False,
            BackupRetentionPeriod=0, DeletionProtection=False, PubliclyAccessible=True,
            AutoMinorVersionUpgrade=False, VpcSecurityGroupIds=[net["sgs"]["allopen"]],
            Tags=tags("acme-reporting-db", "prod", "finance", "reporting", **{"rampart:resilience": "region"}))
        rds.create_db_instance(
            DBInstanceIdentifier="acme-merchant-portal-db", Engine="mysql", EngineVersion="8.0.35",
            DBInstanceClass="db.m6g.large", AllocatedStorage=100, DBSubnetGroupName=sng,
            MasterUsername="admin", MasterUserPassword="not-a-real-password-3",
            AvailabilityZone=net["azs"][1], MultiAZ=False, StorageEncrypted=True, KmsKeyId=key_arn,
            BackupRetentionPeriod=3, DeletionProtection=False, PubliclyAccessible=False,
            AutoMinorVersionUpgrade=True, VpcSecurityGroupIds=dbsg,
            Tags=tags("acme-merchant-portal-db", "prod", "merchants", "merchant-portal"))

        step("rds snapshots")
        # An export of the reporting database made public for a partner (unencrypted too),
        # and a private, encrypted pre-deploy snapshot of the payments database.
        rds.create_db_snapshot(DBSnapshotIdentifier="acme-reporting-db-export", DBInstanceIdentifier="acme-reporting-db")
        rds.modify_db_snapshot_attribute(DBSnapshotIdentifier="acme-reporting-db-export", AttributeName="restore",
                                         ValuesToAdd=["all"])
        rds.create_db_snapshot(DBSnapshotIdentifier="acme-payments-db-predeploy", DBInstanceIdentifier="acme-payments-db")

        step("aurora clusters")
        rds.create_db_cluster(
            DBClusterIdentifier="acme-ledger", Engine="aurora-postgresql", EngineVersion="15.4",
            MasterUsername="ledger_admin", MasterUserPassword="not-a-real-password-4",
            DBSubnetGroupName=sng, VpcSecurityGroupIds=dbsg, StorageEncrypted=True, KmsKeyId=key_arn,
            BackupRetentionPeriod=14, DeletionProtection=True, CopyTagsToSnapshot=True,
            Tags=tags("acme-ledger", "prod", "payments", "ledger"))
        for ident, az in [("acme-ledger-1", net["azs"][0]), ("acme-ledger-2", net["azs"][1])]:
            rds.create_db_instance(
                DBInstanceIdentifier=ident, DBClusterIdentifier="acme-ledger", Engine="aurora-postgresql",
                DBInstanceClass="db.r6g.xlarge", AvailabilityZone=az, PubliclyAccessible=False,
                AutoMinorVersionUpgrade=True, Tags=tags(ident, "prod", "payments", "ledger"))
        rds.create_db_cluster(
            DBClusterIdentifier="acme-analytics-aurora", Engine="aurora-mysql", EngineVersion="8.0.mysql_aurora.3.05.2",
            MasterUsername="admin", MasterUserPassword="not-a-real-password-5",
            DBSubnetGroupName=sng, VpcSecurityGroupIds=dbsg, StorageEncrypted=False,
            BackupRetentionPeriod=1, DeletionProtection=False,
            Tags=tags("acme-analytics-aurora", "prod", "analytics", "analytics"))
        out["ledger_cluster"] = "acme-ledger"
        rds.create_db_instance(
            DBInstanceIdentifier="acme-analytics-aurora-1", DBClusterIdentifier="acme-analytics-aurora",
            Engine="aurora-mysql", DBInstanceClass="db.r6g.large", AvailabilityZone=net["azs"][2],
            PubliclyAccessible=True, AutoMinorVersionUpgrade=False,
            Tags=tags("acme-analytics-aurora-1", "prod", "analytics", "analytics"))
    else:
        step("rds cross-region read replica")
        # moto quirk: passing DBSubnetGroupName to a cross-region
        # create-db-instance-read-replica looks the group up in the *source*
        # region (DBSubnetGroupNotFoundFault). Create the replica without it,
        # then move it into the DR subnet group with modify-db-instance.
        rds.create_db_instance_read_replica(
            DBInstanceIdentifier="acme-payments-db-dr", SourceDBInstanceIdentifier=primary_arns["payments"],
            DBInstanceClass="db.r6g.large", AvailabilityZone=net["azs"][0], VpcSecurityGroupIds=dbsg,
            KmsKeyId=key_arn, PubliclyAccessible=False, AutoMinorVersionUpgrade=True,
            Tags=tags("acme-payments-db-dr", "dr", "payments", "payments-api"))
        rds.modify_db_instance(DBInstanceIdentifier="acme-payments-db-dr", DBSubnetGroupName=sng,
                               MultiAZ=False, BackupRetentionPeriod=7, DeletionProtection=True,
                               ApplyImmediately=True)
        rds.create_db_instance(
            DBInstanceIdentifier="acme-dr-tooling-db", Engine="postgres", EngineVersion="14.10",
            DBInstanceClass="db.t4g.small", AllocatedStorage=20, DBSubnetGroupName=sng,
            MasterUsername="tooling", MasterUserPassword="not-a-real-password-6",
            AvailabilityZone=net["azs"][1], MultiAZ=False, StorageEncrypted=False,
            BackupRetentionPeriod=1, DeletionProtection=False, PubliclyAccessible=False,
            AutoMinorVersionUpgrade=True, VpcSecurityGroupIds=dbsg,
            Tags=tags("acme-dr-tooling-db", "dr", "ops", "runbooks"))
    return out


# --------------------------------------------------------------------------
# DynamoDB, Redshift, EMR, WorkSpaces
# --------------------------------------------------------------------------

def seed_dynamodb(region: str, keys: dict) -> None:
    ddb = client("dynamodb", region)
    env = "prod" if region == PRIMARY else "dr"
    specs = {
        PRIMARY: [("acme-sessions", True, True, "web"),
                  ("acme-idempotency-keys", False, False, "payments-api"),
                  ("acme-merchant-config", True, False, "merchant-portal"),
                  ("acme-feature-flags", False, False, "web")],
        DR: [("acme-sessions-dr", True, False, "web"),
             ("acme-dr-runbook-state", False, False, "ops")],
    }[region]
    for name, pitr, protect, app in specs:
        kw = dict(TableName=name, BillingMode="PAY_PER_REQUEST",
                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                        {"AttributeName": "sk", "AttributeType": "S"}],
                  KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                             {"AttributeName": "sk", "KeyType": "RANGE"}],
                  DeletionProtectionEnabled=protect,
                  Tags=tags(None, env, "payments" if "payments" in app else "platform", app))
        if name in ("acme-sessions", "acme-sessions-dr"):
            kw["SSESpecification"] = {"Enabled": True, "SSEType": "KMS",
                                      "KMSMasterKeyId": f"arn:aws:kms:{region}:{ACCOUNT}:key/{keys['data']}"}
        ddb.create_table(**kw)
        if pitr:
            ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={
                "PointInTimeRecoveryEnabled": True})
    if region == PRIMARY:
        # A table that must survive a Region failure but has no replica in another Region
        # (dynamodb.table.cross-region-copy FAILs). moto 5.2 accepts UpdateTable ReplicaUpdates but
        # never reports Replicas, so the replicated (PASS) case is covered by unit fixtures only.
        ddb.create_table(
            TableName="acme-order-archive", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            Tags=tags(None, env, "payments", "payments-api", **{"rampart:resilience": "region", "rampart:min-capacity": "1"}))
        ddb.update_continuous_backups(TableName="acme-order-archive", PointInTimeRecoverySpecification={
            "PointInTimeRecoveryEnabled": True})


def seed_redshift(net: dict, keys: dict) -> None:
    rs = client("redshift", PRIMARY)
    rs.create_cluster_subnet_group(ClusterSubnetGroupName="acme-analytics", Description="analytics",
                                   SubnetIds=net["subnets"]["prod-private"])
    rs.create_cluster(
        ClusterIdentifier="acme-analytics-dw", NodeType="ra3.xlplus", ClusterType="multi-node",
        NumberOfNodes=2, MasterUsername="awsuser", MasterUserPassword="NotARealPassw0rd",
        ClusterSubnetGroupName="acme-analytics", VpcSecurityGroupIds=[net["sgs"]["redshift"]],
        PubliclyAccessible=False, Encrypted=True,
        KmsKeyId=f"arn:aws:kms:{PRIMARY}:{ACCOUNT}:key/{keys['redshift']}",
        IamRoles=[f"arn:aws:iam::{ACCOUNT}:role/acme-redshift-s3-read"],
        AutomatedSnapshotRetentionPeriod=7,
        Tags=tags("acme-analytics-dw", "prod", "analytics", "analytics"))
    rs.create_cluster_subnet_group(ClusterSubnetGroupName="acme-sandbox-public", Description="sandbox (public subnets)",
                                   SubnetIds=net["subnets"]["prod-public"])
    rs.create_cluster(
        ClusterIdentifier="acme-adhoc-sandbox", NodeType="dc2.large", ClusterType="single-node",
        MasterUsername="awsuser", MasterUserPassword="NotARealPassw0rd", ClusterSubnetGroupName="acme-sandbox-public",
        VpcSecurityGroupIds=[net["sgs"]["redshift"]], PubliclyAccessible=True, Encrypted=False,
        AutomatedSnapshotRetentionPeriod=1,
        Tags=tags("acme-adhoc-sandbox", "dev", "analytics", "analytics"))


def seed_emr(region: str, net: dict) -> None:
    emr = client("emr", region)
    if region == PRIMARY:
        emr.put_block_public_access_configuration(BlockPublicAccessConfiguration={
            "BlockPublicSecurityGroupRules": True,
            "PermittedPublicSecurityGroupRuleRanges": [{"MinRange": 22, "MaxRange": 22}]})
        name, subnet, master_sg = "acme-spark-etl", net["subnets"]["prod-private"][0], net["sgs"]["emr"]
        app = "etl"
    else:
        # eu-west-1: block public access never configured (the FAIL case).
        # moto quirk: put-block-public-access-configuration turns
        # BlockPublicSecurityGroupRules=false into true, so "switched off"
        # cannot be seeded; an unconfigured region answers an empty object.
        name, subnet, master_sg = "acme-dr-reconciliation", net["subnets"]["prod-private"][0], net["sgs"]["batch"]
        app = "reconciliation"
    emr.run_job_flow(
        Name=name, ReleaseLabel="emr-7.2.0", LogUri="s3://acme-emr-logs-use1/",
        Applications=[{"Name": "Spark"}, {"Name": "Hadoop"}],
        # moto quirk: with InstanceGroups moto launches the nodes as untagged EC2
        # instances with public IPs in the *default* VPC, ignoring Ec2SubnetId;
        # the uniform-instance form launches none, which misleads less.
        Instances={"MasterInstanceType": "m6g.xlarge", "SlaveInstanceType": "r6g.2xlarge",
                   "InstanceCount": 3, "Ec2SubnetId": subnet, "KeepJobFlowAliveWhenNoSteps": True,
            "TerminationProtected": region == PRIMARY, "EmrManagedMasterSecurityGroup": master_sg,
            "EmrManagedSlaveSecurityGroup": master_sg},
        JobFlowRole="EMR_EC2_DefaultRole", ServiceRole="EMR_DefaultRole", VisibleToAllUsers=True,
        Tags=tags(name, "prod" if region == PRIMARY else "dr", "analytics", app))
    if region == DR:
        # A notebook cluster in a public subnet whose extra primary-node group opens JupyterHub
        # (9443) to the internet: Block Public Access is off in this region, so nothing stops it.
        emr.run_job_flow(
            Name="acme-dr-notebooks", ReleaseLabel="emr-7.2.0", LogUri="s3://acme-emr-logs-use1/",
            Applications=[{"Name": "Spark"}, {"Name": "JupyterHub"}],
            Instances={"MasterInstanceType": "m6g.xlarge", "SlaveInstanceType": "m6g.xlarge",
                       "InstanceCount": 2, "Ec2SubnetId": net["subnets"]["prod-public"][0],
                       "KeepJobFlowAliveWhenNoSteps": True, "EmrManagedMasterSecurityGroup": master_sg,
                       "EmrManagedSlaveSecurityGroup": master_sg,
                       "AdditionalMasterSecurityGroups": [net["sgs"]["notebooks"]]},
            JobFlowRole="EMR_EC2_DefaultRole", ServiceRole="EMR_DefaultRole", VisibleToAllUsers=True,
            Tags=tags("acme-dr-notebooks", "dr", "analytics", "notebooks"))


def seed_workspaces(net: dict, keys: dict) -> None:
    ds = client("ds", PRIMARY)
    ws = client("workspaces", PRIMARY)
    did = ds.create_directory(
        Name="corp.acmepayments.example", ShortName="ACME", Password="Not-A-Real-Passw0rd!",
        Description="Desktops directory", Size="Small",
        VpcSettings={"VpcId": net["vpcs"]["corp"], "SubnetIds": net["subnets"]["corp-desktops"][:2]},
        Tags=[{"Key": "team", "Value": "it"}, {"Key": "app", "Value": "desktops"}])["DirectoryId"]
    ws.register_workspace_directory(DirectoryId=did, SubnetIds=net["subnets"]["corp-desktops"][:2],
                                    EnableSelfService=False, Tenancy="SHARED",
                                    Tags=[{"Key": "team", "Value": "it"}])
    bundle = "wsb-bh8rsxt14"  # a Standard with Windows 10 public bundle id
    key_arn = f"arn:aws:kms:{PRIMARY}:{ACCOUNT}:key/{keys['data']}"
    res = ws.create_workspaces(Workspaces=[
        {"DirectoryId": did, "UserName": "erin.sato", "BundleId": bundle,
         "VolumeEncryptionKey": key_arn, "RootVolumeEncryptionEnabled": True,
         "UserVolumeEncryptionEnabled": True,
         "WorkspaceProperties": {"RunningMode": "AUTO_STOP", "RunningModeAutoStopTimeoutInMinutes": 60},
         "Tags": [{"Key": "team", "Value": "analytics"}, {"Key": "app", "Value": "desktops"}]},
        {"DirectoryId": did, "UserName": "carol.okafor", "BundleId": bundle,
         "RootVolumeEncryptionEnabled": False, "UserVolumeEncryptionEnabled": False,
         "WorkspaceProperties": {"RunningMode": "ALWAYS_ON"},
         "Tags": [{"Key": "team", "Value": "finance"}, {"Key": "app", "Value": "desktops"}]},
        {"DirectoryId": did, "UserName": "frank.contractor", "BundleId": bundle,
         "VolumeEncryptionKey": key_arn, "RootVolumeEncryptionEnabled": False,
         "UserVolumeEncryptionEnabled": True,
         "WorkspaceProperties": {"RunningMode": "AUTO_STOP", "RunningModeAutoStopTimeoutInMinutes": 60},
         "Tags": [{"Key": "team", "Value": "payments"}, {"Key": "app", "Value": "desktops"}]},
    ])
    if res.get("FailedRequests"):
        raise RuntimeError(f"create_workspaces failed: {res['FailedRequests']}")


# --------------------------------------------------------------------------
# ACM, ELBv2, Auto Scaling
# --------------------------------------------------------------------------

def seed_load_balancing(region: str, net: dict, compute: dict) -> dict:
    elb = client("elbv2", region)
    acm = client("acm", region)
    env = "prod" if region == PRIMARY else "dr"
    out = {}
    vid = net["vpcs"]["prod"]
    pub, priv = net["subnets"]["prod-public"], net["subnets"]["prod-private"]
    cert = acm.request_certificate(DomainName="acmepayments.example" if region == PRIMARY
                                   else "dr.acmepayments.example",
                                   SubjectAlternativeNames=["*.acmepayments.example"],
                                   ValidationMethod="DNS")["CertificateArn"]

    def tg(name, proto, port, targets, hc_path=None):
        kw = dict(Name=name, Protocol=proto, Port=port, VpcId=vid, TargetType="instance",
                  Tags=tags(name, env, "platform"))
        if hc_path:
            kw.update(HealthCheckProtocol="HTTP", HealthCheckPath=hc_path)
        arn = elb.create_target_group(**kw)["TargetGroups"][0]["TargetGroupArn"]
        if targets:
            elb.register_targets(TargetGroupArn=arn, Targets=[{"Id": t, "Port": port} for t in targets])
        return arn

    def lb(name, subnets, scheme, typ="application", sgs=None, protect=False, app="web"):
        kw = dict(Name=name, Subnets=subnets, Scheme=scheme, Type=typ, IpAddressType="ipv4",
                  Tags=tags(name, env, "platform", app))
        if sgs:
            kw["SecurityGroups"] = sgs
        arn = elb.create_load_balancer(**kw)["LoadBalancers"][0]["LoadBalancerArn"]
        attrs = [{"Key": "deletion_protection.enabled", "Value": "true" if protect else "false"}]
        if typ == "application":
            attrs.append({"Key": "routing.http.drop_invalid_header_fields.enabled",
                          "Value": "true" if protect else "false"})
        elb.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=attrs)
        return arn

    inst = compute["instances"]
    if region == PRIMARY:
        web_tg = tg("acme-web", "HTTP", 8080, [inst["web1"], inst["web2"], inst["web3"]], "/healthz")
        api_tg = tg("acme-payments-api", "TCP", 8443, [inst["api1"], inst["api2"]])
        admin_tg = tg("acme-internal-admin", "HTTP", 8080, [inst["batch1"]], "/status")
        tg("acme-canary-unused", "HTTP", 80, [])
        web_lb = lb("acme-web", pub, "internet-facing", sgs=[net["sgs"]["alb"]], protect=True)
        elb.create_listener(LoadBalancerArn=web_lb, Protocol="HTTP", Port=80, DefaultActions=[
            {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443",
                                                     "StatusCode": "HTTP_301"}}])
        elb.create_listener(LoadBalancerArn=web_lb, Protocol="HTTPS", Port=443, Certificates=[
            {"CertificateArn": cert}], SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
            DefaultActions=[{"Type": "forward", "TargetGroupArn": web_tg}])
        admin_lb = lb("acme-internal-admin", priv[:2], "internal", sgs=[net["sgs"]["web"]], app="admin")
        elb.create_listener(LoadBalancerArn=admin_lb, Protocol="HTTP", Port=80,
                            DefaultActions=[{"Type": "forward", "TargetGroupArn": admin_tg}])
        api_lb = lb("acme-payments-api", [pub[0]], "internet-facing", typ="network", app="payments-api")
        elb.create_listener(LoadBalancerArn=api_lb, Protocol="TLS", Port=443, Certificates=[
            {"CertificateArn": cert}], SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
            DefaultActions=[{"Type": "forward", "TargetGroupArn": api_tg}])
        out["web_tg"] = web_tg
    else:
        web_tg = tg("acme-dr-web", "HTTP", 8080, [inst["web1"], inst["web2"]], "/healthz")
        web_lb = lb("acme-dr-web", pub, "internet-facing", sgs=[net["sgs"]["alb"]], protect=False)
        elb.create_listener(LoadBalancerArn=web_lb, Protocol="HTTP", Port=80,
                            DefaultActions=[{"Type": "forward", "TargetGroupArn": web_tg}])
        out["web_tg"] = web_tg
    return out


def seed_autoscaling(region: str, net: dict, iam_out: dict, lbs: dict) -> None:
    ec2 = client("ec2", region)
    asg = client("autoscaling", region)
    env = "prod" if region == PRIMARY else "dr"
    lt = ec2.create_launch_template(
        LaunchTemplateName=f"acme-{env}-web",
        LaunchTemplateData={"ImageId": AMI_AL2023, "InstanceType": "m6i.large",
                            "IamInstanceProfile": {"Arn": iam_out["web_profile"]},
                            "SecurityGroupIds": [net["sgs"]["web"]],
                            "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"}},
        TagSpecifications=tagspec("launch-template", tags(f"acme-{env}-web", env, "platform", "web"))
    )["LaunchTemplate"]["LaunchTemplateId"]

    def asg_tags(name, app, **extra):
        return [{"Key": t["Key"], "Value": t["Value"], "PropagateAtLaunch": True}
                for t in tags(name, env, "platform", app, **extra)]

    def create_asg(name, subnets, min_size, max_size, desired, imdsv2, **kw):
        """Create an ASG whose instances are spread over its subnets.

        moto quirks worked around here: moto launches every ASG instance in
        the first subnet of VPCZoneIdentifier (AWS balances across AZs), so
        the group is grown one instance at a time with a different subnet
        first; and moto ignores the launch template's MetadataOptions, so the
        instances get them with modify-instance-metadata-options.
        """
        asg.create_auto_scaling_group(AutoScalingGroupName=name, MinSize=min(min_size, 1),
                                      MaxSize=max_size, DesiredCapacity=1,
                                      VPCZoneIdentifier=subnets[0], **kw)
        for n in range(2, desired + 1):
            first = subnets[(n - 1) % len(subnets)]
            order = [first] + [x for x in subnets if x != first]
            asg.update_auto_scaling_group(AutoScalingGroupName=name, VPCZoneIdentifier=",".join(order),
                                          MinSize=min(min_size, n), DesiredCapacity=n)
        asg.update_auto_scaling_group(AutoScalingGroupName=name, VPCZoneIdentifier=",".join(subnets),
                                      MinSize=min_size, DesiredCapacity=desired)
        if imdsv2:
            group = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"][0]
            for inst in group["Instances"]:
                ec2.modify_instance_metadata_options(InstanceId=inst["InstanceId"], HttpTokens="required",
                                                     HttpEndpoint="enabled")

    if region == PRIMARY:
        create_asg("acme-web-asg", net["subnets"]["prod-private"], 3, 9, 3, True,
                   LaunchTemplate={"LaunchTemplateId": lt, "Version": "$Latest"},
                   TargetGroupARNs=[lbs["web_tg"]], HealthCheckType="ELB", HealthCheckGracePeriod=120,
                   Tags=asg_tags("acme-web-asg", "web", **{"rampart:min-capacity": "2"}))
        blt = ec2.create_launch_template(
            LaunchTemplateName="acme-prod-batch",
            LaunchTemplateData={"ImageId": AMI_AL2023, "InstanceType": "r6i.large",
                                "IamInstanceProfile": {"Arn": iam_out["batch_profile"]},
                                "SecurityGroupIds": [net["sgs"]["batch"]],
                                "MetadataOptions": {"HttpTokens": "optional"}})["LaunchTemplate"]["LaunchTemplateId"]
        # confined to a single AZ: the ASG multi-AZ FAIL case
        create_asg("acme-batch-asg", net["subnets"]["prod-private"][:1], 2, 4, 2, False,
                   LaunchTemplate={"LaunchTemplateId": blt, "Version": "$Default"},
                   Tags=asg_tags("acme-batch-asg", "batch", **{"rampart:min-capacity": "1"}))
    else:
        create_asg("acme-dr-web-asg", net["subnets"]["prod-private"][:2], 2, 6, 2, True,
                   LaunchTemplate={"LaunchTemplateId": lt, "Version": "$Latest"},
                   TargetGroupARNs=[lbs["web_tg"]], HealthCheckType="EC2",
                   Tags=asg_tags("acme-dr-web-asg", "web"))


# --------------------------------------------------------------------------
# CloudTrail, Route 53
# --------------------------------------------------------------------------

def seed_cloudtrail(keys_primary: dict) -> None:
    ct = client("cloudtrail", PRIMARY)
    ct.create_trail(Name="acme-org-trail", S3BucketName="acme-cloudtrail-logs-use1",
                    IsMultiRegionTrail=True, IncludeGlobalServiceEvents=True,
                    EnableLogFileValidation=True,
                    KmsKeyId=f"arn:aws:kms:{PRIMARY}:{ACCOUNT}:key/{keys_primary['data']}",
                    TagsList=[{"Key": "team", "Value": "security"}])
    ct.put_event_selectors(TrailName="acme-org-trail", EventSelectors=[
        {"ReadWriteType": "All", "IncludeManagementEvents": True,
         "DataResources": [{"Type": "AWS::S3::Object",
                            "Values": ["arn:aws:s3:::acme-payments-prod-data/"]}]}])
    ct.start_logging(Name="acme-org-trail")

    ctdr = client("cloudtrail", DR)
    ctdr.create_trail(Name="acme-dr-audit", S3BucketName="acme-s3-access-logs-euw1",
                      IsMultiRegionTrail=False, IncludeGlobalServiceEvents=False,
                      EnableLogFileValidation=False, TagsList=[{"Key": "team", "Value": "ops"}])
    ctdr.put_event_selectors(TrailName="acme-dr-audit", EventSelectors=[
        {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
    # created but never started: a stopped trail


def seed_config() -> None:
    """AWS Config records everything in the primary region; the DR region's recorder was never started."""
    for region, started in ((PRIMARY, True), (DR, False)):
        cfg = client("config", region)
        cfg.put_configuration_recorder(ConfigurationRecorder={
            "name": "default", "roleARN": f"arn:aws:iam::{ACCOUNT}:role/acme-config",
            "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": region == PRIMARY}})
        cfg.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "acme-cloudtrail-logs-use1"})
        if started:
            cfg.start_configuration_recorder(ConfigurationRecorderName="default")


def seed_monitoring() -> None:
    """CIS section 4 on the org trail's log group: root usage alarmed to a subscribed topic (clean);
    unauthorized API calls alarmed to a topic nobody subscribed to (flaw); the rest not monitored."""
    logs = client("logs", PRIMARY)
    group = "acme-cloudtrail"
    logs.create_log_group(logGroupName=group)
    group_arn = f"arn:aws:logs:{PRIMARY}:{ACCOUNT}:log-group:{group}:*"
    client("cloudtrail", PRIMARY).update_trail(
        Name="acme-org-trail", CloudWatchLogsLogGroupArn=group_arn,
        CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/acme-cloudtrail-to-logs")
    sns = client("sns", PRIMARY)
    alerts = sns.create_topic(Name="acme-security-alerts")["TopicArn"]
    sns.subscribe(TopicArn=alerts, Protocol="email", Endpoint="secops@acme.example")
    silent = sns.create_topic(Name="acme-unwatched-alerts")["TopicArn"]
    cw = client("cloudwatch", PRIMARY)
    for name, pattern, topic in [
        ("RootUsage", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
         alerts),
        ("UnauthorizedAPICalls", '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }', silent),
    ]:
        logs.put_metric_filter(logGroupName=group, filterName=name, filterPattern=pattern, metricTransformations=[
            {"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}])
        cw.put_metric_alarm(AlarmName=f"cis-{name}", MetricName=name, Namespace="CISBenchmark", Statistic="Sum", Period=300,
                            EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
                            AlarmActions=[topic])


def seed_route53(net_primary: dict) -> None:
    r53 = client("route53", PRIMARY)
    zone = r53.create_hosted_zone(Name="acmepayments.example", CallerReference="acme-public-1",
                                  HostedZoneConfig={"Comment": "Acme Payments public zone",
                                                    "PrivateZone": False})["HostedZone"]["Id"]
    r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zone.split("/")[-1],
                                 AddTags=[{"Key": "team", "Value": "platform"}])
    priv = r53.create_hosted_zone(Name="internal.acmepayments.example", CallerReference="acme-private-1",
                                  VPC={"VPCRegion": PRIMARY, "VPCId": net_primary["vpcs"]["prod"]},
                                  HostedZoneConfig={"Comment": "service discovery", "PrivateZone": True}
                                  )["HostedZone"]["Id"]

    def hc(ref, fqdn, path, ip=None):
        cfg = {"Type": "HTTPS", "ResourcePath": path, "FullyQualifiedDomainName": fqdn, "Port": 443,
               "RequestInterval": 30, "FailureThreshold": 3, "EnableSNI": True}
        if ip:
            cfg["IPAddress"] = ip
        return r53.create_health_check(CallerReference=ref, HealthCheckConfig=cfg)["HealthCheck"]["Id"]

    hc_primary = hc("acme-hc-api-use1", "api-use1.acmepayments.example", "/healthz")
    hc_dr = hc("acme-hc-api-euw1", "api-euw1.acmepayments.example", "/healthz")
    hc("acme-hc-website", "www.acmepayments.example", "/")

    def rr(name, typ, values, ttl=300, **kw):
        rrs = {"Name": name, "Type": typ, "TTL": ttl, "ResourceRecords": [{"Value": v} for v in values]}
        rrs.update(kw)
        return {"Action": "CREATE", "ResourceRecordSet": rrs}

    r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Comment": "seed", "Changes": [
        rr("www.acmepayments.example", "CNAME", ["acme-web-1234567890.us-east-1.elb.amazonaws.com"]),
        rr("api-use1.acmepayments.example", "A", ["198.51.100.10"]),
        rr("api-euw1.acmepayments.example", "A", ["203.0.113.20"]),
        rr("api.acmepayments.example", "A", ["198.51.100.10"], ttl=60, SetIdentifier="api-primary",
           Failover="PRIMARY", HealthCheckId=hc_primary),
        rr("api.acmepayments.example", "A", ["203.0.113.20"], ttl=60, SetIdentifier="api-secondary",
           Failover="SECONDARY", HealthCheckId=hc_dr),
        rr("acmepayments.example", "MX", ["10 inbound-smtp.us-east-1.amazonaws.com"]),
        rr("acmepayments.example", "TXT", ['"v=spf1 include:amazonses.com -all"']),
        rr("_dmarc.acmepayments.example", "TXT", ['"v=DMARC1; p=quarantine"']),
    ]})
    r53.change_resource_record_sets(HostedZoneId=priv, ChangeBatch={"Changes": [
        rr("ledger.internal.acmepayments.example", "CNAME", ["acme-ledger.cluster-demo.us-east-1.rds.amazonaws.com"]),
        rr("payments-db.internal.acmepayments.example", "CNAME",
           ["acme-payments-db.demo.us-east-1.rds.amazonaws.com"]),
    ]})


def seed_edge_and_data_services(net: dict) -> None:
    """Issue 17 part C: ECR, ElastiCache, EFS and OpenSearch in us-east-1, each with a clean
    resource and one with planted flaws (named -legacy/-scratch/-public)."""
    ecr = client("ecr", PRIMARY)
    ecr.create_repository(repositoryName="acme/payments-api", imageTagMutability="IMMUTABLE",
                          imageScanningConfiguration={"scanOnPush": True},
                          tags=tags("payments-api", "prod", "payments", "payments"))
    ecr.put_lifecycle_policy(repositoryName="acme/payments-api", lifecyclePolicyText=json.dumps({"rules": [{
        "rulePriority": 1, "description": "expire untagged after 14 days",
        "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
        "action": {"type": "expire"}}]}))
    ecr.set_repository_policy(repositoryName="acme/payments-api", policyText=doc({
        "Sid": "OrgPull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-acme0example"}}}))
    # Planted: mutable tags, no scan on push, no lifecycle policy, pullable by everyone.
    ecr.create_repository(repositoryName="acme/legacy-batch", imageTagMutability="MUTABLE",
                          imageScanningConfiguration={"scanOnPush": False},
                          tags=tags("legacy-batch", "dev", "data"))
    ecr.set_repository_policy(repositoryName="acme/legacy-batch", policyText=doc({
        "Sid": "PublicPull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}))

    ec = client("elasticache", PRIMARY)
    ec.create_cache_subnet_group(CacheSubnetGroupName="acme-cache", CacheSubnetGroupDescription="private cache subnets",
                                 SubnetIds=net["subnets"]["prod-private"])
    ec.create_replication_group(
        ReplicationGroupId="acme-sessions", ReplicationGroupDescription="checkout sessions", Engine="redis",
        CacheNodeType="cache.r6g.large", NumCacheClusters=2, AutomaticFailoverEnabled=True, MultiAZEnabled=True,
        AtRestEncryptionEnabled=True, TransitEncryptionEnabled=True, AuthToken="NotARealAuthToken-0123456789",
        SnapshotRetentionLimit=7, CacheSubnetGroupName="acme-cache", Tags=tags("acme-sessions", "prod", "payments", "payments"))
    # Planted: no encryption, no AUTH, no failover, no backups.
    ec.create_replication_group(
        ReplicationGroupId="acme-scratch-cache", ReplicationGroupDescription="dev scratch", Engine="redis",
        CacheNodeType="cache.t3.micro", NumCacheClusters=1, AutomaticFailoverEnabled=False,
        SnapshotRetentionLimit=0, Tags=tags("acme-scratch-cache", "dev", "data"))
    # Planted: a standalone cluster in the default subnet group without backups.
    ec.create_cache_cluster(CacheClusterId="acme-legacy-cache", Engine="redis", CacheNodeType="cache.t3.micro",
                            NumCacheNodes=1, SnapshotRetentionLimit=0, Tags=tags("acme-legacy-cache", "dev", "data"))

    efs = client("efs", PRIMARY)
    shared = efs.create_file_system(CreationToken="acme-shared", Encrypted=True, Backup=True,
                                    Tags=tags("acme-shared", "prod", "platform"))["FileSystemId"]
    efs.put_file_system_policy(FileSystemId=shared, Policy=doc(
        {"Sid": "DenyPlaintext", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "AppMount", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
         "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]}))
    for sid in net["subnets"]["prod-private"]:
        efs.create_mount_target(FileSystemId=shared, SubnetId=sid)
    efs.create_access_point(FileSystemId=shared, PosixUser={"Uid": 1000, "Gid": 1000},
                            RootDirectory={"Path": "/payments"}, Tags=tags("payments-ap", "prod", "payments"))
    # Planted: One Zone, unencrypted, no backups, no policy, mount target in a public subnet, open access point.
    # (moto has no PutBackupPolicy; Backup=False at creation is the planted gap.)
    scratch = efs.create_file_system(CreationToken="acme-scratch", Encrypted=False, Backup=False,
                                     AvailabilityZoneName=f"{PRIMARY}a", Tags=tags("acme-scratch", "dev", "data"))["FileSystemId"]
    efs.create_mount_target(FileSystemId=scratch, SubnetId=net["subnets"]["prod-public"][0])
    efs.create_access_point(FileSystemId=scratch, Tags=tags("scratch-ap", "dev", "data"))

    os_ = client("opensearch", PRIMARY)
    os_.create_domain(
        DomainName="acme-search", EngineVersion="OpenSearch_2.11",
        ClusterConfig={"InstanceType": "r6g.large.search", "InstanceCount": 3, "ZoneAwarenessEnabled": True,
                       "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3},
                       "DedicatedMasterEnabled": True, "DedicatedMasterType": "r6g.large.search", "DedicatedMasterCount": 3},
        EncryptionAtRestOptions={"Enabled": True}, NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"},
        AdvancedSecurityOptions={"Enabled": True, "InternalUserDatabaseEnabled": False,
                                 "MasterUserOptions": {"MasterUserARN": f"arn:aws:iam::{ACCOUNT}:role/acme-admin"}},
        VPCOptions={"SubnetIds": net["subnets"]["prod-private"], "SecurityGroupIds": [net["sgs"]["redshift"]]},
        LogPublishingOptions={
            "AUDIT_LOGS": {"CloudWatchLogsLogGroupArn": f"arn:aws:logs:{PRIMARY}:{ACCOUNT}:log-group:/acme/search/audit", "Enabled": True},
            "ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": f"arn:aws:logs:{PRIMARY}:{ACCOUNT}:log-group:/acme/search/app", "Enabled": True}},
        TagList=tags("acme-search", "prod", "platform"))
    # Planted: public endpoint open to everyone, one node, no encryption, old TLS, no logs.
    os_.create_domain(
        DomainName="acme-logs-public", EngineVersion="OpenSearch_2.5",
        ClusterConfig={"InstanceType": "t3.small.search", "InstanceCount": 1, "ZoneAwarenessEnabled": False},
        DomainEndpointOptions={"EnforceHTTPS": False, "TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"},
        AccessPolicies=doc({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*",
                            "Resource": f"arn:aws:es:{PRIMARY}:{ACCOUNT}:domain/acme-logs-public/*"}),
        TagList=tags("acme-logs-public", "dev", "data"))


def seed_security_services() -> None:
    """GuardDuty on in us-east-1 only (eu-west-1 is the planted gap), Security Hub nowhere,
    and an AWS Backup plan and vault in us-east-1 only."""
    client("guardduty", PRIMARY).create_detector(Enable=True, FindingPublishingFrequency="FIFTEEN_MINUTES")
    backup = client("backup", PRIMARY)
    backup.create_backup_vault(BackupVaultName="acme-backup-vault", BackupVaultTags={"team": "platform"})
    backup.create_backup_plan(BackupPlan={"BackupPlanName": "acme-daily", "Rules": [{
        "RuleName": "daily-35-days", "TargetBackupVaultName": "acme-backup-vault",
        "ScheduleExpression": "cron(0 5 ? * * *)", "Lifecycle": {"DeleteAfterDays": 35}}]})


# --------------------------------------------------------------------------
# Compute and container services (issue 17, part A): Lambda, ECS, EKS, CodeBuild,
# Step Functions, SageMaker, Glue. Each has a clean resource and a flawed one; the
# roles are the IAM seed's (acme-lambda-settlement: scoped; acme-breakglass: admin).
# The "secrets" below are fake placeholders shaped like credentials.
# --------------------------------------------------------------------------

def lambda_zip() -> bytes:
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {'ok': True}\n")
    return buf.getvalue()


def seed_compute_services(net: dict) -> None:
    region = PRIMARY
    app_role = f"arn:aws:iam::{ACCOUNT}:role/service-role/acme-lambda-settlement"
    admin_role = f"arn:aws:iam::{ACCOUNT}:role/acme-breakglass"
    priv = net["subnets"]["prod-private"]
    lam = client("lambda", region)
    step("Lambda: settlement (VPC in two zones, tracing, DLQ, secret by reference) and a legacy webhook (public, nodejs16.x, key in env, admin role)")
    lam.create_function(FunctionName="acme-settlement", Runtime="python3.12", Role=app_role, Handler="index.handler",
                        Code={"ZipFile": lambda_zip()}, TracingConfig={"Mode": "Active"},
                        VpcConfig={"SubnetIds": priv[:2], "SecurityGroupIds": []},
                        DeadLetterConfig={"TargetArn": f"arn:aws:sqs:{region}:{ACCOUNT}:acme-settlement-dlq"},
                        Environment={"Variables": {"TABLE_NAME": "acme-settlements",
                                                   "DB_PASSWORD_SECRET_ARN": f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:acme/db"}})
    lam.add_permission(FunctionName="acme-settlement", StatementId="s3-invoke", Action="lambda:InvokeFunction",
                       Principal="s3.amazonaws.com", SourceArn="arn:aws:s3:::acme-payments-prod-data", SourceAccount=ACCOUNT)
    lam.create_function(FunctionName="acme-legacy-webhook", Runtime="nodejs16.x", Role=admin_role, Handler="index.handler",
                        Code={"ZipFile": lambda_zip()},
                        Environment={"Variables": {"STRIPE_API_KEY": "sk_live_FAKEFAKEFAKEFAKEFAKE0000", "LOG_LEVEL": "debug"}})
    lam.add_permission(FunctionName="acme-legacy-webhook", StatementId="public-invoke", Action="lambda:InvokeFunction", Principal="*")

    ecs = client("ecs", region)
    step("ECS: prod cluster with Container Insights, a hardened web task and a privileged host-mode agent with a token in its environment")
    ecs.create_cluster(clusterName="acme-prod", settings=[{"name": "containerInsights", "value": "enabled"}])
    ecs.create_cluster(clusterName="acme-batch")
    ecs.register_task_definition(
        family="acme-web", networkMode="awsvpc", taskRoleArn=app_role, requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "user": "1000:1000", "privileged": False,
                               "readonlyRootFilesystem": True, "essential": True, "environment": [{"name": "PORT", "value": "8080"}],
                               "secrets": [{"name": "DB_PASSWORD", "valueFrom": f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:acme/db"}],
                               "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/acme-web", "awslogs-region": region}}}])
    ecs.register_task_definition(
        family="acme-node-agent", networkMode="host", pidMode="host", taskRoleArn=admin_role,
        containerDefinitions=[{"name": "agent", "image": "acme/agent:latest", "privileged": True, "essential": True, "memory": 256,
                               "environment": [{"name": "API_TOKEN", "value": "FAKE-agent-token-0000000000"}]},
                              {"name": "shipper", "image": "acme/shipper:latest", "essential": False, "memory": 128}])

    eks = client("eks", region)
    step("EKS: a private, encrypted, audited cluster and an old public one")
    eks.create_cluster(name="acme-platform", version="1.35", roleArn=app_role,
                       resourcesVpcConfig={"subnetIds": priv[:2], "endpointPublicAccess": False, "endpointPrivateAccess": True},
                       logging={"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": True}]},
                       encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": f"arn:aws:kms:{region}:{ACCOUNT}:key/00000000-0000-0000-0000-000000000001"}}])
    eks.create_cluster(name="acme-legacy-k8s", version="1.27", roleArn=admin_role,
                       resourcesVpcConfig={"subnetIds": priv[:2], "endpointPublicAccess": True, "publicAccessCidrs": ["0.0.0.0/0"]})

    cb = client("codebuild", region)
    step("CodeBuild: an app build with referenced secrets and a privileged legacy build with credentials in its URL and environment")
    cb.create_project(name="acme-app-build", source={"type": "GITHUB", "location": "https://github.com/acme/app.git"},
                      artifacts={"type": "NO_ARTIFACTS"},
                      environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0", "computeType": "BUILD_GENERAL1_SMALL",
                                   "privilegedMode": False,
                                   "environmentVariables": [{"name": "NPM_TOKEN", "value": "/acme/npm-token", "type": "PARAMETER_STORE"}]},
                      serviceRole=app_role, logsConfig={"cloudWatchLogs": {"status": "ENABLED"}})
    cb.create_project(name="acme-legacy-build",
                      source={"type": "BITBUCKET", "location": "https://builder:FAKE-pass-0000@bitbucket.org/acme/legacy.git"},
                      artifacts={"type": "S3", "location": "acme-build-artifacts", "encryptionDisabled": True},
                      environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0", "computeType": "BUILD_GENERAL1_SMALL",
                                   "privilegedMode": True,
                                   "environmentVariables": [{"name": "DEPLOY_PASSWORD", "value": "FAKE-deploy-pass-0000", "type": "PLAINTEXT"}]},
                      serviceRole=admin_role,
                      logsConfig={"cloudWatchLogs": {"status": "DISABLED"}, "s3Logs": {"status": "DISABLED"}})

    sfn = client("stepfunctions", region)
    step("Step Functions: a logged, traced settlement workflow and an unlogged one running as admin")
    definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
    sfn.create_state_machine(name="acme-settlement-flow", definition=definition, roleArn=app_role,
                             loggingConfiguration={"level": "ERROR", "includeExecutionData": False, "destinations": [
                                 {"cloudWatchLogsLogGroup": {"logGroupArn": f"arn:aws:logs:{region}:{ACCOUNT}:log-group:/sfn/settlement:*"}}]},
                             tracingConfiguration={"enabled": True})
    sfn.create_state_machine(name="acme-ops-runbook", definition=definition, roleArn=admin_role)

    sm = client("sagemaker", region)
    step("SageMaker: a locked-down research notebook and an open sandbox notebook")
    sm.create_notebook_instance(NotebookInstanceName="acme-research", InstanceType="ml.t3.medium", RoleArn=app_role,
                                SubnetId=priv[0], SecurityGroupIds=[net["sgs"].get("prod-app", "")] if net["sgs"].get("prod-app") else [],
                                KmsKeyId=f"arn:aws:kms:{region}:{ACCOUNT}:key/00000000-0000-0000-0000-000000000001",
                                DirectInternetAccess="Disabled", RootAccess="Disabled")
    sm.create_notebook_instance(NotebookInstanceName="acme-sandbox", InstanceType="ml.t3.medium", RoleArn=admin_role)

    glue = client("glue", region)
    step("Glue: an encrypted ETL job and an ad-hoc job without a security configuration")
    glue.create_security_configuration(Name="acme-encrypted", EncryptionConfiguration={
        "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": f"arn:aws:kms:{region}:{ACCOUNT}:key/00000000-0000-0000-0000-000000000001"}],
        "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": f"arn:aws:kms:{region}:{ACCOUNT}:key/00000000-0000-0000-0000-000000000001"},
        "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": f"arn:aws:kms:{region}:{ACCOUNT}:key/00000000-0000-0000-0000-000000000001"}})
    glue.create_job(Name="acme-settlement-etl", Role=app_role, SecurityConfiguration="acme-encrypted", GlueVersion="4.0",
                    Command={"Name": "glueetl", "ScriptLocation": "s3://acme-payments-prod-data/etl/settlement.py"})
    glue.create_job(Name="acme-adhoc-export", Role="acme-breakglass", GlueVersion="4.0",
                    Command={"Name": "glueetl", "ScriptLocation": "s3://acme-payments-prod-data/etl/export.py"})


# --------------------------------------------------------------------------

# --------------------------------------------------------------------------
# Messaging, secrets and configuration (issue 17, part B)
# --------------------------------------------------------------------------

def seed_messaging_secrets_config(region: str, keys: dict) -> None:
    """Queues, topics, secrets, streams, certificates and SSM items: flaws and clean twins."""
    step(f"SQS, SNS, Secrets Manager, Kinesis, ACM and SSM in {region}")
    sqs = client("sqs", region)
    tls_deny = {"Sid": "DenyPlainHTTP", "Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*",
                "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
    dlq = sqs.create_queue(QueueName="acme-payments-dlq", tags={"team": "payments"})["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=dlq, Attributes={"KmsMasterKeyId": "alias/aws/sqs", "Policy": doc(tls_deny)})
    # Clean: KMS-encrypted, TLS-only, dead-letter queue, only the settlement topic may send.
    sqs.create_queue(QueueName="acme-settlement-events", tags={"team": "payments"}, Attributes={
        "KmsMasterKeyId": "alias/aws/sqs",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5}),
        "Policy": doc(tls_deny, {"Sid": "FromSettlementTopic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
                                 "Action": "sqs:SendMessage", "Resource": "*",
                                 "Condition": {"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:{region}:{ACCOUNT}:acme-settlement"}}})})
    # Flaw: unencrypted, open to everyone, no dead-letter queue.
    sqs.create_queue(QueueName="acme-partner-webhooks", tags={"team": "integrations"}, Attributes={
        "SqsManagedSseEnabled": "false",
        "Policy": doc({"Sid": "PartnersPush", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"})})

    sns = client("sns", region)
    clean = sns.create_topic(Name="acme-settlement", Attributes={"KmsMasterKeyId": "alias/aws/sns"})["TopicArn"]
    sns.set_topic_attributes(TopicArn=clean, AttributeName="Policy", AttributeValue=doc(
        {"Sid": "OwnerOnly", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:Publish", "SNS:Subscribe"], "Resource": clean,
         "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}}},
        {"Sid": "DenyPlainHTTP", "Effect": "Deny", "Principal": "*", "Action": "SNS:Publish", "Resource": clean,
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}))
    flawed = sns.create_topic(Name="acme-status-page")["TopicArn"]
    sns.set_topic_attributes(TopicArn=flawed, AttributeName="Policy", AttributeValue=doc(
        {"Sid": "AnyoneSubscribes", "Effect": "Allow", "Principal": "*", "Action": "SNS:Subscribe", "Resource": flawed}))

    sm = client("secretsmanager", region)
    kw = {"KmsKeyId": f"arn:aws:kms:{region}:{ACCOUNT}:key/{keys['data']}"} if "data" in keys else {}
    good = sm.create_secret(Name="acme/ledger/db-credentials", SecretString="{}", **kw)["ARN"]
    sm.put_resource_policy(SecretId=good, ResourcePolicy=doc(
        {"Sid": "LedgerOnly", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
         "Action": "secretsmanager:GetSecretValue", "Resource": "*"}))
    try:
        fn_arn = f"arn:aws:lambda:{region}:{ACCOUNT}:function:acme-secret-rotator"
        sm.rotate_secret(SecretId=good, RotationLambdaARN=fn_arn, RotationRules={"AutomaticallyAfterDays": 30})
    except Exception as e:  # moto may want the function to exist; the secret stays unrotated
        step(f"rotation not configured on moto: {type(e).__name__}")
    bad = sm.create_secret(Name="acme/partner/api-token", SecretString="{}")["ARN"]
    sm.put_resource_policy(SecretId=bad, ResourcePolicy=doc(
        {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}))

    kinesis = client("kinesis", region)
    kinesis.create_stream(StreamName="acme-card-events", ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName="acme-card-events", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    kinesis.start_stream_encryption(StreamName="acme-card-events", EncryptionType="KMS", KeyId="alias/aws/kinesis")
    kinesis.increase_stream_retention_period(StreamName="acme-card-events", RetentionPeriodHours=168)
    kinesis.create_stream(StreamName="acme-clickstream", ShardCount=1)  # flaw: no encryption, 24 h retention

    acm = client("acm", region)
    acm.request_certificate(DomainName=f"api.{region}.acme-payments.example", ValidationMethod="DNS")

    ssm = client("ssm", region)
    ssm.put_parameter(Name="/acme/ledger/db_password", Value="placeholder", Type="SecureString")
    ssm.put_parameter(Name="/acme/partner/api_token", Value="placeholder", Type="String")  # flaw: plain text
    ssm.put_parameter(Name="/acme/ledger/log-level", Value="info", Type="String")
    content = json.dumps({"schemaVersion": "2.2", "description": "Rotate logs", "mainSteps": [
        {"action": "aws:runShellScript", "name": "rotate", "inputs": {"runCommand": ["logrotate -f /etc/logrotate.conf"]}}]})
    ssm.create_document(Name="Acme-RotateLogs", Content=content, DocumentType="Command", DocumentFormat="JSON")
    ssm.create_document(Name="Acme-DebugShell", Content=content, DocumentType="Command", DocumentFormat="JSON")
    ssm.modify_document_permission(Name="Acme-DebugShell", PermissionType="Share", AccountIdsToAdd=["all"])  # flaw: public


# --------------------------------------------------------------------------
# CloudFront, API Gateway and WAFv2 (issue 17: edge and API services)
# --------------------------------------------------------------------------

def seed_edge_and_api_services() -> None:
    """CloudFront distributions, REST, HTTP and WebSocket APIs and WAFv2 web ACLs, each with a
    clean resource and one with planted flaws (named -legacy). moto leaves out what dump.py then
    completes (see README.md): origins' OriginAccessControlId, stages' tracingEnabled."""
    def visibility(name, metrics=True):
        return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": metrics, "MetricName": name}

    def common_rules(metrics=True):
        return [{"Name": "aws-common", "Priority": 0, "OverrideAction": {"None": {}},
                 "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}},
                 "VisibilityConfig": visibility("aws-common", metrics)}]

    # WAFv2: a CloudFront web ACL with rules, metrics and logging; a regional one for the APIs;
    # planted: a regional web ACL without rules, logging or metrics.
    waf = client("wafv2", PRIMARY)
    edge = waf.create_web_acl(Name="acme-edge", Scope="CLOUDFRONT", DefaultAction={"Allow": {}},
                              Rules=common_rules(), VisibilityConfig=visibility("acme-edge"))["Summary"]
    waf.put_logging_configuration(LoggingConfiguration={"ResourceArn": edge["ARN"], "LogDestinationConfigs": [
        f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:aws-waf-logs-acme-edge"]})
    api_acl = waf.create_web_acl(Name="acme-api", Scope="REGIONAL", DefaultAction={"Allow": {}},
                                 Rules=common_rules(), VisibilityConfig=visibility("acme-api"))["Summary"]
    waf.put_logging_configuration(LoggingConfiguration={"ResourceArn": api_acl["ARN"], "LogDestinationConfigs": [
        f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:aws-waf-logs-acme-api"]})
    waf.create_web_acl(Name="acme-legacy-acl", Scope="REGIONAL", DefaultAction={"Allow": {}},
                       Rules=[], VisibilityConfig=visibility("acme-legacy-acl", metrics=False))

    # CloudFront: the marketing site (S3 origin with origin access control, HTTPS only, own
    # certificate, logs, WAF, failover group); planted: a legacy distribution (HTTP allowed,
    # an origin over HTTP offering SSLv3, a bucket that is gone, legacy OAI, default certificate).
    cf = client("cloudfront", PRIMARY)
    site_bucket = "acme-marketing-website"  # created by seed_s3
    # Each origin access control is named after the origin that uses it: moto does not return an
    # origin's OriginAccessControlId, and dump.py restores it by that name.
    for origin in ("site", "site-dr"):
        cf.create_origin_access_control(OriginAccessControlConfig={
            "Name": origin, "Description": "marketing site bucket", "SigningProtocol": "sigv4", "SigningBehavior": "always",
            "OriginAccessControlOriginType": "s3"})
    acm = client("acm", PRIMARY)
    cert = acm.request_certificate(DomainName="www.acme-payments.example", ValidationMethod="DNS")["CertificateArn"]

    def behavior(origin, policy):
        return {"TargetOriginId": origin, "ViewerProtocolPolicy": policy, "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                "MinTTL": 0, "TrustedSigners": {"Enabled": False, "Quantity": 0}}

    cf.create_distribution(DistributionConfig={
        "CallerReference": "acme-site", "Comment": "www.acme-payments.example", "Enabled": True,
        "Aliases": {"Quantity": 1, "Items": ["www.acme-payments.example"]}, "DefaultRootObject": "index.html",
        "Origins": {"Quantity": 2, "Items": [
            {"Id": "site", "DomainName": f"{site_bucket}.s3.us-east-1.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}},
            {"Id": "site-dr", "DomainName": "acme-payments-dr-data-euw1.s3.eu-west-1.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "OriginGroups": {"Quantity": 1, "Items": [{"Id": "site-failover", "FailoverCriteria": {"StatusCodes": {"Quantity": 2, "Items": [500, 503]}},
                                                    "Members": {"Quantity": 2, "Items": [{"OriginId": "site"}, {"OriginId": "site-dr"}]}}]},
        "DefaultCacheBehavior": behavior("site", "redirect-to-https"),
        "Logging": {"Enabled": True, "IncludeCookies": False, "Bucket": "acme-s3-access-logs-use1.s3.amazonaws.com", "Prefix": "cloudfront/"},
        "ViewerCertificate": {"ACMCertificateArn": cert, "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"},
        "WebACLId": edge["ARN"]})
    cf.create_distribution(DistributionConfig={
        "CallerReference": "acme-legacy", "Comment": "legacy downloads", "Enabled": True,
        "Origins": {"Quantity": 2, "Items": [
            {"Id": "downloads", "DomainName": "acme-legacy-downloads.s3.amazonaws.com",
             "S3OriginConfig": {"OriginAccessIdentity": "origin-access-identity/cloudfront/E1LEGACYOAI"}},
            {"Id": "legacy-app", "DomainName": "legacy.acme-payments.example",
             "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only",
                                    "OriginSslProtocols": {"Quantity": 2, "Items": ["SSLv3", "TLSv1"]}}}]},
        "DefaultCacheBehavior": behavior("downloads", "allow-all"),
        "CacheBehaviors": {"Quantity": 1, "Items": [dict(behavior("legacy-app", "allow-all"), PathPattern="/app/*")]},
        "Logging": {"Enabled": False, "IncludeCookies": False, "Bucket": "", "Prefix": ""}})

    # API Gateway REST: orders (IAM-authorized, logged, traced, WAF, encrypted cache); planted:
    # a legacy API with an open method, no logs, no tracing, no WAF and an unencrypted cache.
    apigw = client("apigateway", PRIMARY)

    def rest_api(name, auth, policy=None, endpoint="REGIONAL"):
        kw = {"name": name, "endpointConfiguration": {"types": [endpoint]}}
        if policy:
            kw["policy"] = policy
        api = apigw.create_rest_api(**kw)["id"]
        root = apigw.get_resources(restApiId=api)["items"][0]["id"]
        res = apigw.create_resource(restApiId=api, parentId=root, pathPart="items")["id"]
        apigw.put_method(restApiId=api, resourceId=res, httpMethod="GET", authorizationType=auth)
        apigw.put_integration(restApiId=api, resourceId=res, httpMethod="GET", type="MOCK")
        return api

    orders = rest_api("acme-orders-api", "AWS_IAM", policy=doc({
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "execute-api:Invoke",
        "Resource": f"arn:aws:execute-api:us-east-1:{ACCOUNT}:*/*"}))
    deployment = apigw.create_deployment(restApiId=orders, description="v1")["id"]
    apigw.create_stage(restApiId=orders, stageName="prod", deploymentId=deployment, cacheClusterEnabled=True,
                       cacheClusterSize="0.5", tracingEnabled=True)
    apigw.update_stage(restApiId=orders, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/*/*/logging/loglevel", "value": "ERROR"},
        {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": "true"},
        {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:acme-orders-api-access"},
        {"op": "replace", "path": "/accessLogSettings/format", "value": "$context.requestId $context.identity.sourceIp $context.status"}])
    waf.associate_web_acl(WebACLArn=api_acl["ARN"], ResourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{orders}/stages/prod")

    legacy = rest_api("acme-legacy-api", "NONE", endpoint="EDGE")
    deployment = apigw.create_deployment(restApiId=legacy, description="v0")["id"]
    apigw.create_stage(restApiId=legacy, stageName="dev", deploymentId=deployment, cacheClusterEnabled=True,
                       cacheClusterSize="0.5", tracingEnabled=False)
    apigw.update_stage(restApiId=legacy, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/*/*/logging/loglevel", "value": "OFF"},
        {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": "false"}])

    # HTTP and WebSocket APIs: a JWT-protected HTTP API with access logs; planted: an HTTP API
    # with an open admin route and no access logs, and a WebSocket API without execution logs.
    v2 = client("apigatewayv2", PRIMARY)
    shop = v2.create_api(Name="acme-shop-http", ProtocolType="HTTP")["ApiId"]
    jwt = v2.create_authorizer(ApiId=shop, Name="cognito", AuthorizerType="JWT", IdentitySource=["$request.header.Authorization"],
                               JwtConfiguration={"Audience": ["acme-shop"], "Issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_acme"})["AuthorizerId"]
    v2.create_route(ApiId=shop, RouteKey="GET /cart", AuthorizationType="JWT", AuthorizerId=jwt)
    v2.create_stage(ApiId=shop, StageName="prod", AccessLogSettings={
        "DestinationArn": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:acme-shop-http-access", "Format": "$context.requestId"})
    open_api = v2.create_api(Name="acme-legacy-http", ProtocolType="HTTP")["ApiId"]
    v2.create_route(ApiId=open_api, RouteKey="POST /admin/refunds", AuthorizationType="NONE")
    v2.create_stage(ApiId=open_api, StageName="dev")
    chat = v2.create_api(Name="acme-legacy-chat", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")["ApiId"]
    v2.create_route(ApiId=chat, RouteKey="$connect", AuthorizationType="NONE")
    v2.create_stage(ApiId=chat, StageName="prod")



def main() -> None:
    t0 = time.time()
    print(f"Seeding Acme Payments into {ENDPOINT}", flush=True)
    print("IAM", flush=True)
    iam_out = seed_iam()
    print("KMS", flush=True)
    keys = {r: seed_kms(r) for r in (PRIMARY, DR)}
    print("VPC networking", flush=True)
    net = {r: seed_network(r) for r in (PRIMARY, DR)}
    print("EC2 instances, volumes, snapshots", flush=True)
    compute = {r: seed_compute(r, net[r], iam_out, keys[r]) for r in (PRIMARY, DR)}
    print("S3", flush=True)
    seed_s3(keys[PRIMARY], keys[DR])
    seed_s3_account_pab()
    print("RDS", flush=True)
    rds_primary = seed_rds(PRIMARY, net[PRIMARY], keys[PRIMARY])
    seed_rds(DR, net[DR], keys[DR], rds_primary)
    print("DynamoDB", flush=True)
    for r in (PRIMARY, DR):
        seed_dynamodb(r, keys[r])
    print("Redshift", flush=True)
    seed_redshift(net[PRIMARY], keys[PRIMARY])
    print("EMR", flush=True)
    for r in (PRIMARY, DR):
        seed_emr(r, net[r])
    print("WorkSpaces", flush=True)
    seed_workspaces(net[PRIMARY], keys[PRIMARY])
    print("ELBv2 and Auto Scaling", flush=True)
    for r in (PRIMARY, DR):
        lbs = seed_load_balancing(r, net[r], compute[r])
        seed_autoscaling(r, net[r], iam_out, lbs)
    print("CloudTrail", flush=True)
    seed_cloudtrail(keys[PRIMARY])
    print("AWS Config and CloudWatch monitoring", flush=True)
    seed_config()
    seed_monitoring()
    print("Route 53", flush=True)
    seed_route53(net[PRIMARY])
    print("ECR, ElastiCache, EFS and OpenSearch", flush=True)
    seed_edge_and_data_services(net[PRIMARY])
    print("GuardDuty, Security Hub and AWS Backup", flush=True)
    seed_security_services()
    seed_messaging_secrets_config(PRIMARY, keys[PRIMARY])
    print("Lambda, ECS, EKS, CodeBuild, Step Functions, SageMaker and Glue", flush=True)
    seed_compute_services(net[PRIMARY])
    print("CloudFront, API Gateway and WAFv2", flush=True)
    seed_edge_and_api_services()
    print(f"Seeded in {time.time() - t0:.1f}s", flush=True)


if __name__ == "__main__":
    main()
