#if canImport(Glibc)
import Glibc
#endif

/// Atom feeds (the site's and one per tag), the sitemap and robots.txt. Links here are
/// absolute, made from `base_url`.
extension SiteRenderer {
    static let feedSize = 50

    /// The site's feed (0) and each tag's (1 on, in the model's order of tags): where it goes,
    /// its title, the page it stands for and its entries' papers.
    struct Feed {
        let path: String
        let title: String
        let alternatePath: String
        let papers: ArraySlice<Int>
    }

    var feedCount: Int { 1 + model.tags.count }

    func feed(_ n: Int) -> Feed {
        guard n > 0 else { return Feed(path: "feed.xml", title: model.config.title, alternatePath: "", papers: Array(model.papers.indices.prefix(Self.feedSize))[...]) }
        let tag = model.tags[n - 1]
        return Feed(path: "tags/\(tag.id)/feed.xml", title: "\(tag.id) · \(model.config.title)", alternatePath: "tags/\(tag.id)/",
                    papers: tag.papers.prefix(Self.feedSize))
    }

    func atomFeed(_ feed: Feed) -> String {
        let entries = feed.papers
        let updated = entries.compactMap { model.papers[$0].date }.max().map { $0 + "T00:00:00Z" } ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"\(model.config.language.isEmpty ? "" : " xml:lang=\"\(Escape.xml(model.config.language))\"")>
        <title>\(Escape.xml(feed.title))</title>
        <id>\(Escape.xml(baseURL + feed.alternatePath))</id>
        <link rel="self" type="application/atom+xml" href="\(Escape.xml(baseURL + feed.path))"/>
        <link rel="alternate" type="text/html" href="\(Escape.xml(baseURL + feed.alternatePath))"/>
        <updated>\(updated)</updated>
        <generator>PaperDigest</generator>

