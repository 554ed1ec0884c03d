/// Compiled expressions flattened for batch mode: one array of instructions that name
/// their operands by index, facts resolved to slots and record fields to offsets, the
/// policy's parameters and literal lists folded into constants. Built once per
/// evaluator; evaluated by `Machine` without allocating.
struct Program: Sendable {
    struct Instruction: Sendable {
        enum Op: UInt8, Sendable {
            case constant, today, fact, variable, field, list, not, negate, and, or
            case compare, member, arithmetic, conditional, known, quantifier, call
        }
        var op: Op
        /// Operands: instruction indexes, or a slot (`fact`), a depth (`variable`), or the
        /// start of an operand run in `operands` (`list`, `call`, with the count in `b`).
        var a: Int32 = 0
        var b: Int32 = 0
        var c: Int32 = 0
        var cell: Cell = .unknown
        var binary: BinaryOperator = .and
        var quantifier: Quantifier = .any
        var builtin: Builtin = .year
        /// For a comparison: 1 when the left side is `today`, 2 when the right one is
        /// (such a comparison flips on the date compared, which `passes_from` looks for).
        var todaySide: UInt8 = 0
        /// For a comparison: whether it compares a fact with a constant (`bed_count >= 20`),
        /// the commonest kind by far, which the machine reads without the general path.
        var factWithConstant = false
    }

    private(set) var instructions: [Instruction] = []
    private(set) var operands: [Int32] = []
    /// Per instruction: its source text, and the name of its fact, field, or the fact a
    /// quantifier ranges over (for the paths of the facts an unknown result needs).
    private(set) var texts: [String] = []
    private(set) var names: [String] = []
    let layout: SlotLayout
    private(set) var constants: [Cell] = []
    private(set) var constantBytes: [UInt8] = []

