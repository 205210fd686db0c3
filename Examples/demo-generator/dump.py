#!/usr/bin/env python3
"""Write a Rampart snapshot (format rampart-snapshot/1) with the AWS CLI.

Usage: dump.py ENDPOINT_URL OUTPUT_DIR

Every file is exactly what `aws --output json <service> <operation> ...`
printed (the CLI merges pages itself); an empty stdout gives an empty file.
A call that fails writes no file and is listed in manifest.json `errors`.
The list of calls is the CALLS table below and nowhere else.

This is the collector used to build the demo snapshot from a local moto
server; it refuses any endpoint that is not on this machine.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REGIONS = ["us-east-1", "eu-west-1"]
GLOBAL_CALL_REGION = "us-east-1"  # region used to sign global calls
WORKERS = 4


@dataclass(frozen=True)
class Each:
    """A per-resource call: one run per id found in a listing's output."""
    listing: str   # operation (same service) whose output lists the resources
    path: str      # where the ids are in that output, e.g. "Buckets[].Name"
    param: str     # the CLI option that takes the id
    template: str | None = None  # the option's value built from the id ({region}, {account}, {id})


@dataclass(frozen=True)
class Call:
    scope: str                 # "global" or "regional"
    service: str               # AWS CLI service name
    operation: str             # AWS CLI operation name
    args: tuple[str, ...] = ()
    each: Each | None = None


G, R = "global", "regional"
BUCKETS = Each("list-buckets", "Buckets[].Name", "--bucket")
ZONES = Each("list-hosted-zones", "HostedZones[].Id", "--hosted-zone-id")
TABLES = Each("list-tables", "TableNames[]", "--table-name")
TABLE_ARNS = Each("list-tables", "TableNames[]", "--resource-arn", "arn:aws:dynamodb:{region}:{account}:table/{id}")
EMR_CLUSTERS = Each("list-clusters", "Clusters[].Id", "--cluster-id")
TARGET_GROUPS = Each("describe-target-groups", "TargetGroups[].TargetGroupArn", "--target-group-arn")
LOAD_BALANCERS = Each("describe-load-balancers", "LoadBalancers[].LoadBalancerArn", "--load-balancer-arn")
KEYS = Each("list-keys", "Keys[].KeyId", "--key-id")
TRAILS_BY_NAME = Each("describe-trails", "trailList[].TrailARN", "--name")
TRAILS_BY_TRAIL_NAME = Each("describe-trails", "trailList[].TrailARN", "--trail-name")
EBS_SNAPSHOTS = Each("describe-snapshots", "Snapshots[].SnapshotId", "--snapshot-id")
DB_SNAPSHOTS = Each("describe-db-snapshots", "DBSnapshots[].DBSnapshotIdentifier", "--db-snapshot-identifier")
PREFIX_LISTS = Each("describe-managed-prefix-lists", "PrefixLists[].PrefixListId", "--prefix-list-id")
DETECTORS = Each("list-detectors", "DetectorIds[]", "--detector-id")
ECR_REPOSITORIES = Each("describe-repositories", "repositories[].repositoryName", "--repository-name")
EFS_FILE_SYSTEMS = Each("describe-file-systems", "FileSystems[].FileSystemId", "--file-system-id")
OPENSEARCH_DOMAINS = Each("list-domain-names", "DomainNames[].DomainName", "--domain-name")
QUEUES = Each("list-queues", "QueueUrls[]", "--queue-url")
TOPICS = Each("list-topics", "Topics[].TopicArn", "--topic-arn")
SECRETS = Each("list-secrets", "SecretList[].ARN", "--secret-id")
STREAMS = Each("list-streams", "StreamNames[]", "--stream-name")
CERTIFICATES = Each("list-certificates", "CertificateSummaryList[].CertificateArn", "--certificate-arn")
DOCUMENTS = Each("list-documents", "DocumentIdentifiers[].Name", "--name")
LAMBDA_FUNCTIONS = Each("list-functions", "Functions[].FunctionName", "--function-name")
ECS_CLUSTERS = Each("list-clusters", "clusterArns[]", "--clusters")
ECS_TASK_DEFINITIONS = Each("list-task-definitions", "taskDefinitionArns[]", "--task-definition")
EKS_CLUSTERS = Each("list-clusters", "clusters[]", "--name")
CODEBUILD_PROJECTS = Each("list-projects", "projects[]", "--names")
STATE_MACHINES = Each("list-state-machines", "stateMachines[].stateMachineArn", "--state-machine-arn")
NOTEBOOK_INSTANCES = Each("list-notebook-instances", "NotebookInstances[].NotebookInstanceName", "--notebook-instance-name")
DISTRIBUTIONS = Each("list-distributions", "DistributionList.Items[].Id", "--id")
WEB_ACLS = Each("list-web-acls", "WebACLs[].ARN", "--arn")
WEB_ACL_LOGGING = Each("list-web-acls", "WebACLs[].ARN", "--resource-arn")
REST_APIS = Each("get-rest-apis", "items[].id", "--rest-api-id")
HTTP_APIS = Each("get-apis", "Items[].ApiId", "--api-id")

