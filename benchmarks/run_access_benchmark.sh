#!/usr/bin/env bash
# `rampart access` over a snapshot with many resource policies (issue 19): wall time and peak RSS.
#
#   benchmarks/run_access_benchmark.sh [POLICIES]      (default 10000)
#
# RAMPART_BIN: the binary to measure (default .build/debug/rampart; say which build you measured).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
n="${1:-10000}"
bin="${RAMPART_BIN:-$repo/.build/debug/rampart}"
dir="$here/work/access-$n"
python3 "$here/generate_access_snapshot.py" --policies "$n" --output "$dir"
/usr/bin/time -f "wall %e s, cpu %U+%S s, peak RSS %M KB" "$bin" access --snapshot "$dir" --format json --quiet >"$dir.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d), 'entries;', sum(e['access']=='public' for e in d), 'public;', sum(e['access']=='unknown' for e in d), 'unknown')" "$dir.json"
