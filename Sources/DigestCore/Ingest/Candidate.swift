/// Turns what a listing says about one paper into normalised `PaperFacts`, filling in what
/// the listing's header and settings say for all of its papers.
enum Candidate {
    static func facts(for entry: ListingEntry, in listing: ParsedListing, name: String,
                      settings: ListingSettings, year: ListingYear?, today: CalendarDay) -> PaperFacts {
        let abstract = TextNormalization.clean(entry.abstract)
        let givenTitle = entry.title.map(TextNormalization.clean) ?? ""
        var facts = PaperFacts(title: givenTitle.isEmpty ? TitleInference.title(fromAbstract: abstract) : givenTitle)
        facts.titleInferred = givenTitle.isEmpty
        facts.authors = entry.authors.map(TextNormalization.clean).filter { !$0.isEmpty }
        facts.authorCount = facts.authors.isEmpty ? entry.authorCount : nil
        facts.organization = entry.organization.flatMap(cleanOrNone)
        facts.affiliation = listing.header.affiliation.flatMap(cleanOrNone)
        if let date = entry.date {
            var y = date.year ?? year?.year ?? today.year
            // A yearless date later than today is last year's.
            if date.year == nil, CalendarDay(year: y, month: date.month, day: date.day) > today { y -= 1 }
            facts.date = date.iso(year: y)
        }
        facts.upvotes = entry.upvotes
        facts.venue = (settings.venue ?? listing.header.venue).flatMap(cleanOrNone)
        facts.session = (settings.session ?? listing.header.session).flatMap(cleanOrNone)
        facts.room = (settings.room ?? listing.header.room).flatMap(cleanOrNone)
        facts.abstract = abstract
        facts.sources = [SourceRef(listing: name, line: entry.firstLine)]
        return facts
    }

    /// Cleaned text, or none when nothing is left: `--venue ""` (or a header's blank venue)
    /// wrote `venue: ''` into every record, a value that shows as an empty line.
    static func cleanOrNone(_ text: String) -> String? {
        let cleaned = TextNormalization.clean(text)
        return cleaned.isEmpty ? nil : cleaned
    }
}
