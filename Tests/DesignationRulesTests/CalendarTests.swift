import Testing
@testable import DesignationRules

/// Working days on the shipped State Council arrangements (policies/calendar/cn-holidays.json).
/// Each expected date is worked out by hand from the 2026 notice: days off 2026-02-15…23,
/// 2026-10-01…07; make-up working days 2026-01-04 (Sun), 2026-02-14 (Sat), 2026-02-28 (Sat),
/// 2026-10-10 (Sat).
@Suite struct CalendarTests {
    let calendar = Repository.policySet.calendar

    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    func evaluate(_ text: String, _ facts: [String: Value] = [:]) throws -> Outcome {
        var evaluator = ExpressionEvaluator(facts: facts, today: date("2026-11-26"), calendar: calendar)
        return evaluator.evaluate(try TestVocabulary.compile(text))
    }

    @Test func theArrangementsOf2021To2026AreLoaded() {
        #expect(calendar.coveredYears == Set(2021...2026))
        #expect(!calendar.isWorkingDay(date("2026-10-05")))
        #expect(calendar.isWorkingDay(date("2026-10-10")))
    }

    /// Sep 30 (1); Oct 1–7 off; Oct 8 (2), 9 (3), Sat 10 make-up (4), Mon 12 (5).
    @Test func acrossNationalDay2026() {
        let (result, approximate) = calendar.adding(workingDays: 5, to: date("2026-09-29"))
        #expect(result == date("2026-10-12"))
        #expect(!approximate)
    }

    /// Fri 13 (1), Sat 14 make-up (2); Feb 15–23 off; Feb 24 (3), 25 (4), 26 (5).
    @Test func acrossSpringFestival2026() {
        #expect(calendar.adding(workingDays: 5, to: date("2026-02-12")).date == date("2026-02-26"))
    }

    /// 2027 has no arrangement yet: Mon 28 … Thu 31 (4); Fri 2027-01-01 is New Year's Day,
    /// a holiday fixed by date in 《全国年节及纪念日放假办法》第二条（一）, so Mon 4 (5),
    /// flagged approximate (the year's 调休 and make-up days are not known).
    @Test func intoAYearWithoutAnArrangementIsApproximate() {
        let (result, approximate) = calendar.adding(workingDays: 5, to: date("2026-12-25"))
        #expect(result == date("2027-01-04"))
        #expect(approximate)
    }

    /// In a year with no arrangement, the law's fixed-date holidays are days off and
    /// nothing else is: 2027-05-03 (Monday after 劳动节 on a weekend) counts, as does the
    /// lunar 春节 (2027-02-06 …) until the arrangement is loaded; 2027-10-01..03 are off.
    @Test func fixedHolidaysInAYearWithoutAnArrangement() {
        #expect(!calendar.isWorkingDay(date("2027-01-01")))
        #expect(!calendar.isWorkingDay(date("2027-10-01")))
        #expect(!calendar.isWorkingDay(date("2027-10-03")))
        #expect(calendar.isWorkingDay(date("2027-10-04")))
        #expect(calendar.isWorkingDay(date("2027-05-03")))
        #expect(calendar.isWorkingDay(date("2027-02-08")))
        // Before the 2024 revision, 5月2日 was no holiday (2020: a Saturday; 2019-05-02 a Thursday).
        #expect(calendar.isWorkingDay(date("2019-05-02")))
        #expect(!calendar.isWorkingDay(date("2019-05-01")))
        // A loaded year follows its arrangement only: 2026-10-01..07 off, the 10th worked.
        #expect(calendar.isWorkingDay(date("2026-10-10")))
    }

    @Test func nthWorkingDayOfAMonth() throws {
        // January 2026: 1–3 off, Sunday the 4th is a make-up working day.
        #expect(try evaluate("nth_working_day(received, 1)", ["received": .date(date("2026-01-20"))]).value == .date(date("2026-01-04")))
        #expect(try evaluate("nth_working_day(received, 5)", ["received": .date(date("2026-01-20"))]).value == .date(date("2026-01-08")))
        // April 2026: 1, 2, 3, (4–6 off), 7, 8.
        #expect(try evaluate("nth_working_day(received, 5)", ["received": .date(date("2026-04-30"))]).value == .date(date("2026-04-08")))
        // October 2026: (1–7 off), 8, 9, Sat 10, 12, 13.
        #expect(try evaluate("nth_working_day(received, 5)", ["received": .date(date("2026-10-01"))]).value == .date(date("2026-10-13")))
        #expect(try evaluate("nth_working_day(received, 30)", ["received": .date(date("2026-10-01"))]).value == nil)
    }

    /// 《民法典》第二百零三条: a last day on a rest day moves to the day after the rest.
    @Test func dueMovesPastRestDays() throws {
        let holiday = try evaluate("due(received)", ["received": .date(date("2026-10-03"))])
        #expect(holiday.value == .date(date("2026-10-08")))
        #expect(holiday.evidence.contains(.movedPastRestDays(expression: "due(received)", from: date("2026-10-03"), to: date("2026-10-08"))))
        #expect(try evaluate("due(received)", ["received": .date(date("2026-02-28"))]).value == .date(date("2026-02-28")))
        #expect(try evaluate("due(received)", ["received": .date(date("2026-11-28"))]).value == .date(date("2026-11-30")))
    }

    @Test func datePartsAndMonthLists() throws {
        let facts: [String: Value] = ["received": .date(date("2026-11-26"))]
        #expect(try evaluate("month(received)", facts).value == .integer(11))
        #expect(try evaluate("year(received) * 100 + day(received)", facts).value == .integer(202626))
        #expect(try evaluate("next_month_among(received, [1, 4, 7, 10])", facts).value == .date(date("2027-01-01")))
        #expect(try evaluate("next_month_among(received, [1, 4, 7, 10])", ["received": .date(date("2026-01-10"))]).value == .date(date("2026-04-01")))
        #expect(try evaluate("first_of_month(received)", facts).value == .date(date("2026-11-01")))
        #expect(try evaluate("max(received, received + 1 day)", facts).value == .date(date("2026-11-27")))
    }

    @Test func functionsAreTypeChecked() {
        #expect(throws: Diagnostic.self) { try TestVocabulary.compile("month(beds)") }
        #expect(throws: Diagnostic.self) { try TestVocabulary.compile("nth_working_day(received)") }
        #expect(throws: Diagnostic.self) { try TestVocabulary.compile("mnth(received)") }
    }
}
