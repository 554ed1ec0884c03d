/// Turns values and evidence into words, using the vocabulary's labels and units.
struct Describer {
    let vocabulary: Vocabulary
    let policy: Policy
    let language: Language

    /// `bed_count` → "床位数", `physicians[0].certificate` → "医师[0].执业证书".
    func label(path: String, definition: String) -> String {
        guard let fact = vocabulary.definition(definition) else { return path }
        let own = fact.label.text(language)
        guard let dot = path.lastIndex(of: "."), let parentDefinition = definition.split(separator: ".").first else { return own }
        let parentPath = String(path[..<dot])
        let parentLabel = vocabulary.definition(String(parentDefinition))?.label.text(language) ?? String(parentDefinition)
        let index = parentPath.firstIndex(of: "[").map { String(parentPath[$0...]) } ?? ""
        return parentLabel + index + "." + own
    }

    /// A value as a reader expects it: 是/否, the label of a one-of value, a unit.
    func value(_ value: Value?, definition: String?) -> String {
        guard let value else { return Words.heading("unknown", language) }
        let fact = definition.flatMap { vocabulary.definition($0) }
        switch value {
        case .boolean(let flag): return Words.boolean(flag, language)
        case .text(let id):
            if let label = fact?.value(id)?.label { return "\(label.text(language)) (\(id))" }
            return "\"\(id)\""
        case .integer, .decimal:
            guard let unit = fact?.unit else { return value.description }
            return language == .zh ? "\(value)\(unit.zh)" : "\(value) \(unit.en)"
        case .period(let period): return Words.period(period, language)
        case .list(let values): return "[" + values.map { self.value($0, definition: definition) }.joined(separator: ", ") + "]"
        default: return value.description
        }
    }

    func evidence(_ item: Evidence) -> String? {
        switch item {
        case .fact(let path, let definition, let value):
            return "\(label(path: path, definition: definition)) = \(self.value(value, definition: definition))"
        case .absent(let path, let definition):
            return "\(label(path: path, definition: definition)): \(Words.heading("absent", language))"
        case .parameter(let name, let value):
            let parameter = policy.parameters.first { $0.name == name }
            let citation = parameter.map { " (\($0.citation.text))" } ?? ""
            return "\(parameter?.label.text(language) ?? name) = \(self.value(value, definition: nil))\(citation)"
        case .comparison(let comparison):
            // `x == true` adds nothing to the fact already shown.
            if case .boolean = comparison.rhsValue, comparison.rhs == "true" || comparison.rhs == "false" { return nil }
            let symbol = ["<=": "≤", ">=": "≥", "!=": "≠", "==": "="][comparison.op] ?? comparison.op
            return "\(side(comparison.lhs, comparison.lhsValue)) \(symbol) \(side(comparison.rhs, comparison.rhsValue)): \(Words.boolean(comparison.result, language))"
        case .approximate(let expression, let date):
            return "\(expression) = \(date) — \(Words.heading("approximate", language))"
        }
    }

    /// One side of a comparison: its text, and its value when the text is not the value itself.
    private func side(_ text: String, _ value: Value) -> String {
        let shown = self.value(value, definition: nil)
        if text == value.description || text == "'\(value)'" || text == "\"\(value)\"" { return shown }
        return "\(text) (\(shown))"
    }

    func citation(_ citation: Citation) -> String {
        citation.document == policy.id ? citation.text : "\(citation.document) \(citation.text)"
    }
}
