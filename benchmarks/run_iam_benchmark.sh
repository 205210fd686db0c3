#!/usr/bin/env bash
# IAM engine benchmark: effective permissions of every principal, who-can, and exact
# decisions per second, on generated authorization-details files.
#
#   benchmarks/run_iam_benchmark.sh [PRINCIPALS ...]        (default: 200 2000 20000)
#
# For each size it generates `aws iam get-account-authorization-details`-shaped JSON with
# generate_authorization_details.py (cached under benchmarks/work/, which git ignores) and
# runs, under GNU time:
#   1. rampart iam what-can --authorization-details F --all --format json --debug
#      (parse the file, parse every policy once, every principal's effective permissions
#      over the 20k-action catalogue, write the JSON summary)
#   2. rampart iam who-can --authorization-details F --action iam:PassRole --format json --debug
#   3. rampart iam simulate-principal-policy --authorization-details F --policy-source-arn
#      <a user with groups> --action-names <1,000 actions> --resource-arns <100 ARNs> --debug
#      (100,000 exact decisions; the debug line gives decisions per second)
#   4. rampart iam escalations --authorization-details F --format json   (the escalation graph)
#   5. rampart iam sod --authorization-details F --format json           (segregation of duties)
# It prints a markdown table and appends it, with the date and commit, to
# benchmarks/iam-results.md.
#
# Environment:
#   RAMPART_BIN   binary to measure (default: release build in .build-release, built if missing)
#   NO_RESULTS=1  print only; do not append to iam-results.md
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
work="$here/work"
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(200 2000 20000)

bin="${RAMPART_BIN:-}"
if [ -z "$bin" ]; then
    (cd "$repo" && swift build -c release --product rampart --scratch-path .build-release >&2)
    bin="$repo/.build-release/release/rampart"
fi
kind="$( [[ "$bin" == *release* ]] && echo release || echo debug )"

measure() { # prints "wall_s rss_mb" for the command, its stderr debug line to $work/debug.txt
    local t="$work/time.txt"
    /usr/bin/time -f "%e %M" -o "$t" "$@" > /dev/null 2> "$work/debug.txt"
    awk '{printf "%s %.0f", $1, $2/1024}' "$t"
}

actions="$(python3 - "$repo" <<'PY'
import sys
lines = open(sys.argv[1] + "/Sources/RampartIAM/Generated/IAMActionCatalog.swift").read().splitlines()
service, out = None, []
for line in lines:
    if line.startswith("S\t"): service = line.split("\t")[1]
    elif line.startswith("A\t"): out.append(f"{service}:{line.split(chr(9))[1]}")
print(" ".join(out[::20][:1000]))
PY
)"
resources=""
for i in $(seq 1 100); do resources+=" arn:aws:s3:::bucket-$i/key arn:aws:iam::123456789012:role/app-$i-x"; done
resources="$(echo $resources | tr ' ' '\n' | head -100 | tr '\n' ' ')"

table="| principals | file MB | what-can --all wall s | peak RSS MB | load s | effective permissions s | who-can wall s | decisions/s | escalations wall s / MB | sod wall s / MB |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
    file="$work/auth-$n.json"
    if [ ! -f "$file" ] || [ "$here/generate_authorization_details.py" -nt "$file" ]; then
        python3 "$here/generate_authorization_details.py" "$n" "$file" >&2
    fi
    mb=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/2**20:.1f}')" "$file")
    read -r wall rss <<< "$(measure "$bin" iam what-can --authorization-details "$file" --all --format json --debug)"
    load=$(sed -n 's/.*load \([0-9.]*\) s.*/\1/p' "$work/debug.txt")
    eff=$(sed -n 's/.*principals in \([0-9.]*\) s.*/\1/p' "$work/debug.txt")
    read -r who _ <<< "$(measure "$bin" iam who-can --authorization-details "$file" --action iam:PassRole --format json --debug)"
    user=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(next(u['Arn'] for u in d['UserDetailList'] if u['GroupList']))" "$file")
    # shellcheck disable=SC2086
    measure "$bin" iam simulate-principal-policy --authorization-details "$file" --policy-source-arn "$user" \
        --action-names $actions --resource-arns $resources --debug > /dev/null
    rate=$(sed -n 's/.*(\([0-9]*\) per second).*/\1/p' "$work/debug.txt")
    read -r esc escmb <<< "$(measure "$bin" iam escalations --authorization-details "$file" --format json)"
    read -r sod sodmb <<< "$(measure "$bin" iam sod --authorization-details "$file" --format json)"
    table+="
| $n | $mb | $wall | $rss | $load | $eff | $who | $rate | $esc / $escmb | $sod / $sodmb |"
done

header="### $(date -u '+%Y-%m-%d %H:%M UTC') — commit $(git -C "$repo" rev-parse --short HEAD) — $kind ($bin)

$(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "$header"
echo
echo "$table"
if [ -z "${NO_RESULTS:-}" ]; then
    [ -f "$here/iam-results.md" ] || printf '# IAM engine benchmark results\n\nAppended by `benchmarks/run_iam_benchmark.sh`; see benchmarks/README.md. MB = 2^20 bytes.\n' > "$here/iam-results.md"
    printf '\n%s\n\n%s\n' "$header" "$table" >> "$here/iam-results.md"
fi
