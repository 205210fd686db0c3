#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for Rampart's reliability tests (standard library only).

It listens on 127.0.0.1 only, forwards AWS API requests to an upstream server (moto's), and
injects faults in each wire protocol's own shape, per service, region and operation, at chosen
rates. Whether a request is faulted is decided by a hash of the seed, the rule, the request's
content and how many times that same request was seen before, so a run is reproducible
however requests interleave.

Usage:  fault_proxy.py UPSTREAM_URL CONFIG_JSON
Prints the port it listens on as its first line of output.

CONFIG_JSON: {"seed": 7, "slowSeconds": 3,
              "rules": [{"fault": "throttle", "rate": 0.3, "service": "ec2", "region": "eu-west-1",
                         "operation": "DescribeInstances"}]}
Faults: throttle, server-error, reset, slow, truncated, malformed, deny, echo (a refusal whose
message quotes the request's headers, signature and token included, as AWS's signature errors
quote the canonical request). A rule without
service, region or operation matches every value; "bodyContains" matches only requests whose body holds
that text (an AssumeRole refused for one account's role). The first matching rule decides.

GET /__proxy/log answers a JSON log: one entry per request (time, service, region, operation,
fingerprint, fault or null) and the counts of injected and forwarded requests.
"""
import hashlib
import http.client
import json
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
CONFIG = json.loads(sys.argv[2])
SEED = str(CONFIG.get("seed", 1))
RULES = CONFIG.get("rules", [])
SLOW_SECONDS = float(CONFIG.get("slowSeconds", 3))

LOCK = threading.Lock()
LOG = []
SEEN = {}
COUNTS = {"forwarded": 0, "injected": {}}

S3_SUBRESOURCES = {
    "location": "GetBucketLocation", "acl": "GetBucketAcl", "policy": "GetBucketPolicy",
    "publicAccessBlock": "GetPublicAccessBlock", "encryption": "GetBucketEncryption",
    "versioning": "GetBucketVersioning", "replication": "GetBucketReplication",
    "logging": "GetBucketLogging", "tagging": "GetBucketTagging", "policyStatus": "GetBucketPolicyStatus",
    "ownershipControls": "GetBucketOwnershipControls", "lifecycle": "GetBucketLifecycleConfiguration",
}


def credential_scope(headers):
    """(service, region) from the Authorization header's credential scope."""
    auth = headers.get("Authorization", "")
    marker = "Credential="
    if marker not in auth:
        return "unknown", "unknown"
    scope = auth.split(marker, 1)[1].split(",", 1)[0].split("/")
    if len(scope) >= 5:
        return scope[3], scope[2]
    return "unknown", "unknown"


def protocol_of(service, headers):
    if service == "ec2":
        return "ec2"
    if service == "s3":
        return "s3"
    if headers.get("X-Amz-Target"):
        return "json"
    if "x-www-form-urlencoded" in headers.get("Content-Type", ""):
        return "query"
    if service == "route53":
        return "rest-xml"
    return "rest-json"


def operation_of(protocol, method, path, query, body, headers):
    if protocol == "json":
        return headers.get("X-Amz-Target", "").split(".")[-1]
    if protocol in ("query", "ec2"):
        params = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if body else {}
        params.update(urllib.parse.parse_qs(query))
        return (params.get("Action") or ["Unknown"])[0]
    if protocol == "s3":
        keys = [pair.split("=", 1)[0] for pair in query.split("&") if pair]
        for key in keys:
            if key in S3_SUBRESOURCES:
                return S3_SUBRESOURCES[key]
        segments = [s for s in path.split("/") if s]
        if method == "GET" and not segments:
            return "ListBuckets"
        return method + " " + ("/".join(segments[:1]) or "/") + ("?" + ",".join(keys) if keys else "")
    segments = [s for s in path.split("/") if s]
    return method + " /" + "/".join(segments[:2])


def draw(rule_index, fingerprint, attempt):
    digest = hashlib.sha256(f"{SEED}|{rule_index}|{fingerprint}|{attempt}".encode()).digest()
    return struct.unpack(">Q", digest[:8])[0] / 2**64


def choose_fault(service, region, operation, fingerprint, attempt, body=b""):
    for index, rule in enumerate(RULES):
        if rule.get("bodyContains") is not None and rule["bodyContains"].encode() not in body:
            continue
        if rule.get("service") not in (None, service):
            continue
        if rule.get("region") not in (None, region):
            continue
        if rule.get("operation") not in (None, operation):
            continue
        if draw(index, fingerprint, attempt) < float(rule.get("rate", 1.0)):
            return rule["fault"]
        return None
    return None


def error_response(protocol, fault, variant, quoted=""):
    """(status, headers, body) of an AWS error in the protocol's shape."""
    if fault == "echo":
        code = {"ec2": "AuthFailure", "json": "AccessDeniedException", "rest-json": "AccessDeniedException"}.get(protocol, "SignatureDoesNotMatch")
        status = {"json": 400}.get(protocol, 403)
        message = "The request signature we calculated does not match the signature you provided. The request was: " + quoted
        message = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    elif fault == "throttle":
        code = {"ec2": "RequestLimitExceeded", "s3": "SlowDown"}.get(protocol, "ThrottlingException")
        status = {"ec2": 503, "s3": 503, "rest-json": 429}.get(protocol, 400)
        message = "Rate exceeded"
    elif fault == "deny":
        code = {"ec2": "UnauthorizedOperation", "json": "AccessDeniedException", "rest-json": "AccessDeniedException"}.get(protocol, "AccessDenied")
        status = {"json": 400}.get(protocol, 403)
        message = "User is not authorized to perform this operation (injected by the fault proxy)"
    else:
        status = 503 if variant < 0.5 else 500
        code = "ServiceUnavailable" if status == 503 else "InternalError"
        message = "injected server error"
    if protocol == "ec2":
        body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code>"
                f"<Message>{message}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>")
        return status, {"Content-Type": "text/xml"}, body.encode()
    if protocol == "s3":
        body = f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>fault-proxy</RequestId></Error>"
        return status, {"Content-Type": "application/xml"}, body.encode()
    if protocol in ("query", "rest-xml"):
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
                f"<RequestId>fault-proxy</RequestId></ErrorResponse>")
        return status, {"Content-Type": "text/xml"}, body.encode()
    if protocol == "json":
        body = json.dumps({"__type": code, "message": message})
        return status, {"Content-Type": "application/x-amz-json-1.1"}, body.encode()
    body = json.dumps({"message": message})
    return status, {"Content-Type": "application/json", "x-amzn-ErrorType": code}, body.encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def do_PUT(self):
        self.handle_any()

    def do_DELETE(self):
        self.handle_any()

    def do_HEAD(self):
        self.handle_any()

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/__proxy/log"):
            with LOCK:
                payload = json.dumps({"requests": LOG, "forwarded": COUNTS["forwarded"], "injected": COUNTS["injected"]}).encode()
            self.send(200, {"Content-Type": "application/json"}, payload)
            return
        split = urllib.parse.urlsplit(self.path)
        service, region = credential_scope(self.headers)
        protocol = protocol_of(service, self.headers)
        operation = operation_of(protocol, self.command, split.path, split.query, body, self.headers)
        fingerprint = hashlib.sha256(
            "\n".join([service, region, self.command, split.path, split.query]).encode() + b"\n" + body).hexdigest()[:20]
        with LOCK:
            attempt = SEEN.get(fingerprint, 0)
            SEEN[fingerprint] = attempt + 1
        fault = choose_fault(service, region, operation, fingerprint, attempt, body)
        with LOCK:
            LOG.append({"time": time.monotonic(), "service": service, "region": region, "operation": operation,
                        "fingerprint": fingerprint, "fault": fault,
                        "authorization": self.headers.get("Authorization", ""),
                        "token": self.headers.get("X-Amz-Security-Token", "")})
            if fault:
                COUNTS["injected"][fault] = COUNTS["injected"].get(fault, 0) + 1
            else:
                COUNTS["forwarded"] += 1

        if fault in ("throttle", "server-error", "deny", "echo"):
            quoted = " ".join(f"{name}: {value}" for name, value in self.headers.items())
            status, headers, payload = error_response(protocol, fault, draw(-1, fingerprint, attempt), quoted)
            self.send(status, headers, payload)
            return
        if fault == "reset":
            self.reset()
            return
        if fault == "slow":
            time.sleep(SLOW_SECONDS)
        status, headers, payload = self.forward(body)
        if fault == "truncated" and payload:
            headers["Content-Length"] = str(len(payload))
            self.send_head(status, headers)
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            self.reset()
            return
        if fault == "malformed":
            payload = payload[: len(payload) // 2] + b"\x00\xff<not-a-document"
        try:
            self.send(status, headers, payload)
        except OSError:
            self.close_connection = True

    def forward(self, body):
        connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=120)
        connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in self.headers.items():
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        payload = response.read()
        headers = {name: value for name, value in response.getheaders()
                   if name.lower() not in ("content-length", "connection", "transfer-encoding", "date", "server")}
        connection.close()
        return response.status, headers, payload

    def send_head(self, status, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def send(self, status, headers, payload):
        headers = dict(headers)
        headers["Content-Length"] = str(len(payload))
        self.send_head(status, headers)
        if self.command != "HEAD":
            self.wfile.write(payload)
        self.wfile.flush()

    def reset(self):
        """Closes the connection with a TCP reset (SO_LINGER 0), mid-exchange."""
        try:
            self.wfile.flush()
        except OSError:
            pass
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        try:
            self.connection.close()
        except OSError:
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
