/// Reads `vocabulary.json5`: `{ facts: { name: { type, label, unit, form, … } } }`.
struct VocabularyLoader {
    let diagnostics: DiagnosticCollector

    /// The scalar types a fact or a list element may have.
    static let scalarTypes: [String: ValueType] = [
        "bool": .boolean, "integer": .integer, "decimal": .decimal, "text": .text, "date": .date,
    ]

    /// The facts one vocabulary file declares; the folder's files make one `Vocabulary`.
    func load(_ root: JSONNode) -> [FactDefinition] {
        guard var file = ObjectReader(root, "the vocabulary", diagnostics) else { return [] }
        var facts: [FactDefinition] = []
        if var list = file.object("facts", "`facts`", required: true) {
            for member in list.members {
                _ = list.member(member.key)
                if let fact = definition(member, prefix: "") { facts.append(fact) }
            }
            list.finish()
        }
        file.finish()
        return facts
    }

    private func definition(_ member: JSONMember, prefix: String) -> FactDefinition? {
        let path = prefix + member.key
        guard isIdentifier(member.key) else {
            diagnostics.error("bad-name", at: member.keyLocation, "fact name `\(member.key)` must be letters, digits and _ (starting with a letter)")
            return nil
        }
        guard var reader = ObjectReader(member.value, "fact", named: path, diagnostics) else { return nil }
        defer { reader.finish() }
        let label = reader.label("label", required: true) ?? Label(zh: path, en: path)
        let unit = reader.label("unit")
        let form = reader.string("form")
        let minimum = reader.number("min")
        let maximum = reader.number("max")
        let isPastEvent = reader.bool("past_event") ?? false
        let isInformational = reader.bool("informational") ?? false
        let roleNode = reader.stringNode("role")
        let role = roleNode.flatMap { FactDefinition.Role(rawValue: $0.string!) }
        if let roleNode, role == nil {
            diagnostics.error("bad-value", at: roleNode.location, "role must be one of: \(FactDefinition.Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let typeNode = reader.stringNode("type", required: true), let typeName = typeNode.string else { return nil }

        var values: [EnumValue] = []
        var fields: [FactDefinition] = []
        let type: ValueType
        switch typeName {
        case "enum":
            values = enumValues(&reader, path: path)
            type = .enumeration(path)
        case "list":
            let element = reader.stringNode("of", required: true)
            if element?.string == "enum" {
                values = enumValues(&reader, path: path)
                type = .list(.enumeration(path))
            } else if let name = element?.string, let scalar = Self.scalarTypes[name] {
                type = .list(scalar)
            } else {
                if let element { diagnostics.error("bad-type", at: element.location, "`of` of fact `\(path)` must be enum, \(Self.scalarTypes.keys.sorted().joined(separator: ", "))") }
                return nil
            }
        case "records":
            if var fieldList = reader.object("fields", "`fields`", required: true) {
                for field in fieldList.members {
                    _ = fieldList.member(field.key)
                    if let definition = definition(field, prefix: path + ".") { fields.append(definition) }
                }
                fieldList.finish()
            }
            type = .list(.record(path))
        default:
            guard let scalar = Self.scalarTypes[typeName] else {
                let expected = (Self.scalarTypes.keys.sorted() + ["enum", "list", "records"]).joined(separator: ", ")
                diagnostics.error("bad-type", at: typeNode.location, "type `\(typeName)` of fact `\(path)` is not one of: \(expected)")
                return nil
            }
            type = scalar
        }
        if isPastEvent, type != .date {
            diagnostics.error("bad-type", at: member.value.location, "`past_event` applies to a date, but fact `\(path)` is \(type)")
        }
        checkBounds(minimum, maximum, of: path, type, at: member.value.location)
        var definition = FactDefinition(path: path, type: type, label: label, unit: unit, form: form, values: values, fields: fields,
                                        minimum: minimum, maximum: maximum, isPastEvent: isPastEvent, location: member.keyLocation)
        definition.isInformational = isInformational
        definition.role = role
        definition.storedName = member.key
        return definition
    }

    /// A fact's bounds must leave some value possible (a `min` above the `max` refuses
    /// every profile that gives the fact), be finite, and, for a whole number, be whole
    /// numbers of at most 15 digits (kept exactly, and shown as written). A whole number
    /// must have both: a count without bounds lets an absurd value through (−100 beds is
    /// then an ordinary failure, not a mistake), and arithmetic on one near 2^63 (a
    /// department's beds times 3) overflows, which makes the rule unknown as if a fact
    /// were missing.
    private func checkBounds(_ minimum: Double?, _ maximum: Double?, of path: String, _ type: ValueType, at location: SourceLocation) {
        let isWhole = type == .integer || type == .list(.integer)
        for bound in [minimum, maximum].compactMap({ $0 }) {
            if !bound.isFinite || (isWhole && (bound != bound.rounded() || abs(bound) > 1e15)) {
                diagnostics.error("bad-bounds", at: location, "the bounds of `\(path)` must be \(isWhole ? "whole numbers of at most 15 digits" : "finite numbers"), found \(bound)")
                return
            }
        }
        if let minimum, let maximum, minimum > maximum {
            diagnostics.error("bad-bounds", at: location, "`min` of `\(path)` (\(minimum)) is above its `max` (\(maximum)): no value would be accepted")
        }
        if isWhole, minimum == nil || maximum == nil {
            diagnostics.error("unbounded-count", at: location, "whole-number fact `\(path)` needs both `min` and `max` (the smallest possible and the largest plausible value), so that an absurd value is refused as bad input and arithmetic on it cannot overflow")
        }
    }

    /// `values: [{id: "general-hospital", zh: "综合医院", en: "General hospital"}, …]`
    private func enumValues(_ reader: inout ObjectReader, path: String) -> [EnumValue] {
        guard let list = reader.array("values", required: true) else { return [] }
        var values: [EnumValue] = []
        var seen: [String: SourceLocation] = [:]
        seen.reserveCapacity(list.count)  // no rehashing as it grows
        for node in list {
            guard var item = ObjectReader(node, "a value of", named: path, diagnostics) else { continue }
            let id = item.string("id", required: true)
            let zh = item.string("zh", required: true)
            let en = item.string("en", required: true)
            item.finish()
            guard let id, let zh, let en else { continue }
            if let first = seen.keepFirst(node.location, forKey: id) {
                diagnostics.error("duplicate-id", at: node.location, "value `\(id)` of `\(path)` is declared twice (first at \(first))")
                continue
            }
            values.append(EnumValue(id: id, label: Label(zh: zh, en: en)))
        }
        if values.isEmpty { diagnostics.error("bad-type", at: reader.location, "fact `\(path)` declares no values") }
        return values
    }
}

func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
}
