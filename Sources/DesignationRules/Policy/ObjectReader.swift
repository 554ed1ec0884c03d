/// Collects diagnostics while a loader walks a file; loaders report everything they find.
final class DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ code: String, at location: SourceLocation?, _ message: String) {
        diagnostics.append(Diagnostic(.error, code: code, at: location, message))
    }

    func warning(_ code: String, at location: SourceLocation?, _ message: String) {
        diagnostics.append(Diagnostic(.warning, code: code, at: location, message))
    }

    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads the members of one JSON object with typed accessors that report a wrong
/// type or a missing member, and at the end any member nobody asked for (a typo).
struct ObjectReader {
    /// Where the object starts. (The reader keeps its members, not the node, which would be
    /// one more reference to count and release for every object read.)
    let location: SourceLocation
    let diagnostics: DiagnosticCollector
    private(set) var members: [JSONMember]
    /// Which members were asked for, and the keys asked for that no member has: with the
    /// keys of the members found, every key asked for. Flags and a list rather than a set
    /// of strings, so that no key is hashed; the keys found are not listed again, so that
    /// most objects (a label) need no list at all.
    private var found: SmallBitSet
    private var missing: [String] = []

    /// What the object is, for messages: "rule `art6-1`", or "`citation` of rule `art6-1`"
    /// for an object read from a member. Put into words only when a message needs them:
    /// building them for every object cost more than reading it.
    var context: String {
        outer.map { "\(subject.text) of \($0.text)" } ?? subject.text
    }
    private let subject: Subject
    /// The object this one is a member of, if it was read from a member.
    private let outer: Outer?

    /// What an object is, in parts: "\(what) `\(name)`", or `what` alone, or, for an
    /// object read from a member and not described otherwise, "`\(key)`".
    private struct Subject {
        var what: String?
        var name: String?
        var key = ""

        var text: String { what.map { what in name.map { "\(what) `\($0)`" } ?? what } ?? "`\(key)`" }
    }

    /// The object another is a member of: what it is, and the words for what it is a
    /// member of in turn (made at once: an object two members deep is rare).
    private struct Outer {
        var subject: Subject
        var outer: String?

        var text: String { outer.map { "\(subject.text) of \($0)" } ?? subject.text }
    }

    init?(_ node: JSONNode, _ context: String, _ diagnostics: DiagnosticCollector) {
        self.init(node, Subject(what: context), outer: nil, diagnostics)
    }

    /// A reader of the object `node`, which messages call "\(what) `\(name)`" (as in
    /// "rule `art6-1`").
    init?(_ node: JSONNode, _ what: String, named name: String, _ diagnostics: DiagnosticCollector) {
        self.init(node, Subject(what: what, name: name), outer: nil, diagnostics)
    }

    private init?(_ node: JSONNode, _ subject: Subject, outer: Outer?, _ diagnostics: DiagnosticCollector) {
        self.location = node.location
        self.subject = subject
        self.outer = outer
        self.diagnostics = diagnostics
        self.members = node.members ?? []
        self.found = SmallBitSet(count: members.count)
        if node.members == nil {
            diagnostics.error("wrong-type", at: node.location, "\(context) must be an object, found \(node.kindName)")
            return nil
        }
    }

    mutating func member(_ key: String, required: Bool = false) -> JSONNode? {
        memberIndex(key, required: required).map { members[$0].value }
    }

    /// The index of the member `key`, now asked for; a missing one is reported if required.
    private mutating func memberIndex(_ key: String, required: Bool) -> Int? {
        if let index = members.indexOfKey(key) {
            _ = found.insert(index)
            return index
        }
        if missing.isEmpty { missing.reserveCapacity(8) }  // one allocation, not one per doubling
        missing.append(key)
        if required { diagnostics.error("missing-field", at: location, "\(context) needs `\(key)`") }
        return nil
    }

