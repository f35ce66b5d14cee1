import Foundation

/// The pages of a site, and how each is rendered. A `Page` is a plain value, so pages can be
/// listed first and rendered in parallel; each render reads only the shared, immutable model.
/// A class: every list item of every page holds the renderer, and a copy of a struct this
/// size was a retain and a release of each of its ~25 references, on both render threads.
public final class SiteRenderer: Sendable {
    public enum Kind: Sendable, Hashable {
        case home(page: Int), paper(Int), authorIndex, author(Int), tagIndex, tag(Int, page: Int)
        case sourceIndex, source(Int, page: Int), search, notFound

        /// The name the build summary counts pages under.
        public var group: String {
            switch self {
            case .home: return "home"
            case .paper: return "papers"
            case .authorIndex, .author: return "authors"
            case .tagIndex, .tag: return "tags"
            case .sourceIndex, .source: return "sources"
            case .search: return "search"
            case .notFound: return "404"
            }
        }
    }

    public struct Page: Sendable {
        public let kind: Kind
        /// Inside the output folder, e.g. `papers/<id>/index.html`.
        public let path: String
    }

    /// Directory links end in `/` (`pretty`, for web servers) or `/index.html` (`files`, for
    /// browsing the folder from disk).
    public enum LinkStyle: String, Sendable, CaseIterable { case pretty, files }

    public let model: SiteModel
    public let templates: TemplateSet
    public let linkStyle: LinkStyle
    public let katex: Bool
    /// `base_url` with a trailing slash, or empty.
    public let baseURL: String
    /// Paper list items, rendered once per paper and link root (see `prepared`).
    let items: ItemMemo
    /// Co-author list items, rendered once per co-author, count and link root.
    let coauthorItems: LockedMemo<CoauthorItem.Key, String>
    /// Related paper list items, rendered once per paper and link root.
    let relatedItems: LockedMemo<RelatedItem.Key, String>
    /// A paper page's author links and tags, rendered once per author (or tag) and link root.
    let authorLinks: LockedMemo<AuthorLink.Key, String>
    let tagLinks: LockedMemo<TagLink.Key, String>
    /// The site's head links, header and footer, rendered once per link root.
    let chrome: ChromeMemo
    /// Abstracts as HTML, made for the feeds' entries (2,050 at most) and read again by those
    /// papers' pages; other pages make their own and keep none (100k abstracts: 200 MB).
    let feedAbstracts: LockedMemo<Int, String>
    /// Hash of each paper's summary, the input of its list items (`prepared`).
    let summaryHashes: [UInt64]
    /// Hash of each author's id and name, what a page shows of a co-author or of a paper's
    /// author (`prepared`): 2M co-author entries at 100k papers, hashed as two texts each, were
    /// a third of a rebuild's page checks.
    let authorHashes: [UInt64]
    /// Each paper's keys (`PaperKeys`), as the build has them from the paper cache: its title
    /// and abstract hashed, for its related papers and search words, and its facts, for its list
    /// item and its page. A rebuild's page checks take them rather than hashing the texts and
    /// facts of 100k papers again (`prepared`).
    let keys: [PaperKeys]
    /// Hash of the site-wide values every page's context has (`siteWide`, `baseURL`).
    let siteHash: UInt64

    public init(model: SiteModel, templates: TemplateSet, linkStyle: LinkStyle, katex: Bool, baseURL: String) {
        self.model = model
        self.templates = templates
        self.linkStyle = linkStyle
        self.katex = katex
        self.baseURL = baseURL.isEmpty || baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        (items, coauthorItems, relatedItems, chrome) = (ItemMemo(), LockedMemo(), LockedMemo(), ChromeMemo())
        (authorLinks, tagLinks, feedAbstracts) = (LockedMemo(), LockedMemo(), LockedMemo())
        (summaryHashes, authorHashes, keys, siteHash) = ([], [], [], 0)
    }

    /// The same renderer with its hashes made (`prepared`); the memos are shared.
    init(_ renderer: SiteRenderer, model: SiteModel? = nil, summaryHashes: [UInt64], authorHashes: [UInt64], keys: [PaperKeys], siteHash: UInt64) {
        (self.model, templates, linkStyle, katex, baseURL) = (model ?? renderer.model, renderer.templates, renderer.linkStyle, renderer.katex, renderer.baseURL)
        (items, coauthorItems, relatedItems, chrome) = (renderer.items, renderer.coauthorItems, renderer.relatedItems, renderer.chrome)
        (authorLinks, tagLinks, feedAbstracts) = (renderer.authorLinks, renderer.tagLinks, renderer.feedAbstracts)
        (self.summaryHashes, self.authorHashes, self.keys, self.siteHash) = (summaryHashes, authorHashes, keys, siteHash)
    }

    var perPage: Int { max(1, model.config.perPage) }

