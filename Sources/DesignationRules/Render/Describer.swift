/// Turns values and evidence into words, using the vocabulary's labels and units.
struct Describer {
    let vocabulary: Vocabulary
    let policy: Policy
    let language: Language

    /// `bed_count` → "床位数", `physicians[0].certificate` → "医师第1项的执业证书"
    /// ("physician no. 1: certificate"): counted from 1, as a reader counts.
    func label(path: String, definition: String) -> String {
        guard let fact = vocabulary.definition(definition) else { return path }
        let own = fact.label.text(language)
        guard let dot = path.lastIndex(of: "."), let parentDefinition = definition.split(separator: ".").first else { return own }
        let parentPath = String(path[..<dot])
        let parentLabel = vocabulary.definition(String(parentDefinition))?.label.text(language) ?? String(parentDefinition)
        let number = parentPath.firstIndex(of: "[").flatMap { Int(parentPath[parentPath.index(after: $0)...].prefix { $0.isNumber }) }
        guard let number else { return language == .zh ? "\(parentLabel)的\(own)" : "\(parentLabel): \(own)" }
        return language == .zh ? "\(parentLabel)第\(number + 1)项的\(own)" : "\(parentLabel) no. \(number + 1): \(own)"
    }

    /// A value as a reader expects it: 是/否, the label of a one-of value, a unit.
    func value(_ value: Value?, definition: String?, withID: Bool = true) -> String {
        guard let value else { return Words.heading(.unknown, language) }
        let fact = definition.flatMap { vocabulary.definition($0) }
        switch value {
        case .boolean(let flag): return Words.boolean(flag, language)
        case .text(let id):
            if let label = fact?.value(id)?.label { return withID ? "\(label.text(language)) (\(id))" : label.text(language) }
            // A text of the profile (a name, an address) is shown with its control characters escaped.
            return "\"\(id.escapingControls)\""
        case .integer, .decimal:
            guard let unit = fact?.unit else { return value.description }
            return language == .zh ? "\(value)\(unit.zh)" : "\(value) \(unit.en)"
        case .period(let period): return Words.period(period, language)
        case .list(let values): return "[" + values.map { self.value($0, definition: definition, withID: withID) }.joined(separator: ", ") + "]"
        case .record(let record):
            // Each field by its label, in the order the vocabulary declares them.
            let fields = fact?.fields ?? []
            let shown = fields.compactMap { field in
                record.fields[field.name].map { "\(field.label.text(language)) \(self.value($0, definition: field.path, withID: false))" }
            }
            return "{" + shown.joined(separator: Words.listSeparator(language)) + "}"
        default: return value.description
        }
    }

    func evidence(_ item: Evidence) -> String? {
        switch item {
        case .fact(let path, let definition, let value):
            return "\(label(path: path, definition: definition)) = \(self.value(value, definition: definition))"
        case .absent(let path, let definition):
            return Words.labelled(label(path: path, definition: definition), Words.heading(.absent, language), language)
        case .parameter(let name, let value):
            let parameter = policy.parameters.first { $0.name == name }
            let shown = self.value(value, definition: nil)
            guard let parameter else { return "\(ExpressionWords(vocabulary: vocabulary, policy: policy, language: language).words(name)) = \(shown)" }
            // A replaced parameter shows both texts: national 第十条: 1年 → shanghai 七: 2年.
            if let old = parameter.superseded {
                return "\(parameter.label.text(language))\(language == .zh ? "：" : ": ")\(self.citation(old.citation)) \(old.value.map { self.value($0, definition: nil) } ?? old.text.text(language)) → \(self.citation(parameter.citation)) \(shown)"
            }
            return "\(parameter.label.text(language)) = \(shown)" + Words.parenthesised(self.citation(parameter.citation), language)
        case .comparison(let comparison):
            return self.comparison(comparison)
        case .approximate(let expression, let date):
            return "\(words(expression)) = \(date) ≈ \(Words.heading(.approximate, language))"
        case .movedPastRestDays(_, let from, let to):
            return "\(from) \(Words.heading(.restDay, language)) → \(to)"
        }
    }

    /// An expression in the reader's words (labels, not the policy's names).
    private func words(_ expression: String) -> String {
        ExpressionWords(vocabulary: vocabulary, policy: policy, language: language).words(expression)
    }

    /// `医疗机构类别（乡镇卫生院）≠ 互联网医院: 是`, `已提交的申请材料 包含 申请表: 是`,
    /// `执业资质证照（医疗机构执业许可证）属于 医疗机构执业许可证、中医诊所备案证: 是`.
    private func comparison(_ comparison: Evidence.Comparison) -> String? {
        let (lhs, rhs) = (comparison.lhs, comparison.rhs)
        // `x == true` adds nothing to the fact, which is shown already.
        if case .boolean = rhs.value, rhs.text == "true" || rhs.text == "false" { return nil }
        let result = Words.boolean(comparison.result, language)
        let negated = comparison.op == "not in"
        if comparison.op == "in" || negated {
            if let path = rhs.path {
                let verb = Words.heading(negated ? .excludes : .includes, language)
                return Words.labelled("\(label(path: path, definition: rhs.definition ?? path)) \(verb) \(side(lhs, labelledBy: rhs.definition))", result, language)
            }
            let verb = Words.heading(negated ? .notAmong : .among, language)
            return Words.labelled("\(side(lhs, labelledBy: nil)) \(verb) \(listed(rhs.value, definition: lhs.definition))", result, language)
        }
        let symbol = ["<=": "≤", ">=": "≥", "!=": "≠", "==": "="][comparison.op] ?? comparison.op
        return Words.labelled("\(side(lhs, labelledBy: rhs.definition)) \(symbol) \(side(rhs, labelledBy: lhs.definition))", result, language)
    }

    /// A fact by its label with its value in brackets; a literal by its value, labelled
    /// through the fact on the other side (an enum id becomes its label); else text and value.
    private func side(_ side: Evidence.Side, labelledBy other: String?) -> String {
        if let path = side.path {
            let shown = value(side.value, definition: side.definition, withID: false)
            return language == .zh ? "\(label(path: path, definition: side.definition ?? path))（\(shown)）"
                                   : "\(label(path: path, definition: side.definition ?? path)) (\(shown))"
        }
        let shown = value(side.value, definition: other, withID: false)
        let literal = side.text == side.value.description || side.text == "'\(side.value)'" || side.text == "\"\(side.value)\""
        return literal ? shown : language == .zh ? "\(words(side.text))（\(shown)）" : "\(words(side.text)) (\(shown))"
    }

    /// The values of a literal list, by their labels.
    private func listed(_ value: Value, definition: String?) -> String {
        guard case .list(let values) = value else { return self.value(value, definition: definition) }
        return values.map { self.value($0, definition: definition, withID: false) }.joined(separator: language == .zh ? "、" : ", ")
    }

    /// A citation, with the text it comes from when the policy extends another
    /// (`国家第九条`, `上海市六（二）`; `National Art. 9`), so every line says which text decided it.
    func citation(_ citation: Citation) -> String {
        if policy.parent == nil && citation.document == policy.id { return citation.text }
        let text = ([policy] + policy.ancestors).first { $0.id == citation.document }
        guard let name = text?.document.jurisdiction?.text(language) else { return "\(citation.document) \(citation.text)" }
        return language == .zh ? name + citation.text : "\(name) \(citation.text)"
    }
}