    // The typed accessors read the member's value in place: a copy of its node, made and
    // released for every member read, cost more than finding the member.

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let index = memberIndex(key, required: required) else { return nil }
        guard case .string(let string) = members[index].value.value else { return wrongType(index, key, expected: "a string") }
        return string
    }

    /// A string member together with its node, for expressions whose positions matter.
    mutating func stringNode(_ key: String, required: Bool = false) -> JSONNode? {
        guard let index = memberIndex(key, required: required) else { return nil }
        guard case .string = members[index].value.value else { return wrongType(index, key, expected: "a string") }
        return members[index].value
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let index = memberIndex(key, required: false) else { return nil }
        guard case .bool(let bool) = members[index].value.value else { return wrongType(index, key, expected: "true or false") }
        return bool
    }

    mutating func number(_ key: String) -> Double? {
        guard let index = memberIndex(key, required: false) else { return nil }
        guard case .number(let number) = members[index].value.value else { return wrongType(index, key, expected: "a number") }
        return number.double
    }

    mutating func array(_ key: String, required: Bool = false) -> [JSONNode]? {
        guard let index = memberIndex(key, required: required) else { return nil }
        guard case .array(let array) = members[index].value.value else { return wrongType(index, key, expected: "a list") }
        return array
    }

    /// Reports that member `index`, asked for as `key`, is not `expected` ("a string"); nil.
    private func wrongType<Value>(_ index: Int, _ key: String, expected: String) -> Value? {
        let value = members[index].value
        diagnostics.error("wrong-type", at: value.location, "`\(key)` of \(context) must be \(expected), found \(value.kindName)")
        return nil
    }

    mutating func object(_ key: String, _ what: String, required: Bool = false) -> ObjectReader? {
        memberObject(key, what: what, required: required)
    }

    /// The object in member `key`, described as `what` (nil: as the key).
    private mutating func memberObject(_ key: String, what: String?, required: Bool) -> ObjectReader? {
        guard let value = member(key, required: required) else { return nil }
        return ObjectReader(value, Subject(what: what, key: key), outer: Outer(subject: subject, outer: outer?.text), diagnostics)
    }

    /// A `{zh: …, en: …}` label.
    mutating func label(_ key: String, required: Bool = false) -> Label? {
        guard var reader = memberObject(key, what: nil, required: required) else { return nil }
        let zh = reader.string("zh", required: true)
        let en = reader.string("en", required: true)
        reader.finish()
        guard let zh, let en else { return nil }
        return Label(zh: zh, en: en)
    }

    /// A date member written `YYYY-MM-DD`.
    mutating func date(_ key: String, required: Bool = false) -> CivilDate? {
        guard let node = stringNode(key, required: required), let text = node.string else { return nil }
        guard let date = CivilDate(iso: text) else {
            diagnostics.error("bad-date", at: node.location, "`\(key)` of \(context) must be a date written YYYY-MM-DD, found \"\(text)\"")
            return nil
        }
        return date
    }

    /// Takes the elements of the list under `key` out of the object, leaving an empty list
    /// in their place, so that whoever reads them holds the only reference and frees them
    /// on its own core. Nothing is marked read or reported: `array` does that later, and
    /// finds the empty list. Nil, and nothing taken, when the member is not a list.
    mutating func takeElements(_ key: String) -> [JSONNode]? {
        guard let index = members.indexOfKey(key), case .array(let elements) = members[index].value.value else { return nil }
        members[index].value.value = .array([])
        return elements
    }

    /// Reports every member that no accessor asked for, with the nearest expected name.
    func finish() {
        for (index, member) in members.enumerated() where !found.contains(index) {
            let read = Set(missing).union(members.indices.filter { found.contains($0) }.map { members[$0].key })
            var message = "unknown field `\(member.key)` in \(context)"
            if let near = nearestName(to: member.key, in: read) { message += "; did you mean `\(near)`?" }
            else { message += "; expected one of: " + read.sorted().joined(separator: ", ") }
            diagnostics.error("unknown-field", at: member.keyLocation, message)
        }
    }
}