    init(parameters: [String: Value], compile expressions: (inout Compiler) -> Void) {
        var compiler = Compiler(parameters: parameters)
        expressions(&compiler)
        instructions = compiler.instructions
        operands = compiler.operands
        texts = compiler.texts
        names = compiler.names
        layout = compiler.layout
        constants = compiler.constants
        constantBytes = compiler.constantBytes
        textCells = Dictionary(compiler.textConstants.map { (Array($0.key.utf8), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The constant text equal to `bytes`, if the program has one.
    func constantText(_ bytes: [UInt8]) -> Cell? { textCells[bytes] }
    private let textCells: [[UInt8]: Cell]

    /// Whether the expression at `root` reads `today`: only then can its value differ
    /// from one date to another (the built-in functions take their dates as arguments).
    func readsToday(_ root: Int32) -> Bool {
        let instruction = instructions[Int(root)]
        switch instruction.op {
        case .today: return true
        case .constant, .fact, .variable: return false
        case .list, .call: return operands[Int(instruction.a) ..< Int(instruction.a + instruction.b)].contains { readsToday($0) }
        case .field, .not, .negate, .known: return readsToday(instruction.a)
        case .and, .or, .compare, .member, .arithmetic, .quantifier: return readsToday(instruction.a) || readsToday(instruction.b)
        case .conditional: return readsToday(instruction.a) || readsToday(instruction.b) || readsToday(instruction.c)
        }
    }

    func makeStore() -> CellStore { CellStore(constants: constants, bytes: constantBytes, factCount: layout.factNames.count) }

    /// Turns `Compiled` trees into instructions, children before parents.
    struct Compiler {
        let parameters: [String: Value]
        var instructions: [Instruction] = []
        var operands: [Int32] = []
        var texts: [String] = []
        var names: [String] = []
        var layout = SlotLayout()
        var constants: [Cell] = []
        var constantBytes: [UInt8] = []
        private(set) var textConstants: [String: Cell] = [:]

        /// The index of the instruction that computes `node`.
        mutating func compile(_ node: Compiled) -> Int32 {
            var instruction = Instruction(op: .constant)
            var name = ""
            switch node.operation {
            case .constant(let value):
                instruction.cell = constant(value)
            case .parameter(let parameter):
                // Parameters are fixed once the regional replacements are merged.
                instruction.cell = parameters[parameter].map { constant($0) } ?? .unknown
            case .today:
                instruction.op = .today
            case .fact(let fact):
                instruction.op = .fact
                instruction.a = Int32(layout.slot(fact))
                name = fact
            case .variable(let depth):
                instruction.op = .variable
                instruction.a = Int32(depth)
            case .field(let base, let field):
                guard case .record(let declaration) = base.type else { preconditionFailure("a field of a non-record passed the type checker") }
                instruction.op = .field
                instruction.a = compile(base)
                instruction.b = Int32(layout.fieldIndex(declaration, field))
                name = field
            case .list(let elements):
                if let values = Self.constantValues(elements) {
                    instruction.cell = constant(.list(values))
                } else {
                    instruction.op = .list
                    (instruction.a, instruction.b) = run(elements)
                }
            case .not(let operand):
                instruction.op = .not
                instruction.a = compile(operand)
            case .negate(let operand):
                instruction.op = .negate
                instruction.a = compile(operand)
            case .and(let lhs, let rhs), .or(let lhs, let rhs):
                if case .and = node.operation { instruction.op = .and } else { instruction.op = .or }
                instruction.a = compile(lhs)
                instruction.b = compile(rhs)
            case .compare(let op, let lhs, let rhs):
                instruction.op = .compare
                instruction.binary = op
                instruction.a = compile(lhs)
                instruction.b = compile(rhs)
                if case .today = lhs.operation { instruction.todaySide = 1 }
                if case .today = rhs.operation { instruction.todaySide = 2 }
                if case .fact = lhs.operation, instructions[Int(instruction.b)].op == .constant { instruction.factWithConstant = true }
            case .member(let element, let list, let negated):
                instruction.op = .member
                instruction.a = compile(element)
                instruction.b = compile(list)
                instruction.c = negated ? 1 : 0
            case .arithmetic(let op, let lhs, let rhs):
                instruction.op = .arithmetic
                instruction.binary = op
                instruction.a = compile(lhs)
                instruction.b = compile(rhs)
            case .conditional(let condition, let then, let otherwise):
                instruction.op = .conditional
                instruction.a = compile(condition)
                instruction.b = compile(then)
                instruction.c = compile(otherwise)
            case .known(let operand):
                instruction.op = .known
                instruction.a = compile(operand)
            case .quantifier(let quantifier, let over, let body):
                instruction.op = .quantifier
                instruction.quantifier = quantifier
                instruction.a = compile(over)
                instruction.b = compile(body)
                if case .fact(let list) = over.operation { name = list }
            case .call(let builtin, let arguments):
                instruction.op = .call
                instruction.builtin = builtin
                (instruction.a, instruction.b) = run(arguments)
            }
            instructions.append(instruction)
            texts.append(node.text)
            names.append(name)
            return Int32(instructions.count - 1)
        }

        /// Compiles `nodes` and lists their indexes together in `operands`: (start, count).
        private mutating func run(_ nodes: [Compiled]) -> (Int32, Int32) {
            let indexes = nodes.map { compile($0) }
            let start = operands.count
            operands += indexes
            return (Int32(start), Int32(indexes.count))
        }

        private static func constantValues(_ elements: [Compiled]) -> [Value]? {
            var values: [Value] = []
            for element in elements {
                guard case .constant(let value) = element.operation else { return nil }
                values.append(value)
            }
            return values
        }

        /// A constant as a cell; its text and list elements go before every profile's.
        private mutating func constant(_ value: Value) -> Cell {
            if let cell = Cell(scalar: value) { return cell }
            switch value {
            case .text(let text):
                // Each text once (Strings compare by canonical equivalence), so that two
                // different constant texts are known to differ without reading them.
                if let cell = textConstants[text] { return cell }
                let start = constantBytes.count
                constantBytes += Array(text.utf8)
                textConstants[text] = .text(start: Int32(start), count: Int32(constantBytes.count - start))
                return textConstants[text]!
            case .list(let values):
                let cells = values.map { constant($0) }
                let start = constants.count
                constants += cells
                return .list(start: Int32(start), count: Int32(cells.count))
            default:
                // The expression language has no record literals; scalars were taken above.
                preconditionFailure("a record constant")
            }
        }
    }
}

/// Which slot each top-level fact a program reads takes in a `CellStore`, and which
/// offset each record field takes inside its record. Facts and fields that no rule
/// reads get none: the decoder checks them and keeps nothing.
struct SlotLayout: Sendable {
    private(set) var factNames: [String] = []
    private var slots: [String: Int] = [:]
    /// For each record declaration (the list fact's path), its fields in offset order.
    private(set) var recordFields: [String: [String]] = [:]

    mutating func slot(_ fact: String) -> Int {
        if let slot = slots[fact] { return slot }
        factNames.append(fact)
        slots[fact] = factNames.count - 1
        return factNames.count - 1
    }

    mutating func fieldIndex(_ declaration: String, _ field: String) -> Int {
        var fields = recordFields[declaration, default: []]
        if let index = fields.firstIndex(of: field) { return index }
        fields.append(field)
        recordFields[declaration] = fields
        return fields.count - 1
    }

    func slot(of fact: String) -> Int? { slots[fact] }

    func fields(of declaration: String) -> [String] { recordFields[declaration] ?? [] }
}
