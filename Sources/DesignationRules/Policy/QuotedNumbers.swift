/// The numbers a quoted wording states, with their units: 「3个月」, 「5 个工作日」,
/// 「1500米」, 「10%」, 「100张」, 「三个月」, 「一年内」, and the bare figures of a table
/// (「14141.55」). Chinese numerals count only before a unit, so that 统一 or 一次性 …
/// read as words; 「1、4、7、10 月」 (months of the year, not a length) states no length.
struct QuotedNumber: Equatable {
    enum Unit: Equatable {
        case period(Period.Unit)
        case percent
        /// A count or a measure: 名, 张, 米, 分, 次, 个 …
        case count
        /// A figure printed without a unit (a threshold in a table).
        case none
    }

    var amount: Double
    var unit: Unit
    /// As printed, white space removed: 「3个月」.
    var printed: String

    /// The units after a number, longest first.
    private static let units: [(String, Unit)] = [
        ("个工作日", .period(.workingDays)), ("工作日", .period(.workingDays)), ("个月", .period(.months)),
        ("个星期", .period(.weeks)), ("周", .period(.weeks)), ("年", .period(.years)), ("日", .period(.days)), ("天", .period(.days)),
        ("%", .percent), ("％", .percent),
        ("米", .count), ("张", .count), ("名", .count), ("分", .count), ("次", .count), ("人", .count), ("种", .count),
        ("项", .count), ("个", .count), ("台", .count), ("家", .count),
    ]
    private static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// Every number `quote` states.
    static func all(in quote: String) -> [QuotedNumber] {
        let scalars = Array(quote.unicodeScalars.filter { !$0.properties.isWhitespace })
        var found: [QuotedNumber] = []
        var index = 0
        while index < scalars.count {
            let start = index
            var amount: Double?, arabic = false
            if ("0"..."9").contains(scalars[index]) {
                while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." { index += 1 }
                amount = Double(String(String.UnicodeScalarView(scalars[start..<index])))
                arabic = true
            } else if chineseDigits[scalars[index]] != nil || scalars[index] == "十" || scalars[index] == "百" {
                while index < scalars.count, chineseDigits[scalars[index]] != nil || scalars[index] == "十" || scalars[index] == "百" { index += 1 }
                amount = chineseValue(scalars[start..<index])
            } else {
                index += 1
                continue
            }
            let rest = String(String.UnicodeScalarView(scalars[index...]))
            if let amount, let (word, unit) = units.first(where: { rest.hasPrefix($0.0) }) {
                let end = index + word.unicodeScalars.count
                found.append(QuotedNumber(amount: amount, unit: unit, printed: String(String.UnicodeScalarView(scalars[start..<end]))))
                index = end
            } else if let amount, arabic, !(index < scalars.count && scalars[index] == "月") {
                found.append(QuotedNumber(amount: amount, unit: .none, printed: String(String.UnicodeScalarView(scalars[start..<index]))))
            }
        }
        return found
    }

    /// 三 → 3, 十五 → 15, 二十 → 20, 一百八十 → 180; nil for what is not a numeral as written.
    static func chineseValue(_ scalars: ArraySlice<Unicode.Scalar>) -> Double? {
        var total = 0, digit: Int?
        for scalar in scalars {
            if let value = chineseDigits[scalar] {
                if digit != nil { return nil }
                digit = value
            } else if scalar == "十" {
                total += (digit ?? 1) * 10
                digit = nil
            } else if scalar == "百" {
                total += (digit ?? 1) * 100
                digit = nil
            }
        }
        return Double(total + (digit ?? 0))
    }

    /// Whether this quoted number is `value`: a length of the same amount and unit; a count,
    /// a percentage or a bare figure of the same amount (a percentage also as a fraction).
    func states(_ value: Value) -> Bool {
        switch (value, unit) {
        case (.period(let period), .period(let unit)): return unit == period.unit && amount == Double(period.amount)
        case (.period, _): return false
        case (.integer(let number), _): return amount == Double(number)
        case (.decimal(let number), .percent): return amount == number || amount == number * 100
        case (.decimal(let number), _): return amount == number
        default: return false
        }
    }

    /// Whether this quoted number is of the kind `value` is (a length for a length, any for a count).
    func isComparable(to value: Value) -> Bool {
        switch (value, unit) {
        case (.period, .period): return true
        case (.period, _): return false
        case (.integer, _), (.decimal, _): return true
        default: return false
        }
    }
}

/// Checks that the numbers a policy carries agree with the numbers its quotes state: a
/// parameter's value, and the lengths (3 months) and the figures compared with a fact
/// (beds >= 10) in a rule's expressions.
struct NumberChecker {
    let diagnostics: DiagnosticCollector

    /// Reports `value` (of `what`, e.g. "parameter `wait`") when its quote states numbers of
    /// its kind and none is it. `nearby` accepts also the figure one above or below (a
    /// strict comparison: > 0 for 「至少1名」).
    func check(_ value: Value, of what: String, quote: String, nearby: Int = 0, at location: SourceLocation?) {
        let stated = QuotedNumber.all(in: quote).filter { $0.isComparable(to: value) }
        guard !stated.isEmpty, !stated.contains(where: { $0.states(value) }) else { return }
        if nearby != 0, case .integer(let number) = value, stated.contains(where: { $0.states(.integer(number + nearby)) }) { return }
        let shown: String
        switch value {
        case .period(let period): shown = period.description
        case .integer(let number): shown = String(number)
        case .decimal(let number): shown = String(number)
        default: shown = "\(value)"
        }
        diagnostics.error("number-not-in-quote", at: location,
                          "\(what) is \(shown), but its quote states \(stated.map { "「\($0.printed)」" }.joined(separator: ", ")): 「\(quote)」; make the number the quoted one, or quote the wording that states it")
    }

    /// The numbers of an expression to compare with its quote: every length, and every figure
    /// compared with something else, with the step a strict comparison allows.
    ///
    /// Two numbers are never the quoted ones, and are left out: `1 day`, the step by which a
    /// period's first or last day is counted in or out (`start - 1 day + period`, argued in
    /// the rule's note), and a count compared with 0 or 1 (`staff >= 1`), which says there is
    /// one, not how many the text asks for.
    static func numbers(in expression: Compiled) -> [(Value, nearby: Int)] {
        var found: [(Value, nearby: Int)] = []
        expression.visit { node in
            switch node.operation {
            case .constant(let value):
                if case .period(let period) = value, period != Period(1, .days) { found.append((value, 0)) }
            case .compare(let op, let lhs, let rhs):
                for (side, other, constantOnRight) in [(rhs, lhs, true), (lhs, rhs, false)] {
                    guard case .constant(let value) = side.operation else { continue }
                    if case .constant = other.operation { continue }
                    switch value {
                    case .integer(let number) where number == 0 || number == 1: break
                    case .integer:
                        // x > 0 says 「至少1」; x < 4 says 「不超过3」.
                        let strictUp = (op == .greater && constantOnRight) || (op == .less && !constantOnRight)
                        let strictDown = (op == .less && constantOnRight) || (op == .greater && !constantOnRight)
                        found.append((value, strictUp ? 1 : strictDown ? -1 : 0))
                    case .decimal: found.append((value, 0))
                    default: break
                    }
                }
            default: break
            }
        }
        return found
    }
}
