/// The hash of a paper page's, an author page's, a list page's (home, tag, source) or the
/// author index's inputs, and of a paper's list item, taken from the model itself.
///
/// A rebuild hashes every page's inputs to find the few that changed; for the other pages it
/// hashes their template context (`ContextHash`). Paper and author pages are 255k of the 350k
/// pages at 100k papers: making and hashing their contexts to find the ~600 pages one edit
/// changes took 3 s of a 19 s rebuild. The author index is one page of 155k entries, hashed
/// on one core. These hashes take, instead, each model value their context reads
/// (`paperContext`, `authorContext`, `authorIndexContext`, `common`) — each paper's list item by
/// its summary hash, as contexts do. What digest's code makes from those values (HTML, BibTeX,
/// JSON-LD, links, display dates) is left out: the digest executable is in the build's
/// fingerprint. `PageInputsTests` changes each fact a record can hold and checks that every
/// page whose context changed got a new hash.
extension SiteRenderer {
    func modelHash(of page: Page) -> UInt64? {
        switch page.kind {
        case .paper(let index): return paperInputs(index, path: page.path)
        case .author(let index): return authorInputs(index, path: page.path)
        case .authorIndex: return authorIndexInputs(path: page.path)
        case .home(let n): return homeInputs(page: n, path: page.path)
        case .tag(let i, let n):
            let tag = model.tags[i]
            return listInputs(kind: 5, path: page.path, papers: tag.papers, page: n) { $0.add(tag: 1, tag.id) }
        case .source(let i, let n):
            let source = model.sources[i]
            return listInputs(kind: 6, path: page.path, papers: source.papers, page: n, countOnEveryPage: true) { hash in
                hash.add(tag: 1, source.title)
                hash.add(tag: 2, source.listing)
                hash.add(tag: 3, source.format?.displayName)
            }
        default: return nil
        }
    }

    /// A page of a list of papers (the home page's, a tag's, a source's): the papers it shows,
    /// each by its summary hash as its item is, the count of all on the first page (its count
    /// and count of pages) or where every page shows it (`countOnEveryPage`: a source's), else
    /// whether a page comes after it (its next link: see `pagination`; the labels and links
    /// follow from the kind and the path), and `own`, what else its context has. (Hashed as
    /// contexts, the 15k list pages of a 100k site, each a table of its items and links cast
    /// value by value, were 0.13 CPU-s of every rebuild.)
    private func listInputs(kind: UInt8, path: String, papers: some Collection<Int>, page n: Int, countOnEveryPage: Bool = false,
                            _ own: (inout ContextHash) -> Void) -> UInt64 {
        var hash = pageHash(kind: kind, path: path)
        if n == 1 || countOnEveryPage { hash.add(tag: 30, papers.count) } else { hash.add(tag: 34, n * perPage < papers.count ? 1 : 0) }
        hash.add(tag: 31, n)
        for paper in papers.dropFirst((n - 1) * perPage).prefix(perPage) { hash.add(tag: 32, summaryHashes[paper]) }
        hash.add(byte: 33)
        own(&hash)
        return hash.value
    }

    /// The home page's: the newest papers, the counts, and on the first page every tag's
    /// and source's entry (`homeContext`).
    private func homeInputs(page n: Int, path: String) -> UInt64 {
        listInputs(kind: 4, path: path, papers: model.papers.indices, page: n) { hash in
            guard n == 1 else { return }
            hash.add(tag: 1, model.authors.count)
            for tag in model.tags {
                hash.add(tag: 2, tag.id)
                hash.add(tag: 3, tag.papers.count)
            }
            for source in model.sources {
                hash.add(tag: 4, source.id)
                hash.add(tag: 5, source.title)
                hash.add(tag: 6, source.papers.count)
            }
        }
    }

    /// (Its facts by the key the paper cache keeps with them, `pageKey`; how its sources are
    /// shown, which the model decides, by each source's.)
    private func paperInputs(_ index: Int, path: String) -> UInt64 {
        var hash = pageHash(kind: 1, path: path)
        addPaperInputs(index, to: &hash)
        for related in model.related[index] { hash.add(tag: 20, summaryHashes[related]) }
        return hash.value
    }

