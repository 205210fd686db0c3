#!/usr/bin/env bash
# Scan benchmark: how long `rampart scan` takes, and how much memory it needs, on
# synthetic snapshots of growing size.
#
#   benchmarks/run_scan_benchmark.sh [SIZE ...]
#
# SIZE is a number of resources, optionally with a layout: 100000:2x3 means 100,000
# resources in 2 accounts x 3 regions. Without a layout, sizes up to 10,000 use
# 1 account x 2 regions and larger ones 2 accounts x 3 regions.
# Default sizes: 1000 10000 100000.
#
# For each size it generates a snapshot with generate_snapshot.py (cached under
# benchmarks/work/, which git ignores; regenerated when the generator changes), runs
#   rampart scan --snapshot DIR --format json --quiet
# under GNU time, prints a markdown table (resources, files, snapshot MB, wall seconds,
# CPU seconds (user + system), peak RSS MB, findings, generation seconds) and appends it, with the date and git commit, to
# benchmarks/results.md.
#
# Environment:
#   RAMPART_BIN    binary to measure (default: `swift build`, then the debug binary;
#                  a release build takes 15-25 minutes on this machine, so it is never
#                  built here: build it yourself and point RAMPART_BIN at it)
#   RUNS           scans per size (default 1); the table shows the median wall and CPU
#                  times and the largest peak RSS
#   INDENT         generate JSON indented like the AWS CLI (4) instead of compact
#   CLI_VERSION    1 (default) or 2: the AWS CLI's timestamp style
#   SEED           generator seed (default 20261129)
#   BUILD_RETRIES  how many times to retry a failing `swift build`, a minute apart (default 5)
#   NO_RESULTS=1   print the table only; do not append to results.md
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
work="$here/work"
results="$here/results.md"
generator="$here/generate_snapshot.py"
runs="${RUNS:-1}"
indent="${INDENT:-}"
cli_version="${CLI_VERSION:-1}"
seed="${SEED:-20261129}"
retries="${BUILD_RETRIES:-5}"

die() { echo "run_scan_benchmark: $*" >&2; exit 2; }

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
[[ -z "$indent" || "$indent" =~ ^[0-9]+$ ]] || die "INDENT must be a number, not '$indent'"
[[ "$cli_version" == 1 || "$cli_version" == 2 ]] || die "CLI_VERSION must be 1 or 2"
command -v python3 >/dev/null || die "python3 not found"

# ------------------------------------------------------------------ sizes
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 100000)
declare -a plan_n plan_a plan_r
for spec in "${sizes[@]}"; do
  if [[ "$spec" =~ ^([0-9]+)$ ]]; then
    n="${BASH_REMATCH[1]}"
    if (( n <= 10000 )); then a=1; r=2; else a=2; r=3; fi
  elif [[ "$spec" =~ ^([0-9]+):([0-9]+)x([0-9]+)$ ]]; then
    n="${BASH_REMATCH[1]}"; a="${BASH_REMATCH[2]}"; r="${BASH_REMATCH[3]}"
  else
    die "bad size '$spec' (expected N or N:ACCOUNTSxREGIONS, e.g. 100000:2x3)"
  fi
  plan_n+=("$n"); plan_a+=("$a"); plan_r+=("$r")
done

# ------------------------------------------------------------------ GNU time
gnu_time=/usr/bin/time
if ! "$gnu_time" --version 2>&1 | grep -q GNU; then
  echo "GNU time not found; installing the 'time' package" >&2
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q time >/dev/null 2>&1; }
  fi
  "$gnu_time" --version 2>&1 | grep -q GNU || die "GNU time is needed at /usr/bin/time (apt-get install time)"
fi

# ------------------------------------------------------------------ the binary
if [[ -n "${RAMPART_BIN:-}" ]]; then
  bin="$RAMPART_BIN"
  [[ -x "$bin" ]] || die "RAMPART_BIN=$bin is not an executable file"
  case "$bin" in
    *release*) label="release ($bin)" ;;
    *debug*) label="debug ($bin)" ;;
    *) label="$bin" ;;
  esac
else
  command -v swift >/dev/null || die "swift not found (or set RAMPART_BIN)"
  log="$(mktemp "${TMPDIR:-/tmp}/rampart-bench-build.XXXXXX")"
  attempt=1
  until (cd "$repo" && swift build --product rampart >"$log" 2>&1); do
    echo "swift build failed (attempt $attempt of $((retries + 1))); last lines:" >&2
    tail -n 15 "$log" >&2
    if (( attempt > retries )); then rm -f "$log"; die "swift build kept failing; fix the build or set RAMPART_BIN"; fi
    echo "retrying in 60 s (someone may be in the middle of an edit)" >&2
    sleep 60
    attempt=$((attempt + 1))
  done
  rm -f "$log"
  bin="$(cd "$repo" && swift build --show-bin-path)/rampart"
  [[ -x "$bin" ]] || die "swift build succeeded but $bin is missing"
  label="debug (.build/debug/rampart)"
fi

commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$commit" != unknown && -n "$(git -C "$repo" status --porcelain -- Sources Package.swift 2>/dev/null)" ]]; then
  commit="$commit + uncommitted changes in Sources"
fi

# ------------------------------------------------------------------ snapshots
mkdir -p "$work"
gen_hash="$(sha256sum "$generator" | cut -c1-10)"
style="$([[ -n "$indent" ]] && echo "indent$indent" || echo compact)-cli$cli_version"

