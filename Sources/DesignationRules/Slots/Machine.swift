/// Runs a `Program` on the profile in its store, with the three-valued semantics of
/// `ExpressionEvaluator` (a test checks the two agree on every fixture and on
/// generated profiles). Plain evaluation allocates nothing; two optional records are
/// kept when asked: the dates on which a comparison with today flips (for
/// `passes_from`), and the paths of the missing facts an unknown result hangs on
/// (the facts to ask for), in the order the traced evaluation lists them.
struct Machine: Sendable {
    let program: Program
    var store: CellStore
    var today: CivilDate
    /// The program's instructions, read in place: an array read at every step would be
    /// retained and released at every step.
    private let memory: FixedMemory<Program.Instruction>
    /// `memory`'s elements: unsafe only as a pointer is, safe because `memory`, which this
    /// machine holds as long as it lives, is never written after it is made.
    private nonisolated(unsafe) let code: UnsafeBufferPointer<Program.Instruction>
    /// Arithmetic on dates and the built-in functions are the traced evaluator's own. None
    /// of them reads `today` (they take their dates as arguments; the machine answers
    /// `today` itself), so one evaluator serves every day a rule is judged on.
    private let functions: ExpressionEvaluator
    private var bindings: [Cell] = []

    var recordsBoundaries = false
    private(set) var boundaries: [CivilDate] = []
    var recordsNeeds = false
    /// When recording, every operand is evaluated, as the traced evaluation does, so
    /// the records are the same as its evidence (an `and` whose left side is false still
    /// looks at its right side's dates).
    private var thorough: Bool { recordsBoundaries || recordsNeeds }
    private(set) var needed: [String] = []
    private var neededIndex = PositionIndex()
    /// Where each bound list element sits in the profile (`physicians[1]`), when needs are recorded.
    private var bindingPaths: [String?] = []

    init(program: Program, today: CivilDate, calendar: WorkingDayCalendar) {
        self.program = program
        memory = FixedMemory(program.instructions)
        code = UnsafeBufferPointer(memory.elements)
        store = program.makeStore()
        self.today = today
        functions = ExpressionEvaluator(facts: [:], today: today, calendar: calendar)
        bindings.reserveCapacity(8)
    }

    /// Drops the recorded boundaries on or before `date` and sorts the rest: the dates
    /// to try, in the record's own room (no new list a failing rule).
    mutating func keepBoundaries(after date: CivilDate) {
        boundaries.removeAll { $0 <= date }
        boundaries.sort()
    }

    /// A date to try besides the comparisons' (`Rule.nextPossible`).
    mutating func addCandidate(_ date: CivilDate) { boundaries.append(date) }

    mutating func clearRecords() {
        boundaries.removeAll(keepingCapacity: true)
        needed.removeAll(keepingCapacity: true)
        neededIndex.reset()
    }

    mutating func run(_ index: Int32) -> Cell { run(index, code) }

    /// An operand's value: constants and facts (most operands) read in place, the rest run.
    @inline(__always)
    private mutating func fetch(_ index: Int32, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        let instruction = code[Int(index)]
        switch instruction.op {
        case .constant: return instruction.cell
        case .today: return .date(Int32(today.dayNumber))
        case .fact where !recordsNeeds: return store[fact: Int(instruction.a)]
        case .variable: return bindings[Int(instruction.a)]
        case .field where !recordsNeeds && code[Int(instruction.a)].op == .variable:
            // A field of a quantifier's element (`p.certificate`), the commonest operand in a quantifier's body.
            guard case .record(let start) = bindings[Int(code[Int(instruction.a)].a)] else { return .unknown }
            return store.cells[Int(start + instruction.b)]
        default: return run(index, code)
        }
    }

