/// The evaluation as Markdown, for a report pasted into a ticket or a wiki: the same
/// content as the text report, with headings, a table of stages and one block per rule.
public struct MarkdownReport: Sendable {
    public let vocabulary: Vocabulary
    public let language: Language

    public init(vocabulary: Vocabulary, language: Language) {
        self.vocabulary = vocabulary
        self.language = language
    }

    public func render(_ evaluation: Evaluation) -> String {
        let model = ReportModel(evaluation, vocabulary: vocabulary, language: language)
        var lines = ["# \(escape(model.title))", ""]
        lines += model.warnings.map { "> **\(model.heading(.warning))**: \(escape($0))" }
        if !model.warnings.isEmpty { lines.append("") }
        lines += model.header.map { "- **\($0.0)**: \(escape($0.1))" }
        lines += ["", "## \(model.heading(.decision)): \(escape(model.decision))", ""]
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
        for section in model.sections {
            lines += ["## \(escape(section.title))", ""]
            for rule in section.rules {
                lines.append("- **\(escape(rule.statusText))** \(escape(rule.citation)) — \(escape(rule.explanation)) `\(rule.id)`")
                lines.append("  > 「\(escape(rule.quote))」")
                lines += (rule.context + rule.evidence).map { "  - \(escape($0))" }
                if let missing = rule.missing { lines.append("  - *\(model.heading(.missing))*: \(escape(missing))") }
                if let date = rule.passesFrom { lines.append("  - *\(model.heading(.passesFrom))*: \(date)") }
                if let note = rule.note { lines.append("  - *\(model.heading(.note))*: \(escape(note))") }
            }
            lines.append("")
        }
        if !model.deadlines.isEmpty {
            lines += ["## \(model.heading(.deadlines))", ""]
            for deadline in model.deadlines {
                lines.append("- **\(escape(deadline.label))**: \(escape(deadline.value))\(escape(deadline.marks)) — \(escape(deadline.citation))")
                lines.append("  > 「\(escape(deadline.quote))」")
                lines += (deadline.context + deadline.evidence).map { "  - \(escape($0))" }
                if let note = deadline.note { lines.append("  - *\(model.heading(.note))*: \(escape(note))") }
            }
            lines.append("")
        }
        if !model.questions.isEmpty {
            lines += ["## \(model.heading(.questions))", ""]
            lines += model.questions.map { "- \(escape($0))" }
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