    /// All a paper's page is made from but its related papers (`RelatedBlock`): whether it has
    /// any, not which.
    func paperBase(_ index: Int, path: String) -> UInt64 {
        var hash = pageHash(kind: 1, path: path)
        addPaperInputs(index, to: &hash)
        hash.add(tag: 21, model.related[index].isEmpty ? 0 : 1)
        return hash.value
    }

    private func addPaperInputs(_ index: Int, to hash: inout ContextHash) {
        hash.add(tag: 1, keys[index].text)  // its title and abstract
        hash.add(tag: 2, keys[index].page)
        for source in model.papers[index].sources {
            let shown = model.sourcePlace(listing: source.listing)
            hash.add(tag: 16, shown.map { model.sources[$0].id })
            hash.add(tag: 17, shown.map { model.sources[$0].title })
        }
        for author in model.paperAuthors[index] { hash.add(tag: 18, authorHashes[author]) }
    }

    /// All of a paper's facts its page shows but its title and abstract (`KeptWords.textKey`),
    /// hashed: kept with it in the paper cache (`PaperKeys.page`).
    static func pageKey(_ facts: PaperFacts) -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 2, facts.titleInferred ? "1" : "0")
        hash.add(tag: 3, facts.authors)
        hash.add(tag: 4, facts.authorCount)
        hash.add(tag: 5, facts.organization)
        hash.add(tag: 6, facts.affiliation)
        hash.add(tag: 7, facts.date)
        hash.add(tag: 8, facts.upvotes)
        hash.add(tag: 9, facts.venue)
        hash.add(tag: 10, facts.session)
        hash.add(tag: 11, facts.room)
        hash.add(tag: 13, facts.tags)
        for source in facts.sources {
            hash.add(tag: 14, source.listing)
            hash.add(tag: 15, source.line)
        }
        return hash.value
    }

    private func authorInputs(_ index: Int, path: String) -> UInt64 {
        var hash = pageHash(kind: 2, path: path)
        addAuthorInputs(index, to: &hash)
        return hash.value
    }

    /// (The name by the author's hash, `authorHashes`: hashed again, 155k names were 23M
    /// instructions of every rebuild at 100k papers.)
    private func addAuthorInputs(_ index: Int, to hash: inout ContextHash) {
        let author = model.authors[index]
        hash.add(tag: 1, authorHashes[index])
        for paper in author.papers { hash.add(tag: 2, summaryHashes[paper]) }
        for coauthor in author.coauthors {
            hash.add(tag: 3, authorHashes[coauthor.author])
            hash.add(tag: 5, coauthor.count)
        }
    }

    /// What a paper's list item is made from (`summary`: id, title, tags, byline, date, venue,
    /// upvotes), taken from the model: every page that lists the paper takes this for its item.
    /// (Made by hashing the summary, it was the item's HTML title and links made for each of
    /// 100k papers in every rebuild: 0.6–0.8 s of a tags edit's render stage.) Its facts by
    /// the key the paper cache keeps with them (`summaryKey`); the byline by the authors it
    /// names, each by their hash (`authorHashes`), rather than made for each of 100k papers.
    func summaryInputs(_ index: Int, keys: [PaperKeys], authorHashes: [UInt64]) -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 1, model.papers[index].id)
        hash.add(tag: 2, keys[index].summary)
        let authors = model.paperAuthors[index]
        for n in 0..<(authors.count > 3 ? 2 : authors.count) { hash.add(tag: 23, authorHashes[authors[n]]) }
        hash.add(byte: authors.count > 3 ? 24 : 25)  // et al.
        return hash.value
    }

    /// The facts a paper's list item shows, hashed: kept with it in the paper cache
    /// (`PaperKeys.summary`). (The count of authors and the organisation, shown when it names
    /// no author, whether it does or not.)
    static func summaryKey(_ facts: PaperFacts) -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 2, facts.title)
        hash.add(tag: 3, facts.tags)
        hash.add(tag: 21, facts.authorCount)
        hash.add(tag: 22, facts.organization)
        hash.add(tag: 5, facts.date)
        hash.add(tag: 6, facts.venue)
        hash.add(tag: 7, facts.upvotes)
        return hash.value
    }

    /// What feed `n` is made from (`atomFeed`): its path and title, the site's language, and
    /// for each entry its paper's summary (id, title, tags, byline, date), title and abstract
    /// (`textKeys`) and every author's name: a rebuild makes again only the feeds it changes
    /// (each of 57 at 100k papers, fifty abstracts through cmark, was made in every rebuild).
    func feedInputs(_ n: Int) -> UInt64 {
        let feed = feed(n)
        var hash = pageHash(kind: 7, path: feed.path)
        hash.add(tag: 1, feed.title)
        hash.add(tag: 2, model.config.language)
        for index in feed.papers {
            hash.add(tag: 3, summaryHashes[index])
            hash.add(tag: 4, keys[index].text)
            for author in model.paperAuthors[index] { hash.add(tag: 5, authorHashes[author]) }
            hash.add(byte: 6)
        }
        return hash.value
    }

    /// What a file of the sitemap is made from (`sitemap`): the path of each page it lists and
    /// each paper's date (its `lastmod`), or the count of sitemaps an index names. Made and
    /// hashed whole, the 7 files of a 100k site were 40–48 ms of every rebuild, on its longest path.
    func sitemapInputs(_ file: SitemapFile, _ pages: [Page]) -> UInt64 {
        var hash = pageHash(kind: 8, path: file.path)
        switch file {
        case .index(let parts): hash.add(tag: 1, parts)
        case .urls(_, let listed):
            for index in listed {
                hash.add(tag: 2, pages[index].path)
                if case .paper(let i) = pages[index].kind { hash.add(tag: 3, model.papers[i].date) }
            }
        }
        return hash.value
    }

    /// Each author's name (their initial is made from it), id and count of papers.
    private func authorIndexInputs(path: String) -> UInt64 {
        var hash = pageHash(kind: 3, path: path)
        for a in model.authors.indices {  // (by index: an author copied is a retain per array)
            hash.add(tag: 1, authorHashes[a])
            hash.add(tag: 3, model.authors[a].papers.count)
        }
        return hash.value
    }

    /// An author's id and name (`authorHashes`).
    func authorNameHash(_ index: Int) -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 1, model.authors[index].id)
        hash.add(tag: 2, model.authors[index].name)
        return hash.value
    }

    /// The values every page's context has from the site's settings (`siteWide`, `baseURL`).
    func siteInputs() -> UInt64 {
        var hash = ContextHash()
        hash.add(tag: 0, baseURL)
        hash.add(any: siteWide(root: ""))
        return hash.value
    }

    /// What every page's context has besides its own values: the site-wide settings, and the
    /// link root and canonical address, which follow from the page's path.
    private func pageHash(kind: UInt8, path: String) -> ContextHash {
        var hash = ContextHash()
        hash.add(tag: kind, path)
        hash.add(tag: 0, siteHash)
        return hash
    }
}

private extension ContextHash {
    /// An absent value differs from every present one, the empty text too.
    mutating func add(tag: UInt8, _ text: String?) {
        if let text { add(tag: tag, text) } else { add(byte: 0xFF) }
    }

    mutating func add(tag: UInt8, _ texts: [String]) {
        add(byte: tag)
        for text in texts { add(tag: tag, text) }
        add(byte: 0xFE)
    }

    mutating func add(tag: UInt8, _ value: UInt64) {
        add(byte: tag)
        add(value)
    }

    /// A count, line number or number of upvotes (an absent one as an absent text is), as its
    /// eight bytes: no String made for each of 100k papers in every rebuild.
    mutating func add(tag: UInt8, _ value: Int?) {
        guard let value else { return add(byte: 0xFF) }
        add(tag: tag, UInt64(bitPattern: Int64(value)))
    }
}