    private mutating func run(_ index: Int32, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        // Fields are read in place, each where it is used: a copy of the whole
        // instruction would be loaded at every step and packed again for every call.
        let instruction = code.baseAddress.unsafelyUnwrapped + Int(index)
        switch instruction.pointee.op {
        case .constant: return instruction.pointee.cell
        case .today: return .date(Int32(today.dayNumber))
        case .fact:
            let cell = store[fact: Int(instruction.pointee.a)]
            if recordsNeeds, !cell.isKnown { need(program.names[Int(index)]) }
            return cell
        case .variable: return bindings[Int(instruction.pointee.a)]
        case .field: return field(index, instruction, code)
        case .list: return list(instruction, code)
        case .not:
            guard case .boolean(let flag) = fetch(instruction.pointee.a, code) else { return .unknown }
            return .boolean(!flag)
        case .negate: return negate(instruction, code)
        case .and, .or:
            let decisive = instruction.pointee.op == .or
            let mark = needed.count
            let a = fetch(instruction.pointee.a, code)
            if case .boolean(decisive) = a, !thorough { return a }
            let b = fetch(instruction.pointee.b, code)
            if case .boolean(decisive) = a { return decided(decisive, mark) }
            if case .boolean(decisive) = b { return decided(decisive, mark) }
            return a.isKnown && b.isKnown ? .boolean(!decisive) : .unknown
        case .compare where instruction.pointee.factWithConstant && !recordsNeeds:
            // A fact with a constant, most comparisons: both read in place (neither is
            // today, so no boundary is noted; a missing fact is recorded by `compare`).
            let x = store[fact: Int(code[Int(instruction.pointee.a)].a)], y = code[Int(instruction.pointee.b)].cell
            guard x.isKnown, y.isKnown else { return .unknown }
            return compared(x, y, instruction.pointee.binary)
        case .compare: return compare(instruction, code)
        case .member:
            let element = fetch(instruction.pointee.a, code)
            guard element.isKnown || thorough else { return .unknown }
            let list = fetch(instruction.pointee.b, code)
            guard element.isKnown, case .list(let start, let count) = list else { return .unknown }
            return .boolean(store.contains(element, start: start, count: count) != (instruction.pointee.c != 0))
        case .arithmetic: return arithmetic(instruction, code)
        case .conditional:
            guard case .boolean(let chosen) = fetch(instruction.pointee.a, code) else { return .unknown }
            return fetch(chosen ? instruction.pointee.b : instruction.pointee.c, code)
        case .known:
            let mark = needed.count
            let known = fetch(instruction.pointee.a, code).isKnown
            if recordsNeeds { needed.removeSubrange(mark...) }
            return .boolean(known)
        case .quantifier: return quantify(index, instruction, code)
        case .call: return call(index, instruction, code)
        }
    }

    // The rarer operations are kept out of `run`, so that its frame stays small.

    @inline(never)
    private mutating func negate(_ instruction: UnsafePointer<Program.Instruction>, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        cell(fetch(instruction.pointee.a, code).value(store).flatMap(ExpressionEvaluator.negated))
    }

    @inline(never)
    private mutating func arithmetic(_ instruction: UnsafePointer<Program.Instruction>, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        let x = fetch(instruction.pointee.a, code)
        guard x.isKnown || thorough else { return .unknown }
        let y = fetch(instruction.pointee.b, code)
        // A date moved by a period (`notice_date + rectification_period`), the commonest
        // sum, as `combine` moves it but without making values of the cells.
        if case .date(let day) = x, case .period(let amount, let unit) = y {
            let signed = Period(instruction.pointee.binary == .subtract ? -Int(amount) : Int(amount), unit)
            let moved = functions.calendar.adding(signed, to: CivilDate(dayNumber: Int(day))).date
            return moved.isWritable ? .date(Int32(moved.dayNumber)) : .unknown  // as `combine`
        }
        guard let a = x.value(store), let b = y.value(store) else { return .unknown }
        return cell(functions.combine(instruction.pointee.binary, a, b).0)
    }

    @inline(never)
    private mutating func field(_ index: Int32, _ instruction: UnsafePointer<Program.Instruction>, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        guard case .record(let start) = fetch(instruction.pointee.a, code) else { return .unknown }
        let cell = store.cells[Int(start + instruction.pointee.b)]
        if recordsNeeds, !cell.isKnown {
            let base = code[Int(instruction.pointee.a)]
            let name = program.names[Int(index)]
            if base.op == .variable, let path = bindingPaths[Int(base.a)] {
                need(path + "." + name)
            } else {
                need(program.texts[Int(instruction.pointee.a)] + "." + name)
            }
        }
        return cell
    }

    /// A list written in the expression with facts among its elements: built after the profile's cells.
    @inline(never)
    private mutating func list(_ instruction: UnsafePointer<Program.Instruction>, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        var cells: [Cell] = []
        for offset in 0 ..< Int(instruction.pointee.b) {
            let cell = fetch(program.operands[Int(instruction.pointee.a) + offset], code)
            if !cell.isKnown, !thorough { return .unknown }
            cells.append(cell)
        }
        guard cells.allSatisfy(\.isKnown) else { return .unknown }
        let start = store.cells.count
        store.cells += cells
        return .list(start: Int32(start), count: Int32(cells.count))
    }

    @inline(never)
    private mutating func compare(_ instruction: UnsafePointer<Program.Instruction>, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        let x = fetch(instruction.pointee.a, code)
        guard x.isKnown || thorough else { return .unknown }
        let y = fetch(instruction.pointee.b, code)
        guard x.isKnown, y.isKnown else { return .unknown }
        if recordsBoundaries {
            if instruction.pointee.todaySide == 1, case .date(let day) = y { noteBoundary(day) }
            if instruction.pointee.todaySide == 2, case .date(let day) = x { noteBoundary(day) }
        }
        return compared(x, y, instruction.pointee.binary)
    }

