extension SiteRenderer {
    /// The listings, by file name.
    func sourceIndexContext(into context: inout [String: Any]) {
        let root = context["root"] as! String
        context["sources"] = model.sources.map { ["url": link(root, "sources/\($0.id)/"), "title": $0.title, "listing": $0.listing, "count": $0.papers.count] }
    }

    /// One listing's papers, in the listing's order.
    func sourceContext(_ index: Int, into context: inout [String: Any]) {
        let source = model.sources[index]
        context["title"] = source.title
        context["listing"] = source.listing
        context["count"] = source.papers.count
        if let format = source.format { context["format"] = format.displayName }
        context["papers"] = paperList(source.papers, root: context["root"] as! String)
    }
}
