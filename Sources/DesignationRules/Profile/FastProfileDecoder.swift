/// The fast path of profile decoding, for batch mode: reads plain JSON bytes straight
/// into values, guided by the vocabulary, without building a syntax tree or positions.
/// It handles the common case only; anything else — an escape in a string, JSON5
/// syntax, an unknown key, a value that does not fit — returns nil, and the caller
/// takes the full decoder, which accepts what it should and reports every problem with
/// its position. A test checks that both agree wherever the fast path answers.
struct FastProfileDecoder {
    let vocabulary: Vocabulary
    let asOf: CivilDate

    func decode(_ bytes: [UInt8]) -> [String: Value]? {
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = Cursor(bytes: buffer)
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.index = 3 }
            guard let facts = object(&cursor, fields: nil) else { return nil }
            cursor.skipSpace()
            return cursor.atEnd ? facts : nil
        }
    }

    /// The members of an object: top-level facts, or the fields of a record (`fields`).
    private func object(_ cursor: inout Cursor, fields record: FactDefinition?) -> [String: Value]? {
        cursor.skipSpace()
        guard cursor.take(UInt8(ascii: "{")) else { return nil }
        var values: [String: Value] = [:]
        values.reserveCapacity(record?.fields.count ?? 48)
        // Keys already read, by their index among the facts (or the record's fields).
        var seen: [Bool] = Array(repeating: false, count: record?.fields.count ?? vocabulary.facts.count)
        cursor.skipSpace()
        if cursor.take(UInt8(ascii: "}")) { return values }
        while true {
            cursor.skipSpace()
            guard let keyBytes = cursor.plainString() else { return nil }
            let index: Int?
            if let record {
                index = record.fields.firstIndex { $0.nameBytes.elementsEqual(keyBytes) }
            } else {
                index = vocabulary.fact(named: keyBytes)
            }
            guard let index, !seen[index] else { return nil }
            seen[index] = true
            let definition = record?.fields[index] ?? vocabulary.facts[index]
            // The key as the full decoder keeps it, without a new String.
            let key = record == nil ? definition.path : definition.name
            cursor.skipSpace()
            guard cursor.take(UInt8(ascii: ":")) else { return nil }
            cursor.skipSpace()
            if cursor.takeWord("null") {
                // Unknown, as the full decoder reads it.
            } else {
                guard let value = value(&cursor, definition.type, definition) else { return nil }
                values[key] = value
            }
            cursor.skipSpace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            return cursor.take(UInt8(ascii: "}")) ? values : nil
        }
    }

    private func value(_ cursor: inout Cursor, _ type: ValueType, _ definition: FactDefinition) -> Value? {
        switch type {
        case .boolean:
            if cursor.takeWord("true") { return .boolean(true) }
            if cursor.takeWord("false") { return .boolean(false) }
            return nil
        case .integer:
            guard let number = cursor.integer() else { return nil }
            if let minimum = definition.minimum, Double(number) < minimum { return nil }
            if let maximum = definition.maximum, Double(number) > maximum { return nil }
            return .integer(number)
        case .text:
            return cursor.plainString().map { .text(String(decoding: $0, as: UTF8.self)) }
        case .date:
            guard let text = cursor.plainString(), text.count == 10,
                  let date = CivilDate(iso: String(decoding: text, as: UTF8.self)) else { return nil }
            if definition.isPastEvent, date > asOf { return nil }
            return .date(date)
        case .enumeration:
            guard let text = cursor.plainString(),
                  let match = definition.values.first(where: { $0.id.utf8.elementsEqual(text) }) else { return nil }
            return .text(match.id)
        case .list(let element):
            guard cursor.take(UInt8(ascii: "[")) else { return nil }
            var values: [Value] = []
            cursor.skipSpace()
            if cursor.take(UInt8(ascii: "]")) { return .list(values) }
            while true {
                cursor.skipSpace()
                let item: Value?
                if case .record = element {
                    item = object(&cursor, fields: definition).map { .record(Record($0)) }
                } else {
                    item = value(&cursor, element, definition)
                }
                guard let item else { return nil }
                values.append(item)
                cursor.skipSpace()
                if cursor.take(UInt8(ascii: ",")) { continue }
                return cursor.take(UInt8(ascii: "]")) ? .list(values) : nil
            }
        case .decimal, .period, .record, .emptyList:
            // Decimals take the full path: its number reading is the one reference.
            return nil
        }
    }

    /// A position in the bytes, with the few readings the fast path needs.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index >= bytes.count }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func takeWord(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            // The word must end there: `nullx` is not null.
            if index + count < bytes.count, Self.isWordByte(bytes[index + count]) { return false }
            index += count
            return true
        }

        static func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
        }

        /// A double-quoted string with no escape and no control character; its bytes,
        /// which must be valid UTF-8 (else nil, and the full path names the encoding).
        mutating func plainString() -> UnsafeBufferPointer<UInt8>.SubSequence? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = bytes[start..<index]
                    index += 1
                    return UTF8Check.firstInvalidByte(in: text) == nil ? text : nil
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        /// An integer written plainly (optional minus, digits, no leading zero), fitting in Int.
        mutating func integer() -> Int? {
            var position = index
            let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
            if negative { position += 1 }
            let first = position
            var value = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[position] - 0x30))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                position += 1
            }
            let digits = position - first
            guard digits > 0, digits == 1 || bytes[first] != 0x30 else { return nil }
            if position < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) { return nil }
            index = position
            return negative ? -value : value
        }
    }
}
