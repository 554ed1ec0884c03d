/// A policy's note in the reader's words. A note may name, by the ids the policy
/// declares, a rule or a deadline (shown by its citation and its words), a procedure, a
/// fact, a parameter, a one-of value (each by its label) or a decision (by the tool's
/// word for it); so the file stays readable for staff, who write ids they know, and the
/// report for reviewers, who never see one. In a Chinese note every such word must name
/// something (`policy check` reports one that does not: a typo cannot reach a report);
/// in an English note only words with `-` or `_` are ids, the rest is English.
struct NoteWords {
    let policy: Policy
    let vocabulary: Vocabulary
    let language: Language

    /// The note with every id it names replaced by its words.
    func words(_ text: String) -> String {
        var out = ""
        var rest = text[...]
        for (range, id) in Self.candidates(in: text, language) {
            guard let shown = name(id) else { continue }
            var before = text[rest.startIndex..<range.lowerBound]
            var after = range.upperBound
            // Chinese has no spaces between words: the ones written around an id go with it.
            if language == .zh {
                if before.last == " ", before.dropLast().last.map(\.isASCII) != true { before = before.dropLast() }
                if after < text.endIndex, text[after] == " ", text[text.index(after: after)...].first.map(\.isASCII) != true {
                    after = text.index(after: after)
                }
            }
            out += before + shown
            rest = text[after...]
        }
        return out + rest
    }

    /// The ids of a Chinese note that name nothing the policy or the vocabulary declares.
    func unresolved(_ text: String) -> [String] {
        Self.candidates(in: text, .zh).map(\.1).filter { name($0) == nil }
    }

    /// Words that may be ids: ASCII letters, digits, `-` and `_`, starting with a letter,
    /// with a small letter (capitals alone are the texts' abbreviations: PDF, HIS); in
    /// English, only those with `-` or `_`.
    static func candidates(in text: String, _ language: Language) -> [(Range<String.Index>, String)] {
        var found: [(Range<String.Index>, String)] = []
        var index = text.startIndex
        func isPart(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
        }
        while index < text.endIndex {
            guard isPart(text[index]), index == text.startIndex || !isPart(text[text.index(before: index)]) else {
                index = text.index(after: index)
                continue
            }
            var end = text[index...].firstIndex { !isPart($0) } ?? text.endIndex
            // A trailing `-` or `_` is punctuation, not part of the id.
            while end > index, "-_".contains(text[text.index(before: end)]) { end = text.index(before: end) }
            let word = String(text[index..<end])
            let isID = word.first?.isLetter == true && word.contains { $0.isLowercase }
                && (language == .zh || word.contains { $0 == "-" || $0 == "_" })
            if isID { found.append((index..<end, word)) }
            index = end == index ? text.index(after: index) : end
        }
        return found
    }

    /// The words for an id, or nil when it names nothing.
    func name(_ id: String) -> String? {
        let describe = Describer(vocabulary: vocabulary, policy: policy, language: language)
        // A rule a region replaced is still the parent's, by the parent's id and citation.
        let texts = [policy] + policy.ancestors
        if let rule = texts.lazy.compactMap({ $0.rules.first { $0.id == id } }).first {
            return describe.citation(rule.citation) + quoted(rule.explanation.text(language))
        }
        if let deadline = texts.lazy.compactMap({ $0.deadlines.first { $0.id == id } }).first {
            return describe.citation(deadline.citation) + quoted(deadline.label.text(language))
        }
        if let procedure = policy.procedures.first(where: { $0.id == id }) { return quoted(procedure.label.text(language)) }
        if let fact = vocabulary.definition(id) { return quoted(fact.label.text(language)) }
        if let parameter = policy.parameters.first(where: { $0.name == id }) { return quoted(parameter.label.text(language)) }
        if let verdict = Verdict(rawValue: id) { return quoted(Words.verdict(verdict, language)) }
        return valueLabel(id).map(quoted)
    }

    /// A one-of value's label, when every declaration of that id gives it one label.
    func valueLabel(_ id: String) -> String? {
        let labels = Set(vocabulary.facts.flatMap { [$0] + $0.fields }.compactMap { $0.value(id)?.label.text(language) })
        return labels.count == 1 ? labels.first : nil
    }

    private func quoted(_ text: String) -> String { "“\(text)”" }
}
