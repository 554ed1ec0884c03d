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

    /// A notice as it will be printed: every placeholder filled, and what the reviewer
    /// must check before it goes out.
    public struct Form: Sendable {
        public var title: String
        /// The source of the form: its annex (附件9), or the article the wording comes from.
        public var source: String?
        /// Whether `source` is an annex, which the form prints at its top left.
        public var sourceIsAnnex: Bool
        /// Whom the notice is to: the first fact the form names, filled (the institution).
        public var subject: String?
        public var fields: [(label: String, value: String, hint: String?)]
        public var footer: [String]
        public var signatures: [[String]]
        /// Notes for the reviewer, not the applicant: a date on the form that is only
        /// approximate, with the field it is in and why.
        public var reviewerNotes: [String]
        /// Forms printed after this one, each on its own page (a receipt to return).
        public var attachments: [Form] = []
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

    /// The notice filled in, or nil when no notice fits the outcome.
    public func form(for evaluation: Evaluation) -> Form? {
        notice(for: evaluation).map { filled($0, evaluation) }
    }

    private func filled(_ notice: Notice, _ evaluation: Evaluation) -> Form {
        let describe = Describer(vocabulary: vocabulary, policy: evaluation.policy, language: language)
        var notes: [String] = []
        let fields = notice.fields.map { field in
            (field.label, fill(field.value, evaluation, describe) { notes.append(approximation(field.label, $0)) }, field.hint)
        }
        // Whom the notice is to: the first field that is one fact and nothing else, filled.
        let subject = notice.fields.indices.first { index in
            let template = notice.fields[index].value
            return template.hasPrefix("{fact:") && template.hasSuffix("}") && NoticeText.placeholders(in: template).count == 1
                && !fields[index].1.isEmpty
        }.map { fields[$0].1 }
        return Form(title: notice.title, source: notice.citation.map { cite($0, evaluation) }, sourceIsAnnex: notice.citation?.annex != nil,
                    subject: subject, fields: fields, footer: notice.footer, signatures: notice.signatures, reviewerNotes: notes,
                    attachments: notice.attachments.map { filled($0, evaluation) })
    }

    /// The filled notice as text, or nil when no notice fits the outcome. Blanks are
    /// underlined; the reviewer's notes follow the form, set apart.
    public func render(_ evaluation: Evaluation) -> String? {
        guard let form = form(for: evaluation) else { return nil }
        var text = text(of: form)
        for attachment in form.attachments { text += "\n" + String(repeating: "✂", count: 20) + "\n\n" + self.text(of: attachment) }
        let notes = ([form] + form.attachments).flatMap(\.reviewerNotes)
        if !notes.isEmpty {
            text += "\n" + String(repeating: "─", count: 20) + "\n" + reviewerHeading + "\n" + notes.map { "  · " + $0 + "\n" }.joined()
        }
        return text
    }

    private func text(of form: Form) -> String {
        var lines = [form.title]
        if let source = form.source { lines.append("（\(source)）") }
        lines.append("")
        for field in form.fields {
            let parts = field.value.split(separator: "\n", omittingEmptySubsequences: false)
            let blank = field.value.isEmpty ? "＿＿＿＿＿＿＿＿" + (field.hint ?? "") : ""
            lines.append("\(field.label)：\(parts.first.map(String.init) ?? "")" + blank)
            lines += parts.dropFirst().map { "    " + $0 }
        }
        if !form.footer.isEmpty || !form.signatures.isEmpty { lines.append("") }
        lines += form.footer
        lines += form.signatures.map { row in row.map { "\($0)：＿＿＿＿＿＿" }.joined(separator: "    ") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The heading of the notes for the reviewer, which are not part of the notice.
    public var reviewerHeading: String {
        language == .zh ? "审核提示（供经办人员核对，不属于通知书内容）" : "For the reviewer (not part of the notice)"
    }

    /// The reviewer's note for an approximate date in a field.
    private func approximation(_ label: String, _ date: String) -> String {
        language == .zh
            ? "「\(label)」中的日期 \(date) 为约数：该年的节假日安排尚未载入，工作日只按周末计算。出具前请按当年国务院办公厅节假日安排核对，并删去「（约）」。"
            : "The date \(date) in 「\(label)」 is approximate: that year's holiday arrangement is not loaded, so working days were counted on weekends alone. Check it against the year's State Council arrangement and strike out 「（约）」 before the notice goes out."
    }

    /// An approximate date as the notice prints it, "（约）" after it, and told to the reviewer.
    private func marked(_ date: String, approximate: (String) -> Void) -> String {
        approximate(date)
        return date + "（约）"
    }

    private func fill(_ template: String, _ evaluation: Evaluation, _ describe: Describer, approximate: (String) -> Void) -> String {
        var text = template
        for placeholder in NoticeText.placeholders(in: template).reversed() {
            text.replaceSubrange(placeholder.range, with: value(placeholder, evaluation, describe, approximate: approximate))
        }
        return text
    }

    private func value(_ placeholder: NoticeText.Placeholder, _ evaluation: Evaluation, _ describe: Describer, approximate: (String) -> Void) -> String {
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
                    + (result.passesFrom.map { date in
                        let text = result.isApproximate ? marked(date.description, approximate: approximate) : date.description
                        return language == .zh ? "，\(text)起可满足" : "; satisfied from \(text)"
                    } ?? "")
            }.joined(separator: "\n")
        case "deadline":
            guard let result = evaluation.deadlines.first(where: { $0.deadline.id == placeholder.argument }),
                  let value = result.value else { return "" }
            let text = describe.value(value, definition: nil)
            return result.isApproximate ? marked(text, approximate: approximate) : text
        case "either":
            let parts = (placeholder.argument ?? "").split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 3 else { return "" }
            switch evaluation.profile.facts[parts[0]] {
            case .boolean(true)?: return parts[1]
            case .boolean(false)?: return parts[2]
            default: return parts.count > 3 ? parts[3] : "\(parts[2])/\(parts[1])"
            }
        case "earliest":
            guard let earliest = evaluation.earliest, let date = earliest.date else { return "—" }
            let deciding = evaluation.rules.filter { earliest.rules.contains($0.rule.id) }
            return deciding.contains(where: \.isApproximate) ? marked(date.description, approximate: approximate) : date.description
        case "as_of":
            return evaluation.asOf.description
        default:
            return "{\(placeholder.text)}"
        }
    }
}
