/// Batch mode's profile decoder: reads plain JSON bytes straight into the cells of a
/// `CellStore`, guided by the vocabulary and the program's layout, without building a
/// syntax tree, positions, Strings or dictionaries. Facts no rule reads are checked and
/// not kept. It handles the common case only; anything else — an escape in a string,
/// JSON5 syntax, an unknown or repeated key, a value that does not fit — returns false,
/// and the caller takes the full decoder, which accepts what it should and reports
/// every problem with its position. A test checks that both agree wherever this one answers.
public struct CellDecoder: Sendable {
    /// How to read one fact or field, and where its value goes: the vocabulary's
    /// definition reduced to what reading needs, so that nothing is copied per value.
    final class Plan: Sendable {
        enum Kind: Sendable { case boolean, integer, decimal, text, date, enumeration, records, unreadable }
        let kind: Kind
        /// For a list, its elements' kind (`records` for a list of records).
        let isList: Bool
        let minimum: Double?
        let maximum: Double?
        let isPastEvent: Bool
        /// The top-level slot or the field's offset in its record; nil when no rule reads it.
        let place: Int?
        /// For a one-of value: the allowed ids.
        let values: ByteKeyTable
        /// For a list of records: its fields by name, their plans, and the cells a record takes.
        let fieldNames: ByteKeyTable
        let fields: [Plan]
        let recordSize: Int

        init(_ definition: FactDefinition, place: Int?, layout: SlotLayout) {
            var type = definition.type
            isList = { if case .list(let element) = type { type = element; return true } else { return false } }()
            kind = switch type {
            case .boolean: .boolean
            case .integer: .integer
            case .decimal: .decimal
            case .text: .text
            case .date: .date
            case .enumeration: .enumeration
            case .record: isList ? .records : .unreadable
            case .period, .list, .emptyList: .unreadable
            }
            minimum = definition.minimum
            maximum = definition.maximum
            isPastEvent = definition.isPastEvent
            self.place = place
            values = ByteKeyTable(definition.values.map { Array($0.id.utf8) })
            let used = layout.fields(of: definition.path)
            fieldNames = ByteKeyTable(definition.fields.map(\.nameBytes))
            fields = definition.fields.map { Plan($0, place: used.firstIndex(of: $0.name), layout: layout) }
            recordSize = used.count
        }
    }

    let asOf: CivilDate
    private let factNames: ByteKeyTable
    private let facts: [Plan]

    init(vocabulary: Vocabulary, layout: SlotLayout, asOf: CivilDate) {
        self.asOf = asOf
        factNames = ByteKeyTable(vocabulary.facts.map { Array($0.path.utf8) })
        facts = vocabulary.facts.map { Plan($0, place: layout.slot(of: $0.path), layout: layout) }
    }

