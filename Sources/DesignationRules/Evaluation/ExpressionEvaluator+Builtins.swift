extension ExpressionEvaluator {
    /// Applies a function to known arguments (their types were checked at load time).
    func call(_ function: Builtin, _ arguments: [Value], text: String) -> Outcome {
        func date(_ index: Int) -> CivilDate? {
            if case .date(let value) = arguments[index] { return value } else { return nil }
        }
        switch function {
        case .year, .month, .day:
            guard let date = date(0) else { return .unknown([]) }
            let part = function == .year ? date.year : function == .month ? date.month : date.day
            return Outcome(value: .integer(part), evidence: [])
        case .firstOfMonth:
            guard let date = date(0) else { return .unknown([]) }
            return Outcome(value: .date(date.adding(days: 1 - date.day)), evidence: [])
        case .isWorkingDay:
            guard let date = date(0) else { return .unknown([]) }
            return Outcome(value: .boolean(calendar.isWorkingDay(date)), evidence: approximate(text, date, date))
        case .nthWorkingDay:
            guard let date = date(0), case .integer(let n) = arguments[1], let result = nthWorkingDay(of: date, n) else { return .unknown([]) }
            return Outcome(value: .date(result), evidence: approximate(text, date, result))
        case .nextMonthAmong:
            guard let date = date(0), case .list(let months) = arguments[1] else { return .unknown([]) }
            let wanted = Set(months.compactMap { if case .integer(let month) = $0 { return month } else { return nil } })
            guard !wanted.isDisjoint(with: 1...12) else { return .unknown([]) }
            var first = date.adding(days: 1 - date.day)
            repeat { first = first.adding(months: 1) } while !wanted.contains(first.month)
            return Outcome(value: .date(first), evidence: [])
        case .due:
            guard let date = date(0) else { return .unknown([]) }
            // Rest days never run longer than a holiday block; the bound keeps this total.
            var end = date
            var steps = 0
            while !calendar.isWorkingDay(end), steps < 60 {
                end = end.adding(days: 1)
                steps += 1
            }
            var evidence = approximate(text, date, end)
            if end != date { evidence.append(.movedPastRestDays(expression: text, from: date, to: end)) }
            return Outcome(value: .date(end), evidence: evidence)
        case .min, .max:
            guard let order = Self.order(arguments[0], arguments[1]) else { return .unknown([]) }
            let pickFirst = function == .min ? order <= 0 : order >= 0
            return Outcome(value: pickFirst ? arguments[0] : arguments[1], evidence: [])
        }
    }

    /// The n-th working day of the month of `date`, or nil when the month has fewer.
    private func nthWorkingDay(of date: CivilDate, _ n: Int) -> CivilDate? {
        guard n >= 1, n <= 31 else { return nil }
        var day = date.adding(days: 1 - date.day)
        var count = 0
        while day.month == date.month {
            if calendar.isWorkingDay(day) {
                count += 1
                if count == n { return day }
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// Evidence that a calendar answer is approximate, when a year between the two
    /// dates has no holiday arrangement loaded.
    private func approximate(_ text: String, _ from: CivilDate, _ to: CivilDate) -> [Evidence] {
        let years = Set([from.year, to.year])
        return years.isSubset(of: calendar.coveredYears) ? [] : [.approximate(expression: text, date: to)]
    }
}
