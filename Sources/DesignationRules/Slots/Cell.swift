import Foundation

/// A value on batch mode's fast path: plain bits with no references, so that reading,
/// copying and comparing one costs no reference counting. Texts, lists and records
/// point into the `CellStore` the profile was decoded into. `unknown` plays the part
/// of `nil` in `Value?`.
enum Cell: Equatable, Sendable {
    case unknown
    case boolean(Bool)
    case integer(Int)
    case decimal(Double)
    /// UTF-8 bytes `start ..< start + count` of the store's bytes.
    case text(start: Int32, count: Int32)
    /// A `CivilDate`'s day number.
    case date(Int32)
    case period(Int32, Period.Unit)
    /// Cells `start ..< start + count` of the store.
    case list(start: Int32, count: Int32)
    /// The record's fields start at this cell, one cell a field, in the layout's order.
    case record(start: Int32)

    var isKnown: Bool { if case .unknown = self { false } else { true } }

    /// A value that needs no room in a store (not a text, list or record), as a cell.
    init?(scalar value: Value) {
        switch value {
        case .boolean(let flag): self = .boolean(flag)
        case .integer(let number): self = .integer(number)
        case .decimal(let number): self = .decimal(number)
        case .date(let date): self = .date(Int32(date.dayNumber))
        case .period(let period): self = .period(Int32(period.amount), period.unit)
        case .text, .list, .record: return nil
        }
    }

    var asDouble: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .decimal(let value): value
        default: nil
        }
    }
}

/// The cells and text bytes of one profile, after the constants of the program that
/// reads it. `reset()` drops the profile and keeps the constants, so one store serves
/// every line a worker decodes, without allocating.
struct CellStore: Sendable {
    var cells: [Cell]
    var bytes: [UInt8]
    /// Room the decoder keeps list elements in while it reads them, kept between profiles.
    var pending: [Cell] = []
    /// The decoder's guesses of which key comes next, learnt from the lines before
    /// (`CellDecoder.object`), kept between profiles.
    var keyGuesses: [Int32] = []
    /// Where the profile's top-level facts start: one cell a slot.
    let factBase: Int
    let factCount: Int
    /// The program's constant texts end here; a profile's bytes follow.
    let constantBytes: Int32

    init(constants: [Cell], bytes: [UInt8], factCount: Int) {
        cells = constants + Array(repeating: .unknown, count: factCount)
        self.bytes = bytes
        factBase = constants.count
        self.factCount = factCount
        constantBytes = Int32(bytes.count)
        cells.reserveCapacity(cells.count + 1024)
        self.bytes.reserveCapacity(bytes.count + 4096)
    }

    mutating func reset() {
        cells.removeSubrange((factBase + factCount)...)
        for index in factBase ..< factBase + factCount { cells[index] = .unknown }
        bytes.removeSubrange(Int(constantBytes)...)
    }

    subscript(fact slot: Int) -> Cell {
        get { cells[factBase + slot] }
        set { cells[factBase + slot] = newValue }
    }

    mutating func appendText(_ text: some Collection<UInt8>) -> Cell {
        let start = bytes.count
        bytes.append(contentsOf: text)
        return .text(start: Int32(start), count: Int32(bytes.count - start))
    }

    func text(_ start: Int32, _ count: Int32) -> ArraySlice<UInt8> { bytes[Int(start) ..< Int(start + count)] }

    // MARK: Comparing cells, as `ExpressionEvaluator.equal` and `order` compare values

    @inline(__always)
    func equal(_ a: Cell, _ b: Cell) -> Bool {
        if case .text(let s, let n) = a, case .text(let t, let m) = b {
            if s == t && n == m { return true }
            // The program's constant texts are each stored once (see `Program.Compiler`),
            // and the decoder gives a profile's enum values their constant's cell. An empty
            // text may start where the constants end without being one of them (a profile's
            // first text), so it is compared by content.
            if n > 0, m > 0, s + n <= constantBytes, t + m <= constantBytes { return false }
        }
        return equalByContent(a, b)
    }

    /// `equal` past the cases that need no reading.
    private func equalByContent(_ a: Cell, _ b: Cell) -> Bool {
        switch (a, b) {
        case (.text(let s, let n), .text(let t, let m)):
            return bytes.withUnsafeBufferPointer { buffer in
                let x = buffer.baseAddress! + Int(s), y = buffer.baseAddress! + Int(t)
                if n == m, memcmp(x, y, Int(n)) == 0 { return true }
                // Swift compares Strings by canonical equivalence; bytes decide only for ASCII.
                let ascii = { (p: UnsafePointer<UInt8>, count: Int32) in (0 ..< Int(count)).allSatisfy { p[$0] < 0x80 } }
                if ascii(x, n) && ascii(y, m) { return false }
                return String(decoding: UnsafeBufferPointer(start: x, count: Int(n)), as: UTF8.self)
                    == String(decoding: UnsafeBufferPointer(start: y, count: Int(m)), as: UTF8.self)
            }
        case (.list(let s, let n), .list(let t, let m)):
            guard n == m else { return false }
            for offset in 0 ..< Int(n) where !strictlyEqual(cells[Int(s) + offset], cells[Int(t) + offset]) { return false }
            return true
        case (.record, .record):
            // Records are never compared by the expression language's types; a record is
            // only equal to itself.
            return a == b
        default:
            if let x = a.asDouble, let y = b.asDouble { return x == y }
            return a == b
        }
    }

    /// Whether the list of cells `start ..< start + count` holds `element`.
    @inline(__always)
    func contains(_ element: Cell, start: Int32, count: Int32) -> Bool {
        for index in Int(start) ..< Int(start + count) where equal(cells[index], element) { return true }
        return false
    }

    /// Equality inside lists, as `Value`'s own `==` (an integer is not a decimal there).
    private func strictlyEqual(_ a: Cell, _ b: Cell) -> Bool {
        switch (a, b) {
        case (.integer, .decimal), (.decimal, .integer): return false
        default: return equal(a, b)
        }
    }

    /// -1, 0 or 1; nil for values without an order.
    func order(_ a: Cell, _ b: Cell) -> Int? {
        switch (a, b) {
        case (.date(let x), .date(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.text(let s, let n), .text(let t, let m)):
            let x = String(decoding: text(s, n), as: UTF8.self), y = String(decoding: text(t, m), as: UTF8.self)
            return x == y ? 0 : (x < y ? -1 : 1)
        default:
            guard let x = a.asDouble, let y = b.asDouble else { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}
