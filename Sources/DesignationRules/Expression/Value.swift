import Foundation

/// The type of a fact, a parameter or an expression.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case boolean, integer, decimal, text, date, period
    /// One of a declared list of values; the string names the declaration (a fact or field path).
    case enumeration(String)
    case list(ValueType)
    /// A record with declared fields; the string names the declaration.
    case record(String)
    /// The type of `[]`, which fits any list.
    case emptyList

    public var description: String {
        switch self {
        case .boolean: return "bool"
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .text: return "text"
        case .date: return "date"
        case .period: return "duration"
        case .enumeration(let name): return "one of \(name)"
        case .list(let element): return "list of \(element)"
        case .record(let name): return "record \(name)"
        case .emptyList: return "empty list"
        }
    }

    var isNumeric: Bool { self == .integer || self == .decimal }
    var isOrdered: Bool { isNumeric || self == .date || self == .text }
}

/// A known value. An unknown value is `nil` wherever a `Value?` appears.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case boolean(Bool)
    case integer(Int)
    case decimal(Double)
    /// Text, and the id of an enumeration value.
    case text(String)
    case date(CivilDate)
    case period(Period)
    case list([Value])
    case record(Record)

    public var description: String {
        switch self {
        case .boolean(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        // Twelve significant digits: points and amounts are written to two decimals, and
        // binary floating point would otherwise show 18300.4 − 16258 as 2042.4000000000015.
        case .decimal(let value): return Value.format(value)
        case .text(let value): return value
        case .date(let value): return value.description
        case .period(let value): return value.description
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .record(let record): return "{" + record.fields.keys.sorted().map { "\($0): \(record.fields[$0]!)" }.joined(separator: ", ") + "}"
        }
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        var text = String(format: "%.12g", value)
        if text.contains("e") { return String(value) }
        if !text.contains(".") { text += ".0" }
        return text
    }

    var asDouble: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .decimal(let value): return value
        default: return nil
        }
    }
}

/// One element of a list of records (a department, a physician); a missing field is unknown.
public struct Record: Sendable, Hashable {
    public var fields: [String: Value]
    public init(_ fields: [String: Value]) { self.fields = fields }
}
