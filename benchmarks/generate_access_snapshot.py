#!/usr/bin/env python3
"""Generate a snapshot with many resource policies, for `rampart access` (issue 19).

    benchmarks/generate_access_snapshot.py --policies 10000 --output DIR [--seed 19]

Starts from Examples/demo-snapshot (its manifest and every call it holds) and adds, in
account 123456789012: S3 buckets with a bucket policy, ACL and Block Public Access (40 %),
KMS keys in us-east-1 with a key policy (30 %) and IAM roles with a trust policy (30 %).
Policies mix what the analysis must tell apart: private grants, grants to other accounts,
grants to everyone with and without conditions that confine the caller (fixed
aws:SourceVpce / aws:PrincipalOrgID, wildcard o-*, ...IfExists), explicit denies for
everyone outside the account, and a few policies that are not valid. The same arguments
and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

ACCOUNT = "123456789012"
HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "Examples" / "demo-snapshot"


def condition(rng: random.Random) -> dict | None:
    return rng.choice([
        None, None,
        {"StringEquals": {"aws:SourceVpce": f"vpce-{rng.randrange(16**8):08x}"}},
        {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
        {"StringLike": {"aws:PrincipalOrgID": "o-*"}},
        {"StringEqualsIfExists": {"aws:SourceAccount": "210987654321"}},
        {"Bool": {"aws:SecureTransport": "true"}},
        {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}},
    ])


def statements(rng: random.Random, actions: list[str], resource: str | None) -> list[dict]:
    out = []
    for i in range(rng.randint(1, 4)):
        principal = rng.choice([
            {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, {"AWS": f"arn:aws:iam::{ACCOUNT}:role/app-{i}"},
            {"AWS": "arn:aws:iam::210987654321:root"}, "*", {"AWS": "*"}, {"Service": "cloudtrail.amazonaws.com"},
        ])
        s = {"Sid": f"S{i}", "Effect": "Allow", "Principal": principal, "Action": rng.sample(actions, rng.randint(1, len(actions)))}
        if resource:
            s["Resource"] = resource
        c = condition(rng)
        if c:
            s["Condition"] = c
        out.append(s)
    if rng.random() < 0.2:
        deny = {"Sid": "OnlyMine", "Effect": "Deny", "Principal": "*", "Action": "*",
                "Condition": {"StringNotEquals": {"aws:PrincipalAccount": ACCOUNT}}}
        if resource:
            deny["Resource"] = resource
        out.append(deny)
    return out


def write(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, separators=(",", ":")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=10000)
    parser.add_argument("--output", required=True)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = Path(args.output)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(DEMO, out)
    base = out / ACCOUNT
    buckets = args.policies * 4 // 10
    keys = args.policies * 3 // 10
    roles = args.policies - buckets - keys

    s3 = base / "global" / "s3api"
    listing = json.loads((s3 / "list-buckets.json").read_text())
    for i in range(buckets):
        name = f"bench-bucket-{i:06d}"
        listing["Buckets"].append({"Name": name, "CreationDate": "2026-01-02T03:04:05.000Z"})
        write(s3 / "get-bucket-location" / f"{name}.json", {"LocationConstraint": None})
        grants = [{"Grantee": {"ID": "abc", "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]
        if rng.random() < 0.05:
            grants.append({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"})
        write(s3 / "get-bucket-acl" / f"{name}.json", {"Owner": {"ID": "abc"}, "Grants": grants})
        flag = rng.random() < 0.5
        write(s3 / "get-public-access-block" / f"{name}.json", {"PublicAccessBlockConfiguration": {
            "BlockPublicAcls": flag, "IgnorePublicAcls": flag, "BlockPublicPolicy": flag, "RestrictPublicBuckets": flag}})
        if rng.random() < 0.01:
            text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Principal":"*","Action":"s3:*"}]}'
        else:
            text = json.dumps({"Version": "2012-10-17", "Statement": statements(
                rng, ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:*"], f"arn:aws:s3:::{name}/*")})
        write(s3 / "get-bucket-policy" / f"{name}.json", {"Policy": text})
    write(s3 / "list-buckets.json", listing)

    kms = base / "us-east-1" / "kms"
    key_list = json.loads((kms / "list-keys.json").read_text()) if (kms / "list-keys.json").exists() else {"Keys": []}
    for i in range(keys):
        kid = f"00000000-0000-4000-8000-{i:012d}"
        arn = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{kid}"
        key_list["Keys"].append({"KeyId": kid, "KeyArn": arn})
        write(kms / "describe-key" / f"{kid}.json", {"KeyMetadata": {
            "AWSAccountId": ACCOUNT, "KeyId": kid, "Arn": arn, "KeyManager": "CUSTOMER", "KeyState": "Enabled",
            "KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT", "Origin": "AWS_KMS", "MultiRegion": False}})
        write(kms / "get-key-rotation-status" / f"{kid}.json", {"KeyRotationEnabled": True})
        write(kms / "get-key-policy" / f"{kid}.json", {"PolicyName": "default", "Policy": json.dumps({
            "Version": "2012-10-17", "Statement": statements(rng, ["kms:Decrypt", "kms:Encrypt", "kms:*"], "*")})})
    write(kms / "list-keys.json", key_list)

    iam = base / "global" / "iam" / "get-account-authorization-details.json"
    details = json.loads(iam.read_text())
    for i in range(roles):
        name = f"bench-role-{i:06d}"
        details["RoleDetailList"].append({
            "Path": "/", "RoleName": name, "RoleId": f"AROA{i:017d}", "Arn": f"arn:aws:iam::{ACCOUNT}:role/{name}",
            "CreateDate": "2026-01-02T03:04:05Z",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": statements(
                rng, ["sts:AssumeRole", "sts:TagSession"], None)},
            "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [],
            "RoleLastUsed": {}})
    write(iam, details)


if __name__ == "__main__":
    main()
