/// A calendar date without time or zone, as the regulations write them (2026-11-26).
///
/// Stored as a day number (days since 1970-01-01) so that comparison, difference
/// and adding days are integer operations; the year, month and day are derived.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// A date from its parts, or nil when no such day exists (2025-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        dayNumber = CivilDate.dayNumber(year: year, month: month, day: day)
    }

    /// Reads exactly `YYYY-MM-DD`; anything else (2025/3/1, 2025-3-1, 2025-02-30) is nil.
    public init?(iso text: some StringProtocol) { self.init(isoBytes: Array(text.utf8)) }

    /// As `init(iso:)`, on UTF-8 bytes (batch decoding reads dates without making Strings).
    init?<Bytes: RandomAccessCollection>(isoBytes bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-") else { return nil }
        // Digit by digit, written out: batch mode reads a date or two a profile.
        func digit(_ offset: Int) -> Int? {
            let byte = bytes[start + offset]
            return DecimalDigits.isDigit(byte) ? Int(byte &- UInt8(ascii: "0")) : nil
        }
        guard let y1 = digit(0), let y2 = digit(1), let y3 = digit(2), let y4 = digit(3),
              let m1 = digit(5), let m2 = digit(6), let d1 = digit(8), let d2 = digit(9) else { return nil }
        self.init(year: y1 * 1000 + y2 * 100 + y3 * 10 + y4, month: m1 * 10 + m2, day: d1 * 10 + d2)
    }

    /// Whether the date lies in the years 0001-9999, the dates that can be written
    /// YYYY-MM-DD: arithmetic that leads outside them (a date moved by a million years)
    /// gives unknown, as an integer overflow does, on both evaluation paths.
    public var isWritable: Bool { (Self.firstWritable ... Self.lastWritable).contains(dayNumber) }
    private static let firstWritable = dayNumber(year: 1, month: 1, day: 1)
    private static let lastWritable = dayNumber(year: 9999, month: 12, day: 31)

    public var parts: (year: Int, month: Int, day: Int) { CivilDate.civil(from: dayNumber) }
    public var year: Int { parts.year }
    public var month: Int { parts.month }
    public var day: Int { parts.day }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let offset = (dayNumber + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The corresponding day `months` later; where that month has no such day,
    /// its last day (《民法典》第二百零二条: 没有对应日的，为月末日期).
    public func adding(months: Int) -> CivilDate {
        let (year, month, day) = parts
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let clampedDay = min(day, CivilDate.daysIn(month: newMonth, year: newYear))
        return CivilDate(dayNumber: CivilDate.dayNumber(year: newYear, month: newMonth, day: clampedDay))
    }

    public func adding(years: Int) -> CivilDate { adding(months: years * 12) }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public var description: String {
        if let text = withISOBytes({ String(decoding: $0, as: UTF8.self) }) { return text }
        let (year, month, day) = parts
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `body` given the date's `YYYY-MM-DD` bytes, written digit by digit on the stack
    /// (messages and batch records write dates by the thousand); nil for a year outside
    /// 0...9999, which only arithmetic reaches and `description` writes padded.
    func withISOBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let (year, month, day) = parts
        guard (0...9999).contains(year) else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
            func put(_ value: Int, digits: Int, at end: Int) {
                var value = value
                for index in stride(from: end - 1, through: end - digits, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, digits: 4, at: 4)
            text[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 7)
            text[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 10)
            return body(UnsafeBufferPointer(text))
        }
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
    // Gregorian calendar, no tables, no Foundation calendar (which depends on locale).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func civil(from dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
