#!/usr/bin/env bash
# Regenerate the Rampart demo snapshot from a local moto server.
#
#   Examples/demo-generator/generate.sh [OUTPUT_DIR]     (default: Examples/demo-snapshot)
#
# Starts moto_server on 127.0.0.1 (a free port), seeds the "Acme Payments"
# account with seed.py (boto3), collects it with dump.py (the AWS CLI), and
# moves the result into OUTPUT_DIR only when everything succeeded.
# Needs: moto[server] (moto_server), boto3, awscli, python3. Uses fake
# credentials only and talks to nothing but 127.0.0.1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-Examples/demo-snapshot}"
case "$out" in /*) ;; *) out="$repo/$out" ;; esac

for tool in moto_server aws python3 curl; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool not found (pip install 'moto[server]' boto3 awscli)" >&2; exit 2; }
done

# Fake credentials, no profile or config from the user's environment.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE AWS_ENDPOINT_URL
unset HTTP_PROXY HTTPS_PROXY ALL_PROXY http_proxy https_proxy all_proxy

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
endpoint="http://127.0.0.1:$port"
work="$(mktemp -d "${TMPDIR:-/tmp}/rampart-demo.XXXXXX")"
moto_pid=""

cleanup() {
  if [[ -n "$moto_pid" ]] && kill -0 "$moto_pid" 2>/dev/null; then
    kill "$moto_pid" 2>/dev/null || true
    wait "$moto_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$(date +%s)
echo "Starting moto_server on $endpoint (log: $work/moto.log)"
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_AMIS_PATH="$here/amis.json" MOTO_ACM_VALIDATION_WAIT=0 \
  moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$endpoint/moto-api/data.json" 2>/dev/null; then break; fi
  if ! kill -0 "$moto_pid" 2>/dev/null; then
    echo "generate.sh: moto_server exited early:" >&2; cat "$work/moto.log" >&2; exit 1
  fi
  sleep 0.5
done
curl -fsS -o /dev/null "$endpoint/moto-api/data.json" || { echo "generate.sh: moto_server did not answer" >&2; exit 1; }

# Fixed random seed: moto then hands out the same ids on every run, so a
# regenerated snapshot differs from the committed one only in timestamps.
curl -fsS -o /dev/null -X POST "$endpoint/moto-api/seed?a=20261129"

python3 "$here/seed.py" "$endpoint"
python3 "$here/dump.py" "$endpoint" "$work/snapshot"

# Move into place only now that everything succeeded.
mkdir -p "$(dirname "$out")"
staged="$(mktemp -d "$(dirname "$out")/.demo-snapshot.new.XXXXXX")"
cp -R "$work/snapshot/." "$staged/"
chmod 755 "$staged"
if [[ -e "$out" ]]; then
  old="$(mktemp -d "$(dirname "$out")/.demo-snapshot.old.XXXXXX")"
  mv "$out" "$old/previous"
  mv "$staged" "$out"
  rm -rf "$old"
else
  mv "$staged" "$out"
fi
echo "Snapshot written to $out ($(du -sh "$out" | cut -f1)) in $(( $(date +%s) - start ))s"
