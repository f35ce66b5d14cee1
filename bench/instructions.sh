#!/usr/bin/env bash
# Instructions a clean build executes, counted by valgrind's callgrind: a measure that repeats
# to ~0.01% from run to run, where wall and CPU time on a shared 2-core VM move by 10–50% within
# minutes. For telling whether a change makes the build do less work, not how long it takes.
#   bench/instructions.sh [BINARY...]    default .build/release/digest; SIZE papers (default 2000)
# Prints each binary's total over the build's processes (the build and its render workers), in
# billions. Valgrind cannot read Swift's DWARF, so each binary is run with its debug info
# stripped (symbols kept, for callgrind_annotate on the profiles left in $OUT/callgrind.*).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh valgrind
out=${OUT:-bench/out}; mkdir -p "$out"; out=$(cd "$out" && pwd)
n=${SIZE:-2000}
site="$out/site-$n"
[ -d "$site/content/papers" ] || bench/gen_corpus.py records "$n" "$site" >/dev/null
binaries=("${@:-.build/release/digest}")
for binary in "${binaries[@]}"; do
  name=$(basename "$binary")
  stripped="$out/callgrind-bin.$name"
  strip --strip-debug -o "$stripped" "$binary"
  rm -rf "$out/callgrind-public" "$out/callgrind.$name".*
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$name.%p" \
    "$stripped" build --clean -C "$site" -o "$out/callgrind-public" 2>&1 >/dev/null \
    | awk -v n="$binary" '/Collected/ { s += $4 } END { printf "%s: %.3f billion instructions (%s papers, clean build)\n", n, s / 1e9, ENVIRON["SIZE"] ? ENVIRON["SIZE"] : 2000 }'
done
rm -rf "$out/callgrind-public"
