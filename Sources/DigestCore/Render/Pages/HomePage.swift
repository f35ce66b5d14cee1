extension SiteRenderer {
    /// Newest papers, paginated; on the first page, the counts, the tag cloud and the sources.
    func homeContext(page n: Int, into context: inout [String: Any]) {
        let root = context["root"] as! String
        paginate(model.papers.indices, page: n, root: root, folder: "", into: &context)
        context["first_page"] = n == 1
        guard n == 1 else { return }  // (the pages after it change only with their own papers: see `pagination`)
        context["paper_count"] = model.papers.count
        context["author_count"] = model.authors.count
        context["tag_count"] = model.tags.count
        context["source_count"] = model.sources.count
        let most = model.tags.map(\.papers.count).max() ?? 1
        context["tag_cloud"] = model.tags.map { tag -> [String: Any] in
            // Five sizes, by the square root of the share of the largest tag.
            let weight = 1 + Int((Double(tag.papers.count) / Double(most)).squareRoot() * 4)
            return ["id": tag.id, "url": link(root, "tags/\(tag.id)/"), "count": tag.papers.count, "weight": min(5, weight)]
        }
        context["sources"] = model.sources.map { ["url": link(root, "sources/\($0.id)/"), "title": $0.title, "count": $0.papers.count] }
    }
}
