/// A run of decimal digits as JSON writes a whole number (and `SourceLocation.lineName`
/// a line): no leading zero but in `0` itself, read into an `Int` with overflow refused.
/// Batch mode's byte reader and the batch line names both read numbers this way.
enum DecimalDigits {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Where the run of digits that starts at `start` ends.
    static func end<Bytes: Collection<UInt8>>(of bytes: Bytes, from start: Bytes.Index) -> Bytes.Index {
        var position = start
        while position < bytes.endIndex, isDigit(bytes[position]) { position = bytes.index(after: position) }
        return position
    }

    /// Whether `digits` (all digits) is a number as JSON writes it: at least one digit, and
    /// no leading zero but in `0`.
    static func isPlain<Digits: Collection<UInt8>>(_ digits: Digits) -> Bool {
        guard let first = digits.first else { return false }
        return first != UInt8(ascii: "0") || digits.count == 1
    }

    /// The value of `digits`: nil unless they are all digits, written plainly, and fit in `Int`.
    static func value<Digits: Collection<UInt8>>(_ digits: Digits) -> Int? {
        guard isPlain(digits) else { return nil }
        var number = 0
        for digit in digits {
            guard isDigit(digit) else { return nil }
            let (times, overflow) = number.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(Int(digit &- UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            number = sum
        }
        return number
    }
}
