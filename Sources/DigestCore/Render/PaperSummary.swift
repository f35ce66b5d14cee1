/// How a paper appears in a list: title, byline, date, venue, tags.
extension SiteRenderer {
    /// Links start at `root`. (Pages tell whether the item changed by `summaryInputs`, a hash
    /// of the values this is made from.)
    func summary(_ index: Int, root: String = "./") -> [String: Any] {
        var item: [String: Any] = [:]
        for name in Self.summaryNames { item[name] = summaryValue(index, root: root, name) }
        return item
    }

    /// The names of a paper's summary (`summary`): those with a value are there.
    static let summaryNames = ["id", "url", "title_html", "tags", "tag_links", "has_tags", "byline", "date", "date_display", "venue", "upvotes"]

    /// The value of the summary's `name` for paper `index`, made alone; nil when it has none.
    /// A filled item template asks for its names one by one (`renderItem`): a related item's
    /// three made with all the others, in a dictionary, were 22k instructions each.
    func summaryValue(_ index: Int, root: String, _ name: String) -> Any? {
        let paper = model.papers[index]
        switch name {
        case "id": return paper.id
        case "url": return link(root, "papers/\(paper.id)/")
        case "title_html": return MathText.inlineHTML(paper.title)
        case "tags": return paper.tags.map { TagLink(tag: $0, root: root, renderer: self) }
        case "tag_links": return RenderedItems(items: paper.tags.map { TagLink(tag: $0, root: root, renderer: self) })
        case "has_tags": return !paper.tags.isEmpty
        case "byline": return byline(index)
        case "date": return paper.date
        case "date_display": return paper.date.map(Self.displayDate)
        case "venue": return paper.venue
        case "upvotes": return paper.upvotes.flatMap { $0 > 0 ? $0 : nil }
        default: return nil
        }
    }

    /// `A, B and C`, `A, B et al.`, `4 authors` or the organisation.
    func byline(_ index: Int) -> String? {
        // Only the names shown are looked up, and the paper is not copied: a paper page asks
        // this of each related paper.
        let authors = model.paperAuthors[index]
        func name(_ n: Int) -> String { model.authors[authors[n]].name }
        switch authors.count {
        case 0:
            let facts = model.papers[index].facts
            if let count = facts.authorCount { return counted(count, "author") }
            return facts.organization
        case 1: return name(0)
        case 2: return name(0) + " and " + name(1)
        case 3: return name(0) + ", " + name(1) + " and " + name(2)
        default: return name(0) + ", " + name(1) + " et al."
        }
    }

    /// `2024-07-20` → `20 Jul 2024`.
    static func displayDate(_ iso: String) -> String {
        guard let date = LineShape.isoDate(iso), (1...12).contains(date.month) else { return iso }
        return "\(date.day) \(LineShape.monthNames[date.month - 1]) \(iso.prefix(4))"
    }

    /// A page's list of papers as the `paper-list` template takes it: `papers`, each item's
    /// `html`, and `paper_items`, all of them. Items are rendered through `paper-item` once
    /// per paper and link depth for the whole build, not once per page — a paper shows on
    /// the home, tag, author and source pages.
    func paperList(_ indices: some Collection<Int>, root: String, into context: inout [String: Any]) {
        let items = indices.map { PaperItem(index: $0, root: root, summaryHash: summaryHashes[$0], renderer: self) }
        context["papers"] = items
        context["paper_items"] = RenderedItems(items: items)
    }

    /// The paper as an item of a list: `template` (`paper-item`, `related-item`) given its
    /// summary, `root` and `ix`.
    func renderItem(_ index: Int, root: String, template: String = "paper-item") -> String {
        // Filled in when the template allows (`FlatTemplate`), each name's value made as it is
        // asked for: a render of a paper's item or related item was ~30k instructions, 7.8% of a
        // 10k-paper full build.
        if let flat = templates.flat[template],
           let html = flat.fill({ name in name == "root" ? root : name == "ix" ? ix : summaryValue(index, root: root, name) }) {
            return html
        }
        var context = summary(index, root: root)
        context["root"] = root
        context["ix"] = ix
        return templates.render(context, template: template)
    }

    /// Stands for the link root in a list item rendered once for every page that lists the
    /// paper; each page puts its own root in (`./` on the home page, `../../` on an author's).
    /// HTML escaping leaves control characters as they are, and listing text never has them.
    static let rootMark = "\u{1}root\u{1}"

    /// Whether the item's own text could hold the mark (a hand-written record with control
    /// characters): such an item is rendered for each root instead.
    func mayHoldRootMark(_ index: Int) -> Bool {
        let paper = model.papers[index]
        let texts = [paper.title, paper.organization ?? "", paper.venue ?? "", paper.date ?? ""] + paper.tags
            + model.paperAuthors[index].map { model.authors[$0].name }
        return texts.contains { $0.containsByte(1) }
    }

    /// The renderer ready to render any page on its own, each list item made when a page first
    /// lists it (a renderer only initialised has no paper's summary, which a page's context and
    /// list items are made from: the micro benchmark's paper page stopped at it).
    public func prepared() -> SiteRenderer { prepared(renderAll: false) }

    /// Every paper's summary hash and author's hash, on all cores, and the site-wide values'
    /// hash (`modelHash` takes them, and each paper's `keys`, made here when not given); with
    /// `renderAll`, also every list item (what a full build needs anyway).
    func prepared(renderAll: Bool, workers: Workers = .threads, keys given: [PaperKeys]? = nil) -> SiteRenderer {
        let keys = given ?? ParallelMap.run(model.papers.count) { PaperKeys(self.model.papers[$0]) }
        let authorHashes = workers.map(model.authors.count) { self.authorNameHash($0) }
        let renderer = SiteRenderer(self, summaryHashes: workers.map(model.papers.count) { self.summaryInputs($0, keys: keys, authorHashes: authorHashes) },
                                    authorHashes: authorHashes, keys: keys, siteHash: siteInputs())
        if renderAll {
            renderer.items.fill(workers.map(model.papers.count) { self.markedItem($0) })
            // Each paper's page lists its related papers' items, an item on five pages on average,
            // which render workers share out: made here once, before they fork, not in each.
            if let first = model.papers.first {
                let root = self.root(of: Page(kind: .paper(0), path: Self.paperPath(first.id)))  // every paper page's
                let listed = Set(model.related.joined()).sorted()
                let related = workers.map(listed.count) { RelatedItem.render(listed[$0], root: root, renderer: self) }
                renderer.relatedItems.fill(Dictionary(uniqueKeysWithValues: zip(listed, related).map { (RelatedItem.Key(index: $0, root: root), $1) }))
            }
        }
        return renderer
    }

    /// This renderer, prepared (not to render all), for the model it was made for with its
    /// related papers: none of what it prepared is made from those, so a rebuild prepares it
    /// while they are found.
    func with(related: [[Int]]) -> SiteRenderer {
        SiteRenderer(self, model: model.with(related: related), summaryHashes: summaryHashes, authorHashes: authorHashes, keys: keys, siteHash: siteHash)
    }

    /// The item with `rootMark` for its root, or nil when it must be rendered per root.
    func markedItem(_ index: Int) -> String? {
        mayHoldRootMark(index) ? nil : renderItem(index, root: Self.rootMark)
    }
}
