#!/usr/bin/env python3
"""Search relevance and cost, digest's index against Pagefind's, on one built site.

    bench/search_quality.py SITE [--queries 200] [--seed 1] [--no-pagefind] [--label NAME]

SITE is a folder `digest build` wrote. Queries come from the site's own paper pages (their
`citation_title` and `citation_author` meta tags), seeded:
  title    the whole title;
  author   one author's full name — any paper of theirs counts as found;
  prefix   the title with its last word cut to its first half (as typed so far);
  typo     the title with one word (five letters or more) given one edit inside it
           (insertion, deletion, substitution or swap of neighbours);
  3 words  three consecutive title words, and the same with a prefix or a typo: harder, as
           three words often fit many papers; the clean kind is the ceiling for the other two.
Each query runs in Chromium in a fresh page, the site served with caching off and every request
noted by the server: digest through search.js (search.js and the index files fetched), Pagefind
through pagefind.js (every file under pagefind/, its Web Worker's included).
Reported per kind: found@1, found@5, MRR over the top 10; bytes (as stored, and gzip for
digest's JSON, which static hosts compress; Pagefind's files are compressed already) and
requests for a one-word first query and a three-word query (medians); index build time,
size and files.
Prints a Markdown table; asserts nothing.
"""
import argparse, functools, gzip, html, http.server, json, os, random, re, socket, statistics, subprocess, sys, threading, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(REPO, ".venv", "bin")
STOP = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or",
        "the", "to", "via", "with"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site uncached and notes every path asked for: Pagefind fetches from a Web
    Worker, which the page's own resource timings do not see."""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream"}
    requested = []

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        Quiet.requested.append(self.path.split("?")[0].lstrip("/"))
        super().do_GET()

    def log_message(self, *args):
        pass


def serve(folder):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/", server


def meta(page, name):
    return [html.unescape(m) for m in re.findall(r'<meta name="%s" content="([^"]*)"' % name, page)]


def paper_pages(site, rng, count):
    ids = sorted(os.listdir(os.path.join(site, "papers")))
    chosen = rng.sample(ids, min(count, len(ids)))
    pages = {}
    for pid in chosen:
        text = open(os.path.join(site, "papers", pid, "index.html"), encoding="utf-8").read()
        authors = re.findall(r'href="\.\./\.\./authors/([^/"]+)/', text)
        pages[pid] = (meta(text, "citation_title")[0], meta(text, "citation_author"), authors)
    return pages


def author_papers(site, author_id):
    text = open(os.path.join(site, "authors", author_id, "index.html"), encoding="utf-8").read()
    return set(re.findall(r'href="\.\./\.\./papers/([^/"]+)/', text))


def words(title):
    return [w for w in re.findall(r"[\w'-]+", title) if w.lower() not in STOP and len(w) > 1]