    /// Two known cells compared.
    @inline(__always)
    private func compared(_ x: Cell, _ y: Cell, _ binary: BinaryOperator) -> Cell {
        switch binary {
        case .equal: return .boolean(store.equal(x, y))
        case .notEqual: return .boolean(!store.equal(x, y))
        default:
            guard let order = store.order(x, y) else { return .unknown }
            switch binary {
            case .less: return .boolean(order < 0)
            case .lessOrEqual: return .boolean(order <= 0)
            case .greater: return .boolean(order > 0)
            default: return .boolean(order >= 0)
            }
        }
    }

    /// A comparison with today flips on the compared date or the day after it.
    private mutating func noteBoundary(_ day: Int32) {
        boundaries.append(CivilDate(dayNumber: Int(day)))
        boundaries.append(CivilDate(dayNumber: Int(day) + 1))
    }

    @inline(never)
    private mutating func quantify(_ index: Int32, _ instruction: UnsafePointer<Program.Instruction>, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        guard case .list(let start, let count) = fetch(instruction.pointee.a, code) else { return .unknown }
        let quantifier = instruction.pointee.quantifier
        let mark = needed.count
        var sawUnknown = false
        var decided = false
        var counted = 0
        var total: [Value] = []
        for offset in 0 ..< Int(count) {
            bindings.append(store.cells[Int(start) + offset])
            if recordsNeeds {
                let listPath = program.names[Int(index)]
                bindingPaths.append(listPath.isEmpty ? nil : "\(listPath)[\(offset)]")
            }
            let result = fetch(instruction.pointee.b, code)
            bindings.removeLast()
            if recordsNeeds { bindingPaths.removeLast() }
            switch quantifier {
            case .any, .all:
                if result == .boolean(quantifier == .any) {
                    if !thorough { return result }
                    decided = true
                }
                if !result.isKnown { sawUnknown = true }
            case .count:
                if !result.isKnown { sawUnknown = true } else if result == .boolean(true) { counted += 1 }
            case .sum:
                if let value = result.value(store) { total.append(value) } else { sawUnknown = true }
            }
            if sawUnknown, !thorough, quantifier == .count || quantifier == .sum { return .unknown }
        }
        if decided {
            needed.removeSubrange(mark...)
            return .boolean(quantifier == .any)
        }
        if sawUnknown { return .unknown }
        switch quantifier {
        case .any: return .boolean(false)
        case .all: return .boolean(true)
        case .count: return .integer(counted)
        case .sum: return cell(ExpressionEvaluator.total(total))
        }
    }

    @inline(never)
    private mutating func call(_ index: Int32, _ instruction: UnsafePointer<Program.Instruction>, _ code: UnsafeBufferPointer<Program.Instruction>) -> Cell {
        var arguments: [Value] = []
        var complete = true
        for offset in 0 ..< Int(instruction.pointee.b) {
            if let value = fetch(program.operands[Int(instruction.pointee.a) + offset], code).value(store) {
                arguments.append(value)
            } else {
                complete = false
                if !thorough { return .unknown }
            }
        }
        guard complete else { return .unknown }
        return cell(functions.call(instruction.pointee.builtin, arguments, text: program.texts[Int(index)]).value)
    }

    /// An `and` or `or` decided by one side: the other side's missing facts are not needed.
    private mutating func decided(_ value: Bool, _ mark: Int) -> Cell {
        if recordsNeeds { needed.removeSubrange(mark...) }
        return .boolean(value)
    }

    private mutating func need(_ path: String) {
        guard neededIndex.position(of: path, in: needed) == nil else { return }
        needed.append(path)
        neededIndex.appended(path, to: needed)
    }

    /// A value computed by the shared functions, as a cell (a text goes to the store).
    private mutating func cell(_ value: Value?) -> Cell {
        guard let value else { return .unknown }
        if let cell = Cell(scalar: value) { return cell }
        guard case .text(let text) = value else { preconditionFailure("no function returns a list or a record") }
        return store.appendText(text.utf8)
    }
}

extension Cell {
    /// The cell as a `Value`, for the shared arithmetic and functions; nil when unknown.
    func value(_ store: CellStore) -> Value? {
        switch self {
        case .unknown: return nil
        case .boolean(let flag): return .boolean(flag)
        case .integer(let number): return .integer(number)
        case .decimal(let number): return .decimal(number)
        case .date(let day): return .date(CivilDate(dayNumber: Int(day)))
        case .period(let amount, let unit): return .period(Period(Int(amount), unit))
        case .text(let start, let count): return .text(String(decoding: store.text(start, count), as: UTF8.self))
        case .list(let start, let count): return .list((Int(start) ..< Int(start + count)).compactMap { store.cells[$0].value(store) })
        case .record: return nil
        }
    }
}
