extension SiteRenderer {
    /// Tags by name, with counts.
    func tagIndexContext(into context: inout [String: Any]) {
        context["tag_count"] = model.tags.count
        let root = context["root"] as! String
        context["tags"] = model.tags.map { ["id": $0.id, "url": link(root, "tags/\($0.id)/"), "count": $0.papers.count] }
    }

    /// A tag's papers, newest first, paginated; their count on the first page (see `pagination`).
    func tagContext(_ index: Int, page n: Int, into context: inout [String: Any]) {
        let tag = model.tags[index]
        let root = context["root"] as! String
        context["tag"] = tag.id
        context["first_page"] = n == 1
        if n == 1 { context["count"] = tag.papers.count }
        context["tag_root"] = root + "tags/\(tag.id)/"
        paginate(tag.papers, page: n, root: root, folder: "tags/\(tag.id)/", into: &context)
    }
}
