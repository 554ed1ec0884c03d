import Testing
@testable import DesignationRules

@Suite struct CivilDateTests {
    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    @Test func readsOnlyRealDaysWrittenYYYYMMDD() {
        #expect(CivilDate(iso: "2025-02-30") == nil)
        #expect(CivilDate(iso: "2025/3/1") == nil)
        #expect(CivilDate(iso: "2025-3-1") == nil)
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(date("2026-11-26").description == "2026-11-26")
    }

    /// Every day is written `YYYY-MM-DD` and read back to itself; years a date can only
    /// reach by arithmetic (before 1 or after 9999) keep their padded form.
    @Test func writtenAsReadOnEveryDay() {
        let first = date("0001-01-01").dayNumber, last = date("9999-12-31").dayNumber
        for day in stride(from: first, through: last, by: 97) {
            let written = CivilDate(dayNumber: day).description
            #expect(written.utf8.count == 10 && CivilDate(iso: written)?.dayNumber == day, "\(day): \(written)")
        }
        #expect(date("9999-12-31").description == "9999-12-31")
        #expect(date("0001-01-01").adding(days: -1).description == "0000-12-31")
        #expect(date("9999-12-31").adding(days: 1).description == "10000-01-01")
        #expect(date("0001-01-01").adding(years: -2).description == "00-1-01-01")
    }

    @Test func dayNumbersAndWeekdays() {
        #expect(date("1970-01-01").dayNumber == 0)
        #expect(date("2000-03-01").dayNumber == 11017)
        #expect(date("2026-11-26").weekday == 4) // a Thursday
        #expect(date("2026-11-28").isWeekend)
    }

    /// 《民法典》第二百零二条: the corresponding day, or the month's last day when there is none.
    @Test func monthsEndOnTheCorrespondingDayOrTheLastDay() {
        #expect(date("2026-01-31").adding(months: 1) == date("2026-02-28"))
        #expect(date("2024-01-31").adding(months: 1) == date("2024-02-29"))
        #expect(date("2026-08-26").adding(months: 3) == date("2026-11-26"))
        #expect(date("2026-11-30").adding(months: 3) == date("2027-02-28"))
        #expect(date("2024-02-29").adding(years: 1) == date("2025-02-28"))
        #expect(date("2026-03-31").adding(months: -1) == date("2026-02-28"))
    }

    @Test func workingDaysOnWeekendsAloneAreApproximate() {
        // Thursday 2026-11-26 + 5 working days: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3.
        let (result, approximate) = WorkingDayCalendar.weekendsOnly.adding(workingDays: 5, to: date("2026-11-26"))
        #expect(result == date("2026-12-03"))
        #expect(approximate)
    }

    @Test func holidayArrangementsAreHonouredWhenLoaded() {
        // 2026-10-01..07 off, 2026-10-10 (Saturday) a working day; say the year is covered.
        let off = Set((1...7).map { date("2026-10-0\($0)") })
        let calendar = WorkingDayCalendar(daysOff: off, extraWorkingDays: [date("2026-10-10")], coveredYears: [2026])
        let (result, approximate) = calendar.adding(workingDays: 2, to: date("2026-09-30"))
        #expect(result == date("2026-10-09"))
        #expect(!approximate)
        #expect(calendar.isWorkingDay(date("2026-10-10")))
    }
}
