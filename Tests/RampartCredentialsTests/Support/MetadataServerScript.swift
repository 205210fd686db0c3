/// The local stand-in for the container endpoint and instance metadata, as a Python script
/// the tests write to a temporary file and run (kept here, not as a `.py` file, so the test
/// target has no unhandled resources).
enum MetadataServerScript {
    static let source = #"""
#!/usr/bin/env python3
"""A small local stand-in for the credential endpoints Rampart reads, for its tests.

    metadata_server.py ecs  --path /v2/credentials/abc [--token TOKEN] [--expiration ISO]
    metadata_server.py imds --role NAME [--expiration ISO]
    metadata_server.py silent

It listens on 127.0.0.1 at a free port and prints that port on its first line.

ecs:    GET --path answers credential JSON when the Authorization header equals --token
        (401 otherwise; any header is accepted when no --token is given).
imds:   IMDSv2 only: PUT /latest/api/token (with X-aws-ec2-metadata-token-ttl-seconds) gives a
        session token; GET /latest/meta-data/iam/security-credentials/[ROLE] answers 401
        without that token.
silent: accepts connections and never answers (to test timeouts).

GET /_log answers the requests seen so far as JSON: [{"method", "path", "authorization",
"imdsToken"}], where the last two say whether the header was present.
Each credential answer has a new AccessKeyId (ASIALOCAL0001, ASIALOCAL0002, ...).
"""

import argparse
import json
import secrets
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = None
log = []
lock = threading.Lock()
issued = {"count": 0}
imds_tokens = set()


def credentials_document(code=False):
    with lock:
        issued["count"] += 1
        number = issued["count"]
    document = {
        "AccessKeyId": "ASIALOCAL%04d" % number,
        "SecretAccessKey": "local-secret-%04d" % number,
        "Token": "local-session-token-%04d" % number,
        "Expiration": args.expiration,
    }
    if code:
        document = {"Code": "Success", "LastUpdated": "2026-01-01T00:00:00Z", "Type": "AWS-HMAC", **document}
    return document


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def record(self):
        with lock:
            log.append({
                "method": self.command,
                "path": self.path,
                "authorization": self.headers.get("Authorization") is not None,
                "imdsToken": self.headers.get("X-aws-ec2-metadata-token") is not None,
            })

    def answer(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_log":
            with lock:
                return self.answer(200, json.dumps(log))
        self.record()
        if args.mode == "ecs":
            if self.path != args.path:
                return self.answer(404, '{"message": "not found"}')
            if args.token is not None and self.headers.get("Authorization") != args.token:
                return self.answer(401, '{"message": "bad authorization"}')
            return self.answer(200, json.dumps(credentials_document()))
        if args.mode == "imds":
            if self.headers.get("X-aws-ec2-metadata-token") not in imds_tokens:
                return self.answer(401, "", "text/plain")
            base = "/latest/meta-data/iam/security-credentials/"
            if self.path == base:
                return self.answer(200, args.role, "text/plain")
            if self.path == base + args.role:
                return self.answer(200, json.dumps(credentials_document(code=True)))
            return self.answer(404, "", "text/plain")
        self.answer(404, "")

    def do_PUT(self):
        self.record()
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if args.mode == "imds" and self.path == "/latest/api/token":
            if not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
                return self.answer(400, "", "text/plain")
            token = secrets.token_hex(16)
            with lock:
                imds_tokens.add(token)
            return self.answer(200, token, "text/plain")
        self.answer(404, "")


def silent():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)
    held = []
    while True:
        connection, _ = listener.accept()
        held.append(connection)  # never answered, never closed


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["ecs", "imds", "silent"])
    parser.add_argument("--path", default="/v2/credentials/test")
    parser.add_argument("--token")
    parser.add_argument("--role", default="rampart-instance-role")
    parser.add_argument("--expiration", default="2099-01-01T00:00:00Z")
    args = parser.parse_args()
    if args.mode == "silent":
        return silent()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
"""#
}
