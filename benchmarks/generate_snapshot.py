#!/usr/bin/env python3
"""Generate a synthetic Rampart snapshot directory (format rampart-snapshot/1) of any size.

    benchmarks/generate_snapshot.py --accounts 2 --regions 3 --resources 100000 --output DIR
                                    [--seed 20261129] [--indent 4] [--cli-version 1|2]

The output has the layout of DESIGN.md "Snapshot directory": every file is shaped as
`aws <service> <operation> --output json` prints it (Examples/demo-snapshot/, collected
with the AWS CLI, is the template; where moto and AWS differ, this follows AWS), every
call the scanner reads is present for every account and region (empty lists included),
and per-resource calls are `<operation>/<percent-encoded id>.json`. Calls whose AWS
error means "not configured" (NoSuchBucketPolicy, NoSuchTagSet, NoSuchEntity ...) are
listed in manifest.json `errors`, as the collector does.

`--resources` is the approximate number of resources Rampart counts (users, groups,
roles, customer managed policies, buckets, hosted zones, health checks, instances,
security groups, ACLs, volumes, snapshots, VPCs, subnets, route tables, internet
gateways, DB instances and clusters, tables, ...). They are spread over the types as in
a typical estate (many instances, volumes, snapshots and security groups; fewer
buckets, databases and keys) and over the accounts and regions. Good and bad settings
are mixed at random. The same arguments and seed always give the same bytes.

Output is compact JSON by default; `--indent 4` writes what the AWS CLI writes (about
twice the bytes). `--cli-version 1` (default, like the demo snapshot) prints
timestamps as the service sent them (`2026-01-02T03:04:05.000Z` for EC2 and S3, epoch
seconds for JSON services such as DynamoDB, KMS and CloudTrail); `--cli-version 2`
prints every timestamp as ISO 8601 (`2026-01-02T03:04:05+00:00`), as AWS CLI v2 does.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import random
import sys
import time
import uuid
from pathlib import Path

FORMAT = "rampart-snapshot/1"
COLLECTED_AT = dt.datetime(2026, 11, 29, 12, 0, 0, tzinfo=dt.timezone.utc)
COLLECTED_AT_TEXT = "2026-11-29T12:00:00Z"

# Region name -> (AZ letters, zone ids in the same order). Zone ids are AWS's real ones.
REGIONS = [
    ("us-east-1", "abcdef", ["use1-az6", "use1-az1", "use1-az2", "use1-az4", "use1-az3", "use1-az5"]),
    ("eu-west-1", "abc", ["euw1-az3", "euw1-az1", "euw1-az2"]),
    ("us-west-2", "abcd", ["usw2-az2", "usw2-az1", "usw2-az3", "usw2-az4"]),
    ("eu-central-1", "abc", ["euc1-az2", "euc1-az3", "euc1-az1"]),
    ("ap-southeast-1", "abc", ["apse1-az1", "apse1-az2", "apse1-az3"]),
    ("ap-northeast-1", "acd", ["apne1-az4", "apne1-az1", "apne1-az2"]),
    ("us-east-2", "abc", ["use2-az1", "use2-az2", "use2-az3"]),
    ("eu-west-2", "abc", ["euw2-az2", "euw2-az3", "euw2-az1"]),
    ("ca-central-1", "abd", ["cac1-az1", "cac1-az2", "cac1-az4"]),
    ("ap-south-1", "abc", ["aps1-az1", "aps1-az3", "aps1-az2"]),
    ("sa-east-1", "abc", ["sae1-az1", "sae1-az2", "sae1-az3"]),
    ("ap-southeast-2", "abc", ["apse2-az3", "apse2-az1", "apse2-az2"]),
    ("eu-north-1", "abc", ["eun1-az1", "eun1-az2", "eun1-az3"]),
    ("us-west-1", "bc", ["usw1-az1", "usw1-az3"]),
]

# Share of the resources each type gets (relative weights).
GLOBAL_WEIGHTS = {
    "iam_user": 30, "iam_group": 4, "iam_role": 40, "iam_policy": 20,
    "s3_bucket": 25, "hosted_zone": 2, "health_check": 2,
}
REGIONAL_WEIGHTS = {
    "instance": 200, "volume": 240, "snapshot": 140, "security_group": 100, "subnet": 40,
    "network_acl": 20, "route_table": 20, "vpc": 6, "internet_gateway": 4,
    "db_instance": 15, "db_cluster": 3, "dynamodb_table": 15, "redshift_cluster": 2,
    "emr_cluster": 2, "workspace": 6, "workspace_directory": 1, "load_balancer": 7,
    "target_group": 10, "auto_scaling_group": 10, "kms_key": 10, "trail": 1,
}

SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")


def encode_id(value: str) -> str:
    """Every byte outside A-Z a-z 0-9 . _ - becomes %XX (uppercase hex)."""
    return "".join(chr(b) if b in SAFE else f"%{b:02X}" for b in value.encode("utf-8"))


def split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


APPS = ["payments", "ledger", "checkout", "search", "catalog", "auth", "billing", "reporting", "notify",
        "ingest", "etl", "analytics", "web", "api", "admin", "batch", "cache", "queue", "ml", "media"]
TIERS = ["web", "api", "worker", "db", "cache", "batch", "bastion", "proxy", "jobs", "svc"]
ENVS = ["prod", "prod", "prod", "staging", "dev", "test"]
TEAMS = ["platform", "payments", "data", "security", "growth", "core", "sre", "ml"]
FIRST = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
         "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yusuf", "zoe", "omar",
         "lena", "marta", "kenji", "priya", "diego", "fatima", "chen", "ana"]
LAST = ["nguyen", "martinez", "okafor", "kowalski", "sato", "smith", "garcia", "muller", "rossi", "kim",
        "silva", "novak", "haddad", "ivanova", "tanaka", "obrien", "dubois", "jensen", "patel", "costa"]
INSTANCE_TYPES = ["t3.micro", "t3.small", "t3.medium", "t3.large", "m6i.large", "m6i.xlarge", "m5.large",
                  "c6i.large", "c6i.2xlarge", "r6i.large", "r6g.xlarge", "m7g.large", "t4g.small"]
AWS_MANAGED = {
    "AdministratorAccess": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
    "PowerUserAccess": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles",
                                       "organizations:DescribeOrganization", "account:ListRegions",
                                       "account:GetAccountInformation"], "Resource": "*"}]},
    "ReadOnlyAccess": {"Version": "2012-10-17", "Statement": [{"Sid": "ReadOnlyActions", "Effect": "Allow", "Action": [
        "a4b:Get*", "acm:Describe*", "acm:Get*", "acm:List*", "autoscaling:Describe*", "cloudformation:Describe*",
        "cloudformation:Get*", "cloudformation:List*", "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*",
        "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "dynamodb:BatchGetItem", "dynamodb:Describe*",
        "dynamodb:Get*", "dynamodb:List*", "dynamodb:Query", "dynamodb:Scan", "ec2:Describe*", "ec2:Get*",
        "elasticloadbalancing:Describe*", "iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*", "kms:Describe*",
        "kms:Get*", "kms:List*", "lambda:Get*", "lambda:List*", "rds:Describe*", "rds:List*", "route53:Get*",
        "route53:List*", "s3:Get*", "s3:List*", "sns:Get*", "sns:List*", "sqs:Get*", "sqs:List*"], "Resource": "*"}]},
    "AmazonS3ReadOnlyAccess": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
        "s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"], "Resource": "*"}]},
    "AmazonSSMManagedInstanceCore": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance",
                                       "ssm:GetDocument", "ssm:DescribeDocument", "ssm:GetManifest", "ssm:GetParameter",
                                       "ssm:GetParameters", "ssm:ListAssociations", "ssm:ListInstanceAssociations",
                                       "ssm:PutInventory", "ssm:PutComplianceItems", "ssm:PutConfigurePackageResult",
                                       "ssm:UpdateAssociationStatus", "ssm:UpdateInstanceAssociationStatus",
                                       "ssm:UpdateInstanceInformation"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                                       "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage",
                                       "ec2messages:FailMessage", "ec2messages:GetEndpoint", "ec2messages:GetMessages",
                                       "ec2messages:SendReply"], "Resource": "*"}]},
    "IAMFullAccess": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:*",
        "organizations:DescribeAccount", "organizations:DescribeOrganization", "organizations:DescribeOrganizationalUnit",
        "organizations:DescribePolicy", "organizations:ListChildren", "organizations:ListParents",
        "organizations:ListPoliciesForTarget", "organizations:ListRoots", "organizations:ListPolicies",
        "organizations:ListTargetsForPolicy"], "Resource": "*"}]},
    "AWSLambdaBasicExecutionRole": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]},
    "SecurityAudit": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
        "access-analyzer:List*", "cloudtrail:Describe*", "cloudtrail:Get*", "config:Describe*", "ec2:Describe*",
        "iam:GenerateCredentialReport", "iam:Get*", "iam:List*", "kms:Describe*", "kms:Get*", "kms:List*",
        "s3:GetBucket*", "s3:GetAccountPublicAccessBlock", "s3:ListAllMyBuckets"], "Resource": "*"}]},
    "AWSSupportAccess": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["support:*"], "Resource": "*"}]},
    "AmazonEC2FullAccess": {"Version": "2012-10-17", "Statement": [
        {"Action": "ec2:*", "Effect": "Allow", "Resource": "*"},
        {"Effect": "Allow", "Action": "elasticloadbalancing:*", "Resource": "*"},
        {"Effect": "Allow", "Action": "cloudwatch:*", "Resource": "*"},
        {"Effect": "Allow", "Action": "autoscaling:*", "Resource": "*"}]},
}
SERVICE_PRINCIPALS = ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com",
                      "states.amazonaws.com", "codebuild.amazonaws.com", "events.amazonaws.com"]
SERVICE_LINKED = [("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling", "AutoScalingServiceRolePolicy"),
                  ("elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing",
                   "AWSElasticLoadBalancingServiceRolePolicy"),
                  ("rds.amazonaws.com", "AWSServiceRoleForRDS", "AmazonRDSServiceRolePolicy"),
                  ("support.amazonaws.com", "AWSServiceRoleForSupport", "AWSSupportServiceRolePolicy"),
                  ("trustedadvisor.amazonaws.com", "AWSServiceRoleForTrustedAdvisor", "AWSTrustedAdvisorServiceRolePolicy")]
CREDENTIAL_REPORT_COLUMNS = [
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
    "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
    "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
    "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
    "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated",
    "cert_2_active", "cert_2_last_rotated",
]
ALNUM_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


class Output:
    """Writes the files; counts them and their bytes."""

    def __init__(self, root: Path, indent: int | None) -> None:
        self.root = root
        self.indent = indent
        self.files = 0
        self.bytes = 0
        self.dirs: set[Path] = set()
        self.errors: list[dict] = []
        self.resources: dict[str, int] = {}  # counted as Rampart counts them, by CloudFormation type

    def count(self, cfn_type: str, n: int) -> None:
        self.resources[cfn_type] = self.resources.get(cfn_type, 0) + n

    def write(self, relative: str, doc) -> None:
        path = self.root / relative
        parent = path.parent
        if parent not in self.dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self.dirs.add(parent)
        if doc is None:  # the AWS CLI prints nothing for an empty response
            data = b""
        elif self.indent is None:
            data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        else:
            data = (json.dumps(doc, ensure_ascii=False, indent=self.indent) + "\n").encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)

    def error(self, account, region, service, operation, code, message, resource=None) -> None:
        e = {"account": account, "region": region, "service": service, "operation": operation,
             "code": code, "message": message}
        if resource is not None:
            e["resource"] = resource
        self.errors.append(e)


class Gen:
    """Random values and timestamp formats shared by all the services."""

    def __init__(self, seed: int, cli_version: int) -> None:
        self.rng = random.Random(seed)
        self.v2 = cli_version == 2

    # -- random helpers ---------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def hex(self, n: int) -> str:
        return f"{self.rng.getrandbits(4 * n):0{n}x}"

    def chars(self, alphabet: str, n: int) -> str:
        r = self.rng
        return "".join(alphabet[r.randrange(len(alphabet))] for _ in range(n))

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def rid(self, prefix: str) -> str:
        return f"{prefix}-{self.hex(17)}"

    def iam_id(self, prefix: str) -> str:
        return prefix + self.chars(BASE32, 17)

    def past(self, max_days: float = 1000, min_days: float = 0.02) -> dt.datetime:
        seconds = int(self.rng.uniform(min_days, max_days) * 86400)
        return COLLECTED_AT - dt.timedelta(seconds=seconds)

    def past_ms(self, max_days: float = 1000, min_days: float = 0.02) -> dt.datetime:
        return self.past(max_days, min_days).replace(microsecond=self.rng.randrange(1000) * 1000)

    def tags(self, name: str | None, env: str, app: str, extra: int = 3) -> list[dict]:
        tags = [{"Key": "Name", "Value": name}] if name else []
        if self.chance(0.85):
            tags.append({"Key": "env", "Value": env})
        if self.chance(0.7):
            tags.append({"Key": "app", "Value": app})
        if self.chance(0.6):
            tags.append({"Key": "team", "Value": self.pick(TEAMS)})
        if self.chance(0.4):
            tags.append({"Key": "cost-center", "Value": f"cc-{self.rng.randrange(1000, 9999)}"})
        if extra and self.chance(0.2):
            tags.append({"Key": "rampart:min-capacity", "Value": str(self.rng.randrange(1, 4))})
        return tags

    # -- timestamps as the AWS CLI prints them ---------------------------------------------
    def ts_ec2(self, t: dt.datetime) -> str:  # EC2, S3 (XML): 2026-01-02T03:04:05.000Z
        return t.isoformat() if self.v2 else t.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def ts_iam(self, t: dt.datetime) -> str:  # IAM (XML): 2026-01-02T03:04:05Z
        return t.isoformat() if self.v2 else t.strftime("%Y-%m-%dT%H:%M:%SZ")

    def ts_ms(self, t: dt.datetime) -> str:  # RDS, ELBv2, Auto Scaling, Redshift: ...05.123Z
        if self.v2:
            return t.isoformat()
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"

    def ts_epoch(self, t: dt.datetime):  # JSON services: epoch seconds
        return t.isoformat() if self.v2 else round(t.timestamp(), 3)


def report_time(t: dt.datetime) -> str:  # the credential report's own format
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")


# ======================================================================================
# Global (account-level) services: IAM, S3, Route 53
# ======================================================================================

class AccountState:
    """What regional generation needs from the account-level resources."""

    def __init__(self, account: str, regions: list[str]) -> None:
        self.account = account
        self.regions = regions
        self.instance_profiles: list[str] = []   # ARNs
        self.bucket_names: list[str] = []
        self.log_buckets: list[str] = []
        self.role_arns: list[str] = []
        self.multi_region_trails: list[dict] = []
        # A trail's status and selectors are the same whichever region is asked.
        self.trail_answers: dict[str, tuple[dict, dict]] = {}


def gen_iam(g: Gen, out: Output, st: AccountState, counts: dict, other_accounts: list[str]) -> None:
    acct = st.account
    base = f"{acct}/global/iam"
    rng = g.rng

    # Customer managed policies.
    policies = []
    for i in range(counts["iam_policy"]):
        app = g.pick(APPS)
        name = f"{app}-{g.pick(['read', 'write', 'deploy', 'access', 'ops', 'admin', 'data'])}-{i}"
        path = g.pick(["/", "/", f"/{app}/", "/service/"])
        kind = rng.random()
        if kind < 0.04:
            stmts = [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
        elif kind < 0.10:
            stmts = [{"Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
                                                    "iam:PassRole", "iam:AttachUserPolicy"], "Resource": "*"}]
        elif kind < 0.16:
            stmts = [{"Effect": "Allow", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
                                                    "s3:DeleteObject", "logs:DeleteLogGroup"], "Resource": "*"}]
        elif kind < 0.25:
            stmts = [{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": f"arn:aws:iam::{acct}:role/*"},
                     {"Effect": "Allow", "Action": ["ec2:RunInstances", "lambda:CreateFunction"], "Resource": "*"}]
        else:
            stmts = [{"Effect": "Allow", "Action": [f"s3:{a}" for a in g.rng.sample(
                ["GetObject", "PutObject", "ListBucket", "DeleteObject", "GetBucketLocation"], rng.randrange(1, 4))],
                      "Resource": [f"arn:aws:s3:::{app}-data-*", f"arn:aws:s3:::{app}-data-*/*"]}]
            if g.chance(0.5):
                stmts.append({"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*",
                              "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}})
            if g.chance(0.3):
                stmts.append({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                              "Resource": f"arn:aws:dynamodb:*:{acct}:table/{app}-*"})
        doc = {"Version": "2012-10-17", "Statement": stmts}
        nversions = rng.choice([1, 1, 1, 2, 3])
        created = g.past(1200, 30)
        versions = []
        for v in range(nversions, 0, -1):
            vdoc = doc if v == nversions else {"Version": "2012-10-17", "Statement": stmts[:1]}
            versions.append({"Document": vdoc, "VersionId": f"v{v}", "IsDefaultVersion": v == nversions,
                             "CreateDate": g.ts_iam(created + dt.timedelta(days=v))})
        arn = f"arn:aws:iam::{acct}:policy{path}{name}"
        p = {"PolicyName": name, "PolicyId": g.iam_id("ANPA"), "Arn": arn, "Path": path,
             "DefaultVersionId": f"v{nversions}", "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 0,
             "IsAttachable": True, "CreateDate": g.ts_iam(created),
             "UpdateDate": g.ts_iam(created + dt.timedelta(days=nversions)), "PolicyVersionList": versions}
        policies.append(p)
    aws_used: dict[str, int] = {}

    def attach(n_max: int) -> list[dict]:
        out_ = []
        for _ in range(rng.randrange(n_max + 1)):
            if policies and g.chance(0.6):
                p = g.pick(policies)
                if any(a["PolicyArn"] == p["Arn"] for a in out_):
                    continue
                p["AttachmentCount"] += 1
                out_.append({"PolicyName": p["PolicyName"], "PolicyArn": p["Arn"]})
            else:
                name = g.pick(list(AWS_MANAGED))
                arn = f"arn:aws:iam::aws:policy/{name}"
                if any(a["PolicyArn"] == arn for a in out_):
                    continue
                aws_used[name] = aws_used.get(name, 0) + 1
                out_.append({"PolicyName": name, "PolicyArn": arn})
        return out_

    def inline(n_max: int) -> list[dict]:
        out_ = []
        for k in range(rng.randrange(n_max + 1) if g.chance(0.3) else 0):
            if g.chance(0.1):
                doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
            else:
                doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
                    g.pick(["sqs:SendMessage", "sns:Publish", "s3:GetObject", "ssm:GetParameter",
                            "secretsmanager:GetSecretValue", "iam:PassRole", "sts:AssumeRole"])],
                    "Resource": "*"}]}
            out_.append({"PolicyName": f"inline-{k}", "PolicyDocument": doc})
        return out_

    # Groups.
    groups = []
    for i in range(counts["iam_group"]):
        name = g.pick(["Admins", "Developers", "ReadOnly", "Auditors", "Ops", "Billing", "DataEng", "Support"]) + f"-{i}"
        groups.append({"Path": "/", "GroupName": name, "GroupId": g.iam_id("AGPA"),
                       "Arn": f"arn:aws:iam::{acct}:group/{name}", "CreateDate": g.ts_iam(g.past(1500, 100)),
                       "GroupPolicyList": inline(1), "AttachedManagedPolicies": attach(2)})

    # Users and their credential-report rows.
    users = []
    rows = []
    mfa_devices = []
    password_policy_expires = g.chance(0.4)
    access_keys_total = 0
    for i in range(counts["iam_user"]):
        human = g.chance(0.7)
        if human:
            name = f"{g.pick(FIRST)}.{g.pick(LAST)}{i}"
            path = g.pick(["/", "/people/", "/people/"])
        else:
            name = f"svc-{g.pick(APPS)}-{g.pick(['deploy', 'ci', 'backup', 'loader', 'sync'])}-{i}"
            path = g.pick(["/", "/service/"])
        created = g.past(1800, 5)
        age_days = (COLLECTED_AT - created).total_seconds() / 86400
        arn = f"arn:aws:iam::{acct}:user{path}{name}"
        uid = g.iam_id("AIDA")
        user = {"Path": path, "UserName": name, "UserId": uid, "Arn": arn, "CreateDate": g.ts_iam(created),
                "UserPolicyList": inline(2),
                "GroupList": [grp["GroupName"] for grp in rng.sample(groups, min(len(groups), rng.randrange(3)))],
                "AttachedManagedPolicies": attach(2) if g.chance(0.4) else []}
        if g.chance(0.05):
            user["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy",
                                           "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/PowerUserAccess"}
        tags = [] if g.chance(0.5) else [{"Key": "team", "Value": g.pick(TEAMS)}]
        if tags:
            user["Tags"] = tags
        users.append(user)

        password = human and g.chance(0.9)
        mfa = password and g.chance(0.75)
        pw_changed = g.past(age_days, 0.1) if password else None
        pw_used = g.past(min(200, age_days), 0.01) if password and g.chance(0.85) else None
        row = [name, arn, report_time(created), "true" if password else "false",
               report_time(pw_used) if pw_used else "N/A",
               report_time(pw_changed) if pw_changed else "N/A",
               report_time(pw_changed + dt.timedelta(days=90)) if password and password_policy_expires else "N/A",
               "true" if mfa else "false"]
        nkeys = 0 if (human and g.chance(0.6)) else (2 if g.chance(0.15) else 1)
        for k in range(2):
            if k < nkeys:
                active = g.chance(0.9)
                access_keys_total += 1
                rotated = g.past(min(700, age_days), 0.1)
                used = g.past(min(120, (COLLECTED_AT - rotated).total_seconds() / 86400), 0.01) if g.chance(0.8) else None
                row += ["true" if active else "false", report_time(rotated),
                        report_time(used) if used else "N/A",
                        g.pick(["us-east-1", "eu-west-1", "us-west-2"]) if used else "N/A",
                        g.pick(["s3", "sts", "ec2", "dynamodb", "iam"]) if used else "N/A"]
            else:
                row += ["false", "N/A", "N/A", "N/A", "N/A"]
        row += ["false", "N/A", "false", "N/A"]
        rows.append(row)
        if mfa:
            mfa_devices.append({"SerialNumber": f"arn:aws:iam::{acct}:mfa/{name}",
                                "User": {"Path": path, "UserName": name, "UserId": uid, "Arn": arn,
                                         "CreateDate": g.ts_iam(created),
                                         **({"PasswordLastUsed": g.ts_iam(pw_used)} if pw_used else {})},
                                "EnableDate": g.ts_iam(g.past(age_days, 0.1))})

    # Roles.
    roles = []
    n_roles = counts["iam_role"]
    n_linked = min(len(SERVICE_LINKED), n_roles // 10)
    for i in range(n_roles):
        created = g.past(1500, 2)
        role_last_used = ({"LastUsedDate": g.ts_iam(g.past(90, 0.01)), "Region": g.pick(st.regions)}
                          if g.chance(0.7) else {})
        if i < n_linked:
            service, name, policy = SERVICE_LINKED[i]
            path = f"/aws-service-role/{service}/"
            trust = {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}
            arn = f"arn:aws:iam::{acct}:role{path}{name}"
            aws_used[policy] = aws_used.get(policy, 0) + 1
            role = {"Path": path, "RoleName": name, "RoleId": g.iam_id("AROA"), "Arn": arn,
                    "CreateDate": g.ts_iam(created), "AssumeRolePolicyDocument": trust, "InstanceProfileList": [],
                    "RolePolicyList": [], "AttachedManagedPolicies": [
                        {"PolicyName": policy, "PolicyArn": f"arn:aws:iam::aws:policy/aws-service-role/{policy}"}],
                    "Tags": [], "RoleLastUsed": role_last_used}
            roles.append(role)
            st.role_arns.append(arn)
            continue
        app = g.pick(APPS)
        kind = rng.random()
        if kind < 0.35:
            principal = {"Service": "ec2.amazonaws.com"}
            name = f"{app}-{g.pick(TIERS)}-ec2-role-{i}"
        elif kind < 0.65:
            principal = {"Service": g.pick(SERVICE_PRINCIPALS[1:])}
            name = f"{app}-{principal['Service'].split('.')[0]}-role-{i}"
        elif kind < 0.9:
            other = g.pick(other_accounts) if other_accounts and g.chance(0.5) else f"{rng.randrange(10**11, 10**12)}"
            principal = {"AWS": f"arn:aws:iam::{other}:root"}
            name = f"cross-account-{g.pick(['audit', 'deploy', 'readonly', 'support', 'breakglass'])}-{i}"
        elif kind < 0.95:
            principal = {"Federated": f"arn:aws:iam::{acct}:saml-provider/corp-idp"}
            name = f"sso-{g.pick(['admin', 'developer', 'readonly', 'billing'])}-{i}"
        else:
            principal = {"AWS": "*"}  # bad: anyone may assume it
            name = f"legacy-{app}-role-{i}"
        stmt = {"Effect": "Allow", "Principal": principal,
                "Action": "sts:AssumeRoleWithSAML" if "Federated" in principal else "sts:AssumeRole"}
        if "AWS" in principal and principal["AWS"] != "*" and g.chance(0.5):
            stmt["Condition"] = {"StringEquals": {"sts:ExternalId": g.hex(16)}}
        if "Federated" in principal:
            stmt["Condition"] = {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}
        path = g.pick(["/", "/", f"/{app}/"])
        arn = f"arn:aws:iam::{acct}:role{path}{name}"
        role_id = g.iam_id("AROA")
        trust = {"Version": "2012-10-17", "Statement": [stmt]}
        profiles = []
        if principal.get("Service") == "ec2.amazonaws.com":
            pname = name.replace("-role", "-profile")
            profile = f"arn:aws:iam::{acct}:instance-profile/{pname}"
            profiles.append({"Path": "/", "InstanceProfileName": pname, "InstanceProfileId": g.iam_id("AIPA"),
                             "Arn": profile, "CreateDate": g.ts_iam(created),
                             "Roles": [{"Path": path, "RoleName": name, "RoleId": role_id, "Arn": arn,
                                        "CreateDate": g.ts_iam(created), "AssumeRolePolicyDocument": trust}]})
            st.instance_profiles.append(profile)
        role = {"Path": path, "RoleName": name, "RoleId": role_id, "Arn": arn, "CreateDate": g.ts_iam(created),
                "AssumeRolePolicyDocument": trust, "InstanceProfileList": profiles, "RolePolicyList": inline(2),
                "AttachedManagedPolicies": attach(3)}
        if g.chance(0.05):
            role["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy",
                                           "PermissionsBoundaryArn": policies[0]["Arn"] if policies else
                                           "arn:aws:iam::aws:policy/PowerUserAccess"}
        role["Tags"] = [{"Key": "app", "Value": app}] if g.chance(0.6) else []
        role["RoleLastUsed"] = role_last_used
        roles.append(role)
        st.role_arns.append(arn)

    # AWS managed policies attached to something are listed too.
    aws_policies = []
    for name in sorted(aws_used):
        doc = AWS_MANAGED.get(name) or {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["ec2:Describe*", "cloudwatch:PutMetricData"], "Resource": "*"}]}
        prefix = "aws-service-role/" if name not in AWS_MANAGED else ""
        created = dt.datetime(2015, 2, 6, 18, 39, 46, tzinfo=dt.timezone.utc)
        aws_policies.append({
            "PolicyName": name, "PolicyId": g.iam_id("ANPA"), "Arn": f"arn:aws:iam::aws:policy/{prefix}{name}",
            "Path": f"/{prefix}", "DefaultVersionId": "v1", "AttachmentCount": aws_used[name],
            "PermissionsBoundaryUsageCount": 0, "IsAttachable": True, "CreateDate": g.ts_iam(created),
            "UpdateDate": g.ts_iam(created), "PolicyVersionList": [
                {"Document": doc, "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": g.ts_iam(created)}]})

    out.write(f"{base}/get-account-authorization-details.json", {
        "UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles,
        "Policies": policies + aws_policies})
    out.count("AWS::IAM::User", len(users))
    out.count("AWS::IAM::Group", len(groups))
    out.count("AWS::IAM::Role", len(roles))
    out.count("AWS::IAM::ManagedPolicy", len(policies))

    # Credential report: the root row first, then one row per user.
    root_created = g.past(2500, 1000)
    root_mfa = g.chance(0.8)
    root_keys = g.chance(0.05)
    root_row = ["<root_account>", f"arn:aws:iam::{acct}:root", report_time(root_created), "not_supported",
                report_time(g.past(300, 1)) if g.chance(0.6) else "N/A", "not_supported", "not_supported",
                "true" if root_mfa else "false"]
    if root_keys:
        used = g.past(60, 1)
        root_row += ["true", report_time(g.past(1500, 400)), report_time(used), "us-east-1", "s3"]
    else:
        root_row += ["false", "N/A", "N/A", "N/A", "N/A"]
    root_row += ["false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"]
    csv = "\n".join(",".join(r) for r in [CREDENTIAL_REPORT_COLUMNS, root_row] + rows)
    out.write(f"{base}/get-credential-report.json", {
        "Content": base64.b64encode(csv.encode("utf-8")).decode("ascii"), "ReportFormat": "text/csv",
        "GeneratedTime": g.ts_iam(COLLECTED_AT - dt.timedelta(minutes=2))})

    if root_mfa and g.chance(0.7):
        mfa_devices.insert(0, {"SerialNumber": f"arn:aws:iam::{acct}:mfa/root-account-mfa-device",
                               "User": {"UserId": acct, "Arn": f"arn:aws:iam::{acct}:root",
                                        "CreateDate": g.ts_iam(root_created)},
                               "EnableDate": g.ts_iam(g.past(900, 10))})
    for _ in range(rng.randrange(3)):  # created, never assigned
        mfa_devices.append({"SerialNumber": f"arn:aws:iam::{acct}:mfa/unassigned-{g.hex(6)}"})
    out.write(f"{base}/list-virtual-mfa-devices.json", {"VirtualMFADevices": mfa_devices})

    # Password policy: absent (NoSuchEntity), weak or strong.
    r = rng.random()
    if r < 0.2:
        out.error(acct, "global", "iam", "get-account-password-policy", "NoSuchEntity",
                  f"The Password Policy with domain name {acct} cannot be found.")
    else:
        strong = r > 0.5
        pp = {"MinimumPasswordLength": 14 if strong else g.pick([6, 8, 10]),
              "RequireSymbols": strong or g.chance(0.3), "RequireNumbers": True,
              "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True,
              "AllowUsersToChangePassword": True, "ExpirePasswords": password_policy_expires}
        if password_policy_expires:
            pp["MaxPasswordAge"] = 90
        if strong or g.chance(0.3):
            pp["PasswordReusePrevention"] = 24 if strong else 5
        pp["HardExpiry"] = False
        out.write(f"{base}/get-account-password-policy.json", {"PasswordPolicy": pp})

    n_profiles = sum(len(r_["InstanceProfileList"]) for r_ in roles)
    n_versions = sum(len(p["PolicyVersionList"]) for p in policies)
    n_mfa_in_use = sum(1 for d in mfa_devices if "User" in d)
    out.write(f"{base}/get-account-summary.json", {"SummaryMap": {
        "GroupPolicySizeQuota": 5120, "InstanceProfilesQuota": 1000, "Policies": len(policies),
        "GroupsPerUserQuota": 10, "InstanceProfiles": n_profiles, "AttachedPoliciesPerUserQuota": 10,
        "Users": len(users), "PoliciesQuota": 1500, "Providers": 1, "AccountMFAEnabled": 1 if root_mfa else 0,
        "AccessKeysPerUserQuota": 2, "AssumeRolePolicySizeQuota": 2048, "PolicyVersionsInUseQuota": 10000,
        "GlobalEndpointTokenVersion": 1, "VersionsPerPolicyQuota": 5, "AttachedPoliciesPerGroupQuota": 10,
        "PolicySizeQuota": 6144, "Groups": len(groups), "AccountSigningCertificatesPresent": 0,
        "UsersQuota": 5000, "ServerCertificatesQuota": 20, "MFADevices": len(mfa_devices),
        "UserPolicySizeQuota": 2048, "PolicyVersionsInUse": n_versions, "ServerCertificates": 0,
        "Roles": len(roles), "RolesQuota": 1000, "SigningCertificatesPerUserQuota": 2,
        "MFADevicesInUse": n_mfa_in_use, "RolePolicySizeQuota": 10240, "AttachedPoliciesPerRoleQuota": 10,
        "AccountAccessKeysPresent": 1 if root_keys else 0, "GroupsQuota": 300}})


def gen_s3(g: Gen, out: Output, st: AccountState, n: int) -> None:
    acct = st.account
    base = f"{acct}/global/s3api"
    owner_id = g.hex(64)
    owner = {"DisplayName": f"aws-{acct[-4:]}", "ID": owner_id}
    buckets = []
    names = []
    n_logs = max(1, n // 20) if n else 0
    for i in range(n):
        region = st.regions[0] if g.chance(0.6) else g.pick(st.regions)
        if i < n_logs:
            name = f"{acct}-s3-access-logs-{region}-{i}"
            st.log_buckets.append(name)
        else:
            name = f"{g.pick(APPS)}-{g.pick(ENVS)}-{g.pick(['data', 'assets', 'logs', 'backup', 'exports', 'uploads', 'static', 'artifacts'])}-{acct[-6:]}-{i}"
        names.append((name, region))
        buckets.append({"Name": name, "CreationDate": g.ts_ec2(g.past(2500, 1))})
    st.bucket_names = [n_ for n_, _ in names]
    out.write(f"{base}/list-buckets.json", {"Buckets": buckets, "Owner": owner, "Prefix": None})
    out.count("AWS::S3::Bucket", len(buckets))

    for name, region in names:
        enc = encode_id(name)
        is_log = name in st.log_buckets
        out.write(f"{base}/get-bucket-location/{enc}.json",
                  {"LocationConstraint": None if region == "us-east-1" else region})
        grants = [{"Grantee": {"DisplayName": owner["DisplayName"], "ID": owner_id, "Type": "CanonicalUser"},
                   "Permission": "FULL_CONTROL"}]
        public_acl = g.chance(0.04)
        if public_acl:
            grants.append({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
                           "Permission": "READ"})
        elif g.chance(0.02):
            grants.append({"Grantee": {"Type": "Group",
                                       "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"},
                           "Permission": g.pick(["READ", "WRITE", "FULL_CONTROL"])})
        if is_log:
            for perm in ("WRITE", "READ_ACP"):
                grants.append({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"},
                               "Permission": perm})
        out.write(f"{base}/get-bucket-acl/{enc}.json", {"Owner": owner, "Grants": grants})

        r = g.rng.random()
        arn = f"arn:aws:s3:::{name}"
        public_policy = 0.45 <= r < 0.50
        if r < 0.45:
            out.error(acct, "global", "s3api", "get-bucket-policy", "NoSuchBucketPolicy",
                      "The bucket policy does not exist", name)
        else:
            stmts = [{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                      "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]
            if r < 0.50:
                stmts = [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                          "Resource": f"{arn}/*"}]
            elif r < 0.60:
                stmts.append({"Sid": "CrossAccountRead", "Effect": "Allow",
                              "Principal": {"AWS": f"arn:aws:iam::{g.rng.randrange(10**11, 10**12)}:root"},
                              "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [arn, f"{arn}/*"]})
            if is_log:
                stmts.append({"Sid": "S3ServerAccessLogsPolicy", "Effect": "Allow",
                              "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject",
                              "Resource": f"{arn}/*", "Condition": {"StringEquals": {"aws:SourceAccount": acct}}})
            out.write(f"{base}/get-bucket-policy/{enc}.json",
                      {"Policy": json.dumps({"Version": "2012-10-17", "Statement": stmts}, separators=(",", ":"))})

        r = g.rng.random()
        if (public_acl or public_policy) and g.chance(0.7):  # meant to be public: nothing blocks it
            r = 0.0 if g.chance(0.5) else 0.15
        if r < 0.12 and not is_log:
            out.error(acct, "global", "s3api", "get-public-access-block", "NoSuchPublicAccessBlockConfiguration",
                      "The public access block configuration was not found", name)
        elif r < 0.16 and not is_log:
            out.write(f"{base}/get-public-access-block/{enc}.json", {"PublicAccessBlockConfiguration": {
                "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False,
                "RestrictPublicBuckets": False}})
        else:
            full = r > 0.22 or is_log
            out.write(f"{base}/get-public-access-block/{enc}.json", {"PublicAccessBlockConfiguration": {
                "BlockPublicAcls": full or g.chance(0.5), "IgnorePublicAcls": full or g.chance(0.5),
                "BlockPublicPolicy": full or g.chance(0.5), "RestrictPublicBuckets": full or g.chance(0.5)}})

        r = g.rng.random()
        if r < 0.03:
            out.error(acct, "global", "s3api", "get-bucket-encryption", "ServerSideEncryptionConfigurationNotFoundError",
                      "The server side encryption configuration was not found", name)
        elif r < 0.75 or is_log:
            out.write(f"{base}/get-bucket-encryption/{enc}.json", {"ServerSideEncryptionConfiguration": {"Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": False}]}})
        else:
            out.write(f"{base}/get-bucket-encryption/{enc}.json", {"ServerSideEncryptionConfiguration": {"Rules": [
                {"ApplyServerSideEncryptionByDefault": {
                    "SSEAlgorithm": "aws:kms",
                    "KMSMasterKeyID": f"arn:aws:kms:{region}:{acct}:key/{g.uuid()}"},
                 "BucketKeyEnabled": g.chance(0.8)}]}})

        r = g.rng.random()
        versioned = r < 0.45
        if versioned:
            v = {"Status": "Enabled"}
            if g.chance(0.3):
                v["MFADelete"] = "Disabled"
            out.write(f"{base}/get-bucket-versioning/{enc}.json", v)
        elif r < 0.55:
            out.write(f"{base}/get-bucket-versioning/{enc}.json", {"Status": "Suspended", "MFADelete": "Disabled"})
        else:
            out.write(f"{base}/get-bucket-versioning/{enc}.json", None)

        if versioned and g.chance(0.2) and len(names) > 1:
            dest = g.pick(names)[0]
            out.write(f"{base}/get-bucket-replication/{enc}.json", {"ReplicationConfiguration": {
                "Role": f"arn:aws:iam::{acct}:role/s3-replication",
                "Rules": [{"ID": "replicate-all", "Priority": 1, "Filter": {"Prefix": ""},
                           "Status": "Enabled" if g.chance(0.9) else "Disabled",
                           "Destination": {"Bucket": f"arn:aws:s3:::{dest}", "StorageClass": "STANDARD_IA"},
                           "DeleteMarkerReplication": {"Status": "Disabled"}}]}})
        else:
            out.error(acct, "global", "s3api", "get-bucket-replication", "ReplicationConfigurationNotFoundError",
                      "The replication configuration was not found", name)

        if not is_log and st.log_buckets and g.chance(0.4):
            out.write(f"{base}/get-bucket-logging/{enc}.json", {"LoggingEnabled": {
                "TargetBucket": g.pick(st.log_buckets), "TargetPrefix": f"{name}/"}})
        else:
            out.write(f"{base}/get-bucket-logging/{enc}.json", None)

        if g.chance(0.75):
            out.write(f"{base}/get-bucket-tagging/{enc}.json",
                      {"TagSet": g.tags(None, g.pick(ENVS), g.pick(APPS), extra=0) or [{"Key": "env", "Value": "prod"}]})
        else:
            out.error(acct, "global", "s3api", "get-bucket-tagging", "NoSuchTagSet", "The TagSet does not exist", name)

    # Account-level Block Public Access.
    r = g.rng.random()
    if r < 0.25:
        out.error(acct, "global", "s3control", "get-public-access-block", "NoSuchPublicAccessBlockConfiguration",
                  "The public access block configuration was not found")
    else:
        full = r > 0.55
        partial = 0.40 <= r <= 0.55
        out.write(f"{acct}/global/s3control/get-public-access-block.json", {"PublicAccessBlockConfiguration": {
            "BlockPublicAcls": full or partial, "IgnorePublicAcls": full, "BlockPublicPolicy": full or partial,
            "RestrictPublicBuckets": full}})


def gen_route53(g: Gen, out: Output, st: AccountState, n_zones: int, n_checks: int) -> None:
    acct = st.account
    base = f"{acct}/global/route53"
    checks = []
    for i in range(n_checks):
        hc_type = g.pick(["HTTPS", "HTTPS", "HTTP", "TCP"])
        cfg = {"Port": 443 if hc_type == "HTTPS" else 80, "Type": hc_type}
        if hc_type != "TCP":
            cfg["ResourcePath"] = "/healthz"
        cfg["FullyQualifiedDomainName"] = f"{g.pick(APPS)}-{i}.{g.pick(st.regions)}.example.com"
        cfg.update({"RequestInterval": 30, "FailureThreshold": 3, "MeasureLatency": False, "Inverted": False,
                    "Disabled": False})
        if hc_type == "HTTPS":
            cfg["EnableSNI"] = True
        checks.append({"Id": g.uuid(), "CallerReference": f"hc-{g.hex(8)}", "HealthCheckConfig": cfg,
                       "HealthCheckVersion": 1})
    out.write(f"{base}/list-health-checks.json", {"HealthChecks": checks})
    out.count("AWS::Route53::HealthCheck", len(checks))

    zones = []
    for i in range(n_zones):
        private = g.chance(0.3)
        domain = f"{g.pick(APPS)}{i}.{'internal' if private else 'example.com'}."
        zid = "/hostedzone/Z" + g.chars(ALNUM_UPPER, 20)
        records = [
            {"Name": domain, "Type": "NS", "TTL": 172800, "ResourceRecords": [
                {"Value": f"ns-{g.rng.randrange(2048)}.awsdns-{g.rng.randrange(64):02d}.{tld}."}
                for tld in ("com", "net", "org", "co.uk")]},
            {"Name": domain, "Type": "SOA", "TTL": 900, "ResourceRecords": [
                {"Value": "ns-1.awsdns-01.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"}]},
        ]
        for k in range(g.rng.randrange(2, 12)):
            name = f"{g.pick(TIERS)}{k}.{domain}"
            kind = g.rng.random()
            if kind < 0.3:
                records.append({"Name": name, "Type": "A", "AliasTarget": {
                    "HostedZoneId": "Z35SXDOTRQ7X7K",
                    "DNSName": f"dualstack.{g.pick(APPS)}-{g.hex(8)}.{g.pick(st.regions)}.elb.amazonaws.com.",
                    "EvaluateTargetHealth": g.chance(0.6)}})
            elif kind < 0.45 and checks:
                for role in ("PRIMARY", "SECONDARY"):
                    rec = {"Name": name, "Type": "A", "SetIdentifier": f"{name}-{role.lower()}", "Failover": role,
                           "TTL": 60, "ResourceRecords": [{"Value": f"203.0.113.{g.rng.randrange(1, 255)}"}]}
                    if role == "PRIMARY" or g.chance(0.5):
                        rec["HealthCheckId"] = g.pick(checks)["Id"]
                    records.append(rec)
            elif kind < 0.55:
                for region in st.regions[:2]:
                    records.append({"Name": name, "Type": "CNAME", "SetIdentifier": region, "Region": region,
                                    "TTL": 60, "ResourceRecords": [{"Value": f"{g.pick(APPS)}.{region}.example.com"}]})
            elif kind < 0.75:
                records.append({"Name": name, "Type": "CNAME", "TTL": 300,
                                "ResourceRecords": [{"Value": f"{g.pick(APPS)}.example.net"}]})
            else:
                records.append({"Name": name, "Type": "A", "TTL": 300,
                                "ResourceRecords": [{"Value": f"10.{g.rng.randrange(256)}.{g.rng.randrange(256)}.{g.rng.randrange(1, 255)}"}]})
        zones.append({"Id": zid, "Name": domain, "CallerReference": g.uuid(),
                      "Config": {"Comment": f"{domain} zone", "PrivateZone": private},
                      "ResourceRecordSetCount": len(records)})
        out.write(f"{base}/list-resource-record-sets/{encode_id(zid)}.json", {"ResourceRecordSets": records})
    out.write(f"{base}/list-hosted-zones.json", {"HostedZones": zones})
    out.count("AWS::Route53::HostedZone", len(zones))


# ======================================================================================
# Regional services
# ======================================================================================

def gen_region(g: Gen, out: Output, st: AccountState, region: str, c: dict) -> None:
    acct = st.account
    rng = g.rng
    base = f"{acct}/{region}"
    letters, zone_ids = next((l, z) for r, l, z in REGIONS if r == region)
    azs = [f"{region}{l}" for l in letters]
    arn_prefix = lambda svc: f"arn:aws:{svc}:{region}:{acct}"  # noqa: E731
    dns_suffix = "ec2.internal" if region == "us-east-1" else f"{region}.compute.internal"

    out.write(f"{base}/ec2/describe-availability-zones.json", {"AvailabilityZones": [
        {"State": "available", "OptInStatus": "opt-in-not-required", "Messages": [], "RegionName": region,
         "ZoneName": az, "ZoneId": zid, "GroupName": region, "NetworkBorderGroup": region,
         "ZoneType": "availability-zone"} for az, zid in zip(azs, zone_ids)]})

    # ---------------------------------------------------------------- KMS keys first (others refer to them)
    keys = []  # (key id, arn, is_aws_managed, alias)
    n_keys = c["kms_key"]
    aws_aliases = ["aws/ebs", "aws/s3", "aws/rds", "aws/dynamodb", "aws/redshift", "aws/workspaces"]
    for i in range(n_keys):
        kid = g.uuid()
        managed = i < min(len(aws_aliases), max(1, n_keys // 4))
        keys.append((kid, f"{arn_prefix('kms')}:key/{kid}", managed, aws_aliases[i] if managed else None))
    customer_keys = [k for k in keys if not k[2]] or keys
    ebs_key = next((k[1] for k in keys if k[3] == "aws/ebs"), None)

    def kms_arn() -> str:
        if customer_keys and g.chance(0.6):
            return g.pick(customer_keys)[1]
        return ebs_key or f"{arn_prefix('kms')}:key/{g.uuid()}"

    out.write(f"{base}/kms/list-keys.json", {"Keys": [{"KeyId": k[0], "KeyArn": k[1]} for k in keys]})
    out.count("AWS::KMS::Key", len(keys))
    for kid, arn, managed, alias in keys:
        created = g.past(1500, 1)
        state = "Enabled" if managed or g.chance(0.93) else g.pick(["Disabled", "PendingDeletion"])
        meta = {"AWSAccountId": acct, "KeyId": kid, "Arn": arn, "CreationDate": g.ts_epoch(created),
                "Enabled": state == "Enabled",
                "Description": f"Default key that protects my {alias.split('/')[1].upper()} data when no other key is defined"
                if managed else f"{g.pick(APPS)} data key",
                "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": state}
        if state == "PendingDeletion":
            meta["DeletionDate"] = g.ts_epoch(COLLECTED_AT + dt.timedelta(days=rng.randrange(1, 30)))
        meta.update({"Origin": "AWS_KMS", "KeyManager": "AWS" if managed else "CUSTOMER",
                     "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT",
                     "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "MultiRegion": (not managed) and g.chance(0.05)})
        out.write(f"{base}/kms/describe-key/{encode_id(kid)}.json", {"KeyMetadata": meta})
        rotating = managed or g.chance(0.6)
        rot = {"KeyRotationEnabled": rotating, "KeyId": arn}
        if rotating:
            rot["RotationPeriodInDays"] = 365
            rot["NextRotationDate"] = g.ts_epoch(COLLECTED_AT + dt.timedelta(days=rng.randrange(1, 365)))
        out.write(f"{base}/kms/get-key-rotation-status/{encode_id(kid)}.json", rot)
        if managed:
            service = alias.split("/")[1]
            stmts = [{"Sid": "Allow access through the service for all principals in the account that are authorized to use it",
                      "Effect": "Allow", "Principal": {"AWS": "*"},
                      "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                 "kms:CreateGrant", "kms:DescribeKey"], "Resource": "*",
                      "Condition": {"StringEquals": {"kms:CallerAccount": acct,
                                                     "kms:ViaService": f"{service}.{region}.amazonaws.com"}}},
                     {"Sid": "Allow direct access to key metadata to the account", "Effect": "Allow",
                      "Principal": {"AWS": f"arn:aws:iam::{acct}:root"},
                      "Action": ["kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"], "Resource": "*"}]
            policy = {"Version": "2012-10-17", "Id": f"auto-{service}-2", "Statement": stmts}
        else:
            stmts = [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                      "Principal": {"AWS": f"arn:aws:iam::{acct}:root"}, "Action": "kms:*", "Resource": "*"}]
            if g.chance(0.04):
                stmts.append({"Sid": "AllowEveryone", "Effect": "Allow", "Principal": {"AWS": "*"},
                              "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"})
            elif st.role_arns and g.chance(0.5):
                stmts.append({"Sid": "Allow use of the key", "Effect": "Allow",
                              "Principal": {"AWS": g.pick(st.role_arns)},
                              "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                         "kms:DescribeKey"], "Resource": "*"})
            policy = {"Version": "2012-10-17", "Id": "key-default-1", "Statement": stmts}
        out.write(f"{base}/kms/get-key-policy/{encode_id(kid)}.json",
                  {"Policy": json.dumps(policy, indent=4), "PolicyName": "default"})

    # ---------------------------------------------------------------- VPCs, subnets, gateways
    n_vpcs = max(1, c["vpc"])
    vpcs = []
    for i in range(n_vpcs):
        default = i == 0
        cidr = "172.31.0.0/16" if default else f"10.{(i * 7) % 250}.0.0/16"
        vpc = {"id": g.rid("vpc"), "cidr": cidr, "default": default, "subnets": [], "sgs": [],
               "env": "prod" if not default and g.chance(0.6) else g.pick(ENVS), "app": g.pick(APPS),
               "public": default or g.chance(0.7)}
        vpcs.append(vpc)
    vpc_docs = []
    for i, v in enumerate(vpcs):
        doc = {"CidrBlock": v["cidr"], "DhcpOptionsId": g.rid("dopt")[:13], "State": "available", "VpcId": v["id"],
               "OwnerId": acct, "InstanceTenancy": "default", "Ipv6CidrBlockAssociationSet": [],
               "CidrBlockAssociationSet": [{"AssociationId": g.rid("vpc-cidr-assoc"), "CidrBlock": v["cidr"],
                                            "CidrBlockState": {"State": "associated"}}],
               "IsDefault": v["default"]}
        if not v["default"]:
            doc["Tags"] = g.tags(f"{v['env']}-{v['app']}-vpc", v["env"], v["app"], extra=0)
        vpc_docs.append(doc)
    out.write(f"{base}/ec2/describe-vpcs.json", {"Vpcs": vpc_docs})
    out.count("AWS::EC2::VPC", len(vpc_docs))

    n_subnets = max(c["subnet"], n_vpcs)
    subnet_docs = []
    subnets = []
    for i in range(n_subnets):
        v = vpcs[i % n_vpcs] if i < n_vpcs else vpcs[rng.randrange(n_vpcs)]
        k = len(v["subnets"])
        az_i = k % len(azs)
        public = v["default"] or (v["public"] and g.chance(0.4))
        second, third = divmod(k, 16)
        if v["default"]:
            cidr = f"172.31.{(k * 16) % 256}.0/20"
        else:
            octets = v["cidr"].split(".")
            cidr = f"10.{octets[1]}.{(k * 4 + third) % 256}.0/22" if k < 64 else f"10.{octets[1]}.{k % 256}.0/24"
        sid = g.rid("subnet")
        s = {"id": sid, "vpc": v, "az": azs[az_i], "azid": zone_ids[az_i], "public": public}
        v["subnets"].append(s)
        subnets.append(s)
        doc = {"AvailabilityZone": azs[az_i], "AvailabilityZoneId": zone_ids[az_i],
               "AvailableIpAddressCount": rng.randrange(100, 4091), "CidrBlock": cidr, "DefaultForAz": v["default"],
               "MapPublicIpOnLaunch": public and (v["default"] or g.chance(0.7)), "MapCustomerOwnedIpOnLaunch": False,
               "State": "available", "SubnetId": sid, "VpcId": v["id"], "OwnerId": acct,
               "AssignIpv6AddressOnCreation": False, "Ipv6CidrBlockAssociationSet": [],
               "SubnetArn": f"{arn_prefix('ec2')}:subnet/{sid}", "EnableDns64": False, "Ipv6Native": False,
               "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                                 "EnableResourceNameDnsAAAARecord": False}}
        if not v["default"]:
            doc["Tags"] = g.tags(f"{v['env']}-{'public' if public else 'private'}-{azs[az_i][-1]}-{k}", v["env"],
                                 v["app"], extra=0)
        subnet_docs.append(doc)
    out.write(f"{base}/ec2/describe-subnets.json", {"Subnets": subnet_docs})
    out.count("AWS::EC2::Subnet", len(subnet_docs))

    igws = []
    n_igw = c["internet_gateway"]
    for v in vpcs:
        if v["public"] and (v["default"] or len(igws) < n_igw):
            v["igw"] = g.rid("igw")
            igws.append({"Attachments": [{"State": "available", "VpcId": v["id"]}], "InternetGatewayId": v["igw"],
                         "OwnerId": acct, "Tags": [] if v["default"] else
                         [{"Key": "Name", "Value": f"{v['env']}-{v['app']}-igw"}]})
    for _ in range(max(0, n_igw - len(igws))):  # detached leftovers
        igws.append({"Attachments": [], "InternetGatewayId": g.rid("igw"), "OwnerId": acct, "Tags": []})
    out.write(f"{base}/ec2/describe-internet-gateways.json", {"InternetGateways": igws})
    out.count("AWS::EC2::InternetGateway", len(igws))

    # Route tables: a main table per VPC, then public/private tables with subnet associations.
    rts = []
    n_rt = max(c["route_table"], n_vpcs)
    for i in range(n_rt):
        v = vpcs[i] if i < n_vpcs else g.pick(vpcs)
        rid = g.rid("rtb")
        routes = [{"DestinationCidrBlock": v["cidr"], "GatewayId": "local", "Origin": "CreateRouteTable",
                   "State": "active"}]
        assoc = []
        if i < n_vpcs:
            assoc.append({"Main": True, "RouteTableAssociationId": g.rid("rtbassoc"), "RouteTableId": rid,
                          "AssociationState": {"State": "associated"}})
            if v.get("igw") and v["default"]:
                routes.append({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": v["igw"], "Origin": "CreateRoute",
                               "State": "active"})
        else:
            want_public = v.get("igw") and g.chance(0.5)
            if want_public:
                routes.append({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": v["igw"], "Origin": "CreateRoute",
                               "State": "active"})
                if g.chance(0.2):
                    routes.append({"DestinationIpv6CidrBlock": "::/0", "GatewayId": v["igw"],
                                   "Origin": "CreateRoute", "State": "active"})
            else:
                routes.append({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": g.rid("nat"),
                               "Origin": "CreateRoute", "State": g.pick(["active", "active", "active", "blackhole"])})
            pool = [s for s in v["subnets"] if s["public"] == bool(want_public) and not s.get("rt")]
            for s in pool[: rng.randrange(1, 4)]:
                s["rt"] = rid
                assoc.append({"Main": False, "RouteTableAssociationId": g.rid("rtbassoc"), "RouteTableId": rid,
                              "SubnetId": s["id"], "AssociationState": {"State": "associated"}})
        rts.append({"Associations": assoc, "PropagatingVgws": [], "RouteTableId": rid, "Routes": routes,
                    "Tags": [] if i < n_vpcs else [{"Key": "Name", "Value": f"{v['env']}-rt-{i}"}],
                    "VpcId": v["id"], "OwnerId": acct})
    out.write(f"{base}/ec2/describe-route-tables.json", {"RouteTables": rts})
    out.count("AWS::EC2::RouteTable", len(rts))

    # Network ACLs: a default per VPC (allow all), then custom ones; each subnet is associated with one.
    acls = []
    n_acl = max(c["network_acl"], n_vpcs)
    acl_of_vpc: dict[str, list[dict]] = {}
    for i in range(n_acl):
        v = vpcs[i] if i < n_vpcs else g.pick(vpcs)
        aid = g.rid("acl")
        entries = []
        if i < n_vpcs:
            for egress in (True, False):
                entries.append({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "allow",
                                "RuleNumber": 100})
                entries.append({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny",
                                "RuleNumber": 32767})
        else:
            entries.append({"CidrBlock": "0.0.0.0/0", "Egress": True, "Protocol": "-1", "RuleAction": "allow",
                            "RuleNumber": 100})
            rule = 100
            for port in g.rng.sample([22, 80, 443, 3389, 5432, 3306, 8080], rng.randrange(1, 4)):
                open_world = port in (80, 443) or g.chance(0.3)
                entries.append({"CidrBlock": "0.0.0.0/0" if open_world else v["cidr"], "Egress": False,
                                "PortRange": {"From": port, "To": port}, "Protocol": "6", "RuleAction": "allow",
                                "RuleNumber": rule})
                rule += 10
            ephemeral_from = 1024 if g.chance(0.4) else 32768  # 1024-65535 also admits RDP (3389)
            entries.append({"CidrBlock": "0.0.0.0/0", "Egress": False, "PortRange": {"From": ephemeral_from, "To": 65535},
                            "Protocol": "6", "RuleAction": "allow", "RuleNumber": rule})
            for egress in (True, False):
                entries.append({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny",
                                "RuleNumber": 32767})
        acl = {"Associations": [], "Entries": entries, "IsDefault": i < n_vpcs, "NetworkAclId": aid,
               "Tags": [] if i < n_vpcs else [{"Key": "Name", "Value": f"{v['env']}-nacl-{i}"}], "VpcId": v["id"],
               "OwnerId": acct}
        acls.append(acl)
        acl_of_vpc.setdefault(v["id"], []).append(acl)
    for s in subnets:
        acl = g.pick(acl_of_vpc[s["vpc"]["id"]])
        acl["Associations"].append({"NetworkAclAssociationId": g.rid("aclassoc"), "NetworkAclId": acl["NetworkAclId"],
                                    "SubnetId": s["id"]})
    out.write(f"{base}/ec2/describe-network-acls.json", {"NetworkAcls": acls})
    out.count("AWS::EC2::NetworkAcl", len(acls))

    flow_logs = []
    for v in vpcs:
        if g.chance(0.5):
            flow_logs.append({"CreationTime": g.ts_ec2(g.past(800, 1)),
                              "DeliverLogsPermissionArn": f"arn:aws:iam::{acct}:role/vpc-flow-logs",
                              "DeliverLogsStatus": "SUCCESS" if g.chance(0.9) else "FAILED",
                              "FlowLogId": g.rid("fl"), "FlowLogStatus": "ACTIVE",
                              "LogGroupName": f"/vpc/{v['id']}/flow-logs", "ResourceId": v["id"],
                              "TrafficType": g.pick(["ALL", "ALL", "ALL", "REJECT", "ACCEPT"]),
                              "LogDestinationType": "cloud-watch-logs",
                              "LogFormat": "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} "
                                           "${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} "
                                           "${log-status}",
                              "Tags": [], "MaxAggregationInterval": 600})
    out.write(f"{base}/ec2/describe-flow-logs.json", {"FlowLogs": flow_logs})
    out.write(f"{base}/ec2/get-ebs-encryption-by-default.json",
              {"EbsEncryptionByDefault": g.chance(0.5), "SseType": "sse-ebs"})

    # ---------------------------------------------------------------- security groups
    n_sg = max(c["security_group"], n_vpcs)
    sg_docs = []
    for i in range(n_sg):
        v = vpcs[i] if i < n_vpcs else g.pick(vpcs)
        gid = g.rid("sg")
        v["sgs"].append((gid, None))
        egress = [{"IpProtocol": "-1", "UserIdGroupPairs": [], "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                   "Ipv6Ranges": [], "PrefixListIds": []}]
        if i < n_vpcs:
            name, desc = "default", "default VPC security group"
            ingress = [{"IpProtocol": "-1", "UserIdGroupPairs": [{"UserId": acct, "GroupId": gid}], "IpRanges": [],
                        "Ipv6Ranges": [], "PrefixListIds": []}] if g.chance(0.7) else []
            if g.chance(0.25):  # locked down, as CIS asks
                ingress, egress = [], []
            tags = []
        else:
            tier = g.pick(TIERS)
            name = f"{v['env']}-{v['app']}-{tier}-{i}"
            desc = f"{tier} tier for {v['app']}"
            tags = g.tags(name, v["env"], v["app"], extra=0)
            ingress = []

            def rule(proto, lo, hi, cidrs=(), v6=(), groups=()):
                ingress.append({"IpProtocol": proto, **({"FromPort": lo, "ToPort": hi} if proto != "-1" else {}),
                                "UserIdGroupPairs": [{"UserId": acct, "GroupId": x} for x in groups],
                                "IpRanges": [{"CidrIp": x} if g.chance(0.6) else {"CidrIp": x, "Description": "allow"}
                                             for x in cidrs],
                                "Ipv6Ranges": [{"CidrIpv6": x} for x in v6], "PrefixListIds": []})
            r = rng.random()
            if tier in ("web", "proxy"):
                rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"] if g.chance(0.4) else [])
                if g.chance(0.5):
                    rule("tcp", 80, 80, ["0.0.0.0/0"])
            elif tier == "bastion":
                rule("tcp", 22, 22, ["0.0.0.0/0"] if g.chance(0.4) else ["198.51.100.0/24"],
                     ["::/0"] if g.chance(0.2) else [])
            else:
                port = g.pick([8080, 5432, 3306, 6379, 9092, 8443, 27017])
                others = [x for x, _ in v["sgs"][:-1]]
                rule("tcp", port, port, [v["cidr"]] if g.chance(0.5) or not others else [],
                     groups=[g.pick(others)] if others else [])
            if r < 0.06:
                rule("tcp", 22, 22, ["0.0.0.0/0"])
            elif r < 0.09:
                rule("tcp", 3389, 3389, ["0.0.0.0/0"])
            elif r < 0.11:
                rule("-1", None, None, ["0.0.0.0/0"])
            elif r < 0.13:
                rule("tcp", 0, 65535, ["0.0.0.0/0"])
            if g.chance(0.02):
                egress = []
        doc = {"GroupId": gid, "IpPermissionsEgress": egress, "VpcId": v["id"],
               "SecurityGroupArn": f"{arn_prefix('ec2')}:security-group/{gid}", "OwnerId": acct,
               "GroupName": name, "Description": desc, "IpPermissions": ingress}
        if tags:
            doc["Tags"] = tags
        sg_docs.append(doc)
        v["sgs"][-1] = (gid, name)
    out.write(f"{base}/ec2/describe-security-groups.json", {"SecurityGroups": sg_docs})
    out.count("AWS::EC2::SecurityGroup", len(sg_docs))

    # ---------------------------------------------------------------- instances and volumes
    app_subnets = [s for s in subnets if not s["vpc"]["default"]] or subnets
    amis = [f"ami-{g.hex(17)}" for _ in range(8)]
    instances = []
    n_vol = c["volume"]
    volumes = []
    reservations = []
    current = None
    for i in range(c["instance"]):
        s = g.pick(app_subnets)
        v = s["vpc"]
        r = rng.random()
        state = "running" if r < 0.85 else ("stopped" if r < 0.97 else "terminated")
        iid = g.rid("i")
        itype = g.pick(INSTANCE_TYPES)
        launched = g.past(900, 0.05)
        tier = g.pick(TIERS)
        name = f"{v['env']}-{v['app']}-{tier}-{i}"
        if current is None or len(current["Instances"]) >= rng.choice([1, 1, 1, 2, 3]):
            current = {"ReservationId": g.rid("r"), "OwnerId": acct, "Groups": [], "Instances": []}
            reservations.append(current)
        inst = {"AmiLaunchIndex": len(current["Instances"]), "ImageId": g.pick(amis), "InstanceId": iid,
                "InstanceType": itype}
        if g.chance(0.6):
            inst["KeyName"] = f"{v['env']}-key"
        inst.update({"LaunchTime": g.ts_ec2(launched), "Monitoring": {"State": g.pick(["disabled", "enabled"])},
                     "Placement": {"AvailabilityZone": s["az"], "GroupName": "", "Tenancy": "default"}})
        state_code = {"running": 16, "stopped": 80, "terminated": 48}[state]
        if state == "terminated":
            inst.update({"PrivateDnsName": "", "ProductCodes": [], "PublicDnsName": "",
                         "State": {"Code": state_code, "Name": state},
                         "StateTransitionReason": f"User initiated ({launched.strftime('%Y-%m-%d %H:%M:%S')} GMT)",
                         "Architecture": "x86_64", "BlockDeviceMappings": [], "ClientToken": g.uuid(),
                         "EbsOptimized": False, "EnaSupport": True, "Hypervisor": "xen", "NetworkInterfaces": [],
                         "RootDeviceName": "/dev/xvda", "RootDeviceType": "ebs", "SecurityGroups": [],
                         "StateReason": {"Code": "Client.UserInitiatedShutdown",
                                         "Message": "Client.UserInitiatedShutdown: User initiated shutdown"},
                         "Tags": g.tags(name, v["env"], v["app"]), "VirtualizationType": "hvm",
                         "CpuOptions": {"CoreCount": 1, "ThreadsPerCore": 2},
                         "HibernationOptions": {"Configured": False}, "MetadataOptions": {
                             "State": "pending", "HttpTokens": "optional", "HttpPutResponseHopLimit": 1,
                             "HttpEndpoint": "enabled", "HttpProtocolIpv6": "disabled",
                             "InstanceMetadataTags": "disabled"},
                         "EnclaveOptions": {"Enabled": False}, "PlatformDetails": "Linux/UNIX",
                         "UsageOperation": "RunInstances", "UsageOperationUpdateTime": g.ts_ec2(launched),
                         "MaintenanceOptions": {"AutoRecovery": "default"}, "CurrentInstanceBootMode": "legacy-bios"})
            current["Instances"].append(inst)
            continue
        octets = s["vpc"]["cidr"].split(".")
        private_ip = f"{octets[0]}.{octets[1]}.{rng.randrange(256)}.{rng.randrange(4, 255)}"
        private_dns = f"ip-{private_ip.replace('.', '-')}.{dns_suffix}"
        public_ip = (f"{g.pick([3, 18, 34, 44, 52, 54])}.{rng.randrange(256)}.{rng.randrange(256)}."
                     f"{rng.randrange(1, 255)}") if state == "running" and s["public"] and g.chance(0.6) else None
        public_dns = (f"ec2-{public_ip.replace('.', '-')}.compute-1.amazonaws.com" if region == "us-east-1" else
                      f"ec2-{public_ip.replace('.', '-')}.{region}.compute.amazonaws.com") if public_ip else ""
        sgs = [x for x in g.rng.sample(s["vpc"]["sgs"], min(len(s["vpc"]["sgs"]), rng.choice([1, 1, 2, 3])))]
        # volumes: a root volume, sometimes data volumes
        bdm = []
        vol_ids = []
        for k in range(1 if g.chance(0.7) else rng.randrange(2, 4)):
            if len(volumes) >= n_vol:
                break
            vid = g.rid("vol")
            dev = "/dev/xvda" if k == 0 else f"/dev/sd{'fghij'[k - 1]}"
            attach_time = g.ts_ec2(launched)
            bdm.append({"DeviceName": dev, "Ebs": {"AttachTime": attach_time, "DeleteOnTermination": k == 0,
                                                   "Status": "attached", "VolumeId": vid}})
            vol_ids.append(vid)
            volumes.append({"id": vid, "instance": iid, "device": dev, "az": s["az"], "time": launched,
                            "root": k == 0, "env": v["env"], "app": v["app"], "name": f"{name}-{dev.split('/')[-1]}"})
        eni = g.rid("eni")
        nic = {"Attachment": {"AttachTime": g.ts_ec2(launched), "AttachmentId": g.rid("eni-attach"),
                              "DeleteOnTermination": True, "DeviceIndex": 0, "Status": "attached",
                              "NetworkCardIndex": 0},
               "Description": "", "Groups": [{"GroupName": n_, "GroupId": x} for x, n_ in sgs], "Ipv6Addresses": [],
               "MacAddress": "02:" + ":".join(g.hex(2) for _ in range(5)), "NetworkInterfaceId": eni, "OwnerId": acct,
               "PrivateDnsName": private_dns, "PrivateIpAddress": private_ip,
               "PrivateIpAddresses": [{"Primary": True, "PrivateDnsName": private_dns,
                                       "PrivateIpAddress": private_ip}],
               "SourceDestCheck": True, "Status": "in-use", "SubnetId": s["id"], "VpcId": s["vpc"]["id"],
               "InterfaceType": "interface"}
        if public_ip:
            assoc = {"IpOwnerId": "amazon", "PublicDnsName": public_dns, "PublicIp": public_ip}
            nic["Association"] = assoc
            nic["PrivateIpAddresses"][0]["Association"] = assoc
        imds_v1 = g.chance(0.3)
        inst.update({"PrivateDnsName": private_dns, "PrivateIpAddress": private_ip, "ProductCodes": [],
                     "PublicDnsName": public_dns})
        if public_ip:
            inst["PublicIpAddress"] = public_ip
        inst.update({"State": {"Code": state_code, "Name": state},
                     "StateTransitionReason": "" if state == "running" else
                     f"User initiated ({launched.strftime('%Y-%m-%d %H:%M:%S')} GMT)",
                     "SubnetId": s["id"], "VpcId": s["vpc"]["id"],
                     "Architecture": "arm64" if itype.split(".")[0].endswith("g") else "x86_64",
                     "BlockDeviceMappings": bdm, "ClientToken": g.uuid(), "EbsOptimized": g.chance(0.5),
                     "EnaSupport": True, "Hypervisor": "xen"})
        if st.instance_profiles and g.chance(0.7):
            inst["IamInstanceProfile"] = {"Arn": g.pick(st.instance_profiles), "Id": g.iam_id("AIPA")}
        inst.update({"NetworkInterfaces": [nic], "RootDeviceName": "/dev/xvda", "RootDeviceType": "ebs",
                     "SecurityGroups": [{"GroupName": n_, "GroupId": x} for x, n_ in sgs], "SourceDestCheck": True,
                     "Tags": g.tags(name, v["env"], v["app"]), "VirtualizationType": "hvm",
                     "CpuOptions": {"CoreCount": rng.choice([1, 2, 4]), "ThreadsPerCore": 2},
                     "CapacityReservationSpecification": {"CapacityReservationPreference": "open"},
                     "HibernationOptions": {"Configured": False},
                     "MetadataOptions": {"State": "applied", "HttpTokens": "optional" if imds_v1 else "required",
                                         "HttpPutResponseHopLimit": 2 if g.chance(0.3) else 1,
                                         "HttpEndpoint": "disabled" if g.chance(0.03) else "enabled",
                                         "HttpProtocolIpv6": "disabled", "InstanceMetadataTags": "disabled"},
                     "EnclaveOptions": {"Enabled": False}, "BootMode": "uefi-preferred",
                     "PlatformDetails": "Linux/UNIX", "UsageOperation": "RunInstances",
                     "UsageOperationUpdateTime": g.ts_ec2(launched),
                     "PrivateDnsNameOptions": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                               "EnableResourceNameDnsAAAARecord": False},
                     "MaintenanceOptions": {"AutoRecovery": "default"}, "CurrentInstanceBootMode": "legacy-bios"})
        if state == "stopped":
            inst["StateReason"] = {"Code": "Client.UserInitiatedShutdown",
                                   "Message": "Client.UserInitiatedShutdown: User initiated shutdown"}
        current["Instances"].append(inst)
        instances.append({"id": iid, "az": s["az"], "subnet": s, "type": itype, "state": state})
    out.write(f"{base}/ec2/describe-instances.json", {"Reservations": reservations})
    out.count("AWS::EC2::Instance", sum(len(r_["Instances"]) for r_ in reservations))

    # Remaining volume budget: unattached volumes.
    while len(volumes) < n_vol:
        v = g.pick(vpcs)
        volumes.append({"id": g.rid("vol"), "instance": None, "az": g.pick(azs), "time": g.past(900, 1),
                        "root": False, "env": v["env"], "app": v["app"], "name": f"{v['env']}-{v['app']}-data"})
    vol_docs = []
    for vol in volumes:
        encrypted = g.chance(0.7)
        vtype = g.pick(["gp3", "gp3", "gp2", "io2", "st1"])
        size = g.pick([8, 20, 30, 50, 100]) if vol["root"] else g.pick([100, 200, 500, 1000, 2000])
        doc = {"Iops": {"gp3": 3000, "gp2": min(16000, max(100, size * 3)), "io2": 10000}.get(vtype, 500)}
        doc.update({"VolumeType": vtype, "VolumeId": vol["id"], "Size": size,
                    "SnapshotId": g.rid("snap") if vol["root"] else "", "AvailabilityZone": vol["az"],
                    "State": "in-use" if vol["instance"] else "available", "CreateTime": g.ts_ec2(vol["time"]),
                    "Attachments": [{"DeleteOnTermination": vol["root"], "VolumeId": vol["id"],
                                     "InstanceId": vol["instance"], "Device": vol["device"], "State": "attached",
                                     "AttachTime": g.ts_ec2(vol["time"])}] if vol["instance"] else [],
                    "Encrypted": encrypted})
        if encrypted:
            doc["KmsKeyId"] = kms_arn()
            vol["kms"] = doc["KmsKeyId"]
        vol["encrypted"] = encrypted
        vol["size"] = size
        if vtype == "gp3":
            doc["Throughput"] = 125
        doc["MultiAttachEnabled"] = False
        if g.chance(0.7):
            doc["Tags"] = g.tags(vol["name"], vol["env"], vol["app"], extra=0)
        vol_docs.append(doc)
    out.write(f"{base}/ec2/describe-volumes.json", {"Volumes": vol_docs})
    out.count("AWS::EC2::Volume", len(vol_docs))

    snaps = []
    for i in range(c["snapshot"]):
        vol = g.pick(volumes) if volumes else None
        encrypted = vol["encrypted"] if vol else g.chance(0.5)
        started = g.past(700, 0.1)
        doc = {"Description": g.pick(["Daily backup", "Created by AWS Backup", "pre-upgrade",
                                      f"Created by CreateImage({g.rid('i')}) for {g.pick(amis)}"]),
               "Encrypted": encrypted}
        if encrypted:
            doc["KmsKeyId"] = vol["kms"] if vol else kms_arn()
        doc.update({"OwnerId": acct, "Progress": "100%", "SnapshotId": g.rid("snap"),
                    "StartTime": g.ts_ec2(started), "State": "completed" if g.chance(0.98) else "pending",
                    "VolumeId": vol["id"] if vol else "vol-ffffffff", "VolumeSize": vol["size"] if vol else 8,
                    "StorageTier": "standard"})
        if g.chance(0.5):
            doc["Tags"] = [{"Key": "Name", "Value": f"{vol['name'] if vol else 'orphan'}-snap-{i}"}]
        snaps.append(doc)
    out.write(f"{base}/ec2/describe-snapshots.json", {"Snapshots": snaps})
    out.count("AWS::EC2::Snapshot", len(snaps))

    # ---------------------------------------------------------------- RDS
    db_docs = []
    cluster_docs = []
    n_db = c["db_instance"]
    db_subnet_vpcs = [v for v in vpcs if len(v["subnets"]) >= 2] or vpcs

    def subnet_group(v):
        return {"DBSubnetGroupName": f"{v['env']}-{v['app']}-db", "DBSubnetGroupDescription": "database subnets",
                "VpcId": v["id"], "SubnetGroupStatus": "Complete",
                "Subnets": [{"SubnetIdentifier": s["id"], "SubnetAvailabilityZone": {"Name": s["az"]},
                             "SubnetOutpost": {}, "SubnetStatus": "Active"} for s in v["subnets"][:3]],
                "DBSubnetGroupArn": f"{arn_prefix('rds')}:subgrp:{v['env']}-{v['app']}-db",
                "SupportedNetworkTypes": ["IPV4"]}

    def db_instance(ident, engine, v, cluster=None, multi_az=False, writer=True):
        created = g.past_ms(1200, 1)
        port = 5432 if "postgres" in engine else 3306
        sg = g.pick(v["sgs"])[0]
        az = g.pick(v["subnets"])["az"]
        encrypted = cluster["StorageEncrypted"] if cluster else g.chance(0.85)
        doc = {"DBInstanceIdentifier": ident, "DBInstanceClass": g.pick(["db.r6g.large", "db.m6g.large",
                                                                          "db.t4g.medium", "db.r6i.xlarge"]),
               "Engine": engine, "DBInstanceStatus": "available" if g.chance(0.95) else "stopped",
               "MasterUsername": "dbadmin",
               "Endpoint": {"Address": f"{ident}.{g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 12)}.{region}.rds.amazonaws.com",
                            "Port": port, "HostedZoneId": "Z2R2ITUGPM61AM"},
               "AllocatedStorage": 1 if cluster else g.pick([20, 100, 200, 500]),
               "InstanceCreateTime": g.ts_ms(created), "PreferredBackupWindow": "03:00-03:30",
               "BackupRetentionPeriod": cluster["BackupRetentionPeriod"] if cluster else
               g.pick([0, 1, 7, 7, 14, 35]), "DBSecurityGroups": [],
               "VpcSecurityGroups": [{"VpcSecurityGroupId": sg, "Status": "active"}],
               "DBParameterGroups": [{"DBParameterGroupName": f"default.{engine}", "ParameterApplyStatus": "in-sync"}],
               "AvailabilityZone": az, "DBSubnetGroup": subnet_group(v),
               "PreferredMaintenanceWindow": "sun:05:00-sun:05:30", "PendingModifiedValues": {},
               "LatestRestorableTime": g.ts_ms(COLLECTED_AT - dt.timedelta(minutes=5)), "MultiAZ": multi_az,
               "EngineVersion": "16.4" if "postgres" in engine else "8.0.39",
               "AutoMinorVersionUpgrade": g.chance(0.8), "ReadReplicaDBInstanceIdentifiers": [],
               "LicenseModel": "postgresql-license" if "postgres" in engine else "general-public-license",
               "OptionGroupMemberships": [{"OptionGroupName": f"default:{engine}", "Status": "in-sync"}],
               "PubliclyAccessible": g.chance(0.05)}
        if multi_az:
            doc["SecondaryAvailabilityZone"] = g.pick([a for a in azs if a != az] or azs)
        doc.update({"StorageType": "aurora" if cluster else "gp3", "DbInstancePort": 0, "StorageEncrypted": encrypted})
        if cluster:
            doc["DBClusterIdentifier"] = cluster["DBClusterIdentifier"]
        if encrypted:
            doc["KmsKeyId"] = cluster.get("KmsKeyId") if cluster else kms_arn()
        doc.update({"DbiResourceId": "db-" + g.chars(ALNUM_UPPER, 26), "CACertificateIdentifier": "rds-ca-rsa2048-g1",
                    "DomainMemberships": [], "CopyTagsToSnapshot": g.chance(0.7), "MonitoringInterval": g.pick([0, 60]),
                    "DBInstanceArn": f"{arn_prefix('rds')}:db:{ident}", "IAMDatabaseAuthenticationEnabled": g.chance(0.3),
                    "PerformanceInsightsEnabled": g.chance(0.5), "EnabledCloudwatchLogsExports": [],
                    "DeletionProtection": cluster["DeletionProtection"] if cluster else g.chance(0.6),
                    "AssociatedRoles": [], "TagList": g.tags(ident, v["env"], v["app"]),
                    "CustomerOwnedIpEnabled": False, "ActivityStreamStatus": "stopped",
                    "BackupTarget": "region", "NetworkType": "IPV4", "StorageThroughput": 0,
                    "CertificateDetails": {"CAIdentifier": "rds-ca-rsa2048-g1",
                                           "ValidTill": g.ts_ms(COLLECTED_AT + dt.timedelta(days=300))},
                    "DedicatedLogVolume": False, "IsStorageConfigUpgradeAvailable": False,
                    "EngineLifecycleSupport": "open-source-rds-extended-support"})
        if cluster:
            doc["PromotionTier"] = 1
        return doc

    n_clusters = min(c["db_cluster"], n_db // 2)
    made = 0
    for i in range(n_clusters):
        v = g.pick(db_subnet_vpcs)
        ident = f"{v['env']}-{v['app']}-aurora-{i}"
        engine = g.pick(["aurora-postgresql", "aurora-mysql"])
        encrypted = g.chance(0.9)
        created = g.past_ms(1200, 1)
        cluster = {"AllocatedStorage": 1, "AvailabilityZones": azs[:3],
                   "BackupRetentionPeriod": g.pick([1, 7, 14, 35]), "DBClusterIdentifier": ident,
                   "DBClusterParameterGroup": f"default.{engine}", "DBSubnetGroup": f"{v['env']}-{v['app']}-db",
                   "Status": "available", "EarliestRestorableTime": g.ts_ms(created),
                   "Endpoint": f"{ident}.cluster-{g.hex(12)}.{region}.rds.amazonaws.com",
                   "ReaderEndpoint": f"{ident}.cluster-ro-{g.hex(12)}.{region}.rds.amazonaws.com",
                   "MultiAZ": False, "Engine": engine, "EngineVersion": "15.4" if "postgres" in engine else "8.0.mysql_aurora.3.05.2",
                   "LatestRestorableTime": g.ts_ms(COLLECTED_AT - dt.timedelta(minutes=5)),
                   "Port": 5432 if "postgres" in engine else 3306, "MasterUsername": "dbadmin",
                   "PreferredBackupWindow": "03:00-03:30", "PreferredMaintenanceWindow": "sun:05:00-sun:05:30",
                   "ReadReplicaIdentifiers": [], "DBClusterMembers": [],
                   "VpcSecurityGroups": [{"VpcSecurityGroupId": g.pick(v["sgs"])[0], "Status": "active"}],
                   "HostedZoneId": "Z2R2ITUGPM61AM", "StorageEncrypted": encrypted}
        if encrypted:
            cluster["KmsKeyId"] = kms_arn()
        cluster.update({"DbClusterResourceId": "cluster-" + g.chars(ALNUM_UPPER, 26),
                        "DBClusterArn": f"{arn_prefix('rds')}:cluster:{ident}", "AssociatedRoles": [],
                        "IAMDatabaseAuthenticationEnabled": False, "ClusterCreateTime": g.ts_ms(created),
                        "EngineMode": "provisioned", "DeletionProtection": g.chance(0.6),
                        "HttpEndpointEnabled": False, "CopyTagsToSnapshot": True, "CrossAccountClone": False,
                        "DomainMemberships": [], "TagList": g.tags(ident, v["env"], v["app"]),
                        "AutoMinorVersionUpgrade": True, "NetworkType": "IPV4", "StorageType": "aurora"})
        members = rng.choice([1, 2, 2, 3])
        for k in range(members):
            if made >= n_db:
                break
            mid = f"{ident}-{k + 1}"
            db_docs.append(db_instance(mid, engine, v, cluster=cluster))
            cluster["DBClusterMembers"].append({"DBInstanceIdentifier": mid, "IsClusterWriter": k == 0,
                                                "DBClusterParameterGroupStatus": "in-sync", "PromotionTier": 1})
            made += 1
        cluster["MultiAZ"] = len(cluster["DBClusterMembers"]) > 1
        cluster_docs.append(cluster)
    i = 0
    while made < n_db:
        v = g.pick(db_subnet_vpcs)
        engine = g.pick(["postgres", "postgres", "mysql", "mariadb"])
        db_docs.append(db_instance(f"{v['env']}-{v['app']}-{engine}-{i}", engine, v, multi_az=g.chance(0.5)))
        made += 1
        i += 1
    out.write(f"{base}/rds/describe-db-instances.json", {"DBInstances": db_docs})
    out.count("AWS::RDS::DBInstance", len(db_docs))
    out.write(f"{base}/rds/describe-db-clusters.json", {"DBClusters": cluster_docs})
    out.count("AWS::RDS::DBCluster", len(cluster_docs))

    # ---------------------------------------------------------------- DynamoDB
    tables = [f"{g.pick(ENVS)}-{g.pick(APPS)}-{g.pick(['sessions', 'orders', 'events', 'state', 'locks', 'users', 'flags'])}-{i}"
              for i in range(c["dynamodb_table"])]
    out.write(f"{base}/dynamodb/list-tables.json", {"TableNames": sorted(tables)})
    out.count("AWS::DynamoDB::Table", len(tables))
    for name in tables:
        created = g.past_ms(1200, 1)
        on_demand = g.chance(0.6)
        t = {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                      {"AttributeName": "sk", "AttributeType": "S"}],
             "TableName": name, "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                              {"AttributeName": "sk", "KeyType": "RANGE"}],
             "TableStatus": "ACTIVE", "CreationDateTime": g.ts_epoch(created),
             "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0 if on_demand else 25,
                                       "WriteCapacityUnits": 0 if on_demand else 10},
             "TableSizeBytes": rng.randrange(10**9), "ItemCount": rng.randrange(10**7),
             "TableArn": f"{arn_prefix('dynamodb')}:table/{name}", "TableId": g.uuid()}
        if on_demand:
            t["BillingModeSummary"] = {"BillingMode": "PAY_PER_REQUEST",
                                       "LastUpdateToPayPerRequestDateTime": g.ts_epoch(created)}
        if g.chance(0.1) and len(st.regions) > 1:
            t["GlobalTableVersion"] = "2019.11.21"
            t["Replicas"] = [{"RegionName": r, "ReplicaStatus": "ACTIVE"} for r in st.regions if r != region][:2]
        if g.chance(0.4):
            t["SSEDescription"] = {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": kms_arn()}
        t["TableClassSummary"] = {"TableClass": "STANDARD"}
        t["DeletionProtectionEnabled"] = g.chance(0.4)
        t["WarmThroughput"] = {"ReadUnitsPerSecond": 12000, "WriteUnitsPerSecond": 4000, "Status": "ACTIVE"}
        out.write(f"{base}/dynamodb/describe-table/{encode_id(name)}.json", {"Table": t})
        pitr = g.chance(0.55)
        pd = {"PointInTimeRecoveryStatus": "ENABLED" if pitr else "DISABLED"}
        if pitr:
            pd.update({"RecoveryPeriodInDays": 35,
                       "EarliestRestorableDateTime": g.ts_epoch(COLLECTED_AT - dt.timedelta(days=35)),
                       "LatestRestorableDateTime": g.ts_epoch(COLLECTED_AT - dt.timedelta(minutes=5))})
        out.write(f"{base}/dynamodb/describe-continuous-backups/{encode_id(name)}.json",
                  {"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED",
                                                    "PointInTimeRecoveryDescription": pd}})

    # ---------------------------------------------------------------- Redshift
    rs = []
    for i in range(c["redshift_cluster"]):
        v = g.pick(db_subnet_vpcs)
        ident = f"{v['env']}-{v['app']}-dw-{i}"
        encrypted = g.chance(0.8)
        doc = {"ClusterIdentifier": ident, "NodeType": g.pick(["ra3.xlplus", "ra3.4xlarge", "dc2.large"]),
               "ClusterStatus": "available", "ClusterAvailabilityStatus": "Available", "MasterUsername": "awsuser",
               "DBName": "dev", "Endpoint": {"Address": f"{ident}.{g.hex(12)}.{region}.redshift.amazonaws.com",
                                            "Port": 5439},
               "ClusterCreateTime": g.ts_ms(g.past_ms(1000, 1)),
               "AutomatedSnapshotRetentionPeriod": g.pick([0, 1, 7, 35]), "ManualSnapshotRetentionPeriod": -1,
               "ClusterSecurityGroups": [],
               "VpcSecurityGroups": [{"VpcSecurityGroupId": g.pick(v["sgs"])[0], "Status": "active"}],
               "ClusterParameterGroups": [{"ParameterGroupName": "default.redshift-1.0",
                                           "ParameterApplyStatus": "in-sync"}],
               "ClusterSubnetGroupName": f"{v['env']}-{v['app']}-dw", "VpcId": v["id"],
               "AvailabilityZone": g.pick(v["subnets"])["az"], "PreferredMaintenanceWindow": "sun:06:00-sun:06:30",
               "PendingModifiedValues": {}, "ClusterVersion": "1.0", "AllowVersionUpgrade": g.chance(0.8),
               "NumberOfNodes": rng.choice([1, 2, 4]), "PubliclyAccessible": g.chance(0.1), "Encrypted": encrypted,
               "Tags": g.tags(ident, v["env"], v["app"])}
        if encrypted:
            doc["KmsKeyId"] = kms_arn()
        doc.update({"EnhancedVpcRouting": g.chance(0.5), "IamRoles": [], "MaintenanceTrackName": "current",
                    "MultiAZ": g.pick(["Disabled", "Enabled"]), "TotalStorageCapacityInMegaBytes": 2097152})
        rs.append(doc)
    out.write(f"{base}/redshift/describe-clusters.json", {"Clusters": rs})
    out.count("AWS::Redshift::Cluster", len(rs))

    # ---------------------------------------------------------------- EMR
    emr_list = []
    for i in range(c["emr_cluster"]):
        v = g.pick(vpcs)
        s = g.pick(v["sgs"])[0]
        cid = "j-" + g.chars(ALNUM_UPPER, 13)
        name = f"{v['env']}-{v['app']}-emr-{i}"
        state = g.pick(["WAITING", "RUNNING", "TERMINATED", "TERMINATED_WITH_ERRORS"])
        created = g.past_ms(300, 0.1)
        timeline = {"CreationDateTime": g.ts_epoch(created), "ReadyDateTime": g.ts_epoch(created)}
        if state.startswith("TERMINATED"):
            timeline["EndDateTime"] = g.ts_epoch(created + dt.timedelta(hours=3))
        status = {"State": state, "StateChangeReason": {} if not state.startswith("TERMINATED") else
                  {"Code": "ALL_STEPS_COMPLETED", "Message": "Steps completed"}, "Timeline": timeline}
        arn = f"{arn_prefix('elasticmapreduce')}:cluster/{cid}"
        emr_list.append({"Id": cid, "Name": name, "Status": status, "NormalizedInstanceHours": rng.randrange(10000),
                         "ClusterArn": arn})
        subnet = g.pick(v["subnets"])
        doc = {"Id": cid, "Name": name, "Status": status,
               "Ec2InstanceAttributes": {"Ec2KeyName": f"{v['env']}-key", "Ec2SubnetId": subnet["id"],
                                         "RequestedEc2SubnetIds": [subnet["id"]],
                                         "Ec2AvailabilityZone": subnet["az"], "RequestedEc2AvailabilityZones": [],
                                         "IamInstanceProfile": "EMR_EC2_DefaultRole",
                                         "EmrManagedMasterSecurityGroup": s, "EmrManagedSlaveSecurityGroup": s,
                                         "AdditionalMasterSecurityGroups": [], "AdditionalSlaveSecurityGroups": []},
               "InstanceCollectionType": "INSTANCE_GROUP", "LogUri": f"s3n://{g.pick(st.bucket_names) if st.bucket_names else 'emr-logs'}/",
               "ReleaseLabel": g.pick(["emr-7.2.0", "emr-6.15.0", "emr-5.36.0"]), "AutoTerminate": False,
               "TerminationProtected": g.chance(0.5), "UnhealthyNodeReplacement": True, "VisibleToAllUsers": True,
               "Applications": [{"Name": "Spark", "Version": "3.5.1"}, {"Name": "Hadoop", "Version": "3.3.6"}],
               "Tags": g.tags(name, v["env"], v["app"]), "ServiceRole": "EMR_DefaultRole",
               "NormalizedInstanceHours": rng.randrange(10000),
               "MasterPublicDnsName": f"ip-10-0-{rng.randrange(256)}-{rng.randrange(256)}.{dns_suffix}",
               "Configurations": [], "ScaleDownBehavior": "TERMINATE_AT_TASK_COMPLETION",
               "KerberosAttributes": {}, "ClusterArn": arn, "StepConcurrencyLevel": 1,
               "PlacementGroups": [], "OSReleaseLabel": "2.0.20240709.1"}
        if g.chance(0.5):
            doc["SecurityConfiguration"] = f"{v['env']}-emr-security"
        out.write(f"{base}/emr/describe-cluster/{encode_id(cid)}.json", {"Cluster": doc})
    out.write(f"{base}/emr/list-clusters.json", {"Clusters": emr_list})
    out.count("AWS::EMR::Cluster", len(emr_list))
    bpa = {"BlockPublicSecurityGroupRules": g.chance(0.8),
           "PermittedPublicSecurityGroupRuleRanges": [{"MinRange": 22, "MaxRange": 22}]}
    out.write(f"{base}/emr/get-block-public-access-configuration.json", {
        "BlockPublicAccessConfiguration": bpa,
        "BlockPublicAccessConfigurationMetadata": {"CreationDateTime": g.ts_epoch(g.past(1000, 10)),
                                                   "CreatedByArn": f"arn:aws:iam::{acct}:root"}})

    # ---------------------------------------------------------------- WorkSpaces
    dirs = []
    for i in range(c["workspace_directory"] or (1 if c["workspace"] else 0)):
        v = g.pick(vpcs)
        did = "d-" + g.hex(10)
        sn = [s["id"] for s in v["subnets"][:2]]
        dirs.append({"DirectoryId": did, "Alias": f"corp-{i}-{acct[-4:]}", "DirectoryName": f"corp{i}.example.com",
                     "RegistrationCode": g.chars(ALNUM_UPPER, 4) + "+" + g.chars(ALNUM_UPPER, 6),
                     "SubnetIds": sn, "DnsIpAddresses": [f"10.0.0.{rng.randrange(2, 250)}" for _ in range(2)],
                     "CustomerUserName": "Administrator",
                     "IamRoleId": f"arn:aws:iam::{acct}:role/workspaces_DefaultRole", "DirectoryType": "SIMPLE_AD",
                     "WorkspaceSecurityGroupId": g.pick(v["sgs"])[0], "State": "REGISTERED",
                     "WorkspaceCreationProperties": {"EnableInternetAccess": g.chance(0.3), "DefaultOu": "",
                                                     "CustomSecurityGroupId": "",
                                                     "UserEnabledAsLocalAdministrator": g.chance(0.5),
                                                     "EnableMaintenanceMode": True},
                     "WorkspaceAccessProperties": {"DeviceTypeWindows": "ALLOW", "DeviceTypeOsx": "ALLOW",
                                                   "DeviceTypeWeb": g.pick(["ALLOW", "DENY"]), "DeviceTypeIos": "ALLOW",
                                                   "DeviceTypeAndroid": "ALLOW", "DeviceTypeChromeOs": "ALLOW",
                                                   "DeviceTypeZeroClient": "ALLOW", "DeviceTypeLinux": "DENY"},
                     "Tenancy": "SHARED",
                     "SelfservicePermissions": {"RestartWorkspace": "ENABLED", "IncreaseVolumeSize": "DISABLED",
                                                "ChangeComputeType": "DISABLED", "SwitchRunningMode": "DISABLED",
                                                "RebuildWorkspace": "DISABLED"}})
    out.write(f"{base}/workspaces/describe-workspace-directories.json", {"Directories": dirs})
    out.count("AWS::WorkSpaces::Directory", len(dirs))
    wss = []
    for i in range(c["workspace"]):
        d = g.pick(dirs)
        enc = g.chance(0.7)
        w = {"WorkspaceId": "ws-" + g.chars("abcdefghijklmnopqrstuvwxyz0123456789", 9), "DirectoryId": d["DirectoryId"],
             "UserName": f"{g.pick(FIRST)}.{g.pick(LAST)}", "IpAddress": f"10.0.{rng.randrange(256)}.{rng.randrange(2, 250)}",
             "State": g.pick(["AVAILABLE", "AVAILABLE", "STOPPED"]), "BundleId": "wsb-" + g.chars("abcdefghijklmnopqrstuvwxyz0123456789", 9),
             "SubnetId": g.pick(d["SubnetIds"]) if d["SubnetIds"] else "", "ComputerName": f"WSAMZN-{g.chars(ALNUM_UPPER, 8)}"}
        if enc:
            w["VolumeEncryptionKey"] = kms_arn()
        w.update({"UserVolumeEncryptionEnabled": enc, "RootVolumeEncryptionEnabled": enc and g.chance(0.9),
                  "WorkspaceProperties": {"RunningMode": g.pick(["AUTO_STOP", "ALWAYS_ON"]),
                                          "RunningModeAutoStopTimeoutInMinutes": 60, "RootVolumeSizeGib": 80,
                                          "UserVolumeSizeGib": 50, "ComputeTypeName": "STANDARD"},
                  "ModificationStates": []})
        wss.append(w)
    out.write(f"{base}/workspaces/describe-workspaces.json", {"Workspaces": wss})
    out.count("AWS::WorkSpaces::Workspace", len(wss))

    # ---------------------------------------------------------------- ELBv2
    lbs = []
    lb_info = []
    for i in range(c["load_balancer"]):
        v = g.pick([x for x in vpcs if len(x["subnets"]) >= 2] or vpcs)
        lb_type = "application" if g.chance(0.75) else "network"
        name = f"{v['env']}-{v['app']}-{'alb' if lb_type == 'application' else 'nlb'}-{i}"[:32]
        lid = g.hex(16)
        arn = f"{arn_prefix('elasticloadbalancing')}:loadbalancer/{'app' if lb_type == 'application' else 'net'}/{name}/{lid}"
        scheme = "internet-facing" if g.chance(0.6) else "internal"
        zones = v["subnets"][: rng.randrange(1, min(3, len(v["subnets"])) + 1)]
        doc = {"LoadBalancerArn": arn,
               "DNSName": f"{'internal-' if scheme == 'internal' else ''}{name}-{rng.randrange(10**9)}.{region}.elb.amazonaws.com",
               "CanonicalHostedZoneId": "Z35SXDOTRQ7X7K", "CreatedTime": g.ts_ms(g.past_ms(1000, 1)),
               "LoadBalancerName": name, "Scheme": scheme, "VpcId": v["id"], "State": {"Code": "active"},
               "Type": lb_type, "AvailabilityZones": [{"ZoneName": s["az"], "SubnetId": s["id"],
                                                       "LoadBalancerAddresses": []} for s in zones]}
        if lb_type == "application":
            doc["SecurityGroups"] = [g.pick(v["sgs"])[0]]
        doc["IpAddressType"] = "ipv4"
        if lb_type == "network":
            doc["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] = "on"
        lbs.append(doc)
        lb_info.append({"arn": arn, "name": name, "lid": lid, "type": lb_type, "vpc": v, "tgs": []})
    out.write(f"{base}/elbv2/describe-load-balancers.json", {"LoadBalancers": lbs})
    out.count("AWS::ElasticLoadBalancingV2::LoadBalancer", len(lbs))

    tgs = []
    tg_info = []
    for i in range(c["target_group"]):
        lb = lb_info[i % len(lb_info)] if lb_info and (i < len(lb_info) or g.chance(0.8)) else None
        v = lb["vpc"] if lb else g.pick(vpcs)
        proto = ("HTTP" if g.chance(0.7) else "HTTPS") if not lb or lb["type"] == "application" else "TCP"
        port = {"HTTP": 80, "HTTPS": 443, "TCP": 443}[proto] if g.chance(0.5) else 8080
        name = f"{v['env']}-{v['app']}-tg-{i}"[:32]
        arn = f"{arn_prefix('elasticloadbalancing')}:targetgroup/{name}/{g.hex(16)}"
        doc = {"TargetGroupArn": arn, "TargetGroupName": name, "Protocol": proto, "Port": port, "VpcId": v["id"],
               "HealthCheckProtocol": "HTTP" if proto != "HTTPS" else "HTTPS", "HealthCheckPort": "traffic-port",
               "HealthCheckEnabled": True, "HealthCheckIntervalSeconds": 30, "HealthCheckTimeoutSeconds": 5,
               "HealthyThresholdCount": 5, "UnhealthyThresholdCount": 2, "HealthCheckPath": "/health",
               "Matcher": {"HttpCode": "200"}, "LoadBalancerArns": [lb["arn"]] if lb else [],
               "TargetType": "instance"}
        if proto != "TCP":
            doc["ProtocolVersion"] = "HTTP1"
        doc["IpAddressType"] = "ipv4"
        tgs.append(doc)
        if lb:
            lb["tgs"].append(arn)
        tg_info.append({"arn": arn, "vpc": v, "port": port, "attached": lb is not None})
    out.write(f"{base}/elbv2/describe-target-groups.json", {"TargetGroups": tgs})
    out.count("AWS::ElasticLoadBalancingV2::TargetGroup", len(tgs))

    running = [x for x in instances if x["state"] == "running"]
    for tg in tg_info:
        targets = []
        if tg["attached"]:
            pool = [x for x in running if x["subnet"]["vpc"] is tg["vpc"]] or running
            for x in g.rng.sample(pool, min(len(pool), rng.randrange(0, 7))):
                state = g.pick(["healthy", "healthy", "healthy", "healthy", "unhealthy", "draining"])
                d = {"Target": {"Id": x["id"], "Port": tg["port"]}, "HealthCheckPort": str(tg["port"]),
                     "TargetHealth": {"State": state}}
                if state == "unhealthy":
                    d["TargetHealth"].update({"Reason": "Target.FailedHealthChecks",
                                              "Description": "Health checks failed"})
                elif state == "draining":
                    d["TargetHealth"].update({"Reason": "Target.DeregistrationInProgress",
                                              "Description": "Target deregistration is in progress"})
                targets.append(d)
        out.write(f"{base}/elbv2/describe-target-health/{encode_id(tg['arn'])}.json",
                  {"TargetHealthDescriptions": targets})

    for lb in lb_info:
        listeners = []
        enc = encode_id(lb["arn"])
        base_arn = lb["arn"].replace(":loadbalancer/", ":listener/")
        tg = lb["tgs"][0] if lb["tgs"] else None
        forward = ({"Type": "forward", "TargetGroupArn": tg, "ForwardConfig": {
            "TargetGroups": [{"TargetGroupArn": tg, "Weight": 1}],
            "TargetGroupStickinessConfig": {"Enabled": False}}} if tg else
            {"Type": "fixed-response", "FixedResponseConfig": {"MessageBody": "not found", "StatusCode": "404",
                                                               "ContentType": "text/plain"}})
        if lb["type"] == "application":
            r = rng.random()
            if r < 0.6:
                listeners.append({"ListenerArn": f"{base_arn}/{g.hex(16)}", "LoadBalancerArn": lb["arn"], "Port": 80,
                                  "Protocol": "HTTP", "DefaultActions": [{"Type": "redirect", "Order": 1, "RedirectConfig": {
                                      "Protocol": "HTTPS", "Port": "443", "Host": "#{host}", "Path": "/#{path}",
                                      "Query": "#{query}", "StatusCode": "HTTP_301"}}]})
            elif r < 0.8:
                listeners.append({"ListenerArn": f"{base_arn}/{g.hex(16)}", "LoadBalancerArn": lb["arn"], "Port": 80,
                                  "Protocol": "HTTP", "DefaultActions": [forward]})
            if r < 0.9:
                listeners.append({"ListenerArn": f"{base_arn}/{g.hex(16)}", "LoadBalancerArn": lb["arn"], "Port": 443,
                                  "Protocol": "HTTPS", "Certificates": [{"CertificateArn": f"{arn_prefix('acm')}:certificate/{g.uuid()}"}],
                                  "SslPolicy": g.pick(["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08",
                                                       "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS-1-0-2015-04"]),
                                  "DefaultActions": [forward],
                                  "MutualAuthentication": {"Mode": "off", "IgnoreClientCertificateExpiry": False}})
        else:
            proto = g.pick(["TCP", "TLS"])
            lst = {"ListenerArn": f"{base_arn}/{g.hex(16)}", "LoadBalancerArn": lb["arn"], "Port": 443,
                   "Protocol": proto, "DefaultActions": [forward]}
            if proto == "TLS":
                lst["Certificates"] = [{"CertificateArn": f"{arn_prefix('acm')}:certificate/{g.uuid()}"}]
                lst["SslPolicy"] = "ELBSecurityPolicy-TLS13-1-2-2021-06"
                lst["AlpnPolicy"] = ["None"]
            listeners.append(lst)
        out.write(f"{base}/elbv2/describe-listeners/{enc}.json", {"Listeners": listeners})
        logs = g.chance(0.5)
        bucket = g.pick(st.log_buckets) if logs and st.log_buckets else ""
        attrs = [("access_logs.s3.enabled", "true" if bucket else "false"), ("access_logs.s3.bucket", bucket),
                 ("access_logs.s3.prefix", lb["name"] if bucket else ""),
                 ("deletion_protection.enabled", "true" if g.chance(0.5) else "false"),
                 ("load_balancing.cross_zone.enabled", "true" if lb["type"] == "application" or g.chance(0.3) else "false")]
        if lb["type"] == "application":
            attrs += [("idle_timeout.timeout_seconds", "60"), ("connection_logs.s3.enabled", "false"),
                      ("connection_logs.s3.bucket", ""), ("connection_logs.s3.prefix", ""),
                      ("routing.http.desync_mitigation_mode", g.pick(["defensive", "defensive", "monitor", "strictest"])),
                      ("routing.http.drop_invalid_header_fields.enabled", "true" if g.chance(0.4) else "false"),
                      ("routing.http.preserve_host_header.enabled", "false"),
                      ("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false"),
                      ("routing.http.xff_client_port.enabled", "false"),
                      ("routing.http.xff_header_processing.mode", "append"), ("routing.http2.enabled", "true"),
                      ("waf.fail_open.enabled", "false"), ("client_keep_alive.seconds", "3600"),
                      ("zonal_shift.config.enabled", "false")]
        else:
            attrs += [("dns_record.client_routing_policy", "any_availability_zone"),
                      ("ipv6.deny_all_igw_traffic", "false"), ("zonal_shift.config.enabled", "false")]
        out.write(f"{base}/elbv2/describe-load-balancer-attributes/{enc}.json",
                  {"Attributes": [{"Key": k, "Value": val} for k, val in attrs]})

    # ---------------------------------------------------------------- Auto Scaling
    asgs = []
    for i in range(c["auto_scaling_group"]):
        v = g.pick([x for x in vpcs if x["subnets"]] or vpcs)
        name = f"{v['env']}-{v['app']}-asg-{i}"
        zone_subnets = v["subnets"][: rng.randrange(1, min(3, len(v["subnets"])) + 1)] or v["subnets"]
        desired = rng.choice([0, 1, 2, 2, 3, 3, 4, 6])
        lt = {"LaunchTemplateId": g.rid("lt"), "LaunchTemplateName": f"{name}-lt", "Version": "$Latest"}
        members = [x for x in running if x["subnet"] in zone_subnets][:desired]
        tgs_for = [t["arn"] for t in g.rng.sample(tg_info, min(len(tg_info), rng.choice([0, 1, 1])))]
        asgs.append({"AutoScalingGroupName": name,
                     "AutoScalingGroupARN": f"{arn_prefix('autoscaling')}:autoScalingGroup:{g.uuid()}:autoScalingGroupName/{name}",
                     "LaunchTemplate": lt, "MinSize": min(desired, rng.choice([0, 1, 2])),
                     "MaxSize": max(desired, 1) * 3, "DesiredCapacity": desired, "DefaultCooldown": 300,
                     "AvailabilityZones": sorted({s["az"] for s in zone_subnets}), "LoadBalancerNames": [],
                     "TargetGroupARNs": tgs_for, "HealthCheckType": "ELB" if tgs_for and g.chance(0.7) else "EC2",
                     "HealthCheckGracePeriod": 300,
                     "Instances": [{"InstanceId": x["id"], "InstanceType": x["type"], "AvailabilityZone": x["az"],
                                    "LifecycleState": "InService", "HealthStatus": "Healthy",
                                    "LaunchTemplate": {**lt, "Version": "1"}, "ProtectedFromScaleIn": False}
                                   for x in members],
                     "CreatedTime": g.ts_ms(g.past_ms(900, 1)), "SuspendedProcesses": [],
                     "VPCZoneIdentifier": ",".join(s["id"] for s in zone_subnets), "EnabledMetrics": [],
                     "Tags": [{"ResourceId": name, "ResourceType": "auto-scaling-group", "Key": t["Key"],
                               "Value": t["Value"], "PropagateAtLaunch": True}
                              for t in g.tags(name, v["env"], v["app"])],
                     "TerminationPolicies": ["Default"], "NewInstancesProtectedFromScaleIn": False,
                     "ServiceLinkedRoleARN": f"arn:aws:iam::{acct}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
                     "CapacityRebalance": False, "TrafficSources": [{"Identifier": t, "Type": "elbv2"} for t in tgs_for]})
    out.write(f"{base}/autoscaling/describe-auto-scaling-groups.json", {"AutoScalingGroups": asgs})
    out.count("AWS::AutoScaling::AutoScalingGroup", len(asgs))

    # ---------------------------------------------------------------- CloudTrail
    trails = list(st.multi_region_trails)  # shadow copies of multi-region trails appear in every region
    for i in range(c["trail"]):
        name = f"{region}-audit-{i}"
        bucket = g.pick(st.bucket_names) if st.bucket_names else f"{acct}-cloudtrail"
        t = {"Name": name, "S3BucketName": bucket, "IncludeGlobalServiceEvents": False, "IsMultiRegionTrail": False,
             "HomeRegion": region, "TrailARN": f"{arn_prefix('cloudtrail')}:trail/{name}",
             "LogFileValidationEnabled": g.chance(0.5)}
        if g.chance(0.4):
            t["CloudWatchLogsLogGroupArn"] = f"arn:aws:logs:{region}:{acct}:log-group:cloudtrail/{name}:*"
            t["CloudWatchLogsRoleArn"] = f"arn:aws:iam::{acct}:role/cloudtrail-to-cloudwatch"
        if g.chance(0.5):
            t["KmsKeyId"] = kms_arn()
        t.update({"HasCustomEventSelectors": False, "HasInsightSelectors": False, "IsOrganizationTrail": False})
        trails.append(t)
    out.write(f"{base}/cloudtrail/describe-trails.json", {"trailList": trails})
    out.count("AWS::CloudTrail::Trail", sum(1 for t in trails if t["HomeRegion"] == region))
    for t in trails:
        arn = t["TrailARN"]
        if arn not in st.trail_answers:
            st.trail_answers[arn] = trail_answers(g, arn)
        status, selectors = st.trail_answers[arn]
        enc = encode_id(arn)
        out.write(f"{base}/cloudtrail/get-trail-status/{enc}.json", status)
        out.write(f"{base}/cloudtrail/get-event-selectors/{enc}.json", selectors)


def trail_answers(g: Gen, arn: str) -> tuple[dict, dict]:
    """What get-trail-status and get-event-selectors answer for one trail."""
    rng = g.rng
    iso = "%Y-%m-%dT%H:%M:%SZ"  # these members are strings in the API, not timestamps
    started = g.past(900, 10)
    status = {"IsLogging": g.chance(0.9)}
    if status["IsLogging"]:
        attempt = (COLLECTED_AT - dt.timedelta(minutes=3)).strftime(iso)
        status.update({"LatestDeliveryTime": g.ts_epoch(COLLECTED_AT - dt.timedelta(minutes=rng.randrange(1, 15))),
                       "StartLoggingTime": g.ts_epoch(started),
                       "LatestDigestDeliveryTime": g.ts_epoch(COLLECTED_AT - dt.timedelta(minutes=rng.randrange(1, 60))),
                       "LatestDeliveryAttemptTime": attempt, "LatestNotificationAttemptTime": "",
                       "LatestNotificationAttemptSucceeded": "", "LatestDeliveryAttemptSucceeded": attempt,
                       "TimeLoggingStarted": started.strftime(iso), "TimeLoggingStopped": ""})
    else:
        stopped = g.past(200, 1)
        status.update({"LatestDeliveryTime": g.ts_epoch(stopped), "StartLoggingTime": g.ts_epoch(started),
                       "StopLoggingTime": g.ts_epoch(stopped), "LatestDeliveryAttemptTime": stopped.strftime(iso),
                       "LatestNotificationAttemptTime": "", "LatestNotificationAttemptSucceeded": "",
                       "LatestDeliveryAttemptSucceeded": stopped.strftime(iso),
                       "TimeLoggingStarted": started.strftime(iso), "TimeLoggingStopped": stopped.strftime(iso)})
    if g.chance(0.2):
        selectors = {"TrailARN": arn, "AdvancedEventSelectors": [
            {"Name": "Management events", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]},
            {"Name": "S3 data events", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                                          {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]}
    else:
        selectors = {"TrailARN": arn, "EventSelectors": [{"ReadWriteType": g.pick(["All", "All", "All", "WriteOnly"]),
                                                          "IncludeManagementEvents": g.chance(0.95),
                                                          "DataResources": [], "ExcludeManagementEventSources": []}]}
    return status, selectors


def make_multi_region_trail(g: Gen, st: AccountState) -> dict:
    home = st.regions[0]
    bucket = st.bucket_names[0] if st.bucket_names else f"{st.account}-cloudtrail"
    t = {"Name": "organization-trail", "S3BucketName": bucket, "IncludeGlobalServiceEvents": True,
         "IsMultiRegionTrail": True, "HomeRegion": home,
         "TrailARN": f"arn:aws:cloudtrail:{home}:{st.account}:trail/organization-trail",
         "LogFileValidationEnabled": g.chance(0.8)}
    if g.chance(0.7):
        t["CloudWatchLogsLogGroupArn"] = f"arn:aws:logs:{home}:{st.account}:log-group:aws-cloudtrail-logs:*"
        t["CloudWatchLogsRoleArn"] = f"arn:aws:iam::{st.account}:role/cloudtrail-to-cloudwatch"
    if g.chance(0.6):
        t["KmsKeyId"] = f"arn:aws:kms:{home}:{st.account}:key/{g.uuid()}"
    t.update({"HasCustomEventSelectors": False, "HasInsightSelectors": False, "IsOrganizationTrail": False})
    return t


# ======================================================================================

def plan(total: int, n_accounts: int, n_regions: int) -> tuple[list[dict], list[list[dict]]]:
    """How many resources of each type go to each account (global) and account/region."""
    weight = sum(GLOBAL_WEIGHTS.values()) + sum(REGIONAL_WEIGHTS.values())
    g_counts = {k: round(total * w / weight) for k, w in GLOBAL_WEIGHTS.items()}
    r_counts = {k: round(total * w / weight) for k, w in REGIONAL_WEIGHTS.items()}
    per_account = [{k: split(v, n_accounts)[a] for k, v in g_counts.items()} for a in range(n_accounts)]
    per_region = []
    for a in range(n_accounts):
        row = []
        for r in range(n_regions):
            cell = {}
            for k, v in r_counts.items():
                share = split(v, n_accounts)[a]
                cell[k] = split(share, n_regions)[r]
            row.append(cell)
        per_region.append(row)
    return per_account, per_region


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--accounts", type=int, default=1)
    ap.add_argument("--regions", type=int, default=2, help=f"1..{len(REGIONS)}: the first N of {', '.join(r for r, _, _ in REGIONS[:4])}, ...")
    ap.add_argument("--resources", type=int, default=1000, help="approximate number of resources in all")
    ap.add_argument("--output", required=True, help="directory to write (must be absent or empty)")
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--indent", type=int, default=None, help="indent JSON like the AWS CLI (4); default compact")
    ap.add_argument("--cli-version", type=int, choices=(1, 2), default=1, help="timestamp style (default 1)")
    ap.add_argument("--stats", metavar="FILE", help="also write what was generated (counts, files, bytes) as JSON")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if not 1 <= a.regions <= len(REGIONS):
        ap.error(f"--regions must be 1..{len(REGIONS)}")
    if a.accounts < 1 or a.resources < 0:
        ap.error("--accounts must be at least 1 and --resources at least 0")
    root = Path(a.output)
    if root.exists() and any(root.iterdir()):
        ap.error(f"{root} exists and is not empty")
    root.mkdir(parents=True, exist_ok=True)

    t0 = time.monotonic()
    g = Gen(a.seed, a.cli_version)
    out = Output(root, a.indent)
    regions = [r for r, _, _ in REGIONS[: a.regions]]
    accounts = []
    while len(accounts) < a.accounts:
        acct = f"{g.rng.randrange(10**11, 10**12)}"
        if acct not in accounts:
            accounts.append(acct)
    per_account, per_region = plan(a.resources, a.accounts, a.regions)
    for ai, acct in enumerate(accounts):
        st = AccountState(acct, regions)
        ga = per_account[ai]
        gen_iam(g, out, st, ga, [x for x in accounts if x != acct])
        gen_s3(g, out, st, ga["s3_bucket"])
        gen_route53(g, out, st, ga["hosted_zone"], ga["health_check"])
        st.multi_region_trails = [make_multi_region_trail(g, st)] if g.chance(0.9) else []
        for ri, region in enumerate(regions):
            cell = dict(per_region[ai][ri])
            if ri == 0 and st.multi_region_trails:
                cell["trail"] = max(0, cell["trail"] - 1)
            gen_region(g, out, st, region, cell)

    out.errors.sort(key=lambda e: (e["account"], e["region"] != "global", e["region"], e["service"],
                                   e["operation"], e.get("resource", ""), e["code"]))
    manifest = {"format": FORMAT, "collectedAt": COLLECTED_AT_TEXT, "accounts": accounts, "regions": regions,
                "errors": out.errors}
    with open(root / "manifest.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    elapsed = time.monotonic() - t0
    resources = sum(out.resources.values())
    if a.stats:
        stats = {"requestedResources": a.resources, "resources": resources, "accounts": len(accounts),
                 "regions": len(regions), "seed": a.seed, "indent": a.indent, "cliVersion": a.cli_version,
                 "files": out.files + 1, "bytes": out.bytes, "manifestErrors": len(out.errors),
                 "seconds": round(elapsed, 2), "byType": dict(sorted(out.resources.items()))}
        Path(a.stats).write_text(json.dumps(stats, indent=2) + "\n")
    if not a.quiet:
        print(f"generate_snapshot: {resources} resources ({a.resources} asked), {out.files + 1} files, "
              f"{out.bytes / 1048576:.1f} MB, {len(out.errors)} manifest errors, {len(accounts)} account(s) x "
              f"{len(regions)} region(s), in {elapsed:.1f} s -> {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
