/// The evaluation for people: the decision, the stages, each rule with its status,
/// citation, quote and deciding values, the deadlines, and the questions to ask.
public struct TextReport: Sendable {
    public let vocabulary: Vocabulary
    public let language: Language
    /// Whether to colour status words (a terminal without NO_COLOR).
    public let colour: Bool

    public init(vocabulary: Vocabulary, language: Language, colour: Bool = false) {
        self.vocabulary = vocabulary
        self.language = language
        self.colour = colour
    }

    public func render(_ evaluation: Evaluation) -> String {
        let policy = evaluation.policy
        let describe = Describer(vocabulary: vocabulary, policy: policy, language: language)
        let heading = { (key: String) in Words.heading(key, language) }
        var lines: [String] = []
        lines.append("《\(policy.document.title)》\(policy.document.number) [\(policy.id), \(policy.status.rawValue)]")
        for warning in evaluation.warnings { lines.append(paint("\(heading("warning")): \(warning.text(language))", .yellow)) }
        lines.append("\(heading("profile")): \(evaluation.profileSource)    \(heading("asOf")): \(evaluation.asOf)")
        lines.append("\(heading("scope")): \(policy.scope.text(language))")
        if let note = policy.scopeNote { lines.append("  \(heading("note")): \(note.text(language))") }
        lines.append("")
        lines.append(paint("\(heading("decision")): \(Words.verdict(evaluation.verdict, language))", colour(for: evaluation.verdict)))
        if evaluation.scope.status != .pass {
            if evaluation.scope.status == .unknown { lines.append("  \(heading("scopeUnknown"))") }
            for item in evaluation.scope.evidence.compactMap(describe.evidence) { lines.append("  · \(item)") }
        }
        for stage in evaluation.stages {
            var text = "  \(stage.stage.label.text(language)): "
            if !evaluation.reached(stage) { text += heading("notReached") + " " }
            if let outcome = stage.outcome { text += outcome.label.text(language) }
            else {
                text += heading("undetermined")
                if let atLeast = stage.atLeast { text += "; \(heading("atLeast")) \(atLeast.label.text(language))" }
            }
            lines.append(text)
        }
        let decisive = evaluation.rules.filter { $0.status == .fail }
        if !decisive.isEmpty {
            lines.append("\(heading("reasons")):")
            for result in decisive {
                let when = result.passesFrom.map { " (\(heading("passesFrom")) \($0))" } ?? ""
                lines.append("  ✗ \(describe.citation(result.rule.citation))  \(result.rule.explanation.text(language))\(when)")
            }
        }
        if let earliest = evaluation.earliest {
            if let date = earliest.date {
                lines.append("\(heading("earliest")): \(date) (\(earliest.rules.joined(separator: ", ")))")
            } else {
                lines.append("\(heading("notTimeOnly")): \(earliest.rules.joined(separator: ", "))")
            }
        }

        for kind in evaluation.procedure.kinds {
            let results = evaluation.rules.filter { $0.rule.kind == kind.id }
            guard !results.isEmpty else { continue }
            lines.append("")
            lines.append("\(kind.label.text(language))")
            for result in results { lines += ruleLines(result, describe) }
        }

        if !evaluation.deadlines.isEmpty {
            lines.append("")
            lines.append(heading("deadlines"))
            for result in evaluation.deadlines {
                let value = result.value.map { describe.value($0, definition: nil) } ?? heading("unknown")
                let mark = (result.isApproximate ? " ≈" : "") + (result.hasPassed ? " \(heading("passed"))" : "")
                lines.append("  \(result.deadline.label.text(language)): \(value)\(mark)    \(describe.citation(result.deadline.citation))")
                lines.append("    「\(result.deadline.quote)」")
                if let old = result.deadline.superseded {
                    lines.append("    \(Words.heading("replaces", language)) \(describe.citation(old.citation))「\(old.quote)」")
                }
                for item in result.evidence.compactMap(describe.evidence) { lines.append("    · \(item)") }
                if let note = result.deadline.note { lines.append("    \(heading("note")): \(note.text(language))") }
            }
        }

        if !evaluation.questions.isEmpty {
            lines.append("")
            lines.append(heading("questions"))
            for path in evaluation.questions { lines.append("  - " + question(path)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func ruleLines(_ result: RuleResult, _ describe: Describer) -> [String] {
        let status = Words.status(result.status, polarity: result.rule.polarity, language)
        let width = status.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        let padded = status + String(repeating: " ", count: max(0, 12 - width))
        var lines = ["  \(paint(padded, colour(for: result.status)))  \(describe.citation(result.rule.citation))  \(result.rule.explanation.text(language))  [\(result.rule.id)]"]
        lines.append("      「\(result.rule.quote)」")
        if let old = result.rule.superseded {
            lines.append("      \(Words.heading("replaces", language)) \(describe.citation(old.citation))「\(old.quote)」")
        }
        if let waiver = result.waiver {
            lines.append("      \(Words.heading("waivedBy", language)) \(describe.citation(waiver.citation))「\(waiver.quote)」 \(waiver.explanation.text(language))")
        }
        for alternative in result.matched {
            lines.append("      ✓ \(describe.citation(alternative.citation))「\(alternative.quote)」")
        }
        for item in result.evidence.compactMap(describe.evidence) { lines.append("      · \(item)") }
        if !result.needed.isEmpty {
            let labels = result.needed.map { describe.label(path: $0, definition: definitionPath($0)) }
            lines.append("      \(Words.heading("missing", language)): \(labels.joined(separator: ", "))")
        }
        if let date = result.passesFrom { lines.append("      \(Words.heading("passesFrom", language)): \(date)") }
        if let note = result.rule.note { lines.append("      \(Words.heading("note", language)): \(note.text(language))") }
        return lines
    }

    /// A missing fact as a question: its label, type, allowed values and form field.
    private func question(_ path: String) -> String {
        let definition = definitionPath(path)
        guard let fact = vocabulary.definition(definition) else { return path }
        var text = "\(fact.label.text(language)) (\(path); \(fact.type)"
        if let unit = fact.unit { text += ", \(unit.text(language))" }
        text += ")"
        if !fact.values.isEmpty {
            text += " \(Words.heading("allowed", language)): " + fact.values.map { "\($0.id) \($0.label.text(language))" }.joined(separator: " | ")
        }
        if let form = fact.form { text += " — \(Words.heading("form", language)): \(form)" }
        return text
    }

    private enum Colour: String { case red = "31", green = "32", yellow = "33", grey = "90" }

    private func colour(for status: RuleStatus) -> Colour? {
        switch status {
        case .pass: return .green
        case .fail: return .red
        case .unknown: return .yellow
        case .notApplicable, .waived: return .grey
        }
    }

    private func colour(for verdict: Verdict) -> Colour? {
        switch verdict {
        case .eligible: return .green
        case .ineligible: return .red
        case .incomplete, .undetermined, .outOfScope: return .yellow
        }
    }

    private func paint(_ text: String, _ colour: Colour?) -> String {
        guard self.colour, let colour else { return text }
        return "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m"
    }
}

/// `physicians[0].certificate` → `physicians.certificate`: the vocabulary entry of a profile path.
func definitionPath(_ path: String) -> String {
    var result = ""
    var skipping = false
    for character in path {
        if character == "[" { skipping = true } else if character == "]" { skipping = false } else if !skipping { result.append(character) }
    }
    return result
}
