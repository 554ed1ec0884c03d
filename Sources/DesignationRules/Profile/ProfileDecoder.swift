/// Reads a profile (a JSON object whose keys are fact names) and checks every value
/// against the vocabulary, reporting all problems at once, each with its key path.
public struct ProfileDecoder: Sendable {
    /// The most bytes a profile may have, in a file or on a line of a batch: a designation
    /// profile is a few kilobytes, and reading one takes up to about 15 times its size.
    public static let maxBytes = 1 << 20
    /// The most elements a list of a profile may have (physicians, departments, materials):
    /// each element a rule reads may be a question, and a megabyte of `{}` made hundreds of
    /// thousands of them (hours of work, and a report of hundreds of megabytes).
    public static let maxListElements = 1_000

    public let vocabulary: Vocabulary
    /// Dates of past events cannot lie after this date.
    public let asOf: CivilDate
    /// The language of the problems' messages (the reviewer's).
    public let language: Language

    public init(vocabulary: Vocabulary, asOf: CivilDate, language: Language = .en) {
        self.vocabulary = vocabulary
        self.asOf = asOf
        self.language = language
    }

    private var messages: ProfileMessages { ProfileMessages(vocabulary: vocabulary, language: language) }

    /// Decodes bytes of a JSON (or JSON5) profile through the JSON5 reader, reporting
    /// every problem with its position. (Batch mode reads plain JSON on a fast path
    /// first, `CellDecoder`, and comes here for what that one declines.)
    public func decode(_ bytes: [UInt8], source: String) throws(DiagnosticList) -> Profile {
        let root: JSONNode
        do { root = try JSON5.parse(bytes, file: source, maxDepth: 64, language: language) } catch { throw DiagnosticList([error.diagnostic]) }
        return try decode(root, source: source)
    }

