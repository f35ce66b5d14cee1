#!/usr/bin/env python3
"""Deterministic benchmark corpora shaped like the real listings.

    bench/gen_corpus.py records N DIR [--seed S]   a site: DIR/digest.yml + DIR/content/papers/*.md
    bench/gen_corpus.py listing N FILE --format F  one listing of N papers (abstract-list,
                                                   daily-papers, poster-session) [--seed S]

Vocabulary comes from the real listings in content/listings/ (a word-level Markov chain over
their titles and abstracts); abstracts are 120-250 words, some with LaTeX; 1-12 authors per
paper drawn Zipf-like from a pool of about 2.5 names per paper (most authors have one paper,
a few have hundreds); dates spread over 2019-2025; 1-3 of 40 tags. Records: one paper in 20
also names a second listing (cross-listed). Listings: the same seed gives the same papers in
every format, so ingesting two formats of one seed cross-lists every paper. The same seed
and size always give the same bytes.
"""
import argparse, bisect, os, random, re, sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAGS = ["llm", "reinforcement-learning", "diffusion-models", "computer-vision", "nlp", "robotics", "alignment",
        "efficiency", "quantization", "distillation", "retrieval", "agents", "reasoning", "math", "code", "multimodal",
        "3d-vision", "video", "speech-audio", "graph-learning", "federated-learning", "privacy-security", "robustness",
        "fairness", "interpretability", "continual-learning", "contrastive-learning", "self-supervised",
        "in-context-learning", "prompting", "fine-tuning", "evaluation-benchmarks", "survey", "theory", "optimization",
        "medical", "recommendation", "time-series", "anomaly-detection", "uncertainty"]
MATH = [r"$\mathcal{O}(n \log n)$", r"$\ell_{2,1}$", r"$\epsilon$-greedy", r"$O(\sqrt{T})$", r"$k$-NN",
        r"$\beta$", r"$p < 0.05$", r"$\mathbb{E}[x^2]$", r"$L_2$"]


def read_real():
    titles, abstracts, names = [], [], []
    folder = os.path.join(REPO, "content/listings")
    for name in sorted(os.listdir(folder)):
        for line in open(os.path.join(folder, name), encoding="utf-8").read().split("\n"):
            line = line.strip()
            if line.startswith("Abstract:"):
                abstracts.append(line[9:])
            elif " · " in line:
                names += [n.strip() for n in line.split(" · ") if n.strip()]
            elif len(line) > 300:
                abstracts.append(line)
            elif 20 < len(line) < 160 and not line.startswith("•"):
                titles.append(line)
    return titles, abstracts, names


class Chain:
    """Order-1 word chain: realistic vocabulary and local word order, no real sentences."""
    def __init__(self, texts):
        self.next = {}
        self.starts = []
        for text in texts:
            words = text.split()
            if not words:
                continue
            self.starts.append(words[0])
            for a, b in zip(words, words[1:]):
                self.next.setdefault(a, []).append(b)
        self.keys = sorted(self.next)

    def words(self, rng, count):
        word = rng.choice(self.starts)
        out = [word]
        while len(out) < count:
            options = self.next.get(word)
            word = rng.choice(options) if options else rng.choice(self.starts)
            out.append(word)
        return out