    static func pageCount(_ items: Int, perPage: Int) -> Int { max(1, (items + perPage - 1) / perPage) }

    /// Every page of the site, in a fixed order.
    /// `last`: the last build's outputs, pages first, in this order: a paper's or author's
    /// page whose path is there takes that String, not one made again (255k at 100k papers,
    /// 0.22 billion instructions of every rebuild, which then compared them with those byte by
    /// byte), found where the page before's was, or near (`PathCursor`).
    public func pages(reusing last: [String] = []) -> [Page] {
        var pages: [Page] = []
        /// A list of `count` papers under `folder`, over pages of `perPage`.
        func paginated(_ count: Int, folder: String, _ kind: (Int) -> Kind) {
            for n in 1...Self.pageCount(count, perPage: perPage) {
                pages.append(Page(kind: kind(n), path: folder + (n == 1 ? "" : "page/\(n)/") + "index.html"))
            }
        }
        // The home pages, then the papers' and authors' pages (255k at 100k papers), each path a
        // String made, on every core: on one, they were 80 ms of every 100k rebuild, where nothing
        // else ran beside them. Made in their places in the list (`batched`), not copied there.
        paginated(model.papers.count, folder: "") { .home(page: $0) }
        let (model, home) = (self.model, pages)
        let (papersAt, authorsAt) = (home.count, home.count + model.papers.count + 1)
        pages = ParallelMap.batched(authorsAt + model.authors.count, carrying: { PathCursor() }) { cursor, i in
            if i < papersAt { return home[i] }
            func path(_ folder: StaticString, _ id: String) -> String {
                cursor.find(folder, id, Self.pageFile, in: last, expected: i) ?? Self.pagePath(folder, id)
            }
            if i >= authorsAt { return Page(kind: .author(i - authorsAt), path: path(Self.authorFolder, model.authors[i - authorsAt].id)) }
            if i < authorsAt - 1 { return Page(kind: .paper(i - papersAt), path: path(Self.paperFolder, model.papers[i - papersAt].id)) }
            return Page(kind: .authorIndex, path: "authors/index.html")
        }
        pages.append(Page(kind: .tagIndex, path: "tags/index.html"))
        for (i, tag) in model.tags.enumerated() { paginated(tag.papers.count, folder: "tags/\(tag.id)/") { .tag(i, page: $0) } }
        pages.append(Page(kind: .sourceIndex, path: "sources/index.html"))
        for (i, source) in model.sources.enumerated() { paginated(source.papers.count, folder: "sources/\(source.id)/") { .source(i, page: $0) } }
        pages.append(Page(kind: .search, path: "search/index.html"))
        pages.append(Page(kind: .notFound, path: "404.html"))
        return pages
    }

    public func render(_ page: Page) -> String {
        render(context(for: page), page: page)
    }

    /// The page as the bytes a build writes (`renderBytes(_:page:)`).
    public func renderBytes(_ page: Page) -> [UInt8] {
        renderBytes(context(for: page), page: page)
    }

    /// The page from its context, with the site's chrome (`site_head`, `site_header`,
    /// `site_footer`) added: the chrome depends only on site-wide values and the link root,
    /// which the context holds, so it is rendered once per root and is not part of the hash.
    func render(_ context: consuming [String: Any], page: Page) -> String {
        templates.render(withChrome(context), template: Self.template(page.kind))
    }

    /// The same page as UTF-8 bytes, as a build writes it: rendered onto bytes, never made a
    /// String (`MustacheBytes`), and its lists' items copied in as bytes.
    func renderBytes(_ context: consuming [String: Any], page: Page) -> [UInt8] {
        templates.renderBytes(withChrome(context), template: Self.template(page.kind), capacity: Self.pageCapacity)
    }

    private func withChrome(_ context: consuming [String: Any]) -> [String: Any] {
        var context = context  // the caller's, not a copy: a page's context is not used after it is rendered
        for (name, html) in chrome.html(root: context["root"] as! String, renderer: self) { context[name] = html }
        return context
    }

    /// Room a page's bytes are made with: the built-in templates' list pages are ~16 KB and
    /// their paper pages ~11 KB at 10k papers (a larger page grows from there), not grown from
    /// nothing and copied at each doubling.
    static let pageCapacity = 16 << 10

    static func template(_ kind: Kind) -> String {
        switch kind {
        case .home: return "home"
        case .paper: return "paper"
        case .authorIndex: return "authors"
        case .author: return "author"
        case .tagIndex: return "tags"
        case .tag: return "tag"
        case .sourceIndex: return "sources"
        case .source: return "source"
        case .search: return "search"
        case .notFound: return "404"
        }
    }

