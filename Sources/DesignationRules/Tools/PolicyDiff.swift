/// What a region changes against another policy (by default the one it extends):
/// rules and deadlines replaced (with both citations and quotes), waived, added, and
/// parameters whose values differ. Written for people who know the texts.
public struct PolicyDiff: Sendable {
    public struct Replacement: Sendable {
        public var old: Superseded
        public var new: Rule
    }

    public var region: Policy
    public var base: Policy
    public var replaced: [Replacement]
    public var added: [Rule]
    public var waived: [Waiver]
    public var parameters: [(old: Parameter, new: Parameter)]
    public var addedParameters: [Parameter]
    public var deadlines: [Deadline]

    public init(region: Policy, against base: Policy) {
        self.region = region
        self.base = base
        let baseRules = Set(base.rules.map(\.id))
        let baseCitations = Dictionary(base.rules.map { ($0.id, $0.citation) }, uniquingKeysWith: { first, _ in first })
        var replaced: [Replacement] = []
        var added: [Rule] = []
        for rule in region.rules where rule.citation != baseCitations[rule.id] {
            if let old = rule.superseded, baseRules.contains(old.id) {
                replaced.append(Replacement(old: old, new: rule))
            } else if !baseRules.contains(rule.id) {
                added.append(rule)
            }
        }
        self.replaced = replaced
        self.added = added
        let baseWaivers = Set(base.waivers.map { "\($0.rule)|\($0.citation.text)" })
        waived = region.waivers.filter { !baseWaivers.contains("\($0.rule)|\($0.citation.text)") }
        var changed: [(Parameter, Parameter)] = []
        var newParameters: [Parameter] = []
        for parameter in region.parameters {
            if let old = base.parameters.first(where: { $0.name == parameter.name }) {
                if old.value != parameter.value || old.citation != parameter.citation { changed.append((old, parameter)) }
            } else {
                newParameters.append(parameter)
            }
        }
        parameters = changed
        addedParameters = newParameters
        let baseDeadlines = Dictionary(base.deadlines.map { ($0.id, $0.citation) }, uniquingKeysWith: { first, _ in first })
        deadlines = region.deadlines.filter { $0.citation != baseDeadlines[$0.id] }
    }

    /// The difference as text, in the given language.
    public func render(vocabulary: Vocabulary, language: Language) -> String {
        let describe = Describer(vocabulary: vocabulary, policy: region, language: language)
        func cite(_ citation: Citation) -> String { "\(citation.document) \(citation.text)" }
        let zh = language == .zh
        var lines = ["\(region.id)《\(region.document.title)》\(region.document.number)",
                     (zh ? "对照 " : "against ") + "\(base.id)《\(base.document.title)》\(base.document.number)"]
        func section(_ title: Label, _ body: [String]) {
            guard !body.isEmpty else { return }
            lines.append("")
            lines.append("\(title.text(language)) (\(body.count))")
            lines += body
        }
        section(Label(zh: "替代的规则", en: "Rules replaced"), replaced.flatMap { replacement in [
            "  \(replacement.old.id) → \(replacement.new.id)",
            "    \(cite(replacement.old.citation))「\(replacement.old.quote)」",
            "    → \(cite(replacement.new.citation))「\(replacement.new.quote)」",
            "    \(replacement.new.explanation.text(language))",
        ] })
        section(Label(zh: "豁免的规则", en: "Rules waived"), waived.flatMap { waiver in [
            "  \(waiver.rule)" + (waiver.appliesIf.map { (zh ? "（适用于 " : " (for ") + $0.text + (zh ? "）" : ")") } ?? ""),
            "    \(cite(waiver.citation))「\(waiver.quote)」",
            "    \(waiver.explanation.text(language))",
        ] })
        section(Label(zh: "新增的规则", en: "Rules added"), added.flatMap { rule in [
            "  \(rule.id)  \(cite(rule.citation))  \(rule.explanation.text(language))",
            "    「\(rule.quote)」",
        ] })
        section(Label(zh: "改变的参数", en: "Parameters changed"), parameters.map { pair in
            "  \(pair.new.label.text(language)): \(cite(pair.old.citation)) \(describe.value(pair.old.value, definition: nil)) → \(cite(pair.new.citation)) \(describe.value(pair.new.value, definition: nil))"
        })
        section(Label(zh: "新增的参数", en: "Parameters added"), addedParameters.map { parameter in
            "  \(parameter.label.text(language)) = \(describe.value(parameter.value, definition: nil))  \(cite(parameter.citation))"
        })
        section(Label(zh: "替代或新增的期限", en: "Deadlines replaced or added"), deadlines.map { deadline in
            "  \(deadline.label.text(language))  \(cite(deadline.citation))" + (deadline.superseded.map { (zh ? "（替代 " : " (replaces ") + cite($0.citation) + (zh ? "）" : ")") } ?? "")
        })
        return lines.joined(separator: "\n") + "\n"
    }
}
