#!/usr/bin/env bash
# Incremental builds on a generated site: after editing one record, and after ingesting one
# new 150-paper listing. Usage: bench/incremental.sh [SIZE] (default 10000); run bench/run.sh
# SIZE first, or this generates the corpus. Appends to $OUT/results.md.
# RUNS (default 5): how many records are edited, and how many listings added, one after
# another, each rebuilt and timed: their medians are the numbers, with the range beside.
set -euo pipefail
cd "$(dirname "$0")/.."
digest=${DIGEST:-$(pwd)/.build/release/digest}  # DIGEST=path: another build of it, for an A/B
out=${OUT:-bench/out}; mkdir -p "$out"; out=$(cd "$out" && pwd)
n=${1:-10000}
runs=${RUNS:-5}
site="$out/site-$n"
[ -d "$site/content/papers" ] || bench/gen_corpus.py records "$n" "$site"
# The listings below are timed as new: a corpus that has any already (an ingest run by hand
# on it) would time a build with nothing added.
for name in $(seq -f "posters-%g.txt" 1 "$runs") daily-papers.txt; do
  if [ -e "$site/content/listings/$name" ]; then
    echo "bench/incremental.sh: $site/content/listings/$name is there already: its papers would not be new; generate the corpus again" >&2
    exit 1
  fi
done
scratch="$out/incremental-$n"
# Hard links: edits and ingest replace files, never change them. `$site/.` so that a site
# that is a symbolic link is copied, not the link (edits would reach the corpus).
rm -rf "$scratch" && mkdir -p "$scratch" && cp -al "$site/." "$scratch/"
# No cache from builds of the corpus elsewhere: the first build here is a cold, full one.
rm -rf "$scratch/.digest-cache"
public="$scratch/public"
# A step that fails stops the script, saying why (a build out of disk space would time nothing).
seconds() {
  local start end; start=$(date +%s.%N)
  "$@" >"$out/last.txt" 2>&1 || { echo "bench/incremental.sh: failed: $*" >&2; cat "$out/last.txt" >&2; return 1; }
  end=$(date +%s.%N); python3 -c "print('%.2f' % ($end - $start))"
}
. bench/median.sh

full=$(seconds "$digest" build -C "$scratch" -o "$public")
noop=$(seconds "$digest" build -C "$scratch" -o "$public")
# What any rebuild costs the kernel here before it does anything: a stat per record and a look
# per output file (bench/floor.c), beside digest's own "no change".
${CC:-cc} -O2 -pthread -o "$out/floor" bench/floor.c
floor=$("$out/floor" "$scratch" "$public" "$(ls "$scratch"/.digest-cache/build-*.tsv)" 5)
# A path walk looks each name up in the kernel's table of names (dentries), whose chains grow
# with every file cached on the machine: on this VM kind the table has 131,072 buckets
# (`dhash_entries` on its kernel command line), and a second 100k site on the same tmpfs took
# the floor from 0.40–0.48 s to 1.01 s. Both counts are printed beside the floor.
dentries=$(cut -f1 /proc/sys/fs/dentry-state 2>/dev/null || echo "?")
buckets=$(dmesg 2>/dev/null | grep -o 'Dentry cache hash table entries: [0-9]*' | grep -o '[0-9]*$' || true)
buckets=${buckets%%$'\n'*}
floor="$floor; $dentries names cached, in ${buckets:-?} hash buckets"
record=$(ls "$scratch/content/papers" | sort | sed -n 2p)
sed -i '0,/^title: "/s//title: "Edited: /' "$scratch/content/papers/$record"
edit=$(seconds "$digest" build -C "$scratch" -o "$public"); edit_files=$(grep -o 'incremental: [0-9]* of [0-9]*' "$out/last.txt")
# The first rebuild after a full build links every unchanged file into a new folder; it keeps
# the site it replaced, and the next rebuild starts from that (SiteStaging): the edits after
# it, one record each (the 3rd, 4th, … by name), are the steady state, timed RUNS times.
edits=()
for k in $(seq 3 $((runs + 2))); do
  record=$(ls "$scratch/content/papers" | sort | sed -n ${k}p)
  sed -i '0,/^title: "/s//title: "Edited: /' "$scratch/content/papers/$record"
  edits+=("$(seconds "$digest" build -C "$scratch" -o "$public")"); edit2_files=$(grep -o 'incremental: [0-9]* of [0-9]*' "$out/last.txt")
done
edit2=$(median "${edits[@]}")
# Another record's tags: related papers are made from titles and abstracts only, and are
# taken from .digest-cache/related.bin.
record=$(grep -rl '^tags: \[[a-z]' "$scratch/content/papers" | sort | sed -n 4p)
sed -i '0,/^tags: \[/s//tags: [edited-tag, /' "$record"
tags=$(seconds "$digest" build -C "$scratch" -o "$public"); tags_files=$(grep -o 'incremental: [0-9]* of [0-9]*' "$out/last.txt")
# A record saved with the bytes it had (touched), then every record copied anew (a CI job's
# fresh clone beside its cached .digest-cache and site): new stamps, the same bytes.
touch "$scratch/content/papers/$(ls "$scratch/content/papers" | sort | sed -n 5p)"
touched=$(seconds "$digest" build -C "$scratch" -o "$public")
cp -r "$scratch/content/papers" "$scratch/content/papers.copy" && rm -rf "$scratch/content/papers" && mv "$scratch/content/papers.copy" "$scratch/content/papers"
copied=$(seconds "$digest" build -C "$scratch" -o "$public")
# 150-paper poster sessions (undated), RUNS of them, one after another, each ingested and
# built: the first after the edits above, the others each after a listing, as a site
# regenerated for every listing committed is.
adds=()
for k in $(seq 1 "$runs"); do
  bench/gen_corpus.py listing 150 "$out/posters-$k.txt" --format poster-session --seed $((98 + k))
  took=$(seconds "$digest" ingest -C "$scratch" "$out/posters-$k.txt" --today 2026-11-22)
  # The generated records were never ingested, so the first ingest indexed them all
  # (.digest-cache/records.bin); the second shows an ingest with the index in place.
  case $k in 1) ingest=$took ;; 2) ingest2=$took ;; esac
  adds+=("$(seconds "$digest" build -C "$scratch" -o "$public")"); add_files=$(grep -o 'incremental: [0-9]* of [0-9]*' "$out/last.txt")
done
add=$(median "${adds[@]}")
bench/gen_corpus.py listing 150 "$out/daily-papers.txt" --format daily-papers --seed 98
ingest3=$(seconds "$digest" ingest -C "$scratch" "$out/daily-papers.txt" --today 2026-11-22)
# Its papers are dated, the newest of the site: they go first on the home page and its pages.
add2=$(seconds "$digest" build -C "$scratch" -o "$public"); add2_files=$(grep -o 'incremental: [0-9]* of [0-9]*' "$out/last.txt")
echo "| $n papers, incremental | full $full s · no change $noop s (the kernel's floor: $floor) · one record edited $edit s ($edit_files), then one record at a time $edit2 (the last: $edit2_files) · one record's tags edited $tags s ($tags_files) · one record touched $touched s, every record copied anew $copied s · 150-paper listings one after another: ingest $ingest s (the second: ${ingest2:-–} s), build $add (each: ${adds[*]} s; the last: $add_files); a dated one after them: ingest $ingest3 s, build $add2 s ($add2_files) |" | tee -a "$out/results.md"
rm -rf "$scratch"
