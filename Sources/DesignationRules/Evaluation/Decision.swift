/// The decision alone, for batch mode: verdict, stage outcomes, each rule's status, the
/// failures with the dates time would cure them, the facts to ask for, and the earliest
/// eligible date. It is what `Evaluation` would say, reached without building the
/// evidence of rules that pass or do not apply.
public struct Decision: Sendable {
    public var verdict: Verdict
    public var stages: [StageResult]
    /// Statuses parallel to the evaluator's `rules`; empty when out of scope.
    public var statuses: [RuleStatus]
    /// For each failed rule (by index), the first date on which it would pass, if time cures it.
    public var passesFrom: [Int: CivilDate]
    public var questions: [String]
    public var earliest: EarliestEligibility?
}

extension Evaluator {
    /// The decision for a profile, on the fast path: rules are evaluated without
    /// evidence, and only failed and unknown rules are evaluated again with it (for
    /// their dates and the facts they need).
    public func decide(_ profile: Profile, asOf: CivilDate) -> Decision {
        let facts = profile.facts
        var scopeStatus = RuleStatus.pass
        var scopeNeeded: [String] = []
        if let test = policy.scopeTest {
            var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: asOf, calendar: calendar)
            switch evaluator.value(test) {
            case .boolean(true)?: break
            case .boolean(false)?:
                return Decision(verdict: .outOfScope, stages: [], statuses: [], passesFrom: [:], questions: [], earliest: nil)
            default:
                scopeStatus = .unknown
                scopeNeeded = scopeResult(facts, asOf).needed
            }
        }
        let statuses = rules.map { status(of: $0, facts, asOf) }
        var passesFrom: [Int: CivilDate] = [:]
        var needs: [[String]] = []
        for index in statuses.indices where statuses[index] == .fail || statuses[index] == .unknown {
            let result = evaluateOrWaive(rules[index], facts, asOf)
            if let date = result.passesFrom { passesFrom[index] = date }
            if result.status == .unknown { needs.append(result.needed) }
        }
        let stages = plan.results(statuses)
        var verdict = StagePlan.verdict(stages.map(\.outcome))
        if scopeStatus == .unknown, verdict != .ineligible { verdict = .undetermined }
        let questions = Self.questions(verdict: verdict, scope: scopeNeeded, rules: needs)
        return Decision(verdict: verdict, stages: stages, statuses: statuses, passesFrom: passesFrom, questions: questions,
                        earliest: earliest(statuses, passesFrom, facts))
    }

    /// A rule's status without evidence, waivers applied (as `evaluateOrWaive` does).
    func status(of rule: Rule, _ facts: [String: Value], _ asOf: CivilDate) -> RuleStatus {
        var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: asOf, calendar: calendar)
        var status: RuleStatus
        var applies: Bool? = true
        if let condition = rule.appliesIf {
            switch evaluator.value(condition) {
            case .boolean(false)?: applies = false
            case .boolean(true)?: applies = true
            default: applies = nil
            }
        }
        if applies == false {
            status = .notApplicable
        } else if case .boolean(let holds)? = evaluator.value(rule.test) {
            let passes = rule.polarity == .requires ? holds : !holds
            status = passes ? .pass : (applies == true ? .fail : .unknown)
        } else {
            status = .unknown
        }
        for waiver in policy.waivers where waiver.rule == rule.id {
            guard let condition = waiver.appliesIf else { return .waived }
            switch evaluator.value(condition) {
            case .boolean(true)?: return .waived
            case .boolean(false)?: continue
            default: if status == .fail { status = .unknown }
            }
        }
        return status
    }

    /// As `earliestEligibility`, on statuses: the latest of the failures' own dates,
    /// checked by evaluating every rule on it.
    private func earliest(_ statuses: [RuleStatus], _ passesFrom: [Int: CivilDate], _ facts: [String: Value]) -> EarliestEligibility? {
        var failing = statuses.indices.filter { statuses[$0] == .fail }
        guard !failing.isEmpty else { return nil }
        var dates = passesFrom
        for _ in 0..<8 {
            let timeless = failing.filter { dates[$0] == nil }
            if !timeless.isEmpty { return EarliestEligibility(date: nil, rules: timeless.map { rules[$0].id }) }
            let candidate = failing.compactMap { dates[$0] }.max()!
            if scopeResult(facts, candidate).status == .fail {
                return EarliestEligibility(date: nil, rules: failing.map { rules[$0].id })
            }
            let later = rules.indices.filter { status(of: rules[$0], facts, candidate) == .fail }
            if later.isEmpty {
                return EarliestEligibility(date: candidate, rules: failing.filter { dates[$0] == candidate }.map { rules[$0].id })
            }
            for index in later where dates[index] == nil || dates[index]! <= candidate {
                dates[index] = evaluateOrWaive(rules[index], facts, candidate).passesFrom
            }
            failing = later
        }
        return EarliestEligibility(date: nil, rules: failing.map { rules[$0].id })
    }
}
