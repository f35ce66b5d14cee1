extension SiteRenderer {
    /// Everything about one paper, with the citation tags Zotero and Google Scholar read.
    /// (A rebuild tells whether it changed from `modelHash`, which takes what this reads.)
    func paperContext(_ index: Int, into context: inout [String: Any]) {
        let paper = model.papers[index]
        let authorIDs = model.paperAuthors[index]
        let names = authorIDs.map { model.authors[$0].name }
        let root = context["root"] as! String
        context["title"] = paper.title
        context["title_html"] = MathText.inlineHTML(paper.title)
        context["title_inferred"] = paper.titleInferred
        let authors = authorIDs.enumerated().map { n, a in AuthorLink(author: a, last: n == authorIDs.count - 1, root: root, renderer: self) }
        context["authors"] = authors
        context["author_links"] = RenderedItems(items: authors)
        context["has_authors"] = !authorIDs.isEmpty
        if authorIDs.isEmpty, let count = paper.authorCount { context["author_count"] = count }
        let citationDate = paper.date.map(CitationMeta.citationDate)
        if let date = paper.date {
            context["date"] = date
            context["date_display"] = Self.displayDate(date)
            context["citation_date"] = citationDate
        }
        for (key, value) in [("venue", paper.venue), ("session", paper.session), ("room", paper.room),
                             ("organization", paper.organization), ("affiliation", paper.affiliation)] {
            if let value { context[key] = value }
        }
        if let upvotes = paper.upvotes { context["upvotes"] = upvotes }
        let tags = paper.tags.map { TagLink(tag: $0, root: root, renderer: self) }
        context["tags"] = tags
        context["tag_links"] = RenderedItems(items: tags)
        context["has_tags"] = !paper.tags.isEmpty
        let keywords = CitationMeta.keywords(paper)
        if let keywords { context["keywords"] = keywords }
        let abstract = paper.abstract  // (made text once: see `AbstractText`)
        if !abstract.isEmpty {
            context["abstract_html"] = feedAbstracts.stored(index) ?? MathText.markdownHTML(abstract)
            context["abstract_text"] = abstract
        }
        context["summary"] = Self.summaryText(title: paper.title, abstract: abstract)
        let related = relatedItems(index, root: root)
        context["related"] = related
        context["related_items"] = RelatedBlock(items: RenderedItems(items: related))
        context["has_related"] = !related.isEmpty
        context["title_query"] = Escape.query(paper.title)
        context["bibtex"] = BibTeX.entry(for: paper, authors: names)
        context["sources"] = paper.sources.map { ref -> [String: Any] in
            let source = model.source(listing: ref.listing)
            return ["url": link(root, "sources/\(source?.id ?? "")/"), "title": source?.title ?? ref.listing, "listing": ref.listing, "line": ref.line]
        }
        context["citation_meta"] = CitationMeta.tags(paper, abstract: abstract, authors: names, date: citationDate, keywords: keywords)
        context["json_ld"] = JSONLD.scholarlyArticle(paper, abstract: abstract, authors: names, url: context["canonical"] as? String)
    }

    /// The abstract's opening, for descriptions and previews: whole words, about 200 characters.
    static func summaryText(title: String, abstract: String) -> String {
        let text = abstract.isEmpty ? title : abstract
        // Walks 200 characters, not the whole abstract as `count` would.
        guard let end = text.index(text.startIndex, offsetBy: 200, limitedBy: text.endIndex), end != text.endIndex else { return text }
        let cut = text[..<end]
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}