# ---------------------------------------------------------------- the calls
CALLS: list[Call] = [
    # global: SNAPSHOT/<account>/global/<service>/...
    Call(G, "iam", "get-account-authorization-details"),
    Call(G, "iam", "get-credential-report"),  # after generate-credential-report, see run_call
    Call(G, "iam", "get-account-password-policy"),
    Call(G, "iam", "get-account-summary"),
    Call(G, "iam", "list-virtual-mfa-devices"),
    Call(G, "iam", "list-server-certificates"),
    Call(G, "s3api", "list-buckets"),
    Call(G, "s3api", "get-bucket-location", each=BUCKETS),
    Call(G, "s3api", "get-bucket-acl", each=BUCKETS),
    Call(G, "s3api", "get-bucket-policy", each=BUCKETS),
    Call(G, "s3api", "get-public-access-block", each=BUCKETS),
    Call(G, "s3api", "get-bucket-encryption", each=BUCKETS),
    Call(G, "s3api", "get-bucket-versioning", each=BUCKETS),
    Call(G, "s3api", "get-bucket-replication", each=BUCKETS),
    Call(G, "s3api", "get-bucket-logging", each=BUCKETS),
    Call(G, "s3api", "get-bucket-tagging", each=BUCKETS),
    Call(G, "s3control", "get-public-access-block", ("--account-id", "{account}")),
    Call(G, "route53", "list-hosted-zones"),
    Call(G, "route53", "list-health-checks"),
    Call(G, "route53", "list-resource-record-sets", each=ZONES),
    Call(G, "cloudfront", "list-distributions"),
    Call(G, "cloudfront", "get-distribution-config", each=DISTRIBUTIONS),
    # WAF's CLOUDFRONT scope answers only in us-east-1 (GLOBAL_CALL_REGION).
    Call(G, "wafv2", "list-web-acls", ("--scope", "CLOUDFRONT")),
    Call(G, "wafv2", "get-web-acl", ("--scope", "CLOUDFRONT"), each=WEB_ACLS),
    Call(G, "wafv2", "get-logging-configuration", each=WEB_ACL_LOGGING),
    # regional: SNAPSHOT/<account>/<region>/<service>/...
    Call(R, "ec2", "describe-availability-zones"),
    Call(R, "ec2", "describe-instances"),
    Call(R, "ec2", "describe-security-groups"),
    Call(R, "ec2", "describe-network-acls"),
    Call(R, "ec2", "describe-volumes"),
    Call(R, "ec2", "describe-snapshots", ("--owner-ids", "self")),
    Call(R, "ec2", "describe-snapshot-attribute", ("--attribute", "createVolumePermission"), each=EBS_SNAPSHOTS),
    Call(R, "ec2", "describe-vpcs"),
    Call(R, "ec2", "describe-subnets"),
    Call(R, "ec2", "describe-route-tables"),
    Call(R, "ec2", "describe-internet-gateways"),
    Call(R, "ec2", "describe-flow-logs"),
    Call(R, "ec2", "get-ebs-encryption-by-default"),
    Call(R, "ec2", "describe-managed-prefix-lists"),
    Call(R, "ec2", "get-managed-prefix-list-entries", each=PREFIX_LISTS),
    Call(R, "rds", "describe-db-instances"),
    Call(R, "rds", "describe-db-clusters"),
    Call(R, "rds", "describe-db-snapshots"),
    Call(R, "rds", "describe-db-snapshot-attributes", each=DB_SNAPSHOTS),
    Call(R, "rds", "describe-db-instance-automated-backups"),
    Call(R, "rds", "describe-global-clusters"),
    Call(R, "dynamodb", "list-tables"),
    Call(R, "dynamodb", "describe-table", each=TABLES),
    Call(R, "dynamodb", "describe-continuous-backups", each=TABLES),
    Call(R, "dynamodb", "list-tags-of-resource", each=TABLE_ARNS),
    Call(R, "redshift", "describe-clusters"),
    Call(R, "redshift", "describe-cluster-subnet-groups"),
    Call(R, "emr", "list-clusters"),
    Call(R, "emr", "get-block-public-access-configuration"),
    Call(R, "emr", "describe-cluster", each=EMR_CLUSTERS),
    Call(R, "workspaces", "describe-workspaces"),
    Call(R, "workspaces", "describe-workspace-directories"),
    Call(R, "elbv2", "describe-load-balancers"),
    Call(R, "elbv2", "describe-target-groups"),
    Call(R, "elbv2", "describe-target-health", each=TARGET_GROUPS),
    Call(R, "elbv2", "describe-listeners", each=LOAD_BALANCERS),
    Call(R, "elbv2", "describe-load-balancer-attributes", each=LOAD_BALANCERS),
    Call(R, "autoscaling", "describe-auto-scaling-groups"),
    Call(R, "cloudtrail", "describe-trails"),
    Call(R, "cloudtrail", "get-trail-status", each=TRAILS_BY_NAME),
    Call(R, "cloudtrail", "get-event-selectors", each=TRAILS_BY_TRAIL_NAME),
    Call(R, "kms", "list-keys"),
    Call(R, "kms", "describe-key", each=KEYS),
    Call(R, "kms", "get-key-rotation-status", each=KEYS),
    Call(R, "kms", "get-key-policy", ("--policy-name", "default"), each=KEYS),
    Call(R, "configservice", "describe-configuration-recorders"),
    Call(R, "configservice", "describe-configuration-recorder-status"),
    Call(R, "configservice", "describe-delivery-channels"),
    Call(R, "logs", "describe-metric-filters"),
    Call(R, "cloudwatch", "describe-alarms"),
    Call(R, "sns", "list-subscriptions"),
    Call(R, "guardduty", "list-detectors"),
    Call(R, "guardduty", "get-detector", each=DETECTORS),
    Call(R, "securityhub", "describe-hub"),
    Call(R, "backup", "list-backup-plans"),
    Call(R, "backup", "list-backup-vaults"),
    Call(R, "accessanalyzer", "list-analyzers"),
    Call(R, "ecr", "describe-repositories"),
    Call(R, "ecr", "get-repository-policy", each=ECR_REPOSITORIES),
    Call(R, "ecr", "get-lifecycle-policy", each=ECR_REPOSITORIES),
    Call(R, "elasticache", "describe-replication-groups"),
    Call(R, "elasticache", "describe-cache-clusters", ("--show-cache-node-info",)),
    Call(R, "efs", "describe-file-systems"),
    Call(R, "efs", "describe-backup-policy", each=EFS_FILE_SYSTEMS),
    Call(R, "efs", "describe-file-system-policy", each=EFS_FILE_SYSTEMS),
    Call(R, "efs", "describe-mount-targets", each=EFS_FILE_SYSTEMS),
    Call(R, "efs", "describe-access-points"),
    Call(R, "opensearch", "list-domain-names"),
    Call(R, "opensearch", "describe-domain", each=OPENSEARCH_DOMAINS),
    Call(R, "sqs", "list-queues"),
    Call(R, "sqs", "get-queue-attributes", ("--attribute-names", "All"), each=QUEUES),
    Call(R, "sns", "list-topics"),
    Call(R, "sns", "get-topic-attributes", each=TOPICS),
    Call(R, "secretsmanager", "list-secrets"),
    Call(R, "secretsmanager", "get-resource-policy", each=SECRETS),
    Call(R, "kinesis", "list-streams"),
    Call(R, "kinesis", "describe-stream-summary", each=STREAMS),
    Call(R, "acm", "list-certificates", ("--includes", "keyTypes=RSA_1024,RSA_2048,RSA_3072,RSA_4096,EC_prime256v1,EC_secp384r1,EC_secp521r1")),
    Call(R, "acm", "describe-certificate", each=CERTIFICATES),
    Call(R, "ssm", "describe-parameters"),
    Call(R, "ssm", "list-documents", ("--filters", "Key=Owner,Values=Self")),
    Call(R, "ssm", "describe-document-permission", ("--permission-type", "Share"), each=DOCUMENTS),
    Call(R, "ssm", "describe-instance-information"),
    Call(R, "ssm", "list-resource-compliance-summaries"),
    Call(R, "lambda", "list-functions"),
    Call(R, "lambda", "get-policy", each=LAMBDA_FUNCTIONS),
    Call(R, "ecs", "list-clusters"),
    Call(R, "ecs", "describe-clusters", ("--include", "SETTINGS"), each=ECS_CLUSTERS),
    Call(R, "ecs", "list-task-definitions"),
    Call(R, "ecs", "describe-task-definition", each=ECS_TASK_DEFINITIONS),
    Call(R, "eks", "list-clusters"),
    Call(R, "eks", "describe-cluster", each=EKS_CLUSTERS),
    Call(R, "codebuild", "list-projects"),
    Call(R, "codebuild", "batch-get-projects", each=CODEBUILD_PROJECTS),
    Call(R, "stepfunctions", "list-state-machines"),
    Call(R, "stepfunctions", "describe-state-machine", each=STATE_MACHINES),
    Call(R, "sagemaker", "list-notebook-instances"),
    Call(R, "sagemaker", "describe-notebook-instance", each=NOTEBOOK_INSTANCES),
    Call(R, "glue", "get-jobs"),
    Call(R, "glue", "get-data-catalog-encryption-settings"),
    Call(R, "glue", "get-security-configurations"),
    Call(R, "apigateway", "get-rest-apis"),
    Call(R, "apigateway", "get-stages", each=REST_APIS),
    Call(R, "apigateway", "get-resources", ("--embed", "methods"), each=REST_APIS),
    Call(R, "apigatewayv2", "get-apis"),
    Call(R, "apigatewayv2", "get-stages", each=HTTP_APIS),
    Call(R, "apigatewayv2", "get-routes", each=HTTP_APIS),
    Call(R, "wafv2", "list-web-acls", ("--scope", "REGIONAL")),
    Call(R, "wafv2", "get-web-acl", ("--scope", "REGIONAL"), each=WEB_ACLS),
    Call(R, "wafv2", "get-logging-configuration", each=WEB_ACL_LOGGING),
]
# --------------------------------------------------------------------------

