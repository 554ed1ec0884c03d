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
        /// Whether the value is a list; `kind` is then its elements' kind (`records` for
        /// a list of records).
        let isList: Bool
        let minimum: Double?
        let maximum: Double?
        let isPastEvent: Bool
        /// For messages: the definition (its label), and its name as a key path shows it.
        let definition: FactDefinition
        /// The top-level slot or the field's offset in its record; nil when no rule reads it.
        let place: Int?
        /// For a one-of value: the allowed ids, and for each the program's constant
        /// text equal to it, if any (a profile's value then points there, and compares
        /// with the constants without reading bytes).
        let values: ByteKeyTable
        let constants: [Cell?]
        /// For a list of records: its fields by name, their plans, and the cells a record takes.
        let fieldNames: ByteKeyTable
        let fields: [Plan]
        let recordSize: Int

        init(_ definition: FactDefinition, place: Int?, program: Program) {
            let layout = program.layout
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
            self.definition = definition
            self.place = place
            values = ByteKeyTable(definition.values.map { Array($0.id.utf8) })
            constants = definition.values.map { program.constantText(Array($0.id.utf8)) }
            let used = layout.fields(of: definition.path)
            fieldNames = ByteKeyTable(definition.fields.map(\.nameBytes))
            fields = definition.fields.map { Plan($0, place: used.firstIndex(of: $0.name), program: program) }
            recordSize = used.count
        }
    }

    let asOf: CivilDate
    private let factNames: ByteKeyTable
    private let facts: [Plan]

    init(vocabulary: Vocabulary, program: Program, asOf: CivilDate) {
        self.asOf = asOf
        factNames = ByteKeyTable(vocabulary.facts.map { Array($0.path.utf8) })
        facts = vocabulary.facts.map { Plan($0, place: program.layout.slot(of: $0.path), program: program) }
    }

    /// What reading a line gave.
    enum Outcome {
        case decoded
        /// The line needs the full decoder.
        case declined
        /// The line is well-formed, and these are all its problems: past events dated
        /// after the as-of date (the commonest slip), reported as the full decoder would.
        case problems([Diagnostic])
    }

    /// A past event dated too late: where its value starts, and its key path.
    struct LateDate {
        var offset: Int
        var path: String
        var text: String
        var plan: Plan
    }

    /// Decodes `bytes` into `store` (reset first). `source` names the line in messages.
    func decode(_ buffer: UnsafeBufferPointer<UInt8>, into store: inout CellStore, source: () -> String) -> Outcome {
        store.reset()
        // One check of the whole line, rather than one a string.
        guard UTF8Check.firstInvalidByte(in: buffer) == nil else { return .declined }
        var cursor = Cursor(bytes: buffer)
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.index = 3 }
        // The store lends its element buffer (swapped, so that it is never shared and copied).
        var scratch = Scratch(pending: [])
        swap(&scratch.pending, &store.pending)
        defer { swap(&scratch.pending, &store.pending) }
        guard object(&cursor, names: factNames, plans: facts, base: nil, path: { nil }, &store, &scratch) else { return .declined }
        cursor.skipSpace()
        guard cursor.atEnd else { return .declined }
        if scratch.lateDates.isEmpty { return .decoded }
        var problems: [Diagnostic] = []
        for late in scratch.lateDates {
            let (line, column) = Self.position(of: late.offset, in: buffer)
            problems.append(ProfileDecoder.futureDate(late.text, path: late.path, asOf: asOf, late.plan.definition,
                                                      at: SourceLocation(file: source(), line: line, column: column)))
        }
        return .problems(problems)
    }

    /// Line and column of a byte, as the JSON5 reader counts them: CRLF and a lone CR
    /// each end a line, columns count Unicode scalars, a byte order mark is no column.
    private static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < offset {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80, byte != UInt8(ascii: "\r") {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// What a line's reading keeps on the side: list elements waiting to be stored
    /// (a record's fields, written as it is read, would otherwise come between them),
    /// and the dates found too late.
    private struct Scratch {
        var pending: [Cell]
        var lateDates: [LateDate] = []
    }

    /// The members of an object: the top-level facts (`base` nil, values to their slots),
    /// or a record's fields (values to `base` plus their offsets). A key read twice or
    /// not declared sends the line the full way.
    /// `path` gives the key path of the object (nil at the top), for messages.
    private func object(_ cursor: inout Cursor, names: ByteKeyTable, plans: [Plan], base: Int?, path: () -> String?,
                        _ store: inout CellStore, _ scratch: inout Scratch) -> Bool {
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
                guard let cell = plan.isList ? list(&cursor, plan, container: path, &store, &scratch)
                                             : scalar(&cursor, plan, container: path, element: nil, &store, &scratch) else { return false }
                if let place = plan.place {
                    if let base { store.cells[base + place] = cell } else { store[fact: place] = cell }
                }
            }
            cursor.skipSpace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            return cursor.take(UInt8(ascii: "}"))
        }
    }

    /// The key path of a member of the object at `container`, or of an element of it.
    private func path(_ plan: Plan, in container: () -> String?, element: Int? = nil) -> String {
        let member = container().map { "\($0).\(plan.definition.name)" } ?? plan.definition.path
        return element.map { "\(member)[\($0)]" } ?? member
    }

    private func scalar(_ cursor: inout Cursor, _ plan: Plan, container: () -> String?, element: Int?,
                        _ store: inout CellStore, _ scratch: inout Scratch) -> Cell? {
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
            let offset = cursor.index
            guard let text = cursor.plainString(), let date = CivilDate(isoBytes: text) else { return nil }
            if plan.isPastEvent, date > asOf {
                scratch.lateDates.append(LateDate(offset: offset, path: path(plan, in: container, element: element), text: String(decoding: text, as: UTF8.self), plan: plan))
                return .unknown
            }
            return .date(Int32(date.dayNumber))
        case .enumeration:
            guard let text = cursor.plainString(), let index = plan.values.index(of: text) else { return nil }
            return plan.constants[index] ?? store.appendText(text)
        case .records, .unreadable:
            return nil
        }
    }

    private func list(_ cursor: inout Cursor, _ plan: Plan, container: () -> String?, _ store: inout CellStore, _ scratch: inout Scratch) -> Cell? {
        guard cursor.take(UInt8(ascii: "[")) else { return nil }
        // Elements wait in `pending`, then go to the store together.
        let mark = scratch.pending.count
        defer { scratch.pending.removeSubrange(mark...) }
        cursor.skipSpace()
        if !cursor.take(UInt8(ascii: "]")) {
            while true {
                cursor.skipSpace()
                let item: Cell?
                if plan.kind == .records {
                    let start = store.cells.count
                    store.cells += repeatElement(.unknown, count: plan.recordSize)
                    let element = scratch.pending.count - mark
                    let read = object(&cursor, names: plan.fieldNames, plans: plan.fields, base: start,
                                      path: { path(plan, in: container, element: element) }, &store, &scratch)
                    item = read ? .record(start: Int32(start)) : nil
                } else {
                    let element = scratch.pending.count - mark
                    item = scalar(&cursor, plan, container: container, element: element, &store, &scratch)
                }
                guard let item else { return nil }
                scratch.pending.append(item)
                cursor.skipSpace()
                if cursor.take(UInt8(ascii: ",")) { continue }
                guard cursor.take(UInt8(ascii: "]")) else { return nil }
                break
            }
        }
        let start = store.cells.count
        store.cells += scratch.pending[mark...]
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
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            if let base = bytes.baseAddress {
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
                while index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C)) || (word &- ones &* 0x20) & ~word & highs != 0 { break }
                    index += 8
                }
            }
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
