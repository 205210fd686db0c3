#!/usr/bin/env python3
"""Generate Sources/RampartAWSProtocols/Generated/AWSModels.swift from botocore's models.

Usage: scripts/generate_aws_models.py [--check]

Reads the calls Rampart makes from Sources/RampartCollector/CollectionPlan.swift
(`g("svc", "op"` / `r("svc", "op"` entries, `supportCalls` and `organizationCalls`), adds the calls the
AWS CLI itself makes for some commands (EXTRA_CALLS), and writes, for each service:
protocol, apiVersion, endpointPrefix, signingName, jsonVersion, targetPrefix and
endpoint facts; for each operation: API name, CLI name, HTTP method and requestUri,
input/output shapes, the paginator; and every shape reachable from those inputs
and outputs, with the serialization traits botocore reads (a member reference's
traits merged over its shape's, as botocore's ShapeResolver does).

The models are loaded with botocore's own Loader, so the same files botocore uses
(service-2.json(.gz) of the newest API version, paginators-1.json and the
*.sdk-extras.json files merged into them) are read the same way. The installed
botocore is the source of truth: run this script with the Python that has the
AWS CLI installed. With --check it exits 1 when the generated file is out of date.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import botocore
from botocore import xform_name
from botocore.loaders import Loader

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "Sources/RampartCollector/CollectionPlan.swift"
OUT = REPO / "Sources/RampartAWSProtocols/Generated/AWSModels.swift"

# AWS CLI service name -> botocore service name (only where they differ).
CLI_TO_BOTOCORE = {"s3api": "s3", "configservice": "config"}

# Services whose first listed protocol Rampart's codecs do not speak, and the listed
# alternative they use instead (AWS accepts every protocol in a model's "protocols").
# CloudWatch lists smithy-rpc-v2-cbor first, then json.
PROTOCOL_OVERRIDES = {"cloudwatch": "json"}

# Calls the AWS CLI makes on its own for a command in the plan: `aws emr describe-cluster`
# is a CLI customization (awscli/customizations/emr/describecluster.py) that also calls
# ListInstanceGroups or ListInstanceFleets, and ListBootstrapActions.
EXTRA_CALLS = [
    ("emr", "list-instance-groups"),
    ("emr", "list-instance-fleets"),
    ("emr", "list-bootstrap-actions"),
]

# Serialization traits botocore reads (botocore.model.Shape.SERIALIZED_ATTRS) that the
# codecs use. xmlNamespace, streaming and the event-stream traits are not needed by
# the calls Rampart makes (no request bodies in rest-xml, no event streams).
KEPT_TRAITS = ["locationName", "queryName", "flattened", "location", "timestampFormat",
               "xmlAttribute", "jsonvalue", "hostLabel"]

SCALARS = {"string", "integer", "long", "boolean", "timestamp", "blob", "float", "double",
           "character", "bigdecimal", "biginteger", "byte", "short"}


def planned_calls() -> list[tuple[str, str]]:
    text = PLAN.read_text()
    calls = re.findall(r'\b[gr]\("([a-z0-9-]+)",\s*"([a-z0-9-]+)"', text)
    for listing in ("supportCalls", "organizationCalls"):
        found = re.search(listing + r"[^=]*=\s*\[(.*?)\]", text, re.S)
        if found:
            calls += re.findall(r'\("([a-z0-9-]+)",\s*"([a-z0-9-]+)"\)', found.group(1))
    if not calls:
        sys.exit(f"generate_aws_models.py: no calls found in {PLAN}")
    seen, out = set(), []
    for call in calls + EXTRA_CALLS:
        if call not in seen:
            seen.add(call)
            out.append(call)
    return out


def effective_traits(shapes: dict, ref: dict) -> dict:
    """The serialization traits of a shape reference: the shape's own, then the reference's."""
    merged = {k: v for k, v in shapes[ref["shape"]].items() if k in KEPT_TRAITS}
    merged.update({k: v for k, v in ref.items() if k in KEPT_TRAITS})
    return merged


def encode_ref(shapes: dict, ref: dict, input_side: bool = False) -> list:
    traits = effective_traits(shapes, ref)
    if input_side:
        # botocore's ParamValidator checks `min` (lengths of strings and lists, integer ranges).
        minimum = ref.get("min", shapes[ref["shape"]].get("min"))
        if minimum is not None:
            traits["min"] = minimum
    return [ref["shape"], traits] if traits else [ref["shape"]]


def reachable(shapes: dict, roots: list[str]) -> list[str]:
    seen: list[str] = []
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.append(name)
        shape = shapes[name]
        kind = shape["type"]
        if kind == "structure":
            stack.extend(m["shape"] for m in shape.get("members", {}).values())
        elif kind == "list":
            stack.append(shape["member"]["shape"])
        elif kind == "map":
            stack.extend([shape["key"]["shape"], shape["value"]["shape"]])
    return seen


def encode_shape(shapes: dict, name: str, with_required: bool):
    """A shape; `with_required` for shapes reachable from an input, which keep what botocore
    validates (`required`, `min`)."""
    shape = shapes[name]
    kind = shape["type"]
    if kind in SCALARS:
        return kind  # scalars: only the type; traits live on the references
    out: dict = {"type": kind}
    if kind == "structure":
        members = []
        for member, ref in shape.get("members", {}).items():
            encoded = encode_ref(shapes, ref, with_required)
            if len(encoded) == 2 and encoded[1].get("locationName") == member:
                # A locationName equal to the member name changes nothing in any protocol.
                del encoded[1]["locationName"]
                if not encoded[1]:
                    encoded.pop()
            members.append([member] + encoded)
        out["members"] = members
        if "payload" in shape:
            out["payload"] = shape["payload"]
        if shape.get("document"):
            out["document"] = True
        if shape.get("union"):
            out["union"] = True
        if with_required and shape.get("required"):
            out["required"] = shape["required"]
    elif kind == "list":
        out["member"] = encode_ref(shapes, shape["member"], with_required)
    elif kind == "map":
        out["key"] = encode_ref(shapes, shape["key"])
        out["value"] = encode_ref(shapes, shape["value"], with_required)
    else:
        sys.exit(f"generate_aws_models.py: unsupported shape type {kind} ({name})")
    return out


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def endpoint_facts(endpoints: dict, prefix: str) -> dict:
    """Global (partition) endpoints from botocore's endpoints.json, for services that are
    not regionalized (IAM, Route 53): hostname and the region that signs for them."""
    aws = next(p for p in endpoints["partitions"] if p["partition"] == "aws")
    service = aws["services"].get(prefix, {})
    if service.get("isRegionalized", True) is False and "partitionEndpoint" in service:
        endpoint = service["endpoints"][service["partitionEndpoint"]]
        return {"globalHostname": endpoint["hostname"],
                "signingRegion": endpoint.get("credentialScope", {}).get("region", "us-east-1")}
    return {}


def build() -> tuple[dict, dict]:
    loader = Loader()
    endpoints = loader.load_data("endpoints")
    services: dict = {}
    stats = {}
    by_service: dict[str, list[str]] = {}
    for cli_service, cli_op in planned_calls():
        by_service.setdefault(cli_service, []).append(cli_op)
    for cli_service, cli_ops in by_service.items():
        name = CLI_TO_BOTOCORE.get(cli_service, cli_service)
        model = loader.load_service_model(name, "service-2")
        try:
            paginators = loader.load_service_model(name, "paginators-1").get("pagination", {})
        except Exception:  # noqa: BLE001 - a service without paginators
            paginators = {}
        meta = model["metadata"]
        protocol = meta.get("protocol")
        if "protocols" in meta:  # botocore picks the first protocol it supports
            supported = ["smithy-rpc-v2-cbor", "json", "rest-json", "rest-xml", "query", "ec2"]
            protocol = next(p for p in meta["protocols"] if p in supported)
        if name in PROTOCOL_OVERRIDES:
            assert PROTOCOL_OVERRIDES[name] in meta.get("protocols", [protocol]), name
            protocol = PROTOCOL_OVERRIDES[name]
        shapes = model["shapes"]
        by_cli = {xform_name(op, "-"): op for op in model["operations"]}
        operations = {}
        input_roots, output_roots = [], []
        for cli_op in cli_ops:
            if cli_op not in by_cli:
                sys.exit(f"generate_aws_models.py: {cli_service} {cli_op} is not an operation of {name}")
            api = by_cli[cli_op]
            op = model["operations"][api]
            entry: dict = {"name": api, "method": op["http"].get("method", "POST"),
                           "requestUri": op["http"].get("requestUri", "/")}
            if "input" in op:
                entry["input"] = op["input"]["shape"]
                input_roots.append(op["input"]["shape"])
            if "output" in op:
                entry["output"] = op["output"]["shape"]
                output_roots.append(op["output"]["shape"])
                if "resultWrapper" in op["output"]:
                    entry["resultWrapper"] = op["output"]["resultWrapper"]
            host_prefix = op.get("endpoint", {}).get("hostPrefix")
            if host_prefix:
                entry["hostPrefix"] = host_prefix
            pag = paginators.get(api)
            if pag:
                p = {"inputToken": as_list(pag.get("input_token")),
                     "outputToken": as_list(pag.get("output_token")),
                     "resultKey": as_list(pag.get("result_key"))}
                for src, dst in (("limit_key", "limitKey"), ("more_results", "moreResults")):
                    if src in pag:
                        p[dst] = pag[src]
                if pag.get("non_aggregate_keys"):
                    p["nonAggregateKeys"] = pag["non_aggregate_keys"]
                entry["paginator"] = p
            operations[cli_op] = entry
        input_side = set(reachable(shapes, input_roots))
        names = reachable(shapes, input_roots + output_roots)
        names.sort()
        encoded = {n: encode_shape(shapes, n, n in input_side) for n in names}
        service = {"service": name, "protocol": protocol, "apiVersion": meta["apiVersion"],
                   "endpointPrefix": meta["endpointPrefix"],
                   "signingName": meta.get("signingName", meta["endpointPrefix"])}
        for key in ("jsonVersion", "targetPrefix", "globalEndpoint"):
            if key in meta:
                service[key] = meta[key]
        service.update(endpoint_facts(endpoints, meta["endpointPrefix"]))
        service["operations"] = operations
        service["shapes"] = encoded
        services[cli_service] = service
        stats[cli_service] = (len(operations), len(encoded))
    return {"botocore": botocore.__version__, "services": services}, stats


def render(data: dict) -> str:
    compact = json.dumps(data, separators=(",", ":"), ensure_ascii=True)
    if '"#' in compact:
        sys.exit("generate_aws_models.py: the JSON contains '\"#', which would end the raw string")
    return (
        "// GENERATED by scripts/generate_aws_models.py — do not edit.\n"
        f"// Source: botocore {botocore.__version__} (https://github.com/boto/botocore), data/<service>/<version>/\n"
        "// service-2.json, paginators-1.json and endpoints.json; Apache License 2.0,\n"
        "// Copyright Amazon.com, Inc. or its affiliates. Only the operations Rampart calls\n"
        "// (Sources/RampartCollector/CollectionPlan.swift, and the calls the AWS CLI adds for\n"
        "// them) and the shapes reachable from their inputs and outputs are kept.\n\n"
        "/// The compact JSON model; parsed once, on first use, by `AWSServiceModels`.\n"
        f'let awsModelsJSON = #"{compact}"#\n'
    )


def main() -> None:
    data, stats = build()
    text = render(data)
    if "--check" in sys.argv[1:]:
        current = OUT.read_text() if OUT.exists() else ""
        if current != text:
            sys.exit(f"{OUT.relative_to(REPO)} is out of date: run scripts/generate_aws_models.py")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    total_ops = sum(o for o, _ in stats.values())
    total_shapes = sum(s for _, s in stats.values())
    print(f"Wrote {OUT.relative_to(REPO)}: {len(text.encode()):,} bytes, {len(stats)} services, "
          f"{total_ops} operations, {total_shapes} shapes (botocore {botocore.__version__})")


if __name__ == "__main__":
    main()