def one_edit(word, rng):
    i = rng.randrange(1, len(word) - 1)  # first and last letters kept: how people mistype
    kind = rng.choice(["insert", "delete", "substitute", "swap"])
    letters = "abcdefghijklmnopqrstuvwxyz"
    if kind == "insert":
        return word[:i] + rng.choice(letters) + word[i:]
    if kind == "delete":
        return word[:i] + word[i + 1:]
    if kind == "substitute":
        return word[:i] + rng.choice([c for c in letters if c != word[i].lower()]) + word[i + 1:]
    if word[i] == word[i + 1]:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def make_queries(site, rng, count):
    pages = paper_pages(site, rng, count * 2)
    kinds = ["title", "author", "prefix", "typo", "3 words", "3 words, prefix", "3 words, typo", "one word"]
    queries = {kind: [] for kind in kinds}
    for pid, (title, authors, author_ids) in sorted(pages.items()):
        w = words(title)
        queries["title"].append((title, {pid}))
        if authors and author_ids and len(authors) == len(author_ids):
            k = rng.randrange(len(authors))
            queries["author"].append((authors[k], author_papers(site, author_ids[k])))
        if len(w) >= 2 and len(w[-1]) >= 4:
            queries["prefix"].append((" ".join(w[:-1] + [w[-1][:max(2, (len(w[-1]) + 1) // 2)]]), {pid}))
        long = [i for i, x in enumerate(w) if len(x) >= 5 and x.isalpha()]
        if long:
            i = rng.choice(long)
            queries["typo"].append((" ".join(w[:i] + [one_edit(w[i], rng)] + w[i + 1:]), {pid}))
        if len(w) >= 3:
            start = rng.randrange(len(w) - 2)
            span = w[start:start + 3]
            queries["3 words"].append((" ".join(span), {pid}))
            if len(span[-1]) >= 4:
                queries["3 words, prefix"].append((" ".join(span[:-1] + [span[-1][:max(2, (len(span[-1]) + 1) // 2)]]), {pid}))
            long = [i for i, x in enumerate(span) if len(x) >= 5 and x.isalpha()]
            if long:
                i = rng.choice(long)
                queries["3 words, typo"].append((" ".join(span[:i] + [one_edit(span[i], rng)] + span[i + 1:]), {pid}))
            queries["one word"].append((max(w, key=len), {pid}))
    return {kind: qs[:count] for kind, qs in queries.items()}


DIGEST_QUERY = """
var done = arguments[arguments.length - 1];
var engine = new PaperDigestSearch.Engine(document.getElementById('search').dataset.root);
engine.search(arguments[0]).then(function (r) {
  return Promise.all(r.papers.slice(0, 10).map(function (p) { return engine.display(p); })).then(function (shown) {
    done({paths: shown.map(function (d) { return d.path; }), files: Array.from(engine.files.keys())});
  });
}).catch(function (e) { done({error: String(e)}); });
"""

PAGEFIND_QUERY = """
var done = arguments[arguments.length - 1], query = arguments[0];
import('./pagefind/pagefind.js').then(async function (pf) {
  await pf.init();
  var r = await pf.search(query);
  var shown = await Promise.all(r.results.slice(0, 10).map(function (x) { return x.data(); }));
  done({paths: shown.map(function (d) { return d.url; })});
}).catch(function (e) { done({error: String(e)}); });
"""


def page_id(path):
    m = re.search(r"papers/([^/]+)/", path)
    return m.group(1) if m else None


class Sizes:
    def __init__(self, site):
        self.site, self.raw, self.gz = site, {}, {}

    def of(self, rel):
        if rel not in self.raw:
            data = open(os.path.join(self.site, rel), "rb").read()
            self.raw[rel] = len(data)
            self.gz[rel] = len(gzip.compress(data, 6)) if rel.endswith((".json", ".js")) else len(data)
        return self.raw[rel], self.gz[rel]


def evaluate(driver, base, site, queries, engine):
    sizes = Sizes(site)
    out = {}
    for kind, qs in queries.items():
        ranks, costs = [], []
        for query, relevant in qs:
            Quiet.requested.clear()
            if engine == "digest":
                driver.get(base + "search/")
                r = driver.execute_async_script(DIGEST_QUERY, query)
                files = [f for f in Quiet.requested if f.startswith("search/") and f.endswith(".json") or f == "assets/search.js"]
            else:
                driver.get(base + "pagefind-harness.html")
                r = driver.execute_async_script(PAGEFIND_QUERY, query)
                files = [f for f in Quiet.requested if f.startswith("pagefind/")]
            if "error" in r:
                raise SystemExit(f"{engine}: {query!r}: {r['error']}")
            found = [page_id(p) for p in r["paths"]]
            rank = next((i + 1 for i, p in enumerate(found) if p in relevant), None)
            ranks.append(rank)
            existing = [f for f in files if os.path.exists(os.path.join(site, f))]
            raw = sum(sizes.of(f)[0] for f in existing)
            gz = sum(sizes.of(f)[1] for f in existing)
            costs.append((raw, gz, len(files)))
        n = max(len(ranks), 1)
        out[kind] = {
            "queries": len(ranks),
            "found@1": sum(1 for r in ranks if r == 1) / n,
            "found@5": sum(1 for r in ranks if r and r <= 5) / n,
            "mrr": sum(1 / r for r in ranks if r) / n,
            "bytes": statistics.median(c[0] for c in costs) if costs else 0,
            "gzip": statistics.median(c[1] for c in costs) if costs else 0,
            "requests": statistics.median(c[2] for c in costs) if costs else 0,
        }
    return out


def folder_size(folder):
    total, files = 0, 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(dirpath, name))
            files += 1
    return total, files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-pagefind", action="store_true")
    ap.add_argument("--label", default="")
    ap.add_argument("--digest-index-seconds", type=float, default=None, help="the build's `search index` stage")
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    rng = random.Random(args.seed)
    queries = make_queries(site, rng, args.queries)

    engines = ["digest"]
    build = {"digest": (args.digest_index_seconds, *folder_size(os.path.join(site, "search")), None)}
    if not args.no_pagefind:
        started = time.time()
        run = subprocess.run(["/usr/bin/time", "-f", "%M", os.path.join(VENV, "python"), "-m", "pagefind_bin", "--site", site,
                              "--glob", "papers/*/index.html", "--root-selector", "main", "--quiet"],
                             capture_output=True, text=True)
        seconds = time.time() - started
        if run.returncode != 0:
            raise SystemExit(run.stderr)
        peak_mb = int(run.stderr.strip().splitlines()[-1]) / 1024
        build["pagefind"] = (seconds, *folder_size(os.path.join(site, "pagefind")), peak_mb)
        with open(os.path.join(site, "pagefind-harness.html"), "w") as f:
            f.write("<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Pagefind harness</title><p>harness</p>\n")
        engines.append("pagefind")

    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/lib/chromium/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    base, server = serve(site)
    try:
        results = {engine: evaluate(driver, base, site, queries, engine) for engine in engines}
    finally:
        driver.quit()
        server.shutdown()

    label = args.label or os.path.basename(site.rstrip("/"))
    papers = len(os.listdir(os.path.join(site, "papers")))
    print(f"\n### {label}: {papers} papers, {args.queries} queries per kind (seed {args.seed})\n")
    print("| kind | engine | found@1 | found@5 | MRR |")
    print("|---|---|---|---|---|")
    for kind in ("title", "author", "prefix", "typo", "3 words", "3 words, prefix", "3 words, typo"):
        for engine in engines:
            r = results[engine][kind]
            print(f"| {kind} ({r['queries']}) | {engine} | {r['found@1']:.1%} | {r['found@5']:.1%} | {r['mrr']:.3f} |")
    print("\n| query (median) | engine | bytes as stored | gzip | requests |")
    print("|---|---|---|---|---|")
    for kind in ("one word", "3 words"):
        for engine in engines:
            r = results[engine][kind]
            print(f"| {kind} | {engine} | {r['bytes'] / 1024:.1f} KB | {r['gzip'] / 1024:.1f} KB | {r['requests']:.0f} |")
    print("\n| index | build | size | files | peak memory |")
    print("|---|---|---|---|---|")
    for engine in engines:
        seconds, size, files, peak = build[engine]
        s = f"{seconds:.2f} s" if seconds is not None else "—"
        m = f"{peak:.0f} MB" if peak else "(inside `digest build`)"
        print(f"| {engine} | {s} | {size / 1e6:.1f} MB | {files} | {m} |")


if __name__ == "__main__":
    main()
