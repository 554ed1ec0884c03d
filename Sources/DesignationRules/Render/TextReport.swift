/// The evaluation for people, on a terminal: the decision, the stages, each rule with its
/// status, citation, quote and deciding values, the deadlines, and the questions to ask.
public struct TextReport: Sendable {
    public let vocabulary: Vocabulary
    public let language: Language
    /// Whether to colour status words (a terminal without NO_COLOR).
    public let colour: Bool
    /// The short view: decision, failures, questions and deadlines, without the rule-by-rule trace.
    public let brief: Bool

    public init(vocabulary: Vocabulary, language: Language, colour: Bool = false, brief: Bool = false) {
        self.vocabulary = vocabulary
        self.language = language
        self.colour = colour
        self.brief = brief
    }

    public func render(_ evaluation: Evaluation) -> String {
        let model = ReportModel(evaluation, vocabulary: vocabulary, language: language, brief: brief)
        var lines = [model.title]
        lines += model.warnings.map { paint(model.labelled(model.heading(.warning), $0), .yellow) }
        lines += model.header.map { model.labelled($0.0, $0.1) }
        lines.append("")
        lines.append(paint(model.decisionLine, colour(for: model.verdict)))
        if let notice = model.scopeNotice { lines.append("  \(notice)") }
        lines += model.scopeEvidence.map { "  · \($0)" }
        lines += model.stages.map { "  " + model.labelled($0.0, $0.1) }
        if !model.reasons.isEmpty {
            lines.append(model.labelled(model.heading(.reasons), ""))
            lines += model.reasons.map { "  ✗ \($0)" }
        }
        if let earliest = model.earliest { lines.append(earliest) }
        if !model.questions.isEmpty {
            lines.append(model.labelled(model.heading(.questions), ""))
            lines += model.questions.enumerated().map { "  \($0.offset + 1). \($0.element)" }
        }
        for section in model.sections {
            lines.append("")
            lines.append(section.title)
            if let notReached = section.notReached { lines.append("  ! \(notReached)") }
            for rule in section.rules { lines += ruleLines(rule) }
            if !section.notApplicable.isEmpty { lines.append("  – " + notApplicableSummary(section, language)) }
        }
        if !model.deadlines.isEmpty {
            lines.append("")
            lines.append(model.heading(.deadlines))
            for deadline in model.deadlines {
                lines.append("  \(model.labelled(deadline.label, deadline.value))\(deadline.marks)    \(deadline.citation)")
                lines.append("    「\(deadline.quote)」")
                lines += deadline.context.map { "    \($0)" }
                lines += deadline.evidence.map { "    · \($0)" }
                if let note = deadline.note { lines.append("    " + model.labelled(model.heading(.note), note)) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func ruleLines(_ rule: ReportModel.Rule) -> [String] {
        let width = rule.statusText.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        let padded = rule.statusText + String(repeating: " ", count: max(0, 12 - width))
        var lines = ["  \(paint(padded, colour(for: rule.status)))  \(rule.citation)  \(rule.explanation)" + (rule.id.map { "  [\($0)]" } ?? ""),
                     "      「\(rule.quote)」"]
        lines += rule.context.map { "      \($0)" }
        lines += rule.evidence.map { "      · \($0)" }
        if let missing = rule.missing { lines.append("      " + Words.labelled(Words.heading(.missing, language), missing, language)) }
        if let date = rule.passesFrom { lines.append("      " + Words.labelled(Words.heading(.passesFrom, language), date, language)) }
        if let note = rule.note { lines.append("      " + Words.labelled(Words.heading(.note, language), note, language)) }
        return lines
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
        case .incomplete, .deferred, .undetermined, .outOfScope: return .yellow
        }
    }

    private func paint(_ text: String, _ colour: Colour?) -> String {
        guard self.colour, let colour else { return text }
        return "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m"
    }
}

/// "不适用的规定（3条）：第七条（一）、…" / "Rules that do not apply (3): …": a section's
/// rules outside this applicant's case, by citation only.
func notApplicableSummary(_ section: ReportModel.Section, _ language: Language) -> String {
    let count = section.notApplicable.count
    let label = Words.heading(.notApplicableCount, language) + (language == .zh ? "（\(count)条）" : " (\(count))")
    return Words.labelled(label, section.notApplicable.joined(separator: Words.listSeparator(language)), language)
}
