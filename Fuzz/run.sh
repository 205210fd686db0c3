#!/usr/bin/env bash
# Builds the fuzz targets and runs each for SECONDS (default 30) from its committed seed corpus.
# Exits 1 when any target crashes; the input that crashed it is kept in Fuzz/.build-fuzz/artifacts/.
# New inputs libFuzzer finds go to a scratch corpus, so the committed one stays small.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-30}
Fuzz/build.sh
OUT=Fuzz/.build-fuzz
mkdir -p "$OUT/artifacts"
# Let libFuzzer, not Swift's backtracer, handle a trap, so it saves the input.
export SWIFT_BACKTRACE=enable=no
status=0
for target in json policy responses; do
    scratch=$(mktemp -d)
    echo "fuzz: $target for ${SECONDS_PER_TARGET} s"
    if ! "$OUT/fuzz-$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$OUT/artifacts/$target-" "$scratch" "Fuzz/corpus/$target" > "$OUT/$target.log" 2>&1; then
        echo "fuzz: $target crashed; see $OUT/$target.log and $OUT/artifacts/" >&2
        tail -30 "$OUT/$target.log" >&2
        status=1
    fi
    grep -E "^(Done|stat::number_of_executed_units)" "$OUT/$target.log" || true
    rm -rf "$scratch"
done
exit $status