ERROR_RE = re.compile(r"An error occurred \((?P<code>[^)]*)\)(?: \(reached max retries: \d+\))? "
                      r"when calling the (?P<op>\w+) operation(?: \(reached max retries: \d+\))?: "
                      r"(?P<message>.*)", re.S)
SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")


def encode_id(value: str) -> str:
    """Every byte outside A-Z a-z 0-9 . _ - becomes %XX (uppercase hex)."""
    return "".join(chr(b) if b in SAFE else f"%{b:02X}" for b in value.encode("utf-8"))


def extract(doc, path: str) -> list[str]:
    """Tiny path reader: "A[].B" -> [x["B"] for x in doc["A"]], "A[]" -> doc["A"]."""
    values = [doc]
    for part in path.split("."):
        many = part.endswith("[]")
        key = part[:-2] if many else part
        nxt = []
        for v in values:
            if not isinstance(v, dict) or key not in v:
                continue
            if many:
                nxt.extend(v[key] or [])
            else:
                nxt.append(v[key])
        values = nxt
    return [v for v in values if isinstance(v, str)]


class Collector:
    def __init__(self, endpoint: str, out: Path) -> None:
        parts = urlsplit(endpoint)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit(f"dump.py: refusing non-local endpoint {endpoint}")
        self.endpoint = endpoint
        self.port = parts.port or 80
        self.out = out
        self.errors: list[dict] = []
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("AWS_") and k.lower() not in ("http_proxy", "https_proxy",
                                                                 "all_proxy", "no_proxy")}
        env.update({
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "2",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_PAGER": "",
        })
        self.env = env
        self.account = ""

    # -- running the CLI -----------------------------------------------------
    def endpoint_for(self, service: str, region: str) -> tuple[str, dict]:
        """The endpoint URL and extra environment for one service.

        moto routes most requests by the SigV4 credential scope, so
        http://127.0.0.1:PORT works. Two services need a particular Host
        header instead, so their requests go to moto used as an HTTP proxy
        (the connection still only goes to 127.0.0.1; the Host name is never
        resolved): EMR reads the region from `elasticmapreduce.<region>.
        amazonaws.com`, and the CLI sends S3 Control to `<account>.<host>`.
        """
        proxy = {"HTTP_PROXY": f"http://127.0.0.1:{self.port}",
                 "http_proxy": f"http://127.0.0.1:{self.port}", "NO_PROXY": "", "no_proxy": ""}
        if service == "emr":
            return f"http://elasticmapreduce.{region}.amazonaws.com.localhost:{self.port}", proxy
        if service == "s3control":
            return f"http://localhost:{self.port}", proxy
        return self.endpoint, {}

    def aws(self, region: str, service: str, operation: str, args: list[str]):
        endpoint, extra_env = self.endpoint_for(service, region)
        cmd = ["aws", "--endpoint-url", endpoint, "--region", region, "--output", "json",
               service, operation, *args]
        proc = subprocess.run(cmd, capture_output=True, env={**self.env, **extra_env}, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")

    def record_error(self, region, service, operation, resource, stderr):
        m = ERROR_RE.search(stderr)
        if m:
            code, message = m.group("code"), m.group("message").strip()
        else:
            lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
            code, message = "CliError", (lines[-1] if lines else "the AWS CLI failed without a message")
        err = {"account": self.account, "region": region, "service": service,
               "operation": operation, "code": code, "message": message}
        if resource is not None:
            err["resource"] = resource
        self.errors.append(err)

    def run_call(self, call: Call, region: str, folder: Path, resource: str | None = None) -> bool:
        label = "global" if call.scope == G else region
        args = [a.replace("{account}", self.account) for a in call.args]
        if call.each is not None:
            args += [call.each.param, resource]
            target = folder / call.service / call.operation / f"{encode_id(resource)}.json"
        else:
            target = folder / call.service / f"{call.operation}.json"
        if (call.service, call.operation) == ("iam", "get-credential-report"):
            self.generate_credential_report(region)
        rc, stdout, stderr = self.aws(region, call.service, call.operation, args)
        if rc != 0:
            self.record_error(label, call.service, call.operation, resource, stderr)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(stdout)
        return True

    def generate_credential_report(self, region: str) -> None:
        for _ in range(30):
            rc, stdout, _ = self.aws(region, "iam", "generate-credential-report", [])
            if rc == 0 and json.loads(stdout or b"{}").get("State") == "COMPLETE":
                return
            time.sleep(1)
        # get-credential-report will then fail (ReportNotPresent) and be listed

    # -- completing what moto leaves out ----------------------------------------
    def complete_mock_gaps(self, root: Path, collected_at: str) -> None:
        """Post-processing (see README.md): where moto cannot answer as AWS does, write the
        answer AWS documents for the same account state, so the demo shows no mock artefacts.

        - accessanalyzer list-analyzers: moto answers an HTML 500 page; an account without
          analyzers gets {"analyzers": []} from AWS.
        - iam get-credential-report: moto's report has no <root_account> row (AWS's report always
          starts with it) and a fixed GeneratedTime of 2015; add the root row (MFA as the account
          summary's AccountMFAEnabled says, no access
          keys or certificates, password not_supported as AWS prints it) and date the report.
        - elbv2 describe-load-balancer-attributes: moto omits access_logs.s3.enabled, which AWS
          always returns; add it as "false" when the bucket attribute is empty.
        - cloudfront: moto prints distribution ARNs without the empty region field, drops each
          origin's S3OriginConfig and OriginAccessControlId, and reports the default certificate
          beside an ACM one. Write the ARN as AWS does, give S3 REST-endpoint origins their
          S3OriginConfig, set OriginAccessControlId to the origin access control the seed named
          after the origin's Id (seed.py's convention; "" when none, as AWS prints it), and
          CloudFrontDefaultCertificate false when a certificate is named.
        """
        kept = []
        for err in self.errors:
            if (err["service"], err["operation"]) == ("accessanalyzer", "list-analyzers") and err["code"] == "500":
                target = root / err["region"] / "accessanalyzer" / "list-analyzers.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps({"analyzers": []}, indent=4) + "\n")
                continue
            kept.append(err)
        self.errors = kept

        report = root / "global" / "iam" / "get-credential-report.json"
        if report.exists():
            doc = json.loads(report.read_bytes())
            lines = base64.b64decode(doc["Content"]).decode("utf-8").splitlines()
            if lines and not any(ln.startswith("<root_account>,") for ln in lines[1:]):
                header = lines[0].split(",")
                # The root row agrees with the account summary's AccountMFAEnabled, as in AWS.
                summary = root / "global" / "iam" / "get-account-summary.json"
                mfa = json.loads(summary.read_bytes()).get("SummaryMap", {}).get("AccountMFAEnabled", 0) if summary.exists() else 0
                root_mfa = "true" if mfa else "false"
                values = {"user": "<root_account>", "arn": f"arn:aws:iam::{self.account}:root",
                          "user_creation_time": "2019-03-04T09:12:44+00:00", "password_enabled": "not_supported",
                          "password_last_used": "2026-06-02T08:15:31+00:00", "password_last_changed": "not_supported",
                          "password_next_rotation": "not_supported", "mfa_active": root_mfa}
                row = []
                for column in header:
                    if column in values:
                        row.append(values[column])
                    elif column.endswith("_active"):
                        row.append("false")
                    elif column.endswith(("_region", "_service")):
                        row.append("N/A")
                    else:
                        row.append("N/A")
                lines.insert(1, ",".join(row))
                doc["Content"] = base64.b64encode(("\n".join(lines) + "\n").encode("utf-8")).decode("ascii")
            doc["GeneratedTime"] = collected_at
            report.write_text(json.dumps(doc, indent=4) + "\n")

        for region in REGIONS:
            folder = root / region / "elbv2" / "describe-load-balancer-attributes"
            for path in sorted(folder.glob("*.json")) if folder.exists() else []:
                doc = json.loads(path.read_bytes())
                attrs = doc.get("Attributes", [])
                keys = {a.get("Key"): a.get("Value") for a in attrs}
                if "access_logs.s3.enabled" in keys:
                    continue
                enabled = "true" if keys.get("access_logs.s3.bucket") else "false"
                attrs.append({"Key": "access_logs.s3.enabled", "Value": enabled})
                attrs.sort(key=lambda a: a.get("Key", ""))
                path.write_text(json.dumps(doc, indent=4) + "\n")

    def complete_cloudfront(self, root: Path) -> None:
        listing = root / "global" / "cloudfront" / "list-distributions.json"
        if listing.exists() and listing.read_bytes().strip():
            doc = json.loads(listing.read_bytes())
            for item in (doc.get("DistributionList") or {}).get("Items") or []:
                item["ARN"] = f"arn:aws:cloudfront::{self.account}:distribution/{item['Id']}"
            listing.write_text(json.dumps(doc, indent=4) + "\n")
        rc, stdout, _ = self.aws(GLOBAL_CALL_REGION, "cloudfront", "list-origin-access-controls", [])
        controls = {}
        if rc == 0 and stdout.strip():
            for oac in (json.loads(stdout).get("OriginAccessControlList") or {}).get("Items") or []:
                controls[oac.get("Name")] = oac.get("Id")
        folder = root / "global" / "cloudfront" / "get-distribution-config"
        for path in sorted(folder.glob("*.json")) if folder.exists() else []:
            doc = json.loads(path.read_bytes())
            config = doc.get("DistributionConfig", {})
            for origin in (config.get("Origins") or {}).get("Items") or []:
                domain = origin.get("DomainName", "")
                kinds = ("S3OriginConfig", "CustomOriginConfig", "VpcOriginConfig")
                if not any(k in origin for k in kinds) and re.search(r"\.s3[.-][a-z0-9.-]*amazonaws\.com$", domain) \
                        and "s3-website" not in domain:
                    origin["S3OriginConfig"] = {"OriginAccessIdentity": ""}
                origin.setdefault("OriginAccessControlId", controls.get(origin.get("Id"), ""))
            certificate = config.get("ViewerCertificate") or {}
            if certificate.get("ACMCertificateArn") or certificate.get("IAMCertificateId"):
                certificate["CloudFrontDefaultCertificate"] = False
                certificate["CertificateSource"] = "acm" if certificate.get("ACMCertificateArn") else "iam"
            path.write_text(json.dumps(doc, indent=4) + "\n")

    # -- the whole snapshot ---------------------------------------------------
    def collect(self) -> None:
        collected_at = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        rc, stdout, stderr = self.aws(GLOBAL_CALL_REGION, "sts", "get-caller-identity", [])
        if rc != 0:
            sys.exit(f"dump.py: sts get-caller-identity failed: {stderr.strip()}")
        self.account = json.loads(stdout)["Account"]
        root = self.out / self.account
        scopes = [(G, GLOBAL_CALL_REGION, root / "global")] + [(R, r, root / r) for r in REGIONS]
        with ThreadPoolExecutor(WORKERS) as pool:
            # listings and account-level calls first, then the per-resource calls
            futures = []
            for scope, region, folder in scopes:
                for call in CALLS:
                    if call.scope == scope and call.each is None:
                        futures.append(pool.submit(self.run_call, call, region, folder))
            for f in futures:
                f.result()
            futures = []
            for scope, region, folder in scopes:
                for call in CALLS:
                    if call.scope != scope or call.each is None:
                        continue
                    listing = folder / call.service / f"{call.each.listing}.json"
                    if not listing.exists():
                        continue  # the listing failed and is already in errors
                    raw = listing.read_bytes()
                    doc = json.loads(raw) if raw.strip() else {}
                    ids = extract(doc, call.each.path)
                    if call.service == "cloudtrail":
                        # A multi-region trail is listed in every region it covers; its status and
                        # selectors are read once, in its home region (as Rampart reads them).
                        home = {t.get("TrailARN"): t.get("HomeRegion") for t in doc.get("trailList", [])}
                        ids = [i for i in ids if home.get(i) in (None, region)]
                    if call.each.template:
                        ids = [call.each.template.format(region=region, account=self.account, id=i) for i in ids]
                    for rid in ids:
                        futures.append(pool.submit(self.run_call, call, region, folder, rid))
            for f in futures:
                f.result()
        self.complete_mock_gaps(root, collected_at)
        self.complete_cloudfront(root)
        self.errors.sort(key=lambda e: (e["region"] != "global", e["region"], e["service"],
                                        e["operation"], e.get("resource", ""), e["code"]))
        manifest = {"format": "rampart-snapshot/1", "collectedAt": collected_at,
                    "accounts": [self.account], "regions": REGIONS, "errors": self.errors}
        (self.out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    c = Collector(sys.argv[1], out)
    c.collect()
    files = sum(1 for p in out.rglob("*.json"))
    print(f"Wrote {files} files to {out} in {time.time() - t0:.1f}s; {len(c.errors)} errors in the manifest")


if __name__ == "__main__":
    main()
