/// Reads the State Council holiday arrangements (国务院办公厅关于部分节假日安排的通知):
///
///     { "source_notes": { "2026": "…where the notice was read…" },
///       "fixed_holidays": [{ "source": "…", "from_year": 2025, "days": ["01-01", "05-01", …] }],
///       "years": { "2026": { "off": ["2026-01-01", …], "workdays": ["2026-01-04", …] } } }
///
/// A year listed under `years` is covered: its working days are exact. In another year
/// the `fixed_holidays` of the law version in force that year are days off. Adding next
/// year's notice is an edit of this file.
struct CalendarLoader {
    let diagnostics: DiagnosticCollector

    func load(_ root: JSONNode) -> WorkingDayCalendar {
        guard var file = ObjectReader(root, "the holiday calendar", diagnostics) else { return .weekendsOnly }
        defer { file.finish() }
        _ = file.member("source_notes")
        var calendar = WorkingDayCalendar()
        calendar.fixedHolidays = (file.array("fixed_holidays") ?? []).compactMap(fixedHolidays)
        guard var years = file.object("years", "`years`", required: true) else { return calendar }
        defer { years.finish() }
        // The dates of all years are gathered first and made sets once, each sized for all
        // its dates, so that no set is rehashed as it grows.
        var daysOff: [CivilDate] = [], extraWorkingDays: [CivilDate] = []
        for member in years.members {
            _ = years.member(member.key)
            guard let year = Int(member.key), (1900...9999).contains(year) else {
                diagnostics.error("bad-value", at: member.keyLocation, "a year of the calendar must be written as four digits, found `\(member.key)`")
                continue
            }
            guard var arrangement = ObjectReader(member.value, "year \(year)", diagnostics) else { continue }
            daysOff += dates(&arrangement, "off")
            extraWorkingDays += dates(&arrangement, "workdays")
            arrangement.finish()
            calendar.coveredYears.insert(year)
        }
        calendar.daysOff = Set(daysOff)
        calendar.extraWorkingDays = Set(extraWorkingDays)
        return calendar
    }

    /// One version of the law's fixed-date holidays: `{source, from_year, until_year, days: ["MM-DD", …]}`.
    private func fixedHolidays(_ node: JSONNode) -> WorkingDayCalendar.FixedHolidays? {
        guard var reader = ObjectReader(node, "fixed holidays", diagnostics) else { return nil }
        defer { reader.finish() }
        _ = reader.string("source", required: true)
        let from = reader.member("from_year", required: true)?.number?.integer, until = reader.member("until_year")?.number?.integer
        var days: Set<Int> = []
        for day in reader.array("days", required: true) ?? [] {
            let parts = (day.string ?? "").split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, let date = CivilDate(year: 2024, month: parts[0], day: parts[1]), date.parts.month == parts[0] else {
                diagnostics.error("bad-date", at: day.location, "`days` of the fixed holidays lists month and day written MM-DD; found \(day.kindName)")
                continue
            }
            days.insert(100 * parts[0] + parts[1])
        }
        guard let from else {
            diagnostics.error("missing-field", at: node.location, "fixed holidays need `from_year`, the first year the law's version applies")
            return nil
        }
        return WorkingDayCalendar.FixedHolidays(fromYear: from, untilYear: until, days: days)
    }

    private func dates(_ reader: inout ObjectReader, _ key: String) -> [CivilDate] {
        (reader.array(key, required: true) ?? []).compactMap { node in
            guard let text = node.string, let date = CivilDate(iso: text) else {
                diagnostics.error("bad-date", at: node.location, "`\(key)` of \(reader.context) lists dates written YYYY-MM-DD; found \(node.kindName)")
                return nil
            }
            return date
        }
    }
}
