extension SiteRenderer {
    /// The listings, by file name.
    func sourceIndexContext(into context: inout [String: Any]) {
        let root = context["root"] as! String
        context["sources"] = model.sources.map { ["url": link(root, "sources/\($0.id)/"), "title": $0.title, "listing": $0.listing, "count": $0.papers.count] }
    }

    /// One listing's papers, in the listing's order, paginated: a conference's list of
    /// accepted papers runs to thousands.
    func sourceContext(_ index: Int, page n: Int, into context: inout [String: Any]) {
        let source = model.sources[index]
        let root = context["root"] as! String
        context["title"] = source.title
        context["listing"] = source.listing
        context["count"] = source.papers.count
        if let format = source.format { context["format"] = format.displayName }
        paginate(source.papers, page: n, root: root, folder: "sources/\(source.id)/", newestFirst: false, into: &context)
    }
}
