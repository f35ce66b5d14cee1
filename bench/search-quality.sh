#!/usr/bin/env bash
# Search relevance and cost, digest against Pagefind, on the sample site and the benchmark corpora.
#   bench/search-quality.sh [SIZE...]   sizes as in bench/run.sh (default 10000)
# Env: QUERIES (per kind, default 200), OUT (default bench/out). Prints Markdown tables
# (bench/search_quality.py says what is measured); asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
digest=$(pwd)/.build/release/digest
out=${OUT:-bench/out}; mkdir -p "$out"
test -x .venv/bin/python || python3 -m venv .venv
.venv/bin/python -c "import pagefind_bin" 2>/dev/null || .venv/bin/pip install -q "pagefind[bin]"
.venv/bin/python -c "import selenium" 2>/dev/null || .venv/bin/pip install -q -r Tests/browser/requirements.txt

# label, site folder: a clean build (its `search index` stage timed), then the harness.
quality() {
  rm -rf "$out/search-$1"
  ms=$("$digest" build -C "$2" -o "$out/search-$1" --clean --verbose 2>&1 | sed -n 's/.*search index \([0-9]*\) ms.*/\1/p')
  .venv/bin/python bench/search_quality.py "$out/search-$1" --queries "${QUERIES:-200}" --label "$1" \
    --digest-index-seconds "$(awk -v ms="$ms" 'BEGIN { print ms / 1000 }')"
}
quality sample .
for n in "${@:-10000}"; do
  site="$out/site-$n"
  [ -d "$site/content/papers" ] || bench/gen_corpus.py records "$n" "$site"
  quality "$n" "$site"
done
