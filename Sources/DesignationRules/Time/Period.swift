/// A length of time as the texts write it: "5个工作日", "3个月", "1年".
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case days, workingDays = "working_days", weeks, months, years

        /// The spellings the expression language accepts after a number.
        static let spellings: [String: Unit] = [
            "day": .days, "days": .days,
            "working_day": .workingDays, "working_days": .workingDays,
            "week": .weeks, "weeks": .weeks,
            "month": .months, "months": .months,
            "year": .years, "years": .years,
        ]
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public var description: String {
        let singular = amount == 1 || amount == -1
        switch unit {
        case .days: return "\(amount) \(singular ? "day" : "days")"
        case .workingDays: return "\(amount) \(singular ? "working day" : "working days")"
        case .weeks: return "\(amount) \(singular ? "week" : "weeks")"
        case .months: return "\(amount) \(singular ? "month" : "months")"
        case .years: return "\(amount) \(singular ? "year" : "years")"
        }
    }
}
