/// One value of a one-of fact: its id as written in profiles, and its labels.
public struct EnumValue: Sendable, Hashable {
    public var id: String
    public var label: Label
}

/// A declared fact, or a field of a list of records.
public struct FactDefinition: Sendable {
    /// `bed_count`, or `physicians.certificate` for a field of a record.
    public var path: String
    public var type: ValueType
    public var label: Label
    public var unit: Label?
    /// The field of the official application form the fact is read from.
    public var form: String?
    /// Allowed values, for a one-of fact or a list of one-of values, in declared order.
    public var values: [EnumValue]
    /// Fields, for a list of records, in declared order.
    public var fields: [FactDefinition]
    /// Bounds for an integer or decimal (a count of beds cannot be negative).
    public var minimum: Double?
    public var maximum: Double?
    /// For a date: the fact is a past event, so it cannot lie after the as-of date.
    public var isPastEvent: Bool
    /// Read for reports (a name, an address), not by rules: `policy check` does not
    /// warn that no rule uses it.
    public var isInformational: Bool = false
    /// What the fact says of the applicant, for a report's header: its name, its type.
    public var role: Role? = nil

    /// The parts of a report's header a fact can fill (`role: "applicant-name"`).
    public enum Role: String, Sendable, CaseIterable {
        case applicantName = "applicant-name", applicantType = "applicant-type"
    }
    public var location: SourceLocation

    /// Indexes into `fields` by field name, for decoding records without building paths.
    var fieldIndexes: [String: Int] = [:]

    public func field(_ name: String) -> FactDefinition? { fieldIndexes[name].map { fields[$0] } }

    /// The last component of the path.
    public var name: String { storedName ?? path.lastIndex(of: ".").map { String(path[path.index(after: $0)...]) } ?? path }
    /// `name`, worked out once by the vocabulary, and its UTF-8 bytes for the fast decoder.
    var storedName: String?
    var nameBytes: [UInt8] = []

    public func value(_ id: String) -> EnumValue? { values.first { $0.id == id } }
}

/// Every fact a rule may use, declared once with its type, unit, labels and form field.
public struct Vocabulary: Sendable {
    /// Top-level facts in declared order.
    public private(set) var facts: [FactDefinition] = []
    private var byPath: [String: FactDefinition] = [:]
    /// The types alone, which type checking asks for at every name: reading a whole
    /// definition out of `byPath` copies (and counts references to) all its parts.
    private var types: [String: ValueType] = [:]
    /// The values of the one-of facts alone, which type checking asks for at every `==`
    /// and `in` with one of them, for the same reason.
    private var values: [String: [EnumValue]] = [:]

    public init(_ facts: [FactDefinition]) {
        self.init(indexed: facts.map(Self.withFieldIndexes))
    }

    /// A vocabulary of facts that went through `withFieldIndexes` already (the loader
    /// indexes each fact as it reads it).
    init(indexed facts: [FactDefinition]) {
        self.facts = facts
        // Room for every fact and field at once: the tables otherwise grow by doubling, each
        // time hashing every path again.
        let count = Self.count(facts)
        byPath.reserveCapacity(count)
        types.reserveCapacity(count)
        for fact in self.facts { index(fact) }
    }

    /// The fact with its name, name bytes and field indexes worked out, and its fields' too.
    static func withFieldIndexes(_ fact: FactDefinition) -> FactDefinition {
        var copy = fact
        copy.storedName = fact.name
        copy.nameBytes = Array(fact.name.utf8)
        copy.fields = fact.fields.map(withFieldIndexes)
        copy.fieldIndexes = Dictionary(copy.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return copy
    }

    /// The number of facts and fields, at every depth.
    private static func count(_ facts: [FactDefinition]) -> Int {
        facts.reduce(facts.count) { $0 + count($1.fields) }
    }

    private mutating func index(_ fact: FactDefinition) {
        byPath[fact.path] = fact
        types[fact.path] = fact.type
        values[fact.path] = fact.values.isEmpty ? nil : fact.values
        for field in fact.fields { index(field) }
    }

    /// A fact or a record field by path (`bed_count`, `physicians.certificate`).
    public func definition(_ path: String) -> FactDefinition? { byPath[path] }

    /// The type of a fact or record field by path, if it is declared.
    public func type(of path: String) -> ValueType? { types[path] }

    public var topLevelNames: [String] { facts.map(\.path) }

    /// The allowed values of an enumeration type (named by its declaring path).
    public func enumValues(_ name: String) -> [EnumValue] { values[name] ?? [] }
}