class Corpus:
    def __init__(self, n, seed):
        self.rng = random.Random(seed)
        titles, abstracts, names = read_real()
        self.titles = Chain(titles)
        self.abstracts = Chain(abstracts)
        firsts = sorted({n.split()[0] for n in names if len(n.split()) >= 2})
        lasts = sorted({n.split()[-1] for n in names if len(n.split()) >= 2})
        pool_size = max(10, int(n * 2.5))
        pool, seen = [], set()
        while len(pool) < pool_size:
            name = f"{self.rng.choice(firsts)} {self.rng.choice(lasts)}"
            if name in seen:
                name = f"{self.rng.choice(firsts)} {chr(65 + self.rng.randrange(26))}. {self.rng.choice(lasts)}"
            if name not in seen:
                seen.add(name)
                pool.append(name)
        self.pool = pool
        # Zipf-like: the i-th name is drawn with weight 1/(i+1)^0.65.
        total, cumulative = 0.0, []
        for i in range(pool_size):
            total += 1.0 / (i + 1) ** 0.65
            cumulative.append(total)
        self.cumulative = cumulative
        self.n = n

    def author(self):
        return self.pool[min(len(self.pool) - 1, bisect.bisect_left(self.cumulative, self.rng.random() * self.cumulative[-1]))]

    def paper(self, i):
        rng = self.rng
        words = self.titles.words(rng, rng.randint(5, 13))
        title = " ".join(w[:1].upper() + w[1:] if len(w) > 3 else w for w in words).rstrip(".,;:")
        if rng.random() < 0.3:
            title = f"{re.sub(r'[^A-Za-z]', '', words[0])[:8].upper() or 'X'}{i % 97}: {title}"
        count = min(12, max(1, int(rng.lognormvariate(1.3, 0.6))))
        authors = []
        while len(authors) < count:
            name = self.author()
            if name not in authors:
                authors.append(name)
        abstract = self.abstracts.words(rng, rng.randint(120, 250))
        if rng.random() < 0.1:
            abstract.insert(rng.randrange(len(abstract)), rng.choice(MATH))
        text = " ".join(abstract).rstrip(",;:") + "."
        year = rng.randint(2019, 2025)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        tags = sorted(set(TAGS[min(len(TAGS) - 1, int(rng.paretovariate(1.2)) - 1)] for _ in range(rng.randint(1, 3))))
        return {"title": title, "authors": authors, "abstract": text, "date": date, "tags": tags,
                "upvotes": rng.randint(0, 40) if rng.random() < 0.3 else None}


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_records(n, folder, seed):
    corpus = Corpus(n, seed)
    papers = os.path.join(folder, "content/papers")
    os.makedirs(papers, exist_ok=True)
    os.makedirs(os.path.join(folder, "content/listings"), exist_ok=True)
    with open(os.path.join(folder, "digest.yml"), "w") as f:
        f.write(f"title: Benchmark digest ({n} papers)\nbase_url: https://example.org/bench/\nper_page: 25\n")
    used = set()
    for i in range(n):
        p = corpus.paper(i)
        slug = re.sub(r"[^a-z0-9]+", "-", p["title"].lower()).strip("-")[:72].strip("-") or "paper"
        ident = slug if slug not in used else f"{slug}-{i}"
        used.add(ident)
        lines = ["---", f"title: {yaml_str(p['title'])}",
                 "authors: [" + ", ".join(yaml_str(a) for a in p["authors"]) + "]",
                 f"date: {p['date']}"]
        if p["upvotes"] is not None:
            lines.append(f"upvotes: {p['upvotes']}")
        lines += ["tags: [" + ", ".join(p["tags"]) + "]", "sources:", f"- {{listing: bench-{seed}.txt, line: {i + 1}}}"]
        if i % 20 == 7:  # one paper in 20 was also in a second listing (cross-listed)
            lines.append(f"- {{listing: bench-{seed}-posters.txt, line: {3 * (i // 20) + 4}}}")
        lines += ["---", p["abstract"], ""]
        with open(os.path.join(papers, ident + ".md"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))


def write_listing(n, path, fmt, seed):
    corpus = Corpus(n, seed)
    rng = corpus.rng
    out = []
    if fmt == "abstract-list":
        out.append("Benchmark Institute of Technology")
        for i in range(n):
            out.append("Abstract:" + corpus.paper(i)["abstract"])
    elif fmt == "poster-session":
        out += ["Poster", f"Poster Session {seed % 9 + 1}", "Hall A"]
        for i in range(n):
            p = corpus.paper(i)
            out += [p["title"], " · ".join(p["authors"]) if len(p["authors"]) > 1 else p["authors"][0] + " · X Y", p["abstract"]]
    else:
        out += ["new", "", "Get trending papers in your email inbox!", "", "Subscribe", "", "Daily Papers", "",
                "by AK and the research community", ""]
        months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for i in range(n):
            p = corpus.paper(i)
            y, m, d = p["date"].split("-")
            up = f" {p['upvotes']}" if p["upvotes"] else ""
            out += [p["title"], "", p["abstract"], "", f"  • {len(p['authors'])} authors", "·", f"{months[int(m) - 1]} {int(d)}, {y}{up}", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["records", "listing"])
    ap.add_argument("n", type=int)
    ap.add_argument("dest")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", default="daily-papers", choices=["abstract-list", "daily-papers", "poster-session"])
    a = ap.parse_args()
    if a.kind == "records":
        write_records(a.n, a.dest, a.seed)
    else:
        write_listing(a.n, a.dest, a.format, a.seed)