        """
        for index in entries {
            let paper = model.papers[index]
            let url = baseURL + "papers/\(paper.id)/"
            xml += "<entry>\n<title>\(Escape.xml(paper.title))</title>\n<id>\(Escape.xml(url))</id>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(url))\"/>\n"
            xml += "<updated>\(paper.date.map { $0 + "T00:00:00Z" } ?? updated)</updated>\n"
            let names = model.paperAuthors[index].map { model.authors[$0].name }
            for name in names.isEmpty ? [byline(index) ?? model.config.title] : names {
                xml += "<author><name>\(Escape.xml(name))</name></author>\n"
            }
            for tag in paper.tags { xml += "<category term=\"\(Escape.xml(tag))\"/>\n" }
            if !paper.abstractText.isEmpty {
                let html = feedAbstracts.value(index) { MathText.markdownHTML(paper.abstract) }
                xml += "<summary type=\"html\">\(Escape.xml(html))</summary>\n"
            }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// A file of the sitemap: `sitemap.xml` listing the pages, or above `limit` pages (the
    /// sitemaps protocol's 50,000 URLs a file) an index of sitemaps there and the pages in
    /// `sitemaps/N.xml`, `limit` to a file. Made only when written (`sitemap`): a rebuild
    /// knows one unchanged by what it is made from (`sitemapInputs`), as a feed.
    enum SitemapFile: Sendable {
        /// The pages listed, by index.
        case urls(path: String, pages: ArraySlice<Int>)
        /// `sitemap.xml` naming `parts` sitemaps.
        case index(parts: Int)

        var path: String {
            switch self {
            case .urls(let path, _): return path
            case .index: return "sitemap.xml"
            }
        }
    }

    /// The sitemap's files for `pages`, every page but the 404 page, in page order.
    func sitemapFiles(_ pages: [Page], limit: Int = 50_000) -> [SitemapFile] {
        let listed = pages.indices.filter { pages[$0].kind != .notFound }
        guard listed.count > limit else { return [.urls(path: "sitemap.xml", pages: listed[...])] }
        let parts = stride(from: 0, to: listed.count, by: limit).map { listed[$0..<min($0 + limit, listed.count)] }
        return [.index(parts: parts.count)] + parts.enumerated().map { .urls(path: "sitemaps/\($0.offset + 1).xml", pages: $0.element) }
    }

    /// A file of the sitemap, as bytes: they are written as they are made.
    func sitemap(_ file: SitemapFile, _ pages: [Page]) -> [UInt8] {
        switch file {
        case .urls(_, let listed): return urlset(pages, listed)
        case .index(let parts):
            var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for n in 0..<parts { index += "<sitemap><loc>\(Escape.xml(baseURL))sitemaps/\(n + 1).xml</loc></sitemap>\n" }
            return Array((index + "</sitemapindex>\n").utf8)
        }
    }

    /// The sitemap (`<urlset>`) of `pages` at `listed`, made as bytes, `base_url` escaped
    /// once: a String grown by interpolation, for each of 350k pages at 100k papers, was
    /// 0.2–0.3 s of every build. A page's URL (its path without `index.html`) goes in from its
    /// own bytes unless it has a byte to escape. The file's length is counted first and its
    /// pieces copied into room made once: five appends to a growing array for each of 370k
    /// URLs, each checking its room, were 0.37 billion instructions of a listing's rebuild at
    /// 100k papers.
    private func urlset(_ pages: [Page], _ listed: ArraySlice<Int>) -> [UInt8] {
        let head = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".utf8)
        let base = Array(Escape.xml(baseURL).utf8)  // escaping goes byte by byte: the parts escape as the whole
        let (open, close, lastmod, end) = (Array("<url><loc>".utf8), Array("</loc>".utf8), Array("<lastmod>".utf8), Array("</lastmod>".utf8))
        let (urlEnd, tail) = (Array("</url>\n".utf8), Array("</urlset>\n".utf8))
        // Each page's URL as it goes in: how many bytes of its path (up to `index.html`), or -1
        // for its escaped text (rare: a record's own id may hold `&`). And each paper's date.
        var escaped: [Int: [UInt8]] = [:]
        var length = head.count + tail.count
        let (fixed, dated) = (open.count + base.count + close.count + urlEnd.count, lastmod.count + end.count)
        let kept = listed.map { index -> Int in
            var path = pages[index].path
            // (The escaped text made from the same bytes as the plain one: one rule for a URL.)
            let (kept, text) = path.withUTF8 { path -> (Int, [UInt8]?) in
                let url = UnsafeBufferPointer(rebasing: path[..<(path.count - (Self.endsInFolderPage(path) ? Self.folderPage.count : 0))])
                guard url.contains(where: { $0 < 0x40 && Escape.xmlEscaped($0) }) else { return (url.count, nil) }
                return (-1, Array(Escape.xml(String(decoding: url, as: UTF8.self)).utf8))
            }
            if let text { escaped[index] = text }
            length += fixed + (text?.count ?? kept)
            if case .paper(let i) = pages[index].kind, let date = model.papers[i].date { length += dated + date.utf8.count }
            return kept
        }
        return [UInt8](unsafeUninitializedCapacity: length) { room, count in
            // (Each piece copied to a place passed along: a nested function that moved a
            // captured place had each access checked, 3.3M of them.)
            var at = room.baseAddress!
            Self.copy(head, to: &at)
            for (index, kept) in zip(listed, kept) {
                Self.copy(open, to: &at)
                Self.copy(base, to: &at)
                if kept < 0 {
                    Self.copy(escaped[index]!, to: &at)
                } else {
                    var path = pages[index].path
                    path.withUTF8 { Self.copy(UnsafeBufferPointer(rebasing: $0[..<kept]), to: &at) }
                }
                Self.copy(close, to: &at)
                if case .paper(let i) = pages[index].kind, var date = model.papers[i].date {
                    Self.copy(lastmod, to: &at)
                    date.withUTF8 { Self.copy($0, to: &at) }
                    Self.copy(end, to: &at)
                }
                Self.copy(urlEnd, to: &at)
            }
            Self.copy(tail, to: &at)
            count = at - room.baseAddress!
            precondition(count == length, "the sitemap's bytes counted and written differ")
        }
    }

    private static let folderPage = Array("index.html".utf8)

    private static func endsInFolderPage(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        path.count >= folderPage.count && folderPage.withUnsafeBytes { memcmp(path.baseAddress! + (path.count - $0.count), $0.baseAddress!, $0.count) == 0 }
    }

    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to at: inout UnsafeMutablePointer<UInt8>) {
        if let from = bytes.baseAddress { at.update(from: from, count: bytes.count) }
        at += bytes.count
    }

    private static func copy(_ bytes: [UInt8], to at: inout UnsafeMutablePointer<UInt8>) {
        bytes.withUnsafeBufferPointer { copy($0, to: &at) }
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\n" + (baseURL.isEmpty ? "" : "Sitemap: \(baseURL)sitemap.xml\n")
    }
}
