#!/usr/bin/env bash
# Generates 1,000 synthetic templates and times `rampart scan --template` over the folder.
# Usage: benchmarks/iac/run.sh [path/to/rampart] [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
rampart="${1:-.build/debug/rampart}"
count="${2:-1000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
python3 benchmarks/iac/generate.py "$dir" "$count"
start=$(date +%s.%N)
"$rampart" scan --template "$dir" --format json --no-store --quiet > "$dir/findings.json" || [ $? -eq 1 ]
end=$(date +%s.%N)
echo "$count templates: $(python3 -c "print(round($end - $start, 2))") s, $(python3 -c "import json; print(len(json.load(open('$dir/findings.json'))))") findings"
