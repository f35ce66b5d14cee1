#!/usr/bin/env bash
# Instructions a clean build executes, counted by valgrind's callgrind: a measure that repeats
# to ~0.01% from run to run, where wall and CPU time on a shared 2-core VM move by 10–50% within
# minutes. For telling whether a change makes the build do less work, not how long it takes.
#   bench/instructions.sh [BINARY...]    default .build/release/digest; SIZE papers (default 2000)
#   STAGE=ingest bench/instructions.sh   the same for ingesting the three 10,000-paper listings
#                                        `bench/run.sh` times (42 MB) into an empty site
#   STAGE=edit bench/instructions.sh     the same for a rebuild after one title edit, on a copy
#                                        built by the same binary (a full build and two edits,
#                                        run natively first, so that it starts as a steady
#                                        rebuild does: from the previous site, `SiteStaging`)
# Prints each binary's total over the run's processes (the build and its render workers), in
# billions. A forked worker's count starts from its parent's at the fork (callgrind carries its
# counters across `fork`), so a run that forks (a small site's build: `Workers.perCore`) counts
# the work before the fork once per worker more; binaries compared on one site fork alike. A
# 100k site renders on threads. Valgrind cannot read Swift's DWARF, so each binary is run with its debug info
# stripped (symbols kept, for callgrind_annotate on the profiles left in $OUT/callgrind.*).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh valgrind
out=${OUT:-bench/out}; mkdir -p "$out"; out=$(cd "$out" && pwd)
stage=${STAGE:-build}
n=${SIZE:-2000}
if [ "$stage" = ingest ]; then
  listings="$out/ingest/listings"  # as bench/run.sh makes them
  if [ ! -d "$listings" ]; then
    mkdir -p "$listings"
    for f in abstract-list daily-papers poster-session; do bench/gen_corpus.py listing 10000 "$listings/$f.txt" --format "$f" --seed 7; done
  fi
  what="ingest of the 10k×3 listings"
elif [ "$stage" = edit ]; then
  site="$out/site-$n"
  [ -d "$site/content/papers" ] || bench/gen_corpus.py records "$n" "$site" >/dev/null
  what="$n papers, one title edited"
else
  site="$out/site-$n"
  [ -d "$site/content/papers" ] || bench/gen_corpus.py records "$n" "$site" >/dev/null
  what="$n papers, clean build"
fi
binaries=("${@:-.build/release/digest}")
for binary in "${binaries[@]}"; do
  name=$(basename "$binary")
  stripped="$out/callgrind-bin.$name"
  strip --strip-debug -o "$stripped" "$binary"
  rm -rf "$out/callgrind-public" "$out/callgrind-site" "$out/callgrind.$name".*
  if [ "$stage" = ingest ]; then
    mkdir -p "$out/callgrind-site"
    command=("$stripped" ingest -C "$out/callgrind-site" "$listings" --today 2026-11-22)
  elif [ "$stage" = edit ]; then
    # Hard links: an edit replaces its record's file (`sed -i`), never changes the corpus's.
    copy="$out/callgrind-site"
    mkdir -p "$copy" && cp -al "$site/." "$copy/" && rm -rf "$copy/.digest-cache"
    edit() { local record; record=$(ls "$copy/content/papers" | sort | sed -n "$1p"); sed -i '0,/^title: "/s//title: "Edited: /' "$copy/content/papers/$record"; }
    "$stripped" build -C "$copy" -q
    for k in 2 3; do edit $k; "$stripped" build -C "$copy" -q; done
    edit 4
    command=("$stripped" build -C "$copy" -q)
  else
    command=("$stripped" build --clean -C "$site" -o "$out/callgrind-public")
  fi
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$name.%p" "${command[@]}" 2>&1 >/dev/null \
    | awk -v n="$binary" -v what="$what" '/Collected/ { s += $4 } END { printf "%s: %.3f billion instructions (%s)\n", n, s / 1e9, what }'
done
rm -rf "$out/callgrind-public" "$out/callgrind-site"
