/// Batch mode's profile decoder: reads plain JSON bytes straight into the cells of a
/// `CellStore`, guided by the vocabulary and the program's layout, without building a
/// syntax tree, positions, Strings or dictionaries. Facts no rule reads are checked and
/// not kept. It handles the common case only; anything else — an escape in a string,
/// JSON5 syntax, an unknown or repeated key, a value that does not fit — returns false,
/// and the caller takes the full decoder, which accepts what it should and reports
/// every problem with its position. A test checks that both agree wherever this one answers.
public struct CellDecoder: Sendable {
    let asOf: CivilDate
    private let plans: DecodingPlans

    init(vocabulary: Vocabulary, program: Program, asOf: CivilDate) {
        self.asOf = asOf
        plans = DecodingPlans(vocabulary: vocabulary, program: program)
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
        var definition: Int
    }

    /// Decodes `bytes` into `store` (reset first). `source` names the line in messages.
    func decode(_ buffer: UnsafeBufferPointer<UInt8>, into store: inout CellStore, source: () -> String) -> Outcome {
        store.reset()
        // The line's encoding is checked string by string (`ByteCursor.plainString`).
        var cursor = ByteCursor(bytes: buffer)
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.index = 3 }
        // The store lends what it keeps for the decoder between lines, the room for list
        // elements and the key guesses (swapped, so that neither is shared and copied).
        var pending: [Cell] = [], guesses: [Int32] = []
        swap(&pending, &store.pending)
        swap(&guesses, &store.keyGuesses)
        defer {
            swap(&pending, &store.pending)
            swap(&guesses, &store.keyGuesses)
        }
        if guesses.count != plans.guessCount { guesses = Array(repeating: -1, count: plans.guessCount) }
        var lateDates: [LateDate] = []
        // The guesses are read and written at every key: in place, for the whole line.
        let read = guesses.withUnsafeMutableBufferPointer { guesses in
            var scratch = Scratch(pending: [], guesses: guesses.baseAddress!)
            swap(&scratch.pending, &pending)
            defer {
                swap(&pending, &scratch.pending)
                lateDates = scratch.lateDates
            }
            return object(&cursor, names: DecodingPlans.factNames, plans: 0 ..< plans.tables[DecodingPlans.factNames].count, base: nil,
                          path: { nil }, &store, &scratch)
        }
        guard read else { return .declined }
        cursor.skipSpace()
        guard cursor.atEnd else { return .declined }
        if lateDates.isEmpty { return .decoded }
        var problems = ProblemList()  // as the full reader lists them
        for late in lateDates {
            let (line, column) = Self.position(of: late.offset, in: buffer)
            problems.append(ProfileDecoder.futureDate(late.text, path: late.path, asOf: asOf, plans.definitions[late.definition],
                                                      at: SourceLocation(file: source(), line: line, column: column)))
        }
        return .problems(problems.diagnostics)
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
        /// `CellStore.keyGuesses`, in place.
        let guesses: UnsafeMutablePointer<Int32>
        var lateDates: [LateDate] = []
    }

    /// The members of an object: the top-level facts (`base` nil, values to their slots),
    /// or a record's fields (values to `base` plus their offsets). A key read twice or
    /// not declared sends the line the full way.
    /// `path` gives the key path of the object (nil at the top), for messages.
    ///
    /// Lines from one source write their keys in one order, so each key is first
    /// compared with the key that followed the previous one last time (one comparison
    /// instead of a scan, a hash and a look-up); a guess that fails costs one comparison.
    private func object(_ cursor: inout ByteCursor, names: Int, plans members: Range<Int>, base: Int?, path: () -> String?,
                        _ store: inout CellStore, _ scratch: inout Scratch) -> Bool {
        var seen = SmallBitSet(count: members.count)
        cursor.skipSpace()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        cursor.skipSpace()
        if cursor.take(UInt8(ascii: "}")) { return true }
        var guess = plans.guessStart(names)
        while true {
            cursor.skipSpace()
            let guessed = Int(scratch.guesses[guess])
            let index: Int
            // A right guess takes the colon with the key (a name table's keys end with it).
            if guessed >= 0, cursor.take(key: guessed, of: plans.tables[names]) {
                index = guessed
            } else {
                guard let key = cursor.plainString(), let found = plans.tables[names].index(of: key) else { return false }
                scratch.guesses[guess] = Int32(found)
                index = found
                cursor.skipSpace()
                guard cursor.take(UInt8(ascii: ":")) else { return false }
            }
            guard seen.insert(index) else { return false }
            guess = plans.guessStart(names) + 1 + index
            cursor.skipSpace()
            let plan = plans.plan(members.lowerBound + index)
            var guessOfValue = plans.guessStart(plan.pointee.values)
            // null is unknown, as the full decoder reads it.
            if !cursor.takeNull() {
                guard let cell = plan.pointee.isList ? list(&cursor, plan, container: path, &store, &scratch)
                                             : scalar(&cursor, plan, container: path, element: nil, &store, &scratch,
                                                      valueGuess: &guessOfValue) else { return false }
                if let place = plan.pointee.place {
                    if let base { store.cells[base + place] = cell } else { store[fact: place] = cell }
                }
            }
            cursor.skipSpace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            return cursor.take(UInt8(ascii: "}"))
        }
    }

    /// The key path of a member of the object at `container`, or of an element of it.
    private static func path(_ definition: FactDefinition, in container: () -> String?, element: Int? = nil) -> String {
        let member = container().map { "\($0).\(definition.name)" } ?? definition.path
        return element.map { "\(member)[\($0)]" } ?? member
    }

    /// One value. A one-of value is first compared with the value guessed at
    /// `keyGuesses[guess]` (as keys are guessed, see `object`): the value read there last
    /// time; `guess` then moves to the guess of the value that follows this one, for the
    /// next element of a list (lists name their values in an order).
    private func scalar(_ cursor: inout ByteCursor, _ plan: UnsafePointer<DecodingPlans.Plan>, container: () -> String?, element: Int?,
                        _ store: inout CellStore, _ scratch: inout Scratch, valueGuess guess: inout Int) -> Cell? {
        switch plan.pointee.kind {
        case .boolean:
            return cursor.boolean().map { .boolean($0) }
        case .integer:
            guard let number = cursor.integer(), within(Double(number), plan) else { return nil }
            return .integer(number)
        case .decimal:
            guard let number = cursor.decimal(), within(number, plan) else { return nil }
            return .decimal(number)
        case .text:
            // A text no rule reads (a name, an address) is checked, not copied.
            guard let text = cursor.plainString() else { return nil }
            return plan.pointee.place == nil ? .unknown : store.appendText(text)
        case .date:
            let offset = cursor.index
            guard let text = cursor.plainString(), let date = CivilDate(isoBytes: text) else { return nil }
            if plan.pointee.isPastEvent, date > asOf {
                scratch.lateDates.append(LateDate(offset: offset, path: Self.path(plans.definitions[plan.pointee.definition], in: container, element: element),
                                                  text: String(decoding: text, as: UTF8.self), definition: plan.pointee.definition))
                return .unknown
            }
            return .date(Int32(date.dayNumber))
        case .enumeration:
            let start = cursor.index + 1
            let index: Int
            if case let guessed = Int(scratch.guesses[guess]), guessed >= 0, cursor.take(key: guessed, of: plans.tables[plan.pointee.values]) {
                index = guessed
            } else {
                guard let text = cursor.plainString(), let found = plans.tables[plan.pointee.values].index(of: text) else { return nil }
                scratch.guesses[guess] = Int32(found)
                index = found
            }
            guess = plans.guessStart(plan.pointee.values) + 1 + index
            return plans.constant(index, of: plan) ?? store.appendText(cursor.bytes[start ..< cursor.index - 1])
        case .records, .unreadable:
            return nil
        }
    }

    private func list(_ cursor: inout ByteCursor, _ plan: UnsafePointer<DecodingPlans.Plan>, container: () -> String?,
                      _ store: inout CellStore, _ scratch: inout Scratch) -> Cell? {
        if plan.pointee.kind == .records { return records(&cursor, plan, container: container, &store, &scratch) }
        // A scalar takes no cell but its own, so the elements go straight to the store, side by side.
        let start = store.cells.count
        var guess = plans.guessStart(plan.pointee.values)
        let read = Self.elements(&cursor) { cursor in
            guard let item = scalar(&cursor, plan, container: container, element: store.cells.count - start, &store, &scratch,
                                    valueGuess: &guess) else { return false }
            store.cells.append(item)
            return true
        }
        return read ? .list(start: Int32(start), count: Int32(store.cells.count - start)) : nil
    }

    /// A list of records: each record's fields take cells as they are read, so the
    /// records themselves wait in `pending`, then go to the store together.
    private func records(_ cursor: inout ByteCursor, _ plan: UnsafePointer<DecodingPlans.Plan>, container: () -> String?,
                         _ store: inout CellStore, _ scratch: inout Scratch) -> Cell? {
        // For the key paths of messages (the closure below must not copy the decoder).
        let definitions = plans.definitions
        let fields = plan.pointee.firstField ..< plan.pointee.firstField + plans.tables[plan.pointee.fieldNames].count
        let mark = scratch.pending.count
        // A record takes a few cells: appended one by one, which costs less than the
        // generic ways of adding or removing a run.
        defer { while scratch.pending.count > mark { scratch.pending.removeLast() } }
        let read = Self.elements(&cursor) { cursor in
            let start = store.cells.count
            for _ in 0 ..< plan.pointee.recordSize { store.cells.append(.unknown) }
            let element = scratch.pending.count - mark
            guard object(&cursor, names: plan.pointee.fieldNames, plans: fields, base: start,
                         path: { Self.path(definitions[plan.pointee.definition], in: container, element: element) }, &store, &scratch) else { return false }
            scratch.pending.append(.record(start: Int32(start)))
            return true
        }
        guard read else { return nil }
        let start = store.cells.count
        for index in mark ..< scratch.pending.count { store.cells.append(scratch.pending[index]) }
        return .list(start: Int32(start), count: Int32(store.cells.count - start))
    }

    /// `[a, b, …]`, each element read by `element`; false when the list or an element is not
    /// as expected, or the list is longer than a profile's may be (the full reader says so).
    private static func elements(_ cursor: inout ByteCursor, _ element: (inout ByteCursor) -> Bool) -> Bool {
        guard cursor.take(UInt8(ascii: "[")) else { return false }
        cursor.skipSpace()
        if cursor.take(UInt8(ascii: "]")) { return true }
        var count = 0
        while true {
            count += 1
            guard count <= ProfileDecoder.maxListElements else { return false }
            cursor.skipSpace()
            guard element(&cursor) else { return false }
            cursor.skipSpace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            return cursor.take(UInt8(ascii: "]"))
        }
    }

    private func within(_ number: Double, _ plan: UnsafePointer<DecodingPlans.Plan>) -> Bool {
        if let minimum = plan.pointee.minimum, number < minimum { return false }
        if let maximum = plan.pointee.maximum, number > maximum { return false }
        return true
    }
}
