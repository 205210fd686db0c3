#!/usr/bin/env python3
"""Generate a realistic `aws iam get-account-authorization-details` file for benchmarks.

Usage: benchmarks/generate_authorization_details.py PRINCIPALS OUTPUT.json [--seed N]

Deterministic for a given seed. About 40 % users, 52 % roles and 8 % groups, with:
- customer managed policies (one per 10 principals), some with several versions of which only
  the default is in force; statements mixing exact actions, service wildcards (`s3:*`),
  prefix wildcards (`ec2:Describe*`, `*:Get*`), NotAction, resource ARNs with wildcards and
  policy variables, and conditions (MFA, source IP, requested region, principal and resource tags);
- real AWS managed policies (the documents moto ships, Apache-2.0), attached to about a third
  of the principals, including AdministratorAccess, PowerUserAccess and ReadOnlyAccess;
- inline policies on users, groups and roles; group membership (users in 0-3 groups);
- permissions boundaries on about 10 % of users and roles; role trust policies naming services,
  the account, other accounts (with ExternalId) or federated providers.
Actions come from Rampart's own IAM action catalogue (Sources/RampartIAM/Generated), so every
name is real. At 20,000 principals the file is about 60 MB, the size the issue's target names.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ACCOUNT = "123456789012"
ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "Sources/RampartIAM/Generated/IAMActionCatalog.swift"
COMMON_SERVICES = ["s3", "ec2", "iam", "sts", "dynamodb", "rds", "lambda", "kms", "logs", "cloudwatch", "sqs", "sns",
                   "cloudtrail", "ssm", "secretsmanager", "ecr", "ecs", "elasticloadbalancing", "autoscaling", "route53",
                   "glue", "athena", "kinesis", "redshift", "elasticmapreduce", "cloudformation", "codebuild", "sagemaker"]
AWS_MANAGED_FAVOURITES = ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "AmazonS3FullAccess",
                          "AmazonS3ReadOnlyAccess", "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess", "IAMFullAccess",
                          "IAMReadOnlyAccess", "AmazonDynamoDBFullAccess", "AWSLambda_FullAccess", "CloudWatchLogsFullAccess",
                          "SecurityAudit", "ViewOnlyAccess", "AmazonSSMManagedInstanceCore", "AWSCloudTrail_ReadOnlyAccess"]


def load_actions() -> dict[str, list[str]]:
    """service prefix -> action names, read from the generated catalogue's S and A lines."""
    actions: dict[str, list[str]] = {}
    service = None
    for line in CATALOG.read_text().splitlines():
        if line.startswith("S\t"):
            service = line.split("\t")[1]
            actions[service] = []
        elif line.startswith("A\t") and service:
            actions[service].append(line.split("\t")[1])
    if not actions:
        sys.exit(f"no actions found in {CATALOG}")
    return actions


def load_aws_managed() -> dict[str, dict]:
    try:
        from moto.iam.aws_managed_policies import aws_managed_policies_data
    except ImportError:
        sys.exit("moto is needed for the AWS managed policy documents: pip install 'moto[server]'")
    return json.loads(aws_managed_policies_data)


