/// Warnings about a policy set that loads: facts no rule reads, rules that can
/// never apply, tests whose outcome is fixed whatever the applicant.
public struct PolicyLinter: Sendable {
    public let policies: PolicySet

    public init(policies: PolicySet) { self.policies = policies }

    public func warnings() -> [Diagnostic] {
        unusedFacts() + policies.regionIDs.flatMap { constantRules(policies.policies[$0]!) }
    }

    /// Declared facts that no rule, deadline, scope, waiver or judging date of any policy reads.
    /// Facts marked `informational` (read for reports, such as a name) are exempt.
    func unusedFacts() -> [Diagnostic] {
        var used: Set<String> = []
        for policy in policies.policies.values {
            used.formUnion(policy.rules.flatMap(\.shows))
            var expressions = policy.rules.flatMap { [$0.test] + ($0.appliesIf.map { [$0] } ?? []) }
            expressions += policy.deadlines.flatMap { [$0.value] + ($0.appliesIf.map { [$0] } ?? []) }
            expressions += policy.waivers.compactMap(\.appliesIf) + (policy.scopeTest.map { [$0] } ?? [])
            expressions += policy.dates.map(\.value) + policy.rules.compactMap(\.nextPossible)
            expressions += policy.procedures.compactMap(\.scope?.test)
            for expression in expressions { used.formUnion(expression.facts) }
        }
        return policies.vocabulary.facts.filter { !used.contains($0.path) && !$0.isInformational }.map { fact in
            Diagnostic(.warning, code: "unused-fact", at: fact.location,
                       "fact `\(fact.path)` is declared but no rule reads it; remove it, use it, or mark it `informational: true` if reports show it")
        }
    }

    /// A rule whose `applies_if`, or whose test, comes out the same with no facts
    /// known and on any date is written wrong: it can never apply, pass or fail.
    /// Only the policy's own rules are reported, so an inherited rule is reported once.
    func constantRules(_ policy: Policy) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for rule in policy.rules where rule.citation.document == policy.id {
            if let condition = rule.appliesIf, let value = constant(condition), value == false {
                warnings.append(Diagnostic(.warning, code: "never-applies", at: condition.location,
                                           "rule `\(rule.id)` can never apply: `\(condition.text)` is false whatever the applicant"))
            }
            if let value = constant(rule.test) {
                let outcome = (rule.polarity == .requires) == value ? "pass" : "fail"
                warnings.append(Diagnostic(.warning, code: "constant-rule", at: rule.test.location,
                                           "rule `\(rule.id)` always \(outcome)s: `\(rule.test.text)` does not depend on the applicant"))
            }
        }
        return warnings
    }

    /// The value of a condition that reads no fact and does not depend on the date.
    private func constant(_ expression: Compiled) -> Bool? {
        var dependsOnApplicant = false
        expression.visit { node in
            switch node.operation {
            case .fact, .today: dependsOnApplicant = true
            default: break
            }
        }
        guard !dependsOnApplicant else { return nil }
        var evaluator = ExpressionEvaluator(facts: [:], today: CivilDate(dayNumber: 0), calendar: policies.calendar)
        if case .boolean(let value)? = evaluator.evaluate(expression).value { return value }
        return nil
    }
}
