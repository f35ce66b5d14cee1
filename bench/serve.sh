#!/usr/bin/env bash
# `digest serve` on a generated site: how long from a record written to the rebuilt site (the
# build's summary in serve's log), one record at a time, and the CPU serve takes while nothing
# changes. Usage: bench/serve.sh [SIZE] (default 10000); the corpus as bench/incremental.sh
# makes it. RUNS (default 5) edits; their median is the number. Appends to $OUT/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/median.sh
digest=${DIGEST:-$(pwd)/.build/release/digest}
out=${OUT:-bench/out}; mkdir -p "$out"; out=$(cd "$out" && pwd)
n=${1:-10000}
runs=${RUNS:-5}
site="$out/site-$n"
[ -d "$site/content/papers" ] || bench/gen_corpus.py records "$n" "$site"
scratch="$out/serve-$n"
rm -rf "$scratch" && mkdir -p "$scratch" && cp -al "$site/." "$scratch/" && rm -rf "$scratch/.digest-cache"
log="$out/serve.log"
"$digest" serve -C "$scratch" --port 0 > "$log" 2>&1 & server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$scratch"' EXIT
for _ in $(seq 1 600); do grep -q '^serving ' "$log" && break; sleep 0.5; done
grep -q '^serving ' "$log" || { echo "bench/serve.sh: serve did not start" >&2; cat "$log" >&2; exit 1; }
# After its first (full) build serve keeps a spare copy of the site for the next build to
# start from (SiteStaging.keepSpare): the edits are timed once it is made (its folder is there).
for _ in $(seq 1 600); do ls -d "$scratch"/.digest-cache/.serve.previous* >/dev/null 2>&1 && break; sleep 0.5; done
sleep 2
builds() { grep -c '^incremental\|^full build\|^nothing written' "$log" || true; }
# CPU ticks (utime + stime, in 1/100 s) serve took over 10 s with nothing changing.
ticks() { awk '{print $14 + $15}' /proc/$server/stat; }
before=$(ticks); sleep 10; idle=$(( $(ticks) - before ))
edits=()
for k in $(seq 2 $((runs + 1))); do
  record=$(ls "$scratch/content/papers" | sort | sed -n ${k}p)
  seen=$(builds); start=$(date +%s.%N)
  sed -i '0,/^title: "/s//title: "Edited: /' "$scratch/content/papers/$record"
  for _ in $(seq 1 3000); do [ "$(builds)" -gt "$seen" ] && break; sleep 0.01; done
  [ "$(builds)" -gt "$seen" ] || { echo "bench/serve.sh: no build after an edit" >&2; cat "$log" >&2; exit 1; }
  end=$(date +%s.%N); edits+=("$(python3 -c "print('%.2f' % ($end - $start))")")
  sleep 1
done
edit=$(median "${edits[@]}")
last=$(grep -o 'incremental: [0-9]* of [0-9]*' "$log" | tail -1)
echo "| $n papers, digest serve | one record edited, written to rebuilt: $edit (each: ${edits[*]} s; the last: $last) · idle: $idle of 1000 ticks of CPU in 10 s |" | tee -a "$out/results.md"
