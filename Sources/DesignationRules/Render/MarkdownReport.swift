/// The evaluation as Markdown, for a report pasted into a ticket or a wiki: the same
/// content as the text report, with headings, a table of stages and one block per rule.
public struct MarkdownReport: Sendable {
    public let vocabulary: Vocabulary
    public let language: Language
    public let brief: Bool

    public init(vocabulary: Vocabulary, language: Language, brief: Bool = false) {
        self.vocabulary = vocabulary
        self.language = language
        self.brief = brief
    }

    public func render(_ evaluation: Evaluation) -> String {
        let model = ReportModel(evaluation, vocabulary: vocabulary, language: language, brief: brief)
        var lines = ["# \(escape(model.title))", ""]
        lines += model.warnings.map { "> **\(model.heading(.warning))**" + escape(model.labelled("", $0)) }
        if !model.warnings.isEmpty { lines.append("") }
        lines += model.header.map { "- **\(escape($0.0))**" + escape(model.labelled("", $0.1)) }
        lines += ["", "## \(escape(model.decisionLine))", ""]
        if let notice = model.scopeNotice { lines.append(escape(notice)) }
        lines += model.scopeEvidence.map { "- \(escape($0))" }
        if !model.stages.isEmpty {
            lines += ["| \(model.heading(.stages)) | |", "|---|---|"]
            lines += model.stages.map { "| \(cell($0.0)) | \(cell($0.1)) |" }
            lines.append("")
        }
        if !model.reasons.isEmpty {
            lines.append("**\(model.heading(.reasons))**")
            lines += model.reasons.map { "- ✗ \(escape($0))" }
            lines.append("")
        }
        if let earliest = model.earliest { lines += [escape(earliest), ""] }
        if !model.questions.isEmpty {
            lines += ["## \(model.heading(.questions))", ""]
            lines += model.questions.enumerated().map { "\($0.offset + 1). \(escape($0.element))" }
            lines.append("")
        }
        for section in model.sections {
            lines += ["## \(escape(section.title))", ""]
            if let notReached = section.notReached { lines += ["> \(escape(notReached))", ""] }
            for rule in section.rules {
                lines.append("- **\(escape(rule.statusText))** \(escape(rule.citation)) — \(escape(rule.explanation))" + (rule.id.map { " `\($0)`" } ?? ""))
                lines.append("  > 「\(escape(rule.quote))」")
                lines += (rule.context + rule.evidence).map { "  - \(escape($0))" }
                if let missing = rule.missing { lines.append("  - *\(model.heading(.missing))*" + escape(model.labelled("", missing))) }
                if let date = rule.passesFrom { lines.append("  - *\(model.heading(.passesFrom))*" + escape(model.labelled("", date))) }
                if let note = rule.note { lines.append("  - *\(model.heading(.note))*" + escape(model.labelled("", note))) }
            }
            if !section.notApplicable.isEmpty { lines.append("- – " + escape(notApplicableSummary(section, language))) }
            lines.append("")
        }
        if !model.deadlines.isEmpty {
            lines += ["## \(model.heading(.deadlines))", ""]
            for deadline in model.deadlines {
                lines.append("- **\(escape(deadline.label))**" + escape(model.labelled("", deadline.value)) + "\(escape(deadline.marks)) — \(escape(deadline.citation))")
                lines.append("  > 「\(escape(deadline.quote))」")
                lines += (deadline.context + deadline.evidence).map { "  - \(escape($0))" }
                if let note = deadline.note { lines.append("  - *\(model.heading(.note))*" + escape(model.labelled("", note))) }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Characters Markdown would read as markup, escaped.
    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private func cell(_ text: String) -> String { escape(text).replacingOccurrences(of: "\n", with: " ") }
}
