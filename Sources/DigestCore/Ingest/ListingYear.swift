import Foundation
/// The year of a listing's dates that show none. Hugging Face shows the year only for dates
/// outside the page's current year, so unless a setting says otherwise the page's year is the
/// newest year it shows plus one — never later than today.
public struct ListingYear: Sendable, Equatable {
    public let year: Int
    /// Where the year came from, for the summary.
    public let explanation: String

    public static func resolve(entries: [ListingEntry], setting: Int?, today: CalendarDay) -> ListingYear? {
        guard entries.contains(where: { $0.date != nil && $0.date?.year == nil }) else { return nil }
        if let setting { return ListingYear(year: setting, explanation: "year \(setting) from the listing's settings") }
        guard let newest = entries.compactMap({ $0.date?.year }).max() else {
            return ListingYear(year: today.year, explanation: "year \(today.year) assumed: the listing shows no year at all (set one with --year)")
        }
        if newest + 1 > today.year {
            return ListingYear(year: today.year, explanation: "year \(today.year) inferred: newest year shown is \(newest), and not later than today")
        }
        return ListingYear(year: newest + 1, explanation: "year \(newest + 1) inferred: newest year shown is \(newest), plus one")
    }
}

/// A day in the calendar, for "today" without a clock in the core.
public struct CalendarDay: Sendable, Equatable, Comparable {
    public let year: Int, month: Int, day: Int
    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }
    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Today in UTC: the same day on every machine a site is built on.
    public static func today() -> CalendarDay {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDay(year: c.year!, month: c.month!, day: c.day!)
    }
}