# Prints the snapshot directory for N A R, generating it when it is not cached.
snapshot_for() {
  local n="$1" a="$2" r="$3"
  local stem="snap-${n}-${a}x${r}-seed${seed}-${style}"
  local dir="$work/$stem-$gen_hash"
  if [[ -d "$dir" && -f "$dir.stats.json" ]]; then
    echo "reusing $dir" >&2
  else
    # A snapshot from an older generator, or a half-written one, is stale.
    rm -rf "$work/$stem"-* "$dir.tmp"
    local args=(--accounts "$a" --regions "$r" --resources "$n" --seed "$seed" --cli-version "$cli_version"
                --output "$dir.tmp" --stats "$dir.tmp.stats.json")
    [[ -n "$indent" ]] && args+=(--indent "$indent")
    python3 "$generator" "${args[@]}" >&2 || { rm -rf "$dir.tmp" "$dir.tmp.stats.json"; return 1; }
    mv "$dir.tmp" "$dir" && mv "$dir.tmp.stats.json" "$dir.stats.json"
  fi
  echo "$dir"
}

stat_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# "h:mm:ss" or "m:ss.ss" -> seconds
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"; }

# ------------------------------------------------------------------ scans
load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
rows=()
failed=0
for i in "${!plan_n[@]}"; do
  n="${plan_n[$i]}"; a="${plan_a[$i]}"; r="${plan_r[$i]}"
  if ! dir="$(snapshot_for "$n" "$a" "$r")"; then
    rows+=("| $n | ${a} × ${r} | – | – | generator failed | – | – | – | – |")
    failed=1
    continue
  fi
  resources="$(stat_of "$dir.stats.json" resources)"
  files="$(stat_of "$dir.stats.json" files)"
  mb="$(awk -v b="$(stat_of "$dir.stats.json" bytes)" 'BEGIN { printf "%.1f", b / 1048576 }')"
  gen_s="$(stat_of "$dir.stats.json" seconds)"
  walls=(); cpus=(); peak_kb=0; findings="–"; error=""
  for run in $(seq 1 "$runs"); do
    echo "scanning $resources resources ($a account(s) x $r region(s), $files files, $mb MB), run $run of $runs" >&2
    tfile="$work/time.$$"; ofile="$work/findings.$$.json"; efile="$work/stderr.$$"
    # The findings go to a file (not /dev/null) so they can be counted; it is deleted after.
    "$gnu_time" -v -o "$tfile" "$bin" scan --snapshot "$dir" --format json --quiet >"$ofile" 2>"$efile"
    rc=$?
    wall="$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tfile")")"
    kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tfile")"
    user_s="$(sed -n 's/.*User time (seconds): //p' "$tfile")"
    sys_s="$(sed -n 's/.*System time (seconds): //p' "$tfile")"
    cpus+=("$(awk -v u="${user_s:-0}" -v s="${sys_s:-0}" 'BEGIN { printf "%.2f", u + s }')")
    signal="$(sed -n 's/.*Command terminated by signal \([0-9]*\).*/\1/p' "$tfile")"
    if [[ -n "$signal" ]] || (( rc != 0 && rc != 1 )); then
      error="exit $rc${signal:+, signal $signal}"
      echo "rampart scan failed ($error) on $dir; its stderr ends with:" >&2
      tail -n 20 "$efile" >&2
      failed=1
    else
      findings="$(grep -o '"checkId":' "$ofile" | wc -l | tr -d ' ')"
      if [[ -s "$efile" ]]; then echo "rampart wrote to stderr:" >&2; tail -n 5 "$efile" >&2; fi
    fi
    walls+=("$wall")
    (( ${kb:-0} > peak_kb )) && peak_kb="${kb:-0}"
    rm -f "$tfile" "$ofile" "$efile"
    [[ -n "$error" ]] && break
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }
  wall_median="$(median "${walls[@]}")"
  cpu_median="$(median "${cpus[@]}")"
  rss="$(awk -v k="$peak_kb" 'BEGIN { printf "%.0f", k / 1024 }')"
  if [[ -n "$error" ]]; then findings="error: $error"; fi
  rows+=("| $resources | ${a} × ${r} | $files | $mb | $wall_median | $cpu_median | $rss | $findings | $gen_s |")
done

# ------------------------------------------------------------------ report
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)"
mem_gb="$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
when="$(date -u '+%Y-%m-%d %H:%M UTC')"
load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
{
  echo "### $when — commit $commit — $label"
  echo
  echo "$(nproc) CPUs${cpu:+ ($cpu)}, ${mem_gb:-?} GB RAM; snapshots: $( [[ -n "$indent" ]] && echo "JSON indented $indent" || echo "compact JSON"), AWS CLI v$cli_version timestamps, seed $seed; $runs run(s) per size${load:+; load average $load_start at the start, $load at the end}."
  echo
  echo "| resources | accounts × regions | files | snapshot MB | wall s | CPU s | peak RSS MB | findings | generate s |"
  echo "|---:|:---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} >"$work/table.$$"
echo
cat "$work/table.$$"
if [[ -z "${NO_RESULTS:-}" ]]; then
  if [[ ! -f "$results" ]]; then
    printf '# Scan benchmark results\n\nAppended by `benchmarks/run_scan_benchmark.sh`; see benchmarks/README.md. MB = 2^20 bytes.\n' >"$results"
  fi
  { echo; cat "$work/table.$$"; } >>"$results"
  echo
  echo "appended to ${results#"$repo"/}"
fi
rm -f "$work/table.$$"
exit "$failed"
