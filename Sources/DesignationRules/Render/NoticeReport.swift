/// The notice a decision calls for, filled from the evaluation: the form's title, its
/// fields with the institution's facts, the reasons with citations and quoted wording,
/// the dates, and the blanks the form leaves for signatures and stamps.
public struct NoticeReport: Sendable {
    public let policies: PolicySet
    public let language: Language
    var vocabulary: Vocabulary { policies.vocabulary }

    public init(policies: PolicySet, language: Language) {
        self.policies = policies
        self.language = language
    }

    /// A citation as a notice to the applicant writes it: the notice's own text by its
    /// number alone, another text by its title (《医疗机构医疗保障定点管理暂行办法》第七条（六）).
    private func cite(_ citation: Citation, _ evaluation: Evaluation) -> String {
        guard citation.document != evaluation.policy.id, let other = policies.policies[citation.document] else { return citation.text }
        return "《\(other.document.title)》\(citation.text)"
    }

    /// The first notice of the policy whose outcome the evaluation reached.
    public func notice(for evaluation: Evaluation) -> Notice? {
        evaluation.policy.notices.first { notice in
            notice.procedure == evaluation.procedure.id && notice.when.contains { when in
                evaluation.stages.contains { $0.stage.id == when.stage && $0.outcome?.id == when.outcome && evaluation.reached($0) }
            }
        }
    }

    /// The filled notice as text, or nil when no notice fits the outcome.
    public func render(_ evaluation: Evaluation) -> String? {
        guard let notice = notice(for: evaluation) else { return nil }
        let describe = Describer(vocabulary: vocabulary, policy: evaluation.policy, language: language)
        var lines = [notice.title]
        if let citation = notice.citation { lines.append("（\(cite(citation, evaluation))）") }
        lines.append("")
        for (label, value) in notice.fields {
            let filled = fill(value, evaluation, describe)
            let parts = filled.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("\(label)：\(parts.first.map(String.init) ?? "")" + (filled.isEmpty ? "＿＿＿＿＿＿＿＿" : ""))
            lines += parts.dropFirst().map { "    " + $0 }
        }
        if !notice.footer.isEmpty { lines.append("") }
        lines += notice.footer
        return lines.joined(separator: "\n") + "\n"
    }

    private func fill(_ template: String, _ evaluation: Evaluation, _ describe: Describer) -> String {
        var text = template
        for placeholder in NoticeText.placeholders(in: template).reversed() {
            text.replaceSubrange(placeholder.range, with: value(placeholder, evaluation, describe))
        }
        return text
    }

    private func value(_ placeholder: NoticeText.Placeholder, _ evaluation: Evaluation, _ describe: Describer) -> String {
        let failed = evaluation.rules.filter { $0.status == .fail }
        switch placeholder.name {
        case "fact":
            let name = placeholder.argument ?? ""
            switch evaluation.profile.facts[name] {
            // The profile's own text (a name): printed, so its control characters are escaped.
            case .text(let text)? where vocabulary.definition(name)?.values.isEmpty ?? true: return text.escapingControls
            case let value?: return describe.value(value, definition: name, withID: false)
            case nil: return ""
            }
        case "failed":
            let kinds = placeholder.argument.map { Set($0.split(separator: ",").map(String.init)) }
            let chosen = failed.filter { kinds?.contains($0.rule.kind) ?? true }
            return chosen.enumerated().map { "\($0.offset + 1). \(cite($0.element.rule.citation, evaluation))「\($0.element.rule.quote)」" }
                .joined(separator: "\n")
        case "advice":
            return failed.enumerated().map { index, result in
                "\(index + 1). \(result.rule.explanation.text(language))（\(cite(result.rule.citation, evaluation))）"
                    + (result.passesFrom.map { language == .zh ? "，\($0)起可满足" : "; satisfied from \($0)" } ?? "")
            }.joined(separator: "\n")
        case "deadline":
            guard let result = evaluation.deadlines.first(where: { $0.deadline.id == placeholder.argument }),
                  let value = result.value else { return "" }
            return describe.value(value, definition: nil) + (result.isApproximate ? "（约）" : "")
        case "earliest":
            return evaluation.earliest?.date?.description ?? "—"
        case "as_of":
            return evaluation.asOf.description
        default:
            return "{\(placeholder.text)}"
        }
    }
}
