// PaperDigest search. Reads the index `digest build` writes under search/ — the file layout is
// described in Sources/DigestCore/Search/SearchLayout.swift — and ranks exactly as
// SearchEngine.swift does for `digest search` (a browser test compares the two). No dependency,
// no request to another host: only the site's own files, a few per query.
(function () {
  "use strict";

  // ---- Words, as SearchTokenizer.swift makes them ----
  var WORD = /[\p{L}\p{N}\p{M}]/u, MARKS = /\p{M}/gu, NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;
  var ALPHABETIC = /^\p{Alphabetic}+$/u, ASCII = /^[\x00-\x7f]*$/, ACRONYM_PLURAL = /^[A-Z][A-Z0-9]*[A-Z]s$/;
  var STOP = new Set(["a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "for", "from", "has",
    "have", "in", "into", "is", "it", "its", "of", "on", "or", "our", "such", "than", "that", "the", "their",
    "these", "this", "those", "to", "was", "we", "were", "which", "while", "with"]);

  function isWord(ch) { return WORD.test(ch); }
  function length(s) { return Array.from(s).length; }

  function hyphenGroups(text) {
    var groups = [], current = [], word = null, joiner = false;
    for (var ch of text) {
      if (isWord(ch)) {
        if (word === null) {
          if (!joiner && current.length) { groups.push(current); current = []; }
          word = "";
        }
        word += ch;
        joiner = false;
      } else if (word !== null) {
        current.push(word);
        word = null;
        joiner = ch === "-" || ch === "\u2010" || ch === "\u2011";
      } else {
        joiner = false;
      }
    }
    if (word !== null) current.push(word);
    if (current.length) groups.push(current);
    return groups;
  }

  function fold(word) {
    if (ASCII.test(word)) return word.toLowerCase();
    return word.normalize("NFKD").replace(MARKS, "").toLowerCase().replace(/\u03c2/g, "\u03c3").replace(NOT_LETTER_OR_DIGIT, "");
  }

  function stem(term) {
    if (length(term) <= 3 || !ALPHABETIC.test(term)) return term;
    var e = function (s) { return term.endsWith(s); };
    if (e("ies") && !e("eies") && !e("aies")) return term.slice(0, -3) + "y";
    if (e("es") && !e("aes") && !e("ees") && !e("oes")) return term.slice(0, -1);
    if (e("s") && !e("us") && !e("ss") && !e("is")) return term.slice(0, -1);
    return term;
  }

  function normalize(word) {
    if (ACRONYM_PLURAL.test(word)) return word.slice(0, -1).toLowerCase();
    return stem(fold(word));
  }

  function tokenize(text, dropStopWords) {
    if (dropStopWords === undefined) dropStopWords = true;
    var out = [];
    hyphenGroups(text).forEach(function (group) {
      group.forEach(function (word) {
        var term = normalize(word);
        if (length(term) >= 2 && !(dropStopWords && STOP.has(term))) out.push(term);
      });
      if (group.length > 1) {
        var whole = normalize(group.join(""));
        if (length(whole) >= 2) out.push(whole);
      }
    });
    return out;
  }

  function key(text) {
    return [].concat.apply([], hyphenGroups(text)).map(fold).filter(Boolean).join("-");
  }

  // ---- Where things are, as SearchLayout.swift says ----
  var encoder = new TextEncoder();
  function bucket(term, count) {
    var hash = 0x811c9dc5;
    encoder.encode(term).forEach(function (byte) { hash = Math.imul(hash ^ byte, 0x01000193) >>> 0; });
    return hash % Math.max(count, 1);
  }
  function fileName(k) {
    if (/^[a-z0-9]+$/.test(k)) return k;
    return "x" + Array.from(encoder.encode(k), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }
  function prefixKey(term) { var s = Array.from(term); return s.length >= 2 ? s.slice(0, 3).join("") : null; }
  function suffixKey(term) { var s = Array.from(term); return s.length >= 4 ? s.slice(-3).join("") : null; }

  function editDistance(a, b) {
    if (!a.length) return b.length;
    if (!b.length) return a.length;
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  var FILTER = /(tag|author|year|venue):(?:"([^"]*)"|(\S+))/gi;
  function parse(query) {
    var filters = [];
    query.replace(FILTER, function (all, kind, quoted, bare) {
      var value = key(quoted !== undefined ? quoted : bare);
      kind = kind.toLowerCase();
      if (kind === "author") {
        value.split("-").forEach(function (w) { if (length(w) >= 2) filters.push("author:" + w); });
      } else if (value) {
        filters.push(kind + ":" + value);
      }
      return " ";
    });
    return { text: query.replace(FILTER, " "), filters: filters };
  }

  // ---- The query, as SearchEngine.swift runs it ----
  var COMPLETION_WEIGHT = 0.6, TYPO_WEIGHT = 0.5, EXPANSIONS = 3;

  function Engine(root) {
    this.root = root;
    this.files = new Map();
  }
  // Fetched with the first query, not with the page: typing one letter fetches nothing.
  Engine.prototype.manifest = function () { return this.file("search/manifest.json"); };
  // A file of the index, fetched once; one that is missing reads as null. From disk (file://),
  // where browsers refuse fetch, the same data comes from the file's script twin (`.js`, written
  // by `digest build --links files`), which hands it to `shard`.
  Engine.prototype.file = function (path) {
    if (!this.files.has(path)) {
      this.files.set(path, window.location.protocol === "file:" ? script(this.root, path)
        : fetch(this.root + path).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; }));
    }
    return this.files.get(path);
  };
  var waiting = new Map();
  function script(root, path) {
    return new Promise(function (resolve) {
      waiting.set(path, resolve);
      var tag = document.createElement("script");
      tag.src = root + path.replace(/\.json$/, ".js");
      tag.onload = tag.onerror = function () {
        tag.remove();
        if (waiting.get(path) === resolve) { waiting.delete(path); resolve(null); }
      };
      document.head.appendChild(tag);
    });
  }
  function shard(path, data) {
    var resolve = waiting.get(path);
    if (resolve) { waiting.delete(path); resolve(data); }
  }
  Engine.prototype.postings = async function (term) {
    var m = await this.manifest();
    var b = await this.file("search/t/" + bucket(term, m.termBuckets) + ".json");
    return (b && Object.prototype.hasOwnProperty.call(b, term)) ? b[term] : [];
  };
  Engine.prototype.filterPapers = async function (k) {
    var m = await this.manifest();
    var b = await this.file("search/f/" + bucket(k, m.filterBuckets) + ".json");
    var deltas = (b && Object.prototype.hasOwnProperty.call(b, k)) ? b[k] : [], paper = 0;
    return deltas.map(function (d) { paper += d; return paper; });
  };
  Engine.prototype.vocabulary = async function (path) {
    var list = await this.file(path);
    return Array.isArray(list) ? list.map(function (e) { return { word: e[0], papers: e[1] }; }) : [];
  };
  Engine.prototype.expand = async function (term, last) {
    var words = [];
    if ((await this.postings(term)).length) words.push([term, 1]);
    var scalars = Array.from(term);
    if (last && prefixKey(term) !== null) {
      var completions = (await this.vocabulary("search/p/" + fileName(prefixKey(term)) + ".json")).filter(function (c) {
        var w = Array.from(c.word);
        return w.length > scalars.length && scalars.every(function (ch, i) { return w[i] === ch; });
      });
      completions.sort(function (a, b) { return a.papers !== b.papers ? b.papers - a.papers : (a.word < b.word ? -1 : a.word > b.word ? 1 : 0); });
      completions.slice(0, EXPANSIONS).forEach(function (c) { words.push([c.word, COMPLETION_WEIGHT]); });
    }
    if (words.length || scalars.length < 3) return words;
    var candidates = await this.vocabulary("search/p/" + fileName(prefixKey(term)) + ".json");
    if (suffixKey(term) !== null) candidates = candidates.concat(await this.vocabulary("search/s/" + fileName(suffixKey(term)) + ".json"));
    var limit = scalars.length >= 8 ? 2 : 1, near = [], seen = new Set();
    candidates.forEach(function (c) {
      if (seen.has(c.word)) return;
      seen.add(c.word);
      var other = Array.from(c.word), distance = editDistance(scalars, other);
      if (last && other.length > scalars.length) distance = Math.min(distance, editDistance(scalars, other.slice(0, scalars.length)));
      if (distance <= limit) near.push({ word: c.word, papers: c.papers, distance: distance });
    });
    var nearest = Math.min.apply(null, near.map(function (n) { return n.distance; }).concat([Infinity]));
    near = near.filter(function (n) { return n.distance === nearest; });
    near.sort(function (a, b) {
      if (a.distance !== b.distance) return a.distance - b.distance;
      if (a.papers !== b.papers) return b.papers - a.papers;
      return a.word < b.word ? -1 : a.word > b.word ? 1 : 0;
    });
    return near.slice(0, EXPANSIONS).map(function (n) { return [n.word, TYPO_WEIGHT / n.distance]; });
  };

  /// Papers, best first, and the words that matched (for highlighting).
  Engine.prototype.search = async function (query) {
    var self = this, parsed = parse(query);
    var terms = tokenize(parsed.text);
    if (!terms.length) terms = tokenize(parsed.text, false);
    var pairs = [];
    for (var n = 0; n + 1 < terms.length; n++) {
      var pair = terms[n] + " " + terms[n + 1];
      if (pairs.indexOf(pair) < 0) pairs.push(pair);
    }
    pairs.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    terms = terms.filter(function (t, i) { return terms.indexOf(t) === i; });
    var chars = Array.from(parsed.text), prefixLast = chars.length > 0 && isWord(chars[chars.length - 1]);
    // A paper's place in the site's newest-first order, from its number: the dated papers are
    // numbered from the oldest, then the undated follow (SearchLayout.number in the builder).
    var dated = (await self.manifest()).dated || 0;
    function place(n) { return n < dated ? dated - 1 - n : n; }

    var allowed = null;
    for (var f of parsed.filters) {
      var papers = new Set(await self.filterPapers(f));
      allowed = allowed === null ? papers : new Set(Array.from(allowed).filter(function (p) { return papers.has(p); }));
    }
    if (!terms.length) {
      return { papers: allowed === null ? [] : Array.from(allowed).sort(function (a, b) { return place(a) - place(b); }), words: [] };
    }
    var expanded = await Promise.all(terms.map(function (t, i) { return self.expand(t, i === terms.length - 1 && prefixLast); }));
    var lists = await Promise.all(expanded.map(function (words) {
      return Promise.all(words.map(function (w) { return self.postings(w[0]); }));
    }));
    var pairLists = await Promise.all(pairs.map(function (p) { return self.postings(p); }));
    var words = [], bests = expanded.map(function (expansion, i) {
      var best = new Map();
      expansion.forEach(function (w, k) {
        words.push(w[0]);
        var list = lists[i][k];
        for (var j = 0; j + 1 < list.length; j += 2) {
          var value = w[1] * list[j + 1];
          if (value > (best.get(list[j]) || 0)) best.set(list[j], value);
        }
      });
      return best;
    });
    // A pair of neighbouring query words found whole: the paper has both words (even where a
    // common word's own postings were cut before it), and the pair's score counts too.
    var pairScores = [];
    pairs.forEach(function (pair, p) {
      var parts = pair.split(" "), a = terms.indexOf(parts[0]), b = terms.indexOf(parts[1]);
      if (a < 0 || b < 0) return;
      var scores = new Map(), list = pairLists[p];
      for (var j = 0; j + 1 < list.length; j += 2) {
        scores.set(list[j], list[j + 1]);
        if (!bests[a].has(list[j])) bests[a].set(list[j], 0);
        if (!bests[b].has(list[j])) bests[b].set(list[j], 0);
      }
      pairScores.push(scores);
    });
    var matched = new Map(), total = new Map();
    bests.forEach(function (best) {
      best.forEach(function (value, paper) {
        matched.set(paper, (matched.get(paper) || 0) + 1);
        total.set(paper, (total.get(paper) || 0) + value);
      });
    });
    pairScores.forEach(function (scores) {
      scores.forEach(function (value, paper) { total.set(paper, (total.get(paper) || 0) + value); });
    });
    var ranked = Array.from(matched.keys());
    if (allowed !== null) ranked = ranked.filter(function (p) { return allowed.has(p); });
    ranked.sort(function (a, b) {
      if (matched.get(a) !== matched.get(b)) return matched.get(b) - matched.get(a);
      if (total.get(a) !== total.get(b)) return total.get(b) - total.get(a);
      return place(a) - place(b);  // the newer paper
    });
    return { papers: ranked, words: words };
  };
  Engine.prototype.display = async function (paper) {
    var m = await this.manifest(), block = m.block;
    var entries = await this.file("search/d/" + Math.floor(paper / block) + ".json");
    var e = entries && entries[paper % block];
    return e ? { paper: paper, path: e[0], title: e[1], byline: e[2], date: e[3], venue: e[4], snippet: e[5], tags: e[6] || [] } : null;
  };

  window.PaperDigestSearch = { tokenize: tokenize, key: key, parse: parse, Engine: Engine, shard: shard };

  // ---- The page ----
  var PAGE = 10, DEBOUNCE_MS = 150;

  function highlight(element, text, words) {
    // Words of the text whose search form is one the query matched are marked; the rest is text.
    var parts = text.split(/([\p{L}\p{N}\p{M}]+)/u);
    parts.forEach(function (part, i) {
      var hit = i % 2 === 1 && words.has(normalize(part));
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        element.appendChild(mark);
      } else if (part) {
        element.appendChild(document.createTextNode(part));
      }
    });
  }

  function start() {
    var box = document.getElementById("search");
    var input = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!box || !input || !results) return;
    var root = box.getAttribute("data-root") || "./", ix = box.getAttribute("data-ix") || "";
    var engine = new Engine(root), generation = 0, timer = null;

    function link(r, words) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + r.path + ix;
      highlight(a, r.title, words);
      var h = document.createElement("h2");
      h.className = "result-title";
      h.appendChild(a);
      li.appendChild(h);
      var meta = [r.byline, r.date, r.venue].filter(Boolean).join(" · ");
      if (meta) { var p = document.createElement("p"); p.className = "result-meta"; p.textContent = meta; li.appendChild(p); }
      if (r.snippet) { var s = document.createElement("p"); s.className = "result-snippet"; highlight(s, r.snippet, words); li.appendChild(s); }
      return li;
    }

    async function show(list, found, shown, words, mine) {
      var page = await Promise.all(found.slice(shown, shown + PAGE).map(function (p) { return engine.display(p); }));
      if (mine !== generation) return;
      page.filter(Boolean).forEach(function (r) { list.appendChild(link(r, words)); });
      var more = document.getElementById("search-more");
      if (more) more.remove();
      if (shown + PAGE < found.length) {
        more = document.createElement("button");
        more.id = "search-more";
        more.type = "button";
        more.textContent = "Show more";
        more.addEventListener("click", function () { show(list, found, shown + PAGE, words, mine); });
        results.appendChild(more);
      }
    }

    async function run(query) {
      var mine = ++generation;
      var url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
      var parsed = parse(query);
      if (length(parsed.text.trim()) < 2 && !parsed.filters.length) {
        results.replaceChildren();
        if (status) status.textContent = "";
        return;
      }
      var answer = await engine.search(query);
      if (mine !== generation) return;
      var list = document.createElement("ol");
      list.className = "search-list";
      results.replaceChildren(list);
      if (status) status.textContent = answer.papers.length === 1 ? "1 paper found" : answer.papers.length + " papers found";
      await show(list, answer.papers, 0, new Set(answer.words), mine);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, DEBOUNCE_MS);
    });
    input.form && input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });

    // Arrow keys walk from the box through the results; Escape goes back to the box.
    function links() { return Array.from(results.querySelectorAll("a")); }
    document.addEventListener("keydown", function (event) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
        if (at + 1 < all.length) { all[at + 1].focus(); event.preventDefault(); }
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at > 0 ? all[at - 1] : input).focus();
        event.preventDefault();
      } else if (event.key === "Escape" && at >= 0) {
        input.focus();
      }
    });

    // Filters: picking one writes it into the query, so the URL and `digest search` say the same.
    var filters = document.getElementById("search-filters");
    if (filters) {
      filters.addEventListener("toggle", async function () {
        if (!filters.open || filters.getAttribute("data-loaded")) return;
        filters.setAttribute("data-loaded", "1");
        var facets = await engine.file("search/facets.json");
        if (!facets) return;
        fill("filter-tag", facets.tags.map(function (t) { return [t[0], t[0] + " (" + t[1] + ")"]; }));
        fill("filter-year", facets.years.map(function (y) { return [y[0], y[0] + " (" + y[1] + ")"]; }));
        fill("filter-venue", facets.venues.map(function (v) { return [v[0], v[1] + " (" + v[2] + ")"]; }));
      });
      ["tag", "year", "venue"].forEach(function (kind) {
        var select = document.getElementById("filter-" + kind);
        if (!select) return;
        select.addEventListener("change", function () {
          var rest = input.value.replace(new RegExp("\\s*" + kind + ":(\"[^\"]*\"|\\S+)", "gi"), "").trim();
          input.value = (rest + (select.value ? " " + kind + ":" + select.value : "")).trim();
          run(input.value);
        });
      });
    }
    function fill(id, options) {
      var select = document.getElementById(id);
      if (!select) return;
      options.forEach(function (o) {
        var option = document.createElement("option");
        option.value = o[0];
        option.textContent = o[1];
        select.appendChild(option);
      });
    }

    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; run(initial); }
  }

  if (document.readyState !== "loading") start(); else document.addEventListener("DOMContentLoaded", start);
})();