    /// Everything a page's template receives; its hash decides whether the page is rendered
    /// again (for paper and author pages, the hash of what it is made from: `modelHash`).
    func context(for page: Page) -> [String: Any] {
        var context = common(for: page)
        context.reserveCapacity(48)  // a paper page's ~40 values and the chrome, without growing the table on the way
        switch page.kind {
        case .home(let n): homeContext(page: n, into: &context)
        case .paper(let i): paperContext(i, into: &context)
        case .authorIndex: authorIndexContext(into: &context)
        case .author(let i): authorContext(i, into: &context)
        case .tagIndex: tagIndexContext(into: &context)
        case .tag(let i, let n): tagContext(i, page: n, into: &context)
        case .sourceIndex: sourceIndexContext(into: &context)
        case .source(let i, let n): sourceContext(i, page: n, into: &context)
        case .search, .notFound: break
        }
        return context
    }

    /// The hash of a page's inputs, its context given.
    func inputHash(_ context: [String: Any], page: Page) -> UInt64 {
        modelHash(of: page) ?? ContextHash.of(context)
    }

    /// The same from the page alone: paper and author pages' contexts are not made.
    func inputHash(of page: Page) -> UInt64 {
        modelHash(of: page) ?? ContextHash.of(context(for: page))
    }

    /// What every page's layout needs — nothing that changes with every new paper, or every
    /// page would be rendered again whenever one is added.
    func common(for page: Page) -> [String: Any] {
        var context = siteWide(root: root(of: page))
        if !baseURL.isEmpty, page.kind != .notFound { context["canonical"] = baseURL + urlPath(page.path) }
        return context
    }

    /// The same without the page's own address: all the site's chrome is made from.
    func siteWide(root: String) -> [String: Any] {
        var context: [String: Any] = [
            "site_title": model.config.title,
            "lang": model.config.language,
            "root": root,
            "ix": ix,
            "katex": katex,
        ]
        if !model.config.description.isEmpty { context["site_description"] = model.config.description }
        return context
    }

    /// A paper's page.
    static func paperPath(_ id: String) -> String { pagePath(paperFolder, id) }

    /// The page of `id` in `folder` (of papers, of authors).
    static func pagePath(_ folder: StaticString, _ id: String) -> String { String(folder, id, pageFile) }
    static var paperFolder: StaticString { "papers/" }
    static var authorFolder: StaticString { "authors/" }
    static var pageFile: StaticString { "/index.html" }

    /// `../../` from `papers/x/index.html`; `./` at the top. The 404 page is served at any
    /// address, so its links start from the site's own path in `base_url`.
    func root(of page: Page) -> String {
        if page.kind == .notFound {
            guard let url = URL(string: baseURL), !url.path.isEmpty else { return "/" }
            return url.path.hasSuffix("/") ? url.path : url.path + "/"
        }
        // A page's path has no empty part: its depth is its slashes (a split into Substrings
        // per page was 1.8% of a 10k build).
        let depth = page.path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// `papers/x/index.html` → `papers/x/`.
    func urlPath(_ path: String) -> String {
        path.hasSuffix("index.html") ? String(path.dropLast(10)) : path
    }

    /// A link from a page to a folder of the site (`papers/x/`, or `` for the home page).
    func link(_ root: String, _ folder: String) -> String {
        root + folder + ix
    }

    /// What a link to a folder ends in: `index.html` with `--links files`, else nothing.
    var ix: String { linkStyle == .files ? "index.html" : "" }

    /// Page `n` of `papers` (`perPage` to a page, under `folder`): its `papers`, and its
    /// `pagination`, previous / next links. `newestFirst`: the pages step to older papers;
    /// else through a listing, in its order.
    func paginate(_ papers: some Collection<Int>, page n: Int, root: String, folder: String, newestFirst: Bool = true,
                  into context: inout [String: Any]) {
        paperList(papers.dropFirst((n - 1) * perPage).prefix(perPage), root: root, into: &context)
        context["pagination"] = pagination(page: n, count: Self.pageCount(papers.count, perPage: perPage), root: root, folder: folder, newestFirst: newestFirst)
    }

    /// The count of pages is on the first page only: a page after it shows its number, and
    /// changes only when its own papers or its next link do. With the count on every page,
    /// papers added at the end of the home page's list (or a tag's) made every one of its
    /// pages new: 10k of the 22k files a 150-paper listing rewrote at 100k papers, each a
    /// file a static host takes again.
    private func pagination(page n: Int, count: Int, root: String, folder: String, newestFirst: Bool) -> [String: Any]? {
        guard count > 1 else { return nil }
        func target(_ k: Int) -> String { link(root, folder + (k == 1 ? "" : "page/\(k)/")) }
        var p: [String: Any] = ["page": n, "not_first": n > 1,
                                "previous_label": newestFirst ? "Newer" : "Previous", "next_label": newestFirst ? "Older" : "Next"]
        if n == 1 { p["pages"] = count }
        if n > 1 { p["previous"] = target(n - 1) }
        if n < count { p["next"] = target(n + 1) }
        return p
    }
}