    /// Decodes `bytes` into `store` (reset first); false when the full decoder must read them.
    func decode(_ bytes: [UInt8], into store: inout CellStore) -> Bool {
        store.reset()
        return bytes.withUnsafeBufferPointer { buffer in
            // One check of the whole line, rather than one a string.
            guard UTF8Check.firstInvalidByte(in: buffer) == nil else { return false }
            var cursor = Cursor(bytes: buffer)
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.index = 3 }
            var pending: [Cell] = []
            guard object(&cursor, names: factNames, plans: facts, base: nil, &store, &pending) else { return false }
            cursor.skipSpace()
            return cursor.atEnd
        }
    }

    /// The members of an object: the top-level facts (`base` nil, values to their slots),
    /// or a record's fields (values to `base` plus their offsets). A key read twice or
    /// not declared sends the line the full way.
    private func object(_ cursor: inout Cursor, names: ByteKeyTable, plans: [Plan], base: Int?,
                        _ store: inout CellStore, _ pending: inout [Cell]) -> Bool {
        var seen = [Bool](repeating: false, count: plans.count)
        cursor.skipSpace()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        cursor.skipSpace()
        if cursor.take(UInt8(ascii: "}")) { return true }
        while true {
            cursor.skipSpace()
            guard let key = cursor.plainString(), let index = names.index(of: key), !seen[index] else { return false }
            seen[index] = true
            cursor.skipSpace()
            guard cursor.take(UInt8(ascii: ":")) else { return false }
            cursor.skipSpace()
            let plan = plans[index]
            // null is unknown, as the full decoder reads it.
            if !cursor.takeWord("null") {
                guard let cell = plan.isList ? list(&cursor, plan, &store, &pending) : scalar(&cursor, plan, &store) else { return false }
                if let place = plan.place {
                    if let base { store.cells[base + place] = cell } else { store[fact: place] = cell }
                }
            }
            cursor.skipSpace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            return cursor.take(UInt8(ascii: "}"))
        }
    }

    private func scalar(_ cursor: inout Cursor, _ plan: Plan, _ store: inout CellStore) -> Cell? {
        switch plan.kind {
        case .boolean:
            if cursor.takeWord("true") { return .boolean(true) }
            if cursor.takeWord("false") { return .boolean(false) }
            return nil
        case .integer:
            guard let number = cursor.integer(), within(Double(number), plan) else { return nil }
            return .integer(number)
        case .decimal:
            guard let number = cursor.decimal(), within(number, plan) else { return nil }
            return .decimal(number)
        case .text:
            return cursor.plainString().map { store.appendText($0) }
        case .date:
            guard let text = cursor.plainString(), let date = CivilDate(isoBytes: text) else { return nil }
            if plan.isPastEvent, date > asOf { return nil }
            return .date(Int32(date.dayNumber))
        case .enumeration:
            guard let text = cursor.plainString(), plan.values.index(of: text) != nil else { return nil }
            return store.appendText(text)
        case .records, .unreadable:
            return nil
        }
    }

    private func list(_ cursor: inout Cursor, _ plan: Plan, _ store: inout CellStore, _ pending: inout [Cell]) -> Cell? {
        guard cursor.take(UInt8(ascii: "[")) else { return nil }
        // Elements wait in `pending` (a record's fields, written as it is read, would
        // otherwise come between them), then go to the store together.
        let mark = pending.count
        defer { pending.removeSubrange(mark...) }
        cursor.skipSpace()
        if !cursor.take(UInt8(ascii: "]")) {
            while true {
                cursor.skipSpace()
                let item: Cell?
                if plan.kind == .records {
                    let start = store.cells.count
                    store.cells += repeatElement(.unknown, count: plan.recordSize)
                    let read = object(&cursor, names: plan.fieldNames, plans: plan.fields, base: start, &store, &pending)
                    item = read ? .record(start: Int32(start)) : nil
                } else {
                    item = scalar(&cursor, plan, &store)
                }
                guard let item else { return nil }
                pending.append(item)
                cursor.skipSpace()
                if cursor.take(UInt8(ascii: ",")) { continue }
                guard cursor.take(UInt8(ascii: "]")) else { return nil }
                break
            }
        }
        let start = store.cells.count
        store.cells += pending[mark...]
        return .list(start: Int32(start), count: Int32(store.cells.count - start))
    }

    private func within(_ number: Double, _ plan: Plan) -> Bool {
        if let minimum = plan.minimum, number < minimum { return false }
        if let maximum = plan.maximum, number > maximum { return false }
        return true
    }

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

        /// A double-quoted string with no escape and no control character: its bytes
        /// (the line was checked to be valid UTF-8 as a whole).
        mutating func plainString() -> UnsafeBufferPointer<UInt8>.SubSequence? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = bytes[start..<index]
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        /// A number as JSON writes it, read as the full decoder reads it (`Double(text)`);
        /// nil when it is not finite.
        mutating func decimal() -> Double? {
            var position = index
            func digits() -> Int {
                let first = position
                while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
                return position - first
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            let integerStart = position
            let integerDigits = digits()
            guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != 0x30 else { return nil }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { return nil }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { return nil }
            }
            if position < bytes.count, Self.isWordByte(bytes[position]) { return nil }
            guard let number = Double(String(decoding: bytes[index ..< position], as: UTF8.self)), number.isFinite else { return nil }
            index = position
            return number
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