class Generator:
    def __init__(self, principals: int, seed: int):
        self.r = random.Random(seed)
        self.n = principals
        self.actions = load_actions()
        self.services = [s for s in COMMON_SERVICES if s in self.actions]
        self.aws_managed = load_aws_managed()
        names = sorted(self.aws_managed)
        favourites = [n for n in AWS_MANAGED_FAVOURITES if n in self.aws_managed]
        self.aws_pool = favourites + self.r.sample(names, min(len(names), 120))
        self.used_aws: set[str] = set()

    # -- statements ---------------------------------------------------------------------
    def action(self) -> str:
        service = self.r.choice(self.services) if self.r.random() < 0.85 else self.r.choice(list(self.actions))
        names = self.actions[service] or ["*"]
        roll = self.r.random()
        if roll < 0.55:
            return f"{service}:{self.r.choice(names)}"
        if roll < 0.75:
            verb = re.match(r"[A-Z][a-z]+", self.r.choice(names))
            return f"{service}:{verb.group(0) if verb else ''}*"
        if roll < 0.93:
            return f"{service}:*"
        return self.r.choice(["*:Get*", "*:List*", "*:Describe*"])

    def resource(self, service: str) -> str:
        roll = self.r.random()
        if roll < 0.45:
            return "*"
        n = self.r.randrange(1, 400)
        if service == "s3":
            return self.r.choice([f"arn:aws:s3:::bucket-{n}", f"arn:aws:s3:::bucket-{n}/*",
                                  "arn:aws:s3:::home-bucket/${aws:username}/*", f"arn:aws:s3:::data-{n}-*"])
        if service == "iam":
            return self.r.choice([f"arn:aws:iam::{ACCOUNT}:role/app-{n}-*", f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}",
                                  f"arn:aws:iam::{ACCOUNT}:policy/team-{n}"])
        region = self.r.choice(["us-east-1", "eu-west-1", "*"])
        return f"arn:aws:{service}:{region}:{ACCOUNT}:*{n}*"

    def condition(self) -> dict | None:
        roll = self.r.random()
        if roll < 0.70:
            return None
        return self.r.choice([
            {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            {"IpAddress": {"aws:SourceIp": [f"10.{self.r.randrange(256)}.0.0/16", "192.0.2.0/24"]}},
            {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}},
            {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}},
            {"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}},
            {"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}},
            {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}},
            {"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/ops-*"}},
            {"NumericLessThan": {"s3:max-keys": "100"}},
        ])

    def statement(self, sid: int) -> dict:
        actions = sorted({self.action() for _ in range(self.r.randrange(1, 10))})
        service = actions[0].split(":")[0]
        statement: dict = {"Sid": f"S{sid}"}
        effect_deny = self.r.random() < 0.12
        statement["Effect"] = "Deny" if effect_deny else "Allow"
        if self.r.random() < 0.06:
            statement["NotAction"] = actions
        else:
            statement["Action"] = actions if len(actions) > 1 else actions[0]
        resources = sorted({self.resource(service) for _ in range(self.r.randrange(1, 4))})
        if self.r.random() < 0.04:
            statement["NotResource"] = resources
        else:
            statement["Resource"] = resources if len(resources) > 1 else resources[0]
        condition = self.condition()
        if condition:
            statement["Condition"] = condition
        return statement

    def document(self, statements: int) -> dict:
        return {"Version": "2012-10-17", "Statement": [self.statement(i) for i in range(statements)]}

    # -- account -----------------------------------------------------------------------
    def generate(self) -> dict:
        r = self.r
        customer = []
        for i in range(max(3, self.n // 10)):
            versions = r.randrange(1, 4)
            default = r.randrange(1, versions + 1)
            customer.append({
                "PolicyName": f"team-{i}", "PolicyId": f"ANPA{i:016d}", "Arn": f"arn:aws:iam::{ACCOUNT}:policy/team-{i}",
                "Path": "/", "DefaultVersionId": f"v{default}", "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 0,
                "IsAttachable": True, "CreateDate": "2024-03-01T10:00:00+00:00", "UpdateDate": "2025-06-01T10:00:00+00:00",
                "PolicyVersionList": [
                    {"Document": self.document(r.randrange(1, 6)), "VersionId": f"v{v}", "IsDefaultVersion": v == default,
                     "CreateDate": "2024-03-01T10:00:00+00:00"} for v in range(1, versions + 1)],
            })
        boundaries = []
        for i in range(max(2, self.n // 500)):
            boundaries.append({
                "PolicyName": f"boundary-{i}", "PolicyId": f"ANPAB{i:015d}", "Arn": f"arn:aws:iam::{ACCOUNT}:policy/boundary-{i}",
                "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
                "CreateDate": "2024-03-01T10:00:00+00:00", "UpdateDate": "2024-03-01T10:00:00+00:00",
                "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [
                    {"Sid": "Ceiling", "Effect": "Allow", "Action": sorted({f"{s}:*" for s in r.sample(self.services, 6)}), "Resource": "*"},
                    {"Sid": "NoIAMUsers", "Effect": "Deny", "Action": ["iam:CreateUser", "iam:CreateAccessKey"], "Resource": "*"}]},
                    "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": "2024-03-01T10:00:00+00:00"}],
            })

        def attachments(k: int) -> list[dict]:
            out = []
            for _ in range(k):
                if r.random() < 0.35:
                    name = r.choice(self.aws_pool)
                    self.used_aws.add(name)
                    path = self.aws_managed[name]["Path"]
                    out.append({"PolicyName": name, "PolicyArn": f"arn:aws:iam::aws:policy{path}{name}"})
                else:
                    p = r.choice(customer)
                    p["AttachmentCount"] += 1
                    out.append({"PolicyName": p["PolicyName"], "PolicyArn": p["Arn"]})
            return list({a["PolicyArn"]: a for a in out}.values())

        def inline(k: int, prefix: str) -> list[dict]:
            return [{"PolicyName": f"{prefix}-inline-{j}", "PolicyDocument": self.document(r.randrange(1, 4))} for j in range(k)]

        def boundary() -> dict | None:
            if r.random() < 0.10:
                b = r.choice(boundaries)
                b["PermissionsBoundaryUsageCount"] += 1
                return {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": b["Arn"]}
            return None

        def tags() -> list[dict]:
            return [{"Key": "team", "Value": f"team-{r.randrange(40)}"}] if r.random() < 0.6 else []

        n_groups = max(1, self.n * 8 // 100)
        n_users = self.n * 40 // 100
        n_roles = self.n - n_groups - n_users
        groups = [{
            "Path": "/", "GroupName": f"group-{i}", "GroupId": f"AGPA{i:016d}", "Arn": f"arn:aws:iam::{ACCOUNT}:group/group-{i}",
            "CreateDate": "2024-02-01T10:00:00+00:00", "GroupPolicyList": inline(r.randrange(0, 2), f"group-{i}"),
            "AttachedManagedPolicies": attachments(r.randrange(1, 4)),
        } for i in range(n_groups)]
        users = []
        for i in range(n_users):
            user = {
                "Path": r.choice(["/", "/people/", "/service/"]), "UserName": f"user-{i}", "UserId": f"AIDA{i:016d}",
                "CreateDate": "2024-02-01T10:00:00+00:00",
                "UserPolicyList": inline(r.choice([0, 0, 1, 1, 2]), f"user-{i}"),
                "GroupList": sorted({f"group-{r.randrange(n_groups)}" for _ in range(r.randrange(0, 4))}),
                "AttachedManagedPolicies": attachments(r.randrange(0, 3)), "Tags": tags(),
            }
            user["Arn"] = f"arn:aws:iam::{ACCOUNT}:user{user['Path']}user-{i}"
            if b := boundary():
                user["PermissionsBoundary"] = b
            users.append(user)
        roles = []
        for i in range(n_roles):
            roll = r.random()
            if roll < 0.45:
                principal = {"Service": r.choice(["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com"])}
                condition = None
            elif roll < 0.75:
                principal = {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
                condition = {"Bool": {"aws:MultiFactorAuthPresent": "true"}} if r.random() < 0.5 else None
            elif roll < 0.92:
                principal = {"AWS": f"arn:aws:iam::{r.randrange(10**11, 10**12)}:root"}
                condition = {"StringEquals": {"sts:ExternalId": f"ext-{i}"}} if r.random() < 0.7 else None
            else:
                principal = {"Federated": f"arn:aws:iam::{ACCOUNT}:saml-provider/corp"}
                condition = {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}
            trust = {"Effect": "Allow", "Principal": principal,
                     "Action": "sts:AssumeRoleWithSAML" if "Federated" in principal else "sts:AssumeRole"}
            if condition:
                trust["Condition"] = condition
            role = {
                "Path": r.choice(["/", "/app/", "/service-role/"]), "RoleName": f"role-{i}", "RoleId": f"AROA{i:016d}",
                "CreateDate": "2024-02-01T10:00:00+00:00",
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [trust]},
                "InstanceProfileList": [], "RolePolicyList": inline(r.choice([0, 1, 1, 2]), f"role-{i}"),
                "AttachedManagedPolicies": attachments(r.randrange(0, 4)), "Tags": tags(),
                "RoleLastUsed": {"LastUsedDate": "2026-10-01T10:00:00+00:00", "Region": "us-east-1"} if r.random() < 0.7 else {},
            }
            role["Arn"] = f"arn:aws:iam::{ACCOUNT}:role{role['Path']}role-{i}"
            if "ec2" in json.dumps(principal):
                role["InstanceProfileList"] = [{"Path": "/", "InstanceProfileName": f"role-{i}", "InstanceProfileId": f"AIPA{i:016d}",
                                                "Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/role-{i}",
                                                "CreateDate": "2024-02-01T10:00:00+00:00", "Roles": []}]
            if b := boundary():
                role["PermissionsBoundary"] = b
            roles.append(role)

        aws_policies = []
        for name in sorted(self.used_aws):
            p = self.aws_managed[name]
            aws_policies.append({
                "PolicyName": name, "PolicyId": "ANPA" + name.upper()[:16], "Arn": f"arn:aws:iam::aws:policy{p['Path']}{name}",
                "Path": p["Path"], "DefaultVersionId": p["DefaultVersionId"], "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0,
                "IsAttachable": True, "CreateDate": p["CreateDate"], "UpdateDate": p["UpdateDate"],
                "PolicyVersionList": [{"Document": p["Document"], "VersionId": p["DefaultVersionId"], "IsDefaultVersion": True,
                                       "CreateDate": p["UpdateDate"]}],
            })
        return {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles,
                "Policies": aws_policies + customer + boundaries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("principals", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    data = Generator(args.principals, args.seed).generate()
    with open(args.output, "w") as f:
        json.dump(data, f, indent=4)
    size = Path(args.output).stat().st_size
    print(f"{args.output}: {len(data['UserDetailList'])} users, {len(data['GroupDetailList'])} groups, "
          f"{len(data['RoleDetailList'])} roles, {len(data['Policies'])} managed policies, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
