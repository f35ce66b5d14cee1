extension SiteRenderer {
    /// A–Z by family name, one section per initial.
    /// (Each author an item that answers for them, not a table of their values: at 100k
    /// papers, 155k tables and their initials made from sort keys were 1.4 billion instructions.)
    func authorIndexContext(into context: inout [String: Any]) {
        context["author_count"] = model.authors.count
        let root = context["root"] as! String
        var letters: [(letter: String, authors: [AuthorIndexItem])] = []
        for a in model.authors.indices {
            let initial = Author.initial(of: model.authors[a].name)
            let item = AuthorIndexItem(author: a, count: model.authors[a].papers.count, root: root, renderer: self)
            if letters.last?.letter == initial { letters[letters.count - 1].authors.append(item) } else { letters.append((initial, [item])) }
        }
        context["letters"] = letters.map {
            ["letter": $0.letter, "letter_id": $0.letter == "#" ? "other" : $0.letter.lowercased(), "authors": $0.authors,
             "author_items": RenderedItems(items: $0.authors)] as [String: Any]
        }
    }

    /// One person's papers, newest first, and co-authors, most shared first.
    func authorContext(_ index: Int, into context: inout [String: Any]) {
        let author = model.authors[index]
        context["name"] = author.name
        context["count"] = author.papers.count
        context["papers_word"] = author.papers.count == 1 ? "paper" : "papers"
        let root = context["root"] as! String
        paperList(author.papers, root: root, into: &context)
        let coauthors = author.coauthors.map { CoauthorItem(author: $0.author, count: $0.count, root: root, renderer: self) }
        context["coauthors"] = coauthors
        context["coauthor_items"] = RenderedItems(items: coauthors)
        context["has_coauthors"] = !author.coauthors.isEmpty
    }

    /// An author's page, linked from a page at `root`.
    func authorURL(_ author: Int, root: String) -> String {
        authorLink(author, root: root).child as! String
    }

    /// An author's page, linked from a page at `root`, in its parts (`FlatValue.link`).
    func authorLink(_ author: Int, root: String) -> FlatValue {
        .link(root: root, folder: "authors/", name: model.authors[author].id, ix: ix)
    }

    /// An author's `url` and `name`, as a co-author item and a paper's author link give them.
    func author(_ name: String, of author: Int, root: String) -> Any? {
        switch name {
        case "url": return authorURL(author, root: root)
        case "name": return model.authors[author].name
        default: return nil
        }
    }
}
