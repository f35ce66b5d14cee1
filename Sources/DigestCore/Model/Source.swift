/// A listing as the site shows it: one page per listing, its papers in listing order.
public struct Source: Sendable {
    public let id: String
    public let listing: String
    public let title: String
    public let format: ListingFormat?
    /// Indices into `SiteModel.papers`, in the order the listing gives them.
    public var papers: [Int]
}

/// What a listing's header says, read from the listing itself when the site still has it.
public struct ListingInfo: Sendable {
    public let format: ListingFormat?
    public let header: ListingHeader

    /// `ICLR 2024 · Poster Session 6 · Halle B`, `Renmin University of China`,
    /// `Daily papers · Dec 11`, or its format when the listing says nothing of itself.
    func title(listing: String, venue: String?) -> String {
        var parts: [String] = []
        if let venue = venue ?? header.venue { parts.append(venue) }
        if let session = header.session { parts.append(session) }
        if let room = header.room { parts.append(room) }
        if let affiliation = header.affiliation { parts.append(affiliation) }
        if parts.isEmpty, format == .dailyPapers {
            parts.append("Daily papers")
            if let date = header.date { parts.append(LineShape.monthNames[date.month - 1] + " \(date.day)" + (date.year.map { ", \($0)" } ?? "")) }
        }
        if parts.isEmpty { parts.append(format.map { $0.displayName.prefix(1).uppercased() + $0.displayName.dropFirst() } ?? listing) }
        return parts.joined(separator: " · ")
    }
}