    public func decode(_ root: JSONNode, source: String) throws(DiagnosticList) -> Profile {
        var problems = ProblemList()
        problems.language = language
        guard let members = root.members else {
            throw DiagnosticList([Diagnostic(code: "wrong-type", at: root.location, messages.notAnObject(root))])
        }
        var facts: [String: Value] = [:]
        for member in members {
            guard let definition = vocabulary.definition(member.key), !member.key.utf8.contains(UInt8(ascii: ".")) else {
                problems.append(undeclared(member.key, at: member.keyLocation, candidates: vocabulary.topLevelNames, in: nil))
                continue
            }
            if let value = read(member.value, definition, path: { member.key }, &problems) { facts[member.key] = value }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems.diagnostics) }
        return Profile(facts: facts, source: source)
    }

    // The key path of a value (`physicians[1].certificate`) is passed as a closure and
    // built only when a problem is reported: most profiles have none.
    private func read(_ node: JSONNode, _ definition: FactDefinition, path: () -> String, _ problems: inout ProblemList) -> Value? {
        if case .null = node.value { return nil }
        return read(node, type: definition.type, definition, path: path, &problems)
    }

    private func read(_ node: JSONNode, type: ValueType, _ definition: FactDefinition, path: () -> String, _ problems: inout ProblemList) -> Value? {
        func wrong(_ expected: ProfileMessages.Expected, unit: Label? = nil) -> Value? {
            problems.append(Diagnostic(code: "wrong-type", at: node.location, messages.wrongType(path(), expected, unit: unit, found: node)))
            return nil
        }
        func tooMany(_ count: Int) -> Value? {
            problems.append(Diagnostic(code: "out-of-range", at: node.location, messages.tooMany(path(), count, limit: Self.maxListElements)))
            return nil
        }
        switch type {
        case .boolean:
            guard let value = node.bool else { return wrong(.boolean) }
            return .boolean(value)
        case .integer:
            guard let number = node.number, let value = number.integer else { return wrong(.wholeNumber, unit: definition.unit) }
            return bounded(.integer(value), Double(value), node, definition, path, &problems)
        case .decimal:
            guard let number = node.number, number.double.isFinite else { return wrong(.number, unit: definition.unit) }
            return bounded(.decimal(number.double), number.double, node, definition, path, &problems)
        case .text:
            guard let value = node.string else { return wrong(.text) }
            return .text(value)
        case .date:
            guard let text = node.string else { return wrong(.date) }
            guard let date = CivilDate(iso: text) else {
                problems.append(Diagnostic(code: "bad-date", at: node.location, messages.badDate(path(), text)))
                return nil
            }
            if definition.isPastEvent, date > asOf {
                problems.append(Self.futureDate(text, path: path(), asOf: asOf, definition, at: node.location, vocabulary: vocabulary, language: language))
                return nil
            }
            return .date(date)
        case .enumeration:
            guard let value = node.string else { return wrong(.oneOf(definition.values)) }
            guard definition.values.contains(where: { $0.id == value }) else {
                let near = nearestName(to: value, in: definition.values.map(\.id))
                problems.append(Diagnostic(code: "unknown-value", at: node.location, messages.unknownValue(path(), value, near: near, allowed: definition.values)))
                return nil
            }
            return .text(value)
        case .list(.record):
            guard let elements = node.array else { return wrong(.records(definition)) }
            guard elements.count <= Self.maxListElements else { return tooMany(elements.count) }
            var records: [Value] = []
            for (index, element) in elements.enumerated() {
                if let record = readRecord(element, definition, path: { "\(path())[\(index)]" }, &problems) { records.append(record) }
            }
            return .list(records)
        case .list(let elementType):
            guard let elements = node.array else { return wrong(.list) }
            guard elements.count <= Self.maxListElements else { return tooMany(elements.count) }
            var values: [Value] = []
            for (index, element) in elements.enumerated() {
                if let value = read(element, type: elementType, definition, path: { "\(path())[\(index)]" }, &problems) { values.append(value) }
            }
            return .list(values)
        case .period, .record, .emptyList:
            return wrong(.notDeclarable)
        }
    }

    private func readRecord(_ node: JSONNode, _ definition: FactDefinition, path: () -> String, _ problems: inout ProblemList) -> Value? {
        guard let members = node.members else {
            problems.append(Diagnostic(code: "wrong-type", at: node.location, messages.wrongType(path(), .recordWith(definition), unit: nil, found: node)))
            return nil
        }
        var fields: [String: Value] = [:]
        for member in members {
            guard let field = definition.field(member.key) else {
                problems.append(undeclared(member.key, at: member.keyLocation, candidates: definition.fields.map(\.name), in: definition, path: path() + "." + member.key))
                continue
            }
            if let value = read(member.value, field, path: { path() + "." + member.key }, &problems) { fields[member.key] = value }
        }
        return .record(Record(fields))
    }

    /// A past event dated after the as-of date (batch mode's fast decoder reports it too).
    static func futureDate(_ text: String, path: String, asOf: CivilDate, _ definition: FactDefinition, at location: SourceLocation,
                           vocabulary: Vocabulary? = nil, language: Language = .en) -> Diagnostic {
        let messages = ProfileMessages(vocabulary: vocabulary ?? Vocabulary([definition]), language: language)
        return Diagnostic(code: "future-date", at: location, messages.futureDate(path, text, asOf: asOf, definition))
    }

    /// The value, or a problem when it lies outside the fact's bounds; the message quotes
    /// the number as written (1000.0000000001, not the 1000.0 it reads as).
    private func bounded(_ value: Value, _ number: Double, _ node: JSONNode, _ definition: FactDefinition, _ path: () -> String, _ problems: inout ProblemList) -> Value? {
        if let minimum = definition.minimum, number < minimum {
            problems.append(Diagnostic(code: "out-of-range", at: node.location, messages.belowMinimum(path(), written(node, value), format(minimum), unit: definition.unit)))
            return nil
        }
        if let maximum = definition.maximum, number > maximum {
            problems.append(Diagnostic(code: "out-of-range", at: node.location, messages.aboveMaximum(path(), written(node, value), format(maximum), unit: definition.unit)))
            return nil
        }
        return value
    }

    private func written(_ node: JSONNode, _ value: Value) -> String {
        node.number.map { $0.text.quotedInMessage } ?? "\(value)"
    }

    private func undeclared(_ key: String, at location: SourceLocation, candidates: [String], in record: FactDefinition?, path: String? = nil) -> Diagnostic {
        Diagnostic(code: "undeclared-fact", at: location,
                   messages.undeclared(path ?? key, near: nearestName(to: key, in: candidates), record: record))
    }

    private func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
