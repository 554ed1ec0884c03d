/// Everything about one rule in one place: citation, wording, explanation, reading,
/// expressions, the facts and parameters it reads, where it is used, and which
/// fixtures exercise it with what result.
public struct RuleExplainer: Sendable {
    public let policies: PolicySet
    public let language: Language

    public init(policies: PolicySet, language: Language) {
        self.policies = policies
        self.language = language
    }

    /// The policy whose own text a rule id comes from, and the rule.
    public func find(_ id: String) -> (Policy, Rule)? {
        for region in policies.regionIDs {
            let policy = policies.policies[region]!
            if let rule = policy.rules.first(where: { $0.id == id && $0.citation.document == policy.id }) { return (policy, rule) }
        }
        return nil
    }

    public func explain(_ id: String, results: [FixtureRunner.Result]) -> String? {
        guard let (policy, rule) = find(id) else { return nil }
        let describe = Describer(vocabulary: policies.vocabulary, policy: policy, language: language)
        var lines = ["\(rule.id)  [\(policy.id), \(rule.kind)]",
                     "\(describe.citation(rule.citation))「\(rule.quote)」",
                     rule.explanation.text(language)]
        if let old = rule.superseded { lines.append("replaces \(old.citation.document) \(old.citation.text)「\(old.quote)」") }
        if let note = rule.note { lines.append("note: \(note.text(language))") }
        if let condition = rule.appliesIf { lines.append("applies_if: \(condition.text)") }
        for alternative in rule.alternatives {
            lines.append("alternative \(alternative.citation.text)「\(alternative.quote)」: \(alternative.test.text)")
        }
        if rule.alternatives.isEmpty { lines.append("\(rule.polarity.rawValue): \(rule.test.text)") }
        if let next = rule.nextPossible { lines.append("next_possible: \(next.text)") }
        lines.append("judged on: " + judgedOn(rule, policy))

        var facts: Set<String> = rule.test.facts.union(rule.appliesIf?.facts ?? [])
        var parameters: Set<String> = []
        for expression in [rule.test] + (rule.appliesIf.map { [$0] } ?? []) {
            expression.visit { if case .parameter(let name) = $0.operation { parameters.insert(name) } }
        }
        facts.formUnion(rule.alternatives.flatMap(\.test.facts))
        lines.append("facts read:")
        for path in facts.sorted() {
            let fact = policies.vocabulary.definition(path)
            lines.append("  \(path): \(fact?.label.text(language) ?? "?") (\(fact.map { "\($0.type)" } ?? "?"))" + (fact?.form.map { " — \($0)" } ?? ""))
        }
        if !parameters.isEmpty {
            lines.append("parameters:")
            for name in parameters.sorted() {
                guard let parameter = policy.parameters.first(where: { $0.name == name }) else { continue }
                lines.append("  \(name) = \(describe.value(parameter.value, definition: nil)) (\(describe.citation(parameter.citation)))")
            }
        }
        lines.append("in regions:")
        for region in policies.regionIDs {
            let other = policies.policies[region]!
            if other.waivers.contains(where: { $0.rule == id }) {
                lines.append("  \(region): waived" + (other.waivers.first { $0.rule == id }?.appliesIf.map { " when \($0.text)" } ?? ""))
            } else if other.rules.contains(where: { $0.id == id }) {
                lines.append("  \(region): applies")
            } else if let replacement = other.rules.first(where: { $0.superseded?.id == id }) {
                lines.append("  \(region): replaced by \(replacement.id) (\(replacement.citation.document) \(replacement.citation.text))")
            }
        }
        let exercising = results.compactMap { result -> String? in
            guard let status = result.evaluation?.rules.first(where: { $0.rule.id == id })?.status else { return nil }
            return "  \(result.fixture.region)/\(result.fixture.name): \(status.rawValue)"
        }
        lines.append("fixtures (\(exercising.count)):")
        lines += exercising
        return lines.joined(separator: "\n") + "\n"
    }

    /// The day the rule is judged on, and where that is said (its own `judged_on` or its stage's).
    private func judgedOn(_ rule: Rule, _ policy: Policy) -> String {
        guard let procedure = policy.procedure(of: rule), let name = policy.judgingDateName(of: rule, in: procedure),
              let date = policy.date(name) else {
            return rule.judgedOn == JudgingDate.asOf ? "the as-of date (the rule's own judged_on)" : "the as-of date"
        }
        let source = rule.judgedOn == nil ? "its stage's" : "the rule's own"
        return "\(name): \(date.value.text) — \(date.label.text(language)) (\(source) judged_on)"
    }
}
