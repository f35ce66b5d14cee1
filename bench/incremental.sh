#!/usr/bin/env bash
# Incremental builds on a generated site: after editing one record, and after ingesting one
# new 150-paper listing. Usage: bench/incremental.sh [SIZE] (default 10000); run bench/run.sh
# SIZE first, or this generates the corpus. Appends to $OUT/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
digest=${DIGEST:-$(pwd)/.build/release/digest}  # DIGEST=path: another build of it, for an A/B
out=${OUT:-bench/out}; mkdir -p "$out"; out=$(cd "$out" && pwd)
n=${1:-10000}
site="$out/site-$n"
[ -d "$site/content/papers" ] || bench/gen_corpus.py records "$n" "$site"
# The listings below are timed as new: a corpus that has either already (an ingest run by hand
# on it) would time a build with nothing added.
for name in new-listing.txt new-listing-2.txt; do
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
# the site it replaced, and the next rebuild starts from that (SiteStaging).
record=$(ls "$scratch/content/papers" | sort | sed -n 3p)
sed -i '0,/^title: "/s//title: "Edited: /' "$scratch/content/papers/$record"
edit2=$(seconds "$digest" build -C "$scratch" -o "$public"); edit2_files=$(grep -o 'incremental: [0-9]* of [0-9]*' "$out/last.txt")
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
bench/gen_corpus.py listing 150 "$out/new-listing.txt" --format poster-session --seed 99
ingest=$(seconds "$digest" ingest -C "$scratch" "$out/new-listing.txt" --today 2026-11-22)
add=$(seconds "$digest" build -C "$scratch" -o "$public"); add_files=$(grep -o 'incremental: [0-9]* of [0-9]*' "$out/last.txt")
# The generated records were never ingested, so that first ingest indexed them all
# (.digest-cache/records.bin); a second listing shows an ingest with the index in place.
bench/gen_corpus.py listing 150 "$out/new-listing-2.txt" --format daily-papers --seed 98
ingest2=$(seconds "$digest" ingest -C "$scratch" "$out/new-listing-2.txt" --today 2026-11-22)
# Its papers are dated, the newest of the site: they go first on the home page and its pages.
add2=$(seconds "$digest" build -C "$scratch" -o "$public"); add2_files=$(grep -o 'incremental: [0-9]* of [0-9]*' "$out/last.txt")
echo "| $n papers, incremental | full $full s · no change $noop s (the kernel's floor: $floor) · one record edited $edit s ($edit_files), another $edit2 s ($edit2_files) · one record's tags edited $tags s ($tags_files) · one record touched $touched s, every record copied anew $copied s · 150-paper listing: ingest $ingest s (a second one: $ingest2 s), build $add s ($add_files; after the second, dated one: $add2 s, $add2_files) |" | tee -a "$out/results.md"
rm -rf "$scratch"
