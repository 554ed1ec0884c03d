/// Which days are working days (工作日): Monday to Friday, except the days off of
/// the State Council's holiday arrangement, plus the weekend days it makes working
/// days (调休). A year without a loaded arrangement is counted on weekends alone,
/// and every date computed through it is marked approximate.
public struct WorkingDayCalendar: Sendable {
    public var daysOff: Set<CivilDate>
    public var extraWorkingDays: Set<CivilDate>
    /// Years whose arrangement is loaded.
    public var coveredYears: Set<Int>

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
