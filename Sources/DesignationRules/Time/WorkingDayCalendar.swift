/// Which days are working days (工作日): Monday to Friday, except the days off of
/// the State Council's holiday arrangement, plus the weekend days it makes working
/// days (调休). A year without a loaded arrangement is counted on weekends and the
/// holidays the law fixes by date (元旦, 劳动节, 国庆节 of 《全国年节及纪念日放假办法》第二条),
/// and every date computed through it is marked approximate: the lunar holidays, the
/// 调休 and the make-up days of that law's 第六条 come only with the year's arrangement.
public struct WorkingDayCalendar: Sendable {
    public var daysOff: Set<CivilDate>
    public var extraWorkingDays: Set<CivilDate>
    /// Years whose arrangement is loaded.
    public var coveredYears: Set<Int>
    /// The holidays the law fixes by date, for the years with no arrangement loaded.
    public var fixedHolidays: [FixedHolidays] = []

    /// Days off every year by month and day, as a version of the law sets them.
    public struct FixedHolidays: Sendable {
        public var fromYear: Int
        public var untilYear: Int?
        /// Month and day of each, in one number: 100 × month + day.
        public var days: Set<Int>

        func contains(_ date: CivilDate) -> Bool {
            let (year, month, day) = date.parts
            guard year >= fromYear, untilYear.map({ year <= $0 }) ?? true else { return false }
            return days.contains(100 * month + day)
        }
    }

    public init(daysOff: Set<CivilDate> = [], extraWorkingDays: Set<CivilDate> = [], coveredYears: Set<Int> = []) {
        self.daysOff = daysOff
        self.extraWorkingDays = extraWorkingDays
        self.coveredYears = coveredYears
    }

    /// A calendar that knows weekends only.
    public static let weekendsOnly = WorkingDayCalendar()

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if extraWorkingDays.contains(date) { return true }
        if daysOff.contains(date) { return false }
        if !fixedHolidays.isEmpty, !coveredYears.contains(date.year), fixedHolidays.contains(where: { $0.contains(date) }) { return false }
        return !date.isWeekend
    }

    /// The day on which `count` working days after `start` have passed; the starting
    /// day itself is not counted (《民法典》第二百零一条). `approximate` is true when a
    /// year crossed has no arrangement loaded.
    public func adding(workingDays count: Int, to start: CivilDate) -> (date: CivilDate, approximate: Bool) {
        var date = start
        var remaining = abs(count)
        let step = count >= 0 ? 1 : -1
        var approximate = !coveredYears.contains(start.year)
        while remaining > 0 {
            date = date.adding(days: step)
            if !coveredYears.contains(date.year) { approximate = true }
            if isWorkingDay(date) { remaining -= 1 }
        }
        return (date, approximate)
    }

    /// The date `period` after `start`, and whether it is approximate.
    public func adding(_ period: Period, to start: CivilDate) -> (date: CivilDate, approximate: Bool) {
        switch period.unit {
        case .days: return (start.adding(days: period.amount), false)
        case .weeks: return (start.adding(days: 7 * period.amount), false)
        case .months: return (start.adding(months: period.amount), false)
        case .years: return (start.adding(years: period.amount), false)
        case .workingDays: return adding(workingDays: period.amount, to: start)
        }
    }
}
