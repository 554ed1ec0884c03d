/// The functions the expression language offers, each with its signature. All are
/// total: an argument out of range gives unknown, never a crash.
public enum Builtin: String, Sendable, CaseIterable {
    case year, month, day
    /// The first day of the date's month.
    case firstOfMonth = "first_of_month"
    /// Whether the date is a working day (工作日) on the holiday calendar.
    case isWorkingDay = "is_working_day"
    /// `nth_working_day(d, n)`: the n-th working day of d's month.
    case nthWorkingDay = "nth_working_day"
    /// `next_month_among(d, [1, 4, 7, 10])`: the first day of the first listed month after d's month.
    case nextMonthAmong = "next_month_among"
    /// `due(d)`: the last day of a period, moved to the next working day when it is a rest
    /// day (《民法典》第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
    case due
    case min, max

    /// The result type for the argument types, or nil when they do not fit `signature`.
    func resultType(_ arguments: [ValueType]) -> ValueType? {
        switch self {
        case .year, .month, .day: return arguments == [.date] ? .integer : nil
        case .firstOfMonth, .due: return arguments == [.date] ? .date : nil
        case .isWorkingDay: return arguments == [.date] ? .boolean : nil
        case .nthWorkingDay: return arguments == [.date, .integer] ? .date : nil
        case .nextMonthAmong: return arguments == [.date, .list(.integer)] ? .date : nil
        case .min, .max:
            guard arguments.count == 2 else { return nil }
            let (a, b) = (arguments[0], arguments[1])
            if a == b, a.isOrdered { return a }
            return a.isNumeric && b.isNumeric ? .decimal : nil
        }
    }

    var signature: String {
        switch self {
        case .year, .month, .day: return "\(rawValue)(date) → integer"
        case .firstOfMonth: return "first_of_month(date) → date"
        case .isWorkingDay: return "is_working_day(date) → bool"
        case .nthWorkingDay: return "nth_working_day(date, n) → date"
        case .nextMonthAmong: return "next_month_among(date, [months]) → date"
        case .due: return "due(date) → date"
        case .min, .max: return "\(rawValue)(a, b) with two numbers or two dates"
        }
    }
}
