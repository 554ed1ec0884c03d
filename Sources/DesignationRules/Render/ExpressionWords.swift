/// An expression of a policy put into the reader's words: each fact by its label, each
/// parameter by its label, `today` as the day judged, durations and operators in the
/// report's language. Evidence then reads as a sentence of the deciding values, not as
/// the policy's code (`today > operation_start_date + minimum_operation_period` becomes
/// "判断之日 > 正式运营日期 + 最短运营期限").
struct ExpressionWords {
    let vocabulary: Vocabulary
    let policy: Policy
    let language: Language

    func words(_ expression: String) -> String {
        var out = ""
        var characters = Array(expression)[...]
        while let character = characters.first {
            if character == "'" || character == "\"" {
                let literal = characters.dropFirst().prefix { $0 != character }
                characters = characters.dropFirst(literal.count + 2)
                out += enumLabel(String(literal)) ?? "“\(String(literal))”"
            } else if character.isNumber {
                let digits = characters.prefix { $0.isNumber || $0 == "." }
                characters = characters.dropFirst(digits.count)
                // `3 months`: the number and its unit as the report writes a period.
                let rest = characters.drop { $0 == " " }
                let word = rest.prefix { $0.isLetter || $0 == "_" }
                if let amount = Int(String(digits)), let unit = Period.Unit.spellings[String(word)] {
                    out += Words.period(Period(amount, unit), language)
                    characters = rest.dropFirst(word.count)
                } else {
                    out += String(digits)
                }
            } else if character.isLetter || character == "_" {
                let name = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
                characters = characters.dropFirst(name.count)
                out += self.name(String(name))
            } else {
                out += Self.symbols[character].map { language == .zh ? $0 : String(character) } ?? String(character)
                characters = characters.dropFirst()
            }
        }
        return out
    }

    private static let symbols: [Character: String] = ["(": "（", ")": "）", ",": "，"]

    private func name(_ name: String) -> String {
        if let word = Words.expressionWord(name, language) { return word }
        if let fact = vocabulary.definition(name) { return fact.label.text(language) }
        if let parameter = policy.parameters.first(where: { $0.name == name }) { return parameter.label.text(language) }
        // `p.field` over a list of records: the field by its label.
        if let dot = name.lastIndex(of: ".") {
            let field = "." + name[name.index(after: dot)...]
            if let fact = vocabulary.facts.lazy.flatMap(\.fields).first(where: { $0.path.hasSuffix(field) }) {
                return fact.label.text(language)
            }
        }
        // A variable bound by a quantifier (`p` of `any(p in physicians, …)`).
        return language == .zh ? "该项" : name
    }

    private func enumLabel(_ id: String) -> String? {
        for fact in vocabulary.facts {
            if let value = fact.value(id) { return value.label.text(language) }
            for field in fact.fields { if let value = field.value(id) { return value.label.text(language) } }
        }
        return nil
    }
}
