#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets with AddressSanitizer and runs each for
# FUZZ_SECONDS (default 60), seeded with the real listings and records. New inputs collect in
# .build-fuzz/corpus/<target>; a crash is saved in .build-fuzz/findings/<target>/ and makes
# this script fail. Keep each finding in Tests/fuzz-findings/<target>/ (a unit test replays
# them all). FUZZ_TARGETS picks targets; FUZZ_JOBS runs that many at once (default 2).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=(${FUZZ_TARGETS:-AbstractList DailyPapers PosterSession FrontMatter})
swift build --package-path Fuzz -c release --build-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -v "Cannot export local symbol" | grep -E "error|Compiling|Build" 
run() {
  local t=$1 corpus=.build-fuzz/corpus/$1 findings=.build-fuzz/findings/$1
  mkdir -p "$corpus" "$findings"
  # Parsers get real listings cut to 8 KB (a dozen papers: fast runs that still have every
  # line shape); the front-matter reader gets the sample's 505 records.
  local seeds=content/listings max_len=8192
  [ "$t" = FrontMatter ] && seeds=content/papers max_len=4096
  DIGEST_FUZZ_TARGET=$t .build-fuzz/release/DigestFuzz "$corpus" "$seeds" "Tests/fuzz-findings/$t" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$findings/" -print_final_stats=1 > ".build-fuzz/$t.log" 2>&1
  local status=$?
  local runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' ".build-fuzz/$t.log" | grep -o '[0-9]*$')
  echo "$t: ${runs:-?} executions in ${seconds} s, exit $status$( [ $status = 0 ] || echo " — see .build-fuzz/$t.log and $findings/")"
  return $status
}
failed=0
for ((i = 0; i < ${#targets[@]}; i += ${FUZZ_JOBS:-2})); do
  pids=()
  for t in "${targets[@]:i:${FUZZ_JOBS:-2}}"; do run "$t" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
done
exit $failed
