#!/usr/bin/env bash
# Builds Rampart's libFuzzer targets with swiftc, outside SwiftPM, so the normal build is untouched:
# the modules a target needs are compiled whole-module with coverage instrumentation
# (-sanitize=fuzzer), then each target is linked with libFuzzer's driver.
# Output: Fuzz/.build-fuzz/fuzz-{json,policy,responses}.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Fuzz/.build-fuzz
mkdir -p "$OUT"
FLAGS=(-sanitize=fuzzer -parse-as-library -Onone -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault -I "$OUT")

module() { # name, sources...
    local name=$1; shift
    swiftc "${FLAGS[@]}" -wmo -c -module-name "$name" -emit-module -emit-module-path "$OUT/$name.swiftmodule" "$@" -o "$OUT/$name.o"
}

module RampartTime Sources/RampartTime/*.swift
module RampartJSON Sources/RampartJSON/*.swift
module RampartAWSProtocols Sources/RampartAWSProtocols/*.swift Sources/RampartAWSProtocols/Generated/*.swift
# The policy parser is Policy/ and the wildcard matcher (it needs only RampartJSON).
module RampartIAM Sources/RampartIAM/Policy/*.swift Sources/RampartIAM/Catalog/WildcardPattern.swift

swiftc "${FLAGS[@]}" Fuzz/Targets/json.swift "$OUT/RampartJSON.o" -o "$OUT/fuzz-json"
swiftc "${FLAGS[@]}" Fuzz/Targets/policy.swift "$OUT/RampartIAM.o" "$OUT/RampartJSON.o" -o "$OUT/fuzz-policy"
swiftc "${FLAGS[@]}" Fuzz/Targets/responses.swift "$OUT/RampartAWSProtocols.o" "$OUT/RampartJSON.o" "$OUT/RampartTime.o" -o "$OUT/fuzz-responses"
echo "fuzz targets built in $OUT"
