/// How the batch decoder reads each fact and field, and where each value goes: the
/// vocabulary's definitions reduced to what reading needs, as plain records in one
/// array (top-level facts first, each record's fields together), so that reading a line
/// copies and counts no references.
struct DecodingPlans: Sendable {
    struct Plan: Sendable {
        enum Kind: UInt8, Sendable { case boolean, integer, decimal, text, date, enumeration, records, unreadable }
        var kind: Kind
        /// Whether the value is a list; `kind` is then its elements' kind (`records` for
        /// a list of records).
        var isList: Bool
        var isPastEvent: Bool
        var minimum: Double?
        var maximum: Double?
        /// The top-level slot or the field's offset in its record; nil when no rule reads it.
        var place: Int?
        /// For a one-of value: the table of its allowed ids, and where their constant
        /// cells start in `constants` (see `constant(_:of:)`).
        var values: Int
        var firstConstant: Int
        /// For a list of records: the table of its field names, where its fields' plans
        /// start, and the cells a record takes.
        var fieldNames: Int
        var firstField: Int
        var recordSize: Int
        /// The definition, in `definitions` (for messages).
        var definition: Int
    }

    /// Built here, then read through `planMemory` only.
    private var plans: [Plan] = []
    /// Key tables: the top-level fact names first, then each plan's ids and field names.
    private(set) var tables: [ByteKeyTable] = []
    /// For each allowed id of each one-of fact, the program's constant text equal to it,
    /// if any: a profile's value then points there, and compares with the constants
    /// without reading bytes.
    private(set) var constants: [Cell?] = []
    private(set) var definitions: [FactDefinition] = []
    /// Where each table's key guesses start in `CellStore.keyGuesses`: one for the first
    /// key of an object, then one for the key after each key (see `CellDecoder.object`).
    /// Built here, then read through `guessStartMemory` only.
    private var guessStarts: [Int] = []
    var guessCount: Int { (guessStarts.last ?? 0) + (tables.last.map { $0.count + 1 } ?? 0) }

    /// The top-level facts' names are table 0; their plans start at 0.
    static let factNames = 0

    /// `plans` and `guessStarts`, for the decoder to read in place (see `FixedMemory`).
    private var planMemory = FixedMemory<Plan>([])
    private var guessStartMemory = FixedMemory<Int>([])

    /// Plan `index`, in place.
    @inline(__always)
    func plan(_ index: Int) -> UnsafePointer<Plan> { planMemory.at(index) }

    /// Where the guesses of table `table` start in `CellStore.keyGuesses`.
    @inline(__always)
    func guessStart(_ table: Int) -> Int { guessStartMemory.at(table).pointee }

    init(vocabulary: Vocabulary, program: Program) {
        tables.append(ByteKeyTable(vocabulary.facts.map { Array($0.path.utf8) }, followedBy: UInt8(ascii: ":")))
        _ = add(vocabulary.facts, program) { program.layout.slot(of: $0.path) }
        guessStarts = tables.reduce(into: [0]) { $0.append($0.last! + $1.count + 1) }.dropLast()
        planMemory = FixedMemory(plans)
        guessStartMemory = FixedMemory(guessStarts)
    }

    func constant(_ index: Int, of plan: UnsafePointer<Plan>) -> Cell? { constants[plan.pointee.firstConstant + index] }

    /// Adds the plans of `definitions` side by side; returns where they start.
    private mutating func add(_ definitions: [FactDefinition], _ program: Program, place: (FactDefinition) -> Int?) -> Int {
        let first = plans.count
        let placeholder = Plan(kind: .unreadable, isList: false, isPastEvent: false, place: nil, values: 0, firstConstant: 0,
                               fieldNames: 0, firstField: 0, recordSize: 0, definition: 0)
        plans += repeatElement(placeholder, count: definitions.count)
        for (offset, definition) in definitions.enumerated() {
            plans[first + offset] = plan(definition, program, place: place(definition))
        }
        return first
    }

    private mutating func plan(_ definition: FactDefinition, _ program: Program, place: Int?) -> Plan {
        var type = definition.type
        let isList = { if case .list(let element) = type { type = element; return true } else { return false } }()
        let kind: Plan.Kind = switch type {
        case .boolean: .boolean
        case .integer: .integer
        case .decimal: .decimal
        case .text: .text
        case .date: .date
        case .enumeration: .enumeration
        case .record: isList ? .records : .unreadable
        case .period, .list, .emptyList: .unreadable
        }
        var plan = Plan(kind: kind, isList: isList, isPastEvent: definition.isPastEvent, minimum: definition.minimum,
                        maximum: definition.maximum, place: place, values: tables.count, firstConstant: constants.count,
                        fieldNames: tables.count + 1, firstField: 0, recordSize: 0, definition: definitions.count)
        definitions.append(definition)
        tables.append(ByteKeyTable(definition.values.map { Array($0.id.utf8) }))
        constants += definition.values.map { program.constantText(Array($0.id.utf8)) }
        tables.append(ByteKeyTable(definition.fields.map(\.nameBytes), followedBy: UInt8(ascii: ":")))
        let used = program.layout.fields(of: definition.path)
        plan.recordSize = used.count
        plan.firstField = add(definition.fields, program) { used.firstIndex(of: $0.name) }
        return plan
    }
}
