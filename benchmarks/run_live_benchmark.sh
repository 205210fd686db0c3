#!/usr/bin/env bash
# Live collection benchmark: seeds the demo company into a local moto server (127.0.0.1 only),
# runs `rampart collect` against it, and appends wall time, requests and calls to results.md.
# Usage: benchmarks/run_live_benchmark.sh   (RAMPART_BIN overrides the binary; default .build/debug/rampart)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${RAMPART_BIN:-$root/.build/debug/rampart}"
[ -x "$bin" ] || (cd "$root" && swift build --product rampart)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
trap 'kill "$moto" 2>/dev/null || true; rm -rf "$work"' EXIT
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_AMIS_PATH="$root/Examples/demo-generator/amis.json" \
    MOTO_RECORDER_FILEPATH="$work/recording" moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.2; done
python3 "$root/Examples/demo-generator/seed.py" "http://127.0.0.1:$port" >"$work/seed.log"
start=$(date +%s.%N)
"$bin" collect --endpoint-url "http://127.0.0.1:$port" --region us-east-1 --region eu-west-1 \
    --output "$work/snapshot" --max-rate 1000 2>"$work/collect.log"
end=$(date +%s.%N)
summary=$(grep "collected" "$work/collect.log")
files=$(find "$work/snapshot" -type f | wc -l)
line="| $(date -u +%Y-%m-%dT%H:%MZ) | $(git -C "$root" rev-parse --short HEAD) | $(basename "$bin") | $(printf '%.1f' "$(echo "$end - $start" | bc)") | $files | ${summary#rampart: } |"
echo "$line"
{
    grep -q "^## Live collection" "$root/benchmarks/results.md" || printf '\n## Live collection (demo company on moto, 2 regions)\n\n| when | commit | binary | wall s | files | summary |\n|---|---|---|---:|---:|---|\n'
    echo "$line"
} >> "$root/benchmarks/results.md"
