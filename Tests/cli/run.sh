#!/usr/bin/env bash
# The `digest` command as a user runs it: exit codes, messages and files on disk.
# Usage: Tests/cli/run.sh path/to/digest
set -uo pipefail
digest=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
fingerprint() { (cd "$1/content/papers" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum; }

site=$work/site
mkdir -p "$site/content/listings"
cp "$repo"/content/listings/*.txt "$site/content/listings/"
cp "$repo/digest.yml" "$site/"

out=$("$digest" ingest -C "$site" --today 2026-11-22); status=$?
check "ingest of the sample exits 0" test $status -eq 0
check "ingest reports 505 distinct papers" grep -q "^505 distinct papers from 5 listings" <<<"$out"
check "ingest explains the inferred year" grep -q "year 2025 inferred" <<<"$out"
check "ingest warns with file:line" grep -q "002_399c9b84d8821e2e.txt:186: warning:" <<<"$out"
check "the sample's committed records are what ingest writes" diff -r -q "$repo/content/papers" "$site/content/papers"

before=$(fingerprint "$site")
out=$("$digest" ingest -C "$site" --today 2026-11-22); status=$?
check "re-ingest exits 0" test $status -eq 0
check "re-ingest writes nothing" grep -q "0 records written" <<<"$out"
check "re-ingest changes no byte" test "$before" = "$(fingerprint "$site")"
check "re-ingest with nothing changed parses nothing" grep -q "^Nothing changed since the last ingest" <<<"$out"
out=$("$digest" ingest -C "$site" --today 2026-11-22 --no-cache); status=$?
check "re-ingest with --no-cache parses again, writes nothing" grep -q "^505 distinct papers from 5 listings; 0 records written" <<<"$out"
check "re-ingest with --no-cache changes no byte" test "$before" = "$(fingerprint "$site")"
out=$("$digest" ingest -C "$site" --today 2026-11-22 --no-cache --verbose)
check "ingest --verbose names the papers merged across listings" grep -q "^Merged across listings:" <<<"$out"
check "ingest without --verbose does not" bash -c "! '$digest' ingest -C '$site' --today 2026-11-22 --no-cache | grep -q 'Merged across'"

echo "this is not a listing" > "$site/content/listings/zz_junk.txt"
out=$("$digest" ingest -C "$site" --today 2026-11-22 2>&1); status=$?
check "a junk listing makes ingest exit 1" test $status -eq 1
check "the junk listing is named" grep -q "zz_junk.txt: error: not a listing" <<<"$out"
check "the junk listing changes no record" test "$before" = "$(fingerprint "$site")"
rm "$site/content/listings/zz_junk.txt"
# A listing saved by Notepad as "Unicode" (UTF-16 with a byte order mark) is the same listing.
poster="$site/content/listings/002_399c9b84d8821e2e.txt"
cp "$poster" "$work/poster.txt" && iconv -f UTF-8 -t UTF-16 "$work/poster.txt" > "$poster"
out=$("$digest" ingest -C "$site" --today 2026-11-22 2>&1); status=$?
check "a listing saved as UTF-16 ingests, exit 0" test $status -eq 0
check "and ingest says what it was read as" grep -q "002_399c9b84d8821e2e.txt: warning: read as UTF-16LE, not UTF-8 (its byte order mark says so)" <<<"$out"
check "and its records are byte for byte those of its UTF-8" test "$before" = "$(fingerprint "$site")"
cp "$work/poster.txt" "$poster"
# A listing saved again over itself with a grown upvote count: the record takes it, and back.
hf="$site/content/listings/004_6d046406d792592b.txt"; pitfall="$site/content/papers/a-common-pitfall-of-margin-based-language-model-alignment-gradient-entanglement.md"
cp "$hf" "$work/hf.txt" && sed -i 's/^Oct 17, 2024 2$/Oct 17, 2024 57/' "$hf"
out=$("$digest" ingest -C "$site" --today 2026-11-22 2>&1)
check "a listing saved again updates the record whose value it changed" grep -q '^upvotes: 57$' "$pitfall"
check "and writes that record only" grep -q '^505 distinct papers from 5 listings; 1 record written' <<<"$out"
cp "$work/hf.txt" "$hf" && "$digest" ingest -C "$site" --today 2026-11-22 >/dev/null 2>&1
check "saved back, the records are byte for byte as before" test "$before" = "$(fingerprint "$site")"
# A listing renamed is the same listing: its records' sources follow the name, there and back.
mv "$site/content/listings/002_399c9b84d8821e2e.txt" "$site/content/listings/iclr-2024-posters.txt"
out=$("$digest" ingest -C "$site" --today 2026-11-22 2>&1); status=$?
check "ingest of a renamed listing exits 0" test $status -eq 0
check "ingest says the listing was renamed" grep -q "^  renamed from 002_399c9b84d8821e2e.txt: the sources of its records now name iclr-2024-posters.txt" <<<"$out"
check "ingest says the old name's settings stay with it" grep -q "settings for \`002_399c9b84d8821e2e.txt\` apply to that name only: rename them to \`iclr-2024-posters.txt\` too" <<<"$out"
check "no record names the old listing" bash -c "! grep -rq '{listing: 002_399c9b84d8821e2e.txt,' '$site/content/papers'"
out=$("$digest" check -C "$site")
check "check warns of settings for a listing not there" grep -q "digest.yml:10: warning: settings for \`002_399c9b84d8821e2e.txt\`, which is not in content/listings/" <<<"$out"
mv "$site/content/listings/iclr-2024-posters.txt" "$site/content/listings/002_399c9b84d8821e2e.txt"
"$digest" ingest -C "$site" --today 2026-11-22 >/dev/null 2>&1
check "renamed back, the records are byte for byte as before" test "$before" = "$(fingerprint "$site")"
# A listing removed: said, its records kept; --prune takes them off; put back, as before.
mv "$hf" "$work/hf-removed.txt"
out=$("$digest" ingest -C "$site" --today 2026-11-22 2>&1); status=$?
check "ingest with a listing removed exits 0 and says so" test $status -eq 0 -a -n "$(grep "004_6d046406d792592b.txt: not there, named by 57 records, 56 of them no listing that is there; their papers stay on the site" <<<"$out")"
check "and keeps its records" test "$before" = "$(fingerprint "$site")"
out=$("$digest" ingest -C "$site" --today 2026-11-22 --prune --dry-run 2>&1)
check "ingest --prune --dry-run says what it would delete, and deletes nothing" test -n "$(grep ': not there: 56 records would be deleted, 1 record would no longer name it (--prune)' <<<"$out")" -a "$before" = "$(fingerprint "$site")"
out=$("$digest" ingest -C "$site" --today 2026-11-22 --prune 2>&1)
check "ingest --prune deletes the records naming only the removed listing" test "$(ls "$site/content/papers" | wc -l)" -eq 449 -a -n "$(grep ': not there: 56 records deleted, 1 record no longer names it (--prune)' <<<"$out")"
check "and no record names it" bash -c "! grep -rq '{listing: 004_6d046406d792592b.txt,' '$site/content/papers'"
mv "$work/hf-removed.txt" "$hf" && "$digest" ingest -C "$site" --today 2026-11-22 >/dev/null 2>&1
check "put back, the records are byte for byte as before" test "$before" = "$(fingerprint "$site")"
mkdir -p "$work/one" "$work/two"
cp "$repo/content/listings/000_73e087a1ebbecbfe.txt" "$work/one/same-name.txt"
cp "$repo/content/listings/002_399c9b84d8821e2e.txt" "$work/two/same-name.txt"
mkdir -p "$work/names/content/listings" && cp "$repo/digest.yml" "$work/names/"
out=$("$digest" ingest -C "$work/names" --today 2026-11-22 "$work/one/same-name.txt" "$work/two/same-name.txt" 2>&1); status=$?
check "two different listings of one name make ingest exit 1" test $status -eq 1
check "and the second is named" grep -q "two/same-name.txt: error: another listing named same-name.txt is read already" <<<"$out"

out=$("$digest" ingest -C "$site" --year 0 2>&1); status=$?
check "ingest --year 0 is a usage error, before anything is read" test $status -eq 2 -a "$out" = "digest: --year takes a year of four digits, like 2024, not 0 (see \`digest ingest --help\`)"
"$digest" ingest --no-such-option >/dev/null 2>&1; status=$?
check "a usage error exits 2" test $status -eq 2
out=$("$digest" ingest --no-such-option 2>&1)
check "a usage error is one line naming the help to read" test "$out" = "digest: Unknown option '--no-such-option' (see \`digest ingest --help\`)"
out=$("$digest" build -C "$site" -o "$work/quiet" --quiet); status=$?
check "build --quiet prints nothing when nothing is wrong" test $status -eq 0 -a -z "$out"
out=$("$digest" build -C "$site" -o "$work/quiet" --verbose --clean)
check "build --verbose prints each stage's time" grep -q '^load [0-9]* ms · model' <<<"$out"
out=$("$digest" build -C "$site" -o "$work/quiet" --verbose)
check "a build with nothing changed since reads no record" grep -q '^inputs unchanged [0-9]* ms$' <<<"$out"
check "build without --verbose does not" bash -c "! '$digest' build -C '$site' -o '$work/quiet' | grep -q ' ms$'"
out=$(cd "$work" && "$digest" build -C "$site" -o x 2>&1); status=$?
check "build -o with a one-letter folder builds there" test $status -eq 0 -a -f "$work/x/index.html"
out=$("$digest" build -C "$work/no-such-site" 2>&1); status=$?
check "build -C a folder that is not there exits 1, makes nothing" test $status -eq 1 -a ! -e "$work/no-such-site"
check "and says so" grep -q "no-such-site: error: no such folder" <<<"$out"
# A build replaces its output folder whole: an -o naming the records, the site or a folder of
# the user's is refused before anything is written.
before=$(fingerprint "$site")
out=$("$digest" build -C "$site" -o "$site/content" 2>&1); status=$?
check "build -o content exits 1" test $status -eq 1
check "and says the folder is the site's content" grep -q "content: error: is the site's content folder" <<<"$out"
check "and leaves every record as it was" test "$before" = "$(fingerprint "$site")"
out=$(cd "$site" && "$digest" build -o .. 2>&1); status=$?
check "build -o with the site's parent folder is refused" test $status -eq 1 -a -d "$site/content/papers"
mkdir -p "$work/mine" && echo keep > "$work/mine/notes.txt"
out=$("$digest" build -C "$site" -o "$work/mine" 2>&1); status=$?
check "build -o with a folder of other files is refused" grep -q "mine: error: holds files that no build of a site wrote" <<<"$out"
check "and keeps them" test $status -eq 1 -a "$(cat "$work/mine/notes.txt")" = keep
cp -r "$work/x" "$work/copied-site" && echo old > "$work/copied-site/stale.txt"
check "build -o with a folder a build wrote replaces it" bash -c "'$digest' build -C '$site' -o '$work/copied-site' >/dev/null && test ! -e '$work/copied-site/stale.txt'"
# A CI job's fresh clone: the same digest (copied: a new inode and times) and every record
# copied anew, beside the cache and site the last job left. Nothing is made again.
cp "$digest" "$work/digest-copy" && cp -r "$site/content/papers" "$work/papers" && rm -rf "$site/content/papers" && mv "$work/papers" "$site/content/papers"
out=$("$work/digest-copy" build -C "$site" -o "$work/quiet" --verbose)
check "the same digest and records copied anew make nothing again" grep -q '^records as they were [0-9]* ms$' <<<"$out"
check "and rewrite no file" grep -q '^incremental: 0 of [0-9]* files rewritten, 0 removed$' <<<"$out"
rm "$work/digest-copy"
mkdir -p "$work/colour/content/papers" && printf -- '---\ntitle: "A"\nnotes: x\n---\n' > "$work/colour/content/papers/a.md"
check "a warning is coloured on a terminal" grep -q $'\e\[1;33mwarning' <(script -qec "'$digest' check -C '$work/colour'" /dev/null)
check "a pipe gets no colour" grep -q '^.*a.md:3: warning: unknown field' <("$digest" check -C "$work/colour")
check "NO_COLOR turns colour off on a terminal" bash -c "! script -qec \"NO_COLOR=1 '$digest' check -C '$work/colour'\" /dev/null | grep -q \$'\\e'"
# A long build says on a terminal what it is doing, on one line that each stage overwrites
# and that is cleared before the summary; a log (not a terminal) gets none of it.
on_terminal() { script -qec "$1" /dev/null | tr '\r' '\n' >"$work/progress.txt"; }
progress_line() { grep -q $'^\e\[K'"$1" "$work/progress.txt"; }  # progress_line REGEX
on_terminal "'$digest' build -C '$site' -o '$work/progress' --clean"
for line in "loading 505 records" "relating 505 papers" "indexing 505 papers for search" "rendering 0% of [0-9]* pages" \
            "putting the new site in place"; do
  check "a build on a terminal shows: $line" progress_line "$line"
done
check "the progress line is cleared before the summary" progress_line "$work/progress: [0-9]* home"
first=$(ls "$site/content/papers" | sort | head -1)
sed -i 's/^title: "/title: "Edited /' "$site/content/papers/$first"
on_terminal "'$digest' build -C '$site' -o '$work/progress'"
check "a rebuild on a terminal says it checks the pages" progress_line "checking 0% of [0-9]* pages"
check "then that it renders those that changed" progress_line "rendering the pages that changed"
cp "$repo/content/papers/$first" "$site/content/papers/"
on_terminal "'$digest' build -C '$site' -o '$work/progress' --clean --quiet"
check "build --quiet on a terminal shows no progress" bash -c "! grep -q 'loading\|rendering' '$work/progress.txt'"
"$digest" build -C "$site" -o "$work/progress" 2>"$work/progress.err" >/dev/null
check "a build not on a terminal writes no progress" test ! -s "$work/progress.err"
"$digest" ingest -C "$site" --format nonsense >/dev/null 2>&1; status=$?
check "an unknown --format exits 2" test $status -eq 2
check "--help shows examples" bash -c "'$digest' ingest --help | grep -q 'Examples:'"

# Pages rendered by forked worker processes (the default, one per core) are the bytes that
# threads of one process render (-j 1).
"$digest" build -C "$site" -o "$work/threads" -j 1 >/dev/null 2>&1
"$digest" build -C "$site" -o "$work/processes" -j 3 >/dev/null 2>&1
check "a build in 3 processes writes the bytes a build on threads writes" diff -r -q "$work/threads" "$work/processes"
"$digest" build -C "$site" -o "$work/threads" -j 0 >/dev/null 2>&1; status=$?
check "--jobs 0 exits 2" test $status -eq 2

# A build killed at any moment leaves the previous site or the new one, never a mix: the
# record's title goes back and forth between two states A and B; each build towards the other
# state is killed after a different delay, then run to the end.
treehash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-64; }
record="$site/content/papers/$(ls "$site/content/papers" | sort | sed -n 3p)"
cp "$record" "$work/state-a.md"
sed '0,/^title: "/s//title: "Killed builds: /' "$work/state-a.md" > "$work/state-b.md"
for state in a b; do
  cp "$work/state-$state.md" "$record"
  "$digest" build -C "$site" -o "$work/expected-$state" --clean >/dev/null 2>&1
  eval "hash_$state=$(treehash "$work/expected-$state")"
done
cp "$work/state-a.md" "$record"
"$digest" build -C "$site" -o "$site/public" >/dev/null 2>&1
check "the site built for state A is the clean build of A" test "$(treehash "$site/public")" = "$hash_a"
mixed=0 killed=0 now=a workers=0 orphans=0
# One build towards the other state, started, then killed once `WAIT...` returns (the build's
# pid in $pid); then checked: a whole site, its worker processes gone, and the next build the
# other state's site.
kill_a_build() {  # kill_a_build CLEAN WAIT...
  local clean=$1 kids h; shift
  other=$([ $now = a ] && echo b || echo a)
  cp "$work/state-$other.md" "$record"
  "$digest" build -C "$site" -o "$site/public" $clean >/dev/null 2>&1 & pid=$!
  "$@"
  kids=$(pgrep -P $pid -x digest)  # render workers forked at this moment, if any
  [ -n "$kids" ] && workers=$((workers + 1))
  kill -9 $pid 2>/dev/null && killed=$((killed + 1)); wait $pid 2>/dev/null
  sleep 0.1
  # dead is dead: a zombie (state Z) waits only for init to reap it
  for kid in $kids; do [[ "$(ps -o stat=,comm= -p "$kid")" =~ ^[^Z].*digest$ ]] && orphans=$((orphans + 1)); done
  h=$(treehash "$site/public")
  [ "$h" = "$hash_a" ] || [ "$h" = "$hash_b" ] || { mixed=$((mixed + 1)); echo "     mixed site after a kill ($*)"; }
  "$digest" build -C "$site" -o "$site/public" >/dev/null 2>&1
  eval "want=\$hash_$other"
  [ "$(treehash "$site/public")" = "$want" ] || { mixed=$((mixed + 1)); echo "     wrong site after the build that followed a kill ($*)"; }
  now=$other
}
# Waits until the build's render workers run (or it has ended), then SECONDS more.
after_workers() {  # after_workers SECONDS
  for _ in $(seq 500); do [ -n "$(pgrep -P $pid -x digest)" ] || ! kill -0 $pid 2>/dev/null && break; sleep 0.01; done
  sleep "$1"
}
# A rebuild of the sample takes about a tenth of a second here and less on a faster machine,
# where fixed delays outlived most rebuilds (CI once killed only 4): so the delays are parts of
# the time a rebuild towards the other state is measured to take, the lesser of two.
rebuild_ms() {  # one rebuild towards the other state, in milliseconds
  local start other=$([ $now = a ] && echo b || echo a)
  cp "$work/state-$other.md" "$record"
  start=$(date +%s%N)
  "$digest" build -C "$site" -o "$site/public" >/dev/null 2>&1
  echo $((($(date +%s%N) - start) / 1000000))
}
took=()
for _ in 1 2; do took+=("$(rebuild_ms)"); now=$([ $now = a ] && echo b || echo a); done
rebuild=$((took[0] < took[1] ? took[0] : took[1]))
echo "     a rebuild of the sample took $rebuild ms"
# A full build is killed once its render workers run (a rebuild renders a few pages); a
# rebuild at the given part of its measured time, a few parts past its end.
tries=0
for part in 0.05 0.1 0.15 0.2 0.25 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.1 1.5; do
  tries=$((tries + 1))
  delay=$(python3 -c "print($part * $rebuild / 1000)")
  if [ $((tries % 3)) = 0 ]; then kill_a_build --clean after_workers "$(python3 -c "print($delay / 4)")"  # full builds too
  else kill_a_build "" sleep "$delay"; fi
done
# A full build of the sample renders in well under a second, and a kill above may miss its
# workers (one clean checkout of four did): then full builds are killed the moment their
# workers are seen, up to three times.
for _ in 1 2 3; do [ $workers -ge 1 ] || kill_a_build --clean after_workers 0; done
echo "     $killed builds were killed while running"
check "killed builds leave a whole site (old or new), and the next build the right one" test $mixed -eq 0
check "some builds were killed mid-way" test $killed -ge 5
check "no staging folder is left behind" test -z "$(ls -A "$site" | grep building)"
echo "     $workers kills came while render worker processes were running"
check "some kills came while worker processes rendered" test $workers -ge 1
check "a killed build's worker processes die with it" test $orphans -eq 0

# `digest search` on the site just built, and without one.
out=$("$digest" search -C "$site" "Spectrally Transformed Kernel Regression"); status=$?
check "search exits 0" test $status -eq 0
check "search lists the paper first" grep -qx "1. Spectrally Transformed Kernel Regression" <<<"$(head -1 <<<"$out")"
out=$("$digest" search -C "$site" --json -n 1 "spectraly transformed"); status=$?
check "search --json exits 0" test $status -eq 0
check "search --json finds through a typo" grep -q '"path":"papers/spectrally-transformed-kernel-regression/"' <<<"$out"
check "search --json says how many files and bytes it read" grep -q '"files":[0-9]*,"bytes":[0-9]*' <<<"$out"
out=$("$digest" search -C "$work/nowhere" anything 2>&1); status=$?
check "search without a built site exits 1" test $status -eq 1
check "search without a built site says to build" grep -q 'no search index; run `digest build` first' <<<"$out"
"$digest" search >/dev/null 2>&1; status=$?
check "search without a query is a usage error (2)" test $status -eq 2

# `digest check`: the sample is clean; a broken record is named with its line, exit 1.
out=$("$digest" check -C "$site"); status=$?
check "check of the sample exits 0" test $status -eq 0
check "check of the sample says what it checked" grep -q "^checked digest.yml, 505 records, 0 templates of the site's own: 0 errors, 0 warnings$" <<<"$out"
broken="$site/content/papers/spectrally-transformed-kernel-regression.md"
sed -i 's/^room: Halle B$/room: Halle B\ndate: 2024-13-01/' "$broken"
out=$("$digest" check -C "$site"); status=$?
check "check of a broken record exits 1" test $status -eq 1
check "check names the broken record's file and line" grep -q "spectrally-transformed-kernel-regression.md:7: error: \`date\` must be a date written YYYY-MM-DD, not \`2024-13-01\`" <<<"$out"
"$digest" check --bogus >/dev/null 2>&1; status=$?
check "check with an unknown option is a usage error (2)" test $status -eq 2
drafted="$site/content/papers/text2reward-reward-shaping-with-language-models-for-reinforcement-learning.md"
sed -i '0,/^title: /s//draft: true\ntitle: /' "$drafted"
out=$("$digest" check -C "$site")
check "check counts a record marked draft: true" grep -q "^checked digest.yml, 505 records (1 draft, left out of the site), " <<<"$out"
sed -i '/^draft: true$/d' "$drafted"

# `digest serve`: answers on a free port, with content types, folders, redirects and the 404
# page; a record edited on disk is on the served page within 2 s.
"$digest" serve -C "$site" --port 0 > "$work/serve.log" 2>&1 & server=$!
for _ in $(seq 1 300); do grep -q '^serving ' "$work/serve.log" && break; sleep 0.1; done
base=$(sed -n 's/^serving \(http[^ ]*\) .*/\1/p' "$work/serve.log")
check "serve prints the address it serves on" test -n "$base"
status_of() { curl -s -o /dev/null -w '%{http_code} %{content_type}' "$1"; }
check "serve answers / with HTML" test "$(status_of "$base")" = "200 text/html; charset=utf-8"
check "serve gives CSS its type" test "$(status_of "${base}assets/style.css")" = "200 text/css; charset=utf-8"
check "serve gives JSON its type" test "$(status_of "${base}search/manifest.json")" = "200 application/json"
check "serve answers a missing page with the site's 404 page" bash -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' '${base}no/such/page/')\" = 404 && curl -s '${base}no/such/page/' | grep -q '<h1>'"
check "serve redirects a folder without its slash" test "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "${base}tags")" = "301 ${base}tags/"
page="${base}papers/spectrally-transformed-kernel-regression/"
check "serve adds the reload script to pages" grep -q '/__digest/reload.js' <(curl -s "$page")
sed -i 's/^title: "Spectrally Transformed Kernel Regression"$/title: "Spectrally Transformed Kernel Regression (served)"/' "$broken"
sed -i '/^date: 2024-13-01$/d' "$broken"
start=$(date +%s%N); seen=""
while [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 2000 ]; do
  curl -s "$page" | grep -q "(served)" && { seen=$(( ($(date +%s%N) - start) / 1000000 )); break; }
  sleep 0.05
done
echo "     the edited record was served after ${seen:-more than 2000} ms"
check "an edited record is on the served page within 2 s" test -n "$seen"
[ -n "$seen" ] || sed 's/^/     serve: /' "$work/serve.log"  # what the builds took
# A listing that will not ingest: the build after it (from the records there) still succeeds,
# and the ingest's error is what the page shows once that build is done.
version() { curl -s "${base}__digest/status" | sed -n 's/.*"version":\([0-9]*\).*/\1/p'; }
before=$(version)
printf 'just some words\n' > "$site/content/listings/not-a-listing.txt"
for _ in $(seq 1 100); do [ "$(version)" != "$before" ] && break; sleep 0.1; done
check "a listing that will not ingest is on the status after the build that followed" \
  bash -c "curl -s '${base}__digest/status' | grep -q 'not-a-listing.txt: error: not a listing'"
rm -f "$site/content/listings/not-a-listing.txt"
# A second server on the port the first holds stops at once and says why.
port=${base##*:}; port=${port%/}
out=$(timeout 10 "$digest" serve -C "$site" --port "$port" 2>&1); status=$?
check "serve on a port in use exits 1 and says it is in use" test $status -eq 1 -a "$out" = "cannot serve on 127.0.0.1:$port: Address already in use"
kill $server; wait $server 2>/dev/null
out=$(timeout 10 "$digest" serve -C "$site" --port 0 --host no-such-host.invalid 2>&1); status=$?
timeout 20 "$digest" serve -C "$site" --port 0 --host localhost > "$work/serve-localhost.log" 2>&1 & server=$!
for _ in $(seq 1 300); do grep -q '^serving ' "$work/serve-localhost.log" && break; sleep 0.1; done
local_base=$(sed -n 's/^serving \(http[^ ]*\) .*/\1/p' "$work/serve-localhost.log")
check "serve --host localhost serves there" bash -c "[[ '$local_base' == http://localhost:* ]] && curl -sf '$local_base' | grep -q '<h1'"
kill $server; wait $server 2>/dev/null
check "serve on a host that resolves to nothing says so" test $status -eq 1 -a "$out" = "cannot serve on no-such-host.invalid:0: no-such-host.invalid is not an IPv4 address, nor a name this machine resolves to one"
out=$(timeout 10 "$digest" serve -C "$work/no-such-site" --port 0 2>&1); status=$?
check "serve -C a folder that is not there exits 1 and says so" test $status -eq 1 -a "$out" = "$work/no-such-site: error: no such folder"

# `digest init`: a new site, then the CI workflow's own steps run here: ingest, commit (pushed
# to a local bare repository), check and build, with the built-in templates only.
new=$work/new-site
out=$("$digest" init "$new"); status=$?
check "init exits 0" test $status -eq 0
check "init writes the settings, folders, .gitignore and workflow" test -f "$new/digest.yml" -a -d "$new/content/listings" \
  -a -d "$new/content/papers" -a -f "$new/templates/README.md" -a -f "$new/.gitignore" -a -f "$new/.github/workflows/digest.yml"
check "init's site has no templates of its own" test -z "$(ls "$new/templates" | grep -v README.md)"
"$digest" init "$new" >/dev/null 2>&1; status=$?
check "init refuses a folder that is not empty" test $status -eq 1
"$digest" init "$new" --force >/dev/null 2>&1; status=$?
check "init --force writes into it" test $status -eq 0
check "the workflow is valid YAML of the right shape" python3 "$repo/Tests/cli/workflow_steps.py" "$new/.github/workflows/digest.yml" check
git init -q --bare "$work/remote.git"
(cd "$new" && git init -q -b main && git remote add origin "$work/remote.git" && git add -A \
  && git -c user.name=t -c user.email=t@t commit -qm "digest init" && git push -q -u origin main) >/dev/null 2>&1
cp "$repo"/content/listings/*.txt "$new/content/listings/"
mkdir -p "$work/bin" && ln -sf "$digest" "$work/bin/digest"
for step in ingest commit build; do
  python3 "$repo/Tests/cli/workflow_steps.py" "$new/.github/workflows/digest.yml" run $step > "$work/step-$step.sh"
  (cd "$new" && PATH="$work/bin:$PATH" BASE_URL="https://example.org/new-site" bash -e "$work/step-$step.sh") > "$work/step-$step.log" 2>&1
  status=$?; [ $status -eq 0 ] || sed 's/^/     /' "$work/step-$step.log"
  check "the workflow's $step step runs" test $status -eq 0
done
check "the workflow committed and pushed 505 records" test "$(git -C "$work/remote.git" ls-tree -r --name-only main content/papers | grep -c '\.md$')" -eq 505
check "the workflow built the site" test -f "$new/public/papers/spectrally-transformed-kernel-regression/index.html"
check "the built site uses the base URL it was given" grep -q 'https://example.org/new-site/papers/' "$new/public/sitemap.xml"
check "public/ and the cache are ignored by git" test -z "$(cd "$new" && git status --porcelain --ignored=no | grep -E 'public/|digest-cache')"
# A rebuild keeps the site it replaced beside public/, for the next rebuild to start from.
"$digest" build -C "$new" >/dev/null 2>&1
sed -i '0,/^title: "/s//title: "Rebuilt: /' "$new/content/papers/$(ls "$new/content/papers" | sort | head -1)"
"$digest" build -C "$new" >/dev/null 2>&1
check "a rebuild keeps the site before it, and git ignores that too" \
  bash -c "ls -a '$new' | grep -q '^\.public\.previous-' && test -z \"\$(cd '$new' && git status --porcelain --ignored=no | grep previous)\""

echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
